import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { getNodeValue } from 'jsonc-parser';
import { catalog } from '../model/catalog.js';
import { field, stringField } from '../model/model.js';
import { isSettingsKind } from '../model/types.js';
import { argsOf } from '../analysis/scripts.js';
import { baseEnvironment, killSessionProcesses, type PathMode } from './environment.js';
import { killGroup, runProcess } from './exec.js';
import { runHttp } from './http.js';
import { judgeHttp, judgeProcess, type Finding, type JudgedHandler, type Verdict } from './judge.js';
import { fillSample, type JsonObject, type SampleContext } from '../analysis/payload.js';
import { onPath, type PlannedHook } from './plan.js';

/** Options of a run that every hook shares. */
export interface SessionOptions {
  env: NodeJS.ProcessEnv;
  path: PathMode;
  /** Cap on every timeout, seconds (`--max-timeout`). */
  maxTimeout: number;
  /** `--slow-ms`. */
  slowMs: number;
}

/** One hook run: its findings, what Claude Code takes from it, its wall time (ms), and what it printed. */
export interface HookRun {
  findings: Finding[];
  verdict: Verdict;
  ms: number;
  stdout: string;
  stderr: string;
  exitCode: number | null;
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
  private readonly running = new Set<number>();
  private envFiles = 0;
  private transcriptWritten = false;

  constructor(readonly options: SessionOptions) {}

  /** Sample-value tokens for a project. */
  sampleContext(cwd: string): SampleContext {
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
    this.killAll();
    const strays = killSessionProcesses(this.sessionId);
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
  async run(hook: PlannedHook, payload: JsonObject): Promise<HookRun> {
    const ev = hook.event!;
    const h = hook.handler;
    const timeoutSeconds = this.timeoutOf(hook);
    const ranSeconds = Math.min(timeoutSeconds, this.options.maxTimeout);
    const onFailure = stringField(h, 'onFailure');
    const judged: JudgedHandler = {
      event: ev,
      type: hook.type as 'command' | 'http',
      async: field(h, 'async')?.value === true || field(h, 'asyncRewake')?.value === true,
      onFailure: onFailure === 'block' || onFailure === 'continue' ? onFailure : undefined,
      timeoutSeconds,
      ranSeconds,
    };
    const projectDir = hook.file.projectDir;
    const env = baseEnvironment(this.options.env, this.options.path, { projectDir, sessionId: this.sessionId });
    const values: Record<string, string> = { CLAUDE_PROJECT_DIR: projectDir };
    if (hook.file.pluginRoot) {
      const data = join(this.dir, 'plugin-data', basename(hook.file.pluginRoot));
      if (!existsSync(data)) mkdirSync(data, { recursive: true });
      values.CLAUDE_PLUGIN_ROOT = env.CLAUDE_PLUGIN_ROOT = hook.file.pluginRoot;
      values.CLAUDE_PLUGIN_DATA = env.CLAUDE_PLUGIN_DATA = data;
    }
    if (ev.envFile) {
      const f = join(this.dir, `env-${++this.envFiles}.sh`);
      writeFileSync(f, '');
      env[catalog.environment.envFile] = f;
    }
    const body = JSON.stringify(payload);
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
      onSpawn: (p) => {
        pid = p;
        this.running.add(p);
      },
    });
    if (pid !== undefined) this.running.delete(pid);
    const { findings, verdict } = judgeProcess(o, judged, this.options);
    return { findings, verdict, ms: performance.now() - t0, stdout: o.stdout, stderr: o.stderr, exitCode: o.exitCode };
  }
}
