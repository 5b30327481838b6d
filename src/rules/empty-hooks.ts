import { removeArrayItem, removeProperty } from '../fix/edits.js';
import { defineRule } from './rule.js';

/**
 * RULES.md §7 `empty-hooks`: an event with `[]` or a matcher group with
 * `"hooks": []` configures nothing; usually a hook was deleted and its
 * scaffolding left behind, or an edit went to the wrong place. Safe fix:
 * remove the empty entry.
 */
export default defineRule({
  meta: {
    id: 'empty-hooks',
    type: 'suggestion',
    severity: 'warning',
    section: 7,
    fixable: 'safe',
    description: 'An event with [] or a matcher group with "hooks": [] (configures nothing)',
    messages: {
      emptyEvent: '{{event}} has no matcher groups: it configures nothing',
      emptyGroup: 'this matcher group of {{event}} has no handlers: it configures nothing',
    },
  },
  check(ctx) {
    for (const ev of ctx.model.events) {
      if (ev.valueNode?.type === 'array' && (ev.valueNode.children ?? []).length === 0) {
        ctx.report({ messageId: 'emptyEvent', data: { event: ev.name }, node: ev.keyNode, fix: { safety: 'safe', title: `remove "${ev.name}"`, edits: [removeProperty(ctx.doc.text, ctx.model.eventMap!, ev.property)] } });
        continue;
      }
      for (const g of ev.groups) {
        if (g.flat || g.hooks?.type !== 'array' || (g.hooks.children ?? []).length > 0) continue;
        ctx.report({ messageId: 'emptyGroup', data: { event: ev.name }, node: g.hooks, fix: { safety: 'safe', title: 'remove the empty group', edits: [removeArrayItem(ctx.doc.text, ev.valueNode!, g.index)] } });
      }
    }
  },
});
