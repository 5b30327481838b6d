import { spanInString } from '../formats/parse.js';
import { defineRule } from './rule.js';
import { commandHandlers } from './util.js';

/**
 * RULES.md §5 `unquoted-path-variable`; SPEC.md §9 #9: an unquoted
 * `$CLAUDE_PROJECT_DIR` / `${CLAUDE_PLUGIN_ROOT}` / `${CLAUDE_PLUGIN_DATA}`
 * is split at spaces by the shell, so the hook breaks for anyone whose path
 * has a space ("/Users/Jane Doe/..."). Found from the parsed command:
 * expansions inside double quotes, in assignments, `[[ ]]`, `case` words and
 * here-documents are not split and not reported. The safe fix wraps the
 * expansion in double quotes (`"$CLAUDE_PROJECT_DIR"/hooks/x.sh`).
 */
export default defineRule({
  meta: {
    id: 'unquoted-path-variable',
    type: 'problem',
    severity: 'warning',
    section: 5,
    fixable: 'safe',
    description: 'An unquoted $CLAUDE_PROJECT_DIR / ${CLAUDE_PLUGIN_ROOT} in shell form (breaks on paths with spaces)',
    messages: {
      unquoted: '{{text}} is not quoted: the shell splits it at spaces, so {{where}}the hook breaks when the path contains one',
    },
  },
  check(ctx) {
    for (const { node, shell } of commandHandlers(ctx)) {
      if (!shell) continue;
      const command = node.value as string;
      for (const x of shell.expansions) {
        if (x.quoted || x.splitSafe) continue;
        const span = spanInString(ctx.doc.text, node, x.pos, x.end);
        const text = command.slice(x.pos, x.end);
        ctx.report({
          messageId: 'unquoted',
          data: { text },
          span,
          fix: {
            safety: 'safe',
            title: `quote ${text}`,
            edits: [
              { range: [span.offset, span.offset], text: '\\"' },
              { range: [span.offset + span.length, span.offset + span.length], text: '\\"' },
            ],
          },
        });
      }
    }
  },
});
