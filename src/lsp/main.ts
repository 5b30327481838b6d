import { setFlagsFromString } from 'node:v8';
import { createConnection, StreamMessageWriter } from 'vscode-languageserver/node';
import { startServer } from './server.js';
import { guardInput } from './transport.js';

/**
 * The entry of `dist/lsp.cjs`, the language server's own bundle: `hooklint lsp`
 * loads it only then (the `check` bundle holds no LSP code). Serves LSP over
 * standard input and output until the client sends `exit` or closes stdin;
 * vscode-languageserver then ends the process (exit code 0 after `shutdown`,
 * 1 without). Standard output carries the protocol only: anything written
 * with `console` goes to standard error. Standard input goes through
 * `guardInput` (lsp/transport.ts): wrong lengths, bad params and requests
 * after `shutdown` are answered there; its answers go through the same
 * writer as the library's, so messages never interleave.
 */
export function runStdioServer(): void {
  for (const k of ['log', 'info', 'debug', 'warn'] as const) console[k] = console.error;
  // The launcher (dist/cli.cjs) turns Sparkplug off for short runs; a server runs long enough to earn it.
  setFlagsFromString('--sparkplug');
  const writer = new StreamMessageWriter(process.stdout);
  const input = guardInput(process.stdin, {
    respond: (response) => void writer.write(response).catch(() => undefined),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  // The input as a stream (not a message reader): the library then also exits when it ends. The
  // library takes a writer where a stream goes (it wraps only what is a stream); the types say streams.
  startServer(createConnection(input, writer as unknown as NodeJS.WritableStream));
}
