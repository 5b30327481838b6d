import { displayPath, sanitize } from './text.js';
import type { Formatter } from './types.js';

/**
 * Escape workflow-command data as @actions/core does: `%`, CR, LF (ECOSYSTEM.md §5);
 * then every other control character (and U+2028/U+2029) as a visible escape
 * (`\u001b`), which the runner would otherwise pass raw into the log.
 */
export function escapeData(s: string): string {
  return sanitize(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** Escape a workflow-command property value: data escapes plus `:` and `,`. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub Actions workflow commands, one line per finding:
 * `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=hooklint (<rule>)::message`
 * (`::warning` for warnings). Columns are omitted when a finding spans lines,
 * as @actions/core does. Every value is escaped, so text from a config (a
 * newline, `::`) cannot end the line and forge another command; message and
 * note are sanitized first (a newline in an event name reads `\n`, as in the
 * JSON), and only the line between them is a real line break of the annotation.
 */
export const github: Formatter = (results, ctx) => {
  let out = '';
  for (const r of results)
    for (const m of r.messages) {
      const props = [`file=${escapeProperty(displayPath(r.filePath, ctx.cwd))}`, `line=${m.line}`];
      if (m.endLine === m.line) props.push(`col=${m.column}`, `endLine=${m.endLine}`, `endColumn=${m.endColumn}`);
      else props.push(`endLine=${m.endLine}`);
      props.push(`title=${escapeProperty(`hooklint (${m.ruleId})`)}`);
      const text = m.note ? `${sanitize(m.message)}\n${sanitize(m.note)}` : sanitize(m.message);
      out += `::${m.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${escapeData(text)}\n`;
    }
  return out;
};
