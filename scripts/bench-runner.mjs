#!/usr/bin/env node
/**
 * The `hooklint test` rows of `npm run bench` (scripts/bench.mjs imports
 * `benchRunner`; `node scripts/bench-runner.mjs` prints them alone): the
 * runner's own overhead per hook. Two generated projects hold 1 and 21
 * PreToolUse hooks that read their stdin and exit (`cat > /dev/null`).
 * Per run, the extra time of 20 hooks through `hooklint test` is set against
 * the extra time of the same 20 commands started directly (bash -c, the same
 * payload size on stdin, as many at once as the runner runs), which cancels
 * start-up and the commands' own cost: the median over the runs is the
 * overhead per hook. Environment: BENCH_RUNS (default 15).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = `${root}dist/cli.cjs`;
const COMMAND = 'cat > /dev/null';
/** As many hooks at once as src/runner runs. */
const JOBS = Math.max(1, Math.min(4, availableParallelism()));

/** A project under .bench with `n` PreToolUse hooks running COMMAND. */
function project(n) {
  const dir = `${root}.bench/runner-${n}`;
  mkdirSync(`${dir}/.claude`, { recursive: true });
  const hooks = Array.from({ length: n }, (_, i) => ({ type: 'command', command: `${COMMAND} # ${i}`, timeout: 10 }));
  writeFileSync(`${dir}/.claude/settings.json`, JSON.stringify({ hooks: { PreToolUse: [{ matcher: 'Bash', hooks }] } }, null, 2) + '\n');
  return dir;
}

/** A node program that runs `n` commands directly, JOBS at once, each with a payload of `bytes` on stdin. */
const direct = (n, bytes) => `
const { spawn } = require('node:child_process');
const payload = 'x'.repeat(${bytes});
let next = 0;
const one = () => next++ >= ${n} ? Promise.resolve() : new Promise((r) => { const c = spawn('bash', ['-c', ${JSON.stringify(COMMAND)}], { detached: true, stdio: ['pipe', 'pipe', 'pipe'] }); c.stdout.resume(); c.stderr.resume(); c.on('close', r); c.stdin.end(payload); }).then(one);
Promise.all(Array.from({ length: ${JOBS} }, one));
`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function wall(cmd, args, cwd) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/**
 * Measure; returns table rows ({ input, tool, ms, note }) and the overhead per
 * hook in milliseconds (median, with quartiles).
 */
export function benchRunner(runs = Number(process.env.BENCH_RUNS ?? 15)) {
  const one = project(1);
  const many = project(21);
  // The payload a PreToolUse hook gets is about this size (the runner's own, measured once).
  const bytes = 900;
  const h1 = [];
  const h21 = [];
  const d1 = [];
  const d21 = [];
  const over = [];
  const test = (dir) => wall(process.execPath, [cli, 'test', '--no-config-lookup', '-f', 'compact'], dir);
  test(one);
  test(many);
  for (let i = 0; i < runs; i++) {
    const a = test(one);
    const b = test(many);
    const c = wall(process.execPath, ['-e', direct(1, bytes)]);
    const d = wall(process.execPath, ['-e', direct(21, bytes)]);
    h1.push(a), h21.push(b), d1.push(c), d21.push(d);
    over.push((b - a - (d - c)) / 20);
  }
  const sorted = [...over].sort((x, y) => x - y);
  const q = (f) => sorted[Math.min(sorted.length - 1, Math.floor(f * sorted.length))];
  const rows = [
    { input: '(e) 1 PreToolUse hook (`cat > /dev/null`)', tool: 'hooklint test', ms: median(h1), note: 'start-up, discovery, one hook, the report' },
    { input: '(e) 21 PreToolUse hooks', tool: 'hooklint test', ms: median(h21), note: `${JOBS} hooks at once` },
    { input: '(e) 1 PreToolUse hook', tool: 'the same command run directly', ms: median(d1), note: 'node spawning bash -c with the payload on stdin' },
    { input: '(e) 21 PreToolUse hooks', tool: 'the same commands run directly', ms: median(d21), note: `${JOBS} at once` },
  ];
  return { rows, overhead: { median: median(over), q1: q(0.25), q3: q(0.75), runs } };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { rows, overhead } = benchRunner();
  for (const r of rows) console.log(`${r.input} | ${r.tool} | ${r.ms.toFixed(0)} ms | ${r.note}`);
  console.log(`hooklint test's own overhead per hook: ${overhead.median.toFixed(1)} ms (median of ${overhead.runs}; quartiles ${overhead.q1.toFixed(1)} to ${overhead.q3.toFixed(1)} ms)`);
}
