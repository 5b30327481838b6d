import { defineRule, type RuleContext } from './rule.js';
import { eventsNamed, runsByDefault, scriptOutput, type HandlerEmission } from '../analysis/script-output.js';
import { fileLanguage, forwardedArgs, scriptLanguage } from '../analysis/scripts.js';
import { gatesHold, pythonFlagGates } from '../analysis/script-flags.js';
import { commandStderr, commandStdout, scriptMessages, underDebugSwitch, type HelperMessage } from '../analysis/script-messages.js';
import { exitCodes } from '../analysis/script-exits.js';
import { eventContract, isAsyncAnswer, outputContract, UNKNOWN_VALUE } from '../model/contract.js';
import { EVENT_NAMES, eventDetails, type EventSpec } from '../model/catalog.js';
import { commandHandlers, exitTwoReader, scriptPrinters, wordLocation } from './util.js';
import { scriptOf } from '../analysis/command.js';

/**
 * SPEC.md §13.4 "Plain stdout, exit 0", "Exit 2": where what a script writes
 * goes. Each case is reported only when the script's text proves it:
 *
 * - plain text on stdout, then exit 0, on an event whose plain stdout goes to
 *   the debug log only (everything but SessionStart, UserPromptSubmit,
 *   UserPromptExpansion, PostModelSwitch, PreCompact, PostCompact and
 *   WorktreeCreate): neither Claude nor the user sees it;
 * - the reason on stdout, then `exit 2`, with nothing on stderr anywhere in the
 *   script (nor through its own message helper), on an event where someone
 *   reads exit 2's stderr (catalog `exitTwoStderr`): Claude Code reads the
 *   message from stderr, so Claude (or the user) gets "No stderr output";
 * - on PreCompact, a status line on stdout with exit 0 (`Preparing for manual
 *   compaction…`, `Transcript backed up to …`): plain stdout there is appended
 *   to the compaction instructions (catalog `plainStdout: "compactInstructions"`),
 *   so it steers the summary and the user never sees it; text that reads as an
 *   instruction (`Preserve …`, `Focus on …`) is what that stdout is for;
 * - a message on stderr, then exit 0, addressed to someone (a reminder, a
 *   warning, "you should …"): stderr on exit 0 goes to the debug log only.
 *   Logging to stderr (status lines, debug output) is what stderr is for and
 *   is left alone;
 * - a warning on stderr right before `exit 0` (directly or through the
 *   script's own helper, `log_warning "…"; exit 0`) in a script that elsewhere
 *   blocks with its reason on stderr and `exit 2`, and prints no JSON (whose
 *   `systemMessage` may tell the user instead): its author writes stderr to
 *   be read, which Claude Code does on exit 2 only (the fail-open path of a
 *   guard: nobody learns the check was skipped);
 * - a checker (eslint, `ruff check`, tsc, mypy, pytest, shellcheck, …) whose
 *   report a shell script leaves on plain stdout, on an event whose plain
 *   stdout nobody reads: on exit 0 it goes to the debug log, on exit 2 it is
 *   ignored, on another code the hook fails with stderr's first line; Claude
 *   never sees the findings. Left alone when the script gives Claude a reason
 *   on stderr with exit 2 or answers in JSON;
 * - a hook answer (an object with the keys of §13.4: `decision`, `continue`,
 *   `hookSpecificOutput`, …) written to stderr: Claude Code never reads stderr
 *   as JSON (exit 2: the raw text is the message; exit 0: the debug log). With
 *   exit 2 only keys whose effect is lost count (`continue: false`,
 *   `systemMessage`, …): a `decision: "block"` and its reason still block.
 *
 * Inline commands are scripts too: the reason of an `exit 2` they echo on
 * stdout; text they echo on stdout, or a checker's report they leave there (a
 * package script such as `npm test` only with `2>&1`), on an event whose plain
 * stdout nobody reads; only commands that run no script of their own.
 *
 * Left alone: events where no output reaches anyone (no `systemMessage`, no
 * `additionalContext`, no decision: WorktreeRemove, SessionEnd), dispatcher scripts that name other events (their text may be
 * context on SessionStart), scripts that use the async first-line protocol,
 * prints in shell functions and in functions not called on the script's
 * default path (a helper's callers may redirect it), empty prints, prints
 * under a debug or verbose switch (`[ -n "$DEBUG" ] && echo …`, `if VERBOSE:`),
 * and a script's stdout that the handler's command sends elsewhere
 * (`x.sh >&2`, `x.sh > log`, `x.sh | jq …`).
 */

