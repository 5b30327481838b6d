import type { TreeNode as Node } from '../formats/parse.js';
import { field } from '../model/model.js';
import { spanInString } from '../formats/parse.js';
import { isPluginFile } from '../model/types.js';
import { defineRule } from './rule.js';

/** `$CLAUDE_PLUGIN_ROOT`, `${CLAUDE_PLUGIN_ROOT}`, same for DATA; not `${X:-default}` / `${X-default}`. */
const PLUGIN_VAR = /\$(?:\{(CLAUDE_PLUGIN_ROOT|CLAUDE_PLUGIN_DATA)\}|(CLAUDE_PLUGIN_ROOT|CLAUDE_PLUGIN_DATA)(?![A-Za-z0-9_]))/g;

/**
 * RULES.md §5 `plugin-root-outside-plugin`; SPEC.md §4.3, §9 #20:
 * `CLAUDE_PLUGIN_ROOT` and `CLAUDE_PLUGIN_DATA` are set for plugin hooks only;
 * in a settings file they are empty and `${CLAUDE_PLUGIN_ROOT}/scripts/x.sh`
 * becomes `/scripts/x.sh`. The same in the frontmatter of a standalone skill
 * or agent (one not in a plugin, issue 25).
 */
export default defineRule({
  meta: {
    id: 'plugin-root-outside-plugin',
    type: 'problem',
    severity: 'error',
    section: 5,
    description: '${CLAUDE_PLUGIN_ROOT} or ${CLAUDE_PLUGIN_DATA} in a settings file or a standalone skill or agent (unset there)',
    messages: {
      unset: '{{text}} is set only for plugin hooks; in a settings file it is empty, so the path becomes "{{becomes}}"',
      standalone: '{{text}} is set only for plugin hooks; this {{kind}} is not in a plugin, so it is empty and the path becomes "{{becomes}}"',
    },
  },
  check(ctx) {
    if (isPluginFile(ctx.model.kind, ctx.options.pluginRoot)) return;
    for (const h of ctx.model.handlers) {
      if (h.type !== 'command') continue;
      const nodes: Node[] = [];
      const command = field(h, 'command');
      if (command?.type === 'string') nodes.push(command);
      const args = field(h, 'args');
      if (args?.type === 'array') nodes.push(...(args.children ?? []).filter((c) => c.type === 'string'));
      for (const node of nodes) {
        const value = node.value as string;
        for (const m of value.matchAll(PLUGIN_VAR)) {
          // `"${CLAUDE_PLUGIN_ROOT}"/scripts/x.sh`: the path goes on after the closing quote.
          const rest = /^[^\s"';|&)]*/.exec(value.slice(m.index + m[0].length).replace(/^["']/, ''))![0];
          const kind = ctx.model.kind === 'skill' || ctx.model.kind === 'agent' ? ctx.model.kind : undefined;
          ctx.report({
            messageId: kind ? 'standalone' : 'unset',
            data: { text: m[0], becomes: rest || '(empty)', kind: kind ?? '' },
            span: spanInString(ctx.doc.text, node, m.index, m.index + m[0].length),
            note: kind
              ? `a standalone ${kind}'s hooks run like project hooks: use "$CLAUDE_PROJECT_DIR" for scripts in the project (a user ${kind} needs an absolute path), or ship the ${kind} in a plugin`
              : 'in settings files use "$CLAUDE_PROJECT_DIR" for project scripts, or an absolute path',
          });
        }
      }
    }
  },
});
