import catalogJson from '../../schemas/events.json' with { type: 'json' };
import { catalog, catalogOnDisk, eventDetails, EVENTS, type EventSpec, type FieldType } from './catalog.js';
import type { Severity } from './types.js';

/**
 * The hook output contract (SPEC.md §13.4): what Claude Code does with what a
 * hook prints and how it exits, judged against the catalog's `outputContract`
 * section and each event's `output` row. One judge for both sides:
 * `hooklint test` (src/runner/judge.ts) judges what a hook really printed,
 * `hooklint check` (the script-output rules) what a script's text proves it
 * prints. Neither may disagree with the other, so neither judges on its own.
 */

/** Where plain stdout on exit 0 goes, per event (catalog `outputContract.events[*].plainStdout`). */
export type PlainStdout = 'context' | 'compactInstructions' | 'shownToUser' | 'path' | 'debugLog' | 'ignored';

/** One event's row of the contract (`schemas/events.json` `outputContract.events`). */
export interface EventContract {
  plainStdout: PlainStdout;
  /** Where stderr on exit 0 goes: the debug log, on every event. */
  stderrOnSuccess: 'debugLog';
  /**
   * Who reads stderr on exit 2 (SPEC.md §1.2, exit-2 column): `claude` (the
   * block message reaches Claude: PreToolUse, PostToolUse, Stop, …), `user`
   * (shown to the user: UserPromptSubmit, SessionStart, …), `debugLog`
   * (DirectoryAdded, WorktreeRemove) or `ignored` (exit codes ignored, or exit
   * 2 not honoured: PermissionRequest). Where SPEC.md names no reader the row
   * says `user` [uncertain].
   */
  exitTwoStderr: 'claude' | 'user' | 'debugLog' | 'ignored';
  /** An exit code other than 0 and 2: a non-blocking hook error, the action fails (WorktreeCreate/Remove), or nothing (fire-and-forget events). */
  otherExit: 'nonBlockingError' | 'fails' | 'ignored';
  /** A top-level `decision: "approve"`: skips the permission prompt (`allow`) or does nothing. */
  topLevelApprove: 'allow' | 'ignored';
  /** Fire-and-forget events: output and exit codes are ignored entirely (SPEC.md §13.3). */
  ignoresOutput?: boolean;
  notes?: string;
}

/** The catalog's `outputContract` section. */
export interface OutputContract {
  source: string;
  topLevelKeys: Record<string, { readWith: string }>;
  /** Keys Claude Code reads internally (telemetry of official plugins, asyncRewake): never reported as stripped. */
  internalKeys: Record<string, string>;
  /** The keys of the async first-line answer `{"async": true, "asyncTimeout": N}`. */
  asyncKeys: string[];
  /** What a late (async) answer still delivers. */
  asyncLateDelivers: string[];
  /** The deciding fields an async hook's answer never applies. */
  asyncNeverApplies: string[];
  /** Keys Claude Code strips that hooks often print, with where their meaning belongs. */
  strippedKeyPlaces: Record<string, string>;
  /** The fields that decide (block, allow, stop): top level and inside `hookSpecificOutput`. */
  decidingKeys: { top: string[]; hookSpecificOutput: string[] };
  precedence: string[];
  events: Record<string, EventContract>;
}

/**
 * The contract section. The check program's bundle leaves it out of the
 * catalog it embeds (scripts/build.mjs; only runs that read scripts need it)
 * and reads it from the package's schemas/events.json on first use.
 * @throws Error when schemas/events.json cannot be read beside dist/ (a broken install).
 */
export function outputContract(): OutputContract {
  if (!contract) {
    const embedded = (catalogJson as { outputContract?: OutputContract }).outputContract;
    contract = embedded ?? catalogOnDisk().outputContract as OutputContract;
  }
  return contract;
}
let contract: OutputContract | undefined;

/** The default row for an event the contract does not list (a newer event): plain stdout unread, the ordinary exit codes, nothing claimed about exit 2. */
const DEFAULT_ROW: EventContract = { plainStdout: 'debugLog', stderrOnSuccess: 'debugLog', exitTwoStderr: 'ignored', otherExit: 'nonBlockingError', topLevelApprove: 'ignored' };

/** One event's contract row. */
export function eventContract(event: string): EventContract {
  return outputContract().events[event] ?? DEFAULT_ROW;
}

/** What kind of problem an output has; rules and the runner map kinds to their ids. */
export type ContractCode =
  /** A top-level key Claude Code strips (not one of the accepted keys). */
  | 'key-stripped'
  /** A top-level key that belongs inside `hookSpecificOutput`: stripped where it is. */
  | 'key-misplaced'
  /** A value of the wrong type or outside its enum: the output fails validation and is ignored. */
  | 'wrong-type'
  /** `hookSpecificOutput` without `hookEventName`: the output fails validation and is ignored. */
  | 'event-name-missing'
  /** `hookSpecificOutput.hookEventName` names another event: the whole output is dropped. */
  | 'event-name-mismatch'
  /** A `hookSpecificOutput` field the event does not read. */
  | 'field-unread'
  /** A top-level `decision` the event does not read, or a value it ignores. */
  | 'decision-unread'
  /** PreToolUse's deprecated top-level `decision`. */
  | 'decision-deprecated'
  /** `systemMessage` on an event that discards it. */
  | 'system-message-discarded'
  /** `continue` on an event that ignores it. */
  | 'continue-ignored'
  /** `stopReason` without `continue: false`: never read. */
  | 'stop-reason-unread'
  /** `continue: false` with `decision: "block"` on Stop/SubagentStop: the turn ends, Claude is never re-prompted. */
  | 'continue-overrides-block';

