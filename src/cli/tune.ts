import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, setPriority } from 'node:os';

/**
 * V8 flags for a large run, set once it is known to be one (`onLargeRun`). Most of
 * such a run is warm-up, and V8's optimising compiler, inlining up to 920 bytes of
 * callees' bytecode into each function it compiles, spends more CPU on the rules'
 * functions than the inlining wins back; on two cores it competes with the lint itself.
 * 300 bytes: 0.24-0.31 s less CPU and 0.13-0.18 s less wall time over the 10,000-file bench,
 * ~0.1 s less for 50,000 handlers in one file (BENCHMARKS.md). Not set at start-up:
 * a flag change makes Node compile the built-in modules it loads afterwards without
 * their embedded code cache (+10 ms for one file).
 */
export const THROUGHPUT_V8_FLAGS = '--max-inlined-bytecode-size-cumulative=300';

/** The size of V8's worker pool when nobody set `--v8-pool-size` (Node's default). */
export const NODE_DEFAULT_V8_POOL = 4;

/**
 * Tune this process for a large run (the CLI's `onLargeRun`): V8 flags
 * (`THROUGHPUT_V8_FLAGS`) and, when the lint runs in `lintThreads` = 1 thread,
 * the priority of V8's surplus workers (`lowerSurplusV8Workers`).
 * `HOOKLINT_WRITE_CODE_CACHE=1` (the build's run that writes the code cache)
 * leaves the flags alone: V8 stamps the cache with the flags in force, and a cache
 * made under these would be rejected by every small run.
 */
export function tuneForThroughput(env: NodeJS.ProcessEnv, lintThreads: number): void {
  if (env.HOOKLINT_WRITE_CODE_CACHE !== '1')
    // node:v8 costs ~2 ms to load: only a large run loads it.
    (createRequire(import.meta.url)('node:v8') as typeof import('node:v8')).setFlagsFromString(THROUGHPUT_V8_FLAGS);
  if (lintThreads === 1) lowerSurplusV8Workers(availableParallelism(), env);
}

/**
 * Node starts V8 with a pool of `--v8-pool-size` worker threads (4 unless set),
 * whatever the machine; they run V8's optimising compiler and its GC helpers.
 * With fewer spare cores than that, a large run keeps more of them busy than
 * there are cores beside the main thread, and the kernel shares the main
 * thread's core with them. A pool of cores − 1 (`--v8-pool-size=0`) made the
 * bench's 1,892 named settings files 12-13% faster on two cores and its
 * 10,000-file tree 7%, but Node reads that option only at start-up. This gets
 * most of the effect afterwards: the workers beyond cores − 1 get the lowest
 * priority (nice 19), so they run only on CPU nothing else of ours wants
 * (paired runs: 5-8% and 6% faster; V8 still splits GC work four ways).
 *
 * Linux only: threads are listed in /proc/self/task, and setpriority on a
 * thread id changes that thread alone. Node creates its platform threads before
 * any JavaScript runs, in this order: the delayed-task scheduler, then the pool's
 * workers; so in thread-id order the workers follow the scheduler. Threads
 * started later (the reader thread) keep their priority. Does nothing when
 * `--v8-pool-size` was given (on the command line or in NODE_OPTIONS), when the
 * process has fewer threads than expected, or on any error (a wrong guess only
 * costs speed). Returns the thread ids it lowered.
 */
export function lowerSurplusV8Workers(cores: number, env: NodeJS.ProcessEnv): number[] {
  const keep = Math.max(1, cores - 1);
  if (process.platform !== 'linux' || keep >= NODE_DEFAULT_V8_POOL) return [];
  if ([...process.execArgv, env.NODE_OPTIONS ?? ''].some((a) => a.includes('--v8-pool-size'))) return [];
  const lowered: number[] = [];
  try {
    const others = readdirSync('/proc/self/task')
      .map(Number)
      .filter((tid) => tid !== process.pid)
      .sort((a, b) => a - b);
    // The scheduler, then the pool: fewer threads than that means another layout.
    if (others.length < 1 + NODE_DEFAULT_V8_POOL) return [];
    for (const tid of others.slice(1 + keep, 1 + NODE_DEFAULT_V8_POOL)) {
      setPriority(tid, 19);
      lowered.push(tid);
    }
  } catch {
    // No /proc, or a thread gone: leave the rest as they are.
  }
  return lowered;
}
