import { UNKNOWN_VALUE } from '../model/contract.js';
import { parseRuby, type RubyNode } from './ruby-parser.js';
import type { Call, Emission, ScriptOutput } from './script-output.js';
import { argValue, VarRef, withoutRefs } from './script-values.js';

/**
 * What a Ruby hook script prints and how it exits (SPEC.md §13.4), read
 * statically from its tree-sitter tree into the same model `script-output.ts`
 * builds for Python, JavaScript and shell: per print, the stream, the JSON
 * object (literal keys and values; computed values `UNKNOWN_VALUE`) or plain
 * text, the literal exit code that ends its path, its method and whether it
 * runs only on some paths; the calls of methods and their parameters, so that
 * a helper `deny(reason)` counts where it is called.
 *
 * Read: `puts`/`print`/`p`/`printf`, `$stdout.puts|print|write|<<`,
 * `STDOUT.…` (stdout); `warn`, `$stderr.…`, `STDERR.…` (stderr); `abort(msg)`
 * (stderr, then exit 1); `exit n`, `exit`, `exit!`, `exit true|false`;
 * `JSON.generate(h)`, `JSON.pretty_generate(h)`, `JSON.dump(h)` (and
 * `JSON.dump(h, $stdout)`), `h.to_json` of a hash literal (symbol and string
 * keys, `key:` and `"key" =>`) or of a variable last assigned one (keys added
 * by `h[:k] = v` kept, `merge!`/`update`/`**rest` make it open); string
 * literals and heredocs (interpolations are computed parts). The claude_hooks
 * gem's `output.output_and_exit` prints something unknown on stdout and exits.
 * Paths: `begin`/`rescue`/`else`/`ensure`, `if`/`elsif`/`else`/`unless`,
 * modifiers, `case`, loops, `and`/`or`, blocks of iterators; `main if
 * __FILE__ == $0` runs on every path. A script that reassigns or reopens
 * `$stdout`/`$stderr` yields no prints (where they go is not known).
 */


type Printed = Pick<Emission, 'stream' | 'kind' | 'json' | 'open' | 'text'>;

const EMPTY: ScriptOutput = { emissions: [], calls: new Map(), params: new Map() };

/**
 * The emissions of a Ruby script's text, or undefined when the Ruby parser is
 * not loaded or cannot parse the text (`ruby-parser.ts`; nothing is cached
 * then, so a later call after the load reads it). Cached per text (bounded).
 * A script of more than MAX_LINES lines is read as printing nothing known.
 */
export function rubyOutput(text: string): ScriptOutput | undefined {
  let out = cache.get(text);
  if (out) return out;
  if (!/puts|print|write|warn|abort|exit|<<|\bp\b|\bpp\b|JSON|json/.test(text) || tooLong(text)) out = EMPTY;
  else {
    const tree = parseRuby(text);
    if (!tree) return undefined;
    try {
      out = analyse(tree.rootNode);
    } catch {
      out = EMPTY;
    } finally {
      tree.delete();
    }
  }
  if (cache.size >= CACHE_SIZE) cache.clear();
  cache.set(text, out);
  return out;
}
const CACHE_SIZE = 256;
const cache = new Map<string, ScriptOutput>();

/** True for a text of more than MAX_LINES lines: read as unknown (nothing claimed). */
function tooLong(text: string): boolean {
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) if (++lines > MAX_LINES) return true;
  return false;
}

// ---------------------------------------------------------------------------
// Tree helpers

/** The named children of a node, comments left out. */
function named(n: RubyNode): RubyNode[] {
  const out: RubyNode[] = [];
  for (const c of n.namedChildren) if (c && c.type !== 'comment') out.push(c);
  return out;
}

/** Nodes that hold a list of statements run in order. */
const CONTAINERS = new Set(['program', 'body_statement', 'then', 'else', 'ensure', 'begin', 'do', 'block_body', 'parenthesized_statements']);
/** Clauses among a `begin`'s statements: not statements run after the ones before them. */
const CLAUSES = new Set(['rescue', 'else', 'ensure']);
/** Method definitions: a print inside belongs to the method. */
const METHODS = new Set(['method', 'singleton_method']);
/** Block-taking methods that run their block once, where the block's statements are on the caller's path. */
const ONCE = new Set(['open', 'timeout', 'synchronize', 'tap', 'then', 'yield_self', 'chdir', 'measure', 'realtime', 'capture2', 'capture3', 'popen']);

