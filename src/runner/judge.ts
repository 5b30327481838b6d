import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { catalog, type EventSpec } from '../model/catalog.js';
import { judgeOutputObject, looksLikeJson } from '../model/contract.js';
import type { Severity } from '../model/types.js';
import type { ProcessOutcome } from './exec.js';
import type { HttpOutcome } from './http.js';
import type { RuntimeRuleId } from './rules.js';
import { machineCause, whatFailed, type HookRoots, type MachineCause } from './cause.js';

/** One runtime finding, before it is placed in a config file. */
export interface Finding {
  ruleId: RuntimeRuleId;
  severity: Severity;
  message: string;
  note?: string;
}

/** What a hook decided, in the terms of `expect.decision` (SPEC.md §5). `none`: no decision; the action goes ahead. */
export type Decision = 'block' | 'defer' | 'ask' | 'allow' | 'none';

/** Precedence when several hooks decide (SPEC.md §4.1: deny > defer > ask > allow). */
const RANK: Record<Decision, number> = { block: 4, defer: 3, ask: 2, allow: 1, none: 0 };

/** The strongest of several decisions. */
export function combineDecisions(ds: Decision[]): Decision {
  return ds.reduce<Decision>((a, b) => (RANK[b] > RANK[a] ? b : a), 'none');
}

/** What Claude Code takes from one hook run. */
export interface Verdict {
  decision: Decision;
  /** Text added to Claude's context: `additionalContext`, or plain stdout where the event reads it. */
  context: string[];
  /** The hook failed (could not start, timed out, error exit, invalid JSON): with `onFailure: "block"` that blocks. */
  failed: boolean;
  /** One line on what happened, for test failures and JUnit. */
  summary: string;
  /** How long the user waits for it, ms (to its exit and closed pipes, or to its async first line); set by judgeProcess. */
  waitMs?: number;
  /** Of `waitMs`, the time the machine kept it waiting for a CPU (cgroup CPU pressure), ms. */
  stallMs?: number;
}

/** The handler facts judging needs. */
export interface JudgedHandler {
  event: EventSpec;
  type: 'command' | 'http';
  async: boolean;
  onFailure: 'continue' | 'block' | undefined;
  /** The timeout Claude Code would use, seconds. */
  timeoutSeconds: number;
  /** The timeout hooklint used (`--max-timeout` may cap it), seconds. */
  ranSeconds: number;
  /** Where it ran (paths shortened in messages; what is the project's own). */
  roots?: HookRoots;
}

/** Judging options: the `--slow-ms` threshold. */
export interface JudgeOptions {
  slowMs: number;
}

/** How much of a hook's output a message quotes. */
const EXCERPT = 160;

/** The first non-empty line of `text`, shortened (the formatters escape it). */
export function firstLine(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  return line.length > EXCERPT ? line.slice(0, EXCERPT) + '…' : line.trim();
}

/** `text` shortened to one excerpt. */
function excerpt(text: string): string {
  const t = text.trim();
  return t.length > EXCERPT ? t.slice(0, EXCERPT) + '…' : t;
}

/** Milliseconds as people read them: `850 ms`, `1.4 s`. */
export function ms(n: number): string {
  return n < 1000 ? `${Math.round(n)} ms` : `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)} s`;
}

/** Seconds as configured: `30 s`, `1.5 s`. */
function seconds(n: number): string {
  return `${n} s`;
}

export { looksLikeJson };

/** How long after exiting a hook may still hold its pipes before that counts as a hang (a normal close takes microseconds). */
const CLOSE_GRACE_MS = 250;

/**
 * Judge one command-hook run (SPEC.md §2.3, §5, §12.3): the findings and what
 * Claude Code would take from it. Order of precedence: could not start, killed
 * at the timeout (timed out with no output, or hung after output or with its
 * pipes held), exit code, then stdout. On timeouts and hangs the output is
 * discarded, as Claude Code discards it.
 */
