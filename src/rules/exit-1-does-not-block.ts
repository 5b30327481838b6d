import { defineRule } from './rule.js';
import { exitOnePaths } from '../analysis/exit-paths.js';
import { exitCodes, printsDecision } from '../analysis/script-exits.js';
import { linkedTexts } from '../analysis/script-links.js';
import { fileLanguage, forwardedArgs, placeholdersOf, scriptLanguage, scriptsOf, scriptText, shellOf } from '../analysis/scripts.js';
import { field, stringField, type HandlerEntry } from '../model/model.js';
import type { ScriptOptions } from '../analysis/scripts.js';
import { wordLocation } from './util.js';
import { handlerPrints } from '../analysis/script-output.js';
import { decisionOf } from '../model/contract.js';
import type { EventSpec } from '../model/catalog.js';
import type { ResolvedScript } from '../analysis/scripts.js';
import type { LintOptions } from './rule.js';

/** Keys that look like a decision: what a script means to decide with. */
const DECISION_KEYS = ['decision', 'permissionDecision', 'result', 'ok', 'behavior'];

/**
 * The print of a decision Claude Code does not read (`{"decision": "deny"}` on
 * Stop, a top-level `permissionDecision`, `{"result": "block"}`) followed by
 * exit 1, when it is the only kind of decision the script prints: every JSON
 * print of the script (and what it execs and loads) is a literal object whose
 * decision Claude Code ignores. Undefined otherwise (some print decides, or
 * cannot be read).
 */
function unreadDecisionThenExit1(h: HandlerEntry, s: ResolvedScript, options: LintOptions, spec: EventSpec): { line: number; printed: string } | undefined {
  const p = handlerPrints(h, options).find((x) => x.script === s);
  if (!p) return undefined;
  const out = p.emissions.filter((e) => e.stream === 'stdout' && e.kind !== 'text');
  if (out.length === 0 || out.some((e) => e.kind !== 'json' || !e.json || e.open || decisionOf(e.json, spec) !== 'none')) return undefined;
  const e = out.find((x) => x.exit === 1 && DECISION_KEYS.some((k) => k in x.json! || (typeof x.json!.hookSpecificOutput === 'object' && x.json!.hookSpecificOutput !== null && k in (x.json!.hookSpecificOutput as object))));
  if (!e) return undefined;
  const key = DECISION_KEYS.find((k) => k in e.json!) ?? 'hookSpecificOutput';
  const v = e.json![key];
  return { line: e.line, printed: `"${key}"${typeof v === 'string' ? `: "${v}"` : ''}` };
}

/**
 * The `exit 1` of a shell-form command that refuses (see `exitOnePaths`), as a
 * 0-based span of the command string, when the command never exits 2 nor
 * prints a decision itself; undefined otherwise.
 */
function inlineRefusal(h: HandlerEntry, options: ScriptOptions): { pos: number; end: number } | undefined {
  const shell = shellOf(h, options);
  const command = stringField(h, 'command');
  if (!shell || shell.hasErrors || command === undefined || !/\bexit\s+1\b/.test(command)) return undefined;
  if (exitCodes(command, 'shell').has(2) || printsDecision(command, 'shell')) return undefined;
  const refusal = exitOnePaths(command, 'shell').find((p) => p.intent === 'refusal');
  if (!refusal) return undefined;
  // The refusal's line of the command, and its `exit 1` there.
  let start = 0;
  for (let l = 1; l < refusal.line; l++) start = command.indexOf('\n', start) + 1;
  const m = /\bexit\s+1\b/.exec(command.slice(start));
  return m ? { pos: start + m.index, end: start + m.index + m[0].length } : undefined;
}

/**
 * RULES.md §6 `exit-1-does-not-block`; SPEC.md §5.1, §9 #6: only exit code 2
 * blocks; exit 1 (like any other non-zero code) is a non-blocking error and
 * the action proceeds. Reported once per handler of an event that can block
 * when a script it runs refuses with `exit 1`: the exit 1 is on the path that
 * writes a refusal ("Blocked: ...", "fix the errors first") or follows a
 * failed check (`npm test || exit 1`), see `exitOnePaths`. Error paths are
 * left alone: hooks fail open there on purpose (input that does not parse, a
 * missing interpreter or tool, "not found", an `except` block). A script that
 * exits 2 or prints a JSON decision anywhere, itself or in the scripts it
 * `exec`s (a shim) and the local modules it loads, blocks: not reported,
 * unless every decision it prints is one Claude Code does not read (SPEC.md
 * §13.4: a top-level `permissionDecision`, `{"result": "block"}`, a
 * `decision` value the event ignores) and one of them is followed by exit 1:
 * that path neither decides nor blocks (read from the script-output analysis).
 * A shell-form command is a script too: its own refusal with exit 1 is
 * reported (`inline`). WorktreeCreate and WorktreeRemove fail on any non-zero
 * exit (catalog `nonZeroExitFails`, SPEC.md §13.3), so it is not reported there.
 */
