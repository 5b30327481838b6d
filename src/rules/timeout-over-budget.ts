import { field } from '../model/model.js';
import { defineRule } from './rule.js';
import { isPluginFile } from '../model/types.js';

/** The SessionEnd budget cap, seconds (SPEC.md §2.3). */
const SESSION_END_CAP = 60;

/**
 * RULES.md §3 `timeout-over-budget`; SPEC.md §2.3: SessionEnd hooks share one
 * 1.5 s budget, raised to the largest timeout set in settings files up to
 * 60 s. A settings timeout above 60 is capped; a plugin hook's timeout does
 * not raise the budget at all.
 */
export default defineRule({
  meta: {
    id: 'timeout-over-budget',
    type: 'problem',
    severity: 'warning',
    section: 3,
    description: 'A SessionEnd timeout Claude Code will not grant (above 60 s, or on a plugin hook)',
    messages: {
      overCap: 'SessionEnd hooks get at most {{cap}} seconds in total; {{where}}"timeout": {{value}} is cut to {{cap}} and the hook is cancelled then',
      plugin: 'a plugin SessionEnd hook gets only the shared 1.5 s budget: its "timeout": {{value}} does not raise it, so longer work is cancelled',
    },
  },
  check(ctx) {
    const plugin = isPluginFile(ctx.model.kind, ctx.options.pluginRoot);
    for (const h of ctx.model.handlers) {
      if (h.event.name !== 'SessionEnd') continue;
      const node = field(h, 'timeout');
      if (node?.type !== 'number' || typeof node.value !== 'number') continue;
      if (plugin && node.value > 1.5) ctx.report({ messageId: 'plugin', data: { value: node.value }, node, note: 'run slow work in the background: ( … ) >/dev/null 2>&1 &' });
      else if (!plugin && node.value > SESSION_END_CAP) ctx.report({ messageId: 'overCap', data: { value: node.value, cap: SESSION_END_CAP }, node });
    }
  },
});
