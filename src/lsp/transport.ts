import { PassThrough, type Readable } from 'node:stream';

/**
 * The language server's input guard (issue 23 §8): it sits between standard
 * input and vscode-languageserver's message reader, which trusts every
 * `Content-Length` and every request's params. The library's reader reads
 * exactly the declared number of bytes: one wrong length and every later
 * message is read from the wrong offset, forever; its request dispatch reads
 * `params.workDoneToken` and the handlers read `params.textDocument.uri`
 * before any check, so bad params become -32603 with a JavaScript TypeError.
 * The library has no hook for either, so the fix is at the byte stream:
 *
 * - framing: each message is re-framed from its header; a body that is not the
 *   JSON object its length says is dropped (answered with -32700 when it was
 *   unreadable) and reading resynchronises at the next `Content-Length:` header
 *   (a length too long, whose body runs into the next header, keeps the JSON
 *   object before that header);
 * - requests whose params do not have the shape LSP 3.17 gives them get -32602
 *   (InvalidParams) and never reach the library; such notifications are dropped;
 * - after `shutdown`, every request gets -32600 (InvalidRequest) and every
 *   notification but `exit` is dropped (LSP 3.17 "Shutdown Request").
 *
 * Messages are forwarded byte for byte, re-framed with their true length.
 */

/** A JSON-RPC response the guard sends itself (through the connection's writer, so it never interleaves with the library's). */
export interface GuardResponse {
  jsonrpc: '2.0';
  id: number | string | null;
  error: { code: number; message: string };
}

/** What the guard needs: a way to answer, and a way to log one line (standard error). */
export interface GuardOptions {
  respond(response: GuardResponse): void;
  log(line: string): void;
}

/** JSON-RPC error codes (JSON-RPC 2.0 §5.1). */
export const PARSE_ERROR = -32700;
export const INVALID_REQUEST = -32600;
export const INVALID_PARAMS = -32602;

/** A header block longer than this without its blank line is garbage, not a header. */
const MAX_HEADER_BYTES = 8 * 1024;
/** Bodies up to this size are parsed here for the shutdown and params checks (requests are small; large ones are document texts). */
const CHECK_BYTES = 1024 * 1024;
/** Largest message accepted, in bytes (a 256 MiB document is not an editor's). */
const MAX_BODY_BYTES = 256 * 1024 * 1024;

const HEADER = Buffer.from('Content-Length:', 'ascii');
const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isUint = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;
const isPosition = (v: unknown) => isObject(v) && isUint(v.line) && isUint(v.character);
const isRange = (v: unknown) => isObject(v) && isPosition(v.start) && isPosition(v.end);
const isDocId = (v: unknown) => isObject(v) && typeof v.uri === 'string';

/** The params shape of each method the server handles (LSP 3.17): the first problem, or undefined when the params are fine. */
const PARAMS: Record<string, (p: Json) => string | undefined> = {
  initialize: (p) => (isObject(p.capabilities) ? undefined : '"capabilities" must be an object'),
  'textDocument/hover': (p) => positional(p),
  'textDocument/completion': (p) => positional(p),
  'textDocument/codeAction': (p) =>
    !isDocId(p.textDocument) ? '"textDocument.uri" must be a string' : !isRange(p.range) ? '"range" must be {start, end} positions' : !isObject(p.context) || !Array.isArray(p.context.diagnostics) ? '"context.diagnostics" must be an array' : undefined,
  'textDocument/didOpen': (p) => (isObject(p.textDocument) && typeof p.textDocument.uri === 'string' && typeof p.textDocument.text === 'string' && Number.isInteger(p.textDocument.version) ? undefined : '"textDocument" must have a string "uri" and "text" and an integer "version"'),
  'textDocument/didChange': (p) => (isDocId(p.textDocument) && Number.isInteger((p.textDocument as Json).version) && Array.isArray(p.contentChanges) && p.contentChanges.every((c) => isObject(c) && typeof c.text === 'string' && (c.range === undefined || isRange(c.range))) ? undefined : '"textDocument" needs "uri" and an integer "version", "contentChanges" an array of {text, range?}'),
  'textDocument/didClose': (p) => (isDocId(p.textDocument) ? undefined : '"textDocument.uri" must be a string'),
  'textDocument/didSave': (p) => (isDocId(p.textDocument) ? undefined : '"textDocument.uri" must be a string'),
  'workspace/didChangeWatchedFiles': (p) => (Array.isArray(p.changes) && p.changes.every((c) => isObject(c) && typeof c.uri === 'string') ? undefined : '"changes" must be an array of {uri, type}'),
  'workspace/didChangeWorkspaceFolders': (p) => (isObject(p.event) && Array.isArray(p.event.added) && Array.isArray(p.event.removed) ? undefined : '"event" must have "added" and "removed" arrays'),
};

