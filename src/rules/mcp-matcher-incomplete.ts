import { evaluateMatcher } from '../core/matcher.js';
import { spanInString } from '../core/parse.js';
import { defineRule } from './rule.js';
import { matcherOf } from './util.js';

/**
 * RULES.md §4 `mcp-matcher-incomplete`; SPEC.md §3: MCP tools are named
 * `mcp__<server>__<tool>`; the exact name `mcp__memory` matches nothing.
 * The safe fix (`mcp__memory__.*`) is offered only when it is the matcher's
 * only item, because adding regex characters turns the whole list into a
 * regex. [Left out: bare server keys inside plugins need the plugin's
 * server list, which a hooks file does not hold.]
 */
export default defineRule({
  meta: {
    id: 'mcp-matcher-incomplete',
    type: 'problem',
    severity: 'warning',
    section: 4,
    fixable: 'safe',
    description: 'mcp__<server> without __<tool> or __.* (matches nothing)',
    messages: {
      incomplete: '"{{value}}" names a server, not a tool: MCP tools are named mcp__<server>__<tool>, so this matches nothing; use "{{value}}__.*" for every tool of the server',
    },
  },
  check(ctx) {
    for (const ev of ctx.model.events) {
      if (!ev.spec?.toolEvent) continue;
      for (const g of ev.groups) {
        const m = matcherOf(g);
        if (!m) continue;
        const e = evaluateMatcher(m.value, ev.spec.matcher!.exactSet);
        if (e.kind !== 'exact') continue;
        for (const item of e.items) {
          if (!/^mcp__[A-Za-z0-9-]/.test(item.value) || item.value.slice(5).includes('__')) continue;
          const span = spanInString(ctx.doc.text, m.node, item.offset, item.offset + item.value.length);
          const fix =
            e.items.length === 1 ? { safety: 'safe' as const, title: `match every tool of the server`, edits: [{ range: [span.offset, span.offset + span.length] as [number, number], text: `${item.value}__.*` }] } : undefined;
          ctx.report({ messageId: 'incomplete', data: { value: item.value }, span, ...(fix ? { fix } : {}) });
        }
      }
    }
  },
});
