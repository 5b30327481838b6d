import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import type { Containment } from './contain.js';

/** How to start one hook process. */
export interface ProcessSpec {
  /** The program: the shell for shell form, the substituted `command` for exec form. */
  file: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Written to stdin, which is then closed. */
  stdin: string;
  /** Seconds until the process group is killed. */
  timeoutSeconds: number;
  /** Told the process id (= its group id) once it runs. */
  onSpawn?: (pid: number) => void;
  /** Where every process the hook starts is kept and killed (Linux cgroup v2; see contain.ts). */
  containment?: Containment;
}

/** What happened to one hook process. Times are milliseconds since the spawn. */
export interface ProcessOutcome {
  /** `spawn` itself failed (exec form: ENOENT, EACCES, ...). */
  spawnError?: NodeJS.ErrnoException;
  /** The exit code, or null when killed by a signal (or never started). */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The first byte on stdout or stderr. */
  firstOutputMs?: number;
  /** The first byte on stdout (what Claude Code reads; stderr progress is not an answer). */
  firstStdoutMs?: number;
  /** The end of stdout's first line (the async first-line protocol, SPEC.md §13.4). */
  firstLineMs?: number;
  /** CPU time (user + system) of the hook and everything it started, milliseconds (cgroup containment only). */
  cpuMs?: number;
  /** Time its processes were runnable but waited for a CPU (cgroup `cpu.pressure`, "some"), milliseconds: the machine's load, not the hook. */
  stallMs?: number;
  /** Processes still running outside the hook's process group when it ended (killed). */
  strays?: number;
  /** With cgroup containment: the command lines of its processes when hooklint killed it at the timeout (what it was waiting on). */
  runningAtKill?: string[];
  /** The process exited on its own (not set when hooklint killed it). */
  exitMs?: number;
  /** stdout and stderr were both closed (by everything holding them). */
  closeMs?: number;
  /** hooklint killed the process group at the timeout. */
  timedOut: boolean;
  /** The timeout in force, milliseconds. */
  timeoutMs: number;
  /** Bytes of stdout or stderr beyond `MAX_CAPTURE` that were read and dropped. */
  truncated: boolean;
}

/** Most bytes kept of each of stdout and stderr (Claude Code shortens long output too). */
export const MAX_CAPTURE = 1 << 20;

/**
 * Kill a process group (the hook and everything it started that stayed in its
 * group). ESRCH (already gone) is not an error.
 */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}

/**
 * Run one hook process as Claude Code does (SPEC.md §2.3, §4.3): in a process
 * group of its own, stdin written then closed, stdout and stderr captured. At
 * the timeout the whole group is killed. After the process exits, hooklint
 * waits (up to the timeout) for stdout and stderr to close, as a reader of the
 * pipes must: a background job that keeps them open delays the hook. When the
 * run ends, the group is killed in any case, so nothing it started stays running.
 */
