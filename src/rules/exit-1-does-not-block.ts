import { defineRule } from './rule.js';
import { exitCodes, printsDecision } from './script-exits.js';
import { scriptLanguage, scriptsOf, scriptText } from './scripts.js';
import { wordLocation } from './util.js';

/**
 * RULES.md §6 `exit-1-does-not-block`; SPEC.md §5.1, §9 #6: only exit code 2
 * blocks; exit 1 (like any other non-zero code) is a non-blocking error and
 * the action proceeds. Reported for scripts of events that can block which
 * exit 1 and never exit 2 or print a JSON decision. WorktreeCreate fails on
 * any non-zero exit, so it is not reported there.
 */
export default defineRule({
  meta: {
    id: 'exit-1-does-not-block',
    type: 'problem',
    severity: 'warning',
    section: 6,
    needsHost: true,
    description: 'A script of a blocking event that exits 1 and never 2 (exit 1 does not block)',
    messages: {
      exit1: 'script "{{script}}" exits 1 (line {{line}}) and never 2: on {{event}} only exit code 2 blocks, so the action proceeds',
    },
  },
  check(ctx) {
    for (const h of ctx.model.handlers) {
      if (!h.event.spec?.canBlock || h.event.name === 'WorktreeCreate') continue;
      for (const s of scriptsOf(h, ctx.options)) {
        const text = scriptText(ctx.options, s.absolute);
        if (text === undefined || printsDecision(text)) continue;
        const codes = exitCodes(text, scriptLanguage(s, text));
        const ones = codes.get(1);
        if (!ones || codes.has(2)) continue;
        ctx.report({
          messageId: 'exit1',
          data: { script: s.written, line: ones[0]!, event: h.event.name },
          ...wordLocation(ctx, s.node, s.word),
          note: 'to block, exit 2 and write the reason to stderr',
        });
      }
    }
  },
});
