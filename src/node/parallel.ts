import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { Worker as WorkerType, WorkerOptions } from 'node:worker_threads';
import { HooklintError } from '../lint/lint.js';
import type { ReaderItem, ReaderInput } from './reader.js';
import { ConfigError } from './config.js';
import { describeFsError, discoverTargets, foreignNotice, LintRun, lintTargetsAsync, userTargets, type LintFilesOptions, type LintFilesOutput } from './lint-files.js';
import { claimContext, isForeign, targetFor, type Target } from './files.js';
import { PluginLayout } from './claims.js';

/**
 * A worker thread, with node:worker_threads loaded on first use: a one-file run
 * never starts one, and loading the module (its MessagePort and stream machinery)
 * cost every run start-up (issue 23 §9).
 */
function startWorker(file: string | URL, options: WorkerOptions): WorkerType {
  workerThreads ??= createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
  return new workerThreads.Worker(file, options);
}
let workerThreads: typeof import('node:worker_threads') | undefined;

/** Below this many files one thread is faster: a worker costs ~40 ms to start. */
export const PARALLEL_THRESHOLD = 300;

/**
 * Trees up to this many directories are walked and read in this thread; larger
 * ones by the reader thread, whose start-up (~25 ms, in parallel) then pays for
 * itself. Named files are always read here: with 1,900 of them the reader gained
 * nothing (their config lookups and scripts stay in this thread).
 */
export const READER_MIN_DIRS = 1000;

/** From this many files (or any walk handed to the reader thread) a run counts as large: see `onLargeRun`. */
export const LARGE_RUN_FILES = 100;

/**
 * `lintFiles` on every core: discovery in this thread, then the targets are
 * split into contiguous slices (a plugin's files stay together) linted by
 * worker threads running `workerFile` (the bundled src/worker.ts). Output is
 * the same as `lintFiles`: results sorted by path, each file once.
 * Falls back to one thread for small runs or when `workerFile` is not given;
 * `HOOKLINT_THREADS=n` sets the number of threads (1: never start a worker).
 * On two cores (no pool), a walk over `READER_MIN_DIRS` directories goes to
 * `lintFilesStreaming` with `readerFile` instead.
 * `onLargeRun` is called once, before linting starts, when the run has at least
 * `LARGE_RUN_FILES` targets or a walk too large to list here, with the number of
 * threads that will lint (1, or the number of lint workers); the CLI tunes V8 for
 * throughput then.
 * @throws ConfigError for an invalid config file.
 */
export async function lintFilesParallel(
  paths: string[],
  options: LintFilesOptions,
  workerFile: string | URL | undefined,
  readerFile?: string | URL,
  onLargeRun?: (lintThreads: number) => void,
): Promise<LintFilesOutput> {
  const wanted = Number.parseInt(options.env?.HOOKLINT_THREADS ?? process.env.HOOKLINT_THREADS ?? '', 10);
  // V8 already keeps a second core busy (GC, compilation): on two cores a second lint
  // thread only contends with it (measured: 1.9 s with one thread, 2.2 s with two on
  // 10,000 files). A reader thread, which only lists directories and reads files, fits.
  const cores = availableParallelism();
  const threads = Number.isInteger(wanted) && wanted > 0 ? wanted : cores > 2 ? Math.min(cores - 1, 8) : 1;
  const usesPool = (targets: number) => workerFile !== undefined && threads >= 2 && !options.timing && targets >= PARALLEL_THRESHOLD;
  const reader = readerFile !== undefined && !options.timing && threads === 1 && wanted !== 1 && cores >= 2;
  let found = discoverTargets(paths, options, reader ? READER_MIN_DIRS : Infinity);
  if (found.incomplete) {
    onLargeRun?.(1);
    // A damaged install without dist/reader.cjs still lints, in one thread.
    if (existsSync(readerFile!)) return lintFilesStreaming(paths, options, readerFile!);
    found = discoverTargets(paths, options);
  } else if (found.targets.length >= LARGE_RUN_FILES) onLargeRun?.(usesPool(found.targets.length) ? threads : 1);
  const run = (out: LintFilesOutput) => ({ ...out, notices: [...found.notices, ...out.notices], errors: [...found.errors, ...out.errors] });
  options = { ...options, walked: found.walked };
  if (!usesPool(found.targets.length)) return run(await lintTargetsAsync(found.targets, options));
  const size = Math.ceil(found.targets.length / threads);
  const slices: Target[][] = [];
  for (let i = 0; i < found.targets.length; i += size) slices.push(found.targets.slice(i, i + size));
  const { env: _env, ...rest } = options; // the environment is inherited, not cloned
  const outputs = await Promise.all(
    slices.map(
      (targets) =>
        new Promise<LintFilesOutput>((resolve, reject) => {
          const w = startWorker(workerFile!, { workerData: { targets, options: rest } });
          w.once('message', (m: { ok: true; output: LintFilesOutput } | { ok: false; name: string; message: string }) => {
            if (m.ok) resolve(m.output);
            else reject(m.name === 'ConfigError' ? new ConfigError(m.message) : new HooklintError(m.message));
          });
          w.once('error', (e) => reject(new HooklintError(`internal error in a lint worker: ${e.message}`)));
          w.once('exit', (code) => {
            if (code !== 0) reject(new HooklintError(`a lint worker exited with code ${code}`));
          });
        }),
    ),
  );
  // A file followed from a manifest in one slice may also be a target of another: keep it once.
  const seen = new Set<string>();
  const merged: LintFilesOutput = { results: [], notices: [], errors: [], fixed: 0, changes: [] };
  for (const o of outputs) {
    for (const r of o.results) if (!seen.has(r.filePath)) (seen.add(r.filePath), merged.results.push(r));
    merged.notices.push(...o.notices);
    merged.errors.push(...o.errors);
    merged.fixed += o.fixed;
    merged.changes.push(...o.changes);
  }
  merged.results.sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
  merged.changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return run(merged);
}

