import { defineRule } from './rule.js';

/** RULES.md §1 `json-syntax`: every parse error, with its position; linting goes on with what parsed. */
export default defineRule({
  meta: {
    id: 'json-syntax',
    type: 'problem',
    severity: 'error',
    section: 1,
    description: 'The file is not parseable as JSON',
    messages: { syntax: 'invalid JSON: {{detail}}' },
  },
  check(ctx) {
    for (const e of ctx.doc.syntaxErrors) ctx.report({ messageId: 'syntax', data: { detail: e.message }, span: e });
  },
});
