#!/usr/bin/env node
/**
 * `npm run audit:repos`: lint ../shared/corpus/repos and ../shared/corpus/repos2
 * (40 real repositories with the scripts their hooks run) with the built CLI and
 * measure it against the audits kept beside them.
 *
 * Precision (repos): the findings against VERDICTS.tsv (file, line, column, rule
 * → TP / FP / VERSION) and our audit of the skill, agent and command frontmatter
 * findings (test/data/frontmatter-verdicts.tsv) and of the script-reading rules'
 * findings (test/data/script-verdicts.tsv): per rule, the findings reported, the
 * false-positive rows still reported and the true-positive rows kept.
 *
 * Recall (repos and repos2): per category of each DEFECTS.tsv (the defects
 * listed blind, README of each folder), found/total, for all rows and for the
 * rows of files Claude Code loads. A defect is found when a finding of a rule
 * that covers its category (`CATEGORY_RULES`; a category that is a rule id is
 * covered by that rule) sits at its file and line (within `NEAR` lines: a
 * handler's finding sits at its `type` key, the row at its `command`), or, for a defect located in
 * a script, when such a finding in the same repository names the script (its
 * file name appears in the message: hooklint reports at the handler that runs
 * the script).
 *
 * Then every finding that no VERDICTS.tsv, audit or DEFECTS.tsv row covers, for
 * review (a DEFECTS.tsv row also covers the other lines its `why` lists), the
 * FP rows still reported and the TP rows lost. `--json` prints the same as one
 * JSON object. Exit code 0 (a report, not a gate: test/precision.test.ts is the gate).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = join(ROOT, '..', 'shared', 'corpus');
/** The corpora measured; findings and rows are keyed by paths relative to each. */
const CORPORA = ['repos', 'repos2'];
const REPOS = join(CORPUS, 'repos');
const asJson = process.argv.includes('--json');

/**
 * The rules that find a DEFECTS.tsv category that is not itself a rule id
 * (the lists name defects no rule covered when they were written). A category
 * missing here and not a rule id is found by no rule.
 */
export const CATEGORY_RULES = {
  'unset-env-var': ['env-var-never-set'],
  'module-import-fails': ['plugin-self-import'],
  'wrong-event-input': ['input-field-missing'],
  'input-field-never-set': ['input-field-missing'],
  'deprecated-input-field': ['input-field-missing'],
  'wrong-output-fields': ['output-key-ignored', 'hook-event-name-mismatch'],
  'top-level-additional-context': ['output-key-ignored'],
  'unknown-output-key': ['output-key-ignored'],
  'unknown-hook-specific-field': ['output-key-ignored'],
  'reason-key-ignored': ['output-key-ignored'],
  'invalid-decision-value': ['output-key-ignored'],
  'wrong-output-shape': ['output-key-ignored', 'output-not-json'],
  'plain-stdout-not-shown': ['stdout-unread'],
  'plain-stdout-unseen': ['stdout-unread'],
  'exit-2-reason-on-stdout': ['stdout-unread'],
  'stderr-unseen': ['stdout-unread'],
  'json-on-stderr': ['stdout-unread'],
  'precompact-stdout-instructions': ['stdout-unread'],
  'worktree-create-no-path': ['worktree-path-missing'],
  'worktree-failure-masked': ['worktree-path-missing'],
  'allow-means-no-opinion': ['approve-skips-permission'],
  'unconditional-allow': ['approve-skips-permission'],
  'overbroad-allow': ['approve-skips-permission'],
  'duplicated-uv-run': ['uv-run-project'],
  'hard-coded-absolute-path': ['script-outside-project'],
  'relative-path-in-script': ['relative-script-path'],
};

/** Categories of the scripted configuration-hygiene pass (DEFECTS.tsv READMEs): the rest is "beyond hygiene". */
export const HYGIENE = new Set(['missing-timeout', 'timeout-in-milliseconds', 'unquoted-path-variable', 'plugin-hooks-unknown-key', 'unknown-handler-key', 'flat-handler']);

/** Findings of the built CLI on one corpus, with paths relative to it (keyed like VERDICTS.tsv rows). */
export function findings(corpus = 'repos') {
  const dir = join(CORPUS, corpus);
  const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.cjs'), 'check', '--no-config-lookup', '-f', 'json', dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`hooklint exited ${r.status}: ${r.stderr}`);
  const out = [];
  for (const res of JSON.parse(r.stdout))
    for (const m of res.messages) out.push({ file: relative(dir, res.filePath).split('\\').join('/'), line: m.line, col: m.column, severity: m.severity === 2 ? 'error' : m.severity === 1 ? 'warning' : m.severity, rule: m.ruleId, message: m.message });
  return out;
}

