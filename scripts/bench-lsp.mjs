#!/usr/bin/env node
/**
 * `npm run bench:lsp` (also run by `npm run bench`): the language server as an
 * editor sees it, driven by a client (vscode-languageserver-protocol) over stdio.
 * - first answer: wall time from spawning `hooklint lsp --stdio` to the
 *   `initialize` response, and to the first diagnostics of an opened file
 *   (BENCH_LSP_STARTS starts, default 10), beside `node -e 0` measured
 *   between them (the machine's floor at that moment);
 * - after a change: in one session, after BENCH_LSP_WARMUP edits (default 20),
 *   BENCH_LSP_EDITS edits (default 200) of a typical settings file, one at a
 *   time: the time from sending `didChange` to receiving the diagnostics of
 *   that version (the server's debounce included, as a user sees it).
 * The file is ../shared/corpus/real/003-0-to-1-Labs__memex/.claude/settings.json
 * (the one-file row of `npm run bench`), copied into a temporary project.
 * Targets (issue 18): diagnostics within 50 ms of a change, a first answer
 * within 1 s of start; exits 1 when the median misses one. Writes its table into
 * BENCHMARKS.md (between the bench-lsp markers) unless BENCH_NO_WRITE=1.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli.cjs');
const source = fileURLToPath(new URL('../../shared/corpus/real/003-0-to-1-Labs__memex/.claude/settings.json', import.meta.url));
const STARTS = Number(process.env.BENCH_LSP_STARTS ?? 10);
const WARMUP = Number(process.env.BENCH_LSP_WARMUP ?? 20);
const EDITS = Number(process.env.BENCH_LSP_EDITS ?? 200);
const TARGET_CHANGE_MS = 50;
const TARGET_START_MS = 1000;

const text = existsSync(source)
  ? readFileSync(source, 'utf8')
  : JSON.stringify({ hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'echo check' }] }], Stop: [{ hooks: [{ type: 'command', command: 'echo done', timeout: 10 }] }] } }, null, 2) + '\n';
const project = mkdtempSync(join(tmpdir(), 'hooklint-bench-lsp-'));
mkdirSync(join(project, '.claude'));
const file = join(project, '.claude', 'settings.json');
writeFileSync(file, text);
const uri = pathToFileURL(file).href;

/** Start a server; resolves once it answered `initialize`, with the connection and the times (ms since spawn). */
async function session() {
  const t0 = performance.now();
  const child = spawn(process.execPath, [cli, 'lsp', '--stdio'], { cwd: project, stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map();
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
    const w = waiting.get(p.version);
    if (w) (waiting.delete(p.version), w(performance.now()));
  });
  conn.listen();
  const folder = pathToFileURL(project).href;
  await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: folder, workspaceFolders: [{ uri: folder, name: 'bench' }], capabilities: { textDocument: { publishDiagnostics: { relatedInformation: true } } } });
  const initialized = performance.now() - t0;
  await conn.sendNotification(InitializedNotification.type, {});
  /** Resolves with the time the diagnostics of `version` arrived. */
  const diagnosticsOf = (version) => new Promise((resolve) => waiting.set(version, resolve));
  const stop = async () => {
    await conn.sendRequest(ShutdownRequest.type);
    await conn.sendNotification(ExitNotification.type);
    await new Promise((r) => child.on('exit', r));
    conn.dispose();
  };
  return { conn, t0, initialized, diagnosticsOf, stop };
}

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const quantile = (xs, q) => sorted(xs)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

// First answers: a fresh process each time, each after a run of `node -e 0` (this machine's floor at that moment).
const inits = [];
const firsts = [];
const floors = [];
for (let i = 0; i < STARTS; i++) {
  const f0 = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  floors.push(performance.now() - f0);
  const s = await session();
  inits.push(s.initialized);
  const arrived = s.diagnosticsOf(1);
  await s.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'json', version: 1, text } });
  firsts.push((await arrived) - s.t0);
  await s.stop();
}

// Changes: one session, one edit at a time (a character typed into the first string value, then removed).
const s = await session();
let version = 1;
const opened = s.diagnosticsOf(1);
await s.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'json', version: 1, text } });
await opened;
const at = text.indexOf('"', text.indexOf(':') + 1) + 1;
const lines = text.slice(0, at).split('\n');
const position = { line: lines.length - 1, character: lines[lines.length - 1].length };
const latencies = [];
for (let i = 0; i < WARMUP + EDITS; i++) {
  version++;
  const change = i % 2 === 0 ? { range: { start: position, end: position }, text: 'x' } : { range: { start: position, end: { line: position.line, character: position.character + 1 } }, text: '' };
  const arrived = s.diagnosticsOf(version);
  const sent = performance.now();
  await s.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [change] });
  const ms = (await arrived) - sent;
  if (i >= WARMUP) latencies.push(ms);
}
await s.stop();
rmSync(project, { recursive: true, force: true });

const f = (ms) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
const rows = [
  ['`node -e 0` (the floor, for comparison)', floors, undefined],
  ['first answer: `initialize` response after spawning', inits, TARGET_START_MS],
  ['first diagnostics of an opened file after spawning', firsts, TARGET_START_MS],
  [`diagnostics after a change (${EDITS} edits after ${WARMUP} of warm-up; debounce included)`, latencies, TARGET_CHANGE_MS],
];
const table = [
  '| what | runs | median | p90 | max | target |',
  '|---|---:|---:|---:|---:|---:|',
  ...rows.map(([what, xs, target]) => `| ${what} | ${xs.length} | ${f(quantile(xs, 0.5))} | ${f(quantile(xs, 0.9))} | ${f(Math.max(...xs))} | ${target === undefined ? '—' : f(target)} |`),
].join('\n');
console.log(table);
if (process.env.BENCH_NO_WRITE !== '1') {
  const md = readFileSync(join(root, 'BENCHMARKS.md'), 'utf8');
  const start = '<!-- bench-lsp:start -->';
  const end = '<!-- bench-lsp:end -->';
  const block = `${start}\nLanguage server (\`npm run bench:lsp\`), measured ${new Date().toISOString().slice(0, 10)} on ${availableParallelism()} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, with ${existsSync(source) ? 'the one-settings-file input of row (a)' : 'a small built-in settings file'}:\n\n${table}\n${end}`;
  writeFileSync(join(root, 'BENCHMARKS.md'), md.includes(start) ? md.slice(0, md.indexOf(start)) + block + md.slice(md.indexOf(end) + end.length) : `${md.trimEnd()}\n\n${block}\n`);
}
const missed = rows.filter(([, xs, target]) => target !== undefined && quantile(xs, 0.5) > target);
for (const [what] of missed) console.error(`bench-lsp: ${what}: the median misses its target`);
process.exit(missed.length ? 1 : 0);
