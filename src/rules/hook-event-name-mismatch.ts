import { defineRule } from './rule.js';
import { isAsyncAnswer, judgeOutputObject, outputContract } from '../model/contract.js';
import { scriptPrinters, wordLocation } from './util.js';

/**
 * SPEC.md §13.4 "`hookSpecificOutput` must carry `hookEventName`": a command
 * hook's script prints `hookSpecificOutput` without `hookEventName` (the output
 * fails validation: a non-blocking hook error, the whole answer ignored) or
 * with a `hookEventName` that names another event (Claude Code throws
 * "incorrect event name" and drops the whole answer). Only what the text
 * proves: a script that sets `hookEventName` anywhere (a value added at run
 * time) is not reported as missing it, and a script that names the handler's
 * own event anywhere (a dispatcher that answers per event) is not reported as
 * naming another.
 */
export default defineRule({
  meta: {
    id: 'hook-event-name-mismatch',
    type: 'problem',
    severity: 'error',
    section: 6,
    needsHost: true,
    description: 'A script prints hookSpecificOutput without hookEventName, or naming another event: Claude Code drops the answer',
    messages: {
      missing: 'script "{{script}}" prints "hookSpecificOutput" without "hookEventName" ({{file}}line {{line}}): Claude Code rejects the answer and {{where}}ignores it, so its {{fields}} never {{verb}} effect',
      other: 'script "{{script}}" prints "hookEventName": "{{named}}" ({{file}}line {{line}}) but runs on {{event}}: Claude Code {{where}}drops the whole answer ("incorrect event name")',
    },
  },
  check(ctx) {
    for (const { spec, prints } of scriptPrinters(ctx)) {
      // The contract is read only once a script is (the check program loads it on first use).
      if (outputContract().events[spec.name]?.ignoresOutput) continue;
      for (const p of prints) {
        const namesOwn = p.texts.some((t) => t.text.includes(spec.name));
        let reported = false;
        for (const e of p.emissions) {
          if (reported) break;
          if (e.stream !== 'stdout' || e.kind !== 'json' || !e.json || isAsyncAnswer(e.json)) continue;
          for (const pr of judgeOutputObject(e.json, spec)) {
            const file = e.file === p.script.absolute ? '' : `${e.file}, `;
            const at = { script: p.script.written, file, line: e.line, event: spec.name };
            if (pr.code === 'event-name-missing' && !setsEventNameAnywhere(p.texts)) {
              const hso = e.json.hookSpecificOutput as Record<string, unknown>;
              const fields = Object.keys(hso).map((k) => `"${k}"`);
              ctx.report({
                messageId: 'missing',
                data: { ...at, fields: fields.length ? fields.join(', ') : 'fields', verb: fields.length === 1 ? 'takes' : 'take' },
                ...wordLocation(ctx, p.script.node, p.script.word),
                note: `add "hookEventName": "${spec.name}" inside "hookSpecificOutput"`,
              });
              reported = true;
            } else if (pr.code === 'event-name-mismatch' && !namesOwn) {
              const named = String((e.json.hookSpecificOutput as Record<string, unknown>).hookEventName);
              ctx.report({ messageId: 'other', data: { ...at, named }, ...wordLocation(ctx, p.script.node, p.script.word), note: `use "hookEventName": "${spec.name}", or run the script on ${named}` });
              reported = true;
            }
            if (reported) break;
          }
        }
      }
    }
  },
});

/**
 * True when the script's texts mention `hookEventName` at all: the printed
 * object may get it at run time (a nested assignment the analysis does not
 * follow), so a print without it is given the benefit of the doubt.
 */
function setsEventNameAnywhere(texts: readonly { path: string; text: string }[]): boolean {
  return texts.some((t) => /hookEventName/.test(t.text));
}
