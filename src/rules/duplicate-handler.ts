import { treeValue as getNodeValue } from '../formats/parse.js';
import { removeArrayItem } from '../fix/edits.js';
import { stringValue } from '../formats/parse.js';
import { canonicalJson as canonical } from '../model/model.js';
import { defineRule } from './rule.js';

/**
 * RULES.md §7 `duplicate-handler`: the same handler twice under the same
 * matcher of one event runs twice on every matching event (double
 * notifications, double formatting, two decisions). Handlers under different
 * matchers are different hooks. Unsafe fix: remove the later copy.
 */
export default defineRule({
  meta: {
    id: 'duplicate-handler',
    type: 'problem',
    severity: 'warning',
    section: 7,
    fixable: 'unsafe',
    description: 'The same handler twice under the same matcher of one event',
    messages: {
      duplicate: 'this handler repeats the one on line {{line}} (same event, same matcher): {{where}}it runs twice every time',
    },
  },
  check(ctx) {
    for (const ev of ctx.model.events) {
      if (ev.groups.reduce((n, g) => n + g.handlers.length, 0) < 2) continue;
      const seen = new Map<string, number>();
      for (const g of ev.groups) {
        if (g.flat) continue;
        const m = stringValue(g.matcher)?.trim() ?? '';
        const matcher = m === '*' ? '' : m;
        g.handlers.forEach((h) => {
          const key = `${matcher}\u0000${canonical(getNodeValue(h.node))}`;
          const first = seen.get(key);
          if (first === undefined) {
            seen.set(key, h.node.offset);
            return;
          }
          ctx.report({
            messageId: 'duplicate',
            data: { line: ctx.lines.position(first).line },
            node: h.node,
            fix: { safety: 'unsafe', title: 'remove the repeated handler', edits: [removeArrayItem(ctx.doc.text, g.hooks!, h.index)] },
          });
        });
      }
    }
  },
});
