import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { getNodeValue } from 'jsonc-parser';
import { catalog } from '../model/catalog.js';
import { field, stringField } from '../model/model.js';
import { isSettingsKind } from '../model/types.js';
import { argsOf } from '../analysis/scripts.js';
import { baseEnvironment, killSessionProcesses, type PathMode } from './environment.js';
import { Containment } from './contain.js';
import { killGroup, runProcess } from './exec.js';
import { runHttp } from './http.js';
import { judgeHttp, judgeProcess, type Finding, type JudgedHandler, type Verdict } from './judge.js';
import { fillSample, type JsonObject, type SampleContext } from '../analysis/payload.js';
import { diffSnapshots, Sandbox, snapshot, type Changes } from './sandbox.js';
import { pathWithout, type Fault } from './faults.js';
import { onPath, type PlannedHook } from './plan.js';

/** Options of a run that every hook shares. */
export interface SessionOptions {
  env: NodeJS.ProcessEnv;
  path: PathMode;
  /** Cap on every timeout, seconds (`--max-timeout`). */
  maxTimeout: number;
  /** `--slow-ms`. */
  slowMs: number;
  /** `--in-place`: run in the project itself, not in a temporary copy. */
  inPlace?: boolean;
  /** `--home temp`: give hooks a temporary, empty HOME. */
  home?: 'keep' | 'temp';
}

/** Options of one run of a hook. */
export interface RunOptions {
  /** Snapshot the copy before and after (one hook of a root at a time) to say what the hook created or changed. */
  track?: boolean;
  /** Run it under this fault (--faults). */
  fault?: Fault;
}

/** One hook run: its findings, what Claude Code takes from it, its wall time (ms), and what it printed. */
export interface HookRun {
  findings: Finding[];
  verdict: Verdict;
  ms: number;
  stdout: string;
  stderr: string;
  exitCode: number | null;
  /** CPU time of the hook and everything it started, ms (cgroup containment only). */
  cpuMs?: number;
  /** What the hook created, changed or deleted in the copy of its project (tracked runs only). */
  changes?: Changes;
}

/**
 * The state of one `hooklint test` run: a temporary folder (transcript,
 * `CLAUDE_ENV_FILE`s, `CLAUDE_PLUGIN_DATA` folders), one session id, the
 * process groups still running (killed on Ctrl-C). `close` removes the folder
 * and kills anything the hooks left running.
 */
export class Session {
  readonly sessionId = randomUUID();
  readonly dir = mkdtempSync(join(tmpdir(), 'hooklint-test-'));
  readonly transcriptPath = join(this.dir, `${this.sessionId}.jsonl`);
  /** Where every hook process and its descendants are kept (undefined where cgroups cannot be used: see contain.ts). */
  readonly containment = Containment.create(this.sessionId.slice(0, 8));
  private readonly running = new Set<number>();
  /** Processes the hooks left running outside their process groups, killed when each hook ended. */
  private strays = 0;
  private closed = false;
  private envFiles = 0;
  private transcriptWritten = false;
  /** The temporary copies (undefined with --in-place). */
  readonly sandbox: Sandbox | undefined;
  /** HOME of the hooks with --home temp. */
  readonly home: string | undefined;
  /** One tracked run at a time per copy (what changed is then this hook's doing). */
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(readonly options: SessionOptions) {
    this.sandbox = options.inPlace ? undefined : new Sandbox(this.dir);
    if (options.home === 'temp') {
      this.home = join(this.dir, 'home');
      mkdirSync(this.home);
    }
  }

  /** Where a project or plugin root is for the hooks: its copy (made on first use), or itself with --in-place. */
  where(root: string): string {
    return this.sandbox ? this.sandbox.place(root) : root;
  }

