import { createScanner, SyntaxKind, type Node } from 'jsonc-parser';
import { properties, yamlNodes } from '../formats/parse.js';
import { yamlInsertProperty, yamlRemoveArrayItem, yamlRemoveProperty } from './yaml-edits.js';
import type { TextEdit } from '../model/types.js';
import { detectEol, detectIndentUnit, indentAt, lineEndOf, lineStartOf, nextLineStart } from './lines.js';

export { detectEol, detectIndentUnit, indentAt, lineStartOf } from './lines.js';

/**
 * Format-preserving edit builders: fixes are computed from node positions so
 * the result looks hand-written (one-line objects stay on one line, new keys
 * take their siblings' indentation, tabs stay tabs, the file's EOL is kept).
 * All offsets are 0-based UTF-16 indices into `text`. Nodes of a YAML front
 * end (frontmatter) get YAML edits of the same meaning (`fix/yaml-edits.ts`).
 */

/** True when `[from, to)` holds a line break. */
function spansLines(text: string, from: number, to: number): boolean {
  return /[\r\n]/.test(text.slice(from, to));
}

/**
 * Edits that append `"key": valueText` as the last property of `obj`.
 * One-line objects get `, "key": value` with the object's own spacing; in
 * multi-line objects the key goes on its own line with its siblings' indent,
 * comma-last (`,` ending the line before) or comma-first (`, "key"` starting
 * the new line, with the indent of the comma before the last property) as the
 * object already does it. A comment ending the last property's line stays on
 * that line. An object holding a trailing comma after its last property is
 * left alone (returns undefined): the comma is fixed first, then the next
 * pass inserts. Offsets of the edits are 0-based into `text`.
 */
export function insertProperty(text: string, obj: Node, key: string, valueText: string): TextEdit[] | undefined {
  if (yamlNodes.has(obj)) return yamlInsertProperty(text, obj, key, valueText);
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
  if (trivia(text, end, close).commas.length > 0) return undefined;
  if (!spansLines(text, obj.offset, close)) {
    const sep = props.length > 1 ? separatorStyle(text, props[props.length - 2]!, last) : ', ';
    return [{ range: [end, end], text: `${sep}${member}` }];
  }
  // Insert after a comment that ends the last property's line.
  const lineEnd = lineEndOf(text, end);
  const at = /^\s*(\/\/.*|\/\*.*\*\/\s*)$/.test(text.slice(end, lineEnd)) && lineEnd <= close ? lineEnd : end;
  const comma = props.length > 1 ? trivia(text, props[props.length - 2]!.offset + props[props.length - 2]!.length, last.offset).commas.at(-1) : undefined;
  if (comma !== undefined && lineStartOf(text, comma) + indentAt(text, comma).length === comma) {
    // Comma-first: the new property starts its line with a comma, like the last one.
    const between = text.slice(comma, last.offset);
    const lead = /^,[ \t]*$/.test(between) ? between : ', ';
    return [{ range: [at, at], text: `${eol}${indentAt(text, comma)}${lead}${member}` }];
  }
  const ind = indentAt(text, last.offset);
  if (at === end) return [{ range: [end, end], text: `,${eol}${ind}${member}` }];
  return [
    { range: [end, end], text: ',' },
    { range: [at, at], text: `${eol}${ind}${member}` },
  ];
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
 * An edit that removes property `prop` from `obj` with one separating comma
 * (the one after it, or before it when it is the last property), whether the
 * object puts commas at the end of lines, at the start of lines (comma-first)
 * or keeps everything on one line. Comments are never removed. When the
 * property (with its comma) sits on lines of its own, those whole lines go;
 * otherwise the spaces around it are tidied so the line reads as if written
 * without it. Removing the only property leaves `{}` (a multi-line object
 * keeps its closing brace's line). Offsets are 0-based into `text`.
 */
export function removeProperty(text: string, obj: Node, prop: Node): TextEdit {
  if (yamlNodes.has(obj)) return yamlRemoveProperty(text, obj, prop);
  const props = properties(obj);
  return removeMember(text, obj, props, props.indexOf(prop), true);
}

/**
 * Re-indent every line after the first of `block` (JSONC text starting at a
 * token) by `extra`, but the continuation lines of a multi-line block
 * comment: a comment's text is kept as written.
 */
export function reindent(block: string, extra: string): string {
  const comments = trivia(block, 0, block.length).comments.filter(([s, e]) => spansLines(block, s, e));
  return block.replace(/(\r\n|\n|\r)(?=[^\r\n])/g, (eol: string, _eol: string, at: number) => (comments.some(([s, e]) => at > s && at < e) ? eol : eol + extra));
}

/**
 * An edit that removes element `index` of `arr` with one separating comma,
 * with the layouts and the comment rule of `removeProperty`. Removing the
 * only element leaves `[]`. Offsets are 0-based into `text`.
 */
export function removeArrayItem(text: string, arr: Node, index: number): TextEdit {
  if (yamlNodes.has(arr)) return yamlRemoveArrayItem(text, arr, index);
  return removeMember(text, arr, arr.children ?? [], index, false);
}

/** The commas and comments (0-based offsets into `text`) in the trivia `[from, to)` between two tokens. */
function trivia(text: string, from: number, to: number): { commas: number[]; comments: [number, number][] } {
  const commas: number[] = [];
  const comments: [number, number][] = [];
  if (to <= from) return { commas, comments };
  const scanner = createScanner(text.slice(from, to), false);
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.CommaToken) commas.push(from + scanner.getTokenOffset());
    else if (kind === SyntaxKind.LineCommentTrivia || kind === SyntaxKind.BlockCommentTrivia) comments.push([from + scanner.getTokenOffset(), from + scanner.getTokenOffset() + scanner.getTokenLength()]);
  }
  return { commas, comments };
}