export default defineRule({
  meta: {
    id: 'exit-1-does-not-block',
    type: 'problem',
    severity: 'warning',
    section: 6,
    description: 'A script of a blocking event that refuses with exit 1 and never exits 2 (exit 1 does not block)',
    messages: {
      exit1: 'script "{{script}}" refuses with exit 1 (line {{line}}) and never exits 2: on {{event}} only exit code 2 blocks, so {{where}}the action proceeds',
      inline: 'this command refuses with exit 1 and never exits 2: on {{event}} only exit code 2 blocks, so {{where}}the action proceeds',
      unread: 'script "{{script}}" prints {{printed}} and exits 1 (line {{line}}): on {{event}} Claude Code does not read that decision and exit 1 does not block, so {{where}}the action proceeds',
    },
  },
  check(ctx) {
    for (const h of ctx.model.handlers) {
      if (!h.event.spec?.canBlock || h.event.spec.nonZeroExitFails) continue;
      // Without filesystem access (--no-scripts) only the command itself is read.
      const scripts = ctx.options.host ? scriptsOf(h, ctx.options) : [];
      // One finding per handler (`python3 x || python x` names one script twice).
      let blocks = false;
      let printedUnread: { s: (typeof scripts)[number]; line: number; printed: string } | undefined;
      const refusals: { s: (typeof scripts)[number]; line: number; file: string }[] = [];
      for (const s of scripts) {
        const text = scriptText(ctx.options, s.absolute);
        if (text === undefined) continue;
        const language = scriptLanguage(s, text);
        const own = exitCodes(text, language);
        if (own.has(2)) {
          blocks = true;
          break;
        }
        if (printsDecision(text, language)) {
          // A printed decision blocks, unless every one the script prints is one Claude Code does not read (SPEC.md §13.4).
          const unread = h.event.spec ? unreadDecisionThenExit1(h, s, ctx.options, h.event.spec) : undefined;
          if (unread) printedUnread ??= { s, ...unread };
          else blocks = true;
          if (blocks) break;
          continue;
        }
        // Only a script that exits 1 somewhere needs the rest of what it runs.
        const shimOrModules = /\bexec\b|\bimport\b|\brequire\s*\(|\bsource\b|^\s*\.\s/m.test(text);
        if (!own.has(1) && !shimOrModules) continue;
        const linked = linkedTexts({ path: s.absolute, text, language }, forwardedArgs(s, ctx.options), ctx.options, fileLanguage, placeholdersOf(ctx.options));
        if (linked.some((f) => f.via !== 'self' && (exitCodes(f.text, f.language).has(2) || printsDecision(f.text, f.language)))) {
          blocks = true;
          break;
        }
        // The script itself and the scripts it execs exit on their own paths; imported modules are judged by their callers.
        for (const f of linked) {
          if (f.via === 'import') continue;
          const refusal = exitOnePaths(f.text, f.language).find((p) => p.intent === 'refusal');
          if (refusal) refusals.push({ s, line: refusal.line, file: f.path });
        }
      }
      if (!blocks && printedUnread) {
        const { s, line, printed } = printedUnread;
        ctx.report({
          messageId: 'unread',
          data: { script: s.written, line, printed, event: h.event.name },
          ...wordLocation(ctx, s.node, s.word),
          note: `to block, print {"decision": "block", "reason": "…"}${h.event.name === 'PreToolUse' ? ' (on PreToolUse, "hookSpecificOutput" with "permissionDecision": "deny")' : ''} and exit 0, or write the reason to stderr and exit 2`,
        });
        continue;
      }
      if (!blocks && refusals.length === 0) {
        // The command itself is a script too (issue 25): `… && echo 'Blocked' && exit 1`.
        const inline = inlineRefusal(h, ctx.options);
        if (inline) ctx.report({ messageId: 'inline', data: { event: h.event.name }, ...wordLocation(ctx, field(h, 'command')!, inline), note: 'to block, exit 2 and write the reason to stderr (echo … >&2; exit 2)' });
      }
      if (blocks || refusals.length === 0) continue;
      const { s, line, file } = refusals[0]!;
      ctx.report({
        messageId: 'exit1',
        data: { script: s.written, line, event: h.event.name },
        ...wordLocation(ctx, s.node, s.word),
        note: file === s.absolute ? 'to block, exit 2 and write the reason to stderr' : `the exit 1 is in ${file}, which the script runs; to block, exit 2 and write the reason to stderr`,
      });
    }
  },
});
