/**
 * `npm run bench`: median wall time of the built CLI against Node's own
 * start-up (`node -e 0`) on (a) one settings file and (b) the whole real
 * corpus in ../shared/corpus/real. Runs each command RUNS times after a warm-up.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const corpus = fileURLToPath(new URL('../../shared/corpus/real/', import.meta.url));
const one = `${corpus}003-0-to-1-Labs__memex/.claude/settings.json`;

function median(cmd, args) {
  spawnSync(cmd, args, { stdio: 'ignore' });
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    spawnSync(cmd, args, { stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const floor = median(process.execPath, ['-e', '0']);
const rows = [
  ['node -e 0 (floor)', floor],
  ['hooklint check <one settings file>', median(process.execPath, [cli, 'check', one])],
  ['hooklint check <corpus, 150 files>', median(process.execPath, [cli, 'check', corpus])],
  ['hooklint check --no-scripts <corpus>', median(process.execPath, [cli, 'check', '--no-scripts', corpus])],
];
console.log(`| input | median ms (${RUNS} runs) | × floor |\n|---|---:|---:|`);
for (const [name, ms] of rows) console.log(`| ${name} | ${ms.toFixed(1)} | ${(ms / floor).toFixed(2)} |`);