/** Words of a message addressed to a reader, not a log line. */
const ADDRESSED = /\b(you|your|please|remember|reminder|don'?t forget|make sure|consider|should|must|warning|claude|before (continuing|proceeding|committing|pushing|merging|handing))\b|⚠|❌|🚨/i;
/** Log lines: a level or a tag first; and reports of the hook's own failure (a fail-open path logs them on purpose). */
const LOG_LINE = /^\s*(\[[^\]]*\]|\(?(debug|info|trace|log|verbose)\)?\b[:\s])|\b(error|exception|failed|traceback|could ?n[o']?t|cannot|unable|missing|skipp(ing|ed)|not found|not installed|does ?n[o']?t exist|no such)\b/i;

export default defineRule({
  meta: {
    id: 'stdout-unread',
    type: 'problem',
    severity: 'warning',
    section: 6,
    needsHost: true,
    description: 'A script or command writes a message where nobody reads it: plain stdout or a checker\'s report on an event that logs it, the reason of an exit 2 on stdout, a PreCompact status line, a message or a JSON answer on stderr',
    messages: {
      plain: 'script "{{script}}" prints plain text on stdout and exits 0 ({{at}}): on {{event}} Claude Code {{where}}writes it to the debug log only, so neither Claude nor the user sees it',
      exit2: 'script "{{script}}" prints the reason on stdout before exit 2 ({{at}}) and nothing on stderr: Claude Code {{where}}reads the reason from stderr, so {{reader}} is told only "No stderr output"',
      stderr: 'script "{{script}}" writes a message to stderr and exits 0 ({{at}}): on exit 0 Claude Code {{where}}writes stderr to the debug log only, so nobody reads it',
      compact: 'script "{{script}}" prints a status line on stdout and exits 0 ({{at}}): on {{event}} Claude Code {{where}}adds plain stdout to the compaction instructions, so the line steers the summary and never reaches the user',
      failOpen: 'script "{{script}}" warns on stderr and exits 0 ({{at}}), though it blocks with exit 2 elsewhere: on exit 0 Claude Code {{where}}writes stderr to the debug log only, so neither Claude nor the user sees the warning',
      report: 'script "{{script}}" leaves the report of {{tool}} on plain stdout ({{at}}): on {{event}} Claude Code {{where}}reads plain stdout on no exit code (exit 0: the debug log; exit 2: ignored; other codes: a hook error showing stderr), so Claude never sees the findings',
      inlinePlain: 'this command prints plain text on stdout ("{{text}}") and exits 0: on {{event}} Claude Code {{where}}writes it to the debug log only, so neither Claude nor the user sees it',
      inlineExit2: 'this command prints the reason on stdout before exit 2 ("{{text}}") and nothing on stderr: Claude Code {{where}}reads the reason from stderr, so {{reader}} is told only "No stderr output"',
      inlineReport: 'this command leaves the report of {{tool}} on plain stdout: on {{event}} Claude Code {{where}}reads plain stdout on no exit code (exit 0: the debug log; exit 2: ignored; other codes: a hook error showing stderr), so Claude never sees the findings',
      jsonStderr: 'script "{{script}}" writes its JSON answer to stderr ({{at}}): Claude Code {{where}}reads JSON only from stdout, so {{keys}} {{is}} never applied; {{outcome}}',
    },
  },
  check(ctx) {
    checkInline(ctx);
    for (const { h, spec, prints } of scriptPrinters(ctx)) {
      if (h.group.flat) continue;
      const row = eventContract(spec.name);
      if (row.ignoresOutput) continue;
      const out = eventDetails(spec).output;
      // Where no output reaches anyone there is nothing better to write: no systemMessage, no
      // additionalContext, and no block whose reason Claude reads (WorktreeRemove, SessionEnd,
      // ConfigChange, whose reason is never shown).
      const reachable = reachesSomeone(spec.name, out);
      // Who reads an exit 2's stderr on this event (SPEC.md §1.2): nobody on DirectoryAdded, WorktreeRemove, PermissionRequest, …
      const reader = exitTwoReader(row.exitTwoStderr);
      for (const p of prints) {
        if (eventsNamed(p.texts, EVENT_NAMES).size > ([...eventsNamed(p.texts, EVENT_NAMES)].includes(spec.name) ? 1 : 0)) continue;
        if (p.emissions.some((e) => e.kind === 'json' && e.json && isAsyncAnswer(e.json))) continue;
        // The async first-line protocol written in ways the print analysis does not take apart
        // (`sys.stdout.write(json.dumps({"async": True}) + "\n")`, a dict kept in a variable): left alone.
        if (p.texts.some((t) => ASYNC_ANSWER.test(t.text))) continue;
        // A Python or JavaScript function called on the script's default path (`main()` under
        // `if __name__ == "__main__":` or `if (require.main === module)`) prints where the script
        // does; a shell function's caller may redirect it (`f 2>/dev/null`, `x=$(f)`).
        const text = p.texts[0]?.text ?? '';
        const language = scriptLanguage(p.script, text);
        const shell = language === 'shell';
        const own = p.emissions.filter((e) => e.file === p.script.absolute && (e.fn === undefined || (!shell && runsByDefault({ ...e, conditional: false }, p.calls))));
        const at = (e: HandlerEmission) => `line ${e.line}`;
        const report = (messageId: 'plain' | 'stderr' | 'compact', e: HandlerEmission, note: string) =>
          ctx.report({ messageId, data: { script: p.script.written, at: at(e), event: spec.name }, ...wordLocation(ctx, p.script.node, p.script.word), note });
        const hasJson = own.some((e) => e.stream === 'stdout' && e.kind !== 'text');
        // Where the handler's command sends the script's stdout (`x.sh >&2`, `x.sh > log`, `x.sh | jq`)
        // and its stderr (`x.sh 2>&1`, `x.sh 2>>log`): the script's streams are the hook's only when left alone.
        const commandText = (p.script.node as { value?: unknown }).value;
        const placed = typeof commandText === 'string' && p.script.word?.pos !== undefined;
        const sentTo = placed ? commandStdout(commandText as string, p.script.word!.pos!) : 'hook';
        const errTo = placed ? commandStderr(commandText as string, p.script.word!.pos!) : 'hook';
        const said = shell ? scriptMessages(text) : undefined;
        const helpers = said ? said.messages.filter((m) => m.fn === undefined && !m.debug) : [];
        // Prints under a debug or verbose switch are logging, whatever they say.
        const debug = (x: HandlerEmission) => (said ? said.debugLines.has(x.line) : underDebugSwitch(text, x.line));
        // A print in a branch whose path ends in a call that may exit (`print("Blocked"); block("…")`)
        // has an unknown exit: in a script that can exit 2 it may be a block's, so it is not taken as exit 0.
        // Asked only of such a print (the exit codes come from the script's parse).
        let exitTwo: boolean | undefined;
        const canExitTwo = () => (exitTwo ??= own.some((x) => x.exit === 2) || helpers.some((m) => m.exit === 2) || exitCodes(text, language).has(2));
        // A print followed on its path by a call of the script's own function that exits 2 (`echo "…"; block "…"`) is a block's.
        const blockers = new Set(p.emissions.filter((x) => x.fn !== undefined && x.exit === 2).map((x) => x.fn!));
        const blockCallAfter = (x: HandlerEmission) => x.conditional && [...blockers].some((f) => (p.calls.get(f) ?? []).some((c) => c.line > x.line));
        const exitsZero = (x: HandlerEmission) => !blockCallAfter(x) && (x.exit === 0 || (x.exit === undefined && !x.handsOver && !(x.conditional && canExitTwo())));
        const stderrOnExitTwo = own.some((x) => x.stream === 'stderr' && x.exit === 2) || helpers.some((m) => m.stream === 'stderr' && m.exit === 2);
        // 1. The reason of an exit 2 on stdout, and nothing on stderr before that exit (directly or through
        // the script's own message helper): the block's message is empty. Reported after 2 and 3 (a
        // different print on the exit-0 path may be unread too); the stderr cases are then left alone.
        const blockOnStdout =
          spec.canBlock && reader && sentTo !== 'stderr' && errTo === 'hook' && !stderrOnExitTwo ? own.find((x) => x.stream === 'stdout' && x.kind === 'text' && x.exit === 2 && message(x.text)) : undefined;
        // 2. Plain stdout, exit 0, where it reaches nobody.
        let plainReported = false;
        if (row.plainStdout === 'debugLog' && !hasJson && reachable && sentTo === 'hook') {
          const e = own.find((x) => x.stream === 'stdout' && x.kind === 'text' && exitsZero(x) && message(x.text) && !debug(x));
          plainReported = e !== undefined;
          if (e) report('plain', e, tellNote(spec.name, out, 'for a log, write to stderr or a file'));
        }
        // 3. PreCompact: plain stdout on exit 0 joins the compaction instructions; a status line there steers the summary.
        // A script that also prints instructions there means its stdout for the summary: left alone.
        if (row.plainStdout === 'compactInstructions' && !hasJson && sentTo === 'hook' && !own.some((x) => x.stream === 'stdout' && INSTRUCTION.test(x.text ?? ''))) {
          const e = own.find((x) => x.stream === 'stdout' && x.kind === 'text' && exitsZero(x) && statusLine(x.text) && switchedOn(x, p.texts, forwardedArgs(p.script, ctx.options)));
          if (e) report('compact', e, 'on PreCompact, print to stdout only what the summary should follow; write status and log lines to stderr or a file');
        }
        if (blockOnStdout) {
          ctx.report({ messageId: 'exit2', data: { script: p.script.written, at: at(blockOnStdout), reader: reader! }, ...wordLocation(ctx, p.script.node, p.script.word), note: 'write the reason to stderr (`>&2`, `file=sys.stderr`, `console.error`)' });
          continue;
        }
        // 4. A message to someone on stderr with exit 0.
        const e = errTo !== 'hook' ? undefined : own.find((x) => x.stream === 'stderr' && x.kind === 'text' && exitsZero(x) && message(x.text) && ADDRESSED.test(x.text!) && !STATUS_ASIDE.test(x.text!) && !LOG_LINE.test(x.text!) && !debug(x));
        if (e && !hasJson && reachable) report('stderr', e, tellNote(spec.name, out, '', 'on stdout'));
        // 5. A guard's fail-open warning: stderr before `exit 0`, where the same script blocks with stderr and exit 2 (and answers in no JSON).
        if (!e && errTo === 'hook' && !hasJson && reachable && spec.canBlock) {
          const blocks = own.some((x) => x.stream === 'stderr' && x.kind !== 'json' && x.exit === 2) || helpers.some((m) => m.stream === 'stderr' && m.exit === 2 && message(m.text));
          const warning = blocks ? failOpenWarning(own.filter((x) => !debug(x)), helpers) : undefined;
          if (warning)
            ctx.report({ messageId: 'failOpen', data: { script: p.script.written, at: `line ${warning.line}`, event: spec.name }, ...wordLocation(ctx, p.script.node, p.script.word), note: out.systemMessage ? 'to tell the user, print {"systemMessage": "…"} on stdout and exit 0' : tellNote(spec.name, out, '', 'on stdout') });
        }
        // 6. A checker's report left on plain stdout where nobody reads it.
        if (said && !plainReported && sentTo === 'hook' && row.plainStdout === 'debugLog' && reachable && !hasJson && !said.stdoutMoved) {
          const r = stderrOnExitTwo ? undefined : said.reports[0];
          if (r) {
            const ways: string[] = [];
            if (out.decisionBlock) ways.push('print {"decision": "block", "reason": "<the report>"}');
            else if (spec.canBlock) ways.push('write it to stderr and exit 2');
            if ('additionalContext' in out.hookSpecificOutput) ways.push(`print {"hookSpecificOutput": {"hookEventName": "${spec.name}", "additionalContext": "<the report>"}}`);
            if (ways.length === 0) ways.push('print {"systemMessage": "<the report>"} for the user');
            const note = `capture the report (\`report=$(… 2>&1)\`) and, when it finds something, ${ways.join(', or ')}`;
            ctx.report({ messageId: 'report', data: { script: p.script.written, at: `line ${r.line}`, event: spec.name, tool: r.tool }, ...wordLocation(ctx, p.script.node, p.script.word), note });
          }
        }
        // 7. A hook answer written to stderr.
        // Without exit 2, a script that also answers on stdout may mirror its answer to stderr for its log.
        const j = !reachable || errTo !== 'hook' ? undefined : own.find((x) => x.stream === 'stderr' && x.kind === 'json' && !x.open && x.json && isAnswer(x.json) && answerKeys(x.json, x.exit).length > 0 && (x.exit === 2 || !hasJson));
        if (j) {
          const keys = answerKeys(j.json!, j.exit);
          ctx.report({
            messageId: 'jsonStderr',
            data: { script: p.script.written, at: at(j), keys: keys.map((k) => `"${k}"`).join(', '), is: keys.length > 1 ? 'are' : 'is', outcome: jsonStderrOutcome(spec.name, spec.canBlock, j.exit ?? 0) },
            ...wordLocation(ctx, p.script.node, p.script.word),
            note: 'print the JSON on stdout and exit 0 (a decision in JSON needs no exit 2); to block with exit 2, write only the reason to stderr',
          });
        }
      }
    }
  },
});

