/**
 * Precision on real repositories (../shared/corpus/repos, read in place): 20
 * public repositories with the scripts their hooks run and other agents' hook
 * files beside them, and VERDICTS.tsv, an audit of every finding hooklint
 * 0.1.0 reported there (TP / FP / VERSION; README of that folder).
 *
 * - no FP row is reported at its file and line any more, by any rule;
 * - at least 95 % of the TP rows in files Claude Code loads are still reported;
 * - every run exits 0 or 1 with nothing on stderr, and a repository whose
 *   audited errors were all false exits 0;
 * - `--fix --unsafe-fixes` over a copy changes only the files hooklint claims
 *   as Claude Code's (and the scripts their fixes name), nothing else.
 * `npm run audit:repos` prints the findings no verdict row covers.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { lintFiles } from '../src/node/lint-files.js';
import { pool, ROOT, runCli, SHARED } from './helpers.js';

const REPOS = join(SHARED, 'corpus', 'repos');

interface Row {
  file: string;
  line: string;
  col: string;
  severity: string;
  rule: string;
  verdict: string;
  cause: string;
  unloaded: string;
}

function readVerdicts(path: string): Row[] {
  const [head, ...lines] = readFileSync(path, 'utf8').split('\n').filter(Boolean);
  const cols = head!.split('\t') as (keyof Row)[];
  return lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [cols[i], v])) as unknown as Row);
}

/**
 * Our audit of the findings in skill, agent and command frontmatter (issue
 * "Hooks in skill and agent frontmatter"), which VERDICTS.tsv predates: each
 * finding judged by reading the file, the scripts it runs and SPEC.md, with
 * the reason in the `why` column.
 */
const FRONTMATTER_VERDICTS = join(ROOT, 'test', 'data', 'frontmatter-verdicts.tsv');
const frontmatterRows = readVerdicts(FRONTMATTER_VERDICTS);
/**
 * Our audit of the findings of the rules that read what scripts do (issue 25:
 * input-field-missing, plugin-self-import, env-var-never-set inside scripts, ...)
 * on both corpora, judged by reading each script; `corpus` says which.
 */
const SCRIPT_VERDICTS = join(ROOT, 'test', 'data', 'script-verdicts.tsv');
const scriptRows = readVerdicts(SCRIPT_VERDICTS) as (Row & { corpus: string })[];
/**
 * Our audit of the findings of the output-contract rules (issue 25: what scripts print and how
 * they exit) outside frontmatter, which VERDICTS.tsv predates: each judged by reading the script.
 */
const OUTPUT_CONTRACT_VERDICTS = join(ROOT, 'test', 'data', 'output-contract-verdicts.tsv');
const rows: Row[] = [...readVerdicts(join(REPOS, 'VERDICTS.tsv')), ...frontmatterRows, ...scriptRows.filter((r) => r.corpus === 'repos'), ...readVerdicts(OUTPUT_CONTRACT_VERDICTS)];

const repos = readdirSync(REPOS).filter((d) => lstatSync(join(REPOS, d)).isDirectory());

interface JsonResult {
  filePath: string;
  messages: { ruleId: string; line: number; column: number; severity: string; message?: string; fix?: unknown }[];
}

async function check(args: string[]): Promise<{ code: number; results: JsonResult[]; stderr: string }> {
  const r = await runCli(['check', '--no-config-lookup', '-f', 'json', ...args]);
  return { code: r.code, results: JSON.parse(r.stdout) as JsonResult[], stderr: r.stderr };
}