/** One problem of an output against the contract. */
export interface ContractProblem {
  code: ContractCode;
  severity: Severity;
  message: string;
  note?: string;
  /** The key the problem is about: `decision`, `hookSpecificOutput.permissionDecision`. */
  key: string;
  /** The problem makes Claude Code ignore the whole output (validation failure, wrong event name). */
  invalid?: boolean;
}

const REJECTED = 'Claude Code rejects output that fails its schema: a non-blocking hook error, and the whole JSON is ignored';

/** A value the caller could not know (a script's computed value): passes every type check and enum. */
export const UNKNOWN_VALUE: unique symbol = Symbol('unknown value');

/** Does `v` have type `t` (the catalog's field types)? An unknown value always does. */
function hasType(v: unknown, t: FieldType): boolean {
  if (v === UNKNOWN_VALUE) return true;
  if ('enum' in t) return typeof v === 'string' && t.enum.includes(v);
  switch (t.type) {
    case 'unknown':
      return true;
    case 'array':
      return Array.isArray(v);
    case 'object':
      return !!v && typeof v === 'object' && !Array.isArray(v);
    default:
      return typeof v === t.type;
  }
}

function typeText(t: FieldType): string {
  return 'enum' in t ? t.enum.map((x) => `"${x}"`).join(' | ') : `a${/^[aeiou]/.test(t.type) ? 'n' : ''} ${t.type}`;
}

function shown(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? s.slice(0, 60) + '…' : s;
}

/**
 * Judge one JSON object a hook answers on `event` (SPEC.md §5.2, §13.4): every
 * key Claude Code strips or ignores there, wrong types and values, a missing or
 * wrong `hookSpecificOutput.hookEventName`, `stopReason` without
 * `continue: false`, `continue: false` overriding a Stop block. Values may be
 * `UNKNOWN_VALUE` (computed at run time): they pass every type and value check.
 * The async first-line answer (`{"async": true, …}`) is not judged here.
 */
export function judgeOutputObject(out: Record<string, unknown>, event: EventSpec): ContractProblem[] {
  const problems: ContractProblem[] = [];
  const ev = eventDetails(event);
  const universal = catalog.universalOutput;
  const specific = ev.output.hookSpecificOutput;
  const add = (code: ContractCode, severity: Severity, key: string, message: string, note?: string, invalid?: boolean) =>
    problems.push({ code, severity, key, message, ...(note ? { note } : {}), ...(invalid ? { invalid } : {}) });
  const error = (code: ContractCode, key: string, message: string) => add(code, 'error', key, message, REJECTED, true);
  for (const [key, value] of Object.entries(out)) {
    if (key === 'hookSpecificOutput') continue;
    const t = universal[key];
    if (!t && key in outputContract().internalKeys) continue;
    if (!t) {
      if (key in specific) add('key-misplaced', 'warning', key, `"${key}" belongs inside "hookSpecificOutput" (with "hookEventName": "${ev.name}"); at the top level Claude Code ignores it`);
      else add('key-stripped', 'warning', key, `"${key}" is not a hook output field; Claude Code ignores it`, `${ev.name} reads: ${readKeys(ev).join(', ')}`);
      continue;
    }
    if (!hasType(value, t)) {
      error('wrong-type', key, `"${key}" must be ${typeText(t)}, got ${shown(value)}`);
      continue;
    }
    if (key === 'decision' && value !== UNKNOWN_VALUE) {
      if (ev.output.deprecatedDecision?.includes(value as string))
        add('decision-deprecated', 'warning', key, `a top-level "decision" is deprecated on ${ev.name}`, `use "hookSpecificOutput": {"hookEventName": "${ev.name}", "permissionDecision": "${value === 'block' ? 'deny' : 'allow'}"}`);
      else if (!ev.output.decisionBlock) add('decision-unread', 'warning', key, `${ev.name} does not read a top-level "decision"`);
      else if (value !== 'block') add('decision-unread', 'warning', key, `"decision": "${value}" does nothing on ${ev.name}: "block" is its only value (to allow, leave "decision" out)`);
    }
    if (key === 'systemMessage' && !ev.output.systemMessage) add('system-message-discarded', 'warning', key, `${ev.name} discards "systemMessage": the user never sees it`);
    if (key === 'continue' && !ev.output.continue) add('continue-ignored', 'warning', key, `${ev.name} ignores "continue"`);
  }
  if ('stopReason' in out && out.continue !== false && out.continue !== UNKNOWN_VALUE && ev.output.continue)
    add('stop-reason-unread', 'warning', 'stopReason', `"stopReason" is read only with "continue": false; here Claude Code ignores it`, 'to stop the turn add "continue": false; to tell Claude why it is blocked use "reason" with "decision": "block"');
  if (out.continue === false && out.decision === 'block' && (ev.name === 'Stop' || ev.name === 'SubagentStop'))
    add('continue-overrides-block', 'warning', 'continue', `"continue": false wins over "decision": "block" on ${ev.name}: the turn ends and Claude is never told to continue with "reason"`, 'leave "continue" out to make Claude keep working');
  if ('hookSpecificOutput' in out) {
    const hso = out.hookSpecificOutput;
    if (hso === UNKNOWN_VALUE) return problems;
    if (!hso || typeof hso !== 'object' || Array.isArray(hso)) error('wrong-type', 'hookSpecificOutput', `"hookSpecificOutput" must be an object, got ${shown(hso)}`);
    else {
      const fields = hso as Record<string, unknown>;
      if (!('hookEventName' in fields)) error('event-name-missing', 'hookSpecificOutput.hookEventName', `"hookSpecificOutput" needs "hookEventName": "${ev.name}"`);
      else if (fields.hookEventName !== ev.name && fields.hookEventName !== UNKNOWN_VALUE)
        error('event-name-mismatch', 'hookSpecificOutput.hookEventName', `"hookSpecificOutput.hookEventName" is ${shown(fields.hookEventName)}, but this hook runs on ${ev.name}`);
      for (const [key, value] of Object.entries(fields)) {
        if (key === 'hookEventName') continue;
        const t = specific[key];
        if (!t) {
          if (Object.keys(specific).length === 0) add('field-unread', 'warning', `hookSpecificOutput.${key}`, `${ev.name} reads no "hookSpecificOutput" fields; "${key}" is ignored`);
          else add('field-unread', 'warning', `hookSpecificOutput.${key}`, `${ev.name} does not read "hookSpecificOutput.${key}"`, `it reads: ${Object.keys(specific).join(', ')}`);
        } else if (!hasType(value, t)) error('wrong-type', `hookSpecificOutput.${key}`, `"hookSpecificOutput.${key}" must be ${typeText(t)}, got ${shown(value)}`);
      }
    }
  }
  return problems;
}

