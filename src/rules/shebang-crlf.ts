import { defineRule } from './rule.js';
import { directScripts, wordLocation } from './util.js';

/**
 * RULES.md §6 `shebang-crlf`: with a CRLF line ending the interpreter named
 * by the shebang is `/bin/bash\r` ("bad interpreter: /bin/bash^M"), so the
 * script never runs. Unsafe fix: convert the whole file to LF.
 */
export default defineRule({
  meta: {
    id: 'shebang-crlf',
    type: 'problem',
    severity: 'error',
    section: 6,
    needsHost: true,
    fixable: 'unsafe',
    description: 'A CRLF line ending on the shebang line (bad interpreter: ^M)',
    messages: {
      crlf: 'script "{{script}}" has Windows (CRLF) line endings: {{where}}the kernel looks for the interpreter "{{interpreter}}\\r" and fails with "bad interpreter"',
    },
  },
  check(ctx) {
    const fixed = new Set<string>();
    for (const { s, text } of directScripts(ctx)) {
      const m = /^#!([^\r\n]*)\r\n/.exec(text);
      if (!m) continue;
      const first = !fixed.has(s.absolute);
      fixed.add(s.absolute);
      ctx.report({
        messageId: 'crlf',
        data: { script: s.written, interpreter: m[1]!.trim() },
        ...wordLocation(ctx, s.node, s.word),
        ...(first ? { fix: { safety: 'unsafe' as const, title: `convert ${s.absolute} to LF line endings`, edits: [], fileEdits: [{ kind: 'to-lf' as const, path: s.absolute }] } } : {}),
      });
    }
  },
});
