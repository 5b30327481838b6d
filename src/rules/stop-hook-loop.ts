import { defineRule } from './rule.js';
import { exitCodes } from './script-exits.js';
import { scriptLanguage, scriptsOf, scriptText } from './scripts.js';
import { wordLocation } from './util.js';

/**
 * RULES.md §6 `stop-hook-loop`; SPEC.md §1.2 (Stop), §9 #14: a Stop hook
 * that blocks makes Claude continue, which ends in another Stop; a script
 * that can block and never reads `stop_hook_active` loops until the block cap
 * (8 by default).
 */
export default defineRule({
  meta: {
    id: 'stop-hook-loop',
    type: 'problem',
    severity: 'warning',
    section: 6,
    needsHost: true,
    description: 'A Stop/SubagentStop script that can block and never reads stop_hook_active',
    messages: {
      loop: 'script "{{script}}" can block {{event}} ({{how}}) but never reads "stop_hook_active": it blocks again on every retry, up to the block cap',
    },
  },
  check(ctx) {
    for (const h of ctx.model.handlers) {
      if (h.event.name !== 'Stop' && h.event.name !== 'SubagentStop') continue;
      for (const s of scriptsOf(h, ctx.options)) {
        const text = scriptText(ctx.options, s.absolute);
        if (text === undefined || text.includes('stop_hook_active')) continue;
        const how = exitCodes(text, scriptLanguage(s, text)).has(2) ? 'exit 2' : /["']?decision["']?\s*[:=]\s*\\?["']block/.test(text) ? '"decision": "block"' : undefined;
        if (!how) continue;
        ctx.report({
          messageId: 'loop',
          data: { script: s.written, event: h.event.name, how },
          ...wordLocation(ctx, s.node, s.word),
          note: 'read stop_hook_active from the hook input and exit 0 when it is true',
        });
      }
    }
  },
});
