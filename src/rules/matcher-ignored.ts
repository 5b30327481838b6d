import { findProperty } from '../formats/parse.js';
import { defineRule } from './rule.js';
import { matcherOf, removeKeyFix } from './util.js';

/** Matchers that mean "everything" (`""`, `*`, `.*`, `^.*$`, `.+`): what happens anyway. */
const MATCH_ALL = /^\s*(\*|\^?\.[*+]\$?)?\s*$/;

/**
 * RULES.md §4 `matcher-ignored`; SPEC.md §1.3: on events without matcher
 * support a matcher is silently ignored and the hooks run every time.
 * Matchers meaning "match all" (`""`, `"*"`, `".*"`) describe what happens
 * anyway, so they are not reported.
 */
export default defineRule({
  meta: {
    id: 'matcher-ignored',
    type: 'problem',
    severity: 'warning',
    section: 4,
    fixable: 'unsafe',
    description: 'A matcher on an event without matcher support (ignored: the hooks always run)',
    messages: {
      ignored: '{{event}} has no matcher support: {{where}}"{{matcher}}" is ignored and these hooks run on every {{event}}',
    },
  },
  check(ctx) {
    for (const ev of ctx.model.events) {
      if (!ev.spec || ev.spec.matcher) continue;
      for (const g of ev.groups) {
        const m = matcherOf(g);
        if (!m || MATCH_ALL.test(m.value)) continue;
        ctx.report({ messageId: 'ignored', data: { event: ev.name, matcher: m.value }, node: m.node, fix: removeKeyFix(ctx, g.node, findProperty(g.node, 'matcher')!, 'unsafe') });
      }
    }
  },
});
