import { readdirSync, readFileSync } from 'node:fs';
import { delimiter, sep } from 'node:path';
import { catalog } from '../model/catalog.js';

/** Which PATH hooks get (`--path`): a terminal start's (the current one) or an app/IDE start's (the system's minimal PATH). */
export type PathMode = 'login' | 'app';

/** The PATH of an app or IDE start on this platform (catalog `runner.appPath`). */
export function appPath(platform: NodeJS.Platform = process.platform): string {
  return catalog.runner.appPath[platform] ?? catalog.runner.appPath.default!;
}

/**
 * The environment every hook of a run starts from (SPEC.md §4.3): the user's,
 * without what Claude Code strips (`OTEL_*`) and without what npm adds when
 * hooklint runs as an npm script or through npx (`npm_*`, `node_modules/.bin`
 * PATH entries: Claude Code's hooks have neither), with the PATH of `mode`, and
 * the variables Claude Code sets for every hook.
 */
export function baseEnvironment(env: NodeJS.ProcessEnv, mode: PathMode, vars: { projectDir: string; sessionId: string }): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  const stripped = catalog.runner.strippedEnvironment.prefixes;
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined || stripped.some((p) => k.startsWith(p)) || k.startsWith('npm_')) continue;
    out[k] = v;
  }
  out.PATH =
    mode === 'app'
      ? appPath()
      : (env.PATH ?? '')
          .split(delimiter)
          .filter((d) => !d.endsWith(`${sep}node_modules${sep}.bin`) && !d.endsWith('/node_modules/.bin'))
          .join(delimiter);
  Object.assign(out, catalog.runner.environmentValues);
  delete out.$comment;
  out.CLAUDE_PROJECT_DIR = vars.projectDir;
  out.CLAUDE_CODE_SESSION_ID = vars.sessionId;
  out.CLAUDE_PID = String(process.pid);
  return out;
}

/**
 * Processes (other than this one) whose environment holds
 * `CLAUDE_CODE_SESSION_ID=<sessionId>`: what the hooks of this run started
 * and left running outside their process groups (`setsid`, daemons). Linux
 * only (reads /proc); elsewhere an empty list, and the process-group kill is
 * the cleanup.
 */
export function processesOfSession(sessionId: string): number[] {
  if (process.platform !== 'linux') return [];
  const needle = Buffer.from(`\0CLAUDE_CODE_SESSION_ID=${sessionId}\0`);
  const first = Buffer.from(`CLAUDE_CODE_SESSION_ID=${sessionId}\0`);
  const out: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e) || Number(e) === process.pid) continue;
    try {
      const environ = readFileSync(`/proc/${e}/environ`);
      if (environ.includes(needle) || environ.subarray(0, first.length).equals(first)) out.push(Number(e));
    } catch {
      // Gone, or another user's: not ours.
    }
  }
  return out;
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Kill what `processesOfSession` finds, looking again (up to 10 times, 20 ms
 * apart) while it finds any: a process caught between fork and exec may start
 * another. Returns how many distinct processes there were.
 */
export function killSessionProcesses(sessionId: string): number {
  const killed = new Set<number>();
  for (let round = 0; round < 10; round++) {
    const pids = processesOfSession(sessionId).filter((p) => !killed.has(p) || isAlive(p));
    if (pids.length === 0) break;
    for (const pid of pids) {
      killed.add(pid);
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    Atomics.wait(pause, 0, 0, 20);
  }
  return killed.size;
}

/** True while `pid` runs (a zombie, killed and not yet reaped, does not count). */
function isAlive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
