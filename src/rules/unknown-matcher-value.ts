import { catalog } from '../model/catalog.js';
import { isMcpName } from '../model/matcher.js';
import { spanInString } from '../formats/parse.js';
import { closest } from '../model/suggest.js';
import { defineRule } from './rule.js';
import { mayReach } from '../model/version.js';
import { targetOf } from './version-util.js';
import { matchersOf } from './util.js';

const LEGACY = new Set(Object.keys(catalog.legacyToolNames));

/**
 * RULES.md §4 `unknown-matcher-value`; SPEC.md §1.2, §2.4, §3: an exact-name
 * matcher compares case-sensitively with one input field; a value outside the
 * event's vocabulary (tool names, SessionStart sources, notification types,
 * ...) never matches. Events with an open vocabulary (agent types, MCP
 * servers, models, file names) are not checked; on tool events `mcp__…`
 * names are open, and legacy names have their own rule.
 */
export default defineRule({
  meta: {
    id: 'unknown-matcher-value',
    type: 'problem',
    severity: 'warning',
    section: 4,
    fixable: 'safe',
    description: 'An exact matcher value that is not a known value for the event ("did you mean")',
    messages: {
      unknown: '"{{value}}" is not a {{field}} of {{event}}, so this matcher never matches it',
      didYouMean: '"{{value}}" is not a {{field}} of {{event}} (matching is case-sensitive); did you mean "{{suggestion}}"?',
      removed: '"{{value}}" is a {{field}} of {{event}} only before Claude Code {{until}}: {{where}}later versions never send it, so this matcher never matches it',
    },
  },
  check(ctx) {
    for (const { ev, m, e } of matchersOf(ctx, 'matching')) {
      const spec = ev.spec!.matcher!;
      if ((spec.openVocabulary && !ev.spec!.toolEvent) || spec.knownValues.length === 0 || e.kind !== 'exact') continue;
      const field = ev.spec!.toolEvent ? 'tool name' : `"${spec.field}" value`;
      for (const item of e.items) {
        if (spec.knownValues.includes(item.value)) continue;
        const removed = spec.removedValues?.[item.value];
        if (removed?.until) {
          if (mayReach(targetOf(ctx), removed.until)) ctx.report({ messageId: 'removed', data: { value: item.value, field, event: ev.name, until: removed.until }, span: spanInString(ctx.doc.text, m.node, item.offset, item.offset + item.value.length) });
          continue;
        }
        if (ev.spec!.toolEvent && (isMcpName(item.value) || LEGACY.has(item.value))) continue;
        const caseOnly = spec.knownValues.filter((k) => k.toLowerCase() === item.value.toLowerCase());
        const suggestion = caseOnly.length === 1 ? caseOnly[0] : closest(item.value, spec.knownValues);
        const span = spanInString(ctx.doc.text, m.node, item.offset, item.offset + item.value.length);
        const edit = (text: string) => [{ range: [span.offset, span.offset + span.length] as [number, number], text }];
        ctx.report({
          messageId: suggestion ? 'didYouMean' : 'unknown',
          data: { value: item.value, field, event: ev.name, suggestion: suggestion ?? '' },
          span,
          ...(caseOnly.length === 1
            ? { fix: { safety: 'safe' as const, title: `replace with "${caseOnly[0]}"`, edits: edit(caseOnly[0]!) } }
            : suggestion
              ? { suggestions: [{ title: `replace with "${suggestion}"`, edits: edit(suggestion) }] }
              : {}),
        });
      }
    }
  },
});
