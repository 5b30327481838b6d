import { frontmatterDirectives } from '../formats/directives.js';
import { closest } from '../model/suggest.js';
import { defineRule } from './rule.js';
// A cycle (index.ts lists this rule), read only when a check runs, after both modules loaded.
import { rules } from './index.js';

/**
 * `# hooklint-disable-next-line <rule> -- <reason>` comments in a skill's or agent's frontmatter
 * (src/formats/directives.ts) that suppress nothing because they are incomplete: no reason after
 * ` -- ` (required, so that a suppression says why it is safe), no rule id (a blanket disable is
 * not offered), or a rule id hooklint does not have (a typo would silently suppress nothing).
 * The directives themselves are applied in src/lint/lint.ts.
 */
export default defineRule({
  meta: {
    id: 'disable-directive-invalid',
    type: 'problem',
    severity: 'error',
    section: 1,
    frontmatter: 'only',
    description: 'A hooklint-disable-next-line comment without a reason or a known rule id suppresses nothing',
    messages: {
      noReason: '"hooklint-disable-next-line" needs a reason after " -- " (e.g. "# hooklint-disable-next-line {{example}} -- the script is installed by setup.sh"); it suppresses nothing',
      noRule: '"hooklint-disable-next-line" names no rule; name the rule ids to suppress, then " -- " and the reason',
      unknownRule: '"hooklint-disable-next-line" names "{{id}}", which is not a hooklint rule{{hint}}; it suppresses nothing for it',
    },
  },
  check(ctx) {
    const fm = ctx.doc.frontmatter;
    if (ctx.doc.format !== 'yaml' || !fm) return;
    const directives = frontmatterDirectives(ctx.doc.text, fm);
    if (directives.length === 0) return;
    const known = rules.map((r) => r.meta.id);
    for (const d of directives) {
      if (d.rules.length === 0) {
        ctx.report({ messageId: 'noRule', span: d.span });
        continue;
      }
      if (!d.reason) ctx.report({ messageId: 'noReason', data: { example: d.rules.join(', ') }, span: d.span });
      for (const id of d.rules)
        if (!known.includes(id)) {
          const near = closest(id, known);
          ctx.report({ messageId: 'unknownRule', data: { id, hint: near ? ` (did you mean "${near}"?)` : '' }, span: d.span });
        }
    }
  },
});
