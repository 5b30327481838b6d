import { closeSync, existsSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { parseTree } from 'jsonc-parser';
import { EVENT_NAMES } from '../core/catalog.js';
import { properties, keyOf, propertyValue } from '../core/parse.js';
import type { FileKind } from '../core/types.js';
import type { ScriptHost } from '../rules/rule.js';
import { walkDirectory } from './walk.js';

/** A file to lint, with what the path tells about it (SPEC.md §4.1). */
export interface Target {
  /** Absolute path. */
  path: string;
  kind: FileKind;
  /** Directory `$CLAUDE_PROJECT_DIR` stands for (project and local settings). */
  projectRoot?: string;
  /** Directory `${CLAUDE_PLUGIN_ROOT}` stands for (plugin files). */
  pluginRoot?: string;
  /** Found by walking a directory (not named on the command line): non-hook files are skipped silently. */
  discovered: boolean;
  /** The path says nothing of the kind: decide it from the file's shape once read (`kindFromShape`). */
  sniff?: boolean;
  /** Why Claude Code never reads this file (RULES.md §7 `unloaded-location`), when it does not. */
  unloaded?: string;
}

/** The user's Claude Code config directory: `$CLAUDE_CONFIG_DIR`, else `~/.claude` (SPEC.md §4.1). */
export function userConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.CLAUDE_CONFIG_DIR ? resolve(env.CLAUDE_CONFIG_DIR) : join(homedir(), '.claude');
}

/**
 * The kind of a file from its path alone, or undefined when the path does not
 * say (then `kindFromShape` decides).
 */
export function kindFromPath(path: string, env: NodeJS.ProcessEnv = process.env): Omit<Target, 'discovered' | 'sniff'> | undefined {
  const abs = resolve(path);
  const name = basename(abs);
  const dir = dirname(abs);
  const parent = basename(dir);
  const isUser = dir === userConfigDir(env);
  const unloaded = unloadedReason(abs, isUser);
  if (unloaded) {
    if (isUser && name === 'settings.local.json') return { path: abs, kind: 'local-settings', unloaded };
    return undefined;
  }
  if (parent === '.claude' || isUser) {
    if (name === 'settings.json') return isUser ? { path: abs, kind: 'user-settings' } : { path: abs, kind: 'project-settings', projectRoot: dirname(dir) };
    if (name === 'settings.local.json') return { path: abs, kind: 'local-settings', ...(isUser ? {} : { projectRoot: dirname(dir) }) };
  }
  if (name === 'managed-settings.json' || (parent === 'managed-settings.d' && name.endsWith('.json'))) return { path: abs, kind: 'managed-settings' };
  if (name === 'plugin.json' && parent === '.claude-plugin') return { path: abs, kind: 'plugin-manifest', pluginRoot: dirname(dir) };
  if (name === 'hooks.json' && (parent === 'hooks' || parent === '.claude-plugin')) return { path: abs, kind: 'plugin-hooks', pluginRoot: dirname(dir) };
  return undefined;
}

const EVENT_SET = new Set(EVENT_NAMES.map((e) => e.toLowerCase()));

/**
 * The kind of a JSON text whose path says nothing: a settings-like object with
 * a `hooks` object is `settings`, `hooks.json` or an object keyed by event
 * names is `plugin-hooks`. Undefined when it is not a hook config at all.
 */
export function kindFromShape(path: string, text: string): FileKind | undefined {
  const root = parseTree(text, [], { allowTrailingComma: true });
  if (!root || root.type !== 'object') return undefined;
  const hooks = propertyValue(root, 'hooks');
  const eventKeys = properties(root).some((p) => EVENT_SET.has(keyOf(p).toLowerCase()));
  if (basename(path) === 'hooks.json' && (hooks || eventKeys)) return 'plugin-hooks';
  if (hooks?.type === 'object') return 'settings';
  if (eventKeys) return 'plugin-hooks';
  return undefined;
}

/**
 * Why Claude Code never reads hooks from this path (SPEC.md §4.1 "Not
 * loaded"), or undefined: `~/.claude/settings.local.json`, `~/.claude.json`,
 * a standalone `.claude/hooks.json`, and `.claude/hooks/hooks.json` outside
 * a plugin (no `.claude-plugin/plugin.json` beside it).
 */
export function unloadedReason(abs: string, isUserDir: boolean): string | undefined {
  const name = basename(abs);
  const dir = dirname(abs);
  if (isUserDir && name === 'settings.local.json') return 'there is no user-level settings.local.json (local settings are per project: .claude/settings.local.json)';
  if (name === '.claude.json') return '~/.claude.json holds Claude Code\'s state, not settings; hooks there are never read';
  if (name === 'hooks.json' && basename(dir) === '.claude') return 'a standalone .claude/hooks.json is not a settings file; project hooks go under "hooks" in .claude/settings.json';
  if (name === 'hooks.json' && basename(dir) === 'hooks' && basename(dirname(dir)) === '.claude' && !existsSync(join(dirname(dir), '.claude-plugin', 'plugin.json')))
    return '.claude/hooks/hooks.json is read only inside a plugin; project hooks go under "hooks" in .claude/settings.json';
  return undefined;
}

/** A target for `path`: its kind from the path, or marked to be sniffed once read. */
export function targetFor(path: string, discovered: boolean, env: NodeJS.ProcessEnv = process.env): Target {
  const known = kindFromPath(path, env);
  if (known) return { ...known, discovered };
  const abs = resolve(path);
  const unloaded = unloadedReason(abs, dirname(abs) === userConfigDir(env));
  return { path: abs, kind: 'settings', discovered, sniff: true, ...(unloaded ? { unloaded } : {}) };
}

/**
 * Every candidate hook config under `dir` (sorted by path; node_modules and
 * .git skipped), plus every hooklint.config.json met on the way: config lookup
 * for files under `dir` then needs no stat per directory. With `maxDirs`, the
 * walk stops after reading that many directories (`complete: false`).
 */
export function walkTree(dir: string, maxDirs = Infinity): { files: string[]; configFiles: string[]; complete: boolean; dirs: number } {
  const files: string[] = [];
  const configFiles: string[] = [];
  let dirs = 0;
  const complete = walkDirectory(resolve(dir), { file: (p) => files.push(p), config: (p) => configFiles.push(p), enter: () => ++dirs <= maxDirs });
  return { files: files.sort(), configFiles, complete, dirs };
}

/** True when `child` is `root` or inside it. */
export function isInside(root: string, child: string): boolean {
  const r = resolve(root);
  const c = resolve(child);
  return c === r || c.startsWith(r.endsWith(sep) ? r : r + sep);
}

/** The filesystem seen by script rules (RULES.md §6): stat and read the head of files, never execute. */
export const nodeHost: ScriptHost = {
  stat(path) {
    try {
      // throwIfNoEntry: a missing script is common and an exception per miss is slow.
      const st = statSync(path, { throwIfNoEntry: false });
      return st ? { isFile: st.isFile(), mode: st.mode } : undefined;
    } catch {
      return undefined;
    }
  },
  readHead(path, bytes) {
    let fd: number | undefined;
    try {
      fd = openSync(path, 'r');
      // Only as much memory as the file needs (a 256 KiB request for a 200-byte script).
      const size = Math.min(bytes, Math.max(0, fstatSync(fd).size));
      const buf = Buffer.allocUnsafe(size);
      const n = size === 0 ? 0 : readSync(fd, buf, 0, size, 0);
      return buf.subarray(0, n).toString('latin1');
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  },
};
