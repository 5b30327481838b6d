#!/usr/bin/env node
/** The `hooklint` executable: a thin wrapper around `main` (src/cli/main.ts). */
import { main } from './cli/main.js';

// A closed pipe (`hooklint check | head`) ends the run quietly, as other CLIs do.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

// No top-level await: this entry is also bundled as CommonJS (dist/cli.cjs).
void main(process.argv.slice(2), {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
  env: process.env,
  cwd: process.cwd(),
  isTTY: process.stdout.isTTY === true,
}).then((code) => {
  process.exitCode = code;
});
