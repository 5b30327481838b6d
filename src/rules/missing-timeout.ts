import { HANDLER_TYPES, recommendedTimeout, type HandlerType } from '../model/catalog.js';
import { insertProperty } from '../fix/edits.js';
import { findProperty } from '../formats/parse.js';
import { defineRule } from './rule.js';
import { isPluginFile } from '../model/types.js';

/**
 * RULES.md §3 `missing-timeout` and the recommended-timeout table: an explicit
 * timeout documents intent and prevents "Hook cancelled" surprises. Safe fix:
 * insert the recommended timeout (seconds) for the event and handler type.
 * Plugin SessionEnd hooks are left to `timeout-over-budget`: their timeout does
 * not raise the 1.5 s SessionEnd budget (SPEC.md §2.3).
 */
export default defineRule({
  meta: {
    id: 'missing-timeout',
    type: 'suggestion',
    severity: 'warning',
    section: 3,
    fixable: 'safe',
    description: 'A handler without an explicit "timeout"',
    messages: {
      missing: 'handler has no "timeout": {{where}}it runs for up to {{default}} s before Claude Code cancels it; set it explicitly (recommended: {{recommended}})',
      missingSessionEnd: 'SessionEnd handler has no "timeout": {{where}}it shares a 1.5 s budget and is cancelled after that; set it explicitly (recommended: {{recommended}})',
    },
  },
  check(ctx) {
    const plugin = isPluginFile(ctx.model.kind, ctx.options.pluginRoot);
    for (const h of ctx.model.handlers) {
      const spec = h.event.spec;
      if (!spec || !h.type || !HANDLER_TYPES.includes(h.type as HandlerType) || findProperty(h.node, 'timeout')) continue;
      if (plugin && spec.name === 'SessionEnd') continue;
      const type = h.type as HandlerType;
      const rec = recommendedTimeout(spec, type, ctx.options.recommendedTimeouts);
      const typeDefault = type === 'prompt' || type === 'agent' ? (type === 'prompt' ? 30 : 60) : spec.defaultTimeout;
      const edits = insertProperty(ctx.doc.text, h.node, 'timeout', String(rec));
      ctx.report({
        messageId: spec.name === 'SessionEnd' ? 'missingSessionEnd' : 'missing',
        data: { default: typeDefault, recommended: rec },
        node: findProperty(h.node, 'type')?.children?.[0] ?? h.node,
        ...(edits ? { fix: { safety: 'safe' as const, title: `insert "timeout": ${rec}`, edits } } : {}),
      });
    }
  },
});
