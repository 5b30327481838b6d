import { defineRule } from './rule.js';
import { matcherOf } from './util.js';

/**
 * RULES.md §4 `file-changed-matcher`; SPEC.md §3: a FileChanged matcher is
 * also the watch list: every `|` segment is registered as a literal file
 * name. `*` watches a file literally named `*`, regex syntax names no real
 * file, `,` does not separate, and spaces around `|` become part of a name.
 * Dots and hyphens are ordinary file-name characters (`.env`,
 * `docker-compose.yml`) and work both as a literal and as a regex, so they
 * are not reported (no false error).
 */
export default defineRule({
  meta: {
    id: 'file-changed-matcher',
    type: 'problem',
    severity: 'warning',
    section: 4,
    description: 'A FileChanged matcher with *, regex syntax, commas or spaces (it is a literal watch list)',
    messages: {
      star: 'FileChanged watches the matcher\'s names literally: "*" watches a file named "*"; omit the matcher to match every watched file',
      regex: 'FileChanged watches each "|" segment as a literal file name: "{{segment}}" uses regex syntax ({{chars}}) and watches no real file',
      comma: 'FileChanged separates file names only with "|": "{{segment}}" is watched as one name containing a comma',
      space: 'FileChanged file names are literal: "{{segment}}" has spaces around it, so it names no real file',
    },
  },
  check(ctx) {
    for (const ev of ctx.model.events) {
      if (ev.name !== 'FileChanged') continue;
      for (const g of ev.groups) {
        const m = matcherOf(g);
        if (!m || m.value === '') continue;
        for (const segment of m.value.split('|')) {
          const chars = [...new Set(segment.match(/[*^$()[\]{}+?\\]/g) ?? [])];
          if (segment.trim() === '*') ctx.report({ messageId: 'star', node: m.node });
          else if (chars.length > 0) ctx.report({ messageId: 'regex', data: { segment, chars: chars.join(' ') }, node: m.node });
          else if (segment.includes(',')) ctx.report({ messageId: 'comma', data: { segment }, node: m.node });
          else if (segment !== segment.trim()) ctx.report({ messageId: 'space', data: { segment }, node: m.node });
        }
      }
    }
  },
});
