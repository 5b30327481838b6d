import { lineStartOf } from '../fix/edits.js';
import { defineRule } from './rule.js';

/**
 * RULES.md §1 `no-comments`; ECOSYSTEM.md §11: Claude Code reads settings and
 * hooks.json as strict JSON, so a comment makes it skip the whole file.
 * Fix (unsafe, it deletes text): remove the comment, and its line when the
 * comment stands alone on it.
 */
export default defineRule({
  meta: {
    id: 'no-comments',
    type: 'problem',
    severity: 'error',
    section: 1,
    frontmatter: false,
    fixable: 'unsafe',
    description: 'Comments are not allowed: Claude Code reads these files as strict JSON',
    messages: { comment: 'comments are not allowed in this file: {{where}}Claude Code reads it as strict JSON' },
  },
  check(ctx) {
    const text = ctx.doc.text;
    for (const c of ctx.doc.comments) {
      const end = c.offset + c.length;
      const start = lineStartOf(text, c.offset);
      const lineEnd = /\r\n|\n|\r/.exec(text.slice(end));
      const aloneOnLine = text.slice(start, c.offset).trim() === '' && (lineEnd ? text.slice(end, end + lineEnd.index).trim() === '' : text.slice(end).trim() === '');
      let range: [number, number];
      if (aloneOnLine && lineEnd) range = [start, end + lineEnd.index + lineEnd[0].length];
      else {
        let s = c.offset;
        while (s > 0 && (text[s - 1] === ' ' || text[s - 1] === '\t')) s--;
        range = [s, end];
      }
      ctx.report({ messageId: 'comment', span: c, fix: { safety: 'unsafe', title: 'remove the comment', edits: [{ range, text: '' }] } });
    }
  },
});
