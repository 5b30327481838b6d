import { catalog, type EventSpec } from '../model/catalog.js';
import { judgeOutputObject, looksLikeJson } from '../model/contract.js';
import type { Severity } from '../model/types.js';
import type { ProcessOutcome } from './exec.js';
import type { HttpOutcome } from './http.js';
import type { RuntimeRuleId } from './rules.js';

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
  const stderrLine = firstLine(o.stderr);
  if (o.spawnError) {
    const e = o.spawnError;
    const why = e.code === 'ENOENT' ? 'no such file or command' : e.code === 'EACCES' ? 'permission denied (not executable?)' : (e.message ?? String(e));
    findings.push({ ruleId: 'hook-failed-to-start', severity: 'error', message: `the hook could not start: ${why} (${e.code ?? 'spawn error'})`, note: failureNote(h) });
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
    if (o.firstOutputMs !== undefined) {
      findings.push({
        ruleId: 'hook-hangs',
        severity: 'error',
        message: `the hook wrote its output after ${ms(o.firstOutputMs)} but did not exit; killed when ${limit} ran out`,
        note: `something keeps it alive after it answered (a timer, an open handle, a server; in Node, call process.exit(0) after writing); ${timeoutEffect(h)}`,
      });
      return { findings, verdict: { decision: failureDecision(h, true), context: [], failed: true, summary: `hung after its output at ${ms(o.firstOutputMs)}` } };
    }
    findings.push({
      ruleId: 'hook-timed-out',
      severity: capped ? 'warning' : 'error',
      message: `the hook was still running, with no output, when ${limit} ran out; killed`,
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
  const total = o.closeMs ?? exitMs;
  if (catalog.runner.userWaits.events.includes(ev.name) && !h.async && total > opts.slowMs && !findings.some((f) => f.ruleId === 'hook-hangs'))
    findings.push({
      ruleId: 'hook-slow',
      severity: 'warning',
      message: `the hook took ${ms(total)} (first output after ${o.firstOutputMs === undefined ? 'none' : ms(o.firstOutputMs)}, exit after ${ms(exitMs)}); the threshold is ${ms(opts.slowMs)}`,
      note: `Claude Code waits for it on every ${ev.name}`,
    });
  const code = o.exitCode;
  if (code === null) {
    findings.push({ ruleId: 'hook-error-exit', severity: 'error', message: `the hook was killed by ${o.signal ?? 'a signal'}`, note: errorExitNote(h, stderrLine) });
    return { findings, verdict: failedVerdict(`killed by ${o.signal ?? 'a signal'}`) };
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
  const verdict = readOutput(o.stdout, code, h, findings, pathOnStdout);
  if (code !== 0 && code !== 2) verdict.failed = true;
  // WorktreeCreate: any non-zero exit fails the creation.
  if (pathOnStdout && code !== 0) verdict.decision = 'block';
  if (verdict.failed) verdict.decision = combineDecisions([verdict.decision, failureDecision(h, false)]);
  if (h.async) verdict.decision = 'none';
  verdict.summary = `exited ${code} after ${ms(exitMs)}${stderrLine && code !== 0 ? `: ${stderrLine}` : ''}`;
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
  const invalid = checkOutputFields(value as Record<string, unknown>, ev, findings);
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
  if (ev.output.stdoutPath) return `any non-zero exit fails the ${ev.name === 'WorktreeCreate' ? 'worktree creation' : 'action'}`;
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
