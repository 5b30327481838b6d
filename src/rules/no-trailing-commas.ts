import { defineRule } from './rule.js';

/** RULES.md §1 `no-trailing-commas`: Claude Code rejects the file (ECOSYSTEM.md §11). Safe fix: delete the comma. */
export default defineRule({
  meta: {
    id: 'no-trailing-commas',
    type: 'problem',
    severity: 'error',
    section: 1,
    frontmatter: false,
    fixable: 'safe',
    description: 'Trailing commas are not allowed: Claude Code reads these files as strict JSON',
    messages: { comma: 'trailing comma is not allowed: {{where}}Claude Code reads this file as strict JSON' },
  },
  check(ctx) {
    for (const c of ctx.doc.trailingCommas)
      ctx.report({ messageId: 'comma', span: c, fix: { safety: 'safe', title: 'remove the trailing comma', edits: [{ range: [c.offset, c.offset + 1], text: '' }] } });
  },
});
