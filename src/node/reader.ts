/**
 * The reader thread (bundled as dist/reader.cjs): walks the inputs and reads
 * every candidate hook config, sending the bytes to the main thread in
 * batches while it lints, so file-system work overlaps linting (see
 * `lintFilesStreaming` in node/parallel.ts). It reads files and lists
 * directories; it never parses, lints, writes or runs anything.
 *
 * workerData: `ReaderInput[]`. Messages: `ReaderItem[]` batches, in order;
 * the last item of the last batch is `{ t: 'done' }`.
 */
import { statSync } from 'node:fs';
import { readRegularFile } from './read-file.js';
import { parentPort, workerData } from 'node:worker_threads';
import { walkDirectory } from './walk.js';

/** One command-line input: as given (for messages) and resolved. */
export interface ReaderInput {
  given: string;
  abs: string;
}

/** A read or stat failure, as the main thread reports it (`describeFsError`). */
export interface ReaderError {
  code?: string;
  message: string;
}

/** What the reader reports, in order. */
export type ReaderItem =
  /** A directory input whose walk starts now. */
  | { t: 'root'; path: string }
  /** A hooklint.config.json the walk found: before any file in its directory or below. */
  | { t: 'config'; path: string }
  /** A candidate file (walked) or a file input (`named`): its bytes, or why they could not be read. */
  | { t: 'file'; path: string; named: boolean; bytes?: Uint8Array; error?: ReaderError }
  /** A one-line notice about the walk (a folder it could not enter). */
  | { t: 'notice'; message: string }
  /** An input that does not exist or cannot be statted. */
  | { t: 'input-error'; given: string; error: ReaderError }
  | { t: 'done' };

/** Items per message, and bytes: small enough to keep the main thread fed, large enough to cost little. */
const BATCH_ITEMS = 64;
const BATCH_BYTES = 1 << 20;

function errorOf(e: unknown): ReaderError {
  return { code: (e as NodeJS.ErrnoException).code, message: (e as Error).message };
}

if (parentPort) {
  const port = parentPort;
  let batch: ReaderItem[] = [];
  let transfer: ArrayBuffer[] = [];
  let bytes = 0;
  const flush = () => {
    if (batch.length === 0) return;
    port.postMessage(batch, transfer);
    batch = [];
    transfer = [];
    bytes = 0;
  };
  const push = (item: ReaderItem) => {
    batch.push(item);
    if (batch.length >= BATCH_ITEMS || bytes >= BATCH_BYTES) flush();
  };
  const file = (path: string, named: boolean) => {
    try {
      const buf = readRegularFile(path);
      // A fresh, exactly sized buffer that can be transferred (small reads share Node's pool).
      const own = new Uint8Array(buf);
      transfer.push(own.buffer);
      bytes += own.byteLength;
      push({ t: 'file', path, named, bytes: own });
    } catch (e) {
      push({ t: 'file', path, named, error: errorOf(e) });
    }
  };
  for (const input of workerData as ReaderInput[]) {
    let isDir: boolean;
    try {
      isDir = statSync(input.abs).isDirectory();
    } catch (e) {
      push({ t: 'input-error', given: input.given, error: errorOf(e) });
      continue;
    }
    if (!isDir) {
      file(input.abs, true);
      continue;
    }
    push({ t: 'root', path: input.abs });
    walkDirectory(input.abs, { config: (path) => push({ t: 'config', path }), file: (path) => file(path, false), skipped: (path, why) => push({ t: 'notice', message: `${path}: ${why}` }) });
  }
  batch.push({ t: 'done' });
  flush();
}