/**
 * `lintFiles` with a reader thread (dist/reader.cjs, src/reader.ts): it walks
 * the inputs and reads each candidate file while this thread lints the ones
 * already read, so directory listing and file reads overlap linting. Output
 * equals `lintFiles`'s: every target linted by the same `LintRun`, manifest-
 * followed files after all discovered ones, results sorted by path, discovery
 * errors first. Config lookup inside a walk uses the config files the reader
 * reports, which come before any file below them.
 * @throws ConfigError for an invalid config file (the reader is stopped).
 */
export async function lintFilesStreaming(paths: string[], options: LintFilesOptions, readerFile: string | URL): Promise<LintFilesOutput> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const inputs: ReaderInput[] = (paths.length > 0 ? paths : [cwd]).map((given) => ({ given, abs: resolve(cwd, given) }));
  // Files whose hooks run Ruby scripts wait for the Ruby parser (`settle` below).
  const run = new LintRun(options, true);
  const inputErrors: string[] = [];
  const foreignNotices: string[] = [];
  const layout = new PluginLayout();
  const namedClaims = claimContext(env, cwd, layout);
  let walkClaims = namedClaims;
  const worker = startWorker(readerFile, { workerData: inputs });
  try {
    await new Promise<void>((done, fail) => {
      let finished = false;
      let failed = false;
      worker.on('message', (batch: ReaderItem[]) => {
        // After an error here, batches already on their way are dropped while the reader stops.
        if (failed) return;
        try {
          for (const item of batch)
            switch (item.t) {
              case 'root':
                run.configs?.addWalkedRoot(item.path);
                walkClaims = claimContext(env, item.path, layout);
                break;
              case 'config':
                run.configs?.addWalkedConfig(item.path);
                break;
              case 'notice':
                foreignNotices.push(item.message);
                break;
              case 'input-error':
                inputErrors.push(`${item.given}: ${describeFsError(item.error)}`);
                break;
              case 'file': {
                const t = targetFor(item.path, !item.named, item.named ? namedClaims : walkClaims);
                if (!t) break; // a walked file that is not one of Claude Code's
                if (isForeign(t)) {
                  if (item.named) foreignNotices.push(foreignNotice(t));
                  break;
                }
                run.lint(t, item.bytes ? { bytes: Buffer.from(item.bytes.buffer, item.bytes.byteOffset, item.bytes.byteLength) } : { error: item.error });
                break;
              }
              case 'done':
                finished = true;
                done();
            }
        } catch (e) {
          failed = true;
          fail(e);
        }
      });
      worker.once('error', (e) => fail(new HooklintError(`internal error in the reader thread: ${e.message}`)));
      worker.once('exit', (code) => {
        if (!finished) fail(new HooklintError(`the reader thread exited with code ${code} before it finished`));
      });
    });
  } finally {
    // Normally it has finished; after an error in this thread, stop it.
    await worker.terminate();
  }
  const userNotices: string[] = [];
  if (options.user) {
    const targets: Target[] = [];
    userTargets(env, targets, userNotices);
    for (const t of targets) run.lint(t);
  }
  await run.settle();
  const out = run.finish();
  return { ...out, notices: [...foreignNotices, ...userNotices, ...out.notices], errors: [...inputErrors, ...out.errors] };
}
