#!/usr/bin/env node
/**
 * `npm run audit:repos`: lint ../shared/corpus/repos (20 real repositories with
 * the scripts their hooks run) with the built CLI and compare the findings with
 * the audit in VERDICTS.tsv (file, line, column, rule → TP / FP / VERSION)
 * and ours of the skill, agent and command frontmatter findings.
 *
 * Prints, per rule, the findings reported, the false-positive rows still
 * reported and the true-positive rows kept; then every finding that no verdict
 * row covers, so a reviewer can judge each new one; then the FP rows still
 * reported and the TP rows lost. `--json` prints the same as one JSON object.
 * Exit code 0 (a report, not a gate: test/precision.test.ts is the gate).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const REPOS = join(ROOT, '..', 'shared', 'corpus', 'repos');
const asJson = process.argv.includes('--json');

/** Findings of the built CLI on the repositories, keyed like VERDICTS.tsv rows. */
export function findings() {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.cjs'), 'check', '--no-config-lookup', '-f', 'json', REPOS], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`hooklint exited ${r.status}: ${r.stderr}`);
  const out = [];
  for (const res of JSON.parse(r.stdout))
    for (const m of res.messages) out.push({ file: relative(REPOS, res.filePath).split('\\').join('/'), line: m.line, col: m.column, severity: m.severity === 2 ? 'error' : m.severity === 1 ? 'warning' : m.severity, rule: m.ruleId, message: m.message });
  return out;
}

function readTsv(path) {
  const [head, ...rows] = readFileSync(path, 'utf8').split('\n').filter(Boolean);
  const cols = head.split('\t');
  return rows.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [cols[i], v])));
}

/** The rows of VERDICTS.tsv, and of our audits of the frontmatter findings and the output-contract rules' findings (test/data/*-verdicts.tsv). */
export function verdicts() {
  return [...readTsv(join(REPOS, 'VERDICTS.tsv')), ...readTsv(join(ROOT, 'test', 'data', 'frontmatter-verdicts.tsv')), ...readTsv(join(ROOT, 'test', 'data', 'output-contract-verdicts.tsv'))];
}

const key = (f) => `${f.file}:${f.line}:${f.col}:${f.rule}`;

function main() {
  const got = findings();
  const rows = verdicts();
  const byKey = new Map(rows.map((r) => [key(r), r]));
  const gotKeys = new Set(got.map(key));
  const perRule = new Map();
  const stat = (rule) => perRule.get(rule) ?? perRule.set(rule, { fired: 0, fpRows: 0, fpGone: 0, tpRows: 0, tpKept: 0 }).get(rule);
  for (const f of got) stat(f.rule).fired++;
  for (const r of rows) {
    const s = stat(r.rule);
    if (r.verdict === 'FP') (s.fpRows++, gotKeys.has(key(r)) || s.fpGone++);
    if (r.verdict === 'TP') (s.tpRows++, gotKeys.has(key(r)) && s.tpKept++);
  }
  const uncovered = got.filter((f) => !byKey.has(key(f)));
  const fpLeft = rows.filter((r) => r.verdict === 'FP' && gotKeys.has(key(r)));
  const tpLost = rows.filter((r) => r.verdict === 'TP' && !gotKeys.has(key(r)));
  if (asJson) {
    console.log(JSON.stringify({ perRule: Object.fromEntries(perRule), uncovered, fpLeft, tpLost }, null, 2));
    return;
  }
  console.log('| rule | fired | FP rows gone | TP rows kept |');
  console.log('|---|---:|---:|---:|');
  for (const [rule, s] of [...perRule].sort((a, b) => b[1].fired - a[1].fired || (a[0] < b[0] ? -1 : 1)))
    console.log(`| ${rule} | ${s.fired} | ${s.fpGone}/${s.fpRows} | ${s.tpKept}/${s.tpRows} |`);
  console.log(`\n${uncovered.length} findings no verdict row covers:`);
  for (const f of uncovered) console.log(`  ${f.file}:${f.line}:${f.col} ${f.severity} [${f.rule}] ${f.message}`);
  console.log(`\n${fpLeft.length} FP rows still reported:`);
  for (const r of fpLeft) console.log(`  ${r.file}:${r.line}:${r.col} [${r.rule}] (${r.cause})`);
  console.log(`\n${tpLost.length} TP rows no longer reported:`);
  for (const r of tpLost) console.log(`  ${r.file}:${r.line}:${r.col} [${r.rule}]${r.unloaded ? ` (unloaded: ${r.unloaded})` : ''}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
