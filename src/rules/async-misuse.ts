import { stringField, type HandlerEntry } from '../model/model.js';
import { findProperty } from '../formats/parse.js';
import { defineRule, type LintOptions } from './rule.js';
import { exitCodes, printsDecision } from '../analysis/script-exits.js';
import { shellTree } from '../analysis/script-parse.js';
import { fileLanguage, scriptLanguage, scriptsOf, scriptText } from '../analysis/scripts.js';
import { handlerPrints } from '../analysis/script-output.js';
import { decisionOf } from '../model/contract.js';
import { isTrue } from './util.js';

/** Events whose hook exists to decide (SPEC.md §1.2): an async hook's decision is ignored. */
const DECISION_EVENTS = new Set(['PreToolUse', 'PermissionRequest', 'UserPromptSubmit', 'Stop', 'SubagentStop']);

/** Inline shell that blocks or prints a decision, for a command that does not parse as shell. */
const DECIDES = /\bexit\s+2\b|permissionDecision|["']?decision["']?\s*[:=]/;

/** True when a shell-form command exits 2 or prints a JSON decision (read from its parse; a comment does not count). */
function commandDecides(command: string): boolean {
  if (!shellTree(command)) return DECIDES.test(command);
  return exitCodes(command, 'shell').has(2) || printsDecision(command, 'shell');
}

/**
 * True when the hook tries to decide: its command (or, when scripts are read,
 * its script) exits 2 or prints a JSON decision; with scripts read, also the
 * scripts it execs and the local modules it loads (a gate whose block lives in
 * a helper module: the script-output analysis, SPEC.md §13.4). Async loggers
 * and notifiers on decision events are deliberate and not reported (no false error).
 */
function decides(h: HandlerEntry, options: LintOptions): boolean {
  if (commandDecides(stringField(h, 'command') ?? '')) return true;
  if (!options.host) return false;
  if (
    scriptsOf(h, options).some((s) => {
      const text = scriptText(options, s.absolute);
      return text !== undefined && (printsDecision(text, scriptLanguage(s, text)) || exitCodes(text, scriptLanguage(s, text)).has(2));
    })
  )
    return true;
  // What the script really prints and how it exits, with the scripts it execs and the modules it
  // loads (SPEC.md §13.4): a gate whose decision, or exit 2, lives in a helper module or a shim's target.
  const spec = h.event.spec;
  return (
    !!spec &&
    handlerPrints(h, options).some(
      (p) =>
        p.emissions.some((e) => e.exit === 2 || (e.stream === 'stdout' && e.kind === 'json' && !!e.json && ['block', 'allow', 'ask', 'defer', 'stop'].includes(decisionOf(e.json, spec)))) ||
        p.texts.slice(1).some((t) => exitCodes(t.text, fileLanguage(t.path, t.text)).has(2)),
    )
  );
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
