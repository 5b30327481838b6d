/**
 * Golden fixtures: fixtures/<rule-id>/{valid,invalid}/<case>/ hold config
 * files at realistic paths (and scripts where a rule needs them).
 * fixtures/modes.json lists the file modes some cases depend on; they are set
 * before any case runs. Each invalid case holds (npm run fixtures:update
 * writes them, scripts/update-fixtures.mjs says how):
 * - expected.out: the rule's findings in compact form, paths relative to the case;
 * - expected.json: the exit code of `check .` and, per finding, its fix (safety
 *   and title), note and suggestions (titles) when it has them; for a rule with fixes,
 *   "fixed": what `--fix --unsafe-fixes` with only this rule on changes (each
 *   file's fixed bytes in <name>.fixed, its new mode); "suggested": each
 *   file with the rule's suggestions applied, in <name>.suggested.
 * Every rule's fixes and suggestions are pinned here: a rule that offers them
 * has a case where they change bytes, with the safety class its meta declares.
 */
import assert from 'node:assert/strict';
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { describe, it } from 'node:test';
import type { FixSafety, TextEdit } from '../src/model/types.js';
import { rules } from '../src/rules/index.js';
import { ROOT, runCli, runCliInProcess } from './helpers.js';

const FIXTURES = join(ROOT, 'fixtures');

/**
 * The golden checks run `main` in this process (issue 23 §9: a process per check made
 * this file take 59 s, 7 s in process). The built CLI still runs end to end on the
 * first invalid case of every `E2E_EVERY`-th rule, for each kind of check, so the
 * bundle answers as the sources do; HOOKLINT_FIXTURES_E2E=1 runs every case end to end.
 */
const E2E_ALL = process.env.HOOKLINT_FIXTURES_E2E === '1';
const E2E_EVERY = 8;
const e2eRules = new Set(rules.filter((_, i) => i % E2E_EVERY === 0).map((r) => r.meta.id));
/** The CLI runner for one case: the built CLI for the end-to-end sample, `main` in this process otherwise. */
const runnerFor = (rule: string, caseIndex: number) => (E2E_ALL || (caseIndex === 0 && e2eRules.has(rule)) ? runCli : runCliInProcess);

/** fixtures/modes.json: path under fixtures/ → the mode (octal string) its case needs (chmodSync throws for a path that does not exist). */
const MODES = Object.entries(JSON.parse(readFileSync(join(FIXTURES, 'modes.json'), 'utf8')) as Record<string, string>).filter(([k]) => k !== '$comment');
for (const [path, mode] of MODES) chmodSync(join(FIXTURES, path), Number.parseInt(mode, 8));

/** expected.json of an invalid case. */
interface Expected {
  exitCode: number;
  /** The rule's findings in expected.out's order: position, fix, note and suggestions, each when it has one. */
  findings: { at: string; fix?: { safety: FixSafety; title: string }; note?: string; suggestions?: string[] }[];
  /** Files the rule's fixes change: the golden file of the new bytes and/or the new mode (octal). */
  fixed?: Record<string, { bytes?: string; mode?: string }>;
  /** Files the rule's suggestions change → the golden file of their bytes with every suggestion applied. */
  suggested?: Record<string, string>;
}

interface JsonMessage {
  ruleId: string;
  line: number;
  column: number;
  fix?: { safety: FixSafety; title: string };
  note?: string;
  suggestions?: { title: string; edits: TextEdit[] }[];
}

function cases(rule: string, kind: 'valid' | 'invalid'): string[] {
  const dir = join(FIXTURES, rule, kind);
  return existsSync(dir) ? readdirSync(dir).map((c) => join(dir, c)) : [];
}

function linesOf(output: string, rule: string): string[] {
  return output.split('\n').filter((l) => l.endsWith(`[${rule}]`));
}

/** Golden files: `<name>.fixed` and `<name>.suggested` (no discovery claims such a name). */
const GOLDEN = /\.(fixed|suggested)$/;

/** The golden file beside `path` (`hooks/hooks.json` → `hooks/hooks.json.fixed`). */
function goldenPath(path: string, kind: 'fixed' | 'suggested'): string {
  return `${path}.${kind}`;
}