/**
 * Inline commands are scripts too: the reason of an `exit 2` echoed on stdout;
 * plain text echoed on stdout, or a checker's report left there, on an event
 * where plain stdout reaches nobody. Only a command that parses and runs no
 * script of its own (whose output may be JSON the text breaks, which
 * output-not-json judges).
 */
function checkInline(ctx: RuleContext<'inlinePlain' | 'inlineReport' | 'inlineExit2'>): void {
  for (const { h, node, commands, shell } of commandHandlers(ctx)) {
    const spec = h.event.spec;
    if (!spec || !shell || shell.hasErrors || h.group.flat || commands.some((c) => scriptOf(c) !== undefined)) continue;
    const text = (node as { value?: unknown }).value;
    if (typeof text !== 'string') continue;
    const emissions = scriptOutput(text, 'shell').emissions.filter((e) => e.fn === undefined);
    if (emissions.some((e) => e.stream === 'stdout' && e.kind !== 'text')) continue;
    const blockedOnStderr = emissions.some((x) => x.stream === 'stderr' && x.exit === 2);
    // The candidates first: the contract is read from disk by the check bundle (model/contract.ts), so only when one is found.
    const blocked = spec.canBlock && !blockedOnStderr ? emissions.find((x) => x.stream === 'stdout' && x.kind === 'text' && x.exit === 2 && message(x.text)) : undefined;
    // A sentence, not a token: `echo done`, `echo ok` are placeholders and status words nobody waits for.
    const plain = emissions.find((x) => x.stream === 'stdout' && x.kind === 'text' && (x.exit === 0 || x.exit === undefined) && message(x.text) && sentence(x.text!));
    const report = blockedOnStderr ? undefined : scriptMessages(text).reports[0];
    if (!blocked && !plain && !report) continue;
    const shown = (t: string) => {
      const one = t.trim().replace(/\s+/g, ' ');
      return one.length > 40 ? `${one.slice(0, 39)}…` : one;
    };
    // The reason of an exit 2 on stdout, and nothing on stderr before that exit.
    if (blocked) {
      const reader = exitTwoReader(eventContract(spec.name).exitTwoStderr);
      if (reader) ctx.report({ messageId: 'inlineExit2', data: { text: shown(blocked.text!), reader }, node, note: 'write the reason to stderr: `echo "…" >&2; exit 2`' });
      continue;
    }
    const row = eventContract(spec.name);
    const out = eventDetails(spec).output;
    if (row.ignoresOutput || row.plainStdout !== 'debugLog' || !(out.systemMessage || 'additionalContext' in out.hookSpecificOutput || out.decisionBlock)) continue;
    const context = 'additionalContext' in out.hookSpecificOutput ? `to tell Claude, print {"hookSpecificOutput": {"hookEventName": "${spec.name}", "additionalContext": "…"}}; ` : '';
    if (plain) ctx.report({ messageId: 'inlinePlain', data: { text: shown(plain.text!), event: spec.name }, node, note: `${context}to tell the user, print {"systemMessage": "…"}` });
    else if (report)
      ctx.report({ messageId: 'inlineReport', data: { tool: report.tool, event: spec.name }, node, note: `move it into a script that captures the report and hands it on: ${out.decisionBlock ? '{"decision": "block", "reason": "<the report>"}' : spec.canBlock ? 'stderr with exit 2' : '{"systemMessage": "<the report>"}'}${'additionalContext' in out.hookSpecificOutput ? ' or additionalContext' : ''}` });
  }
}