function readTsv(path) {
  const [head, ...rows] = readFileSync(path, 'utf8').split('\n').filter(Boolean);
  const cols = head.split('\t');
  return rows.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [cols[i], v])));
}

/**
 * The audited findings of one corpus: VERDICTS.tsv (repos only), our audit of the
 * frontmatter findings (test/data/frontmatter-verdicts.tsv, repos), of the
 * script-reading rules' findings (test/data/script-verdicts.tsv, `corpus` column)
 * and of the output-contract rules' findings (test/data/output-contract-verdicts.tsv,
 * the corpus told by the repository folder the file sits in).
 */
export function verdicts(corpus = 'repos') {
  const ours = readTsv(join(ROOT, 'test', 'data', 'script-verdicts.tsv')).filter((r) => r.corpus === corpus);
  const contract = readTsv(join(ROOT, 'test', 'data', 'output-contract-verdicts.tsv')).filter((r) => existsSync(join(CORPUS, corpus, r.file.split('/')[0])));
  if (corpus !== 'repos') return [...ours, ...contract];
  return [...readTsv(join(REPOS, 'VERDICTS.tsv')), ...readTsv(join(ROOT, 'test', 'data', 'frontmatter-verdicts.tsv')), ...ours, ...contract];
}

/** The rows of a corpus's DEFECTS.tsv. */
export function defects(corpus = 'repos') {
  return readTsv(join(CORPUS, corpus, 'DEFECTS.tsv'));
}

/** The rule ids that find a category. */
export const rulesFor = (category) => CATEGORY_RULES[category] ?? [category];

/** The other lines a DEFECTS.tsv row's `why` names ("also line 24", "lines 27, 31", "lines 27-216"). */
function extraLines(why) {
  const out = new Set();
  for (const m of (why ?? '').matchAll(/\blines?\s+((?:\d+(?:\s*[-–]\s*\d+)?(?:\s*(?:,|and)\s*)?)+)/g))
    for (const part of m[1].split(/\s*(?:,|and)\s*/)) {
      const [a, b] = part.split(/\s*[-–]\s*/).map(Number);
      if (!Number.isFinite(a)) continue;
      if (Number.isFinite(b) && b >= a && b - a < 2000) for (let i = a; i <= b; i++) out.add(i);
      else out.add(a);
    }
  return out;
}

/**
 * True when finding `f` finds defect `d`: a rule of its category, at its file and
 * line (`lines` widens the line set), or, for a defect in a script (a file the
 * CLI reports nothing in), in the same repository with the script's file name
 * in its message.
 */
function finds(f, d, reported, lines = new Set([Number(d.line)])) {
  if (!rulesFor(d.category).includes(f.rule)) return false;
  // A handler-level finding (missing-timeout) sits at the handler's `type` key, a line or two from its `command`.
  if (f.file === d.file) return [...lines].some((l) => Math.abs(f.line - l) <= NEAR);
  if (reported.has(d.file) || /\.(json|md)$/.test(d.file)) return false;
  const repo = d.file.split('/')[0];
  if (f.file.split('/')[0] !== repo) return false;
  const name = basename(d.file);
  return new RegExp(`(^|[/"'\\s\`])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(["'\\s\`:,)]|$)`).test(f.message);
}

/** How many lines from a config defect's line a finding may sit and still be at it (the handler's other keys). */
const NEAR = 2;

const key = (f) => `${f.file}:${f.line}:${f.col}:${f.rule}`;

