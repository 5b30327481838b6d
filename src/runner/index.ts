/**
 * `hooklint test`: run a project's hooks as Claude Code would (SPEC.md §2,
 * §4.3, §5, §12.3) and report what only running shows. Loaded by the CLI only
 * when `test` runs (dist/runner.cjs); `check`, the API and editors never run a hook.
 */
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Chalk } from 'chalk';
import type { TreeNode as Node } from '../formats/parse.js';
import { catalog, EVENTS, type EventSpec } from '../model/catalog.js';
import { compareDiagnostics, HooklintError } from '../lint/lint.js';
import type { LineIndex } from '../formats/positions.js';
import type { Diagnostic, LintResult } from '../model/types.js';
import { stylish } from '../formatters/stylish.js';
import { displayPath, sanitize } from '../formatters/text.js';
import type { FormatContext, Formatter } from '../formatters/types.js';
import { field, stringField } from '../model/model.js';
import type { PathMode } from './environment.js';
import { combineDecisions, cpuText, firstLine, ms, type Finding } from './judge.js';
import { junit, type JunitCase } from './junit.js';
import { buildPayload, ifAccepts, matcherAccepts, matcherSubject, samplePayload, toolInputForIf, type JsonObject } from '../analysis/payload.js';
import { filesOfRoot, planRun, type Plan, type PlannedHook } from './plan.js';
import { RUNTIME_RULES } from './rules.js';
import { Session, type HookRun } from './session.js';
import { listPaths, type Changes } from './sandbox.js';
import { faultsFor, isGuard, type Fault } from './faults.js';
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
  /** `--in-place`: run the hooks in the project itself, not in a temporary copy. */
  inPlace?: boolean;
  /** `--home temp`: a temporary, empty HOME for the hooks. */
  home?: 'keep' | 'temp';
  /** `--verbose`: print each hook's whole stdout and stderr. */
  verbose?: boolean;
  /** `--input FILE|-`: run the hooks this payload reaches, with it (merged over the sample as a test's `input`). */
  input?: string;
  /** `--event`: only these events' hooks (and tests). */
  event?: string[];
  /** `--hook FILE:LINE`: only the handler at that line. */
  hook?: string;
  /** `--match TEXT`: only hooks whose command or URL contains it. */
  match?: string;
  /** `--faults`: run each guard again under each fault (guard-fails-open). */
  faults?: boolean;
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
  const found = planRun(args.paths, { cwd: io.cwd, env: io.env, user: args.user, http: args.http, config: args.config, useConfig: args.configLookup || !!args.config });
  for (const n of found.notices) io.stderr(`hooklint: ${sanitize(n)}\n`);
  for (const e of found.errors) io.stderr(`hooklint: ${sanitize(e)}\n`);
  const input = args.input !== undefined ? readInput(args.input, args.event, io) : undefined;
  const plan: Plan = { ...found, hooks: filterHooks(found.hooks, args, io.cwd) };
  // A given input, one handler or a text filter: the tests files are not this run's.
  const testsFiles = input || args.hook || args.match ? [] : plan.testFiles.map(loadTestsFile).map((f) => (args.event ? { ...f, tests: f.tests.filter((t) => args.event!.includes(t.event)) } : f));
  const listing = formatPlan(plan, testsFiles, io.cwd);
  if (args.list) {
    io.stdout(listing);
    return plan.errors.length > 0 ? 2 : 0;
  }
  const runnable = input ? hooksAccepting(plan.hooks, input.event, input.payload, io.cwd).filter((h) => !h.skip) : plan.hooks.filter((h) => !h.skip);
  io.stderr(`hooklint test: running ${runnable.length} ${runnable.length === 1 ? 'hook' : 'hooks'} and ${testsFiles.reduce((n, f) => n + f.tests.length, 0)} tests with your permissions (cwd ${sanitize(io.cwd)}):\n${listing}`);
  const session = new Session({ env: io.env, path: args.path, maxTimeout: args.maxTimeout, slowMs: args.slowMs, inPlace: !!args.inPlace, home: args.home ?? 'keep' });
  // Ctrl-C, a CI cancel (SIGTERM), a closed terminal (SIGHUP): every hook process is killed and the temporary files removed before exiting.
  const signals = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
  const onSignal = (signal: keyof typeof signals) => {
    session.close();
    try {
      io.stderr(`hooklint: ${signal === 'SIGINT' ? 'interrupted' : `stopped by ${signal}`}; every hook process was killed\n`);
    } catch {
      // The terminal is gone (SIGHUP).
    }
    process.exit(signals[signal]);
  };
  const onExit = () => session.close();
  for (const s of Object.keys(signals) as (keyof typeof signals)[]) process.once(s, onSignal);
  process.once('exit', onExit);
  const placed: Placed[] = [];
  const cases: JunitCase[] = [];
  let tests: TestOutcome[] = [];
  let strays = 0;
  let environment = 0;
  let cost = '';
  const faultRows: { hook: PlannedHook; rows: FaultRow[] }[] = [];
  const created: string[] = [];
  try {
    const runs = await pool(runnable, concurrency(), (hook) => runGenerated(session, hook, input && { event: input.event, given: input.given }));
    runnable.forEach((hook, i) => {
      const r = runs[i]!;
      if (r.findings.some((f) => f.ruleId === 'hook-environment')) environment++;
      if (r.changes) created.push(`  ${sanitize(whereOf(hook, io.cwd))}  ${sanitize(caseName(hook))}: ${sanitize(describeChanges(r.changes))}\n`);
      if (args.verbose) io.stderr(verboseBlock(hook, r, io.cwd));
      for (const f of r.findings) placed.push({ path: hook.file.path, lines: hook.file.lines, source: hook.file.text, node: hook.node, finding: f });
      cases.push({ suite: displayPath(hook.file.path, io.cwd), name: caseName(hook), ms: r.ms, failures: r.findings.map((f) => ({ type: f.ruleId, message: `${f.ruleId}: ${f.message}`, detail: [f.message, ...(f.note ? [f.note] : [])] })) });
    });
    cost = costPerEvent(runnable, runs);
    if (args.faults) {
      const guards = runnable.map((h, i) => [h, runs[i]!] as const).filter(([h, r]) => isGuard(h) && !r.verdict.failed);
      const tried = await pool(guards, concurrency(), ([hook]) => runFaults(session, hook));
      guards.forEach(([hook], i) => {
        const { rows, finding } = tried[i]!;
        faultRows.push({ hook, rows });
        if (finding) placed.push({ path: hook.file.path, lines: hook.file.lines, source: hook.file.text, node: hook.node, finding });
      });
    }
    for (const hook of plan.hooks.filter((h) => h.skip)) cases.push({ suite: displayPath(hook.file.path, io.cwd), name: caseName(hook), ms: 0, failures: [], skipped: hook.skip });
    const jobs = testsFiles.flatMap((file) => file.tests.map((test) => ({ file, test })));
    tests = await pool(jobs, concurrency(), ({ file, test }) => runTest(session, plan, file, test));
    for (const t of tests) {
      for (const f of t.failures) placed.push({ path: t.file.path, lines: t.file.lines, source: t.file.text, node: t.test.at, finding: { ruleId: 'hook-test-failed', severity: 'error', message: `test "${t.test.name}": ${f}`, ...(t.note ? { note: t.note } : {}) } });
      cases.push({ suite: displayPath(t.file.path, io.cwd), name: t.test.name, ms: t.ms, failures: t.failures.map((f) => ({ type: 'hook-test-failed', message: f, detail: [f, ...(t.note ? [t.note] : [])] })) });
    }
  } finally {
    for (const s of Object.keys(signals)) process.removeListener(s, onSignal);
    process.removeListener('exit', onExit);
    strays = session.close();
  }
  if (strays > 0) io.stderr(`hooklint: killed ${strays} ${strays === 1 ? 'process' : 'processes'} the hooks left running outside their process groups\n`);
  const results = toResults(plan, testsFiles, placed);
  const passed = tests.filter((t) => t.failures.length === 0).length;
  const failed = tests.length - passed;
  const withFindings = new Set(placed.filter((p) => p.finding.ruleId !== 'hook-test-failed' && p.finding.ruleId !== 'hook-environment').map((p) => `${p.path}:${p.node.offset}`)).size;
  const here = environment > 0 ? ` ${environment} ${environment === 1 ? 'hook' : 'hooks'} could not run here (hook-environment: this machine, not the hook).` : '';
  let summary = `Hooks: ${runnable.length} run, ${withFindings} with findings, ${plan.hooks.length - runnable.length} not run.${here} Tests: ${passed} passed, ${failed} failed\n`;
  if (cost) summary += `\n${cost}`;
  if (args.faults) summary += `\n${faultTable(faultRows, io.cwd)}`;
  if (created.length > 0) summary += `\nWhat the hooks created or changed in ${session.sandbox ? 'the temporary copy of the project' : 'the project (--in-place)'}:\n${created.join('')}`;
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
  // hook-environment says what this machine lacks, not what is wrong with a hook: alone it does not fail the run.
  return placed.some((p) => p.finding.ruleId !== 'hook-environment') ? 1 : 0;
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
async function runGenerated(session: Session, hook: PlannedHook, given?: { event: EventSpec; given: JsonObject }): Promise<HookRun> {
  try {
    return await runGeneratedOnce(session, hook, given);
  } catch (e) {
    // Never an internal error for one hook: the others' results are kept.
    const message = sanitize((e as NodeJS.ErrnoException).code ? `${(e as NodeJS.ErrnoException).code}: ${(e as Error).message}` : String((e as Error).message ?? e));
    return { findings: [{ ruleId: 'hook-failed-to-start', severity: 'error', message: `hooklint could not run the hook: ${message}` }], verdict: { decision: 'none', context: [], failed: true, summary: 'could not run' }, ms: 0, stdout: '', stderr: '', exitCode: null };
  }
}

