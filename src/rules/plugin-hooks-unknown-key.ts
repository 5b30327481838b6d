import { catalog } from '../model/catalog.js';
import { keyOf, properties } from '../formats/parse.js';
import { mayPredate, olderThan } from '../model/version.js';
import { targetOf } from './version-util.js';
import { defineRule } from './rule.js';
import { markerAware, unknownGroupKeys, unknownKeyFix } from './util.js';

/**
 * Top-level keys of a plugin hooks.json (SPEC.md §8.3, §12.4): `$schema` is
 * accepted and ignored since 2.1.274. (`surface` is a load error since 2.1.33x;
 * reported by its own check in the catalog work, not as an unknown key.)
 */
const TOP_KEYS = ['$schema', 'description', 'hooks', 'modules', 'surface'];

/**
 * RULES.md §7 `plugin-hooks-unknown-key`; SPEC.md §8.3, §9 #17: since
 * Claude Code 2.1.267 a plugin hooks.json has closed key sets (top level:
 * description, hooks, modules, surface; matcher group: matcher, hooks);
 * other keys are ignored with a warning at every session start. `if` on a
 * group is left to `if-misplaced`, which says where it belongs.
 */
export default defineRule({
  meta: {
    id: 'plugin-hooks-unknown-key',
    type: 'problem',
    severity: 'warning',
    section: 7,
    frontmatter: false,
    fixable: 'unsafe',
    description: 'Unknown top-level or matcher-group keys in a plugin hooks.json (warned about at every start)',
    messages: {
      top: '"{{key}}" is not a hooks.json key ({{allowed}}): {{where}}Claude Code ignores it and warns at every session start',
      tooNew: '"{{key}}" is accepted since Claude Code {{since}}; {{older}} ignore it and warn at every session start',
      group: '"{{key}}" is not a matcher-group key ("matcher", "hooks"): {{where}}Claude Code ignores it and warns at every session start',
      didYouMean: '"{{key}}" is not a matcher-group key; did you mean "{{suggestion}}"? {{where}}Claude Code ignores it and warns at every session start',
    },
  },
  check(ctx) {
    if (ctx.model.kind !== 'plugin-hooks') return;
    const root = ctx.model.root;
    if (root?.type === 'object' && !ctx.model.wrapperMissing)
      for (const prop of properties(root)) {
        const key = keyOf(prop);
        const since = catalog.pluginHooksFile.topKeys[key]?.since;
        // $schema: accepted since 2.1.274; older versions warn about it like any unknown key.
        if (since && mayPredate(targetOf(ctx), since)) {
          ctx.report({ messageId: 'tooNew', data: { key, since, older: olderThan(since) }, node: prop.children![0]!, ...markerAware(unknownKeyFix(ctx, root, prop)) });
          continue;
        }
        if (!TOP_KEYS.includes(key)) ctx.report({ messageId: 'top', data: { key, allowed: TOP_KEYS.map((k) => `"${k}"`).join(', ') }, node: prop.children![0]!, ...markerAware(unknownKeyFix(ctx, root, prop)) });
      }
    for (const ev of ctx.model.events)
      for (const g of ev.groups)
        for (const k of unknownGroupKeys(g))
          ctx.report({ messageId: k.suggestion ? 'didYouMean' : 'group', data: { key: k.key, suggestion: k.suggestion ?? '' }, node: k.keyNode, ...markerAware(unknownKeyFix(ctx, g.node, k.prop)) });
  },
});
