#!/usr/bin/env node
/**
 * `npm run bench`: wall time (median) and peak memory of hooklint against
 * Node's own start-up (`node -e 0`, the floor) and against the tools a user
 * might pick instead, on (a) one settings file, (b) the real corpus in
 * ../shared/corpus/real, (c) a generated tree of 10,000 files
 * (`npm run bench:corpus`), (d) the 20 real repositories in ../shared/corpus/repos
 * in one call, (e) `hooklint test`'s own overhead per hook against the same
 * commands run directly (scripts/bench-runner.mjs), plus the large single files of issue 6 (20 MB;
 * 25,000 and 50,000 handlers, to show linear growth), then hooklint and ajv-cli
 * paired, run alternately on the same files. Alternatives are installed into .bench/alt on
 * first use: ajv-cli with SchemaStore's Claude Code settings schema, and
 * claude-code-lint (npm). Writes the table to BENCHMARKS.md with the machine
 * and the command. Environment: BENCH_RUNS (default 15), BENCH_NO_ALT=1 to
 * skip the alternatives, BENCH_NO_WRITE=1 to only print, BENCH_COLD=0 to skip
 * the page-cache-dropped rows (they run only as root). Then the language
 * server's latencies (scripts/bench-lsp.mjs, `npm run bench:lsp`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchRunner } from './bench-runner.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const cli = `${root}dist/cli.cjs`;
const corpus = fileURLToPath(new URL('../../shared/corpus/real/', import.meta.url));
const one = `${corpus}003-0-to-1-Labs__memex/.claude/settings.json`;
const tree = `${root}.bench/tree-2000`;
const alt = `${root}.bench/alt`;
const schema = fileURLToPath(new URL('../../shared/peers/schemastore-claude-code-settings.json', import.meta.url));
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

if (!existsSync(tree)) execFileSync(process.execPath, [`${root}scripts/bench-corpus.mjs`, '2000'], { stdio: 'ignore' });
let alternatives = process.env.BENCH_NO_ALT !== '1';
if (alternatives && !existsSync(`${alt}/node_modules/.bin/claudelint`)) {
  const r = spawnSync('npm', ['install', '--prefix', alt, '--no-audit', '--no-fund', '--loglevel=error', 'ajv-cli@5', 'ajv-formats@3', 'claude-code-lint@0.5.0'], { stdio: 'ignore' });
  if (r.status !== 0) alternatives = false;
}

/** Run once; wall ms and peak RSS (MB, when GNU time is there). */
function once(cmd, args, env) {
  const options = { encoding: 'utf8', maxBuffer: 1 << 28, ...(env ? { env: { ...process.env, ...env } } : {}) };
  const t = process.hrtime.bigint();
  const r = TIME ? spawnSync(TIME, ['-f', '%M', cmd, ...args], options) : spawnSync(cmd, args, { ...options, stdio: 'ignore' });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const kb = TIME ? Number(/(\d+)\s*$/.exec(r.stderr ?? '')?.[1]) : NaN;
  return { ms, mb: kb / 1024 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Median wall time and the largest peak RSS over `runs` runs after a warm-up.
 * Each run is paired with a run of the floor (`node -e 0`), and the row's
 * "× floor" divides by the median of those: this machine's speed drifts by
 * 20% over minutes, and a floor measured once at the start would carry that
 * drift into every ratio.
 */
function measure(cmd, args, runs = RUNS, env) {
  once(cmd, args, env);
  const xs = [];
  const floors = [];
  for (let i = 0; i < runs; i++) {
    floors.push(once(process.execPath, ['-e', '0']).ms);
    xs.push(once(cmd, args, env));
  }
  return { ms: median(xs.map((x) => x.ms)), mb: Math.max(...xs.map((x) => x.mb)), floor: median(floors) };
}

/**
 * hooklint and an alternative run alternately (`pairs` pairs, the order flipped every
 * pair): the median of the per-pair differences and its quartiles. Drift over minutes
 * cancels out of each pair, which the table's rows (measured minutes apart) cannot promise.
 */
function paired(a, b, pairs) {
  once(a.cmd, a.args);
  once(b.cmd, b.args);
  const as = [];
  const bs = [];
  for (let i = 0; i < pairs; i++) {
    if (i % 2) as.push(once(a.cmd, a.args).ms), bs.push(once(b.cmd, b.args).ms);
    else bs.push(once(b.cmd, b.args).ms), as.push(once(a.cmd, a.args).ms);
  }
  const d = as.map((x, i) => x - bs[i]).sort((x, y) => x - y);
  const q = (f) => d[Math.min(d.length - 1, Math.floor(f * d.length))];
  return { a: median(as), b: median(bs), diff: median(d), q1: q(0.25), q3: q(0.75), pairs };
}

const files = (dir, re) => execFileSync('find', [dir, '-type', 'f', '-regextype', 'posix-extended', '-regex', re], { encoding: 'utf8' }).split('\n').filter(Boolean);
const corpusSettings = files(corpus, '.*/settings(\\.local)?\\.json');
/** ajv-cli stops at the first file that is not strict JSON: give it only files it can read. */
const strictJson = (fs) =>
  fs.filter((f) => {
    try {
      JSON.parse(readFileSync(f, 'utf8'));
      return true;
    } catch {
      return false;
    }
  });
const treeFiles = files(tree, '.*').length;

const floor = measure(process.execPath, ['-e', '0']);
floor.floor = floor.ms;
const rows = [];
/** Paired comparisons with ajv-cli (see `paired`). */
const comparisons = [];
const add = (input, tool, r, note = '') => rows.push({ input, tool, ...r, note });
add('—', 'node -e 0 (floor)', floor);
add('(a) one settings file', 'hooklint', measure(process.execPath, [cli, 'check', one]));
add('(b) corpus, 150 files', 'hooklint', measure(process.execPath, [cli, 'check', corpus]));
// The 20 real repositories with their scripts and other agents' files (test/precision.test.ts), in one call.
const repos = fileURLToPath(new URL('../../shared/corpus/repos/', import.meta.url));
if (existsSync(repos)) {
  const claimed = JSON.parse(spawnSync(process.execPath, [cli, 'check', '-f', 'json', '--no-config-lookup', repos], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout).length;
  add('(d) 20 real repositories', 'hooklint', measure(process.execPath, [cli, 'check', repos]), `${files(repos, '.*').length} files, ${claimed} of them Claude Code's hook configs, with the scripts their hooks run`);
}
add(`(c) generated, ${treeFiles} files`, 'hooklint', measure(process.execPath, [cli, 'check', tree], Math.min(RUNS, 7)));
add(`(c) generated, ${treeFiles} files`, 'hooklint --no-scripts', measure(process.execPath, [cli, 'check', '--no-scripts', tree], Math.min(RUNS, 7)));
add(`(c) generated, ${treeFiles} files`, 'hooklint, one thread', measure(process.execPath, [cli, 'check', tree], Math.min(RUNS, 7), { HOOKLINT_THREADS: '1' }), 'HOOKLINT_THREADS=1: no reader thread');
const treeSettings = files(tree, '.*/\\.claude/settings\\.json');
const treeStrict = strictJson(treeSettings);
add(`(c) generated, ${treeFiles} files`, 'hooklint, settings files only', measure(process.execPath, [cli, 'check', ...treeStrict], Math.min(RUNS, 7)), `the same ${treeStrict.length} strict-JSON settings files as ajv-cli below, every rule`);
add(`(c) generated, ${treeFiles} files`, 'hooklint --no-scripts, settings files only', measure(process.execPath, [cli, 'check', '--no-scripts', ...treeStrict], Math.min(RUNS, 7)), 'the same files, without reading the scripts they run');
// Like for like with ajv-cli: the same files and only the checks it makes (JSON syntax, schema).
const schemaOnly = `${root}.bench/schema-only.config.json`;
writeFileSync(schemaOnly, JSON.stringify({ rules: Object.fromEntries(JSON.parse(execFileSync(process.execPath, [cli, 'rules', '--format', 'json'], { encoding: 'utf8' })).filter((r) => r.id !== 'json-syntax' && r.id !== 'schema').map((r) => [r.id, 'off'])) }));
add(`(c) generated, ${treeFiles} files`, 'hooklint, settings files only, JSON and schema rules only', measure(process.execPath, [cli, 'check', '--no-scripts', '-c', schemaOnly, ...treeStrict], Math.min(RUNS, 7)), 'the same files and the same checks as ajv-cli (a config turning the other rules off)');
// (e) hooklint test: its own overhead per hook, against the same commands run directly.
const runner = benchRunner(RUNS);
for (const r of runner.rows) add(r.input, r.tool, { ms: r.ms, mb: NaN, floor: floor.ms }, r.note);
const runnerLine = `hooklint test's own overhead per hook: ${runner.overhead.median.toFixed(1)} ms (median of ${runner.overhead.runs} runs of (e); quartiles ${runner.overhead.q1.toFixed(1)} to ${runner.overhead.q3.toFixed(1)} ms): the extra time of 20 more hooks through hooklint test, less the extra time of the same 20 commands run directly, divided by 20.`;
// With the page cache dropped (needs root; skipped otherwise): what a first run on a large checkout sees.
const dropCaches = () => {
  try {
    execFileSync('sync');
    writeFileSync('/proc/sys/vm/drop_caches', '3');
    return true;
  } catch {
    return false;
  }
};
if (process.env.BENCH_COLD !== '0' && dropCaches())
  for (const [tool, env] of [['hooklint, page cache dropped', {}], ['hooklint, one thread, page cache dropped', { HOOKLINT_THREADS: '1' }]]) {
    const xs = [];
    for (let i = 0; i < 3; i++) {
      dropCaches();
      xs.push(once(process.execPath, [cli, 'check', tree], env));
    }
    add(`(c) generated, ${treeFiles} files`, tool, { ms: median(xs.map((x) => x.ms)), mb: Math.max(...xs.map((x) => x.mb)), floor: floor.ms }, 'median of 3, caches dropped before each run');
  }
// Issue 6's bounds: a 20 MB file, and 25,000 / 50,000 handlers in one file (linear growth).
const big = (name, text) => {
  const dir = `${root}.bench/${name}/.claude`;
  if (!existsSync(`${dir}/settings.json`)) {
    execFileSync('mkdir', ['-p', dir]);
    writeFileSync(`${dir}/settings.json`, text());
  }
  return `${dir}/settings.json`;
};
const handlers = (n) => () => JSON.stringify({ hooks: { Stop: [{ hooks: Array.from({ length: n }, (_, i) => ({ type: 'command', command: `echo ${i}` })) }] } }, null, 2) + '\n';
const f20 = big('file-20mb', () => `{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "echo ${'x'.repeat(20 * 2 ** 20)}", "timeout": 30}]}]}}\n`);
add('20 MB settings file', 'hooklint', measure(process.execPath, [cli, 'check', f20], 3));
add('25,000 handlers in one file', 'hooklint', measure(process.execPath, [cli, 'check', '-f', 'compact', big('handlers-25k', handlers(25000))], 3));
add('50,000 handlers in one file', 'hooklint', measure(process.execPath, [cli, 'check', '-f', 'compact', big('handlers-50k', handlers(50000))], 3), 'one warning per handler');
if (alternatives) {
  const ajv = `${alt}/node_modules/.bin/ajv`;
  const ajvArgs = (data) => ['validate', '--strict=false', '-c', 'ajv-formats', '-s', schema, ...data.flatMap((d) => ['-d', d])];
  add('(a) one settings file', 'ajv-cli + SchemaStore schema', measure(ajv, ajvArgs([one]), Math.min(RUNS, 7)));
  const corpusStrict = strictJson(corpusSettings);
  add('(b) corpus, 150 files', 'ajv-cli + SchemaStore schema', measure(ajv, ajvArgs(corpusStrict), 3), `its ${corpusStrict.length} strict-JSON settings files (the schema does not fit hooks.json; ajv-cli stops at the first file that is not strict JSON)`);
  add(`(c) generated, ${treeFiles} files`, 'ajv-cli + SchemaStore schema', measure(ajv, ajvArgs(treeStrict), Math.min(RUNS, 7)), `its ${treeStrict.length} strict-JSON settings files`);
  // The same inputs through hooklint and ajv-cli, alternately.
  const node = process.execPath;
  const vsAjv = (input, what, args, data, pairs) => comparisons.push({ input, what, ...paired({ cmd: node, args: [cli, 'check', ...args] }, { cmd: ajv, args: ajvArgs(data) }, pairs) });
  vsAjv('(a) one settings file', 'every rule', [one], [one], RUNS);
  vsAjv(`(b) corpus: its ${corpusStrict.length} strict-JSON settings files`, 'every rule', corpusStrict, corpusStrict, Math.min(RUNS, 11));
  vsAjv(`(c) tree: its ${treeStrict.length} strict-JSON settings files`, 'every rule, with the scripts they run', treeStrict, treeStrict, Math.min(RUNS, 11));
  vsAjv(`(c) tree: its ${treeStrict.length} strict-JSON settings files`, 'every rule, --no-scripts', ['--no-scripts', ...treeStrict], treeStrict, Math.min(RUNS, 11));
  vsAjv(`(c) tree: its ${treeStrict.length} strict-JSON settings files`, 'JSON and schema rules (what ajv-cli checks)', ['--no-scripts', '-c', schemaOnly, ...treeStrict], treeStrict, Math.min(RUNS, 11));
  const claudelint = `${alt}/node_modules/.bin/claudelint`;
  const a = measure(claudelint, ['validate-settings', '--no-config', '--path', one], Math.min(RUNS, 7));
  add('(a) one settings file', 'claude-code-lint validate-settings', a);
  // It takes one path per run: (b) is measured once over every settings file, (c) extrapolated.
  const t = process.hrtime.bigint();
  for (const f of corpusSettings) spawnSync(claudelint, ['validate-settings', '--no-config', '--path', f], { stdio: 'ignore' });
  add('(b) corpus, 150 files', 'claude-code-lint validate-settings', { ms: Number(process.hrtime.bigint() - t) / 1e6, mb: a.mb, floor: a.floor }, `one run per settings file (${corpusSettings.length}); one pass`);
  add(`(c) generated, ${treeFiles} files`, 'claude-code-lint validate-settings', { ms: a.ms * 2000, mb: a.mb, floor: a.floor }, 'extrapolated: 2,000 settings files × (a)');
}

const fmt = (r) => `| ${r.input} | ${r.tool} | ${r.ms >= 10000 ? (r.ms / 1000).toFixed(0) + ' s' : r.ms.toFixed(0) + ' ms'} | ${(r.ms / r.floor).toFixed(2)} | ${Number.isFinite(r.mb) ? r.mb.toFixed(0) : '—'} | ${r.note} |`;
const table = ['| input | tool | median wall | × floor | peak RSS (MB) | note |', '|---|---|---:|---:|---:|---|', ...rows.map(fmt)].join('\n');
const ms = (x) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(0)} ms`;
const pairTable = comparisons.length === 0 ? '' : [
  '| input | hooklint checks | pairs | hooklint | ajv-cli | hooklint − ajv-cli: median (quartiles) |',
  '|---|---|---:|---:|---:|---|',
  ...comparisons.map((p) => `| ${p.input} | ${p.what} | ${p.pairs} | ${p.a.toFixed(0)} ms | ${p.b.toFixed(0)} ms | ${ms(p.diff)} (${ms(p.q1)} to ${ms(p.q3)}) |`),
].join('\n');
console.log(table);
console.log(`\n${runnerLine}`);
if (pairTable) console.log(`\n${pairTable}`);
if (process.env.BENCH_NO_WRITE !== '1') {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const md = readFileSync(`${root}BENCHMARKS.md`, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const pairText = pairTable ? `\n\nPaired with ajv-cli on the same files (runs alternate, so the machine's drift cancels out of each difference; a negative difference means hooklint was faster):\n\n${pairTable}` : '';
  const block = `${start}\nMeasured ${new Date().toISOString().slice(0, 10)} with \`npm run bench\` (BENCH_RUNS=${RUNS}) on ${availableParallelism()} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}.\n\n${table}\n\n${runnerLine}${pairText}\n${end}`;
  writeFileSync(`${root}BENCHMARKS.md`, md.includes(start) ? md.slice(0, md.indexOf(start)) + block + md.slice(md.indexOf(end) + end.length) : `${md}\n${block}\n`);
}
// The language server (issue 18): a client script of its own, which writes its own block of BENCHMARKS.md.
if (spawnSync(process.execPath, [`${root}scripts/bench-lsp.mjs`], { stdio: 'inherit' }).status !== 0) process.exitCode = 1;
