import { lstatSync, readdirSync, type Dirent } from 'node:fs';
import { sep } from 'node:path';

/**
 * File names a directory walk picks up as candidate hook configs (SPEC.md §4.1):
 * settings, plugin and managed files, and the Markdown of skills
 * (`skills/<name>/SKILL.md`), agents and commands (up to three folders below
 * `agents/` or `commands/`); their kind is decided afterwards from the path
 * (`kindFromPath`) and the content.
 */
export const CANDIDATE =
  /(^|[\\/])(settings(\.local)?\.json|\.claude\.json|managed-settings\.json|hooks\.json|plugin\.json)$|[\\/]managed-settings\.d[\\/][^\\/]+\.json$|[\\/]skills[\\/][^\\/]+[\\/]SKILL\.md$|[\\/](?:agents|commands)[\\/](?:[^\\/]+[\\/]){0,2}[^\\/]+\.md$/;

/** hooklint's own config file name (see config.ts), picked up by walks for config lookup. */
export const CONFIG_FILE_NAME = 'hooklint.config.json';

/** What a walk reports, in walk order. */
export interface WalkVisitor {
  /** A candidate hook config (absolute path). */
  file(path: string): void;
  /** A `hooklint.config.json` (absolute path), reported before any file of its directory or below it. */
  config(path: string): void;
  /** Called before each directory is read; returning false stops the walk there. */
  enter?(dir: string): boolean;
  /** A directory the walk cannot enter by name (its name is not valid UTF-8), with why: one line. */
  skipped?(path: string, reason: string): void;
}

/** Why a directory whose name is not valid UTF-8 is not walked (its decoded name, with U+FFFD, names no file). */
export const NOT_UTF8_NAME = 'skipped: the folder name is not valid UTF-8, and hooklint walks only folders whose names are';

/**
 * Walk `root` (an absolute, normalised directory path) depth first, skipping
 * `node_modules` and `.git`. Each directory is read once; its
 * `hooklint.config.json` is reported before anything else in it, then its
 * candidate files, then its subdirectories in name order. So when a file is
 * reported, every config file in the directories between `root` and it has
 * been reported already: config lookup can run while the walk goes on (the
 * reader thread streams files in this order).
 *
 * As with fdir (hooklint's walker before this one): symbolic links are listed as files and
 * never followed (a link to a directory is not walked); entries that are
 * neither files, links nor directories are ignored; directories that cannot
 * be read are skipped silently, and those whose names are not valid UTF-8
 * (which Node cannot name) are reported to `visit.skipped`. Never throws for file-system errors.
 * Returns false when `visit.enter` stopped the walk, true when it finished.
 */
function exists(path: string): boolean {
  try {
    return lstatSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}

export function walkDirectory(root: string, visit: WalkVisitor): boolean {
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    if (visit.enter && !visit.enter(dir)) return false;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    const prefix = dir.endsWith(sep) ? dir : dir + sep;
    const subdirs: string[] = [];
    const files: string[] = [];
    for (const e of entries) {
      if (e.isFile() || e.isSymbolicLink()) {
        if (e.name === CONFIG_FILE_NAME) visit.config(prefix + e.name);
        else files.push(e.name);
      } else if (e.isDirectory() && e.name !== 'node_modules' && e.name !== '.git') {
        // Node decodes names as UTF-8: bytes that are not become U+FFFD, and the decoded name names nothing.
        if (e.name.includes('\uFFFD') && !exists(prefix + e.name)) visit.skipped?.(prefix + e.name, NOT_UTF8_NAME);
        else subdirs.push(e.name);
      }
    }
    for (const name of files) {
      const path = prefix + name;
      if (CANDIDATE.test(path)) visit.file(path);
    }
    // The stack pops last-in first: push in reverse name order to walk in name order.
    subdirs.sort();
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(prefix + subdirs[i]!);
  }
  return true;
}
