import { wordLocation } from './util.js';
import { scriptsOf } from '../analysis/scripts.js';
import { defineRule } from './rule.js';

/**
 * RULES.md §6 `script-not-executable`; SPEC.md §5.1, §9 #8: a script run
 * directly without the execute bit fails with 126, a non-blocking error, so a
 * policy gate is silently off. Safe fix: `chmod +x` keeping the other bits.
 */
export default defineRule({
  meta: {
    id: 'script-not-executable',
    type: 'problem',
    severity: 'error',
    section: 6,
    needsHost: true,
    fixable: 'safe',
    description: 'A script run directly without the execute bit',
    messages: { notExecutable: 'script "{{script}}" is run directly but is not executable (mode {{mode}}): {{where}}it fails with "Permission denied" and the hook never runs' },
  },
  check(ctx) {
    const host = ctx.options.host!;
    for (const h of ctx.model.handlers)
      for (const s of scriptsOf(h, ctx.options)) {
        if (s.interpreter) continue;
        const st = host.stat(s.absolute);
        if (!st || !st.isFile || (st.mode & 0o111) !== 0) continue;
        ctx.report({
          messageId: 'notExecutable',
          data: { script: s.written, mode: (st.mode & 0o777).toString(8).padStart(3, '0') },
          ...wordLocation(ctx, s.node, s.word),
          fix: { safety: 'safe', title: `chmod +x ${s.absolute}`, edits: [], fileEdits: [{ kind: 'chmod-executable', path: s.absolute }] },
        });
      }
  },
});
