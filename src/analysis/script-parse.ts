import { createRequire } from 'node:module';
import type { SyntaxNode as LezerNode, Tree } from '@lezer/common';
import type { LRParser } from '@lezer/lr';
import { parse as parseShell } from 'unbash';

/**
 * The parse trees of hook scripts, one per text: shell by unbash, Python by
 * `@lezer/python`, JavaScript/TypeScript by `@lezer/javascript` (TS dialect).
 * Every script analysis (what a script prints and how it exits, its exit
 * paths, the variables and input fields it reads, the files it execs or
 * sources) walks these trees, so each script text is parsed once per run
 * whatever number of handlers and rules ask about it. The Lezer parsers are
 * required on first use: a run that reads no Python or JavaScript script never
 * loads them (`check` on one settings file stays fast, GUIDE.md).
 *
 * Caches are bounded (a long-lived process, the language server, must not keep
 * every script it ever saw) and start over when full.
 */

/** A parsed shell script (unbash). */
export type ShellTree = ReturnType<typeof parseShell>;

/**
 * The unbash tree of a shell script's text, or undefined when it does not
 * parse.
 */
export function shellTree(text: string): ShellTree | undefined {
  let tree = shellCache.get(text);
  if (tree === undefined) {
    if (shellCache.size >= TREE_CACHE_SIZE) shellCache.clear();
    try {
      tree = parseShell(text);
    } catch {
      tree = null;
    }
    shellCache.set(text, tree);
  }
  return tree ?? undefined;
}

const TREE_CACHE_SIZE = 128;
const shellCache = new Map<string, ShellTree | null>();

const requireHere = createRequire(import.meta.url);
let pyParser: LRParser | undefined;
let jsParser: LRParser | undefined;
const pyCache = new Map<string, Tree>();
const jsCache = new Map<string, Tree>();

/**
 * The Lezer tree of a Python script's text. Lezer is error-tolerant: a text
 * with syntax errors still yields a tree (with error nodes) for what parses.
 */
export function pythonTree(text: string): Tree {
  let tree = pyCache.get(text);
  if (!tree) {
    pyParser ??= (requireHere('@lezer/python') as { parser: LRParser }).parser;
    if (pyCache.size >= TREE_CACHE_SIZE) pyCache.clear();
    tree = pyParser.parse(text);
    pyCache.set(text, tree);
  }
  return tree;
}

/** The Lezer tree of a JavaScript or TypeScript text (the TypeScript dialect also reads plain JavaScript). */
export function jsTree(text: string): Tree {
  let tree = jsCache.get(text);
  if (!tree) {
    jsParser ??= (requireHere('@lezer/javascript') as { parser: LRParser }).parser.configure({ dialect: 'ts' });
    if (jsCache.size >= TREE_CACHE_SIZE) jsCache.clear();
    tree = jsParser.parse(text);
    jsCache.set(text, tree);
  }
  return tree;
}

/** The children of a Lezer node, in order. */
export function kids(n: LezerNode): LezerNode[] {
  const out: LezerNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

/** The 1-based line of a 0-based offset of `text` (lines end at `\n`), by binary search over the line starts. */
export function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/**
 * A Python or JavaScript string literal's value (no interpolation: f-strings
 * and templates with `${…}` give undefined), escapes decoded.
 */
export function stringValue(src: string): string | undefined {
  const m = /^([rRbBuU]{0,2})('''|"""|'|"|`)([\s\S]*)\2$/.exec(src);
  if (!m) return undefined;
  if (m[2] === '`' && m[3]!.includes('${')) return undefined;
  if (/[fF]/.test(m[1]!)) return undefined;
  const body = m[3]!;
  if (/r/i.test(m[1]!)) return body;
  return body.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, e: string) =>
    e[0] === 'u' || e[0] === 'x' ? String.fromCharCode(parseInt(e.slice(1), 16)) : e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e,
  );
}

/** Lezer node names of string literals (Python strings and f-strings, JavaScript strings and templates). */
export const STRING_NODES = /^(String|FormatString|TemplateString)$/;

/**
 * The text of a Python or JavaScript script with its comments, Python
 * triple-quoted strings (docstrings and other prose; f-strings kept) and the
 * text of JavaScript template literals (their `${…}` code kept) replaced by
 * spaces, newlines kept:
 * offsets and lines stay those of `text`. Found by the parser, so a `#` inside
 * a string is not a comment and a quote inside a comment opens no string.
 */
export function codeText(text: string, language: 'python' | 'javascript'): string {
  const cache = codeCache[language];
  let out = cache.get(text);
  if (out === undefined) {
    const tree = language === 'python' ? pythonTree(text) : jsTree(text);
    const spans: [number, number][] = [];
    tree.iterate({
      enter: (ref) => {
        if (ref.name === 'Comment' || ref.name === 'LineComment' || ref.name === 'BlockComment') spans.push([ref.from, ref.to]);
        else if (language === 'javascript' && ref.name === 'TemplateString') {
          // The template's text, not the code of its `${…}` parts (`${input.stop_hook_active}` is a read).
          let at = ref.from;
          for (let c = ref.node.firstChild; c; c = c.nextSibling) {
            if (c.name !== 'Interpolation') continue;
            spans.push([at, c.from]);
            at = c.to;
          }
          spans.push([at, ref.to]);
        }
        else if (language === 'python' && ref.name === 'String' && /^[rRbBuU]{0,2}('''|""")/.test(text.slice(ref.from, ref.from + 5))) spans.push([ref.from, ref.to]);
        else return;
        return false;
      },
    });
    if (spans.length === 0) out = text;
    else {
      let s = '';
      let at = 0;
      for (const [from, to] of spans) {
        s += text.slice(at, from) + text.slice(from, to).replace(/[^\n]/g, ' ');
        at = to;
      }
      out = s + text.slice(at);
    }
    if (cache.size >= TREE_CACHE_SIZE) cache.clear();
    cache.set(text, out);
  }
  return out;
}
const codeCache = { python: new Map<string, string>(), javascript: new Map<string, string>() };

/**
 * What `compute` gives for a script's `text`, remembered in `cache` per text.
 * Bounded: at `size` entries the cache is cleared whole, so a long-lived
 * process (the language server) keeps no more. With `fallback`, a `compute`
 * that throws (a text the walk cannot take, nesting deeper than the stack)
 * gives `fallback()` instead, remembered the same way; without it the error
 * propagates and nothing is remembered.
 */
export function perText<T>(cache: Map<string, T>, text: string, compute: () => T, size = 256, fallback?: () => T): T {
  let out = cache.get(text);
  if (out === undefined) {
    if (cache.size >= size) cache.clear();
    if (!fallback) out = compute();
    else
      try {
        out = compute();
      } catch {
        out = fallback();
      }
    cache.set(text, out);
  }
  return out;
}

