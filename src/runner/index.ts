/**
 * `hooklint test`: run a project's hooks as Claude Code would (SPEC.md §2,
 * §4.3, §5, §12.3) and report what only running shows. Loaded by the CLI only
 * when `test` runs (dist/runner.cjs); `check`, the API and editors never run a hook.
 */
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Chalk } from 'chalk';
import type { TreeNode as Node } from '../formats/parse.js';
import { catalog, EVENTS } from '../model/catalog.js';
import { compareDiagnostics, HooklintError } from '../lint/lint.js';
import type { LineIndex } from '../formats/positions.js';
import type { Diagnostic, LintResult } from '../model/types.js';
import { stylish } from '../formatters/stylish.js';
import { displayPath, sanitize } from '../formatters/text.js';
import type { FormatContext, Formatter } from '../formatters/types.js';
import { field, stringField } from '../model/model.js';
import type { PathMode } from './environment.js';
import { combineDecisions, firstLine, ms, type Finding } from './judge.js';
import { junit, type JunitCase } from './junit.js';
import { ifAccepts, matcherAccepts, matcherSubject, payloadFor, samplePayload, toolInputFor, toolInputForIf, type JsonObject } from '../analysis/payload.js';
import { filesOfRoot, planRun, type Plan, type PlannedHook } from './plan.js';
import { RUNTIME_RULES } from './rules.js';
import { Session, type HookRun } from './session.js';
import { loadTestsFile, type HookTest, type TestsFile } from './tests-file.js';

export { RUNTIME_RULES } from './rules.js';
export { testsSchema } from './tests-file.js';

/** The output formats of `hooklint test`: `check`'s, plus JUnit XML. */
export const TEST_FORMATS = ['stylish', 'compact', 'json', 'sarif', 'github', 'junit'] as const;

/** The parsed options of `hooklint test` (src/cli/main.ts). Timeouts in seconds. */
export interface TestArgs {
  paths: string[];
  format: (typeof TEST_FORMATS)[number];
  /** Colour level for stylish (the CLI decides it as for `check`). */
  colorLevel: 0 | 1 | 2 | 3;
  user: boolean;
  /** Only list what would run. */
  list: boolean;
  /** Also send http handlers' requests. */
  http: boolean;
  path: PathMode;
  /** Cap on every hook's timeout, seconds. */
  maxTimeout: number;
  /** hook-slow threshold, milliseconds. */
  slowMs: number;
  outputFile?: string;
  config?: string;
  configLookup: boolean;
}

/** Where the runner writes and what it knows of its environment (the CLI's `CliIo`). */
export interface RunnerIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  writeFile?: (path: string, text: string) => void;
}

/** A finding or failed expectation placed in a file. */
interface Placed {
  path: string;
  lines: LineIndex;
  source: string;
  node: Node;
  finding: Finding;
}

/** What one test gave. */
interface TestOutcome {
  file: TestsFile;
  test: HookTest;
  ran: number;
  ms: number;
  failures: string[];
  /** What the hooks' own findings in this test's runs say (exit 1 does not block, ...), for the failure's note. */
  note?: string;
}

/**
 * Run `hooklint test` and return its exit code: 0 when every hook ran clean and
 * every test passed, 1 for any finding or failed test, 2 for usage, I/O or
 * test-file errors.
 * An invalid test file or hooklint.config.json is printed as one line (exit 2).
 */
export async function testCommand(args: TestArgs, io: RunnerIo): Promise<number> {
  try {
    return await runCommand(args, io);
  } catch (e) {
    // Errors of this bundle's own classes (the CLI's HooklintError is another copy of the class).
    if (!(e instanceof HooklintError)) throw e;
    io.stderr(`hooklint: ${sanitize(e.message)}\n`);
    return 2;
  }
}

