import { catalog, type HandlerType } from '../model/catalog.js';
import { findProperty, spanInString, stringValue } from '../formats/parse.js';
import { mayPredate, olderThan } from '../model/version.js';
import { defineRule } from './rule.js';
import { matchersOf } from './util.js';
import { targetNote, targetOf } from './version-util.js';

/**
 * RULES.md §8 (SPEC.md §12, §2, §3): a feature the target Claude Code reads
 * differently or silently ignores: a handler field added later (`onFailure`
 * before 2.1.295, or 2.1.328 for mcp_tool: accepted and ignored, so a failure
 * never blocks; `args` before 2.1.139: exec form unknown), a matcher value
 * sent only since some version (SessionStart `fork` since 2.1.214), matcher
 * syntax (commas between names need 2.1.191, hyphens in exact names 2.1.195),
 * and model aliases on prompt (2.1.330) and agent (2.1.300) hooks. The target
 * comes from `--claude-version`, `"claudeVersion"` or a plugin's `engines`;
 * a range reports what any of its versions mishandles. Nothing is reported
 * on the default target.
 */
export default defineRule({
  meta: {
    id: 'ignored-by-target',
    type: 'problem',
    severity: 'warning',
    section: 8,
    description: 'A field, matcher value or matcher syntax the target Claude Code version ignores or reads differently',
    messages: {
      field: '"{{key}}" needs Claude Code {{since}}; {{older}} {{what}}',
      value: '"{{value}}" is sent since Claude Code {{since}}; {{older}} {{what}}',
      syntax: 'matcher "{{matcher}}" {{how}} needs Claude Code {{since}}; {{older}} {{what}}',
      model: 'model alias "{{model}}" on {{type}} hooks needs Claude Code {{since}}; {{older}} {{what}}',
    },
  },
  check(ctx) {
    const target = targetOf(ctx);
    if (target.origin === 'default') return;
    const note = targetNote(ctx);
    for (const h of ctx.model.handlers) {
      const spec = h.type && h.type in catalog.handlerTypes ? catalog.handlerTypes[h.type as HandlerType] : undefined;
      if (!spec) continue;
      for (const [key, r] of Object.entries(spec.fieldRanges ?? {})) {
        const p = findProperty(h.node, key);
        if (!p || !r.since || !mayPredate(target, r.since)) continue;
        ctx.report({ messageId: 'field', data: { key, since: r.since, older: olderThan(r.since), what: r.before ?? 'do not know it' }, node: p.children![0]!, note });
      }
      const aliases = spec.modelAliases;
      const modelNode = findProperty(h.node, 'model')?.children?.[1];
      const model = stringValue(modelNode);
      if (aliases?.since && model && aliases.aliases.includes(model.toLowerCase().replace(/\[\dm\]$/, '')) && mayPredate(target, aliases.since))
        ctx.report({ messageId: 'model', data: { model, type: h.type!, since: aliases.since, older: olderThan(aliases.since), what: aliases.before ?? '' }, node: modelNode!, note });
    }
    const { commaSeparator, hyphenInExactNames } = catalog.matcherSyntax;
    for (const { ev, m, e } of matchersOf(ctx, 'matching')) {
      if (e.kind !== 'exact') continue;
      const spec = ev.spec!.matcher!;
      for (const item of e.items) {
        const r = spec.valueRanges?.[item.value];
        if (!r?.since || !mayPredate(target, r.since)) continue;
        const span = spanInString(ctx.doc.text, m.node, item.offset, item.offset + item.value.length);
        ctx.report({ messageId: 'value', data: { value: item.value, since: r.since, older: olderThan(r.since), what: r.before ?? 'never send it' }, span, note });
      }
      if (spec.exactSet !== 'standard') continue;
      if (m.value.includes(',') && commaSeparator.since && mayPredate(target, commaSeparator.since))
        ctx.report({ messageId: 'syntax', data: { matcher: m.value, how: 'with commas between names', since: commaSeparator.since, older: olderThan(commaSeparator.since), what: commaSeparator.before ?? '' }, node: m.node, note });
      else if (e.items.some((i) => i.value.includes('-')) && hyphenInExactNames.since && mayPredate(target, hyphenInExactNames.since))
        ctx.report({ messageId: 'syntax', data: { matcher: m.value, how: 'with a hyphen in an exact name', since: hyphenInExactNames.since, older: olderThan(hyphenInExactNames.since), what: hyphenInExactNames.before ?? '' }, node: m.node, note });
    }
  },
});
