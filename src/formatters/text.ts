import { relative } from 'node:path';

/**
 * Characters that must never reach a terminal or a log raw: C0 controls (line
 * breaks, tab and ESC included), DEL, C1 controls (U+0080-U+009F, where an
 * 8-bit CSI lives), the Unicode line and paragraph separators U+2028/U+2029, and
 * the bidirectional controls U+202A-U+202E and U+2066-U+2069, which can make a
 * line read in another order than it is ("Trojan Source").
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const ONE_CONTROL = /^[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]$/;

const SHORT: Readonly<Record<string, string>> = { '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' };

/** The visible escape of one control character: `\n`, `\r`, `\t`, `\b`, `\f`, else `\uXXXX` (JSON's spelling). */
export function escapeChar(c: string): string {
  return SHORT[c] ?? unicodeEscape(c);
}

/** True when `c` (one UTF-16 unit) is a character `sanitize` escapes. */
export function isControl(c: string): boolean {
  return ONE_CONTROL.test(c);
}

/**
 * Make text from a config safe for a terminal or a CI log: every character of
 * `CONTROL` becomes a visible escape (`\n`, `\u001b`, `\u2028`, ...), so a
 * newline in an event name cannot start an output line (where `::error::`
 * would be a GitHub workflow command) and an ANSI sequence inside a command
 * cannot recolour or rewrite the terminal. Other text is returned unchanged.
 */
export function sanitize(text: string): string {
  return text.replace(CONTROL, escapeChar);
}

/**
 * JSON text (from `JSON.stringify`) with the characters JSON.stringify leaves
 * raw but terminals and line-splitters act on (DEL, C1, U+2028, U+2029, the
 * bidirectional controls) written
 * as `\uXXXX` escapes: the same JSON value, only ASCII-safe bytes for them.
 * Only valid on JSON text, where these characters can occur only inside strings.
 */
export function jsonSafe(json: string): string {
  return json.replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, unicodeEscape);
}

function unicodeEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** A path relative to `cwd` when it is inside it, else as given. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !rel.startsWith('/') ? rel : path;
}

/**
 * A path as the human formats print it at the start of a line: `displayPath`,
 * sanitized, and prefixed with `./` when it would begin with `::` (a file
 * named `::error::x` would otherwise be a workflow command in a CI log).
 */
export function humanPath(path: string, cwd: string): string {
  const shown = sanitize(displayPath(path, cwd));
  return shown.startsWith('::') ? `./${shown}` : shown;
}
