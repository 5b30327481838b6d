import { wordLocation } from './util.js';
import { scriptsOf, scriptText } from '../analysis/scripts.js';
import { defineRule } from './rule.js';

/**
 * RULES.md §6 `escaped-shebang`: a first line starting `#\!` (a backslash left
 * by an editor or a heredoc) is no shebang, so the kernel cannot run the
 * script directly. Safe fix: rewrite `#\!` to `#!`.
 */
export default defineRule({
  meta: {
    id: 'escaped-shebang',
    type: 'problem',
    severity: 'error',
    section: 6,
    needsHost: true,
    fixable: 'safe',
    description: 'A script whose first line starts with "#\\!" instead of "#!"',
    messages: { escaped: 'script "{{script}}" starts with "#\\!" instead of "#!": the shebang is not recognised' },
  },
  check(ctx) {
    const seen = new Set<string>();
    for (const h of ctx.model.handlers)
      for (const s of scriptsOf(h, ctx.options)) {
        const head = scriptText(ctx.options, s.absolute);
        if (head === undefined || !head.startsWith('#\\!')) continue;
        const first = !seen.has(s.absolute);
        seen.add(s.absolute);
        ctx.report({
          messageId: 'escaped',
          data: { script: s.written },
          ...wordLocation(ctx, s.node, s.word),
          ...(first ? { fix: { safety: 'safe' as const, title: 'rewrite "#\\!" to "#!"', edits: [], fileEdits: [{ kind: 'rewrite-head' as const, path: s.absolute, from: '#\\!', to: '#!' }] } } : {}),
        });
      }
  },
});
