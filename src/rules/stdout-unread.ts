import { defineRule } from './rule.js';
import { eventsNamed, runsByDefault, type HandlerEmission } from '../analysis/script-output.js';
import { fileLanguage, forwardedArgs, scriptLanguage } from '../analysis/scripts.js';
import { gatesHold, pythonFlagGates } from '../analysis/script-flags.js';
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
 * - on PreCompact, a status line on stdout with exit 0 (`Preparing for manual
 *   compaction…`, `Transcript backed up to …`): plain stdout there is appended
 *   to the compaction instructions (catalog `plainStdout: "compactInstructions"`),
 *   so it steers the summary and the user never sees it; text that reads as an
 *   instruction (`Preserve …`, `Focus on …`) is what that stdout is for;
 * - a message on stderr, then exit 0, addressed to someone (a reminder, a
 *   warning, "you should …"): stderr on exit 0 goes to the debug log only.
 *   Logging to stderr (status lines, debug output) is what stderr is for and
 *   is left alone.
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
      compact: 'script "{{script}}" prints a status line on stdout and exits 0 ({{at}}): on {{event}} Claude Code {{where}}adds plain stdout to the compaction instructions, so the line steers the summary and never reaches the user',
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
        const report = (messageId: 'plain' | 'exit2' | 'stderr' | 'compact', e: HandlerEmission, note: string) =>
          ctx.report({ messageId, data: { script: p.script.written, at: at(e), event: spec.name }, ...wordLocation(ctx, p.script.node, p.script.word), note });
        const hasJson = own.some((e) => e.stream === 'stdout' && e.kind !== 'text');
        // 1. Plain stdout, exit 0, where it reaches nobody.
        if (row.plainStdout === 'debugLog' && !hasJson && reachable) {
          const e = own.find((x) => x.stream === 'stdout' && x.kind === 'text' && (x.exit === 0 || x.exit === undefined) && message(x.text));
          if (e) report('plain', e, `to tell Claude, print {"hookSpecificOutput": {"hookEventName": "${spec.name}", "additionalContext": "…"}}; to tell the user, print {"systemMessage": "…"}; for a log, write to stderr or a file`);
        }
        // 1b. PreCompact: plain stdout on exit 0 joins the compaction instructions; a status line there steers the summary.
        // A script that also prints instructions there means its stdout for the summary: left alone.
        if (row.plainStdout === 'compactInstructions' && !hasJson && !own.some((x) => x.stream === 'stdout' && INSTRUCTION.test(x.text ?? ''))) {
          const e = own.find((x) => x.stream === 'stdout' && x.kind === 'text' && (x.exit === 0 || x.exit === undefined) && statusLine(x.text) && switchedOn(x, p.texts, forwardedArgs(p.script, ctx.options)));
          if (e) report('compact', e, 'on PreCompact, print to stdout only what the summary should follow; write status and log lines to stderr or a file');
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

/** What a hook says it did or is doing: a status line, not a request. */
const STATUS = /\b(preparing|prepared|triggered|backed up|backup (created|saved|written)|saved|saving|created|completed|finished|logged|written|wrote|starting|started|running)\b|✓|✅|💾/i;
/** What compaction instructions say (SPEC.md §13.4: PreCompact stdout is appended to them). */
const INSTRUCTION = /\b(preserve|keep|retain|focus|include|summari[sz]e|remember|prioriti[sz]e|do ?n[o']?t|must|should|make sure|ensure|maintain|important|instead|read|refer|reload|restore|resume|continue|note|use|check|see|after compact\w*|next session)\b/i;

/**
 * True for a status report (`Preparing for manual compaction (session: …)`,
 * `Transcript backed up to: …`) that is no compaction instruction: on PreCompact
 * plain stdout is meant as instructions, and only a line that plainly reports
 * what the hook did is reported.
 */
function statusLine(text: string | undefined): boolean {
  return message(text) && STATUS.test(text!) && !INSTRUCTION.test(text!);
}

/**
 * True when a print runs on the hook's default path, or on a path its command
 * turns on: a conditional print counts only inside `if args.verbose:`-style
 * switch tests (Python) that the command's arguments satisfy (`--verbose`); a
 * status line a hook prints only when asked is not printed unless it is asked.
 */
function switchedOn(e: HandlerEmission, texts: readonly { path: string; text: string }[], args: readonly string[]): boolean {
  if (!e.conditional) return true;
  const text = texts.find((t) => t.path === e.file)?.text;
  if (text === undefined || fileLanguage(e.file, text) !== 'python') return false;
  const gates = pythonFlagGates(text, e.line);
  return gates.length > 0 && gatesHold(gates, args);
}

/** Text that says something: not empty, not only punctuation or computed parts. */
function message(text: string | undefined): boolean {
  return !!text && /[A-Za-z]{3}/.test(text.replace(/…/g, ''));
}
