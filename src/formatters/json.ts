import { CLAUDE_CODE_VERSION, HOOKLINT_VERSION } from '../model/about.js';
import { jsonSafe } from './text.js';
import type { Formatter } from './types.js';

/**
 * ESLint's result shape: an array of per-file results with `messages`
 * (rule id, severity 1/2 as in ESLint plus the severity name, 1-based
 * positions, fix and suggestions), counts, and `output` after a fix run.
 * Strings carry the config's text as it is (JSON-escaped, never pre-escaped);
 * DEL, C1 and U+2028/U+2029 are written as `\uXXXX` like the C0 controls.
 * Each result also names `hooklintVersion` and `claudeCodeVersion` (the newest
 * Claude Code the catalog knows), so a saved report says what produced it
 * while the array stays ESLint's shape.
 */
export const json: Formatter = (results) =>
  jsonSafe(JSON.stringify(
    results.map((r) => ({
      filePath: r.filePath,
      kind: r.kind,
      messages: r.messages.map((m) => ({
        ruleId: m.ruleId,
        severity: m.severity === 'error' ? 2 : 1,
        severityName: m.severity,
        message: m.message,
        messageId: m.messageId,
        line: m.line,
        column: m.column,
        endLine: m.endLine,
        endColumn: m.endColumn,
        ...(m.note ? { note: m.note } : {}),
        ...(m.fix ? { fix: m.fix } : {}),
        ...(m.suggestions ? { suggestions: m.suggestions } : {}),
      })),
      errorCount: r.errorCount,
      warningCount: r.warningCount,
      fixableErrorCount: r.fixableErrorCount,
      fixableWarningCount: r.fixableWarningCount,
      ...(r.output !== undefined ? { output: r.output } : {}),
      hooklintVersion: HOOKLINT_VERSION,
      claudeCodeVersion: CLAUDE_CODE_VERSION,
    })),
  )) + '\n';
