import { cpSync, lstatSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { basename, isAbsolute, join, relative, sep } from 'node:path';

/**
 * The temporary copies hooks run in (issue 26 item 4): `hooklint test` never
 * changes the project it tests. Each project root (and each plugin root outside
 * them) is copied once per run, under the run's temporary folder; folders that
 * hooks only read and that are large (`node_modules`, `.venv`, `venv`, `.git`
 * objects are not: `.git` is copied, since git writes its index) are linked,
 * not copied. Snapshots of a copy (path, size, mtime) tell what a hook created,
 * changed or deleted there.
 */

/** Folders linked into the copy instead of copied: large, and read, not written, by hooks. */
const LINKED = new Set(['node_modules', '.venv', 'venv', '.tox', '.mypy_cache', '.pytest_cache', '__pycache__', 'target', '.next', '.turbo']);

/** One file's state in a snapshot: size and modification time (ms). */
type Stamp = string;

/** A snapshot of a copy: relative path (`/` separators) to stamp; linked folders are not walked. */
export type Snapshot = Map<string, Stamp>;

/** What changed in a copy between two snapshots. */
export interface Changes {
  created: string[];
  changed: string[];
  deleted: string[];
}

/** Copies of project and plugin roots, made on first use. */
export class Sandbox {
  private readonly copies = new Map<string, string>();
  private count = 0;

  /** @param dir the run's temporary folder (removed with it) */
  constructor(private readonly dir: string) {}

  /**
   * Where `root` (a project or plugin root) is in the sandbox: inside a copy
   * already made when it lies in one, else a new copy. Throws when the copy
   * cannot be made (the caller runs in place and says so).
   */
  place(root: string): string {
    for (const [orig, copy] of this.copies) {
      const r = relative(orig, root);
      if (r === '' || (!r.startsWith('..') && !isAbsolute(r))) return r === '' ? copy : join(copy, r);
    }
    const copy = join(this.dir, 'copies', String(++this.count), basename(root) || 'root');
    mkdirSync(copy, { recursive: true });
    cpSync(root, copy, {
      recursive: true,
      verbatimSymlinks: true,
      filter: (src, dest) => {
        if (src !== root && LINKED.has(basename(src))) {
          try {
            if (lstatSync(src).isDirectory()) {
              symlinkSync(src, dest, 'dir');
              return false;
            }
          } catch {
            // copied as it is
          }
        }
        return true;
      },
    });
    this.copies.set(root, copy);
    return copy;
  }

  /** The original path of a path in a copy (for messages), or the path itself. */
  original(path: string): string {
    for (const [orig, copy] of this.copies) {
      const r = relative(copy, path);
      if (r === '' || (!r.startsWith('..') && !isAbsolute(r))) return r === '' ? orig : join(orig, r);
    }
    return path;
  }

  /** The copies made so far: original root to copy. */
  roots(): ReadonlyMap<string, string> {
    return this.copies;
  }
}

/** A snapshot of `root` (regular files and symlinks; linked folders not walked), at most 20,000 entries. */
export function snapshot(root: string): Snapshot {
  const out: Snapshot = new Map();
  const walk = (dir: string, rel: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (out.size >= 20_000) return;
      const p = join(dir, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (e.name === '.git') continue;
        walk(p, r);
        continue;
      }
      try {
        const st = lstatSync(p);
        if (st.isSymbolicLink() && LINKED.has(e.name)) continue;
        out.set(r, `${st.size}:${st.mtimeMs}`);
      } catch {
        // gone
      }
    }
  };
  walk(root, '');
  return out;
}

/** What changed from `before` to `after`. */
export function diffSnapshots(before: Snapshot, after: Snapshot): Changes {
  const created: string[] = [];
  const changed: string[] = [];
  const deleted: string[] = [];
  for (const [p, s] of after) {
    const b = before.get(p);
    if (b === undefined) created.push(p);
    else if (b !== s) changed.push(p);
  }
  for (const p of before.keys()) if (!after.has(p)) deleted.push(p);
  return { created: created.sort(), changed: changed.sort(), deleted: deleted.sort() };
}

/** `a/b/c`, `a/b/d` → shown as a short list: at most `max` paths, then "and N more". */
export function listPaths(paths: string[], max = 4): string {
  const shown = paths.slice(0, max).map((p) => p.split('/').join(sep));
  return paths.length > max ? `${shown.join(', ')} and ${paths.length - max} more` : shown.join(', ');
}
