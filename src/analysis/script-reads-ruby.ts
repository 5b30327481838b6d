import { parseRuby, type RubyNode } from './ruby-parser.js';
import type { ScriptRead } from './script-reads.js';

/**
 * What a Ruby hook script reads from Claude Code (`script-reads.ts`'s
 * questions, for Ruby), from its tree-sitter tree: comments and strings are
 * never read as code, and a read counts only when the tree proves it.
 *
 * - Environment variables by a literal name: `ENV['X']`, `ENV.fetch('X')`
 *   (a default argument or block, or `ENV['X'] || …` on its line, is a
 *   fallback). `ENV.key?('X')` is a check, not a read.
 * - Hook input fields, top level only: `input['x']`, `input[:x]`,
 *   `input.dig('x', …)`, `input.fetch('x', …)` where `input =
 *   JSON.parse($stdin.read)` (or `STDIN.read`, `ARGF.read`, `$stdin.read` held
 *   in a variable first, `JSON.load($stdin)`). Keys the script stores itself
 *   (`input['x'] = …`) are not reads, nor reads after the name is rebound to
 *   another value (`input = input['tool_input']`).
 */

/** `envReads` for Ruby, or undefined when the Ruby parser is not loaded. */
export function rubyEnvReads(text: string): ScriptRead[] | undefined {
  if (!/\bENV\b/.test(text)) return [];
  return remembered(envCache, text, (root) => {
    const out: ScriptRead[] = [];
    walk(root, (n) => {
      const r = envRead(n);
      if (r) out.push(r);
    });
    return out.sort((a, b) => a.line - b.line);
  });
}

/** `inputReads` for Ruby, or undefined when the Ruby parser is not loaded. */
export function rubyInputReads(text: string): ScriptRead[] | undefined {
  if (!/\$stdin|STDIN|ARGF/.test(text) || !/JSON/.test(text)) return [];
  return remembered(inputCache, text, (root) => {
    // Variables holding the raw input text, then those holding the parsed input.
    const raw = new Set<string>();
    const inputs = new Set<string>();
    const written = new Set<string>();
    walk(root, (n) => {
      if (n.type !== 'assignment') return;
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      if (left?.type === 'identifier' && right && isStdinRead(right)) raw.add(left.text);
    });
    // Where each name is rebound to a value derived from something (`input = input['tool_input']`):
    // reads after that are of another value. `input = {}` (a rescue's fallback) keeps the input's fields.
    const rebound = new Map<string, number>();
    walk(root, (n) => {
      if (n.type !== 'assignment') return;
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      if (left?.type === 'identifier' && right && isParsedInput(right, raw)) inputs.add(left.text);
      else if (left?.type === 'identifier' && right && right.type !== 'hash' && right.type !== 'nil' && !rebound.has(left.text)) rebound.set(left.text, n.endIndex);
      if (left?.type === 'element_reference') {
        const [obj, key] = left.namedChildren;
        const name = key ? literalKey(key) : undefined;
        if (obj && name !== undefined) written.add(obj.text + '\0' + name);
      }
    });
    if (inputs.size === 0) return [];
    // A name that is also a method's parameter or a block's may be another value there: not judged.
    walk(root, (n) => {
      if ((n.type === 'method_parameters' || n.type === 'block_parameters' || n.type === 'lambda_parameters') && n.namedChildren.some((c) => c && inputs.has(c.text))) for (const c of n.namedChildren) if (c) inputs.delete(c.text);
    });
    const out: ScriptRead[] = [];
    walk(root, (n) => {
      let obj: RubyNode | null | undefined;
      let key: RubyNode | null | undefined;
      if (n.type === 'element_reference') {
        // Not the target of an assignment.
        const p = n.parent;
        if ((p?.type === 'assignment' || p?.type === 'operator_assignment') && p.childForFieldName('left')?.startIndex === n.startIndex) return;
        [obj, key] = n.namedChildren;
      } else if (n.type === 'call') {
        const method = n.childForFieldName('method')?.text;
        if (method !== 'dig' && method !== 'fetch' && method !== '[]') return;
        obj = n.childForFieldName('receiver');
        key = n.childForFieldName('arguments')?.namedChildren[0];
      } else return;
      if (obj?.type !== 'identifier' || !inputs.has(obj.text) || !key) return;
      if (n.startIndex > (rebound.get(obj.text) ?? Infinity)) return;
      const name = literalKey(key);
      if (name === undefined || written.has(obj.text + '\0' + name)) return;
      out.push({ name, line: n.startPosition.row + 1, fallback: false });
    });
    return out.sort((a, b) => a.line - b.line);
  });
}