async function runGeneratedOnce(session: Session, hook: PlannedHook, given?: { event: EventSpec; given: JsonObject }): Promise<HookRun> {
  const payload = given ? buildPayload(given.event, session.sampleContext(hook.file.projectDir), given.given) : generatedPayload(session, hook);
  const first = await session.run(hook, payload, { track: true });
  await confirmSlow(session, hook, payload, first);
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

/**
 * `hook-slow` that survives a busy machine: a hook found slow runs once more;
 * slow again, the finding gives both runs' wall and CPU times; fast the second
 * time, it goes (the first run waited on the machine, not on the hook).
 */
async function confirmSlow(session: Session, hook: PlannedHook, payload: JsonObject, first: HookRun): Promise<void> {
  const i = first.findings.findIndex((f) => f.ruleId === 'hook-slow');
  if (i < 0) return;
  const again = await session.run(hook, payload);
  const slow = again.findings.find((f) => f.ruleId === 'hook-slow');
  if (!slow) {
    first.findings.splice(i, 1);
    return;
  }
  const cpu = (r: HookRun) => cpuText(r.cpuMs, r.verdict.stallMs);
  const f = first.findings[i]!;
  const threshold = /the threshold is (.*)$/.exec(f.message)?.[1] ?? ms(session.options.slowMs);
  f.message = `the hook took ${ms(first.verdict.waitMs ?? first.ms)}${cpu(first)}, and ${ms(again.verdict.waitMs ?? again.ms)}${cpu(again)} when run again; the threshold is ${threshold}`;
  if (first.cpuMs !== undefined && first.cpuMs < (first.verdict.waitMs ?? first.ms) / 4) f.note = `${f.note ?? ''}${f.note ? '; ' : ''}most of that time it waited (on the network, a lock, a sleep), not computed`;
}

/** What one guard did under one fault. */
interface FaultRow {
  fault: Fault;
  /** `open`: it failed and the action went ahead; `blocks`: it failed closed; `handled`: it did not fail. */
  outcome: 'open' | 'blocks' | 'handled';
  /** It exited 0 without the program (the shell's "not found" on stderr): open, and no `onFailure` catches it. */
  silent?: boolean;
}

/** Run one guard under each of its faults (one at a time: a fault may clear its script's execute bit in the copy). */
async function runFaults(session: Session, hook: PlannedHook): Promise<{ rows: FaultRow[]; finding?: Finding }> {
  const payload = generatedPayload(session, hook);
  const projectDir = session.where(hook.file.projectDir);
  const pluginRoot = hook.file.pluginRoot ? session.where(hook.file.pluginRoot) : undefined;
  const rows: FaultRow[] = [];
  for (const fault of faultsFor(hook, projectDir, pluginRoot, !!session.sandbox)) {
    const r = await session.run(hook, payload, { track: true, fault });
    // A guard whose `jq` is gone may exit 0 all the same (`cmd=$(jq ...)` is empty, nothing matches): the shell's
    // "not found" on stderr with an action let through is failing open, silently.
    const silently = fault.without !== undefined && r.verdict.decision !== 'block' && new RegExp(`\\b${fault.without}: (?:command )?not found|['‘]${fault.without}['’]: No such file`).test(r.stderr);
    rows.push({ fault, outcome: r.verdict.decision === 'block' ? 'blocks' : r.verdict.failed || silently ? 'open' : 'handled', ...(silently && !r.verdict.failed ? { silent: true } : {}) });
  }
  const open = rows.filter((r) => r.outcome === 'open').map((r) => r.fault.label);
  if (open.length === 0) return { rows };
  const hasOnFailure = stringField(hook.handler, 'onFailure') === 'block';
  const stop = hook.event!.name === 'Stop' || hook.event!.name === 'SubagentStop';
  const silent = rows.filter((r) => r.silent).map((r) => r.fault.without!);
  const notes: string[] = [];
  if (rows.some((r) => r.outcome === 'open' && !r.silent))
    notes.push(hasOnFailure ? 'Claude Code treats a hook that fails as a non-blocking error' : 'add "onFailure": "block" to the handler (Claude Code 2.1.295+): a guard that cannot run then blocks instead of letting everything through (SPEC.md §12.2)');
  if (silent.length > 0)
    notes.push(`without ${silent.join(', ')} the script goes on and exits 0, which no onFailure can catch: test for ${silent.length === 1 ? 'it' : 'them'} first (command -v ${silent[0]} >/dev/null || { echo "${silent[0]} is required" >&2; exit 2; })`);
  return {
    rows,
    finding: {
      ruleId: 'guard-fails-open',
      severity: 'warning',
      message: `the guard fails open ${stop ? '(Claude stops anyway)' : '(the action goes ahead)'} when ${open.length > 1 ? `${open.slice(0, -1).join(', ')} or ${open[open.length - 1]}` : open[0]}`,
      note: notes.join('; '),
    },
  };
}

/** The --faults table: one line per guard, each fault with what happened. */
function faultTable(rows: { hook: PlannedHook; rows: FaultRow[] }[], cwd: string): string {
  if (rows.length === 0) return 'Guards under faults (--faults): no guard ran cleanly to try\n';
  const word = { open: 'FAILS OPEN', blocks: 'blocks', handled: 'handled' } as const;
  let out = 'Guards under faults (--faults): FAILS OPEN = it failed and the action went ahead; blocks = it failed closed; handled = it did not fail\n';
  for (const { hook, rows: r } of rows) {
    out += `  ${sanitize(whereOf(hook, cwd))}  ${sanitize(caseName(hook).slice(0, 80))}\n`;
    out += `    ${r.map((x) => `${x.fault.short}: ${word[x.outcome]}`).join(' | ')}\n`;
  }
  return out;
}

/** The listing position of a hook: file:line:column. */
function whereOf(hook: PlannedHook, cwd: string): string {
  const p = hook.file.lines.position(hook.node.offset);
  return `${displayPath(hook.file.path, cwd)}:${p.line}:${p.column}`;
}

/** `created a, b; changed c; deleted d`. */
function describeChanges(c: Changes): string {
  const parts: string[] = [];
  if (c.created.length) parts.push(`created ${listPaths(c.created)}`);
  if (c.changed.length) parts.push(`changed ${listPaths(c.changed)}`);
  if (c.deleted.length) parts.push(`deleted ${listPaths(c.deleted)}`);
  return parts.join('; ');
}

/** `--verbose`: a hook's whole stdout and stderr (escaped), after its run. */
function verboseBlock(hook: PlannedHook, r: HookRun, cwd: string): string {
  const block = (name: string, text: string) => (text.trim() ? `  ${name}:\n${text.replace(/\r?\n$/, '').split(/\r?\n/).map((l) => `    ${sanitize(l)}`).join('\n')}\n` : `  ${name}: (empty)\n`);
  return `hooklint: ${sanitize(whereOf(hook, cwd))}  ${sanitize(caseName(hook))}: ${sanitize(r.verdict.summary)}\n${block('stdout', r.stdout)}${block('stderr', r.stderr)}`;
}

/** Run one test: the handlers of its root that accept its input run in parallel, their results combine, the expectations are checked. */
async function runTest(session: Session, plan: Plan, file: TestsFile, test: HookTest): Promise<TestOutcome> {
  const ev = EVENTS.get(test.event)!;
  const root = dirname(file.path);
  const files = filesOfRoot(plan, root);
  const ctx = session.sampleContext(files.find((f) => !f.pluginRoot)?.projectDir ?? root);
  const payload = buildPayload(ev, ctx, test.input ?? {});
  const selected = hooksAccepting(plan.hooks.filter((h) => files.includes(h.file)), ev, payload, ctx.cwd);
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

/**
 * `--input FILE|-`: a payload, merged over the event's sample as a test's
 * `input` is (`buildPayload`); the event is its `hook_event_name` or `--event`.
 * @throws HooklintError when it cannot be read, is not a JSON object, or names no known event
 */
function readInput(from: string, events: string[] | undefined, io: RunnerIo): { event: EventSpec; payload: JsonObject; given: JsonObject } {
  let text: string;
  try {
    text = from === '-' ? readFileSync(0, 'utf8') : readFileSync(resolve(io.cwd, from), 'utf8');
  } catch (e) {
    throw new HooklintError(`--input ${from}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new HooklintError(`--input ${from}: not JSON (${(e as Error).message})`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new HooklintError(`--input ${from}: the payload must be a JSON object`);
  const given = value as JsonObject;
  const name = typeof given.hook_event_name === 'string' ? given.hook_event_name : events?.length === 1 ? events[0] : undefined;
  const event = name ? EVENTS.get(name) : undefined;
  if (!event) throw new HooklintError(`--input ${from}: ${name ? `"${name}" is not a Claude Code event` : 'say which event it is for: "hook_event_name" in the payload, or --event'}`);
  // For choosing the hooks; each hook's run builds it again with its session and its copy of the project.
  const payload = buildPayload(event, { cwd: io.cwd, transcriptPath: '', sessionId: '' }, given);
  return { event, payload, given };
}

/**
 * The hooks `--event`, `--hook FILE:LINE` and `--match TEXT` keep: the event's
 * (several: comma-separated), the one handler whose text spans that line of that
 * file, those whose command or URL contains the text.
 * @throws HooklintError when `--hook` names no handler
 */
function filterHooks(hooks: PlannedHook[], args: TestArgs, cwd: string): PlannedHook[] {
  let out = hooks;
  const unknown = args.event?.filter((e) => !EVENTS.has(e));
  if (unknown?.length) throw new HooklintError(`--event ${unknown.join(',')}: not a Claude Code event`);
  if (args.event) out = out.filter((h) => args.event!.includes(h.event?.name ?? h.handler.event.name));
  if (args.match) out = out.filter((h) => h.label.includes(args.match!));
  if (args.hook) {
    const m = /^(.*):(\d+)$/.exec(args.hook);
    if (!m) throw new HooklintError(`--hook ${args.hook}: give FILE:LINE (the line of the handler, as the listing shows it)`);
    const file = resolve(cwd, m[1]!);
    const line = Number(m[2]);
    out = out.filter((h) => {
      if (h.file.path !== file) return false;
      const from = h.file.lines.position(h.handler.node.offset).line;
      const to = h.file.lines.position(h.handler.node.offset + h.handler.node.length).line;
      return line >= from && line <= to;
    });
    if (out.length === 0) throw new HooklintError(`--hook ${args.hook}: no handler at that line`);
  }
  return out;
}

/**
 * What hooks cost the user per event (issue 26 item 8): for each event the user
 * waits for and each value its matchers were run with (a tool, a source), how
 * many hooks run and how long the user waits: they run in parallel, so the
 * slowest. Empty when no such hook ran.
 */
function costPerEvent(hooks: PlannedHook[], runs: HookRun[]): string {
  const lines: string[] = [];
  const events = [...new Set(hooks.map((h) => h.event!))].filter((ev) => catalog.runner.userWaits.events.includes(ev.name));
  for (const ev of events) {
    const mine = hooks.map((h, i) => [h, runs[i]!] as const).filter(([h]) => h.event === ev);
    const subjects = [...new Set(mine.map(([h]) => h.matcherValue))];
    for (const subject of subjects) {
      const hit = mine.filter(([h]) => subject === undefined || matcherAccepts(ev, h.handler.group.flat ? undefined : (h.handler.group.matcher?.value as string | undefined), subject));
      const wait = Math.max(...hit.map(([, r]) => r.verdict.waitMs ?? r.ms));
      const what = subject === undefined ? `every ${ev.name}` : ev.toolEvent ? `${ev.name} on every ${subject} call` : `every ${ev.name} (${subject})`;
      lines.push(`  ${sanitize(what)}: ${hit.length} ${hit.length === 1 ? 'hook' : 'hooks'}, waits ${ms(wait)}`);
    }
  }
  return lines.length > 0 ? `What the hooks cost (they run in parallel; the user waits for the slowest):\n${lines.join('\n')}\n` : '';
}

/** The planned hooks of `ev` that a payload reaches: matcher and `if` accept it (SPEC.md §3). */
function hooksAccepting(hooks: PlannedHook[], ev: EventSpec, payload: JsonObject, cwd: string): PlannedHook[] {
  const subject = matcherSubject(ev, payload);
  return hooks.filter((h) => {
    if (h.event?.name !== ev.name) return false;
    if (!matcherAccepts(ev, h.handler.group.flat ? undefined : (h.handler.group.matcher?.value as string | undefined), subject)) return false;
    const rule = field(h.handler, 'if');
    if (rule?.type === 'string') return ev.ifEvaluated && ifAccepts(rule.value as string, payload.tool_name, payload.tool_input, cwd);
    return true;
  });
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