/** The statement (a child of a statement list) holding a node. */
function statementOf(n: RubyNode): RubyNode | undefined {
  let s: RubyNode | null = n;
  while (s && s.parent && !CONTAINERS.has(s.parent.type)) {
    if (METHODS.has(s.parent.type) || s.parent.type === 'lambda') return s;
    s = s.parent;
  }
  return s?.parent ? s : undefined;
}

/** The receiver's text and the method's name of a `call` node. */
function callParts(n: RubyNode): { receiver?: string; receiverNode?: RubyNode; method: string; args: RubyNode[]; argList?: RubyNode } {
  const receiver = n.childForFieldName('receiver') ?? undefined;
  const method = n.childForFieldName('method')?.text ?? '';
  const argList = n.childForFieldName('arguments') ?? undefined;
  return { receiver: receiver?.text, receiverNode: receiver, method, args: argList ? named(argList) : [], argList };
}

/** `main if __FILE__ == $0` (or `$PROGRAM_NAME`): the script run directly, every time it runs as a hook. */
function isMainGuard(cond: RubyNode | null | undefined): boolean {
  return !!cond && /^(?:__FILE__\s*==\s*(?:\$0|\$PROGRAM_NAME|File\.expand_path\(\$0\))|(?:\$0|\$PROGRAM_NAME)\s*==\s*__FILE__)$/.test(cond.text.trim());
}

/** The literal exit code of a statement (`exit 2`, `exit`, `exit!`, `exit false`, `abort "…"`), or undefined. */
function exitOf(s: RubyNode): number | undefined {
  if (s.type === 'identifier') return s.text === 'exit' ? 0 : s.text === 'exit!' || s.text === 'abort' ? 1 : undefined;
  if (s.type !== 'call') return undefined;
  const { receiver, method, args } = callParts(s);
  if (receiver !== undefined && receiver !== 'Kernel' && receiver !== 'Process') return undefined;
  if (method === 'abort') return 1;
  if (method !== 'exit' && method !== 'exit!') return undefined;
  if (s.childForFieldName('block')) return undefined;
  const a = args[0];
  if (!a) return method === 'exit' ? 0 : 1;
  if (args.length > 1) return undefined;
  if (a.type === 'integer' && /^\d+$/.test(a.text)) return Number(a.text);
  if (a.type === 'true') return 0;
  if (a.type === 'false') return 1;
  return undefined;
}

/** Statements that leave the path with no known code: `return`, `next`, `break`, `raise`, `exec`, `retry`, `redo`. */
function endsPath(s: RubyNode): boolean {
  if (s.type === 'return' || s.type === 'next' || s.type === 'break' || s.type === 'retry' || s.type === 'redo') return true;
  if (s.type === 'identifier') return s.text === 'raise' || s.text === 'fail';
  if (s.type === 'call') {
    const { receiver, method } = callParts(s);
    return (receiver === undefined || receiver === 'Kernel') && (method === 'raise' || method === 'fail' || method === 'exec');
  }
  return false;
}

// ---------------------------------------------------------------------------
// Values

