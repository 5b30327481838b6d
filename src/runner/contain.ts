import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Containment of everything a hook starts (Linux, cgroup v2), so that nothing
 * is left running: a process that leaves the hook's process group (`setsid`),
 * double-forks to init and clears its environment (`env -i`) stays in the
 * cgroup it was born in, and `cgroup.kill` ends it.
 *
 * Why a cgroup and not a child subreaper: `prctl(PR_SET_CHILD_SUBREAPER)` needs
 * native code (Node has no FFI; the npm packages that wrap prctl are native
 * add-ons that must compile at install time), and a subreaper still has to find
 * and kill the orphans it inherits. A cgroup needs nothing but a writable cgroup2
 * mount (root, or a delegated subtree as systemd gives user sessions); it also
 * counts the CPU time of every process in it (`cpu.stat`), which `hook-slow`
 * reports beside the wall time.
 *
 * How a hook gets in: it is started through `/bin/sh -c 'echo $$ > cgroup.procs;
 * exec "$@"'`, so the shell moves itself into the hook's cgroup before it execs
 * the hook; every descendant inherits it. hooklint's own process never enters one.
 *
 * Where no cgroup can be made (not Linux, no cgroup2 mount, no permission),
 * `Containment.create` returns undefined and the runner falls back to process
 * groups plus a scan of /proc for the run's session id (which a process that
 * cleared its environment escapes: reported in the README).
 *
 * Layout: `<cgroup2 root>/<own cgroup or root>/hooklint-<pid>-<random>/h<n>`; a
 * folder left by a hooklint that was killed with SIGKILL (its pid gone) is
 * emptied and removed by the next run.
 */
export class Containment {
  private count = 0;
  private readonly leaves = new Set<string>();

  private constructor(readonly dir: string) {}

  /** A containment folder for this run, or undefined where cgroups cannot be used here. */
  static create(tag: string): Containment | undefined {
    if (process.platform !== 'linux' || process.env.HOOKLINT_NO_CGROUP) return undefined;
    const mount = cgroup2Mount();
    if (!mount) return undefined;
    const own = /^0::(\/.*)$/m.exec(safeRead('/proc/self/cgroup') ?? '')?.[1] ?? '/';
    for (const parent of own === '/' ? [mount] : [join(mount, own), mount]) {
      const dir = join(parent, `hooklint-${process.pid}-${tag}`);
      try {
        sweepStale(parent);
        mkdirSync(dir);
        // A leaf must be creatable and writable too (a delegated subtree may refuse).
        const probe = new Containment(dir);
        const leaf = probe.leaf();
        probe.release(leaf);
        return probe;
      } catch {
        try {
          rmdirSync(dir);
        } catch {
          // never made
        }
      }
    }
    return undefined;
  }

  /** A new cgroup for one hook process; its path. Throws when it cannot be made. */
  leaf(): string {
    const d = join(this.dir, `h${++this.count}`);
    mkdirSync(d);
    this.leaves.add(d);
    return d;
  }

  /**
   * The program and arguments that start `file args` inside `leaf`: `/bin/sh`
   * moves itself in, then execs the hook (the exit code, signals and pipes are
   * the hook's own). When the move fails the hook still runs, uncontained.
   */
  wrap(leaf: string, file: string, args: string[]): { file: string; args: string[] } {
    return { file: '/bin/sh', args: ['-c', '{ echo $$ > "$0"; } 2>/dev/null; exec "$@"', join(leaf, 'cgroup.procs'), file, ...args] };
  }

  /** CPU time (user + system) of every process that ran in `leaf`, milliseconds; undefined when unreadable. */
  cpuMs(leaf: string): number | undefined {
    const m = /^usage_usec (\d+)$/m.exec(safeRead(join(leaf, 'cpu.stat')) ?? '');
    return m ? Number(m[1]) / 1000 : undefined;
  }

