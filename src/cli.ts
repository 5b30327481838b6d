#!/usr/bin/env node
/** The `hooklint` executable: a thin wrapper around `main` (src/cli/main.ts). */
import { main } from './cli/main.js';

// A closed pipe (`hooklint check | head`) ends the run quietly, as other CLIs do.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

const code = await main(process.argv.slice(2), {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
  env: process.env,
  cwd: process.cwd(),
  isTTY: process.stdout.isTTY === true,
});
process.exitCode = code;