export function runProcess(spec: ProcessSpec): Promise<ProcessOutcome> {
  const timeoutMs = Math.round(spec.timeoutSeconds * 1000);
  const t0 = performance.now();
  const since = () => Math.round((performance.now() - t0) * 10) / 10;
  return new Promise((resolve) => {
    const out: ProcessOutcome = { exitCode: null, signal: null, stdout: '', stderr: '', timedOut: false, timeoutMs, truncated: false };
    const chunks = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
    const sizes = { stdout: 0, stderr: 0 };
    let open = 2;
    let done = false;
    const missing = programError(spec.file, spec.env.PATH, spec.cwd);
    if (missing) {
      out.spawnError = missing;
      return resolve(out);
    }
    let leaf: string | undefined;
    try {
      leaf = spec.containment?.leaf();
    } catch {
      // No leaf: the process group and the session scan remain.
    }
    const started = leaf ? spec.containment!.wrap(leaf, spec.file, spec.args) : { file: spec.file, args: spec.args };
    let child: ChildProcess;
    try {
      child = spawn(started.file, started.args, { cwd: spec.cwd, env: spec.env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    } catch (e) {
      // Thrown, not emitted: E2BIG (an argument over 128 KiB), EINVAL (a NUL byte), ...
      out.spawnError = e as NodeJS.ErrnoException;
      if (leaf) spec.containment!.release(leaf);
      return resolve(out);
    }
    if (child.pid !== undefined) spec.onSpawn?.(child.pid);
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      killGroup(child.pid);
      if (leaf) {
        out.cpuMs = spec.containment!.cpuMs(leaf);
        out.stallMs = spec.containment!.stallMs(leaf);
        const strays = spec.containment!.release(leaf);
        if (strays > 0) out.strays = strays;
      }
      out.stdout = Buffer.concat(chunks.stdout).toString('utf8');
      out.stderr = Buffer.concat(chunks.stderr).toString('utf8');
      // Streams of a killed group may still be open in this process: let them go.
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve(out);
    };
    const timer = setTimeout(() => {
      out.timedOut = true;
      if (leaf) out.runningAtKill = spec.containment!.commands(leaf);
      killGroup(child.pid);
      // The pipes close once the group is gone; do not wait for a stray holder outside it.
      setTimeout(finish, 50);
    }, timeoutMs);
    child.on('error', (e: NodeJS.ErrnoException) => {
      out.spawnError = e;
      finish();
    });
    child.on('exit', (code, signal) => {
      // Killed at the timeout: it never exited on its own.
      if (out.timedOut) return finish();
      out.exitMs = since();
      out.exitCode = code;
      out.signal = signal;
      if (open === 0) finish();
    });
    for (const name of ['stdout', 'stderr'] as const) {
      const stream = child[name]!;
      stream.on('data', (b: Buffer) => {
        out.firstOutputMs ??= since();
        if (name === 'stdout') {
          out.firstStdoutMs ??= since();
          if (out.firstLineMs === undefined && b.includes(10)) out.firstLineMs = since();
        }
        if (sizes[name] < MAX_CAPTURE) {
          chunks[name].push(b.subarray(0, MAX_CAPTURE - sizes[name]));
          if (sizes[name] + b.length > MAX_CAPTURE) out.truncated = true;
        } else out.truncated = true;
        sizes[name] += b.length;
      });
      stream.on('close', () => {
        if (--open > 0) return;
        out.closeMs = since();
        if (out.exitMs !== undefined) finish();
      });
    }
    // A hook that never reads stdin (or exits first) closes the pipe under us: not an error.
    child.stdin!.on('error', () => {});
    child.stdin!.end(spec.stdin);
  });
}

/**
 * Why `file` cannot be started, checked before spawning, as `spawn` would fail
 * (ENOENT, EACCES): a program name is looked up on `path`, a path is taken
 * relative to `cwd`. Undefined when it can start (or when it cannot be told).
 */
export function programError(file: string, path: string | undefined, cwd: string): NodeJS.ErrnoException | undefined {
  const fail = (code: 'ENOENT' | 'EACCES', where: string): NodeJS.ErrnoException => Object.assign(new Error(`spawn ${file} ${code}`), { code, path: where, syscall: 'spawn' });
  const executable = (p: string): 'ok' | 'ENOENT' | 'EACCES' => {
    try {
      if (!statSync(p).isFile()) return 'EACCES';
      accessSync(p, constants.X_OK);
      return 'ok';
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR' ? 'ENOENT' : 'EACCES';
    }
  };
  if (file.includes('/')) {
    const p = isAbsolute(file) ? file : resolve(cwd, file);
    const r = executable(p);
    return r === 'ok' ? undefined : fail(r, p);
  }
  let denied: string | undefined;
  for (const d of (path ?? '').split(delimiter)) {
    if (!d) continue;
    const r = executable(join(d, file));
    if (r === 'ok') return undefined;
    if (r === 'EACCES') denied ??= join(d, file);
  }
  return denied ? fail('EACCES', denied) : fail('ENOENT', file);
}
