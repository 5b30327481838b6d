import { relative } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { isControl, sanitize } from '../formatters/text.js';
import type { FileChange } from '../node/lint-files.js';

/**
 * `hooklint check --diff`: a unified diff (jsdiff) of what `--fix` would
 * change, `a/` and `b/` paths relative to `cwd` as git prints them; script
 * changes that are not text edits of the config are listed as comments.
 * Empty when nothing would change. Paths are sanitized, and so are control
 * characters inside content lines (a tab and the CR of a CRLF ending are
 * kept), so a config cannot drive the terminal or start a log line: the patch
 * applies as printed except to lines that hold raw control characters.
 */
export function formatDiff(changes: FileChange[], cwd: string): string {
  let out = '';
  for (const c of changes) {
    const rel = sanitize(relative(cwd, c.path) || c.path);
    if (c.before !== c.after) {
      const patch = createTwoFilesPatch(`a/${rel}`, `b/${rel}`, c.before, c.after, undefined, undefined, { context: 3 });
      // jsdiff starts with an "Index:"-less "===" header line; keep git's shape: --- / +++ / hunks.
      out += patch.replace(/^=+\n/m, '').replace(/[^\n]+/g, safeLine);
    }
    for (const e of c.fileEdits) {
      const script = sanitize(relative(cwd, e.path) || e.path);
      if (e.kind === 'chmod-executable') out += `# chmod +x ${script}\n`;
      else if (e.kind === 'to-lf') out += `# convert ${script} to LF line endings\n`;
      else out += `# ${script}: rewrite ${sanitize(JSON.stringify(e.from))} to ${sanitize(JSON.stringify(e.to))} at the start\n`;
    }
  }
  return out;
}

/** One line of a patch with its control characters escaped, except tabs and the CR of a CRLF ending. */
function safeLine(line: string): string {
  const body = line.endsWith('\r') ? line.slice(0, -1) : line;
  let out = '';
  for (const ch of body) out += ch === '\t' || !isControl(ch) ? ch : sanitize(ch);
  return body === line ? out : out + '\r';
}