const CACHE_SIZE = 256;
const envCache = new Map<string, ScriptRead[]>();
const inputCache = new Map<string, ScriptRead[]>();

/** `withTree`, remembered per text (bounded); nothing is remembered while the parser is not loaded. */
function remembered(cache: Map<string, ScriptRead[]>, text: string, f: (root: RubyNode) => ScriptRead[]): ScriptRead[] | undefined {
  const hit = cache.get(text);
  if (hit) return hit;
  const out = withTree(text, f);
  if (out) {
    if (cache.size >= CACHE_SIZE) cache.clear();
    cache.set(text, out);
  }
  return out;
}

function withTree<T>(text: string, f: (root: RubyNode) => T): T | undefined {
  const tree = parseRuby(text);
  if (!tree) return undefined;
  try {
    return f(tree.rootNode);
  } catch {
    return undefined;
  } finally {
    tree.delete();
  }
}

/** Every named node, comments left out, in text order. */
function walk(n: RubyNode, f: (n: RubyNode) => void): void {
  f(n);
  for (const c of n.namedChildren) if (c && c.type !== 'comment') walk(c, f);
}

/** A string or symbol with a literal value (`'x'`, `"x"`, `:x`). */
function literalKey(n: RubyNode): string | undefined {
  if (n.type === 'simple_symbol') return n.text.slice(1);
  if (n.type !== 'string') return undefined;
  if (n.namedChildren.some((c) => c && c.type === 'interpolation')) return undefined;
  const content = n.namedChildren.filter((c) => c && c.type === 'string_content');
  const text = content.map((c) => c!.text).join('');
  return /^[A-Za-z_]\w*$/.test(text) ? text : undefined;
}

/** `$stdin.read`, `STDIN.read`, `ARGF.read`, `$stdin.read.strip`… */
function isStdinRead(n: RubyNode): boolean {
  return /^(?:\$stdin|STDIN|ARGF)\.read(?:\(\))?(?:\.(?:strip|chomp|to_s)(?:\(\))?)*$/.test(n.text.replace(/\s+/g, ''));
}

/** `JSON.parse(<stdin read>)` (options allowed), `JSON.parse(raw)` of a raw-input variable, `JSON.load($stdin)`. */
function isParsedInput(n: RubyNode, raw: ReadonlySet<string>): boolean {
  if (n.type !== 'call') return false;
  const receiver = n.childForFieldName('receiver')?.text;
  const method = n.childForFieldName('method')?.text;
  const first = n.childForFieldName('arguments')?.namedChildren[0];
  if (receiver !== 'JSON' || !first) return false;
  if (method === 'parse') return isStdinRead(first) || (first.type === 'identifier' && raw.has(first.text));
  if (method === 'load') return /^(?:\$stdin|STDIN|ARGF)$/.test(first.text) || isStdinRead(first);
  return false;
}

/** An `ENV['X']` / `ENV.fetch('X')` read, with whether it says what happens when unset. */
function envRead(n: RubyNode): ScriptRead | undefined {
  let key: RubyNode | null | undefined;
  let fallback = false;
  if (n.type === 'element_reference') {
    const [obj, k] = n.namedChildren;
    if (obj?.text !== 'ENV') return undefined;
    const p = n.parent;
    if ((p?.type === 'assignment' || p?.type === 'operator_assignment') && p.childForFieldName('left')?.startIndex === n.startIndex) return undefined;
    key = k;
    // `ENV['X'] || default`, `ENV['X'] ||= …`.
    fallback = (p?.type === 'binary' && /^(\|\||or)$/.test(p.childForFieldName('operator')?.type ?? '') && p.childForFieldName('left')?.startIndex === n.startIndex) || p?.type === 'operator_assignment';
  } else if (n.type === 'call' && n.childForFieldName('receiver')?.text === 'ENV' && n.childForFieldName('method')?.text === 'fetch') {
    const args = n.childForFieldName('arguments')?.namedChildren.filter((c) => c && c.type !== 'comment') ?? [];
    key = args[0];
    fallback = args.length > 1 || !!n.childForFieldName('block');
  } else return undefined;
  if (!key) return undefined;
  const name = literalKey(key);
  if (name === undefined) return undefined;
  return { name, line: n.startPosition.row + 1, fallback };
}
