import { propertyValue } from '../formats/parse.js';
import { defineRule } from './rule.js';

/**
 * RULES.md §7 `dead-schema-url`; SPEC.md §6: there is no
 * `claude-code-hooks.json` schema; editors validate nothing (or fail to load
 * it). SchemaStore publishes `claude-code-settings.json` for settings files.
 */
export default defineRule({
  meta: {
    id: 'dead-schema-url',
    type: 'problem',
    severity: 'warning',
    section: 7,
    frontmatter: false,
    description: '$schema pointing at claude-code-hooks.json (no such schema exists)',
    messages: {
      dead: '"{{url}}" does not exist: no claude-code-hooks.json schema is published, so editors validate nothing',
    },
  },
  check(ctx) {
    const node = propertyValue(ctx.model.root, '$schema');
    if (node?.type !== 'string' || !/claude-code-hooks\.json/.test(node.value as string)) return;
    ctx.report({ messageId: 'dead', data: { url: node.value as string }, node, note: 'settings files: https://json.schemastore.org/claude-code-settings.json' });
  },
});
