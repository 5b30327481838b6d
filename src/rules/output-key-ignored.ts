import { defineRule } from './rule.js';
import { eventsNamed } from '../analysis/script-output.js';
import { decisionOf, isAsyncAnswer, judgeOutputObject, outputContract, UNKNOWN_VALUE, type ContractCode } from '../model/contract.js';
import { EVENT_NAMES } from '../model/catalog.js';
import { scriptPrinters, wordLocation } from './util.js';
import { basename, dirname, relative } from 'node:path';

/**
 * SPEC.md §13.4 "Accepted top-level keys": a command hook's script prints a
 * JSON key Claude Code strips (`ok`, `result`, `message`, a top-level
 * `permissionDecision` or `additionalContext`), or a `hookSpecificOutput`
 * field, a top-level `decision` or a `systemMessage` its event does not read.
 * Judged by the output contract (src/model/contract.ts) on the objects the
 * script's text proves it prints (src/analysis/script-output.ts). An error when
 * the stripped key was the print's only way to refuse (`{"result": "block"}`,
 * `{"ok": false}`, a top-level `permissionDecision: "deny"`, with no accepted
 * deciding key and no exit 2 after it): the hook never blocks. A warning
 * otherwise. Event-dependent problems (a field this event does not read) are
 * left alone in a script that names other events (a dispatcher whose prints
 * depend on the event it is run for) and in prints whose `hookEventName` names
 * another event.
 */

/** What one key's finding gathers. */
interface KeyEntry {
  what: string;
  lines: string[];
  refusing: boolean;
  note?: string;
  effect: string;
}

/** Stripped keys that stand for a refusal, with the values that refuse. */
const REFUSING: Record<string, (v: unknown) => boolean> = {
  ok: (v) => v === false,
  result: (v) => v === 'block' || v === 'deny' || v === 'blocked',
  permissionDecision: (v) => v === 'deny' || v === 'ask',
};

/** Problems that hold whatever event the print is for. */
const EVENT_FREE: ReadonlySet<ContractCode> = new Set(['key-stripped', 'key-misplaced', 'wrong-type']);
const REPORTED: ReadonlySet<ContractCode> = new Set(['key-stripped', 'key-misplaced', 'field-unread', 'decision-unread', 'system-message-discarded', 'wrong-type']);

export default defineRule({
  meta: {
    id: 'output-key-ignored',
    type: 'problem',
    severity: 'warning',
    section: 6,
    needsHost: true,
    description: 'A script prints a JSON key Claude Code strips or its event does not read',
    messages: {
      ignored: 'script "{{script}}" prints {{what}} ({{at}}): {{effect}}',
      decides: 'script "{{script}}" refuses with {{what}} ({{at}}), which Claude Code strips: on {{event}} the hook {{where}}never blocks',
    },
  },
  check(ctx) {
    for (const { spec, prints } of scriptPrinters(ctx)) {
      // The contract is read only once a script is (the check program loads it on first use).
      const contract = outputContract();
      if (contract.events[spec.name]?.ignoresOutput) continue;
      for (const p of prints) {
        const named = eventsNamed(p.texts, EVENT_NAMES);
        const dispatcher = [...named].some((n) => n !== spec.name);
        // One finding per key and script: the lines it is printed on, and whether one of them refuses with it alone.
        const byKey = new Map<string, KeyEntry>();
        for (const e of p.emissions) {
          if (e.stream !== 'stdout' || e.kind !== 'json' || !e.json || isAsyncAnswer(e.json)) continue;
          const hso = e.json.hookSpecificOutput as Record<string, unknown> | undefined;
          const otherEvent = !!hso && typeof hso === 'object' && typeof hso.hookEventName === 'string' && hso.hookEventName !== spec.name;
          for (const pr of judgeOutputObject(e.json, spec)) {
            if (!REPORTED.has(pr.code)) continue;
            if (!EVENT_FREE.has(pr.code) && (dispatcher || otherEvent)) continue;
            const value = pr.key.startsWith('hookSpecificOutput.') ? hso?.[pr.key.slice(19)] : e.json[pr.key];
            const refusing = REFUSING[pr.key]?.(value) === true && decisionOf(e.json, spec) === 'none' && e.exit !== 2;
            const shownValue = value !== undefined && value !== UNKNOWN_VALUE && typeof value !== 'object' ? `: ${JSON.stringify(value)}` : '';
            const place = contract.strippedKeyPlaces[pr.key];
            const id = pr.key + (refusing ? ' refusing' : '') + (pr.code === 'wrong-type' ? ' type' : '');
            const entry: KeyEntry = byKey.get(id) ?? { what: `"${pr.key}"`, lines: [], refusing: false, effect: pr.code === 'wrong-type' ? `${pr.message.replace(/^"[^"]+" /, 'it ')}, so Claude Code rejects the whole answer (a non-blocking hook error)` : effectOf(pr.message), ...(pr.code === 'key-stripped' && place ? { note: `use ${place}` } : pr.note ? { note: pr.note } : {}) };
            if (refusing || pr.code === 'wrong-type') (entry.refusing = refusing), (entry.what = `"${pr.key}"${shownValue}`);
            if (!entry.lines.includes(lineText(p.script.absolute, e))) entry.lines.push(lineText(p.script.absolute, e));
            byKey.set(id, entry);
          }
        }
        for (const entry of byKey.values()) {
          const lines = linesText(entry.lines);
          ctx.report({
            messageId: entry.refusing ? 'decides' : 'ignored',
            data: { script: p.script.written, what: entry.what, at: lines, event: spec.name, effect: entry.effect },
            ...wordLocation(ctx, p.script.node, p.script.word),
            ...(entry.refusing ? { severity: 'error' as const } : {}),
            ...(entry.note ? { note: entry.note } : {}),
          });
        }
      }
    }
  },
});

/** The contract's message, as the effect part of this rule's message. */
function effectOf(message: string): string {
  return message.replace(/^"[^"]+" is not a hook output field; /, '').replace(/^"[^"]+" belongs inside/, 'it belongs inside');
}

/** `line 12`, or `lib/out.py line 12` for a print in another file than the script. */
function lineText(script: string, e: { file: string; line: number }): string {
  if (e.file === script) return `line ${e.line}`;
  const rel = relative(dirname(script), e.file);
  return `${rel.startsWith('..') ? basename(e.file) : rel} line ${e.line}`;
}

/** `line 12`, `lines 12, 30`, `lines 12, 30, 41 and 2 more`; a print in another file is named (`lib/out.py line 3`). */
function linesText(entries: readonly string[]): string {
  const own = entries.filter((l) => l.startsWith('line ')).map((l) => l.slice(5));
  const others = entries.filter((l) => !l.startsWith('line '));
  const parts: string[] = [];
  if (own.length) parts.push(own.length === 1 ? `line ${own[0]}` : `lines ${own.slice(0, 4).join(', ')}${own.length > 4 ? ` and ${own.length - 4} more` : ''}`);
  parts.push(...others.slice(0, 2));
  if (others.length > 2) parts.push(`${others.length - 2} more in other files`);
  return parts.join('; ');
}
