import { displayPath, sanitize } from './text.js';
import type { Formatter } from './types.js';

/**
 * One line per finding: `path:line:col: severity: message [rule-id]`
 * (actionlint's canonical form; also what the golden fixtures hold).
 */
export const compact: Formatter = (results, ctx) => {
  let out = '';
  for (const r of results)
    for (const m of r.messages) out += `${displayPath(r.filePath, ctx.cwd)}:${m.line}:${m.column}: ${m.severity}: ${sanitize(m.message)} [${m.ruleId}]\n`;
  return out;
};