export function judgeProcess(o: ProcessOutcome, h: JudgedHandler, opts: JudgeOptions): { findings: Finding[]; verdict: Verdict } {
  const ev = h.event;
  const findings: Finding[] = [];
  const failedVerdict = (summary: string): Verdict => ({ decision: failureDecision(h, false), context: [], failed: true, summary });
  const stderrLine = whatFailed(o.stderr, h.roots);
  if (o.spawnError) {
    const e = o.spawnError;
    const program = typeof e.path === 'string' ? e.path : undefined;
    const cause = e.code === 'ENOENT' && h.roots && program ? machineCause('', h.roots, program) : undefined;
    if (cause && !onLoginPathOnly(cause, h.roots)) {
      findings.push(environmentFinding(cause, 'could not start'));
      return { findings, verdict: failedVerdict(`could not start here: ${cause.missing} is missing`) };
    }
    const shortPath = program && h.roots ? whatFailed(program, h.roots) : program;
    const why =
      e.code === 'ENOENT'
        ? `no such file or command${shortPath ? ` (${shortPath})` : ''}`
        : e.code === 'EACCES'
          ? `permission denied${shortPath ? ` on ${shortPath}` : ''} (no execute bit?)`
          : e.code === 'E2BIG'
            ? 'the command or its environment is too long for the system (E2BIG: one argument is limited to 128 KiB)'
            : (e.message ?? String(e));
    findings.push({ ruleId: 'hook-failed-to-start', severity: 'error', message: `the hook could not start: ${why}${e.code && e.code !== 'E2BIG' ? ` (${e.code})` : ''}`, note: failureNote(h) });
    return { findings, verdict: failedVerdict(`could not start: ${why}`) };
  }
  if (o.timedOut) {
    const capped = h.ranSeconds < h.timeoutSeconds;
    const limit = capped ? `--max-timeout ${seconds(h.ranSeconds)} (its own timeout is ${seconds(h.timeoutSeconds)})` : `its timeout of ${seconds(h.timeoutSeconds)}`;
    if (o.exitMs !== undefined) {
      findings.push({
        ruleId: 'hook-hangs',
        severity: 'error',
        message: `the hook exited after ${ms(o.exitMs)}, but a process it started kept stdout or stderr open until ${limit} ran out and hooklint killed it`,
        note: `Claude Code waits for the output pipes to close: redirect background jobs (\`cmd >/dev/null 2>&1 &\`) or detach them; ${timeoutEffect(h)}`,
      });
      return { findings, verdict: { decision: failureDecision(h, true), context: [], failed: true, summary: 'hung: a background process held its output open' } };
    }
    const backgrounded = asyncFirstLine(o.stdout, h);
    if (backgrounded) {
      // Backgrounded by its first line: the user never waited; Claude Code kills it at its timeout and its late answer is lost.
      // Capped by --max-timeout, it would have had longer in Claude Code: nothing to say.
      if (!backgrounded.rest.trim() && !capped)
        findings.push({
          ruleId: 'hook-timed-out',
          severity: 'warning',
          message: `the hook went to the background with its first line ({"async": true}) after ${ms(o.firstLineMs ?? 0)}, then was still running with no later answer when ${limit} ran out; killed`,
          note: `Claude Code kills it at its timeout too (asyncTimeout is only logged): its late answer never arrives`,
        });
      return { findings, verdict: { decision: 'none', context: [], failed: false, summary: `backgrounded after ${ms(o.firstLineMs ?? 0)}, killed at the timeout`, waitMs: o.firstLineMs ?? 0 } };
    }
    if (o.firstStdoutMs !== undefined) {
      findings.push({
        ruleId: 'hook-hangs',
        severity: 'error',
        message: `the hook wrote its output after ${ms(o.firstStdoutMs)} but did not exit; killed when ${limit} ran out`,
        note: `something keeps it alive after it answered (a timer, an open handle, a server; in Node, call process.exit(0) after writing); ${timeoutEffect(h)}`,
      });
      return { findings, verdict: { decision: failureDecision(h, true), context: [], failed: true, summary: `hung after its output at ${ms(o.firstStdoutMs)}` } };
    }
    const fetching = o.runningAtKill?.find((c) => DOWNLOADERS.test(c));
    if (fetching) {
      findings.push(environmentFinding({ missing: 'the network (or a package cache)', how: `let it download once, or install what it fetches beforehand; it was still running \`${fetching.slice(0, 80)}\` when ${limit} ran out` }, 'killed at its timeout'));
      return { findings, verdict: { decision: failureDecision(h, true), context: [], failed: true, summary: `timed out downloading (${fetching.slice(0, 40)})` } };
    }
    findings.push({
      ruleId: 'hook-timed-out',
      severity: capped ? 'warning' : 'error',
      message: `the hook was still running, with no output${o.stderr.trim() ? ' on stdout' : ''}, when ${limit} ran out; killed${o.stderr.trim() ? ` (its last line on stderr: ${lastLine(o.stderr)})` : ''}`,
      note: capped ? `Claude Code would wait up to ${seconds(h.timeoutSeconds)} on every ${ev.name}; ${timeoutEffect(h)}` : timeoutEffect(h),
    });
    return { findings, verdict: { decision: failureDecision(h, true), context: [], failed: true, summary: `timed out after ${seconds(h.ranSeconds)}` } };
  }
  const exitMs = o.exitMs ?? 0;
  if (o.closeMs !== undefined && o.closeMs - exitMs > CLOSE_GRACE_MS)
    findings.push({
      ruleId: 'hook-hangs',
      severity: 'error',
      message: `the hook exited after ${ms(exitMs)}, but a process it started kept stdout or stderr open for ${ms(o.closeMs - exitMs)} more`,
      note: 'Claude Code waits for the output pipes to close: redirect background jobs (`cmd >/dev/null 2>&1 &`) or detach them',
    });
  const background = asyncFirstLine(o.stdout, h);
  // Backgrounded by its first line: the user waits until that line only.
  const total = background && o.firstLineMs !== undefined ? o.firstLineMs : (o.closeMs ?? exitMs);
  // Time spent waiting for a CPU this busy machine did not give (the cgroup's CPU pressure) is the machine's, not the hook's.
  const stall = Math.min(o.stallMs ?? 0, total);
  // On a machine this busy (a third of the time or more spent waiting for a CPU, and more that PSI does not see: page faults,
  // short-lived children) the wall time says little more than the load; the CPU time, which load does not inflate, still does.
  const busy = stall >= total / 3;
  const slow = (o.cpuMs !== undefined && o.cpuMs > opts.slowMs) || (!busy && total - stall > opts.slowMs);
  if (catalog.runner.userWaits.events.includes(ev.name) && !h.async && slow && !findings.some((f) => f.ruleId === 'hook-hangs'))
    findings.push({
      ruleId: 'hook-slow',
      severity: 'warning',
      message: background
        ? `the hook took ${ms(total)}${cpuText(o.cpuMs, o.stallMs)} to print its first line ({"async": true}); the threshold is ${ms(opts.slowMs)}`
        : `the hook took ${ms(total)}${cpuText(o.cpuMs, o.stallMs)} (first output after ${o.firstOutputMs === undefined ? 'none' : ms(o.firstOutputMs)}, exit after ${ms(exitMs)}); the threshold is ${ms(opts.slowMs)}`,
      note: `Claude Code waits for it on every ${ev.name}`,
    });
  const code = o.exitCode;
  if (code === null) {
    findings.push({ ruleId: 'hook-error-exit', severity: 'error', message: `the hook was killed by ${o.signal ?? 'a signal'}`, note: errorExitNote(h, stderrLine) });
    return { findings, verdict: failedVerdict(`killed by ${o.signal ?? 'a signal'}`) };
  }
  // Exit 2 too: python3 exits 2 when its script is missing, which on a guard blocks every call.
  const cause = code !== 0 && h.roots ? machineCause(o.stderr, h.roots, undefined, code) : undefined;
  if (cause && !onLoginPathOnly(cause, h.roots)) {
    findings.push(environmentFinding(cause, `exited with ${code}${stderrLine ? `: ${stderrLine}` : ''}`));
    return { findings, verdict: failedVerdict(`could not run here (exit ${code}): ${cause.missing} is missing`) };
  }
  if (code === 126 || code === 127) {
    findings.push({
      ruleId: 'hook-failed-to-start',
      severity: 'error',
      message: `the hook could not start (exit ${code}${code === 127 ? ': command not found' : ': not executable'})${stderrLine ? `: ${stderrLine}` : ''}`,
      note: failureNote(h),
    });
    return { findings, verdict: failedVerdict(`could not start (exit ${code})${stderrLine ? `: ${stderrLine}` : ''}`) };
  }
  // WorktreeCreate: a command hook prints the worktree's path, not JSON (SPEC.md §12.3).
  const pathOnStdout = ev.output.stdoutPath === true && h.type === 'command';
  if (code !== 0 && code !== 2) {
    findings.push({ ruleId: 'hook-error-exit', severity: 'error', message: `the hook exited with ${code}${stderrLine ? `: ${stderrLine}` : ''}`, note: errorExitNote(h, stderrLine) });
  }
  const verdict = background && code !== 2 ? readLateAnswer(background.rest, h, findings) : readOutput(o.stdout, code, h, findings, pathOnStdout);
  // Fire-and-forget events (SPEC.md §13.3): output and exit codes decide nothing (the fields are still checked above).
  if (ev.output.ignored) Object.assign(verdict, { decision: 'none', context: [] });
  if (code !== 0 && code !== 2) verdict.failed = true;
  // WorktreeCreate, WorktreeRemove: any non-zero exit fails the action (SPEC.md §13.3).
  if ((pathOnStdout || ev.nonZeroExitFails) && code !== 0) verdict.decision = 'block';
  if (verdict.failed) verdict.decision = combineDecisions([verdict.decision, failureDecision(h, false)]);
  if (h.async || background) verdict.decision = 'none';
  verdict.waitMs = total;
  verdict.stallMs = stall;
  verdict.summary = `${background ? `backgrounded after ${ms(total)}, ` : ''}exited ${code} after ${ms(exitMs)}${stderrLine && code !== 0 ? `: ${stderrLine}` : ''}`;
  return { findings, verdict };
}

