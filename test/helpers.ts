import { spawn, spawnSync, type ChildProcess, type SpawnSyncOptions, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';

/** Repository root and paths used by the tests. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI = fileURLToPath(new URL('../dist/cli.cjs', import.meta.url));
export const SHARED = fileURLToPath(new URL('../../shared/', import.meta.url));
export const CORPUS = `${SHARED}corpus/real/`;

/** Longest any process a test starts may run (milliseconds) before it is killed and the test fails. */
export const SPAWN_TIMEOUT_MS = 60_000;

/**
 * Variables of the test's own environment that change what hooklint does:
 * every `HOOKLINT_*`, colour (`NO_COLOR`, `FORCE_COLOR`) and CI detection
 * (`GITHUB_ACTIONS`, `CI`). A child gets none of them unless a test sets it.
 */
function isHooklintSensitive(name: string): boolean {
  return name.startsWith('HOOKLINT_') || name === 'NO_COLOR' || name === 'FORCE_COLOR' || name === 'GITHUB_ACTIONS' || name === 'CI';
}

/** The environment for a child process: this process's, without the variables of `isHooklintSensitive`, plus `extra`. */
export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!isHooklintSensitive(k)) env[k] = v;
  return { ...env, ...extra };
}

/**
 * `args` for a `check` (or `test`) run that looks up no hooklint.config.json (a config in
 * a parent of the temporary directory, or of the checkout, must not change a
 * test): `--no-config-lookup` is added unless the run names a config, sets
 * lookup itself, or is not a check (`rules`, `explain`, help, version).
 */
function isolatedArgs(args: string[]): string[] {
  if (args[0] === 'rules' || args[0] === 'explain' || args[0] === 'help' || args[0] === 'hooks') return args;
  if (args.some((a) => a === '--help' || a === '-h' || a === '--version' || a === '-v' || a === '-c' || a === '--config' || a.startsWith('--config=') || a === '--config-lookup' || a === '--no-config-lookup')) return args;
  return args[0] === 'check' || args[0] === 'test' ? [args[0], '--no-config-lookup', ...args.slice(1)] : ['--no-config-lookup', ...args];
}