/** Every file under `dir`, relative to it: the case's inputs (`inputs`) or its golden files. */
function filesOf(dir: string, which: 'inputs' | 'golden', base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return filesOf(p, which, base);
    const rel = relative(base, p);
    const golden = GOLDEN.test(e.name);
    if (which === 'golden') return golden ? [rel] : [];
    return golden || rel === 'expected.out' || rel === 'expected.json' ? [] : [rel];
  });
}

/** Replace each edit's range of `text` (0-based, half-open) with its text; edits must not overlap. */
function splice(text: string, edits: TextEdit[]): string {
  let out = '';
  let pos = 0;
  for (const e of [...edits].sort((a, b) => a.range[0] - b.range[0])) {
    assert.ok(e.range[0] >= pos, 'suggestions overlap');
    out += text.slice(pos, e.range[0]) + e.text;
    pos = e.range[1];
  }
  return out + text.slice(pos);
}

/**
 * Rules whose meta.fixable promises what they do not offer, and why. The test
 * checks that the gap is still there (closing it means deleting the entry);
 * each is in the report to whoever owns the rule.
 */
const FIX_GAPS: Record<string, string> = {};

const modeOf = (path: string) => (statSync(path).mode & 0o7777).toString(8);
const expectedOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;

describe('golden fixtures', { concurrency: 2 }, () => {
  for (const rule of rules) {
    const id = rule.meta.id;
    const fixable = rule.meta.fixable;
    describe(id, () => {
      it('has at least one valid and one invalid case', () => {
        assert.ok(cases(id, 'valid').length > 0, `fixtures/${id}/valid is missing`);
        assert.ok(cases(id, 'invalid').length > 0, `fixtures/${id}/invalid is missing`);
      });
      it(`its fixes are pinned: ${FIX_GAPS[id] ? `known gap: ${FIX_GAPS[id]}` : fixable === undefined ? 'no finding offers a fix or a suggestion' : fixable === 'suggest' ? 'a case applies its suggestions, none offers a fix' : `a case applies its ${fixable} fix; every fix is ${fixable}`}`, () => {
        const all = cases(id, 'invalid').map(expectedOf);
        const findings = all.flatMap((e) => e.findings);
        if (FIX_GAPS[id]) {
          assert.deepEqual(findings.filter((f) => f.fix || f.suggestions), [], `the gap "${FIX_GAPS[id]}" is closed: remove ${id} from FIX_GAPS`);
          return;
        }
        if (fixable === undefined) {
          assert.deepEqual(findings.filter((f) => f.fix || f.suggestions), []);
        } else if (fixable === 'suggest') {
          assert.deepEqual(findings.filter((f) => f.fix), []);
          assert.ok(all.some((e) => e.findings.some((f) => f.suggestions) && Object.keys(e.suggested ?? {}).length > 0), 'no case pins the bytes of a suggestion');
        } else {
          assert.deepEqual(findings.filter((f) => f.fix && f.fix.safety !== fixable).map((f) => f.at), [], `fixes of another safety than ${fixable}`);
          assert.ok(all.some((e) => e.findings.some((f) => f.fix) && Object.keys(e.fixed ?? {}).length > 0), 'no case pins what its fix changes');
        }
        // Suggestions offered beside a fix are pinned too.
        for (const e of all) if (e.findings.some((f) => f.suggestions)) assert.ok(Object.keys(e.suggested ?? {}).length > 0, 'a case with suggestions pins no bytes');
      });
      for (const [caseIndex, dir] of cases(id, 'invalid').entries()) {
        const name = `invalid/${basename(dir)}`;
        const run = runnerFor(id, caseIndex);
        it(`${name} reports exactly expected.out, with expected.json's exit code`, async () => {
          const expected = readFileSync(join(dir, 'expected.out'), 'utf8').split('\n').filter(Boolean);
          assert.ok(expected.length > 0, 'expected.out must list at least one finding');
          const { code, stdout, stderr } = await run(['check', '-f', 'compact', '.'], { cwd: dir });
          assert.equal(stderr, '');
          assert.deepEqual(linesOf(stdout, id), expected);
          assert.equal(code, expectedOf(dir).exitCode);
        });
        it(`${name}: each finding's fix, note and suggestions as expected.json says; the suggestions give the .suggested bytes`, async () => {
          const expected = expectedOf(dir);
          const { stdout } = await run(['check', '-f', 'json', '.'], { cwd: dir });
          const results = JSON.parse(stdout) as { filePath: string; messages: JsonMessage[] }[];
          const title = (t: string) => t.split(`${dir}/`).join('<case>/');
          const got = results.flatMap((r) =>
            r.messages
              .filter((m) => m.ruleId === id)
              .map((m) => ({
                at: `${relative(dir, r.filePath)}:${m.line}:${m.column}`,
                ...(m.fix ? { fix: { safety: m.fix.safety, title: title(m.fix.title) } } : {}),
                ...(m.note ? { note: title(m.note) } : {}),
                ...(m.suggestions ? { suggestions: m.suggestions.map((s) => title(s.title)) } : {}),
              })),
          );
          assert.deepEqual(got, expected.findings);
          const suggested: Record<string, string> = {};
          for (const r of results) {
            const edits = r.messages.filter((m) => m.ruleId === id).flatMap((m) => (m.suggestions ?? []).flatMap((s) => s.edits));
            if (edits.length === 0) continue;
            const file = relative(dir, r.filePath);
            suggested[file] = goldenPath(file, 'suggested');
            assert.equal(splice(readFileSync(r.filePath, 'utf8'), edits), readFileSync(join(dir, goldenPath(file, 'suggested')), 'utf8'), `${file} with the suggestions applied`);
          }
          assert.deepEqual(suggested, expected.suggested ?? {});
          // No golden file is left over from another version of the case.
          const listed = [...Object.values(expected.fixed ?? {}).flatMap((c) => (c.bytes ? [c.bytes] : [])), ...Object.values(expected.suggested ?? {})];
          assert.deepEqual(filesOf(dir, 'golden').sort(), listed.sort());
        });
        if (fixable === 'safe' || fixable === 'unsafe')
          it(`${name}: --fix --unsafe-fixes with only ${id} on changes exactly what expected.json "fixed" says`, async () => {
            const fixed = expectedOf(dir).fixed;
            assert.ok(fixed, 'expected.json has no "fixed" (npm run fixtures:update)');
            const tmp = mkdtempSync(join(tmpdir(), 'hooklint-fixture-fix-'));
            const copy = join(tmp, 'case');
            cpSync(dir, copy, { recursive: true });
            const config = join(tmp, 'only-this-rule.json');
            writeFileSync(config, JSON.stringify({ rules: Object.fromEntries(rules.filter((r) => r.meta.id !== id).map((r) => [r.meta.id, 'off'])) }));
            const r = await run(['check', '--fix', '--unsafe-fixes', '-c', config, '-f', 'compact', '.'], { cwd: copy });
            assert.equal(r.stderr, '');
            for (const f of filesOf(dir, 'inputs')) {
              const change: { bytes?: string; mode?: string } = fixed[f] ?? {};
              const want: Buffer = change.bytes ? readFileSync(join(dir, change.bytes)) : readFileSync(join(dir, f));
              assert.deepEqual(readFileSync(join(copy, f)), want, `${f}: ${change.bytes ? `not the bytes of ${change.bytes}` : 'changed'}`);
              assert.equal(modeOf(join(copy, f)), change.mode ?? modeOf(join(dir, f)), `${f}: mode`);
            }
            assert.deepEqual(Object.keys(fixed).filter((f) => !existsSync(join(dir, f))), [], 'expected.json names files the case does not have');
          });
      }
      for (const [caseIndex, dir] of cases(id, 'valid').entries())
        it(`valid/${basename(dir)} does not trigger it`, async () => {
          const { stdout, stderr } = await runnerFor(id, caseIndex)(['check', '-f', 'json', '.'], { cwd: dir });
          assert.equal(stderr, '');
          const results = JSON.parse(stdout) as { messages: { ruleId: string }[] }[];
          assert.ok(results.length > 0, 'the case must hold a hook config that is linted');
          assert.deepEqual(results.flatMap((r) => r.messages.filter((m) => m.ruleId === id)), []);
        });
    });
  }
});
