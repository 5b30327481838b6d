import { createRequire } from 'node:module';

/**
 * V8 flags for a large run, set once it is known to be one (`onLargeRun`). Most of
 * such a run is warm-up, and V8's optimising compiler, inlining up to 920 bytes of
 * callees' bytecode into each function it compiles, spends more CPU on the rules'
 * functions than the inlining wins back; on two cores it competes with the lint itself.
 * 300 bytes: 0.24-0.31 s less CPU and 0.13-0.18 s less wall time over the 10,000-file bench,
 * ~0.1 s less for 50,000 handlers in one file (BENCHMARKS.md). `--sparkplug` turns back on
 * the baseline compiler the launcher (dist/cli.cjs) turns off for short runs: a long run earns
 * it back. Not set at start-up:
 * a flag change makes Node compile the built-in modules it loads afterwards without
 * their embedded code cache (+10 ms for one file).
 */
export const THROUGHPUT_V8_FLAGS = '--max-inlined-bytecode-size-cumulative=300 --sparkplug';

/**
 * Tune this process for a large run (the CLI's `onLargeRun`): V8 flags
 * (`THROUGHPUT_V8_FLAGS`). `HOOKLINT_WRITE_CODE_CACHE=1` (the build's run that
 * writes the code cache) leaves them alone: V8 stamps the cache with the flags in
 * force, and a cache made under these would be rejected by every small run.
 *
 * Thread priorities are left alone (issue 23 §9): lowering three of V8's four
 * background workers to nice 19 made 150 files 1.7x and 10,000 files 1.4x slower
 * on a busy machine (a shared CI runner), where those workers then starve behind
 * every other process, and gained nothing measurable on a quiet one.
 */
export function tuneForThroughput(env: NodeJS.ProcessEnv): void {
  if (env.HOOKLINT_WRITE_CODE_CACHE !== '1')
    // node:v8 costs ~2 ms to load: only a large run loads it.
    (createRequire(import.meta.url)('node:v8') as typeof import('node:v8')).setFlagsFromString(THROUGHPUT_V8_FLAGS);
}