/** Everything the report prints, per corpus. */
export function audit() {
  const out = {};
  for (const corpus of CORPORA) {
    const got = findings(corpus);
    const rows = verdicts(corpus);
    const defs = defects(corpus);
    const reported = new Set(got.map((f) => f.file));
    const byKey = new Map(rows.map((r) => [key(r), r]));
    const gotKeys = new Set(got.map(key));
    const perRule = {};
    const stat = (rule) => (perRule[rule] ??= { fired: 0, fpRows: 0, fpGone: 0, tpRows: 0, tpKept: 0 });
    for (const f of got) stat(f.rule).fired++;
    for (const r of rows) {
      const s = stat(r.rule);
      if (r.verdict === 'FP') (s.fpRows++, gotKeys.has(key(r)) || s.fpGone++);
      if (r.verdict === 'TP') (s.tpRows++, gotKeys.has(key(r)) && s.tpKept++);
    }
    const recall = {};
    const missed = [];
    for (const d of defs) {
      const c = (recall[d.category] ??= { total: 0, found: 0, loadedTotal: 0, loadedFound: 0 });
      const hit = got.some((f) => finds(f, d, reported));
      c.total++;
      c.found += hit ? 1 : 0;
      if (d.loaded === 'yes') (c.loadedTotal++, (c.loadedFound += hit ? 1 : 0));
      if (!hit) missed.push(d);
    }
    const defCovers = (f) => defs.some((d) => finds(f, d, reported, new Set([Number(d.line), ...extraLines(d.why)])));
    const uncovered = got.filter((f) => !byKey.has(key(f)) && !defCovers(f));
    const fpLeft = rows.filter((r) => r.verdict === 'FP' && gotKeys.has(key(r)));
    const tpLost = rows.filter((r) => r.verdict === 'TP' && !gotKeys.has(key(r)));
    out[corpus] = { perRule, recall, missed, uncovered, fpLeft, tpLost };
  }
  return out;
}

const pct = (a, b) => (b === 0 ? '-' : `${Math.round((100 * a) / b)}%`);

function main() {
  const all = audit();
  if (asJson) {
    console.log(JSON.stringify(all, null, 2));
    return;
  }
  for (const [corpus, { perRule, recall, missed, uncovered, fpLeft, tpLost }] of Object.entries(all)) {
    console.log(`\n## ${corpus}\n`);
    console.log('| rule | fired | FP rows gone | TP rows kept |');
    console.log('|---|---:|---:|---:|');
    for (const [rule, s] of Object.entries(perRule).sort((a, b) => b[1].fired - a[1].fired || (a[0] < b[0] ? -1 : 1)))
      console.log(`| ${rule} | ${s.fired} | ${s.fpGone}/${s.fpRows} | ${s.tpKept}/${s.tpRows} |`);
    console.log(`\nRecall on ${corpus}/DEFECTS.tsv (found/total; loaded: rows of files Claude Code loads):\n`);
    console.log('| category | rules | found/total | loaded |');
    console.log('|---|---|---:|---:|');
    const sum = { all: [0, 0], loaded: [0, 0], beyond: [0, 0] };
    for (const [cat, c] of Object.entries(recall).sort((a, b) => b[1].total - a[1].total || (a[0] < b[0] ? -1 : 1))) {
      console.log(`| ${cat} | ${rulesFor(cat).join(', ') || '(none)'} | ${c.found}/${c.total} | ${c.loadedFound}/${c.loadedTotal} |`);
      sum.all[0] += c.found, sum.all[1] += c.total, sum.loaded[0] += c.loadedFound, sum.loaded[1] += c.loadedTotal;
      if (!HYGIENE.has(cat)) (sum.beyond[0] += c.loadedFound), (sum.beyond[1] += c.loadedTotal);
    }
    console.log(`| **all** | | ${sum.all[0]}/${sum.all[1]} (${pct(...sum.all)}) | ${sum.loaded[0]}/${sum.loaded[1]} (${pct(...sum.loaded)}) |`);
    console.log(`| **loaded, beyond hygiene** | | | ${sum.beyond[0]}/${sum.beyond[1]} (${pct(...sum.beyond)}) |`);
    console.log(`\n${missed.length} defects not found:`);
    for (const d of missed) console.log(`  ${d.file}:${d.line} [${d.category}]${d.loaded === 'yes' ? '' : ' (not loaded)'}`);
    console.log(`\n${uncovered.length} findings no verdict or defect row covers:`);
    for (const f of uncovered) console.log(`  ${f.file}:${f.line}:${f.col} ${f.severity} [${f.rule}] ${f.message}`);
    console.log(`\n${fpLeft.length} FP rows still reported:`);
    for (const r of fpLeft) console.log(`  ${r.file}:${r.line}:${r.col} [${r.rule}] (${r.cause})`);
    console.log(`\n${tpLost.length} TP rows no longer reported:`);
    for (const r of tpLost) console.log(`  ${r.file}:${r.line}:${r.col} [${r.rule}]${r.unloaded ? ` (unloaded: ${r.unloaded})` : ''}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
