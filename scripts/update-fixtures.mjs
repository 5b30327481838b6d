#!/usr/bin/env node
// Rewrites the golden files of fixtures/<rule>/invalid/<case>/ from what the
// built CLI (dist/cli.cjs) does with that case. Review the diff before
// committing: the golden files are the contract, this only saves typing them.
//
// - expected.out: the rule's findings in compact form (`check -f compact .`).
// - expected.json: the exit code of `check .`, and for each of the rule's
//   findings (in expected.out's order) its position, its fix (safety and
//   title), its suggestions (titles) and its note, each when it has one.
// - <name>.fixed: a file's exact bytes after `check --fix --unsafe-fixes`
//   with only this rule on (expected.json "fixed" lists each changed file: the
//   golden file of its new bytes and/or its new mode, e.g. a chmod +x fix).
// - <name>.suggested: a file with every suggestion of the rule's
//   findings applied (expected.json "suggested").
// Paths in titles and notes are written relative to the case, as `<case>/...`.
//
// Usage: npm run build && node scripts/update-fixtures.mjs [rule-id ...]
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.cjs');
const only = new Set(process.argv.slice(2));
const ruleList = JSON.parse(execFileSync(process.execPath, [cli, 'rules', '--format', 'json'], { encoding: 'utf8' }));
const fixableOf = new Map(ruleList.map((r) => [r.id, r.fixable]));

/**
 * The golden file beside `path` holding its bytes after a fix (`kind` "fixed") or its
 * suggestions (`kind` "suggested"): `<name>.fixed`, a name no discovery claims (an agent's
 * `x.fixed.md` would be linted as another agent).
 */
function goldenPath(path, kind) {
  return `${path}.${kind}`;
}

/** Every file under `dir` (relative paths), without the case's own golden files. */
function filesOf(dir, base = dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return filesOf(p, base);
    const rel = relative(base, p);
    return rel === 'expected.out' || rel === 'expected.json' || /\.(fixed|suggested)$/.test(e.name) ? [] : [rel];
  });
}

function run(args, cwd) {
  try {
    return { code: 0, stdout: execFileSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (e) {
    return { code: e.status, stdout: e.stdout };
  }
}

/** A title with the case's absolute directory written as `<case>`. */
const caseRelative = (text, dir) => text.split(dir + '/').join('<case>/');

// The modes some cases depend on (fixtures/modes.json), whatever the checkout's umask made them.
for (const [path, mode] of Object.entries(JSON.parse(readFileSync(join(root, 'fixtures', 'modes.json'), 'utf8'))))
  if (path !== '$comment') chmodSync(join(root, 'fixtures', path), Number.parseInt(mode, 8));
for (const rule of readdirSync(join(root, 'fixtures'))) {
  if (only.size && !only.has(rule)) continue;
  const dir = join(root, 'fixtures', rule, 'invalid');
  if (!existsSync(dir)) continue;
  for (const c of readdirSync(dir)) {
    const cwd = join(dir, c);
    // Stale golden files go first: what the rule does now is written below.
    for (const f of readdirSync(cwd, { recursive: true })) if (/\.(fixed|suggested)$/.test(basename(String(f)))) unlinkSync(join(cwd, String(f)));
    const compact = run(['check', '--no-config-lookup', '-f', 'compact', '.'], cwd);
    const lines = compact.stdout.split('\n').filter((l) => l.endsWith(`[${rule}]`));
    writeFileSync(join(cwd, 'expected.out'), lines.length ? lines.join('\n') + '\n' : '');
    if (!lines.length) console.error(`${rule}/invalid/${c}: no finding`);

    const results = JSON.parse(run(['check', '--no-config-lookup', '-f', 'json', '.'], cwd).stdout);
    const findings = [];
    const suggestionEdits = new Map();
    for (const r of results)
      for (const m of r.messages.filter((x) => x.ruleId === rule)) {
        const f = { at: `${relative(cwd, r.filePath)}:${m.line}:${m.column}` };
        if (m.fix) f.fix = { safety: m.fix.safety, title: caseRelative(m.fix.title, cwd) };
        if (m.note) f.note = caseRelative(m.note, cwd);
        if (m.suggestions) {
          f.suggestions = m.suggestions.map((s) => caseRelative(s.title, cwd));
          const edits = suggestionEdits.get(r.filePath) ?? [];
          edits.push(...m.suggestions.flatMap((s) => s.edits));
          suggestionEdits.set(r.filePath, edits);
        }
        findings.push(f);
      }
    const expected = { exitCode: compact.code, findings };

    if (fixableOf.get(rule) === 'safe' || fixableOf.get(rule) === 'unsafe') {
      const tmp = mkdtempSync(join(tmpdir(), 'hooklint-update-fixtures-'));
      const copy = join(tmp, 'case');
      cpSync(cwd, copy, { recursive: true });
      const config = join(tmp, 'only-this-rule.json');
      writeFileSync(config, JSON.stringify({ rules: Object.fromEntries(ruleList.filter((r) => r.id !== rule).map((r) => [r.id, 'off'])) }));
      run(['check', '--fix', '--unsafe-fixes', '-c', config, '-f', 'compact', '.'], copy);
      const fixed = {};
      for (const f of filesOf(cwd)) {
        const before = readFileSync(join(cwd, f));
        const after = readFileSync(join(copy, f));
        const modeBefore = statSync(join(cwd, f)).mode & 0o7777;
        const modeAfter = statSync(join(copy, f)).mode & 0o7777;
        const change = {};
        if (!before.equals(after)) {
          writeFileSync(goldenPath(join(cwd, f), 'fixed'), after);
          change.bytes = goldenPath(f, 'fixed');
        }
        if (modeBefore !== modeAfter) change.mode = modeAfter.toString(8);
        if (Object.keys(change).length) fixed[f] = change;
      }
      rmSync(tmp, { recursive: true, force: true });
      expected.fixed = fixed;
      if (!Object.keys(fixed).length && findings.some((f) => f.fix)) console.error(`${rule}/invalid/${c}: a fix is offered but --fix changes nothing`);
    }
    if (suggestionEdits.size) {
      expected.suggested = {};
      for (const [file, edits] of suggestionEdits) {
        const text = readFileSync(file, 'utf8');
        edits.sort((a, b) => a.range[0] - b.range[0]);
        let out = '';
        let pos = 0;
        for (const e of edits) {
          if (e.range[0] < pos) throw new Error(`${rule}/invalid/${c}: suggestions overlap in ${file}`);
          out += text.slice(pos, e.range[0]) + e.text;
          pos = e.range[1];
        }
        writeFileSync(goldenPath(file, 'suggested'), out + text.slice(pos));
        expected.suggested[relative(cwd, file)] = relative(cwd, goldenPath(file, 'suggested'));
      }
    }
    writeFileSync(join(cwd, 'expected.json'), JSON.stringify(expected, null, 2) + '\n');
  }
}
