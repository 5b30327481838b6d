/**
 * A lint worker (worker_threads): lints the targets it is given with
 * `lintTargetsAsync` (Ruby scripts read too) and posts the output back. Started by src/node/parallel.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { lintTargetsAsync, type LintFilesOptions } from './lint-files.js';
import type { Target } from './files.js';

const { targets, options } = workerData as { targets: Target[]; options: LintFilesOptions };
lintTargetsAsync(targets, options).then(
  (output) => parentPort!.postMessage({ ok: true, output }),
  (e: unknown) => parentPort!.postMessage({ ok: false, name: (e as Error).name, message: (e as Error).message }),
);
