import { defineRule } from './rule.js';
import { eventsNamed } from '../analysis/script-output.js';
import { decisionOf, isAsyncAnswer, judgeOutputObject } from '../model/contract.js';
import { EVENT_NAMES } from '../model/catalog.js';
import { scriptPrinters, wordLocation } from './util.js';

/**
 * SPEC.md §13.4 "`continue: false`": it ends the turn and wins over every
 * decision. Three misuses a script's prints prove:
 *
 * - `continue: false` with `decision: "block"` on Stop or SubagentStop: the
 *   turn ends, and Claude is never told to keep working with `reason`;
 * - `continue: false` in a PreToolUse answer that denies the call: the whole
 *   turn halts instead of the one call being refused;
 * - `stopReason` without `continue: false`: Claude Code reads it only with
 *   `continue: false`, so it is never shown.
 *
 * A print whose object gains keys at run time, or whose `continue` is
 * computed, is left alone; so are dispatcher scripts for the event-specific cases.
 */
export default defineRule({
  meta: {
    id: 'continue-false-misuse',
    type: 'problem',
    severity: 'warning',
    section: 6,
    needsHost: true,
    description: 'A script prints continue: false where it defeats the decision, or stopReason without continue: false',
    messages: {
      stopBlock: 'script "{{script}}" prints "continue": false with "decision": "block" ({{at}}): on {{event}} "continue": false wins, so the turn {{where}}ends and Claude is never told to continue with the reason',
      guard: 'script "{{script}}" denies with "continue": false ({{at}}): on PreToolUse that {{where}}halts the whole turn instead of refusing this one call',
      stopReason: 'script "{{script}}" prints "stopReason" without "continue": false ({{at}}): Claude Code {{where}}reads "stopReason" only with "continue": false, so nobody sees it',
    },
  },
  check(ctx) {
    for (const { spec, prints } of scriptPrinters(ctx)) {
      for (const p of prints) {
        const dispatcher = [...eventsNamed(p.texts, EVENT_NAMES)].some((n) => n !== spec.name);
        const done = new Set<string>();
        for (const e of p.emissions) {
          if (e.stream !== 'stdout' || e.kind !== 'json' || !e.json || e.open || isAsyncAnswer(e.json) || e.exit === 2) continue;
          const at = `${e.file === p.script.absolute ? '' : `${e.file.split('/').pop()} `}line ${e.line}`;
          const data = { script: p.script.written, at, event: spec.name };
          const where = wordLocation(ctx, p.script.node, p.script.word);
          for (const pr of judgeOutputObject(e.json, spec)) {
            if (pr.code === 'continue-overrides-block' && !dispatcher && !done.has('stopBlock')) {
              done.add('stopBlock');
              ctx.report({ messageId: 'stopBlock', data, ...where, note: 'leave "continue" out: "decision": "block" with a "reason" keeps Claude working' });
            }
            if (pr.code === 'stop-reason-unread' && !done.has('stopReason')) {
              done.add('stopReason');
              ctx.report({ messageId: 'stopReason', data, ...where, note: 'to stop the turn add "continue": false; to tell Claude why it is blocked, use "reason" with "decision": "block"' });
            }
          }
          if (spec.name === 'PreToolUse' && !dispatcher && e.json.continue === false && !done.has('guard')) {
            const refusal = { ...e.json };
            delete refusal.continue;
            if (decisionOf(refusal, spec) === 'block') {
              done.add('guard');
              ctx.report({ messageId: 'guard', data, ...where, note: 'leave "continue" out: "permissionDecision": "deny" refuses the call and Claude goes on' });
            }
          }
        }
      }
    }
  },
});
