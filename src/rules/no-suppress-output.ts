import { removeProperty } from '../fix/edits.js';
import { findProperty } from '../formats/parse.js';
import { defineRule } from './rule.js';

/**
 * RULES.md §3 `no-suppress-output`; SPEC.md §2.2, §5.2: `suppressOutput` is a
 * field of a hook's JSON output, not configuration. In config it does nothing,
 * and plugin hooks.json gets a warning at every session start (§8.3).
 * Safe fix: remove the key.
 */
export default defineRule({
  meta: {
    id: 'no-suppress-output',
    type: 'suggestion',
    severity: 'warning',
    section: 3,
    fixable: 'safe',
    description: '"suppressOutput" in a handler: an output field, not configuration',
    messages: { suppress: '"suppressOutput" is a field of the hook\'s JSON output, not a handler setting: here it does nothing' },
  },
  check(ctx) {
    for (const h of ctx.model.handlers) {
      const prop = findProperty(h.node, 'suppressOutput');
      if (!prop) continue;
      ctx.report({
        messageId: 'suppress',
        node: prop.children![0]!,
        fix: { safety: 'safe', title: 'remove "suppressOutput"', edits: [removeProperty(ctx.doc.text, h.node, prop)] },
      });
    }
  },
});