/** What stdout means to Claude Code on exit 0, 2 or another code (SPEC.md §5, §12.3), with output-field findings. */
function readOutput(stdout: string, code: number, h: JudgedHandler, findings: Finding[], pathOnStdout: boolean): Verdict {
  const ev = h.event;
  const verdict: Verdict = { decision: 'none', context: [], failed: false, summary: '' };
  if (code === 2) {
    // Exit 2 blocks where the event can block; the JSON on stdout is not read for a decision.
    if (ev.canBlock && !catalog.runner.exitTwoIgnored.events.includes(ev.name)) verdict.decision = 'block';
    return verdict;
  }
  if (pathOnStdout) return verdict;
  if (!looksLikeJson(stdout)) {
    if (code === 0 && ev.output.stdoutContext && stdout.trim()) verdict.context.push(stdout.trim());
    return verdict;
  }
  let value: unknown;
  try {
    value = JSON.parse(stdout);
  } catch (e) {
    findings.push({
      ruleId: 'hook-invalid-json',
      severity: 'error',
      message: `the hook printed JSON that does not parse (${(e as Error).message}): ${excerpt(stdout)}`,
      note: `Claude Code treats it as a hook error and ignores the output${h.onFailure === 'block' ? '; with onFailure "block" the action is blocked' : ''}`,
    });
    verdict.failed = true;
    return verdict;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return verdict;
  const invalid = judgeOutputFields(value as Record<string, unknown>, ev, findings);
  if (invalid) {
    verdict.failed = true;
    return verdict;
  }
  const out = value as Record<string, unknown>;
  const hso = (out.hookSpecificOutput && typeof out.hookSpecificOutput === 'object' ? out.hookSpecificOutput : {}) as Record<string, unknown>;
  const ds: Decision[] = [];
  if (out.continue === false && ev.output.continue && ev.canBlock && ev.name !== 'Stop' && ev.name !== 'SubagentStop') ds.push('block');
  if (ev.output.decisionBlock && out.decision === 'block') ds.push('block');
  if (ev.output.deprecatedDecision?.includes(out.decision as string)) ds.push(out.decision === 'block' ? 'block' : 'allow');
  const pd = hso.permissionDecision;
  if ('permissionDecision' in ev.output.hookSpecificOutput && typeof pd === 'string') ds.push(pd === 'deny' ? 'block' : (pd as Decision));
  const pr = catalog.runner.permissionRequestDecision;
  if (ev.name === 'PermissionRequest' && hso[pr.field] && typeof hso[pr.field] === 'object') {
    const behavior = (hso[pr.field] as Record<string, unknown>).behavior as string;
    if (pr.behavior[behavior]) ds.push(pr.behavior[behavior]!);
  }
  const el = catalog.runner.elicitationAction;
  if (el.events.includes(ev.name) && typeof hso.action === 'string') ds.push(el.block.includes(hso.action) ? 'block' : el.allow.includes(hso.action) ? 'allow' : 'none');
  verdict.decision = combineDecisions(ds);
  if (typeof hso.additionalContext === 'string') verdict.context.push(hso.additionalContext);
  return verdict;
}

/**
 * The async first-line protocol (SPEC.md §13.4): a command hook whose first
 * stdout line is a JSON object with `"async": true` is backgrounded from that
 * line, unless Claude Code makes it wait (an effective `onFailure: "block"`,
 * MessageDisplay). Returns the rest of stdout, or undefined when the protocol
 * does not apply.
 */
export function asyncFirstLine(stdout: string, h: JudgedHandler): { rest: string } | undefined {
  if (h.type !== 'command') return undefined;
  const nl = stdout.indexOf('\n');
  const first = (nl < 0 ? stdout : stdout.slice(0, nl)).trim();
  if (!first.startsWith('{')) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(first);
  } catch {
    return undefined;
  }
  if (!v || typeof v !== 'object' || (v as Record<string, unknown>).async !== true) return undefined;
  if (h.event.name === 'MessageDisplay' || failureDecision({ ...h, async: false }, false) === 'block') return undefined;
  return { rest: nl < 0 ? '' : stdout.slice(nl + 1) };
}

