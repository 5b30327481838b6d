import { humanPath, sanitize } from './text.js';
import type { Formatter } from './types.js';

/**
 * One line per finding: `path:line:col: severity: message [rule-id]`
 * (actionlint's canonical form; also what the golden fixtures hold).
 * Path and message are sanitized: text from a config never ends the line.
 */
export const compact: Formatter = (results, ctx) => {
  let out = '';
  for (const r of results)
    for (const m of r.messages) out += `${humanPath(r.filePath, ctx.cwd)}:${m.line}:${m.column}: ${m.severity}: ${sanitize(m.message)} [${m.ruleId}]\n`;
  return out;
};
