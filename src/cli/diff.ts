import { relative } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { FileChange } from '../node/lint-files.js';

/**
 * `hooklint check --diff`: a unified diff (jsdiff) of what `--fix` would
 * change, `a/` and `b/` paths relative to `cwd` as git prints them; script
 * changes that are not text edits of the config are listed as comments.
 * Empty when nothing would change.
 */
export function formatDiff(changes: FileChange[], cwd: string): string {
  let out = '';
  for (const c of changes) {
    const rel = relative(cwd, c.path) || c.path;
    if (c.before !== c.after) {
      const patch = createTwoFilesPatch(`a/${rel}`, `b/${rel}`, c.before, c.after, undefined, undefined, { context: 3 });
      // jsdiff starts with an "Index:"-less "===" header line; keep git's shape: --- / +++ / hunks.
      out += patch.replace(/^=+\n/m, '');
    }
    for (const e of c.fileEdits) {
      const script = relative(cwd, e.path) || e.path;
      if (e.kind === 'chmod-executable') out += `# chmod +x ${script}\n`;
      else if (e.kind === 'to-lf') out += `# convert ${script} to LF line endings\n`;
      else out += `# ${script}: rewrite ${JSON.stringify(e.from)} to ${JSON.stringify(e.to)} at the start\n`;
    }
  }
  return out;
}
