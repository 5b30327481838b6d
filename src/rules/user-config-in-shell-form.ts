import { field } from '../model/model.js';
import { spanInString } from '../formats/parse.js';
import { defineRule } from './rule.js';

/**
 * SPEC.md §4.3 (beyond RULES.md): `${user_config.*}` is substituted only in
 * exec form (`command` + `args`, v2.1.207+); in a shell-form plugin hook it is
 * an error and the hook refuses to run.
 */
export default defineRule({
  meta: {
    id: 'user-config-in-shell-form',
    type: 'problem',
    severity: 'error',
    section: 5,
    description: '${user_config.*} in a shell-form command (allowed only in exec form; the hook refuses to run)',
    messages: {
      shellForm: '{{text}} is substituted only in exec form ("command" + "args"); in a shell-form command {{where}}Claude Code refuses to run the hook',
    },
  },
  check(ctx) {
    for (const h of ctx.model.handlers) {
      if (h.type !== 'command' || field(h, 'args')) continue;
      const node = field(h, 'command');
      if (node?.type !== 'string') continue;
      for (const m of (node.value as string).matchAll(/\$\{user_config\.[^}]*\}/g))
        ctx.report({
          messageId: 'shellForm',
          data: { text: m[0] },
          span: spanInString(ctx.doc.text, node, m.index, m.index + m[0].length),
          note: 'use exec form, or read the exported CLAUDE_PLUGIN_OPTION_<KEY> variable',
        });
    }
  },
});
