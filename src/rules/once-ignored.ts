import { catalog } from '../model/catalog.js';
import { findProperty } from '../formats/parse.js';
import { defineRule } from './rule.js';
import { removeKeyFix } from './util.js';

/**
 * RULES.md §3 `once-ignored`; SPEC.md §2.1: `once` is honoured only in skill
 * frontmatter; in settings files, plugin hooks.json and agent frontmatter the
 * hook runs every time. Not reported in a skill (nor a custom command, which
 * Claude Code loads as a skill).
 */
export default defineRule({
  meta: {
    id: 'once-ignored',
    type: 'problem',
    severity: 'warning',
    section: 3,
    fixable: 'unsafe',
    description: '"once" outside skill frontmatter (ignored: the hook runs every time)',
    messages: {
      once: '"once" is honoured only in skill frontmatter; in this file it is ignored and the hook runs every time',
    },
  },
  check(ctx) {
    if (catalog.frontmatter.onceHonouredIn.includes(ctx.model.kind)) return;
    for (const h of ctx.model.handlers) {
      if (h.group.flat) continue;
      const prop = findProperty(h.node, 'once');
      if (prop) ctx.report({ messageId: 'once', node: prop.children![0]!, fix: removeKeyFix(ctx, h.node, prop, 'unsafe') });
    }
  },
});
