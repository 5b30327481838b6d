import { EVENTS } from '../model/catalog.js';
import { findProperty } from '../formats/parse.js';
import { defineRule } from './rule.js';

const IF_EVENTS = [...EVENTS.values()].filter((e) => e.ifEvaluated).map((e) => e.name);

/**
 * RULES.md §3 `if-on-non-tool-event`; SPEC.md §2.1, §12.2: `if` is evaluated
 * only on six events (the five tool events and PreSkillShellCommand, the
 * catalog's `ifEvaluated`); on any other event a handler that has `if` is
 * skipped ("cannot be evaluated for non-tool event"): it never runs.
 */
export default defineRule({
  meta: {
    id: 'if-on-non-tool-event',
    type: 'problem',
    severity: 'error',
    section: 3,
    description: '"if" on a handler of an event where it is not evaluated (all but the tool events and PreSkillShellCommand): the handler never runs',
    messages: {
      never: '"if" is evaluated only on {{tools}}; {{where}}on {{event}} a handler with "if" never runs',
    },
  },
  check(ctx) {
    for (const h of ctx.model.handlers) {
      if (h.group.flat || !h.event.spec || h.event.spec.ifEvaluated) continue;
      const prop = findProperty(h.node, 'if');
      if (prop) ctx.report({ messageId: 'never', data: { event: h.event.name, tools: IF_EVENTS.join(', ') }, node: prop.children![0]!, note: 'remove "if" (and filter inside the command instead)' });
    }
  },
});
