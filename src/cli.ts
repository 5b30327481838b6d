#!/usr/bin/env node
/** The `hooklint` executable: a thin wrapper around `main` (src/cli/main.ts). */
import { fstatSync, writeSync } from 'node:fs';
import { main } from './cli/main.js';

/**
 * True when `fd` is a pipe, a file or a socket, written directly with
 * fs.writeSync: opening process.stdout there first loads Node's stream and
 * net modules (~10 ms of a one-file run, as in pre-commit and CI). Terminals
 * (colour detection, window size) and Windows (console encoding) keep
 * process.stdout / process.stderr.
 */
function direct(fd: number): boolean {
  if (process.platform === 'win32') return false;
  try {
    return !fstatSync(fd).isCharacterDevice();
  } catch {
    return false;
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Write all of `s` to `fd`; a closed pipe (`hooklint check | head`) ends the run quietly, as other CLIs do. */
function writeAll(fd: number, s: string): void {
  const buf = Buffer.from(s, 'utf8');
  for (let off = 0; off < buf.length; ) {
    try {
      off += writeSync(fd, buf, off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // A non-blocking pipe is full: give its reader a millisecond.
      if (code === 'EAGAIN') Atomics.wait(pause, 0, 0, 1);
      else if (code === 'EPIPE') process.exit(process.exitCode ?? 0);
      else throw e;
    }
  }
}

const outDirect = direct(1);
const errDirect = direct(2);
if (!outDirect)
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

// No top-level await: this entry is also bundled as CommonJS (dist/cli.cjs).
void main(process.argv.slice(2), {
  stdout: outDirect ? (s) => writeAll(1, s) : (s) => void process.stdout.write(s),
  stderr: errDirect ? (s) => writeAll(2, s) : (s) => void process.stderr.write(s),
  env: process.env,
  cwd: process.cwd(),
  isTTY: !outDirect && process.stdout.isTTY === true,
}).then((code) => {
  process.exitCode = code;
});