/** Resolve with a child's exit code, or reject (after killing it) when it runs longer than `ms`. */
export function exitOf(child: ChildProcess, what: string, ms = SPAWN_TIMEOUT_MS): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${what}: killed after ${ms / 1000} s`));
    }, ms);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/** spawnSync with the test timeout: throws when the process had to be killed. */
export function spawnSyncTimed(command: string, args: string[], opts: SpawnSyncOptions & { encoding: 'utf8' }): SpawnSyncReturns<string>;
export function spawnSyncTimed(command: string, args: string[], opts?: SpawnSyncOptions): SpawnSyncReturns<string | Buffer>;
export function spawnSyncTimed(command: string, args: string[], opts: SpawnSyncOptions = {}): SpawnSyncReturns<string | Buffer> {
  const r = spawnSync(command, args, { timeout: SPAWN_TIMEOUT_MS, killSignal: 'SIGKILL', ...opts });
  if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT') throw new Error(`${command} ${args.join(' ')}: killed after ${(opts.timeout ?? SPAWN_TIMEOUT_MS) / 1000} s`);
  return r;
}

/**
 * Run the built CLI as a user would; resolves with exit code and output.
 * Isolated from the test's environment: no `HOOKLINT_*`, colour or CI
 * variables unless `opts.env` sets them, and no config lookup unless
 * `opts.configLookup` (tests of hooklint.config.json). Killed, and the test
 * failed, after `opts.timeoutMs` (default SPAWN_TIMEOUT_MS).
 */
export async function runCli(
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; stdin?: string; configLookup?: boolean; timeoutMs?: number } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const argv = opts.configLookup ? args : isolatedArgs(args);
  if (IN_PROCESS) return runInProcess(argv, opts);
  const child = spawn(process.execPath, [CLI, ...argv], {
    cwd: opts.cwd ?? ROOT,
    env: childEnv(opts.env),
    stdio: [opts.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (opts.stdin !== undefined) child.stdin!.end(opts.stdin);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const code = await exitOf(child, `hooklint ${argv.join(' ')}`, opts.timeoutMs);
  return { code: code ?? -1, stdout, stderr };
}

/**
 * True when the test process has HOOKLINT_TEST_IN_PROCESS=1 (`npm run coverage`,
 * `npm run mutate`): `runCli` then calls `main` from src/cli/main.ts in this
 * process instead of spawning dist/cli.cjs, so coverage and mutants apply to
 * the TypeScript sources and no build is needed. The variable never reaches a
 * child (`childEnv` drops every HOOKLINT_*). `npm test` always spawns.
 */
export const IN_PROCESS = process.env.HOOKLINT_TEST_IN_PROCESS === '1';

/**
 * `runCli` always in this process (whatever HOOKLINT_TEST_IN_PROCESS says): `main`
 * from src/cli/main.ts with the same isolated arguments and environment. For
 * suites that run the CLI hundreds of times (the golden fixtures), where a
 * process per run costs most of the time; they keep a few end-to-end runs.
 */
export function runCliInProcess(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; stdin?: string; configLookup?: boolean } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return runInProcess(opts.configLookup ? args : isolatedArgs(args), opts);
}

/** `runCli` in this process: `main` with the same isolated environment, cwd and standard input; not a TTY. */
async function runInProcess(argv: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; stdin?: string }): Promise<{ code: number; stdout: string; stderr: string }> {
  const { main } = await import('../src/cli/main.js');
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    env: childEnv(opts.env),
    cwd: opts.cwd ?? ROOT,
    isTTY: false,
    readStdin: async () => opts.stdin ?? '',
  });
  return { code, stdout, stderr };
}

/** What identifies a file's content on disk: its bytes, inode and modification time. */
export interface FileSnapshot {
  bytes: Buffer;
  ino: number;
  mtimeMs: number;
}

/** Snapshot a file before a run that must not write it. */
export function snapshot(path: string): FileSnapshot {
  const st = statSync(path);
  return { bytes: readFileSync(path), ino: st.ino, mtimeMs: st.mtimeMs };
}

/**
 * Assert that `path` was not written since `before`: the same bytes, the same
 * inode (an atomic write renames a new file over it, even with equal bytes)
 * and the same modification time.
 */
export function assertNotWritten(path: string, before: FileSnapshot, message = `${path} was written`): void {
  const now = snapshot(path);
  assert.deepEqual(now.bytes, before.bytes, `${message}: its content changed`);
  assert.equal(now.ino, before.ino, `${message}: it was replaced (another inode)`);
  assert.equal(now.mtimeMs, before.mtimeMs, `${message}: its modification time changed`);
}

/** Run `fn` over `items` with at most `limit` at once. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

/**
 * Check a fast-check property with a fixed seed (`defaults.seed`) and
 * `defaults.numRuns` runs, so `npm test` is repeatable. `npm run fuzz` sets
 * HOOKLINT_FUZZ_SEED (a 32-bit integer) and HOOKLINT_FUZZ_RUNS (runs per
 * property) to explore further. A failure names the seed and run count that
 * reproduce it, before fast-check's own report (counterexample and path).
 */
export function assertProperty<Ts extends [unknown, ...unknown[]]>(property: fc.IProperty<Ts>, defaults: { seed: number; numRuns: number }): void {
  const seed = process.env.HOOKLINT_FUZZ_SEED ? Number(process.env.HOOKLINT_FUZZ_SEED) : defaults.seed;
  const numRuns = process.env.HOOKLINT_FUZZ_RUNS ? Number(process.env.HOOKLINT_FUZZ_RUNS) : defaults.numRuns;
  if (!Number.isInteger(seed) || !Number.isInteger(numRuns) || numRuns < 1) throw new Error('HOOKLINT_FUZZ_SEED must be an integer and HOOKLINT_FUZZ_RUNS a positive integer');
  try {
    fc.assert(property, { seed, numRuns });
  } catch (e) {
    if (e instanceof Error) {
      const cause = e.cause instanceof Error ? `\nCaused by: ${e.cause.message}` : '';
      e.message = `property failed with seed ${seed} in ${numRuns} runs (repeat: HOOKLINT_FUZZ_SEED=${seed} HOOKLINT_FUZZ_RUNS=${numRuns})\n${e.message}${cause}`;
    }
    throw e;
  }
}

/**
 * A temporary project for `hooklint test`: `.claude/settings.json` holding `hooks`, and the
 * given extra files (paths relative to the project; `.sh` files executable). Returns its real path.
 */
export function hookProject(hooks: object, files: Record<string, string> = {}, prefix = 'hooklint-runner-'): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  mkdirSync(join(dir, '.claude'));
  writeFileSync(join(dir, '.claude', 'settings.json'), JSON.stringify({ hooks }, null, 2) + '\n');
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), text, { mode: p.endsWith('.sh') ? 0o755 : 0o644 });
  }
  return dir;
}

/** A matcher group of one command handler with a 5 s timeout (and `extra` fields). */
export const commandGroup = (command: string, extra: object = {}) => ({ hooks: [{ type: 'command', command, timeout: 5, ...extra }] });
