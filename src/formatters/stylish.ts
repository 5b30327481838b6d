import { LineIndex } from '../formats/positions.js';
import type { Diagnostic } from '../model/types.js';
import { escapeChar, humanPath, isControl, sanitize } from './text.js';
import type { FormatContext, Formatter } from './types.js';

/** Widest slice of a source line shown in a code frame. */
const FRAME_WIDTH = 120;

/**
 * The default human format: findings grouped by file, each as
 * `line:col  severity  message  rule-id`, a code frame with a caret under the
 * exact token, the note (why / blast radius), and a summary with counts and
 * how many are fixable (ESLint's stylish plus rustc-style frames). Every
 * string from a config (path, message, note, suggestion, source line) is
 * sanitized: control characters are shown as escapes, never printed raw.
 */
export const stylish: Formatter = (results, ctx) => {
  const c = styles(ctx);
  let out = '';
  let errors = 0;
  let warnings = 0;
  let fixable = 0;
  for (const r of results) {
    if (r.messages.length === 0) continue;
    out += `${c.underline(humanPath(r.filePath, ctx.cwd))}\n`;
    const lines = r.source !== undefined ? new LineIndex(r.source) : undefined;
    for (const m of r.messages) {
      if (m.severity === 'error') errors++;
      else warnings++;
      if (m.fix?.safety === 'safe') fixable++;
      const sev = m.severity === 'error' ? c.red('error') : c.yellow('warning');
      const fixTag = m.fix?.safety === 'safe' ? c.dim(' [fixable]') : '';
      out += `  ${c.dim(`${m.line}:${m.column}`)}  ${sev}  ${sanitize(m.message)}  ${c.dim(m.ruleId)}${fixTag}\n`;
      if (lines) out += frame(lines, m, c);
      if (m.note) out += `     ${c.cyan('=')} ${sanitize(m.note)}\n`;
      if (m.suggestions?.length) for (const s of m.suggestions) out += `     ${c.cyan('=')} suggestion: ${sanitize(s.title)}\n`;
    }
    out += '\n';
  }
  const total = errors + warnings;
  if (total === 0) return ctx.fixed ? `${ctx.fixed} ${ctx.fixed === 1 ? 'problem' : 'problems'} fixed, none left.\n` : '';
  const mark = errors > 0 ? c.redBold('✖') : c.yellowBold('⚠');
  out += `${mark} ${c.bold(`${total} ${total === 1 ? 'problem' : 'problems'} (${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'})`)}\n`;
  if (ctx.fixed) out += `  ${ctx.fixed} fixed.\n`;
  if (fixable > 0) out += `  ${fixable} fixable with the \`--fix\` option.\n`;
  if (ctx.unsafeFixable) out += `  ${ctx.unsafeFixable} more fixable with \`--fix --unsafe-fixes\`.\n`;
  return out;
};

/**
 * The styles stylish uses, each taken from chalk once: every property access on a
 * chalk instance builds a new style function, and a report of 6,000 findings made
 * ~50,000 of them (half of its formatting time).
 */
function styles(ctx: FormatContext) {
  const c = ctx.chalk;
  return { dim: c.dim, red: c.red, yellow: c.yellow, cyan: c.cyan, bold: c.bold, underline: c.underline, redBold: c.red.bold, yellowBold: c.yellow.bold };
}

/**
 * A rustc-style frame: the source line and a `^~~~` underline of the span
 * (clipped to the line). Tabs are shown as one space and control characters
 * as their escapes (`\u001b`), the caret moved to match.
 */
function frame(lines: LineIndex, m: Diagnostic, c: ReturnType<typeof styles>): string {
  let text = lines.lineText(m.line);
  let col = m.column - 1;
  let width = m.endLine === m.line ? Math.max(1, m.endColumn - m.column) : Math.max(1, text.length - col);
  let prefix = '';
  if (text.length > FRAME_WIDTH) {
    const start = Math.max(0, Math.min(col - 20, text.length - FRAME_WIDTH));
    prefix = start > 0 ? '…' : '';
    text = prefix + text.slice(start, start + FRAME_WIDTH) + (start + FRAME_WIDTH < text.length ? '…' : '');
    col = col - start + prefix.length;
  }
  // Build the shown line unit by unit, noting where the span starts and ends in it.
  const end = col + width;
  let shown = '';
  let from = -1;
  let to = -1;
  for (let i = 0; i < text.length; i++) {
    if (i === col) from = shown.length;
    if (i === end) to = shown.length;
    const ch = text[i]!;
    shown += ch === '\t' ? ' ' : isControl(ch) ? escapeChar(ch) : ch;
  }
  if (from < 0) from = shown.length;
  if (to < 0) to = shown.length;
  const caret = Math.max(1, to - from);
  const gutter = String(m.line).length;
  const pad = ' '.repeat(gutter);
  const bar = c.dim('|');
  return `    ${pad} ${bar}\n    ${c.dim(String(m.line))} ${bar} ${shown}\n    ${pad} ${bar} ${' '.repeat(Math.max(0, from))}${c.red('^' + '~'.repeat(caret - 1))}\n`;
}
