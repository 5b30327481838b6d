import { defineRule } from './rule.js';

/** RULES.md §1 `json-syntax`: every parse error, with its position; linting goes on with what parsed. */
export default defineRule({
  meta: {
    id: 'json-syntax',
    type: 'problem',
    severity: 'error',
    section: 1,
    frontmatter: false,
    description: 'The file is not parseable as JSON',
    messages: {
      syntax: 'invalid JSON: {{detail}}',
      utf16: 'the file is encoded as UTF-16 ({{encoding}}); {{where}}Claude Code reads settings and hooks as UTF-8, so it cannot parse this file',
    },
  },
  check(ctx) {
    const enc = ctx.options.encoding;
    if (enc === 'utf-16le' || enc === 'utf-16be') ctx.report({ messageId: 'utf16', data: { encoding: enc.toUpperCase() }, span: { offset: 0, length: 1 } });

    for (const e of ctx.doc.syntaxErrors) ctx.report({ messageId: 'syntax', data: { detail: e.message }, span: e });
  },
});
