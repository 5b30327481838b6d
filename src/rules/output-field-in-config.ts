import { catalog } from '../model/catalog.js';
import { defineRule } from './rule.js';
import { handlerProps, removeKeyFix } from './util.js';

/** Output fields other than `suppressOutput` (which has its own rule). */
const OUTPUT_FIELDS = new Set(catalog.outputFields.filter((f) => f !== 'suppressOutput'));

/**
 * RULES.md §3 `output-field-in-config`; SPEC.md §2.2 "Fields that do NOT
 * belong in a handler", §5.2: `decision`, `continue`, `systemMessage`,
 * `hookSpecificOutput`, `stopReason` are what a hook prints on stdout, not
 * configuration; in a handler they do nothing.
 */
export default defineRule({
  meta: {
    id: 'output-field-in-config',
    type: 'problem',
    severity: 'warning',
    section: 3,
    fixable: 'unsafe',
    description: 'A hook output field (decision, continue, systemMessage, ...) written as handler configuration',
    messages: {
      outputField: '"{{key}}" is a field of the JSON a hook prints on stdout, not a handler setting: here it does nothing',
    },
  },
  check(ctx) {
    for (const h of ctx.model.handlers) {
      if (h.group.flat) continue;
      for (const p of handlerProps(h))
        if (OUTPUT_FIELDS.has(p.key))
          ctx.report({
            messageId: 'outputField',
            data: { key: p.key },
            node: p.keyNode,
            note: 'to make the hook decide, have its command print it, e.g. echo \'{"decision": "block", "reason": "…"}\'',
            fix: removeKeyFix(ctx, h.node, p.prop, 'unsafe'),
          });
    }
  },
});
