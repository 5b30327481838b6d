import { defineRule } from './rule.js';
import { handlerPrints, runsByDefault } from '../analysis/script-output.js';
import { decisionOf, isAsyncAnswer } from '../model/contract.js';
import { evaluateMatcher } from '../model/matcher.js';
import { field } from '../model/model.js';
import { treeValue } from '../formats/parse.js';
import { wordLocation } from './util.js';

/**
 * SPEC.md §13.4 "Top-level `decision`": on PreToolUse `"decision": "approve"`
 * means allow (as `permissionDecision: "allow"`), and allowing skips the
 * user's permission prompt; on PermissionRequest `decision.behavior: "allow"`
 * answers the dialog. A guard that answers allow on its default path (the
 * print runs unconditionally, after whatever it refuses: every call its
 * matcher accepts and it does not refuse) auto-approves every other call,
 * including ones the user never allowed. The right answer for "no opinion" is
 * exit 0 with no output.
 *
 * Stays quiet on allowlists: a print of allow inside a condition (`if cmd in
 * SAFE:`), a handler narrowed by `if`, and a matcher naming only tools that
 * change nothing (an exact list without Bash, the file-writing tools or
 * PowerShell). An allow that carries `updatedInput` (a hook that rewrites the
 * call, which Claude Code applies only with a decision) is deliberate.
 */

/** Tools whose calls change something: a matcher that can reach one of them is not an allowlist of safe calls. */
const MUTATING = new Set(['Bash', 'PowerShell', 'Edit', 'Write', 'MultiEdit', 'NotebookEdit', 'Monitor']);

export default defineRule({
  meta: {
    id: 'approve-skips-permission',
    type: 'problem',
    severity: 'warning',
    section: 6,
    needsHost: true,
    description: 'A PreToolUse or PermissionRequest script answers allow on its default path, so the user is never asked',
    messages: {
      allow:
        'script "{{script}}" answers {{answer}} on its default path ({{at}}): on {{event}} that {{effect}} for every {{calls}} call it does not refuse, including ones the user never allowed',
    },
  },
  check(ctx) {
    if (!ctx.options.host) return;
    for (const h of ctx.model.handlers) {
      const event = h.event.name;
      const spec = h.event.spec;
      if (!spec || h.type !== 'command' || (event !== 'PreToolUse' && event !== 'PermissionRequest')) continue;
      if (field(h, 'if')) continue;
      const calls = reachableCalls(h.group.matcher ? treeValue(h.group.matcher) : undefined);
      if (calls === undefined) continue;
      for (const p of handlerPrints(h, ctx.options)) {
        const e = p.emissions.find(
          (x) => x.stream === 'stdout' && x.kind === 'json' && x.json && !isAsyncAnswer(x.json) && (x.exit === undefined || x.exit === 0) && decisionOf(x.json, spec) === 'allow' && runsByDefault(x, p.calls),
        );
        // An allow that carries `updatedInput` is how a hook rewrites a call (Claude Code applies the rewrite only with a decision): deliberate.
        if (!e || (typeof e.json!.hookSpecificOutput === 'object' && e.json!.hookSpecificOutput !== null && 'updatedInput' in e.json!.hookSpecificOutput)) continue;
        const hso = e.json!.hookSpecificOutput as Record<string, unknown> | undefined;
        const answer =
          e.json!.decision === 'approve' ? '"decision": "approve"' : event === 'PermissionRequest' && hso && typeof hso.decision === 'object' ? '"behavior": "allow"' : '"permissionDecision": "allow"';
        ctx.report({
          messageId: 'allow',
          data: {
            script: p.script.written,
            answer,
            at: e.file === p.script.absolute ? `line ${e.line}` : `${e.file.split('/').pop()} line ${e.line}`,
            event,
            effect: event === 'PermissionRequest' ? 'approves the permission dialog' : 'skips the permission prompt',
            calls,
          },
          ...wordLocation(ctx, p.script.node, p.script.word),
          note: 'to leave the decision to the user, exit 0 with no output; answer allow only for calls the script names as safe',
        });
      }
    }
  },
});

/**
 * What calls a matcher lets through, in words (`Bash`, `Edit or Write`, `tool`),
 * or undefined when it names only tools that change nothing (an allowlist).
 */
function reachableCalls(matcher: unknown): string | undefined {
  if (typeof matcher !== 'string') return 'tool';
  const m = evaluateMatcher(matcher);
  if (m.kind !== 'exact') return 'tool';
  const names = m.items.map((i) => i.value);
  const mutating = names.filter((n) => MUTATING.has(n));
  if (mutating.length === 0) return undefined;
  return mutating.length === 1 ? mutating[0]! : `${mutating.slice(0, -1).join(', ')} or ${mutating[mutating.length - 1]}`;
}
