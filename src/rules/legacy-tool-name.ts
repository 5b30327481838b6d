import { catalog } from '../core/catalog.js';
import { spanInString } from '../core/parse.js';
import { defineRule } from './rule.js';
import { matchersOf } from './util.js';

/**
 * RULES.md §4 `legacy-tool-name`; SPEC.md §2.4: `Task` was renamed `Agent` in
 * v2.1.63 and a `Task` matcher no longer fires (the payload says `Agent`);
 * `MultiEdit` is legacy and probably never fires [uncertain: warning only].
 */
export default defineRule({
  meta: {
    id: 'legacy-tool-name',
    type: 'problem',
    severity: 'warning',
    section: 4,
    fixable: 'safe',
    description: 'A legacy tool name in a matcher (Task, renamed Agent in 2.1.63; MultiEdit)',
    messages: {
      renamed: '"{{value}}" was renamed "{{now}}" (Claude Code 2.1.63): this matcher no longer fires for it',
      legacy: '"{{value}}" is a legacy tool that current Claude Code no longer calls: this matcher probably never fires',
    },
  },
  check(ctx) {
    for (const { m, e } of matchersOf(ctx, 'tool')) {
      if (e.kind !== 'exact') continue;
      const names = new Set(e.items.map((i) => i.value));
      for (const item of e.items) {
        if (!(item.value in catalog.legacyToolNames)) continue;
        const now = catalog.legacyToolNames[item.value];
        const span = spanInString(ctx.doc.text, m.node, item.offset, item.offset + item.value.length);
        // Renaming to a name already in the list would duplicate it: report without a fix.
        const fix = now && !names.has(now) ? { safety: 'safe' as const, title: `replace "${item.value}" with "${now}"`, edits: [{ range: [span.offset, span.offset + span.length] as [number, number], text: now }] } : undefined;
        ctx.report({ messageId: now ? 'renamed' : 'legacy', data: { value: item.value, now: now ?? '' }, span, ...(fix ? { fix } : {}), ...(now ? {} : { note: 'match "Edit" instead' }) });
      }
    }
  },
});