describe('precision on real repositories (VERDICTS.tsv)', () => {
  it('reports no FP row at its file and line, and at least 95 % of the TP rows of loaded files', async () => {
    const { code, results, stderr } = await check([REPOS]);
    assert.ok(code === 0 || code === 1, `exit ${code}`);
    assert.equal(stderr, '');
    // A finding at an FP row's file and line counts against it, whatever its rule or column,
    // unless it is one of the audit's true findings (a TP row at the same line).
    const good = new Set(rows.filter((r) => r.verdict !== 'FP').map((r) => `${r.file}:${r.line}:${r.col}:${r.rule}`));
    const at = new Set<string>();
    const exact = new Set<string>();
    for (const r of results)
      for (const m of r.messages) {
        const file = relative(REPOS, r.filePath);
        const key = `${file}:${m.line}:${m.column}:${m.ruleId}`;
        exact.add(key);
        if (!good.has(key)) at.add(`${file}:${m.line}`);
      }
    const fpLeft = rows.filter((r) => r.verdict === 'FP' && at.has(`${r.file}:${r.line}`)).map((r) => `${r.file}:${r.line} [${r.rule}] (${r.cause})`);
    assert.deepEqual(fpLeft, []);
    const tp = rows.filter((r) => r.verdict === 'TP' && r.unloaded === '');
    assert.ok(tp.length > 0 && rows.some((r) => r.verdict === 'FP'), 'the audit (VERDICTS.tsv) lists TP and FP rows');
    const kept = tp.filter((r) => exact.has(`${r.file}:${r.line}:${r.col}:${r.rule}`));
    assert.ok(kept.length >= 0.95 * tp.length, `${kept.length} of ${tp.length} TP rows kept; lost: ${tp.filter((r) => !kept.includes(r)).map((r) => `${r.file}:${r.line} [${r.rule}]`).join(', ')}`);
  });

  it('reports exactly the audited findings in skill, agent and command frontmatter (test/data/frontmatter-verdicts.tsv)', async () => {
    const { results } = await check([REPOS]);
    const reported = results
      .filter((r) => r.filePath.endsWith('.md'))
      .flatMap((r) => r.messages.map((m) => `${relative(REPOS, r.filePath)}:${m.line}:${m.column}:${m.ruleId}`))
      .sort();
    const audited = frontmatterRows.map((r) => `${r.file}:${r.line}:${r.col}:${r.rule}`).sort();
    assert.deepEqual(reported, audited);
    assert.deepEqual(frontmatterRows.filter((r) => r.verdict === 'FP'), []);
  });

  it('reports exactly the audited findings of the script-reading rules of issue 25 on repos and repos2 (test/data/script-verdicts.tsv)', async () => {
    // New rules, and the findings the issue-25 extensions of older rules add (told apart by their message).
    const NEW = new Set(['input-field-missing', 'plugin-self-import', 'shell-syntax-error', 'frontmatter-event-never-fires', 'script-outside-project']);
    const pinned = (m: { ruleId: string; message?: string }) =>
      NEW.has(m.ruleId) ||
      (m.ruleId === 'env-var-never-set' && /^script "/.test(m.message ?? '')) ||
      (m.ruleId === 'exit-1-does-not-block' && /^this command/.test(m.message ?? '')) ||
      (m.ruleId === 'path-dependent-command' && /its shebang/.test(m.message ?? '')) ||
      ((m.ruleId === 'path-dependent-command' || m.ruleId === 'prefer-python3') && /^script "/.test(m.message ?? '')) ||
      (m.ruleId === 'mcp-matcher-incomplete' && /lacks the mcp__ prefix/.test(m.message ?? '')) ||
      (m.ruleId === 'plugin-root-outside-plugin' && /is not in a plugin/.test(m.message ?? '')) ||
      (m.ruleId === 'relative-script-path' && /^script "/.test(m.message ?? ''));
    for (const corpus of ['repos', 'repos2']) {
      const dir = join(SHARED, 'corpus', corpus);
      const { results } = await check([dir]);
      const reported = results.flatMap((r) => (r.messages as { ruleId: string; line: number; column: number; message?: string }[]).filter(pinned).map((m) => `${relative(dir, r.filePath)}:${m.line}:${m.column}:${m.ruleId}`)).sort();
      const audited = [...scriptRows.filter((r) => r.corpus === corpus), ...(corpus === 'repos' ? frontmatterRows.filter((r) => NEW.has(r.rule)) : [])].map((r) => `${r.file}:${r.line}:${r.col}:${r.rule}`).sort();
      assert.deepEqual(reported, audited, corpus);
    }
    assert.deepEqual(scriptRows.filter((r) => r.verdict === 'FP'), []);
  });

  it('reports exactly the audited stdout-unread findings on repos and repos2 (test/data/output-contract-verdicts.tsv)', async () => {
    // Where a script's output goes (issue 25): every finding read and judged, so a new one must be audited first.
    const contractRows = readVerdicts(OUTPUT_CONTRACT_VERDICTS).filter((r) => r.rule === 'stdout-unread');
    for (const corpus of ['repos', 'repos2']) {
      const dir = join(SHARED, 'corpus', corpus);
      const { results } = await check([dir]);
      const reported = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'stdout-unread').map((m) => `${relative(dir, r.filePath)}:${m.line}:${m.column}:${m.ruleId}`)).sort();
      const audited = contractRows.filter((r) => existsSync(join(dir, r.file.split('/')[0]!))).map((r) => `${r.file}:${r.line}:${r.col}:${r.rule}`).sort();
      assert.deepEqual(reported, audited, corpus);
    }
    assert.deepEqual(contractRows.filter((r) => r.verdict === 'FP'), []);
  });

  it('each repository: exit 0 or 1, nothing on stderr; exit 0 where every audited error was false', async () => {
    const failures: string[] = [];
    await pool(repos, 4, async (repo) => {
      const { code, stderr } = await check([join(REPOS, repo)]);
      if (code !== 0 && code !== 1) failures.push(`${repo}: exit ${code}`);
      if (stderr !== '') failures.push(`${repo}: stderr ${stderr}`);
      const trueErrors = rows.filter((r) => r.file.startsWith(`${repo}/`) && r.severity === 'error' && r.verdict === 'TP');
      if (trueErrors.length === 0 && code !== 0) failures.push(`${repo}: exit ${code}, but the audit found no true error there`);
    });
    assert.deepEqual(failures, []);
  });

  it('--fix --unsafe-fixes over a copy changes only the files hooklint claims, and the scripts their fixes name', async () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'hooklint-repos-')), 'repos');
    execFileSync('cp', ['-R', REPOS, copy]);
    execFileSync('chmod', ['-R', 'u+w', copy]);
    const snapshot = (root: string) => {
      const out = new Map<string, string>();
      const walk = (d: string) => {
        for (const e of readdirSync(d, { withFileTypes: true })) {
          const p = join(d, e.name);
          if (e.isDirectory()) walk(p);
          else if (e.isFile()) out.set(relative(root, p), `${(lstatSync(p).mode & 0o777).toString(8)} ${readFileSync(p, 'latin1')}`);
        }
      };
      walk(root);
      return out;
    };
    const before = snapshot(copy);
    const claimed = new Set((await check([copy])).results.map((r) => relative(copy, r.filePath)));
    const out = lintFiles([copy], { fix: 'unsafe', useConfig: false });
    assert.deepEqual(out.errors, []);
    const scripts = new Set(out.changes.flatMap((c) => c.fileEdits.map((e) => relative(copy, e.path))));
    const after = snapshot(copy);
    const changed = [...after.keys()].filter((p) => after.get(p) !== before.get(p));
    assert.ok(changed.length > 0, 'the fixes changed nothing');
    assert.deepEqual(changed.filter((p) => !claimed.has(p) && !scripts.has(p)), [], 'a file hooklint does not claim was changed');
    assert.deepEqual(changed.filter((p) => claimed.has(p)).sort(), out.changes.filter((c) => c.before !== c.after).map((c) => relative(copy, c.path)).sort());
    assert.equal([...before.keys()].filter((p) => !after.has(p)).length, 0, 'a file disappeared');
  });
});
