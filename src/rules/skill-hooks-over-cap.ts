import { catalog } from '../model/catalog.js';
import { mayReach } from '../model/version.js';
import { targetOf } from './version-util.js';
import { defineRule } from './rule.js';

/**
 * SPEC.md §12.5 (2.1.304): Claude Code takes at most 1,024 hooks and 16,384
 * characters of matchers from one skill per session (`catalog.frontmatter.skillHookCaps`).
 * Reported once per cap, at the first handler (or matcher) past it. What happens
 * to the rest is not documented [uncertain]: the message says they may not load,
 * and the finding is a warning.
 */
export default defineRule({
  meta: {
    id: 'skill-hooks-over-cap',
    type: 'problem',
    severity: 'warning',
    section: 3,
    frontmatter: 'only',
    description: 'A skill declares more hooks, or longer matchers, than Claude Code takes from one skill',
    messages: {
      hooks: 'this skill declares {{count}} hooks; Claude Code takes at most {{cap}} from one skill per session, so this one and those after it may not load',
      matchers: 'the matchers of this skill total {{count}} characters; Claude Code takes at most {{cap}} from one skill per session, so this matcher and those after it may not load',
    },
  },
  check(ctx) {
    if (ctx.model.kind !== 'skill') return;
    const caps = catalog.frontmatter.skillHookCaps;
    if (!mayReach(targetOf(ctx), caps.since)) return;
    const { handlers } = ctx.model;
    if (handlers.length > caps.hooks) ctx.report({ messageId: 'hooks', data: { count: handlers.length.toLocaleString('en-US'), cap: caps.hooks.toLocaleString('en-US') }, node: handlers[caps.hooks]!.node });
    let chars = 0;
    const total = ctx.model.events.reduce((n, e) => n + e.groups.reduce((m, g) => m + (g.matcher?.type === 'string' ? String(g.matcher.value).length : 0), 0), 0);
    for (const e of ctx.model.events)
      for (const g of e.groups) {
        if (g.matcher?.type !== 'string') continue;
        chars += String(g.matcher.value).length;
        if (chars > caps.matcherCharacters) {
          ctx.report({ messageId: 'matchers', data: { count: total.toLocaleString('en-US'), cap: caps.matcherCharacters.toLocaleString('en-US') }, node: g.matcher });
          return;
        }
      }
  },
});