/** A Ruby string literal's text: literal parts, interpolations as `…`; `interpolated` when any. */
function stringText(n: RubyNode): { text: string; interpolated: boolean } {
  const raw = n.text;
  const single = raw.startsWith("'") || /^%q/.test(raw);
  let text = '';
  let interpolated = false;
  for (const c of n.children) {
    if (!c) continue;
    if (c.type === 'string_content' || c.type === 'heredoc_content') text += single ? c.text.replace(/\\([\\'])/g, '$1') : c.text;
    else if (c.type === 'escape_sequence') text += single ? c.text.replace(/\\([\\'])/g, '$1') : unescape(c.text);
    else if (c.type === 'interpolation') {
      text += '…';
      interpolated = true;
    }
  }
  return { text, interpolated };
}

function unescape(e: string): string {
  const m = /^\\(u\{?([0-9a-fA-F]{1,6})\}?|x([0-9a-fA-F]{1,2})|.)/s.exec(e);
  if (!m) return e;
  if (m[2]) return String.fromCodePoint(parseInt(m[2], 16));
  if (m[3]) return String.fromCharCode(parseInt(m[3], 16));
  const c = m[1]!;
  return c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c === 'e' ? '\x1b' : c === '0' ? '\0' : c === 's' ? ' ' : c;
}

/** A hash key's name: `key:`, `"key":`, `:key =>`, `"key" =>`; undefined when computed. */
function keyName(k: RubyNode): string | undefined {
  if (k.type === 'hash_key_symbol' || k.type === 'identifier' || k.type === 'constant') return k.text;
  if (k.type === 'simple_symbol') return k.text.slice(1);
  if (k.type === 'string' || k.type === 'delimited_symbol') {
    const s = stringText(k);
    return s.interpolated ? undefined : s.text;
  }
  return undefined;
}

/** A Ruby value as JSON.generate writes it: literals (symbols as strings), hashes, arrays; variables as `VarRef`; the rest unknown. */
function value(n: RubyNode, open: { v: boolean }): unknown {
  switch (n.type) {
    case 'string': {
      const s = stringText(n);
      return s.interpolated ? UNKNOWN_VALUE : s.text;
    }
    case 'simple_symbol':
      return n.text.slice(1);
    case 'delimited_symbol': {
      const s = stringText(n);
      return s.interpolated ? UNKNOWN_VALUE : s.text;
    }
    case 'integer':
      return /^\d+$/.test(n.text) ? Number(n.text) : UNKNOWN_VALUE;
    case 'float':
      return Number(n.text.replace(/_/g, ''));
    case 'true':
      return true;
    case 'false':
      return false;
    case 'nil':
      return null;
    case 'hash':
      return hashOf(named(n), open);
    case 'array':
      return named(n).map((c) => value(c, { v: false }));
    case 'identifier':
      return new VarRef(n.text);
    default:
      return UNKNOWN_VALUE;
  }
}

/** The object of a hash literal's entries (`pair`s; a `**splat` or a computed key makes it open). */
function hashOf(entries: RubyNode[], open: { v: boolean }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const e of entries) {
    if (e.type !== 'pair') {
      open.v = true;
      continue;
    }
    const k = e.childForFieldName('key');
    const v = e.childForFieldName('value');
    const name = k ? keyName(k) : undefined;
    if (name === undefined) {
      open.v = true;
      continue;
    }
    // `{ reason: }` (Ruby 3.1 shorthand): the variable of that name.
    out[name] = v ? value(v, { v: false }) : new VarRef(name);
  }
  return out;
}


/** Printed text that is one whole JSON object with no computed part, or undefined. */
function literalJson(t: string): Record<string, unknown> | undefined {
  const s = t.trim();
  if (!s.startsWith('{') || !s.endsWith('}') || s.includes('…')) return undefined;
  try {
    const v = JSON.parse(s) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------
// The walk

const STDOUT = new Set(['$stdout', 'STDOUT']);
/** Core and standard-library receivers: their methods (`JSON.parse`, `File.read`) are not the script's own. */
const CORE = new Set(['JSON', 'File', 'Dir', 'IO', 'ENV', 'ARGV', 'ARGF', 'STDIN', 'STDOUT', 'STDERR', 'Kernel', 'Process', 'Time', 'Date', 'DateTime', 'Open3', 'FileUtils', 'YAML', 'Psych', 'Pathname', 'Regexp', 'Integer', 'Float', 'String', 'Array', 'Hash', 'Set', 'Struct', 'Logger', 'Timeout', 'SecureRandom', 'Digest', 'Base64', 'Shellwords', 'URI', 'Net', 'Math', 'Signal', 'Thread', 'Mutex', 'GC', 'ObjectSpace', 'Object', 'Class', 'Module', 'Comparable', 'Marshal', 'Socket', 'Tempfile', 'Etc', 'ERB', 'CSV', 'OpenStruct']);
const STDERR = new Set(['$stderr', 'STDERR']);
const WRITERS = new Set(['puts', 'print', 'write', 'syswrite', 'printf', '<<']);
const JSON_WRITERS = new Set(['generate', 'pretty_generate', 'fast_generate', 'dump']);

function analyse(root: RubyNode): ScriptOutput {
  const emissions: Emission[] = [];
  const calls = new Map<string, Call[]>();
  const params = new Map<string, string[]>();
  // Assignments to local variables by name, in text order; keys added to hashes.
  const assigns = new Map<string, { at: number; value: RubyNode | undefined }[]>();
  const grows: { name: string; at: number; key?: string; value?: RubyNode }[] = [];
  const heredocs: RubyNode[] = [];
  const locals = new Set<string>();
  const printers: RubyNode[] = [];
  let redirected = false;

  /** Every node of interest, in text order, materialised from a cursor only when its type matters (nodes cost a call into WebAssembly each). */
  const visit = (n: RubyNode) => {
    switch (n.type) {
      case 'method':
      case 'singleton_method': {
        const name = n.childForFieldName('name')?.text;
        if (name) params.set(name, paramNames(n.childForFieldName('parameters')));
        break;
      }
      case 'assignment':
      case 'operator_assignment': {
        const left = n.childForFieldName('left');
        const right = n.childForFieldName('right') ?? undefined;
        if (left?.type === 'identifier') {
          locals.add(left.text);
          const list = assigns.get(left.text) ?? [];
          list.push({ at: n.startIndex, value: n.type === 'assignment' ? right : undefined });
          assigns.set(left.text, list);
        } else if (left?.type === 'global_variable' && (left.text === '$stdout' || left.text === '$stderr')) redirected = true;
        else if (left?.type === 'element_reference') {
          const obj = left.namedChildren[0];
          const key = left.namedChildren[1];
          if (obj?.type === 'identifier') grows.push({ name: obj.text, at: n.startIndex, key: key ? keyName(key) : undefined, value: right });
        }
        break;
      }
      case 'heredoc_body':
        heredocs.push(n);
        break;
      case 'call': {
        const { receiver, method, receiverNode } = callParts(n);
        if ((STDOUT.has(receiver ?? '') || STDERR.has(receiver ?? '')) && method === 'reopen') redirected = true;
        if (receiverNode?.type === 'identifier' && /^(merge!|update|store|replace|deep_merge!|compare_by_identity|default=)$/.test(method)) grows.push({ name: receiverNode.text, at: n.startIndex });
        if (receiver === undefined || receiver === 'self' || ((receiverNode?.type === 'constant' || receiverNode?.type === 'scope_resolution') && !CORE.has(receiver))) recordCall(n, method);
        printers.push(n);
        break;
      }
      case 'identifier':
        // A bare statement `main`, `puts`, `exit`: a call with no arguments (the walk hands only those).
        recordCall(n, n.text);
        printers.push(n);
        break;
      case 'binary':
        if (n.childForFieldName('operator')?.type === '<<') printers.push(n);
        break;
    }
  };
  const WANTED = new Set(['method', 'singleton_method', 'assignment', 'operator_assignment', 'heredoc_body', 'call', 'binary']);
  const cursor = root.walk();
  // The types of the nodes above the cursor, and whether the cursor's node is the first named child of its parent.
  const parents: string[] = [];
  let firstNamed = true;
  // The cursor holds WebAssembly memory: freed however the walk ends.
  try {
    for (;;) {
      const type = cursor.nodeType;
      if (cursor.nodeIsNamed && type !== 'comment') {
        const parent = parents[parents.length - 1] ?? '';
        if (WANTED.has(type) || (type === 'identifier' && (CONTAINERS.has(parent) || (firstNamed && /_modifier$/.test(parent))))) visit(cursor.currentNode);
        firstNamed = false;
      }
      if (cursor.gotoFirstChild()) {
        parents.push(type);
        firstNamed = true;
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) break;
        parents.pop();
        // Back at a node already seen: its next sibling is not its parent's first named child.
        firstNamed = false;
      }
      if (parents.length === 0) break;
    }
  } finally {
    cursor.delete();
  }

  function recordCall(n: RubyNode, name: string): void {
    if (!name || /^(puts|print|p|pp|warn|abort|exit|exit!|require|require_relative|raise|fail|printf|loop|lambda|proc)$/.test(name)) return;
    const argList = n.type === 'call' ? n.childForFieldName('arguments') : null;
    const positional: unknown[] = [];
    const kwargs: Record<string, unknown> = {};
    for (const a of argList ? named(argList) : []) {
      if (a.type === 'pair') {
        const k = a.childForFieldName('key');
        const v = a.childForFieldName('value');
        const key = k ? keyName(k) : undefined;
        if (key !== undefined) kwargs[key] = v ? argValue(value(v, { v: false })) : UNKNOWN_VALUE;
      } else positional.push(argValue(value(a, { v: false })));
    }
    const list = calls.get(name) ?? [];
    list.push({ line: n.startPosition.row + 1, ...context(n), args: positional, kwargs });
    calls.set(name, list);
  }

  // A bare name that is a local variable is a read, not a call.
  for (const name of locals) if (!params.has(name)) calls.delete(name);
  if (redirected) return { emissions: [], calls, params };

  /** The value node a variable holds at offset `at`: its last assignment before, when that is a plain `=`. */
  const lastAssigned = (name: string, at: number): { at: number; value: RubyNode } | undefined => {
    const list = (assigns.get(name) ?? []).filter((a) => a.at < at);
    const last = list[list.length - 1];
    return last?.value ? { at: last.at, value: last.value } : undefined;
  };

  /** The object a JSON writer is given: a hash literal, bare `key: value` arguments, or a variable last assigned a hash literal. */
  const objectOf = (args: RubyNode[]): { json: Record<string, unknown>; open: boolean } | undefined => {
    const open = { v: false };
    if (args.length > 0 && args.every((a) => a.type === 'pair' || a.type === 'hash_splat_argument')) return { json: hashOf(args, open), open: open.v };
    const a = args[0];
    if (!a) return undefined;
    if (a.type === 'hash') return { json: hashOf(named(a), open), open: open.v };
    if (a.type !== 'identifier') return undefined;
    const def = lastAssigned(a.text, a.startIndex);
    if (!def || def.value.type !== 'hash') return undefined;
    const json = hashOf(named(def.value), open);
    for (const g of grows) {
      if (g.name !== a.text || g.at < def.at || g.at > a.startIndex) continue;
      if (g.key === undefined) open.v = true;
      else json[g.key] = g.value ? value(g.value, { v: false }) : UNKNOWN_VALUE;
    }
    return { json, open: open.v };
  };

  /** `JSON.generate(h)`, `JSON.pretty_generate(h)`, `JSON.dump(h)`, `h.to_json`: the object printed, or undefined for other nodes. */
  const jsonOf = (n: RubyNode): Omit<Printed, 'stream'> | undefined => {
    if (n.type !== 'call') return undefined;
    const { receiver, receiverNode, method, args } = callParts(n);
    let o: { json: Record<string, unknown>; open: boolean } | undefined;
    if (receiver === 'JSON' && JSON_WRITERS.has(method) && (method !== 'dump' || args.length === 1)) o = objectOf(args);
    else if (method === 'to_json' && receiverNode) o = objectOf([receiverNode]);
    else return undefined;
    return o ? { kind: 'json', json: o.json, open: o.open } : { kind: 'unknown' };
  };

  /** What printing one argument writes. */
  const payload = (n: RubyNode, depth = 0): Omit<Printed, 'stream'> => {
    if (n.type === 'string') {
      const s = stringText(n);
      const j = s.interpolated ? undefined : literalJson(s.text);
      if (j) return { kind: 'json', json: j, open: false };
      return s.text.trim().startsWith('{') ? { kind: 'unknown' } : { kind: 'text', text: s.text };
    }
    if (n.type === 'heredoc_beginning') {
      // Bodies follow in the order their beginnings appear.
      const body = heredocs.find((h) => h.startIndex > n.startIndex && !usedHeredocs.has(h.startIndex));
      if (!body) return { kind: 'unknown' };
      usedHeredocs.add(body.startIndex);
      const s = stringText(body);
      const t = /^<<[~-]?['"]/.test(n.text) ? body.text.replace(/[^\n]*$/, '') : s.text;
      const j = s.interpolated ? undefined : literalJson(t);
      if (j) return { kind: 'json', json: j, open: false };
      return t.trim().startsWith('{') ? { kind: 'unknown' } : { kind: 'text', text: t };
    }
    const j = jsonOf(n);
    if (j) return j;
    if (n.type === 'identifier' && depth === 0) {
      const def = lastAssigned(n.text, n.startIndex);
      if (def && (def.value.type === 'string' || def.value.type === 'call')) return payload(def.value, 1);
    }
    return { kind: 'unknown' };
  };
  const usedHeredocs = new Set<number>();

  /** The emission a node writes, if it is a print. */
  const emissionOf = (n: RubyNode): Printed | undefined => {
    if (n.type === 'identifier') return n.text === 'puts' ? { stream: 'stdout', kind: 'text', text: '' } : undefined;
    if (n.type === 'binary') {
      const left = n.childForFieldName('left')?.text ?? '';
      const right = n.childForFieldName('right');
      const stream = STDOUT.has(left) ? 'stdout' : STDERR.has(left) ? 'stderr' : undefined;
      return stream && right ? { stream, ...payload(right) } : undefined;
    }
    const { receiver, method, args } = callParts(n);
    // The claude_hooks gem's `output.output_and_exit`: the gem prints the answer and exits; what it prints is not in the text.
    if (method === 'output_and_exit' && receiver !== undefined) return { stream: 'stdout', kind: 'unknown' };
    let stream: 'stdout' | 'stderr';
    if (receiver === undefined || receiver === 'Kernel') {
      if (method === 'puts' || method === 'print' || method === 'printf') stream = 'stdout';
      else if (method === 'p' || method === 'pp') return args.length ? { stream: 'stdout', kind: 'unknown' } : undefined;
      else if (method === 'warn' || method === 'abort') stream = 'stderr';
      else return undefined;
    } else if (STDOUT.has(receiver) && WRITERS.has(method)) stream = 'stdout';
    else if (STDERR.has(receiver) && WRITERS.has(method)) stream = 'stderr';
    else if (receiver === 'JSON' && method === 'dump' && args.length === 2 && (STDOUT.has(args[1]!.text) || STDERR.has(args[1]!.text))) {
      const o = objectOf([args[0]!]);
      return { stream: STDERR.has(args[1]!.text) ? 'stderr' : 'stdout', ...(o ? { kind: 'json', json: o.json, open: o.open } : { kind: 'unknown' }) };
    } else return undefined;
    if (args.length === 0) return method === 'puts' ? { stream, kind: 'text', text: '' } : undefined;
    if (args.some((a) => a.type === 'pair' || a.type === 'splat_argument' || a.type === 'block_argument')) return { stream, kind: 'unknown' };
    if (method === 'printf') {
      const fmt = args[0]!.type === 'string' ? stringText(args[0]!) : undefined;
      return fmt && !fmt.interpolated && !fmt.text.includes('%') && args.length === 1 ? { stream, kind: 'text', text: fmt.text } : { stream, kind: 'unknown' };
    }
    if (args.length === 1) return { stream, ...payload(args[0]!) };
    // `puts a, b`: one line each; known only when every part is text.
    const parts = args.map((a) => payload(a));
    return parts.every((p) => p.kind === 'text') ? { stream, kind: 'text', text: parts.map((p) => p.text).join('\n') } : { stream, kind: 'unknown' };
  };

  for (const n of printers) {
    const e = emissionOf(n);
    if (!e) continue;
    const out: Emission = { ...e, line: n.startPosition.row + 1, conditional: false };
    if (out.json) {
      const { json, refs } = withoutRefs(out.json);
      out.json = json;
      if (refs.length) out.refs = refs;
    }
    // `abort(msg)` prints and exits 1 itself.
    const { method, receiver } = n.type === 'call' ? callParts(n) : { method: '', receiver: undefined };
    if (method === 'abort' && (receiver ?? 'Kernel') === 'Kernel') out.exit = 1;
    else if (method === 'output_and_exit') out.endsPath = true;
    else Object.assign(out, fallThrough(n));
    Object.assign(out, context(n));
    emissions.push(out);
  }
  return { emissions, calls, params };
}

/** The parameter names of a method, in order (positional, optional and keyword). */
function paramNames(list: RubyNode | null): string[] {
  if (!list) return [];
  const out: string[] = [];
  for (const p of named(list)) {
    if (p.type === 'identifier') out.push(p.text);
    else if (p.type === 'optional_parameter' || p.type === 'keyword_parameter') {
      const name = p.childForFieldName('name')?.text;
      if (name) out.push(name);
    }
  }
  return out;
}

/**
 * The exit code that ends a print's path: the first later statement of its
 * block (then of each enclosing block, up to its method) that exits with a
 * literal code; `endsPath` when a `return`/`raise`/`next`… comes first.
 */
function fallThrough(n: RubyNode): { exit?: number; endsPath?: boolean } {
  let s = statementOf(n);
  // Bounded: past FALL_THROUGH_LIMIT statements the exit is unknown (a long script stays linear).
  let seen = 0;
  while (s) {
    for (let x = s.nextNamedSibling; x; x = x.nextNamedSibling) {
      if (++seen > FALL_THROUGH_LIMIT) return {};
      if (x.type === 'comment' || x.type === 'heredoc_body' || CLAUSES.has(x.type)) continue;
      const code = exitOf(x);
      if (code !== undefined) return { exit: code };
      if (endsPath(x)) return { endsPath: true };
    }
    // Then the statements after the one holding this block, unless the block is a method's, a loop's or an iterator's.
    let up: RubyNode | undefined;
    for (let p = s.parent; p && p.type !== 'program'; p = p.parent) {
      if (METHODS.has(p.type) || BOUNDARIES.has(p.type)) break;
      if ((p.type === 'do_block' || p.type === 'block') && blockIsConditional(p)) break;
      if (p.parent && CONTAINERS.has(p.parent.type)) {
        up = p;
        break;
      }
    }
    s = up;
  }
  return {};
}

/** How many later statements `fallThrough` reads for the exit that ends a print's path. */
const FALL_THROUGH_LIMIT = 60;
/** How many lines before an exit its message is read from (as for Python and JavaScript). */
const MESSAGE_LOOKBACK = 40;
/** Longer scripts are not read (a generated file; tree-sitter's node walks would make a check of it slow): unknown. */
const MAX_LINES = 3000;

/** Nodes whose statements do not fall through to the statements after them: loops, lambdas, classes. */
const BOUNDARIES = new Set(['lambda', 'class', 'module', 'singleton_class', 'while', 'until', 'for']);

/** Methods whose block is a loop body or runs later: a print inside runs on some paths only. */
function blockIsConditional(block: RubyNode): boolean {
  const call = block.parent;
  const method = call?.childForFieldName('method')?.text ?? '';
  return !ONCE.has(method);
}

/**
 * The method a node is inside and whether it runs only on some paths of it:
 * the branch of an `if`/`elsif`/`unless`/`when` taken when its test holds, a
 * `rescue`, a loop, a modifier, the right side of `and`/`or`, the block of an
 * iterator. The `else` of an `if` (where a check that refused nothing falls
 * through), an `ensure`, and `if __FILE__ == $0` do not count.
 */
function context(n: RubyNode): { fn?: string; conditional: boolean } {
  let conditional = false;
  let child: RubyNode = n;
  for (let p = n.parent; p; child = p, p = p.parent) {
    if (METHODS.has(p.type)) {
      const name = p.childForFieldName('name')?.text;
      return { ...(name ? { fn: name } : {}), conditional };
    }
    let first = p.firstNamedChild;
    while (first?.type === 'comment') first = first.nextNamedSibling;
    const isFirst = first?.startIndex === child.startIndex && first?.endIndex === child.endIndex;
    switch (p.type) {
      case 'then': {
        const owner = p.parent;
        if (owner?.type === 'if' && isMainGuard(owner.childForFieldName('condition'))) break;
        conditional = true;
        break;
      }
      case 'else':
        if (p.parent?.type === 'case' || p.parent?.type === 'case_match') conditional = true;
        break;
      case 'rescue':
      case 'while':
      case 'until':
      case 'for':
      case 'when':
      case 'in_clause':
      case 'lambda':
        conditional = true;
        break;
      case 'if_modifier':
      case 'unless_modifier':
        if (isFirst && !(p.type === 'if_modifier' && isMainGuard(p.childForFieldName('condition')))) conditional = true;
        break;
      case 'while_modifier':
      case 'until_modifier':
      case 'rescue_modifier':
      case 'conditional':
        if (!isFirst) conditional = true;
        if (p.type === 'while_modifier' || p.type === 'until_modifier') conditional = true;
        break;
      case 'binary': {
        const op = p.childForFieldName('operator')?.type ?? '';
        if (!isFirst && /^(and|or|&&|\|\|)$/.test(op)) conditional = true;
        break;
      }
      case 'do_block':
      case 'block':
        if (blockIsConditional(p)) conditional = true;
        break;
    }
  }
  return { conditional };
}

// ---------------------------------------------------------------------------
// Exit sites (for `exitCodes` and `exitOnePaths`)

/** One exit statement of a Ruby script with a literal code, and what the path to it says. */
export interface RubyExitSite {
  /** The literal exit code (`exit` alone and `exit true`: 0; `exit!` alone, `exit false` and `abort`: 1). */
  code: number;
  /** 1-based line of the exit. */
  line: number;
  /** The string literals of the statements before it in its block, and of the exit itself (`abort "…"`). */
  messages: string;
  /** What opens its block: the condition of an `if`/`unless`/modifier/`when`, `rescue <classes>` for a rescue clause, `def <name>` for a method body; empty at the top level. */
  header: string;
  /** The method it is in. */
  fn?: string;
  /** Each call of that method: its 1-based line and the string literals of its arguments. */
  callers: { line: number; messages: string }[];
}

/**
 * The exit statements of a Ruby script with a literal code (`exit 1`, `exit`,
 * `exit!`, `exit false`, `abort "…"`, `exit 2 if …`), or undefined when the
 * Ruby parser is not loaded. Cached per text (bounded).
 */
export function rubyExitSites(text: string): RubyExitSite[] | undefined {
  let out = exitCache.get(text);
  if (out) return out;
  if (!/\bexit|\babort\b/.test(text) || tooLong(text)) out = [];
  else {
    const tree = parseRuby(text);
    if (!tree) return undefined;
    try {
      out = exitSites(tree.rootNode);
    } catch {
      out = [];
    } finally {
      tree.delete();
    }
  }
  if (exitCache.size >= CACHE_SIZE) exitCache.clear();
  exitCache.set(text, out);
  return out;
}
const exitCache = new Map<string, RubyExitSite[]>();

/** The literal text of every string under a node (comments and heredoc bodies of other statements left out). */
function stringsUnder(n: RubyNode): string {
  const out: string[] = [];
  const visit = (x: RubyNode) => {
    if (x.type === 'string' || x.type === 'heredoc_body') out.push(stringText(x).text);
    else for (const c of x.namedChildren) if (c && c.type !== 'comment') visit(c);
  };
  visit(n);
  return out.join(' ');
}

function exitSites(root: RubyNode): RubyExitSite[] {
  const sites: RubyExitSite[] = [];
  const calls = new Map<string, { line: number; messages: string }[]>();
  const visit = (n: RubyNode) => {
    if (n.type === 'call' && !n.childForFieldName('receiver')) {
      const name = n.childForFieldName('method')?.text;
      if (name) (calls.get(name) ?? calls.set(name, []).get(name)!).push({ line: n.startPosition.row + 1, messages: stringsUnder(n) });
    }
    const bare = n.type === 'identifier' && n.parent && (CONTAINERS.has(n.parent.type) || /_modifier$/.test(n.parent.type));
    const code = n.type === 'call' || bare ? exitOf(n) : undefined;
    if (code !== undefined) {
      const s = statementOf(n) ?? n;
      // The exit's own words; a modifier (`exit 1 unless ok`, `abort "…" if bad`) has only its own, and
      // other exits those of the statements just before them (a window, as for Python).
      const modifier = s.type === 'if_modifier' || s.type === 'unless_modifier';
      const before: string[] = [stringsUnder(modifier ? s : n)];
      const from = s.startPosition.row - MESSAGE_LOOKBACK;
      if (!modifier)
        for (let x = s.previousNamedSibling; x && !CLAUSES.has(x.type) && x.endPosition.row >= from; x = x.previousNamedSibling) if (x.type !== 'comment') before.push(stringsUnder(x));
      // The statement itself when it is a modifier (`abort "…" if bad`), then what opens the block.
      let header = '';
      if (s.type === 'if_modifier' || s.type === 'unless_modifier') header = `${s.type === 'if_modifier' ? 'if' : 'unless'} ${s.childForFieldName('condition')?.text ?? ''}`;
      else {
        const block = s.parent;
        const owner = block?.type === 'then' || block?.type === 'else' ? block.parent : block;
        if (owner?.type === 'if' || owner?.type === 'elsif' || owner?.type === 'unless' || owner?.type === 'while' || owner?.type === 'until')
          header = block?.type === 'else' ? '' : `${owner.type} ${owner.childForFieldName('condition')?.text ?? ''}`;
        else if (owner?.type === 'when') header = `when ${owner.namedChildren.filter((c) => c?.type === 'pattern').map((c) => c!.text).join(', ')}`;
        else if (owner?.type === 'rescue') header = `rescue ${owner.childForFieldName('exceptions')?.text ?? ''}`;
        else if (owner?.type === 'body_statement' && owner.parent && METHODS.has(owner.parent.type)) header = `def ${owner.parent.childForFieldName('name')?.text ?? ''}`;
      }
      sites.push({ code, line: n.startPosition.row + 1, messages: before.filter(Boolean).join(' '), header, ...context(n), callers: [] });
    }
    for (const c of n.namedChildren) if (c && c.type !== 'comment') visit(c);
  };
  visit(root);
  for (const s of sites) if (s.fn) s.callers = calls.get(s.fn) ?? [];
  return sites.map(({ code, line, messages, header, fn, callers }) => ({ code, line, messages, header, ...(fn ? { fn } : {}), callers }));
}
