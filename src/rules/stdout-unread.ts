import { defineRule } from './rule.js';
import { eventsNamed, runsByDefault, type HandlerEmission } from '../analysis/script-output.js';
import { scriptLanguage } from '../analysis/scripts.js';
import { eventContract, isAsyncAnswer } from '../model/contract.js';
import { EVENT_NAMES, eventDetails } from '../model/catalog.js';
import { scriptPrinters, wordLocation } from './util.js';

/**
 * SPEC.md §13.4 "Plain stdout, exit 0", "Exit 2": where what a script writes
 * goes. Four cases, each reported only when the script's text proves it:
 *
 * - plain text on stdout, then exit 0, on an event whose plain stdout goes to
 *   the debug log only (everything but SessionStart, UserPromptSubmit,
 *   UserPromptExpansion, PostModelSwitch, PreCompact, PostCompact and
 *   WorktreeCreate): neither Claude nor the user sees it;
 * - the reason on stdout, then `exit 2`, with nothing on stderr on that path:
 *   Claude Code reads the message from stderr, so Claude gets "No stderr output";
 * - a message on stderr, then exit 0, addressed to someone (a reminder, a
 *   warning, "you should …"): stderr on exit 0 goes to the debug log only.
 *   Logging to stderr (status lines, debug output) is what stderr is for and
 *   is left alone;
 * - a JSON answer (`{"continue": false, "stopReason": …}`) written to stderr
 *   (`jsonOnStderr`): Claude Code parses only stdout, so none of its keys is
 *   applied.
 *
 * Left alone: events where no output reaches anyone (no `systemMessage`, no
 * `additionalContext`, no decision: WorktreeRemove, SessionEnd), dispatcher scripts that name other events (their text may be
 * context on SessionStart), scripts that use the async first-line protocol,
 * prints in shell functions and in functions not called on the script's
 * default path (a helper's callers may redirect it), empty prints.
 */

/** Words of a message addressed to a reader, not a log line. */
const ADDRESSED = /\b(you|your|please|remember|reminder|don'?t forget|make sure|consider|should|must|warning|claude|before (continuing|proceeding|committing|pushing|merging|handing))\b|⚠|❌|🚨/i;
/** Log lines: a level or a tag first; and reports of the hook's own failure (a fail-open path logs them on purpose). */
const LOG_LINE = /^\s*(\[[^\]]*\]|\(?(debug|info|trace|log|verbose)\)?\b[:\s])|\b(error|exception|failed|traceback|could ?n[o']?t|cannot|unable|missing|skipp(ing|ed)|not found|does ?n[o']?t exist|no such)\b/i;

