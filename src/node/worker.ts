/**
 * A lint worker (worker_threads): lints the targets it is given with
 * `lintTargets` and posts the output back. Started by src/node/parallel.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { lintTargets, type LintFilesOptions } from './lint-files.js';
import type { Target } from './files.js';

const { targets, options } = workerData as { targets: Target[]; options: LintFilesOptions };
try {
  parentPort!.postMessage({ ok: true, output: lintTargets(targets, options) });
} catch (e) {
  parentPort!.postMessage({ ok: false, name: (e as Error).name, message: (e as Error).message });
}
