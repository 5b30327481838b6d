import { relative } from 'node:path';

/**
 * Make text from a config safe for a terminal: C0/C1 control characters
 * (ESC included) become visible `\xNN` escapes, so an ANSI sequence inside a
 * command cannot recolour or rewrite the terminal.
 */
export function sanitize(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** A path relative to `cwd` when it is inside it, else as given. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !rel.startsWith('/') ? rel : path;
}