/**
 * True when some output of a hook on this event reaches someone: a
 * `systemMessage` (the user), `additionalContext` (Claude), or a top-level
 * `decision: "block"` whose reason Claude reads (not ConfigChange's, which is
 * never shown, SPEC.md §1.2).
 */
function reachesSomeone(event: string, out: EventSpec['output']): boolean {
  return out.systemMessage || 'additionalContext' in out.hookSpecificOutput || (out.decisionBlock && eventContract(event).exitTwoStderr === 'claude');
}

/**
 * The note of a message nobody reads: the fields this event reads that would
 * carry it (`additionalContext` for Claude, `systemMessage` for the user, a
 * block's `reason`), then `tail` when given.
 */
function tellNote(event: string, out: EventSpec['output'], tail: string, where = ''): string {
  const ways: string[] = [];
  const on = where ? ` ${where}` : '';
  if ('additionalContext' in out.hookSpecificOutput) ways.push(`to tell Claude, print {"hookSpecificOutput": {"hookEventName": "${event}", "additionalContext": "…"}}${on}`);
  else if (out.decisionBlock && eventContract(event).exitTwoStderr === 'claude') ways.push(`to make Claude act on it, print {"decision": "block", "reason": "…"}${on}`);
  if (out.systemMessage) ways.push(`to tell the user, print {"systemMessage": "…"}${ways.length > 0 ? '' : on}`);
  if (tail) ways.push(tail);
  return ways.join('; ');
}

