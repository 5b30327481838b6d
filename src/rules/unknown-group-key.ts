import { defineRule } from './rule.js';
import { markerAware, unknownGroupKeys, unknownKeyFix } from './util.js';

/**
 * Beyond RULES.md (SPEC.md §0, §3, §8.3): a matcher group has only `matcher`
 * and `hooks`; any other key (`description`, `id`, `name`) has no effect.
 * Plugin hooks.json files are covered by `plugin-hooks-unknown-key` (Claude
 * Code warns there at every start); this rule covers settings files and
 * inline manifest hooks, where what Claude Code does is [uncertain], so it
 * is a warning. `if` on a group is left to `if-misplaced`.
 */
export default defineRule({
  meta: {
    id: 'unknown-group-key',
    type: 'problem',
    severity: 'warning',
    section: 3,
    fixable: 'unsafe',
    description: 'A matcher-group key other than "matcher" and "hooks" in a settings file (no effect)',
    messages: {
      unknown: '"{{key}}" is not a matcher-group key ("matcher", "hooks") and has no effect',
      didYouMean: '"{{key}}" is not a matcher-group key and has no effect; did you mean "{{suggestion}}"?',
    },
  },
  check(ctx) {
    if (ctx.model.kind === 'plugin-hooks') return;
    for (const ev of ctx.model.events)
      for (const g of ev.groups)
        for (const k of unknownGroupKeys(g))
          ctx.report({ messageId: k.suggestion ? 'didYouMean' : 'unknown', data: { key: k.key, suggestion: k.suggestion ?? '' }, node: k.keyNode, ...markerAware(unknownKeyFix(ctx, g.node, k.prop)) });
  },
});