  /** Sample-value tokens for a project (`cwd` is where the hooks run: the copy). */
  sampleContext(cwd: string): SampleContext {
    cwd = this.where(cwd);
    if (!this.transcriptWritten) {
      this.transcriptWritten = true;
      const lines = fillSample(catalog.runner.transcriptSample.lines, { cwd, transcriptPath: this.transcriptPath, sessionId: this.sessionId }) as unknown[];
      writeFileSync(this.transcriptPath, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    }
    return { cwd, transcriptPath: this.transcriptPath, sessionId: this.sessionId };
  }

  /** Kill every process group still running (Ctrl-C). */
  killAll(): void {
    for (const pid of this.running) killGroup(pid);
  }

  /** Remove the temporary folder; kill what the hooks left running outside their groups. Returns how many such processes there were. */
  close(): number {
    if (this.closed) return 0;
    this.closed = true;
    this.killAll();
    let strays = this.strays + (this.containment?.close() ?? 0);
    strays += killSessionProcesses(this.sessionId);
    rmSync(this.dir, { recursive: true, force: true });
    return strays;
  }

  /** The timeout Claude Code gives this handler, seconds (SPEC.md §2.1, §2.3; SessionEnd's budget). */
  timeoutOf(hook: PlannedHook): number {
    const ev = hook.event!;
    const node = field(hook.handler, 'timeout');
    const configured = node?.type === 'number' && (node.value as number) > 0 ? (node.value as number) : undefined;
    if (ev.name === 'SessionEnd') {
      const b = catalog.runner.sessionEndBudget;
      if (!isSettingsKind(hook.file.kind) && !b.raisedByPluginTimeouts) return b.default;
      return Math.min(b.max, Math.max(b.default, configured ?? b.default));
    }
    return configured ?? ev.defaultTimeout;
  }

  /** Run one planned hook with `payload` on stdin (or as the POST body) and judge it. */
  async run(hook: PlannedHook, payload: JsonObject, opts: RunOptions = {}): Promise<HookRun> {
    if (!opts.track || !this.sandbox) return this.runOnce(hook, payload, opts.fault);
    const root = this.where(hook.file.projectDir);
    const before = this.locks.get(root) ?? Promise.resolve();
    const mine = before.then(async () => {
      const s0 = snapshot(root);
      const r = await this.runOnce(hook, payload, opts.fault);
      const c = diffSnapshots(s0, snapshot(root));
      if (c.created.length + c.changed.length + c.deleted.length > 0) r.changes = c;
      return r;
    });
    this.locks.set(
      root,
      mine.catch(() => undefined),
    );
    return mine;
  }

  private async runOnce(hook: PlannedHook, payload: JsonObject, fault?: Fault): Promise<HookRun> {
    const ev = hook.event!;
    const h = hook.handler;
    const timeoutSeconds = this.timeoutOf(hook);
    // Killed at its timeout (--faults): killed as it starts.
    const ranSeconds = fault?.killed ? 0.001 : Math.min(timeoutSeconds, this.options.maxTimeout);
    const onFailure = stringField(h, 'onFailure');
    const judged: JudgedHandler = {
      event: ev,
      type: hook.type as 'command' | 'http',
      async: field(h, 'async')?.value === true || field(h, 'asyncRewake')?.value === true,
      onFailure: onFailure === 'block' || onFailure === 'continue' ? onFailure : undefined,
      timeoutSeconds,
      ranSeconds,
    };
    const projectDir = this.where(hook.file.projectDir);
    const pluginRoot = hook.file.pluginRoot ? this.where(hook.file.pluginRoot) : undefined;
    const env = baseEnvironment(this.options.env, this.options.path, { projectDir, sessionId: this.sessionId });
    if (this.home) env.HOME = this.home;
    judged.roots = { projectDir, ...(pluginRoot ? { pluginRoot } : {}), ...(env.HOME ? { home: env.HOME } : {}), ...(this.options.path === 'app' ? { loginPath: this.options.env.PATH ?? '' } : {}) };
    const values: Record<string, string> = { CLAUDE_PROJECT_DIR: projectDir };
    if (pluginRoot) {
      // Kept for the whole run: a later hook of the plugin finds what an earlier one stored.
      const data = join(this.dir, 'plugin-data', basename(pluginRoot));
      if (!existsSync(data)) mkdirSync(data, { recursive: true });
      values.CLAUDE_PLUGIN_ROOT = env.CLAUDE_PLUGIN_ROOT = pluginRoot;
      values.CLAUDE_PLUGIN_DATA = env.CLAUDE_PLUGIN_DATA = data;
    }
    if (ev.envFile) {
      const f = join(this.dir, `env-${++this.envFiles}.sh`);
      writeFileSync(f, '');
      env[catalog.environment.envFile] = f;
    }
    const body = fault?.stdin ?? JSON.stringify(payload);
    if (fault?.without) env.PATH = pathWithout(fault.without, env.PATH ?? '', join(this.dir, 'faults'));
    let mode: number | undefined;
    if (fault?.noExec && this.sandbox) {
      mode = statSync(fault.noExec).mode & 0o7777;
      chmodSync(fault.noExec, mode & ~0o111);
    }
    try {
      return await this.spawnAndJudge(hook, judged, env, values, body, ranSeconds);
    } finally {
      if (mode !== undefined) chmodSync(fault!.noExec!, mode);
    }
  }

  /** Send the request or start the process, and judge what came back. */
  private async spawnAndJudge(hook: PlannedHook, judged: JudgedHandler, env: NodeJS.ProcessEnv, values: Record<string, string>, body: string, ranSeconds: number): Promise<HookRun> {
    const h = hook.handler;
    const projectDir = values.CLAUDE_PROJECT_DIR!;
    if (hook.type === 'http') {
      const headersNode = field(h, 'headers');
      const headers = headersNode?.type === 'object' ? (getNodeValue(headersNode) as Record<string, unknown>) : {};
      const allowedNode = field(h, 'allowedEnvVars');
      const allowed = allowedNode?.type === 'array' ? (getNodeValue(allowedNode) as unknown[]).filter((x): x is string => typeof x === 'string') : [];
      const o = await runHttp({
        url: stringField(h, 'url')!,
        headers: Object.fromEntries(Object.entries(headers).filter(([, v]) => typeof v === 'string')) as Record<string, string>,
        allowedEnvVars: allowed,
        env,
        body,
        timeoutSeconds: ranSeconds,
      });
      const { findings, verdict } = judgeHttp(o, judged, this.options);
      return { findings, verdict, ms: o.ms, stdout: o.body, stderr: '', exitCode: null };
    }
    // `${CLAUDE_PROJECT_DIR}`, `${CLAUDE_PLUGIN_ROOT}`, `${CLAUDE_PLUGIN_DATA}` are substituted as plain strings (SPEC.md §4.3).
    const sub = (s: string) => s.replace(/\$\{(CLAUDE_PROJECT_DIR|CLAUDE_PLUGIN_ROOT|CLAUDE_PLUGIN_DATA)\}/g, (m, k: string) => values[k] ?? m);
    const command = sub(stringField(h, 'command')!);
    const args = argsOf(h);
    let file: string;
    let argv: string[];
    if (args) [file, argv] = [command, args.map(sub)];
    else if (stringField(h, 'shell') === 'powershell') [file, argv] = ['pwsh', ['-NoProfile', '-NonInteractive', '-Command', command]];
    // Shell form: the docs say `sh -c`, the CLI's schema text says bash [uncertain, SPEC.md §12.2]. bash
    // accepts what sh does and more, so running it cannot report a failure Claude Code would not have.
    else [file, argv] = [onPath('bash', env.PATH) || existsSync('/bin/bash') ? 'bash' : 'sh', ['-c', command]];
    if (file === 'bash' && !onPath('bash', env.PATH)) file = '/bin/bash';
    const t0 = performance.now();
    let pid: number | undefined;
    const o = await runProcess({
      file,
      args: argv,
      cwd: projectDir,
      env,
      stdin: body,
      timeoutSeconds: ranSeconds,
      ...(this.containment ? { containment: this.containment } : {}),
      onSpawn: (p) => {
        pid = p;
        this.running.add(p);
      },
    });
    if (pid !== undefined) this.running.delete(pid);
    this.strays += o.strays ?? 0;
    const { findings, verdict } = judgeProcess(o, judged, this.options);
    return { findings, verdict, ms: performance.now() - t0, stdout: o.stdout, stderr: o.stderr, exitCode: o.exitCode, ...(o.cpuMs !== undefined ? { cpuMs: o.cpuMs } : {}) };
  }
}
