import { catalog } from '../model/catalog.js';
import { evaluateMatcher } from '../model/matcher.js';
import { defineRule } from './rule.js';
import { matcherOf } from './util.js';

/** Event → the occurrences (matcher values) that happen before frontmatter hooks register; [] = all (catalog `frontmatter.beforeRegistration`). */
const BEFORE = catalog.frontmatter.beforeRegistration.events;

/**
 * True when a matcher group's matcher accepts `value` ("startup"). No matcher
 * accepts everything; a regex that does not compile accepts nothing (another
 * rule reports it).
 */
function accepts(matcher: string | undefined, value: string): boolean {
  if (matcher === undefined) return true;
  const e = evaluateMatcher(matcher);
  if (e.kind === 'all') return true;
  if (e.kind === 'exact') return e.items.some((i) => i.value === value);
  return e.regex?.test(value) ?? false;
}

/**
 * Beyond RULES.md (issue 25; SPEC.md §13.4): hooks in a skill's or agent's
 * frontmatter are registered when the skill is invoked (an agent's, when the
 * subagent starts), so an event that has already happened by then never
 * reaches them: `Setup`, and `SessionStart` for the session's startup and
 * resume. A `SessionStart` group whose matcher names only later sources
 * (`compact`, `clear`) is left alone: whether those run a skill's hook is
 * [uncertain] in SPEC.md, so no error is claimed for them. Reported once per
 * event, at its key.
 */
export default defineRule({
  meta: {
    id: 'frontmatter-event-never-fires',
    type: 'problem',
    severity: 'error',
    section: 3,
    frontmatter: 'only',
    description: 'A SessionStart or Setup hook in skill or agent frontmatter: it registers after that event has happened, so it never runs',
    messages: {
      sessionStart: '{{kind}} hooks are registered when the {{when}}, after the session has started: {{where}}this SessionStart hook never runs for the session\'s {{sources}}',
      every: '{{kind}} hooks are registered when the {{when}}; {{event}} has already run by then, so {{where}}this hook never runs',
    },
  },
  check(ctx) {
    const kind = ctx.model.kind;
    if (kind !== 'skill' && kind !== 'agent') return;
    const who = kind === 'skill' ? { kind: 'skill', when: 'skill is invoked' } : { kind: 'agent', when: 'subagent starts' };
    for (const ev of ctx.model.events) {
      const before = Object.hasOwn(BEFORE, ev.name) ? BEFORE[ev.name]! : undefined;
      if (!before || ev.groups.length === 0) continue;
      if (before.length === 0) {
        ctx.report({ messageId: 'every', data: { ...who, event: ev.name }, node: ev.keyNode, note: 'move this hook to settings.json or a plugin\'s hooks/hooks.json' });
        continue;
      }
      // Only the groups whose matcher accepts one of the early occurrences (no matcher accepts them all).
      const hit = new Set<string>();
      for (const g of ev.groups) {
        const m = matcherOf(g)?.value ?? (g.matcher === undefined ? undefined : null);
        if (m === null) continue;
        for (const v of before) if (accepts(m, v)) hit.add(v);
      }
      if (hit.size === 0) continue;
      ctx.report({
        messageId: 'sessionStart',
        data: { ...who, sources: [...hit].join(' or ') },
        node: ev.keyNode,
        note: 'move this hook to settings.json or a plugin\'s hooks/hooks.json; for work when the skill starts, use a UserPromptSubmit or PreToolUse hook, or do it in the skill itself',
      });
    }
  },
});
