import { catalog } from '../model/catalog.js';
import { defineRule } from './rule.js';
import { matchersOf } from './util.js';

const TOOLS = catalog.toolNames;

/** Split a regex source on top-level `|` (outside groups and classes). */
function alternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(source.slice(start, i));
      start = i + 1;
    }
  }
  out.push(source.slice(start));
  return out;
}

/**
 * Tools an unanchored regex matcher hits only because a tool it names is a
 * substring of theirs (`Edit.*` → `NotebookEdit`). Each alternative is
 * checked alone: `.*Notebook.*` names no tool, so it is taken as intended.
 */
export function overbroadHits(matcher: string): { named: string; hit: string }[] {
  const out: { named: string; hit: string }[] = [];
  for (const alt of alternatives(matcher)) {
    let re: RegExp;
    try {
      re = new RegExp(alt);
    } catch {
      return [];
    }
    const named = TOOLS.filter((t) => new RegExp(`(^|[^A-Za-z0-9_])${t}([^A-Za-z0-9_]|$)`).test(alt));
    if (named.length === 0) continue;
    for (const tool of TOOLS)
      if (!named.includes(tool) && re.test(tool)) {
        const n = named.find((x) => tool.includes(x));
        if (n) out.push({ named: n, hit: tool });
      }
  }
  return out;
}

/**
 * RULES.md §4 `matcher-overbroad`; SPEC.md §3: a regex matcher is unanchored,
 * so `Edit.*` also matches `NotebookEdit`. Suggests anchoring with `^(...)$`.
 */
export default defineRule({
  meta: {
    id: 'matcher-overbroad',
    type: 'suggestion',
    severity: 'warning',
    section: 4,
    fixable: 'suggest',
    description: 'An unanchored regex matcher that also hits other tools (Edit.* matches NotebookEdit)',
    messages: {
      overbroad: 'matcher "{{matcher}}" is an unanchored regular expression: besides {{named}} it also matches {{hits}}',
    },
  },
  check(ctx) {
    for (const { m, e } of matchersOf(ctx, 'tool')) {
      if (e.kind !== 'regex' || !e.regex) continue;
      const hits = overbroadHits(m.value);
      if (hits.length === 0) continue;
      const anchored = `^(${m.value.replace(/^\^/, '').replace(/\$$/, '')})$`;
      ctx.report({
        messageId: 'overbroad',
        data: { matcher: m.value, named: [...new Set(hits.map((h) => h.named))].join(', '), hits: [...new Set(hits.map((h) => h.hit))].join(', ') },
        node: m.node,
        suggestions: [{ title: `anchor it: "${anchored}"`, edits: [{ range: [m.node.offset, m.node.offset + m.node.length], text: JSON.stringify(anchored) }] }],
      });
    }
  },
});