/** What becomes of a JSON answer written to stderr, by exit code and by who reads exit 2's stderr on the event (SPEC.md §1.2). */
function jsonStderrOutcome(event: string, canBlock: boolean, code: number): string {
  if (code === 0) return 'on exit 0 stderr goes to the debug log only';
  if (code !== 2) return `on exit ${code} the user sees the raw JSON text as a hook error`;
  const who = eventContract(event).exitTwoStderr;
  const reader = exitTwoReader(who);
  if (!reader) return who === 'debugLog' ? 'on exit 2 stderr goes to the debug log only' : `${event} ignores exit 2`;
  return canBlock ? `exit 2 blocks ${event} with the raw JSON text as its message (shown to ${reader})` : `exit 2 cannot block ${event}: ${reader} sees the raw JSON text as an error`;
}

/** The async first-line answer in a script's text (`{"async": true}`, `json.dumps({"async": True})`, `{async: true}`). */
const ASYNC_ANSWER = /["']async["']\s*:\s*(?:true|True)\b|[{,]\s*async\s*:\s*true\b/;
/** A status line that asks for nothing but patience (`please wait`, `hold on`): logging, not a message to someone. */
const STATUS_ASIDE = /\bplease (wait|hold|stand by|be patient)\b/i;

/** A warning's words: a `Warning:`/`WARN` lead or a warning sign. */
const WARNING = /^\W{0,4}(warn(ing)?\b|caution\b)|^\s*(⚠|🚨)/i;

/**
 * The fail-open warning of a guard: a warning written to stderr right before an
 * explicit `exit 0`, by a print on the script's default path (its top level, or
 * `main()`) or a call of its own shell message helper (`log_warning "…"`).
 */
function failOpenWarning(own: readonly HandlerEmission[], helpers: readonly HelperMessage[]): { line: number } | undefined {
  const direct = own.find((x) => x.stream === 'stderr' && x.kind === 'text' && x.exit === 0 && message(x.text) && WARNING.test(x.text!));
  const called = helpers.find((m) => m.stream === 'stderr' && m.exit === 0 && message(m.text) && (/warn/i.test(m.helper) || WARNING.test(m.text)));
  if (direct && called) return direct.line < called.line ? direct : called;
  return direct ?? called;
}

/** Keys people put at the top level of an answer by mistake (output-key-ignored reports them there). */
const MISPLACED = new Set(['permissionDecision', 'permissionDecisionReason', 'additionalContext']);

/**
 * True when a printed object reads as a hook's answer, not a log record: every
 * key is an answer key of SPEC.md §13.4 (or one misplaced at the top level),
 * and at least one decides something (`reason` or `suppressOutput` alone do
 * not). A JSON log line has keys of its own (`level`, `event`, `ts`) and is
 * left alone.
 */
function isAnswer(json: Record<string, unknown>): boolean {
  const accepted = outputContract().topLevelKeys;
  const keys = Object.keys(json);
  return keys.length > 0 && keys.every((k) => k in accepted || MISPLACED.has(k)) && keys.some((k) => k !== 'reason' && k !== 'suppressOutput');
}

/**
 * The keys of a printed object that Claude Code would read in a hook's JSON
 * answer (SPEC.md §13.4) and that are lost on stderr. With `exit 2` the exit
 * code blocks anyway and the text (reason included) is the message, so a
 * block's own keys lose nothing: `decision: "block"`, `reason`, and a
 * `hookSpecificOutput` that only denies with its reason.
 */
function answerKeys(json: Record<string, unknown>, exit: number | undefined): string[] {
  const accepted = outputContract().topLevelKeys;
  const keys = Object.keys(json).filter((k) => k in accepted);
  if (exit !== 2) return keys;
  const blocks = (v: unknown, value: string) => v === value || v === UNKNOWN_VALUE;
  return keys.filter((k) => {
    if (k === 'reason') return false;
    if (k === 'decision') return !blocks(json.decision, 'block');
    if (k !== 'hookSpecificOutput') return true;
    const hso = json.hookSpecificOutput;
    if (!hso || typeof hso !== 'object') return true;
    return Object.entries(hso).some(([f, v]) => !(f === 'hookEventName' || f === 'permissionDecisionReason' || (f === 'permissionDecision' && blocks(v, 'deny'))));
  });
}

/** Text of two words or more (Chinese, Japanese or Korean text, written without spaces, from three characters). */
function sentence(text: string): boolean {
  return (text.match(/\p{L}{2,}/gu) ?? []).length >= 2 || /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]{3}/u.test(text);
}

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
  return !!text && /\p{L}{3}/u.test(text.replace(/…/g, ''));
}
