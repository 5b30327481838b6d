#!/usr/bin/env node
// Prints line and branch coverage per source folder from c8's json-summary
// report (coverage/coverage-summary.json, written by `npm run coverage`).
// Usage: node scripts/coverage-summary.mjs [coverage/coverage-summary.json]
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const summary = JSON.parse(readFileSync(process.argv[2] ?? join(root, 'coverage', 'coverage-summary.json'), 'utf8'));
/** folder (e.g. src/rules) -> summed covered/total lines and branches */
const folders = new Map();
for (const [file, s] of Object.entries(summary)) {
  if (file === 'total') continue;
  const rel = relative(root, file).split(sep);
  const folder = rel.length > 2 ? rel.slice(0, 2).join('/') : rel.slice(0, -1).join('/') || '.';
  const f = folders.get(folder) ?? { lines: [0, 0], branches: [0, 0] };
  f.lines[0] += s.lines.covered;
  f.lines[1] += s.lines.total;
  f.branches[0] += s.branches.covered;
  f.branches[1] += s.branches.total;
  folders.set(folder, f);
}
const pct = ([c, t]) => (t === 0 ? '100.00' : ((100 * c) / t).toFixed(2)).padStart(6);
const rows = [...folders].sort(([a], [b]) => (a < b ? -1 : 1));
console.log('\nfolder            lines %  (covered/total)   branches %  (covered/total)');
for (const [name, f] of [...rows, ['all', { lines: [summary.total.lines.covered, summary.total.lines.total], branches: [summary.total.branches.covered, summary.total.branches.total] }]])
  console.log(`${name.padEnd(16)}  ${pct(f.lines)}   (${f.lines.join('/')})`.padEnd(44) + `${pct(f.branches)}      (${f.branches.join('/')})`);
