import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

/**
 * Reading hook configs and hooklint's own files safely (issue 23 §6): only
 * regular files, up to a size cap. A committed `.claude/settings.json` that is
 * a link to `/dev/zero` or `/dev/urandom`, a FIFO or a socket would otherwise
 * make a plain read grow without end (or wait forever for a writer).
 */

/**
 * The largest config file hooklint reads, in bytes (32 MiB). Real hook configs
 * are a few KiB; the largest generated ones the benchmarks use (100,000
 * handlers) are about 10 MB.
 */
export const MAX_CONFIG_BYTES = 32 * 1024 * 1024;

/** Why a path was not read: not a regular file (`ENOTREG`), or larger than the cap (`EFBIG`). */
export class UnreadableFileError extends Error {
  override name = 'UnreadableFileError';
  constructor(
    readonly code: 'ENOTREG' | 'EFBIG',
    message: string,
  ) {
    super(message);
  }
}

/** What a stat says a path is, for messages: "a character device", "a FIFO", ... */
function whatIs(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  return 'a special file';
}

function check(st: Stats, max: number): void {
  if (!st.isFile()) throw new UnreadableFileError('ENOTREG', `it is ${whatIs(st)}, not a regular file (hooklint reads only regular files)`);
  if (st.size > max) throw new UnreadableFileError('EFBIG', `it is ${st.size} bytes, over the ${Math.round(max / 1048576)} MiB hooklint reads of a config file`);
}

/** O_NONBLOCK where the platform has it: opening a FIFO that slipped in between stat and open then never waits for a writer. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * The bytes of a regular file (symbolic links followed) of at most `max` bytes.
 * Stats before opening (a FIFO is never opened), then checks the open file
 * again, and reads at most the size it had (a file growing meanwhile is cut
 * there, never read without end).
 * @throws UnreadableFileError (`code` ENOTREG or EFBIG) for anything else; the
 *   usual `NodeJS.ErrnoException` (ENOENT, EACCES, ELOOP, ...) when it cannot be statted or read.
 */
export function readRegularFile(path: string, max = MAX_CONFIG_BYTES): Buffer {
  check(statSync(path), max);
  const fd = openSync(path, OPEN_FLAGS);
  try {
    const st = fstatSync(fd);
    check(st, max);
    const buf = Buffer.allocUnsafe(st.size);
    let n = 0;
    while (n < buf.length) {
      const got = readSync(fd, buf, n, buf.length - n, n);
      if (got === 0) break;
      n += got;
    }
    return n === buf.length ? buf : buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** True for the errors of `readRegularFile` that say what the path is rather than that it cannot be read. */
export function isUnreadableFile(e: unknown): e is { code: 'ENOTREG' | 'EFBIG'; message: string } {
  const code = (e as { code?: unknown } | undefined)?.code;
  return code === 'ENOTREG' || code === 'EFBIG';
}

/** True when `path` is a regular file (symbolic links followed); false for anything else and for any error. */
export function isRegularFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}