async function runCommand(args: TestArgs, io: RunnerIo): Promise<number> {
  const plan = planRun(args.paths, { cwd: io.cwd, env: io.env, user: args.user, http: args.http, config: args.config, useConfig: args.configLookup || !!args.config });
  for (const n of plan.notices) io.stderr(`hooklint: ${sanitize(n)}\n`);
  for (const e of plan.errors) io.stderr(`hooklint: ${sanitize(e)}\n`);
  const testsFiles = plan.testFiles.map(loadTestsFile);
  const listing = formatPlan(plan, testsFiles, io.cwd);
  if (args.list) {
    io.stdout(listing);
    return plan.errors.length > 0 ? 2 : 0;
  }
  const runnable = plan.hooks.filter((h) => !h.skip);
  io.stderr(`hooklint test: running ${runnable.length} ${runnable.length === 1 ? 'hook' : 'hooks'} and ${testsFiles.reduce((n, f) => n + f.tests.length, 0)} tests with your permissions (cwd ${sanitize(io.cwd)}):\n${listing}`);
  const session = new Session({ env: io.env, path: args.path, maxTimeout: args.maxTimeout, slowMs: args.slowMs });
  const onSigint = () => {
    session.close();
    io.stderr('hooklint: interrupted; every hook process was killed\n');
    process.exit(130);
  };
  process.once('SIGINT', onSigint);
  const placed: Placed[] = [];
  const cases: JunitCase[] = [];
  let tests: TestOutcome[] = [];
  let strays = 0;
  try {
    const runs = await pool(runnable, concurrency(), (hook) => runGenerated(session, hook));
    runnable.forEach((hook, i) => {
      const r = runs[i]!;
      for (const f of r.findings) placed.push({ path: hook.file.path, lines: hook.file.lines, source: hook.file.text, node: hook.node, finding: f });
      cases.push({ suite: displayPath(hook.file.path, io.cwd), name: caseName(hook), ms: r.ms, failures: r.findings.map((f) => ({ type: f.ruleId, message: `${f.ruleId}: ${f.message}`, detail: [f.message, ...(f.note ? [f.note] : [])] })) });
    });
    for (const hook of plan.hooks.filter((h) => h.skip)) cases.push({ suite: displayPath(hook.file.path, io.cwd), name: caseName(hook), ms: 0, failures: [], skipped: hook.skip });
    const jobs = testsFiles.flatMap((file) => file.tests.map((test) => ({ file, test })));
    tests = await pool(jobs, concurrency(), ({ file, test }) => runTest(session, plan, file, test));
    for (const t of tests) {
      for (const f of t.failures) placed.push({ path: t.file.path, lines: t.file.lines, source: t.file.text, node: t.test.at, finding: { ruleId: 'hook-test-failed', severity: 'error', message: `test "${t.test.name}": ${f}`, ...(t.note ? { note: t.note } : {}) } });
      cases.push({ suite: displayPath(t.file.path, io.cwd), name: t.test.name, ms: t.ms, failures: t.failures.map((f) => ({ type: 'hook-test-failed', message: f, detail: [f, ...(t.note ? [t.note] : [])] })) });
    }
  } finally {
    process.removeListener('SIGINT', onSigint);
    strays = session.close();
  }
  if (strays > 0) io.stderr(`hooklint: killed ${strays} ${strays === 1 ? 'process' : 'processes'} the hooks left running outside their process groups\n`);
  const results = toResults(plan, testsFiles, placed);
  const passed = tests.filter((t) => t.failures.length === 0).length;
  const failed = tests.length - passed;
  const withFindings = new Set(placed.filter((p) => p.finding.ruleId !== 'hook-test-failed').map((p) => `${p.path}:${p.node.offset}`)).size;
  const summary = `Hooks: ${runnable.length} run, ${withFindings} with findings, ${plan.hooks.length - runnable.length} not run. Tests: ${passed} passed, ${failed} failed\n`;
  let report: string;
  if (args.format === 'junit') report = junit(cases);
  else {
    const formatter = await loadFormatter(args.format);
    const ctx: FormatContext = { cwd: io.cwd, chalk: new Chalk({ level: args.format === 'stylish' ? args.colorLevel : 0 }), rulesMeta: RUNTIME_RULES };
    report = formatter(results, ctx);
    if (args.format === 'stylish' || args.format === 'compact') report += (report ? '\n' : '') + summary;
  }
  if (args.format !== 'stylish' && args.format !== 'compact') io.stderr(`hooklint: ${summary}`);
  if (args.outputFile) {
    try {
      (io.writeFile ?? ((p: string, t: string) => writeFileSync(p, t)))(resolve(io.cwd, args.outputFile), report);
    } catch (e) {
      io.stderr(`hooklint: ${sanitize(`cannot write ${args.outputFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)}\n`);
      return 2;
    }
  } else io.stdout(report);
  if (plan.errors.length > 0) return 2;
  return placed.length > 0 ? 1 : 0;
}

/** Formatters of `check`, loaded as `check` loads them. */
async function loadFormatter(name: Exclude<TestArgs['format'], 'junit'>): Promise<Formatter> {
  if (name === 'stylish') return stylish;
  if (name === 'compact') return (await import('../formatters/compact.js')).compact;
  if (name === 'sarif') return (await import('../formatters/sarif.js')).sarif;
  if (name === 'github') return (await import('../formatters/github.js')).github;
  return (await import('../formatters/json.js')).json;
}

/** How many hooks run at once: at most the cores (timing stays honest), at most 4. */
function concurrency(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** Run `fn` over `items`, at most `limit` at once, results in order. */
async function pool<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

/** A hook's name in listings and JUnit: event, matcher value, what it runs. */
function caseName(hook: PlannedHook): string {
  return `${hook.handler.event.name}${hook.matcherValue ? ` (${hook.matcherValue})` : ''}: ${hook.label}`;
}

/** The listing printed before anything runs (and by `--list`). */
function formatPlan(plan: Plan, tests: TestsFile[], cwd: string): string {
  const where = (hook: PlannedHook) => {
    const p = hook.file.lines.position(hook.node.offset);
    return `${displayPath(hook.file.path, cwd)}:${p.line}:${p.column}`;
  };
  let out = '';
  for (const hook of plan.hooks.filter((h) => !h.skip)) out += `  run      ${sanitize(where(hook))}  ${sanitize(caseName(hook))}\n`;
  for (const hook of plan.hooks.filter((h) => h.skip)) out += `  not run  ${sanitize(where(hook))}  ${sanitize(caseName(hook))}: ${sanitize(hook.skip!)}\n`;
  for (const f of tests) out += `  tests    ${sanitize(displayPath(f.path, cwd))}: ${f.tests.length} ${f.tests.length === 1 ? 'test' : 'tests'}\n`;
  return out || '  (no hooks found)\n';
}

/** The payload of a hook's generated run: the event's sample, the matcher's value, a tool input its `if` accepts. */
function generatedPayload(session: Session, hook: PlannedHook): JsonObject {
  const ctx = session.sampleContext(hook.file.projectDir);
  const payload = samplePayload(hook.event!, ctx, hook.matcherValue);
  const rule = stringField(hook.handler, 'if');
  if (rule && payload.tool_input && typeof payload.tool_input === 'object') payload.tool_input = toolInputForIf(rule, payload.tool_input as JsonObject, ctx.cwd);
  return payload;
}

/**
 * The generated run of one hook; a Stop or SubagentStop hook runs a second time
 * with `stop_hook_active: true`, and blocking then is `hook-stop-loop`.
 */
async function runGenerated(session: Session, hook: PlannedHook): Promise<HookRun> {
  const payload = generatedPayload(session, hook);
  const first = await session.run(hook, payload);
  if (!('stop_hook_active' in hook.event!.input) || first.findings.some((f) => f.ruleId === 'hook-failed-to-start')) return first;
  const second = await session.run(hook, { ...payload, stop_hook_active: true });
  if (second.verdict.decision === 'block') {
    const cap = catalog.runner.stopHookBlockCap;
    first.findings.push({
      ruleId: 'hook-stop-loop',
      severity: 'error',
      message: `the hook still blocks when stop_hook_active is true (${second.verdict.summary}): Claude is sent back to work after every reply`,
      note: `Claude Code stops it only after ${cap.default} blocks in a row (${cap.variable}); read stop_hook_active from stdin and exit 0 when it is true`,
    });
  }
  return { ...first, ms: first.ms + second.ms };
}

/** Run one test: the handlers of its root that accept its input run in parallel, their results combine, the expectations are checked. */
async function runTest(session: Session, plan: Plan, file: TestsFile, test: HookTest): Promise<TestOutcome> {
  const ev = EVENTS.get(test.event)!;
  const root = dirname(file.path);
  const files = filesOfRoot(plan, root);
  const ctx = session.sampleContext(files.find((f) => !f.pluginRoot)?.projectDir ?? root);
  const payload = payloadFor(ev, ctx, test.input);
  const subject = matcherSubject(ev, payload);
  const selected = plan.hooks.filter((h) => {
    if (!files.includes(h.file) || h.event?.name !== ev.name) return false;
    if (!matcherAccepts(ev, h.handler.group.flat ? undefined : (h.handler.group.matcher?.value as string | undefined), subject)) return false;
    const rule = field(h.handler, 'if');
    if (rule?.type === 'string') return ev.ifEvaluated && ifAccepts(rule.value as string, payload.tool_name, payload.tool_input, ctx.cwd);
    return true;
  });
  const toRun = selected.filter((h) => !h.skip);
  const unsupported = selected.filter((h) => h.skipKind === 'unsupported');
  // No handler accepting the input is a result too (a guard that ignores reads): the expectations are checked against nothing run.
  const none = toRun.length === 0 ? ` (no ${ev.name} handler beside this file accepts the input${unsupported.length > 0 ? `; ${unsupported.length} matching ${unsupported.length === 1 ? 'handler is' : 'handlers are'} not run: ${unsupported[0]!.skip}` : ''})` : '';
  const t0 = performance.now();
  const runs = await Promise.all(toRun.map((h) => session.run(h, payload)));
  const wall = performance.now() - t0;
  const failures: string[] = [];
  const e = test.expect;
  const decision = combineDecisions(runs.map((r) => r.verdict.decision));
  const detail = () => (runs.length === 0 ? none.slice(2, -1) : runs.map((r, i) => `${toRun[i]!.label}: ${r.verdict.summary}`).join('; '));
  if (e.decision !== undefined && !(e.decision === decision || (e.decision === 'allow' && decision === 'none')))
    failures.push(`expected decision "${e.decision}", got ${decision === 'none' ? 'no decision (the action goes ahead)' : `"${decision}"`} (${detail()})`);
  const context = runs.flatMap((r) => r.verdict.context).join('\n');
  if (e.context !== undefined && !context.includes(e.context)) failures.push(`expected the context to contain ${JSON.stringify(e.context)}, got ${context ? JSON.stringify(firstLine(context)) : 'none'}${none}`);
  const stderr = runs.map((r) => r.stderr).join('\n');
  if (e.stderr !== undefined && !stderr.includes(e.stderr)) failures.push(`expected stderr to contain ${JSON.stringify(e.stderr)}, got ${stderr.trim() ? JSON.stringify(firstLine(stderr)) : 'nothing'}${none}`);
  if (e.exitCode !== undefined) {
    const codes = runs.map((r) => r.exitCode);
    if (codes.length === 0) failures.push(`expected exit code ${e.exitCode}, but no hook ran${none}`);
    else if (codes.some((c) => c !== e.exitCode)) failures.push(`expected exit code ${e.exitCode}, got ${codes.map((c) => (c === null ? 'none' : String(c))).join(', ')} (${detail()})`);
  }
  if (e.maxMs !== undefined && wall > e.maxMs) failures.push(`expected at most ${ms(e.maxMs)}, took ${ms(wall)}`);
  const found = runs.flatMap((r) => r.findings);
  const note = found.length > 0 ? found.slice(0, 2).map((f) => `${f.ruleId}: ${f.note ?? f.message}`).join('; ') : undefined;
  return { file, test, ran: toRun.length, ms: wall, failures, ...(note ? { note } : {}) };
}

/** Results in `check`'s shape: every config file with a hook run (and every test file), findings at their nodes. */
function toResults(plan: Plan, tests: TestsFile[], placed: Placed[]): LintResult[] {
  const byPath = new Map<string, { source: string; messages: Diagnostic[]; kind: LintResult['kind'] }>();
  for (const f of plan.files) if (f.model.handlers.length > 0) byPath.set(f.path, { source: f.text, messages: [], kind: f.kind });
  // A test file is no Claude Code file; its results take the kind of the configs beside it.
  for (const t of tests) byPath.set(t.path, { source: t.text, messages: [], kind: plan.files.find((f) => (f.pluginRoot ?? f.projectDir) === dirname(t.path))?.kind ?? 'project-settings' });
  const seen = new Set<string>();
  for (const p of placed) {
    const key = `${p.path}\0${p.node.offset}\0${p.finding.ruleId}\0${p.finding.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const start = p.lines.position(p.node.offset);
    const end = p.lines.position(p.node.offset + p.node.length);
    const d: Diagnostic = {
      ruleId: p.finding.ruleId,
      severity: p.finding.severity,
      message: p.finding.message,
      messageId: 'text',
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      offset: p.node.offset,
      length: p.node.length,
      ...(p.finding.note ? { note: p.finding.note } : {}),
    };
    byPath.get(p.path)!.messages.push(d);
  }
  return [...byPath]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([filePath, r]) => {
      r.messages.sort(compareDiagnostics);
      const errorCount = r.messages.filter((m) => m.severity === 'error').length;
      return { filePath, kind: r.kind, messages: r.messages, errorCount, warningCount: r.messages.length - errorCount, fixableErrorCount: 0, fixableWarningCount: 0, ...(r.messages.length > 0 ? { source: r.source } : {}) };
    });
}
