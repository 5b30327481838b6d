import { wordLocation } from './util.js';
import { scriptsOf } from '../analysis/scripts.js';
import { defineRule } from './rule.js';

/**
 * RULES.md §6 `script-not-found`; SPEC.md §9 #7: `python3 missing.py` exits 2,
 * which blocks every tool call on PreToolUse; other interpreters and a missing
 * program exit non-zero and the hook silently does nothing.
 */
export default defineRule({
  meta: {
    id: 'script-not-found',
    type: 'problem',
    severity: 'error',
    section: 6,
    needsHost: true,
    description: 'The script a hook runs does not exist',
    messages: {
      missing: 'script "{{script}}" does not exist: {{where}}the hook fails every time it runs',
      missingBlocks: 'script "{{script}}" does not exist: {{where}}{{interpreter}} exits 2 on a missing file, which blocks every matching call on {{event}}',
    },
  },
  check(ctx) {
    const host = ctx.options.host!;
    for (const h of ctx.model.handlers)
      for (const s of scriptsOf(h, ctx.options)) {
        if (host.stat(s.absolute)) continue;
        const blocks = !!s.interpreter && /^python/.test(s.interpreter) && !!h.event.spec?.canBlock;
        ctx.report({
          messageId: blocks ? 'missingBlocks' : 'missing',
          data: { script: s.written, path: s.absolute, interpreter: s.interpreter ?? '', event: h.event.name },
          ...wordLocation(ctx, s.node, s.word),
          note: `resolved to ${s.absolute}`,
        });
      }
  },
});
