import { stringField, type HandlerEntry } from '../model/model.js';
import { findProperty } from '../formats/parse.js';
import { defineRule, type LintOptions } from './rule.js';
import { exitCodes, printsDecision } from '../analysis/script-exits.js';
import { scriptLanguage, scriptsOf, scriptText } from '../analysis/scripts.js';
import { isTrue } from './util.js';

/** Events whose hook exists to decide (SPEC.md §1.2): an async hook's decision is ignored. */
const DECISION_EVENTS = new Set(['PreToolUse', 'PermissionRequest', 'UserPromptSubmit', 'Stop', 'SubagentStop']);

/** Inline shell that blocks or prints a decision. */
const DECIDES = /\bexit\s+2\b|permissionDecision|["']?decision["']?\s*[:=]/;

/**
 * True when the hook tries to decide: its command (or, when scripts are read,
 * its script) exits 2 or prints a JSON decision. Async loggers and notifiers
 * on decision events are deliberate and not reported (no false error).
 */
function decides(h: HandlerEntry, options: LintOptions): boolean {
  if (DECIDES.test(stringField(h, 'command') ?? '')) return true;
  if (!options.host) return false;
  return scriptsOf(h, options).some((s) => {
    const text = scriptText(options, s.absolute);
    return text !== undefined && (printsDecision(text) || exitCodes(text, scriptLanguage(s, text)).has(2));
  });
}

/**
 * RULES.md §3 `async-misuse`; SPEC.md §2.2: `async`/`asyncRewake` exist only
 * on command hooks; an async hook runs in the background and its decision
 * fields have no effect, which defeats a hook on a decision event.
 * `asyncRewake` on those events is deliberate (exit 2 wakes Claude) and is
 * not reported; nor is an async hook that shows no sign of deciding.
 */
export default defineRule({
  meta: {
    id: 'async-misuse',
    type: 'problem',
    severity: 'warning',
    section: 3,
    description: 'async on a non-command hook, or on an event whose decision is the point',
    messages: {
      notCommand: '"{{key}}" only applies to command hooks; on a {{type}} hook it has no effect',
      decision: '"async": true runs this {{event}} hook in the background, so its decision (block, deny, allow) is ignored',
    },
  },
  check(ctx) {
    for (const h of ctx.model.handlers) {
      if (h.group.flat || !h.type) continue;
      for (const key of ['async', 'asyncRewake']) {
        const prop = findProperty(h.node, key);
        if (!prop) continue;
        if (h.type !== 'command') ctx.report({ messageId: 'notCommand', data: { key, type: h.type }, node: prop.children![0]! });
        else if (key === 'async' && isTrue(h, 'async') && DECISION_EVENTS.has(h.event.name) && decides(h, ctx.options))
          ctx.report({ messageId: 'decision', data: { event: h.event.name }, node: prop.children![0]!, note: 'drop "async" to let the hook decide, or use "asyncRewake" to report back on exit code 2' });
      }
    }
  },
});