  /** Time the processes of `leaf` were runnable but waited for a CPU (PSI `cpu.pressure` "some" total), milliseconds; undefined when unreadable. */
  stallMs(leaf: string): number | undefined {
    const m = /^some .*total=(\d+)$/m.exec(safeRead(join(leaf, 'cpu.pressure')) ?? '');
    return m ? Number(m[1]) / 1000 : undefined;
  }

  /** The command lines of the processes in `leaf` (NULs as spaces). */
  commands(leaf: string): string[] {
    return this.pids(leaf)
      .map((p) => (safeRead(`/proc/${p}/cmdline`) ?? '').replace(/\0+$/, '').replace(/\0/g, ' '))
      .filter(Boolean);
  }

  /** Processes still in `leaf`. */
  pids(leaf: string): number[] {
    return (safeRead(join(leaf, 'cgroup.procs')) ?? '')
      .split('\n')
      .filter((l) => /^\d+$/.test(l))
      .map(Number);
  }

  /** Kill every process in `leaf` and remove it. Returns how many there were. */
  release(leaf: string): number {
    const n = killCgroup(leaf);
    try {
      rmdirSync(leaf);
      this.leaves.delete(leaf);
    } catch {
      // Still busy (a process in D state): `close` tries again.
    }
    return n;
  }

  /** Kill what is left in every leaf and remove the run's folder. Returns how many processes there were. Synchronous (signal handlers call it). */
  close(): number {
    let n = 0;
    for (const leaf of [...this.leaves]) n += this.release(leaf);
    try {
      rmdirSync(this.dir);
    } catch {
      // A leaf still busy: the next run sweeps it.
    }
    return n;
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Kill every process of a cgroup (`cgroup.kill`, else SIGKILL each, frozen first) and wait up to 1 s for it to be empty. */
function killCgroup(dir: string): number {
  const procs = () =>
    (safeRead(join(dir, 'cgroup.procs')) ?? '')
      .split('\n')
      .filter((l) => /^\d+$/.test(l))
      .map(Number);
  const first = procs();
  if (first.length === 0) return 0;
  const seen = new Set(first);
  const killFile = join(dir, 'cgroup.kill');
  const hasKill = existsSync(killFile);
  for (let round = 0; round < 50; round++) {
    const now = round === 0 ? first : procs();
    if (now.length === 0) break;
    for (const p of now) seen.add(p);
    if (hasKill) {
      try {
        writeFileSync(killFile, '1');
      } catch {
        // fall through to kill(2)
      }
    }
    if (!hasKill || round > 0) {
      try {
        writeFileSync(join(dir, 'cgroup.freeze'), '1');
      } catch {
        // no freezer
      }
      for (const p of now) {
        try {
          process.kill(p, 'SIGKILL');
        } catch {
          // gone
        }
      }
      try {
        writeFileSync(join(dir, 'cgroup.freeze'), '0');
      } catch {
        // no freezer
      }
    }
    Atomics.wait(pause, 0, 0, 20);
  }
  return seen.size;
}

/** The first cgroup2 mount point, from /proc/self/mounts. */
function cgroup2Mount(): string | undefined {
  const mounts = safeRead('/proc/self/mounts') ?? '';
  for (const line of mounts.split('\n')) {
    const [, where, type] = line.split(' ');
    if (type === 'cgroup2' && where) return where.replace(/\\040/g, ' ');
  }
  return undefined;
}

/** Empty and remove `hooklint-<pid>-*` folders under `parent` whose hooklint is gone (it was killed with SIGKILL). */
function sweepStale(parent: string): void {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^hooklint-(\d+)-/.exec(name);
    if (!m || alive(Number(m[1]))) continue;
    const dir = join(parent, name);
    try {
      for (const leaf of readdirSync(dir, { withFileTypes: true })) if (leaf.isDirectory()) {
        killCgroup(join(dir, leaf.name));
        rmdirSync(join(dir, leaf.name));
      }
      rmdirSync(dir);
    } catch {
      // another run's, or busy
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function safeRead(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
