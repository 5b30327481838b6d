import { defineRule } from './rule.js';

/**
 * RULES.md §7 `unloaded-location`; SPEC.md §4.1 "Not loaded": hooks in a
 * file Claude Code never reads (`.claude/hooks.json`, `.claude/hooks/hooks.json`
 * outside a plugin, `~/.claude/settings.local.json`, `~/.claude.json`) never
 * run. Reported once per file, on its event map, when it holds hooks.
 * The reason comes from file discovery (`LintOptions.unloaded`).
 */
export default defineRule({
  meta: {
    id: 'unloaded-location',
    type: 'problem',
    severity: 'warning',
    section: 7,
    description: 'Hooks in a file Claude Code never reads (.claude/hooks.json, ~/.claude.json, ...)',
    messages: {
      unloaded: 'Claude Code never reads hooks from this file, so {{what}}: {{reason}}',
    },
  },
  check(ctx) {
    const reason = ctx.options.unloaded;
    if (!reason || ctx.model.handlers.length === 0) return;
    const prop = ctx.model.eventMap?.parent;
    const node = prop?.type === 'property' ? prop.children![0]! : (ctx.model.events[0]?.keyNode ?? ctx.model.root!);
    ctx.report({ messageId: 'unloaded', data: { what: ctx.model.handlers.length === 1 ? 'its hook never runs' : `none of its ${ctx.model.handlers.length} hooks run`, reason }, node });
  },
});
