import { catalog, HANDLER_TYPES, type HandlerType } from '../model/catalog.js';
import { closest } from '../model/suggest.js';
import { defineRule } from './rule.js';
import { handlerProps, isMarkerKey, markerAware, unknownKeyFix } from './util.js';

/** Keys other rules report with a more precise message. */
const OWNED = new Set([...catalog.outputFields, 'once', 'onFailure']);

/** The keys a handler of each type defines (SPEC.md §2.1, §2.2). */
const KNOWN: Record<HandlerType, string[]> = Object.fromEntries(
  HANDLER_TYPES.map((t) => [t, [...Object.keys(catalog.commonHandlerFields), ...Object.keys(catalog.handlerTypes[t].fields)]]),
) as Record<HandlerType, string[]>;

/**
 * RULES.md §3 `unknown-handler-key`; SPEC.md §2.2, §8.1: keys a handler type
 * does not define (`description`, `timeoutMs`, `event`, `blocking`, `name`,
 * or a field of another type such as `args` on an http hook). What Claude Code
 * does with them in settings is [uncertain] (most likely dropped silently), so
 * this is a warning: the key has no effect either way.
 */
export default defineRule({
  meta: {
    id: 'unknown-handler-key',
    type: 'problem',
    severity: 'warning',
    section: 3,
    fixable: 'unsafe',
    description: 'A key the handler type does not define (description, timeoutMs, name, ...)',
    messages: {
      unknown: '"{{key}}" is not a field of {{type}} hooks and has no effect',
      didYouMean: '"{{key}}" is not a field of {{type}} hooks and has no effect; did you mean "{{suggestion}}"?',
      otherType: '"{{key}}" is a field of {{owner}} hooks, not of {{type}} hooks: it has no effect here',
    },
  },
  check(ctx) {
    for (const h of ctx.model.handlers) {
      if (h.group.flat || !h.type || !(h.type in KNOWN)) continue;
      const type = h.type as HandlerType;
      const known = KNOWN[type];
      for (const p of handlerProps(h)) {
        if (known.includes(p.key) || OWNED.has(p.key)) continue;
        const owner = HANDLER_TYPES.find((t) => KNOWN[t].includes(p.key));
        const suggestion = owner || isMarkerKey(p.key) ? undefined : closest(p.key, known);
        const fix = unknownKeyFix(ctx, h.node, p.prop);
        ctx.report({
          messageId: owner ? 'otherType' : suggestion ? 'didYouMean' : 'unknown',
          data: { key: p.key, type, owner: owner ?? '', suggestion: suggestion ?? '' },
          node: p.keyNode,
          ...markerAware(fix),
        });
      }
    }
  },
});
