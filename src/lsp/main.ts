import { createConnection } from 'vscode-languageserver/node';
import { startServer } from './server.js';

/**
 * The entry of `dist/lsp.cjs`, the language server's own bundle: `hooklint lsp`
 * loads it only then (the `check` bundle holds no LSP code). Serves LSP over
 * standard input and output until the client sends `exit` or closes stdin;
 * vscode-languageserver then ends the process (exit code 0 after `shutdown`,
 * 1 without). Standard output carries the protocol only: anything written
 * with `console` goes to standard error.
 */
export function runStdioServer(): void {
  for (const k of ['log', 'info', 'debug', 'warn'] as const) console[k] = console.error;
  // The streams themselves (not message readers): the library then also exits when stdin ends.
  startServer(createConnection(process.stdin, process.stdout));
}