export default defineRule({
  meta: {
    id: 'stdout-unread',
    type: 'problem',
    severity: 'warning',
    section: 6,
    needsHost: true,
    description: 'A script writes a message where nobody reads it: plain stdout on an event that logs it, the reason of an exit 2 on stdout, a message on stderr with exit 0',
    messages: {
      plain: 'script "{{script}}" prints plain text on stdout and exits 0 ({{at}}): on {{event}} Claude Code {{where}}writes it to the debug log only, so neither Claude nor the user sees it',
      exit2: 'script "{{script}}" prints the reason on stdout before exit 2 ({{at}}) and nothing on stderr: Claude Code {{where}}reads the reason from stderr, so Claude is told only "No stderr output"',
      stderr: 'script "{{script}}" writes a message to stderr and exits 0 ({{at}}): on exit 0 Claude Code {{where}}writes stderr to the debug log only, so nobody reads it',
      jsonStderr: 'script "{{script}}" writes its JSON answer to stderr ({{at}}): Claude Code {{where}}reads JSON only from stdout, so {{keys}} {{is}} never applied; {{outcome}}',
    },
  },
  check(ctx) {
    for (const { h, spec, prints } of scriptPrinters(ctx)) {
      if (h.group.flat) continue;
      const row = eventContract(spec.name);
      if (row.ignoresOutput) continue;
      // Where no output reaches anyone (no systemMessage, no additionalContext: WorktreeRemove, SessionEnd, …) there is nothing better to write.
      const out = eventDetails(spec).output;
      const reachable = out.systemMessage || 'additionalContext' in out.hookSpecificOutput || out.decisionBlock;
      for (const p of prints) {
        if (eventsNamed(p.texts, EVENT_NAMES).size > ([...eventsNamed(p.texts, EVENT_NAMES)].includes(spec.name) ? 1 : 0)) continue;
        if (p.emissions.some((e) => e.kind === 'json' && e.json && isAsyncAnswer(e.json))) continue;
        // A Python or JavaScript function called on the script's default path (`main()` under
        // `if __name__ == "__main__":` or `if (require.main === module)`) prints where the script
        // does; a shell function's caller may redirect it (`f 2>/dev/null`, `x=$(f)`).
        const shell = scriptLanguage(p.script, p.texts[0]?.text ?? '') === 'shell';
        const own = p.emissions.filter((e) => e.file === p.script.absolute && (e.fn === undefined || (!shell && runsByDefault({ ...e, conditional: false }, p.calls))));
        const at = (e: HandlerEmission) => `line ${e.line}`;
        const report = (messageId: 'plain' | 'exit2' | 'stderr', e: HandlerEmission, note: string) =>
          ctx.report({ messageId, data: { script: p.script.written, at: at(e), event: spec.name }, ...wordLocation(ctx, p.script.node, p.script.word), note });
        const hasJson = own.some((e) => e.stream === 'stdout' && e.kind !== 'text');
        // 4. A hook answer written to stderr (its own check: see `jsonOnStderr`).
        const answer = reachable ? jsonOnStderr(own) : undefined;
        if (answer) {
          const keys = Object.keys(answer.json!);
          const code = answer.exit ?? 0;
          const outcome =
            code === 0
              ? 'on exit 0 stderr goes to the debug log only'
              : code === 2
                ? spec.canBlock
                  ? `exit 2 blocks ${spec.name} with the raw JSON text as its message`
                  : `exit 2 cannot block ${spec.name}: the user sees the raw JSON text as an error`
                : `on exit ${code} the user sees the raw JSON text as a hook error`;
          ctx.report({
            messageId: 'jsonStderr',
            data: { script: p.script.written, at: at(answer), keys: keys.map((k) => `"${k}"`).join(', '), is: keys.length > 1 ? 'are' : 'is', outcome },
            ...wordLocation(ctx, p.script.node, p.script.word),
            note: 'print the JSON on stdout and exit 0 (a decision in JSON needs no exit 2)',
          });
        }
        // 1. Plain stdout, exit 0, where it reaches nobody.
        if (row.plainStdout === 'debugLog' && !hasJson && reachable) {
          const e = own.find((x) => x.stream === 'stdout' && x.kind === 'text' && (x.exit === 0 || x.exit === undefined) && message(x.text));
          if (e) report('plain', e, `to tell Claude, print {"hookSpecificOutput": {"hookEventName": "${spec.name}", "additionalContext": "…"}}; to tell the user, print {"systemMessage": "…"}; for a log, write to stderr or a file`);
        }
        // 2. The reason of an exit 2 on stdout, and nothing on stderr before that exit.
        if (spec.canBlock) {
          const e = own.find((x) => x.stream === 'stdout' && x.kind === 'text' && x.exit === 2 && message(x.text));
          if (e && !own.some((x) => x.stream === 'stderr' && x.exit === 2)) {
            report('exit2', e, 'write the reason to stderr (`>&2`, `file=sys.stderr`, `console.error`)');
            continue;
          }
        }
        // 3. A message to someone on stderr with exit 0.
        const e = own.find((x) => x.stream === 'stderr' && x.kind === 'text' && (x.exit === 0 || x.exit === undefined) && message(x.text) && ADDRESSED.test(x.text!) && !LOG_LINE.test(x.text!));
        if (e && !hasJson && reachable)
          report('stderr', e, `to tell Claude, print {"hookSpecificOutput": {"hookEventName": "${spec.name}", "additionalContext": "…"}} on stdout; to tell the user, {"systemMessage": "…"}`);
      }
    }
  },
});

/** Top-level keys of a hook's JSON answer (SPEC.md §13.4), with the ones people put at the top level by mistake. */
const ANSWER_KEYS = new Set(['continue', 'suppressOutput', 'stopReason', 'decision', 'reason', 'systemMessage', 'hookSpecificOutput', 'permissionDecision', 'permissionDecisionReason', 'additionalContext']);
/** Keys that make an object an answer rather than a log record (`reason` and `suppressOutput` alone do not). */
const DECIDING = ['continue', 'stopReason', 'decision', 'systemMessage', 'hookSpecificOutput', 'permissionDecision', 'additionalContext'];

/**
 * SPEC.md §13.4 "What counts as JSON": Claude Code parses stdout only; JSON on
 * stderr is text (with exit 2 the block message, with exit 0 the debug log).
 * The first print of a hook answer to stderr: a literal object whose keys are
 * all output-contract keys, at least one of them deciding something (a JSON
 * log record has keys of its own: left alone), on a path that prints no JSON
 * (nor anything computed) on stdout (a copy of the answer logged to stderr is
 * left alone).
 */
function jsonOnStderr(own: readonly HandlerEmission[]): HandlerEmission | undefined {
  return own.find((e) => {
    if (e.stream !== 'stderr' || e.kind !== 'json' || e.open || !e.json) return false;
    const keys = Object.keys(e.json);
    if (keys.length === 0 || !keys.every((k) => ANSWER_KEYS.has(k)) || !DECIDING.some((k) => k in e.json!)) return false;
    return !own.some((x) => x.stream === 'stdout' && x.kind !== 'text' && (e.exit === undefined || x.exit === e.exit));
  });
}

/** Text that says something: not empty, not only punctuation or computed parts. */
function message(text: string | undefined): boolean {
  return !!text && /[A-Za-z]{3}/.test(text.replace(/…/g, ''));
}