function positional(p: Json): string | undefined {
  if (!isDocId(p.textDocument)) return '"textDocument.uri" must be a string';
  if (!isPosition(p.position)) return '"position" must be {line, character} with non-negative integers';
  return undefined;
}

/** Why a message's params are not acceptable, or undefined. JSON-RPC: params, when present, are an object or an array. */
export function paramsProblem(method: string, params: unknown): string | undefined {
  const check = PARAMS[method];
  if (check) return isObject(params) ? check(params) : 'params must be an object';
  if (params !== undefined && typeof params !== 'object') return 'params must be an object or an array';
  return undefined;
}

/**
 * Wrap the server's input (standard input): the returned stream carries only
 * well-framed messages the library can take, and ends when `input` ends (the
 * library exits then, as with standard input itself). See the module comment.
 */
export function guardInput(input: Readable, options: GuardOptions): Readable {
  const out = new PassThrough();
  /** Bytes not yet framed (header phase), or the body being collected. */
  let chunks: Buffer[] = [];
  let size = 0;
  /** The body length the current header declares; undefined in the header phase. */
  let want: number | undefined;
  let shutdown = false;

  const take = (): Buffer => {
    const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
    chunks = [];
    size = 0;
    return all;
  };
  const keep = (b: Buffer) => {
    if (b.length > 0) {
      chunks.push(b);
      size += b.length;
    }
  };

  /** Forward one body (after the shutdown and params checks). */
  const deliver = (body: Buffer, parsed?: unknown) => {
    let msg = parsed;
    if (msg === undefined && (shutdown || body.length <= CHECK_BYTES))
      try {
        msg = JSON.parse(body.toString('utf8')) as unknown;
      } catch {
        options.respond({ jsonrpc: '2.0', id: null, error: { code: PARSE_ERROR, message: 'the message is not valid JSON' } });
        return;
      }
    if (isObject(msg) && typeof msg.method === 'string') {
      const isRequest = msg.id !== undefined && msg.id !== null;
      const id = typeof msg.id === 'number' || typeof msg.id === 'string' ? msg.id : null;
      if (shutdown && msg.method !== 'exit') {
        if (isRequest) options.respond({ jsonrpc: '2.0', id, error: { code: INVALID_REQUEST, message: `the server is shut down: ${msg.method} is not served (only "exit" is accepted)` } });
        return;
      }
      const problem = paramsProblem(msg.method, msg.params);
      if (problem !== undefined) {
        if (isRequest) options.respond({ jsonrpc: '2.0', id, error: { code: INVALID_PARAMS, message: `invalid params for ${msg.method}: ${problem}` } });
        else options.log(`hooklint lsp: dropped ${msg.method}: invalid params: ${problem}`);
        return;
      }
      if (msg.method === 'shutdown' && isRequest) shutdown = true;
    }
    out.write(`Content-Length: ${body.length}\r\n\r\n`, 'ascii');
    out.write(body);
  };

  /** True when `body` looks like one whole JSON object (cheap: ends with "}" and `next` starts a header or is empty). */
  const looksWhole = (body: Buffer, next: Buffer) => {
    let i = body.length - 1;
    while (i >= 0 && (body[i] === 0x20 || body[i] === 0x0a || body[i] === 0x0d || body[i] === 0x09)) i--;
    return i >= 0 && body[i] === 0x7d && body[0] === 0x7b && (next.length === 0 || next[0] === 0x43 /* C */);
  };

  /** A body of the declared length is complete (with `rest` after it): forward it, or resynchronise. */
  const complete = (all: Buffer) => {
    const body = all.subarray(0, want);
    const rest = all.subarray(want);
    want = undefined;
    if (looksWhole(body, rest)) {
      deliver(body);
      keep(rest);
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8')) as unknown;
    } catch {
      parsed = undefined;
    }
    if (parsed !== undefined) {
      deliver(body, parsed);
      keep(rest);
      return;
    }
    // The length was wrong. Too long: the body runs into the next header; keep the object before it.
    const next = all.indexOf(HEADER, 1);
    if (next > 0 && next < body.length && tryDeliver(all.subarray(0, next))) {
      options.log('hooklint lsp: a message was shorter than its Content-Length; resynchronised at the next header');
      keep(all.subarray(next));
      return;
    }
    options.log('hooklint lsp: dropped a message whose body is not the JSON its Content-Length says; resynchronised at the next header');
    options.respond({ jsonrpc: '2.0', id: null, error: { code: PARSE_ERROR, message: 'the message body is not valid JSON of its Content-Length' } });
    keep(next > 0 ? all.subarray(next) : Buffer.alloc(0));
  };

  /** Deliver `bytes` when it is a JSON object; false otherwise. */
  const tryDeliver = (bytes: Buffer): boolean => {
    try {
      const parsed = JSON.parse(bytes.toString('utf8')) as unknown;
      if (!isObject(parsed)) return false;
      deliver(bytes, parsed);
      return true;
    } catch {
      return false;
    }
  };

  const pump = () => {
    for (;;) {
      if (want !== undefined) {
        if (size < want) return;
        complete(take());
        continue;
      }
      if (size === 0) return;
      const buf = take();
      const start = buf.indexOf(HEADER);
      if (start < 0) {
        // No header yet: keep a tail that may be the start of one, drop the rest.
        if (buf.length > HEADER.length) options.log(`hooklint lsp: dropped ${buf.length - HEADER.length} bytes that are not a message`);
        keep(buf.subarray(Math.max(0, buf.length - HEADER.length)));
        return;
      }
      if (start > 0 && buf.subarray(0, start).toString('latin1').trim() !== '') options.log(`hooklint lsp: dropped ${start} bytes before a header`);
      const end = buf.indexOf(HEADER_END, start);
      if (end < 0) {
        if (buf.length - start > MAX_HEADER_BYTES) {
          options.log('hooklint lsp: dropped a header without its blank line');
          keep(buf.subarray(start + 1));
          continue;
        }
        keep(buf.subarray(start));
        return;
      }
      const header = buf.subarray(start, end).toString('latin1');
      const m = /^Content-Length:[ \t]*(\d+)[ \t]*(?:\r\n[A-Za-z-]+:[^\r\n]*)*$/i.exec(header);
      const length = m ? Number(m[1]) : NaN;
      if (!Number.isSafeInteger(length) || length > MAX_BODY_BYTES) {
        options.log(`hooklint lsp: dropped a message with a bad header (${JSON.stringify(header.slice(0, 80))})`);
        keep(buf.subarray(start + 1));
        continue;
      }
      want = length;
      keep(buf.subarray(end + HEADER_END.length));
    }
  };

  input.on('data', (chunk: Buffer) => {
    // While a long body is collected, a header arriving early means its length was too long.
    if (want !== undefined && size + chunk.length < want && chunk.includes(HEADER)) {
      keep(chunk);
      const all = take();
      const next = all.indexOf(HEADER);
      if (next > 0 && tryDeliver(all.subarray(0, next))) {
        options.log('hooklint lsp: a message was shorter than its Content-Length; resynchronised at the next header');
        want = undefined;
        keep(all.subarray(next));
      } else keep(all);
    } else keep(chunk);
    pump();
  });
  input.on('end', () => out.end());
  input.on('error', (e) => out.destroy(e));
  return out;
}
