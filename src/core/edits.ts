import type { Node } from 'jsonc-parser';
import { properties } from './parse.js';
import type { TextEdit } from './types.js';

/**
 * Format-preserving edit builders: fixes are computed from node positions so
 * the result looks hand-written (one-line objects stay on one line, new keys
 * take their siblings' indentation, tabs stay tabs, the file's EOL is kept).
 * All offsets are 0-based UTF-16 indices into `text`.
 */

/**
 * A one-entry cache per detector: a fix run asks about the same text once per
 * handler, and each answer scans the whole text (50,000 handlers on one line
 * made that quadratic).
 */
function memoLast<T>(f: (text: string) => T): (text: string) => T {
  let lastText: string | undefined;
  let last: T;
  return (text) => {
    if (text !== lastText) {
      last = f(text);
      lastText = text;
    }
    return last;
  };
}

/** The line terminator the file uses (the first one found; `\n` for a one-line file). */
export const detectEol: (text: string) => string = memoLast((text) => {
  const i = text.search(/\r\n|\n|\r/);
  if (i < 0) return '\n';
  return text.startsWith('\r\n', i) ? '\r\n' : text[i]!;
});

/** The file's indentation unit: the leading whitespace of its least-indented indented line (default two spaces). */
export const detectIndentUnit: (text: string) => string = memoLast(detectIndentUnitOf);

function detectIndentUnitOf(text: string): string {
  let best: string | undefined;
  for (const m of text.matchAll(/(?:^|[\r\n])([ \t]+)(?=\S)/g)) {
    const ws = m[1]!;
    if (best === undefined || ws.length < best.length) best = ws;
    if (best.length === 1) break;
  }
  return best ?? '  ';
}

/** Offset of the start of the line containing `offset`. */
export function lineStartOf(text: string, offset: number): number {
  if (offset <= 0) return 0;
  // Bounded by the line's length: searching for a `\r` that may not exist would scan to the start.
  const nl = text.lastIndexOf('\n', offset - 1);
  for (let i = offset - 1; i > nl; i--) if (text.charCodeAt(i) === 13) return i + 1;
  return nl + 1;
}

/** The whitespace that starts the line containing `offset`. */
export function indentAt(text: string, offset: number): string {
  const start = lineStartOf(text, offset);
  return /^[ \t]*/.exec(text.slice(start, offset))![0];
}

/** True when `[from, to)` holds a line break. */
function spansLines(text: string, from: number, to: number): boolean {
  return /[\r\n]/.test(text.slice(from, to));
}

/** Offset just past the end of the line containing `offset` (before the EOL). */
function lineEndOf(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/**
 * Edits that append `"key": valueText` as the last property of `obj`.
 * One-line objects get `, "key": value` with the object's own spacing; in
 * multi-line objects the key goes on its own line with its siblings' indent.
 * An object holding a trailing comma after its last property is left alone
 * (returns undefined): the comma is fixed first, then the next pass inserts.
 */
export function insertProperty(text: string, obj: Node, key: string, valueText: string): TextEdit[] | undefined {
  const props = properties(obj);
  const close = obj.offset + obj.length - 1;
  const eol = detectEol(text);
  const colon = colonStyle(text, props);
  const member = `${JSON.stringify(key)}${colon}${valueText}`;
  if (props.length === 0) {
    if (!spansLines(text, obj.offset, close)) return [{ range: [obj.offset + 1, close], text: ` ${member} ` }];
    const ind = indentAt(text, obj.offset);
    return [{ range: [obj.offset + 1, obj.offset + 1], text: `${eol}${ind}${detectIndentUnit(text)}${member}` }];
  }
  const last = props[props.length - 1]!;
  const end = last.offset + last.length;
  const after = text.slice(end, close);
  if (/^\s*(?:\/\/[^\n\r]*\s*|\/\*[\s\S]*?\*\/\s*)*,/.test(after)) return undefined;
  if (!spansLines(text, obj.offset, close)) {
    const sep = props.length > 1 ? separatorStyle(text, props[props.length - 2]!, last) : ', ';
    return [{ range: [end, end], text: `${sep}${member}` }];
  }
  const ind = indentAt(text, last.offset);
  // Keep a comment that ends the last property's line on that line.
  const rest = text.slice(end, lineEndOf(text, end));
  if (/^\s*(\/\/.*|\/\*.*\*\/\s*)$/.test(rest)) {
    const lineEnd = lineEndOf(text, end);
    return [
      { range: [end, end], text: ',' },
      { range: [lineEnd, lineEnd], text: `${eol}${ind}${member}` },
    ];
  }
  return [{ range: [end, end], text: `,${eol}${ind}${member}` }];
}

function colonStyle(text: string, props: readonly Node[]): string {
  const p = props[0];
  if (!p || p.colonOffset === undefined) return ': ';
  const value = p.children?.[1];
  if (!value) return ': ';
  const between = text.slice(p.colonOffset, value.offset);
  return /^:[ \t]*$/.test(between) ? between : ': ';
}

function separatorStyle(text: string, a: Node, b: Node): string {
  const between = text.slice(a.offset + a.length, b.offset);
  return /^[ \t]*,[ \t]*$/.test(between) ? between.trimStart() : ', ';
}

/**
 * An edit that removes property `prop` from `obj` with its separating comma;
 * when the property sits on lines of its own, those whole lines go.
 */
export function removeProperty(text: string, obj: Node, prop: Node): TextEdit {
  const props = properties(obj);
  const i = props.indexOf(prop);
  const end = prop.offset + prop.length;
  if (props.length === 1) {
    const close = obj.offset + obj.length - 1;
    return { range: [obj.offset + 1, close], text: spansLines(text, obj.offset, close) ? detectEol(text) + indentAt(text, obj.offset) : '' };
  }
  if (i < props.length - 1) {
    const next = props[i + 1]!;
    const ownLine = lineStartOf(text, prop.offset) !== lineStartOf(text, props[i - 1]?.offset ?? obj.offset) || i === 0;
    if (ownLine && spansLines(text, end, next.offset)) return { range: [lineStartOf(text, prop.offset), lineStartOf(text, next.offset)], text: '' };
    return { range: [prop.offset, next.offset], text: '' };
  }
  const prev = props[i - 1]!;
  return { range: [prev.offset + prev.length, end], text: '' };
}

/** Re-indent every line after the first of `block` by `extra`. */
export function reindent(block: string, extra: string): string {
  return block.replace(/(\r\n|\n|\r)(?=[^\r\n])/g, `$1${extra}`);
}

/**
 * An edit that removes element `index` of `arr` with its separating comma;
 * when the element sits on lines of its own, those whole lines go.
 * Removing the only element leaves `[]` (keeping a multi-line array's closing indent).
 */
export function removeArrayItem(text: string, arr: Node, index: number): TextEdit {
  const items = arr.children ?? [];
  const item = items[index]!;
  const end = item.offset + item.length;
  if (items.length === 1) {
    const close = arr.offset + arr.length - 1;
    return { range: [arr.offset + 1, close], text: '' };
  }
  if (index < items.length - 1) {
    const next = items[index + 1]!;
    if (spansLines(text, end, next.offset)) return { range: [lineStartOf(text, item.offset), lineStartOf(text, next.offset)], text: '' };
    return { range: [item.offset, next.offset], text: '' };
  }
  const prev = items[index - 1]!;
  return { range: [prev.offset + prev.length, end], text: '' };
}

/** An edit replacing a node's whole text. */
export function replaceNode(node: Node, newText: string): TextEdit {
  return { range: [node.offset, node.offset + node.length], text: newText };
}
