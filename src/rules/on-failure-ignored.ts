import { catalog, type HandlerType } from '../model/catalog.js';
import { findProperty, stringValue } from '../formats/parse.js';
import { defineRule } from './rule.js';
import { isTrue } from './util.js';

/** The handler types that take `onFailure` (SPEC.md §12.2). */
const TAKES_IT: readonly HandlerType[] = (['command', 'http', 'mcp_tool'] as const).filter((t) => 'onFailure' in catalog.handlerTypes[t].fields);

/**
 * SPEC.md §12.2: `onFailure: "block"` makes a hook that cannot start, times
 * out, exits with a code other than 0 or 2, or prints invalid JSON count as
 * exit 2. It does nothing where Claude Code ignores it: on prompt and agent
 * handlers, on a matcher group (it must be on the handler), on async hooks,
 * and on Stop, SubagentStop, TaskCompleted and TeammateIdle (for mcp_tool
 * also Setup and SessionStart), where the runtime log says
 * `onFailure: "block" is ignored on <event>`. On mcp_tool any value other than
 * "continue" or "block" reads as "block" (command and http reject it: the
 * schema rule reports those).
 */
export default defineRule({
  meta: {
    id: 'on-failure-ignored',
    type: 'problem',
    severity: 'warning',
    section: 3,
    description: '"onFailure" where Claude Code ignores it (prompt/agent, matcher group, async hook, Stop-like events) or an mcp_tool value read as "block"',
    messages: {
      handlerType: '"onFailure" applies to command, http and mcp_tool hooks; on a {{type}} hook it has no effect',
      group: '"onFailure" on a matcher group does nothing: it belongs on each handler in "hooks"',
      groupPlugin: '"onFailure" on a matcher group does nothing: it belongs on each handler in "hooks"; {{where}}Claude Code also warns about the key at every session start',
      async: '"onFailure": "block" is ignored on async hooks: {{where}}a failure of this hook never blocks',
      event: '"onFailure": "block" is ignored on {{event}}: {{where}}a failure of this {{type}} hook never blocks',
      mcpValue: '"onFailure": {{value}} is neither "continue" nor "block": Claude Code reads it as "block" on mcp_tool hooks',
    },
  },
  check(ctx) {
    for (const ev of ctx.model.events)
      for (const g of ev.groups) {
        const p = g.flat ? undefined : findProperty(g.node, 'onFailure');
        if (p) ctx.report({ messageId: ctx.model.kind === 'plugin-hooks' ? 'groupPlugin' : 'group', node: p.children![0]!, note: 'move "onFailure" into each handler object' });
      }
    for (const h of ctx.model.handlers) {
      const p = findProperty(h.node, 'onFailure');
      if (!p || !h.type) continue;
      const key = p.children![0]!;
      const value = p.children![1];
      if (h.type === 'prompt' || h.type === 'agent') {
        ctx.report({ messageId: 'handlerType', data: { type: h.type }, node: key });
        continue;
      }
      if (!TAKES_IT.includes(h.type as HandlerType)) continue;
      const v = stringValue(value);
      if (h.type === 'mcp_tool' && value && v !== 'continue' && v !== 'block') {
        ctx.report({ messageId: 'mcpValue', data: { value: ctx.doc.text.slice(value.offset, value.offset + value.length) }, node: value });
        continue;
      }
      const blocks = v === 'block' || (h.type === 'mcp_tool' && v !== 'continue');
      if (!blocks) continue;
      if (isTrue(h, 'async') || isTrue(h, 'asyncRewake')) ctx.report({ messageId: 'async', node: key });
      else if (h.event.spec?.onFailureIgnored.includes(h.type as HandlerType)) ctx.report({ messageId: 'event', data: { event: h.event.name, type: h.type }, node: key });
    }
  },
});
