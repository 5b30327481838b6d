import { detectEol, detectIndentUnit, indentAt, reindent } from '../fix/edits.js';
import { findProperty } from '../formats/parse.js';
import { defineRule } from './rule.js';

/**
 * RULES.md §1 `flat-handler`; SPEC.md §0 (anthropics/claude-code#49990): a
 * handler written directly in the event array, without the
 * `{ "matcher"?, "hooks": [...] }` group, breaks every hook in the file.
 * Safe fix: wrap it in a group, keeping the handler's text.
 */
export default defineRule({
  meta: {
    id: 'flat-handler',
    type: 'problem',
    severity: 'error',
    section: 1,
    fixable: 'safe',
    description: 'A handler placed directly in the event array without a matcher group',
    messages: { flat: 'handler is placed directly under "{{event}}": it must sit in a matcher group {"hooks": [...]}' },
  },
  check(ctx) {
    const text = ctx.doc.text;
    for (const e of ctx.model.events)
      for (const g of e.groups) {
        if (!g.flat) continue;
        // Wrapping is safe only for a plain handler; one carrying `matcher` or lacking `type`
        // needs a decision about which keys belong to the group: report only.
        const wrappable = !!findProperty(g.node, 'type') && !findProperty(g.node, 'matcher');
        const { offset, length } = g.node;
        const original = text.slice(offset, offset + length);
        let replacement: string;
        if (!/[\r\n]/.test(original)) replacement = `{ "hooks": [${original}] }`;
        else {
          const eol = detectEol(text);
          const unit = detectIndentUnit(text);
          const ind = indentAt(text, offset);
          replacement = `{${eol}${ind}${unit}"hooks": [${eol}${ind}${unit}${unit}${reindent(original, unit + unit)}${eol}${ind}${unit}]${eol}${ind}}`;
        }
        ctx.report({
          messageId: 'flat',
          data: { event: e.name },
          node: g.node,
          ...(wrappable ? { fix: { safety: 'safe' as const, title: 'wrap the handler in a matcher group', edits: [{ range: [offset, offset + length] as [number, number], text: replacement }] } } : {}),
        });
      }
  },
});
