import { createScanner, SyntaxKind } from 'jsonc-parser';

/**
 * Line and layout facts of a text, shared by the JSONC edit builders
 * (`fix/edits.ts`) and the YAML ones (`fix/yaml-edits.ts`). Offsets are
 * 0-based UTF-16 indices into `text`.
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

/**
 * The file's indentation unit: the leading whitespace of its least-indented
 * indented line (default two spaces). Only lines that start with a JSONC
 * token or comment count: the continuation lines of a multi-line block
 * comment (` * text`) say nothing about the file's indentation.
 */
export const detectIndentUnit: (text: string) => string = memoLast(detectIndentUnitOf);

function detectIndentUnitOf(text: string): string {
  let best: string | undefined;
  const scanner = createScanner(text, false);
  // The whitespace that starts the current line, or undefined once a token was seen on it.
  let lead: string | undefined = '';
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.LineBreakTrivia) lead = '';
    else if (kind === SyntaxKind.Trivia) {
      if (lead === '') lead = text.slice(scanner.getTokenOffset(), scanner.getTokenOffset() + scanner.getTokenLength());
    } else {
      if (lead && (best === undefined || lead.length < best.length)) best = lead;
      if (best?.length === 1) break;
      lead = undefined;
    }
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

/** Offset just past the end of the line containing `offset` (before the EOL). */
export function lineEndOf(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** Offset just past the line break that ends the line containing `offset` (the text's end on its last line). */
export function nextLineStart(text: string, offset: number): number {
  const e = lineEndOf(text, offset);
  return text.startsWith('\r\n', e) ? e + 2 : e < text.length ? e + 1 : e;
}
