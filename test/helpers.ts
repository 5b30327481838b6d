import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';

/** Repository root and paths used by the tests. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI = fileURLToPath(new URL('../dist/cli.cjs', import.meta.url));
export const SHARED = fileURLToPath(new URL('../../shared/', import.meta.url));
export const CORPUS = `${SHARED}corpus/real/`;

/** Run the built CLI as a user would; resolves with exit code and output. */
export function runCli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; stdin?: string } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: opts.cwd ?? ROOT,
      // A CI runner's GITHUB_ACTIONS would change the human formats (stop-commands): tests opt in.
      env: { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined, GITHUB_ACTIONS: undefined, ...opts.env },
      stdio: [opts.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    if (opts.stdin !== undefined) child.stdin!.end(opts.stdin);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
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