/**
 * Remove member `index` of a container (`members`: its properties or
 * elements) and one comma: the comma after it when another member follows,
 * else the one before it, else a trailing comma. The member and its comma go
 * as one piece, unless a comment lies between them (the comment stays) or the
 * comma before a last member ends an earlier line (a comment after the member
 * then keeps its own line): then they go as two. Each piece is widened by
 * `widen`; the result is one edit.
 */
function removeMember(text: string, container: Node, members: readonly Node[], index: number, isObject: boolean): TextEdit {
  const m = members[index]!;
  const start = m.offset;
  const end = m.offset + m.length;
  const open = container.offset;
  const close = container.offset + container.length - 1;
  const before = trivia(text, index > 0 ? members[index - 1]!.offset + members[index - 1]!.length : open + 1, start);
  const after = trivia(text, end, index < members.length - 1 ? members[index + 1]!.offset : close);
  if (members.length === 1 && before.comments.length === 0 && after.comments.length === 0) {
    const multiLine = isObject && spansLines(text, open, close);
    return { range: [open + 1, close], text: multiLine ? detectEol(text) + indentAt(text, open) : '' };
  }
  const ranges: [number, number][] = [];
  const commaAfter = after.commas[0];
  const commaBefore = before.commas.at(-1);
  if (commaAfter !== undefined && (index < members.length - 1 || commaBefore === undefined)) {
    if (after.comments.some(([s]) => s < commaAfter)) ranges.push(widen(text, start, end, 'both'), widen(text, commaAfter, commaAfter + 1, 'after'));
    else ranges.push(widen(text, start, commaAfter + 1, 'after'));
  } else if (commaBefore !== undefined) {
    if (before.comments.some(([s]) => s > commaBefore) || spansLines(text, commaBefore, start)) ranges.push(widen(text, commaBefore, commaBefore + 1, 'before'), widen(text, start, end, 'both'));
    else ranges.push(widen(text, commaBefore, end, 'before'));
  } else ranges.push(widen(text, start, end, 'both'));
  let kept = '';
  for (let i = 1; i < ranges.length; i++) kept += text.slice(ranges[i - 1]![1], ranges[i]![0]);
  return { range: [ranges[0]![0], ranges[ranges.length - 1]![1]], text: kept };
}

/**
 * The range to delete for the piece `[from, to)` so the text reads as if it
 * had been written without it: the whole line (with its line break) when
 * only spaces surround the piece on its first and last lines; the spaces
 * after it when it starts a line (the next token takes its indent); the
 * spaces before it when it ends a line. Mid-line, `eat` says which spaces
 * go: `after` (a piece ending with its comma: the spaces that followed the
 * comma), `before` (a piece starting with its comma: the spaces before the
 * comma, when there are spaces after the piece too) or `both` (the spaces
 * after, when there are spaces on both sides).
 */
function widen(text: string, from: number, to: number, eat: 'after' | 'before' | 'both'): [number, number] {
  const blank = (i: number) => text[i] === ' ' || text[i] === '\t';
  const brk = (i: number) => text[i] === '\n' || text[i] === '\r';
  let ls = from;
  while (ls > 0 && blank(ls - 1)) ls--;
  let le = to;
  while (le < text.length && blank(le)) le++;
  const startsLine = ls === 0 || brk(ls - 1);
  const endsLine = le === text.length || brk(le);
  if (startsLine && endsLine) return [ls, nextLineStart(text, le)];
  if (startsLine) return [from, le];
  if (endsLine) return [ls, to];
  if (eat === 'after') return [from, le];
  if (ls < from && le > to) return eat === 'before' ? [ls, to] : [from, le];
  return [from, to];
}

/** An edit replacing a node's whole text. */
export function replaceNode(node: Node, newText: string): TextEdit {
  return { range: [node.offset, node.offset + node.length], text: newText };
}