/** The output keys an event reads: the universal ones, and `hookSpecificOutput` where it has fields. */
function readKeys(ev: EventSpec): string[] {
  return [...Object.keys(catalog.universalOutput), ...(Object.keys(ev.output.hookSpecificOutput).length ? ['hookSpecificOutput'] : [])];
}

/** True when stdout counts as JSON (SPEC.md §13.4: trimmed, it starts with `{` and ends with `}`). */
export function looksLikeJson(stdout: string): boolean {
  const t = stdout.trim();
  return t.startsWith('{') && t.endsWith('}');
}

/** True for the async first-line answer `{"async": true, …}` (SPEC.md §13.4). */
export function isAsyncAnswer(out: Record<string, unknown>): boolean {
  return out.async === true && Object.keys(out).every((k) => outputContract().asyncKeys.includes(k));
}

/**
 * What an output decides on `event`, from its JSON object (values may be
 * `UNKNOWN_VALUE`): `block` (deny, stop), `allow` (skips the permission prompt),
 * `ask`/`defer`, or `none`. `unknown` when a deciding field is computed.
 * `continue: false` counts as `stop`. Precedence as `outputContract.precedence`.
 */
export function decisionOf(out: Record<string, unknown>, event: EventSpec): 'block' | 'allow' | 'ask' | 'defer' | 'stop' | 'none' | 'unknown' {
  const ev = eventDetails(event);
  if (out.continue === false && ev.output.continue) return 'stop';
  const hso = out.hookSpecificOutput && typeof out.hookSpecificOutput === 'object' ? (out.hookSpecificOutput as Record<string, unknown>) : undefined;
  if (hso && (hso.hookEventName === ev.name || hso.hookEventName === UNKNOWN_VALUE)) {
    const pd = hso.permissionDecision;
    if ('permissionDecision' in ev.output.hookSpecificOutput && pd !== undefined) {
      if (pd === UNKNOWN_VALUE) return 'unknown';
      if (pd === 'deny') return 'block';
      if (pd === 'allow' || pd === 'ask' || pd === 'defer') return pd;
    }
    const d = hso.decision;
    if (ev.name === 'PermissionRequest' && d && typeof d === 'object') {
      const b = (d as Record<string, unknown>).behavior;
      if (b === UNKNOWN_VALUE) return 'unknown';
      if (b === 'allow') return 'allow';
      if (b === 'deny') return 'block';
    }
  }
  const d = out.decision;
  if (d === UNKNOWN_VALUE) return 'unknown';
  if (d === 'block' && (ev.output.decisionBlock || ev.output.deprecatedDecision?.includes('block'))) return 'block';
  if (d === 'approve' && eventContract(ev.name).topLevelApprove === 'allow') return 'allow';
  return 'none';
}

/** The event spec by name, when the catalog knows it. */
export function eventByName(name: string): EventSpec | undefined {
  return EVENTS.get(name);
}