/** Fields of a late answer Claude Code applies (SPEC.md §13.4): the rest is never applied. */
const LATE_APPLIED = new Set(['systemMessage']);
const LATE_APPLIED_SPECIFIC = new Set(['hookEventName', 'additionalContext']);

/**
 * The late answer of a hook backgrounded by its first line: the rest of stdout
 * as one JSON document, else its first line that is a JSON object without
 * `async`. Judged as output, plus one warning naming the fields that are never
 * applied (decision, permissionDecision, continue, ...).
 */
function readLateAnswer(rest: string, h: JudgedHandler, findings: Finding[]): Verdict {
  const verdict: Verdict = { decision: 'none', context: [], failed: false, summary: '' };
  let answer: Record<string, unknown> | undefined;
  const asObject = (t: string) => {
    try {
      const v = JSON.parse(t) as unknown;
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  };
  if (looksLikeJson(rest)) answer = asObject(rest.trim());
  if (!answer) for (const line of rest.split('\n')) {
    const o = looksLikeJson(line) ? asObject(line.trim()) : undefined;
    if (o && !('async' in o)) {
      answer = o;
      break;
    }
  }
  if (!answer) return verdict;
  if (judgeOutputFields(answer, h.event, findings)) return verdict;
  const hso = (answer.hookSpecificOutput && typeof answer.hookSpecificOutput === 'object' ? answer.hookSpecificOutput : {}) as Record<string, unknown>;
  const dropped = [...Object.keys(answer).filter((k) => k !== 'hookSpecificOutput' && k in catalog.universalOutput && !LATE_APPLIED.has(k) && !atDefault(k, answer![k])), ...Object.keys(hso).filter((k) => !LATE_APPLIED_SPECIFIC.has(k) && k in h.event.output.hookSpecificOutput).map((k) => `hookSpecificOutput.${k}`)];
  if (dropped.length > 0)
    findings.push({
      ruleId: 'hook-output-field',
      severity: 'warning',
      message: `${dropped.map((k) => `"${k}"`).join(', ')} in the answer after the first line {"async": true} ${dropped.length === 1 ? 'is' : 'are'} never applied: the hook was already in the background`,
      note: 'a backgrounded hook delivers only systemMessage and hookSpecificOutput.additionalContext, on a later turn; to decide, answer without the async first line',
    });
  if (typeof hso.additionalContext === 'string') verdict.context.push(hso.additionalContext);
  return verdict;
}

/** Top-level output keys whose value is the default: saying it changes nothing (SPEC.md §13.4). */
const DEFAULTS: Record<string, unknown> = { continue: true, suppressOutput: false };

function atDefault(key: string, value: unknown): boolean {
  return key in DEFAULTS && DEFAULTS[key] === value;
}

/**
 * The runner's call of `checkOutputFields`: keys at their default value
 * (`"continue": true`) are left out, and keys the event does not know are one
 * finding per hook (a hook that echoes its input back names a dozen), not one
 * per key. Returns true when the output is invalid.
 */
export function judgeOutputFields(out: Record<string, unknown>, ev: EventSpec, findings: Finding[]): boolean {
  const universal = catalog.universalOutput;
  const specific = ev.output.hookSpecificOutput;
  // `metrics` is telemetry Claude Code reads from plugins of official marketplaces (SPEC.md §13.4): deliberate, never reported here.
  const unknown = Object.keys(out).filter((k) => k !== 'hookSpecificOutput' && k !== 'metrics' && !(k in universal) && !(k in specific));
  const filtered = Object.fromEntries(Object.entries(out).filter(([k, v]) => !atDefault(k, v) && !unknown.includes(k) && k !== 'metrics'));
  const hso = out.hookSpecificOutput;
  let unknownInner: string[] = [];
  if (hso && typeof hso === 'object' && !Array.isArray(hso) && Object.keys(specific).length > 0) {
    unknownInner = Object.keys(hso).filter((k) => k !== 'hookEventName' && !(k in specific));
    filtered.hookSpecificOutput = Object.fromEntries(Object.entries(hso).filter(([k]) => !unknownInner.includes(k)));
  }
  const invalid = checkOutputFields(filtered, ev, findings);
  const names = [...unknown.map((k) => `"${k}"`), ...unknownInner.map((k) => `"hookSpecificOutput.${k}"`)];
  if (names.length > 0) {
    const shownNames = names.length > 6 ? `${names.slice(0, 6).join(', ')} and ${names.length - 6} more` : names.join(', ');
    findings.push({
      ruleId: 'hook-output-field',
      severity: 'warning',
      message: `${ev.name} does not read ${shownNames}; Claude Code ignores ${names.length === 1 ? 'it' : 'them'}`,
      note: `${unknown.includes('session_id') && unknown.includes('hook_event_name') ? "the output repeats the hook's input (stdin): print only output fields, or nothing; " : ''}${ev.name} reads: ${[...Object.keys(universal), ...(Object.keys(specific).length ? [`hookSpecificOutput (${Object.keys(specific).join(', ')})`] : [])].join(', ')}`,
    });
  }
  return invalid;
}

/** ` (CPU 1.2 s)` when the CPU time is known; ` (CPU 1.2 s, 300 ms waiting for a CPU)` when the machine held it back. */
export function cpuText(cpuMs: number | undefined, stallMs?: number): string {
  if (cpuMs === undefined) return '';
  return ` (CPU ${ms(cpuMs)}${stallMs !== undefined && stallMs >= 50 ? `, ${ms(stallMs)} waiting for a CPU` : ''})`;
}

/** The last non-empty line of `text`, shortened. */
export function lastLine(text: string): string {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const line = (lines[lines.length - 1] ?? '').trim();
  return line.length > EXCERPT ? line.slice(0, EXCERPT) + '…' : line;
}

/** With `--path app`, a program on the terminal's PATH but not the app's: the hook relies on a login PATH (a defect), not a missing program. */
function onLoginPathOnly(cause: MachineCause, roots: HookRoots | undefined): boolean {
  if (!cause.program || roots?.loginPath === undefined) return false;
  return roots.loginPath.split(':').some((d) => d !== '' && existsSync(join(d, cause.program!)));
}

/** Commands that download what they run when it is not installed (`npx pkg`, `uvx`, `pip install`, ...): a hook killed while one runs waited on the network. */
const DOWNLOADERS = /(?:^|\/)(?:npm exec|npx|npm install|npm i |pnpm dlx|yarn dlx|bunx|uvx|uv (?:run|sync|pip)|pip3? install|deno run)\b/;

/** `hook-environment`: a failure this machine caused, with what is missing and how to provide it (a warning, never an error). */
function environmentFinding(cause: MachineCause, what: string): Finding {
  return { ruleId: 'hook-environment', severity: 'warning', message: `the hook could not run here: ${cause.missing} is missing (${what})`, note: `not a defect of the hook as written; to test it, ${cause.how}` };
}


/**
 * `hook-output-field`: the output contract's judgement of one JSON answer
 * (src/model/contract.ts, the same judge `hooklint check` uses on what scripts
 * print): fields the event does not read (warnings), wrong types or values and
 * a missing or wrong `hookSpecificOutput.hookEventName` (errors). Returns true
 * when the output is invalid (Claude Code then ignores it).
 */
export function checkOutputFields(out: Record<string, unknown>, ev: EventSpec, findings: Finding[]): boolean {
  let invalid = false;
  for (const p of judgeOutputObject(out, ev)) {
    if (p.invalid) invalid = true;
    findings.push({ ruleId: 'hook-output-field', severity: p.severity, message: p.message, ...(p.note ? { note: p.note } : {}) });
  }
  return invalid;
}

/** Whether a failure blocks (SPEC.md §12.2 `onFailure: "block"`; PreModelSwitch blocks on a timeout). */
function failureDecision(h: JudgedHandler, timedOut: boolean): Decision {
  if (h.async) return 'none';
  if (timedOut && catalog.runner.blockOnTimeout.events.includes(h.event.name)) return 'block';
  if (h.onFailure === 'block' && h.event.canBlock && !h.event.onFailureIgnored.includes(h.type)) return 'block';
  return 'none';
}

function timeoutEffect(h: JudgedHandler): string {
  if (failureDecision(h, true) === 'block') return `on ${h.event.name} a timed-out hook blocks`;
  return `Claude Code cancels it and discards its output: it decides nothing${h.event.canBlock ? ' (a guard fails open)' : ''}`;
}

function failureNote(h: JudgedHandler): string {
  if (failureDecision(h, false) === 'block') return 'with onFailure "block" this blocks every time';
  return `Claude Code shows a hook error and goes on${h.event.canBlock ? ': a guard that cannot start is silently off' : ''}`;
}

/** What Claude Code does with an exit code other than 0 and 2, per event (SPEC.md §5.1). */
function errorExitNote(h: JudgedHandler, stderrLine: string): string {
  const ev = h.event;
  if (ev.output.stdoutPath || ev.nonZeroExitFails) return `any non-zero exit fails the ${ev.name === 'WorktreeCreate' ? 'worktree creation' : ev.name === 'WorktreeRemove' ? 'removal (the worktree is kept)' : 'action'}`;
  if (ev.output.ignored) return `${ev.name} ignores hook output and exit codes`;
  const shownLine = stderrLine ? `: ${stderrLine}` : '';
  const base = `Claude Code shows "${ev.name} hook error — Failed with non-blocking status code${shownLine}" and goes on`;
  if (failureDecision(h, false) === 'block') return `${base}; with onFailure "block" it blocks`;
  return ev.canBlock && !catalog.runner.exitTwoIgnored.events.includes(ev.name) ? `${base}: only exit 2 blocks ${ev.name}` : base;
}

/**
 * Judge one http-hook request (SPEC.md §5.1 "HTTP hooks"): a connection failure
 * cannot start it, a non-2xx status or a 2xx body that is neither empty nor a JSON
 * object is a non-blocking error, a 2xx JSON object is read like command stdout.
 */
export function judgeHttp(o: HttpOutcome, h: JudgedHandler, opts: JudgeOptions): { findings: Finding[]; verdict: Verdict } {
  const findings: Finding[] = [];
  const failed = (summary: string): { findings: Finding[]; verdict: Verdict } => ({ findings, verdict: { decision: failureDecision(h, false), context: [], failed: true, summary } });
  if (o.connectError) {
    findings.push({ ruleId: 'hook-failed-to-start', severity: 'error', message: `the request could not be sent: ${o.connectError}`, note: failureNote(h) });
    return failed(`could not connect: ${o.connectError}`);
  }
  if (o.timedOut) {
    const capped = h.ranSeconds < h.timeoutSeconds;
    findings.push({
      ruleId: 'hook-timed-out',
      severity: capped ? 'warning' : 'error',
      message: `no answer within ${capped ? `--max-timeout ${seconds(h.ranSeconds)} (its own timeout is ${seconds(h.timeoutSeconds)})` : `its timeout of ${seconds(h.timeoutSeconds)}`}`,
      note: timeoutEffect(h),
    });
    return { findings, verdict: { decision: failureDecision(h, true), context: [], failed: true, summary: 'timed out' } };
  }
  const status = o.status ?? 0;
  if (catalog.runner.userWaits.events.includes(h.event.name) && o.ms > opts.slowMs)
    findings.push({ ruleId: 'hook-slow', severity: 'warning', message: `the request took ${ms(o.ms)}; the threshold is ${ms(opts.slowMs)}`, note: `Claude Code waits for it on every ${h.event.name}` });
  if (status < 200 || status > 299) {
    findings.push({ ruleId: 'hook-error-exit', severity: 'error', message: `the server answered HTTP ${status}${o.body.trim() ? `: ${firstLine(o.body)}` : ''}`, note: 'a status other than 2xx is a non-blocking error (status codes cannot block; return 2xx with a JSON decision)' });
    return failed(`HTTP ${status}`);
  }
  if (o.body.trim() && !looksLikeJson(o.body)) {
    findings.push({ ruleId: 'hook-error-exit', severity: 'error', message: `the server answered HTTP ${status} with a body that is not a JSON object: ${firstLine(o.body)}`, note: 'Claude Code treats it as a non-blocking error: answer an empty body or a JSON object' });
    return failed(`HTTP ${status} with a body that is not JSON`);
  }
  const verdict = readOutput(o.body, 0, h, findings, false);
  if (verdict.failed) verdict.decision = combineDecisions([verdict.decision, failureDecision(h, false)]);
  verdict.summary = `HTTP ${status} after ${ms(o.ms)}`;
  return { findings, verdict };
}
