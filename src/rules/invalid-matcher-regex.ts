import { defineRule } from './rule.js';
import { matchersOf } from './util.js';

/**
 * RULES.md §4 `invalid-matcher-regex`; SPEC.md §3: a matcher with characters
 * outside the exact set is a JavaScript regular expression; one that does not
 * compile never matches.
 */
export default defineRule({
  meta: {
    id: 'invalid-matcher-regex',
    type: 'problem',
    severity: 'error',
    section: 4,
    description: 'A matcher on the regex path that is not a valid JavaScript regular expression',
    messages: {
      invalid: 'matcher "{{matcher}}" is evaluated as a regular expression and is invalid ({{error}}): {{where}}these hooks never run',
    },
  },
  check(ctx) {
    for (const { m, e } of matchersOf(ctx, 'matching')) {
      if (e.kind === 'regex' && e.error) ctx.report({ messageId: 'invalid', data: { matcher: m.value, error: e.error }, node: m.node });
    }
  },
});
