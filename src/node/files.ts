import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { Node } from 'jsonc-parser';
import { EVENT_NAMES } from '../model/catalog.js';
import { properties, keyOf, parseTreeBounded, propertyValue } from '../formats/parse.js';
import { isFrontmatterKind, type FileKind } from '../model/types.js';
import { declaresHooks, findFrontmatter } from '../formats/frontmatter.js';
import type { ScriptHost } from '../analysis/scripts.js';
import { walkDirectory } from './walk.js';
import { foreignAgent, foreignContent, PluginLayout } from './claims.js';

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
  /** The path says nothing of the kind: decide it from the file's shape once read (`sniffKind`). */
  sniff?: boolean;
  /** Why Claude Code never reads this file (RULES.md §7 `unloaded-location`), when it does not. */
  unloaded?: string;
  /** The Claude Code range a plugin's plugin.json promises (`engines["claude-code"]`), for the plugin's files. */
  claudeVersion?: string;
  /**
   * The path makes the file a candidate only: it is linted when its content confirms the
   * kind (`sniffKind` finds Claude Code's settings shape), and skipped silently otherwise.
   */
  confirm?: boolean;
  /**
   * False when Claude Code does not read this file where it sits: a file whose kind came
   * from its shape (a template, an example, a backup), a `managed-settings.json` outside the
   * managed-settings folders, an unloaded location (`LintOptions.inPlace`).
   */
  inPlace?: boolean;
}

/** Another agent's hook file that a walk passes over, or that is skipped with a notice when named. */
export interface ForeignFile {
  path: string;
  /** The agent it belongs to, e.g. `Cursor`. */
  agent: string;
}

/** What discovery needs besides a path: the environment, the walk's root, and plugin layout lookups. */
export interface ClaimContext {
  env: NodeJS.ProcessEnv;
  /** The walk's root (walked files), or the current directory (named files). */
  root?: string;
  /** Shared by every file of one run, so each plugin folder is looked at once. */
  layout: PluginLayout;
}

/** The user's Claude Code config directory: `$CLAUDE_CONFIG_DIR`, else `~/.claude` (SPEC.md §4.1). */
export function userConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.CLAUDE_CONFIG_DIR ? resolve(env.CLAUDE_CONFIG_DIR) : join(homedir(), '.claude');
}

/** The folder Claude Code reads managed settings from (SPEC.md §4.1), by platform (Linux and WSL: `/etc/claude-code`). */
export const MANAGED_DIR_OF: Readonly<Record<'linux' | 'darwin' | 'win32', string>> = { linux: '/etc/claude-code', darwin: '/Library/Application Support/ClaudeCode', win32: 'C:\\Program Files\\ClaudeCode' };

/** The folders Claude Code reads managed settings from, on every platform. */
const MANAGED_DIRS = Object.values(MANAGED_DIR_OF);

function isManagedDir(dir: string): boolean {
  const d = basename(dir) === 'managed-settings.d' ? dirname(dir) : dir;
  return MANAGED_DIRS.some((m) => d === m || d.replace(/\\/g, '/') === m.replace(/\\/g, '/'));
}

/**
 * The kind of a file from its path alone (SPEC.md §4.1, §7), or undefined when
 * the path does not make it one of Claude Code's files (then, for a file named
 * on the command line, `sniffKind` decides from its content). Paths Claude Code
 * never reads hooks from come back with `unloaded` set and `sniff: true` (they are
 * linted only when they hold hooks). A `hooks/hooks.json` belongs to the plugin
 * found by `PluginLayout.placementOf` (the nearest folder with
 * `.claude-plugin/plugin.json`, never `.claude-plugin/` itself); one its plugin
 * never loads is unloaded. Stats and reads plugin manifests; never throws.
 */
export function kindFromPath(path: string, ctx: ClaimContext): Omit<Target, 'discovered'> | undefined {
  const abs = resolve(path);
  const name = basename(abs);
  const dir = dirname(abs);
  const parent = basename(dir);
  const userDir = userConfigDir(ctx.env);
  const isUser = dir === userDir;
  const unloaded = (reason: string, kind: FileKind = 'settings', roots: { pluginRoot?: string } = {}) => ({ path: abs, kind, sniff: true, unloaded: reason, inPlace: false, ...roots });
  if (isUser && name === 'settings.local.json') return { ...unloaded('there is no user-level settings.local.json (local settings are per project: .claude/settings.local.json)', 'local-settings'), sniff: false };
  if (name === '.claude.json') return unloaded("~/.claude.json holds Claude Code's state, not settings; hooks there are never read");
  if (isUser && name === 'settings.json') return { path: abs, kind: 'user-settings', inPlace: true };
  if (name.endsWith('.md')) return markdownKindFromPath(abs, userDir, ctx);
  if (parent === '.claude') {
    if (name === 'settings.json') return { path: abs, kind: 'project-settings', projectRoot: dirname(dir), inPlace: true };
    if (name === 'settings.local.json') return { path: abs, kind: 'local-settings', projectRoot: dirname(dir), inPlace: true };
    if (name === 'hooks.json') return unloaded('a standalone .claude/hooks.json is not a settings file; project hooks go under "hooks" in .claude/settings.json');
  }
  if (name === 'managed-settings.json' || (parent === 'managed-settings.d' && name.endsWith('.json'))) return { path: abs, kind: 'managed-settings', inPlace: isManagedDir(dir) };
  if (name === 'plugin.json' && parent === '.claude-plugin') {
    const engines = ctx.layout.manifest(dirname(dir))?.engines;
    return { path: abs, kind: 'plugin-manifest', pluginRoot: dirname(dir), inPlace: true, ...(engines ? { claudeVersion: engines } : {}) };
  }
  if (name === 'settings.json' && ctx.layout.manifest(dir))
    return unloaded("a plugin's root settings.json is read only for its agent and subagentStatusLine keys; plugin hooks go in hooks/hooks.json");
  if (name === 'settings.json' || name === 'settings.local.json')
    // A settings file elsewhere (a template, a dotfiles copy of ~/.claude, an example): Claude
    // Code does not read it where it sits, but people copy it. Claimed only when its content
    // is Claude Code's settings shape (case-sensitive event names, no foreign "version" or
    // "$schema"): the name alone is shared with VS Code, Zed and many apps.
    return { path: abs, kind: 'settings', inPlace: false, confirm: true };
  if (name !== 'hooks.json' || (parent !== 'hooks' && parent !== '.claude-plugin')) return undefined;
  // A plugin hooks file: hooks/hooks.json, or .claude-plugin/hooks.json (loaded only when the manifest names it).
  const placement = ctx.layout.placementOf(abs);
  const container = parent === 'hooks' ? dirname(dir) : dir;
  if (!placement) {
    if (parent === 'hooks' && basename(container) === '.claude') return unloaded('.claude/hooks/hooks.json is read only inside a plugin; project hooks go under "hooks" in .claude/settings.json');
    if (basename(container) === '.claude-plugin') {
      const root = dirname(container);
      return unloaded(`a plugin loads hooks/hooks.json from its root folder and the files its plugin.json names, never ${parent === 'hooks' ? '.claude-plugin/hooks/hooks.json' : '.claude-plugin/hooks.json'}`, 'plugin-hooks', { pluginRoot: root });
    }
    // Perhaps a plugin without a manifest (a marketplace may list one with "strict": false), whose
    // hooks/hooks.json loads; perhaps another tool's hooks.json (webhook servers, git-hook managers
    // use the name). Claimed only when its content is a plugin hooks file. Inside a marketplace
    // that does not list it, it is no plugin of that marketplace: a build source or a copy.
    const listedElsewhere = ctx.layout.marketplaceAbove(abs);
    return { path: abs, kind: 'plugin-hooks', pluginRoot: container, inPlace: !listedElsewhere, confirm: true };
  }
  const loaded = abs === join(placement.root, 'hooks', 'hooks.json') || placement.hookFiles.includes(abs);
  const engines = placement.engines ? { claudeVersion: placement.engines } : {};
  if (loaded) return { path: abs, kind: 'plugin-hooks', pluginRoot: placement.root, inPlace: true, ...engines };
  const where = relative(placement.root, abs).split(sep).join('/');
  return {
    ...unloaded(`the plugin it belongs to loads only hooks/hooks.json and the files its plugin.json names, not ${where}`, 'plugin-hooks', { pluginRoot: placement.root }),
    ...engines,
    sniff: false,
  };
}

/** How far below an `agents/` or `commands/` folder a Markdown file is still one of its agents or commands. */
const MARKDOWN_DEPTH = 3;

/**
 * The kind of a Markdown file from its path (SPEC.md §4.1): `skills/<name>/SKILL.md`
 * is a skill; a `.md` up to three folders below `agents/` an agent, below
 * `commands/` a custom command (which Claude Code loads as a skill, so it is
 * linted as one [uncertain: §4.1 names skills and agents only; as a skill,
 * `once` is not reported and nothing else differs]). In place under
 * `.claude/` (the project's, or the user's config directory) or at a plugin's
 * root; elsewhere (a build source, a template) a copy. Always a candidate only:
 * linted when its frontmatter declares `hooks` (`declaresFrontmatterHooks`).
 * A plugin's agents' hooks are ignored by Claude Code: `unloaded` says so.
 */
function markdownKindFromPath(abs: string, userDir: string, ctx: ClaimContext): Omit<Target, 'discovered'> | undefined {
  let kind: FileKind | undefined;
  let base = '';
  if (basename(abs) === 'SKILL.md' && basename(dirname(dirname(abs))) === 'skills') {
    kind = 'skill';
    base = dirname(dirname(dirname(abs)));
  } else
    for (let d = dirname(abs), i = 0; i < MARKDOWN_DEPTH && dirname(d) !== d; d = dirname(d), i++) {
      const folder = basename(d);
      if (folder === 'agents' || folder === 'commands') {
        kind = folder === 'agents' ? 'agent' : 'skill';
        base = dirname(d);
        break;
      }
      if (folder === 'skills' || folder === '.claude') break;
    }
  if (!kind) return undefined;
  const target = { path: abs, kind, confirm: true };
  if (base === userDir) return { ...target, inPlace: true };
  if (basename(base) === '.claude') return { ...target, projectRoot: dirname(base), inPlace: true };
  const placement = ctx.layout.placementOf(abs);
  if (!placement) return { ...target, inPlace: false };
  const engines = placement.engines ? { claudeVersion: placement.engines } : {};
  if (placement.root !== base) return { ...target, pluginRoot: placement.root, inPlace: false, ...engines };
  if (kind === 'agent')
    return { ...target, pluginRoot: placement.root, inPlace: true, ...engines, unloaded: "a plugin's agents cannot declare hooks (Claude Code ignores them, for security, and warns when it loads the plugin); put them in the plugin's hooks/hooks.json, or in a skill" };
  return { ...target, pluginRoot: placement.root, inPlace: true, ...engines };
}

/**
 * True when a Markdown text's frontmatter has a top-level `hooks` key: the
 * content check that claims a skill, agent or command (one without frontmatter,
 * or whose frontmatter declares no hooks, is not linted, and is no finding).
 */
export function declaresFrontmatterHooks(text: string): boolean {
  const block = findFrontmatter(text);
  return block !== undefined && declaresHooks(block.yaml);
}

const EVENT_SET: ReadonlySet<string> = new Set(EVENT_NAMES);

/** True when an object node has at least one key that is exactly a Claude Code event name (case-sensitive). */
function hasEventKey(node: Node | undefined): boolean {
  return properties(node).some((p) => EVENT_SET.has(keyOf(p)));
}

/**
 * The kind of a JSON text whose path says nothing (files named on the command
 * line and `--stdin` only; a walk never guesses): a settings-like object whose
 * `hooks` object is empty or names a Claude Code event is `settings`; a
 * `hooks.json`, or an object keyed by event names, is `plugin-hooks`. Event
 * names compare case-sensitively (Cursor's `preToolUse` is not Claude Code's).
 * A file with a top-level `"version"` or another tool's `$schema` is another
 * tool's: `{ foreign: reason }`. Undefined when it is not a hook config at all.
 */
export function sniffKind(path: string, text: string): FileKind | { foreign: string } | undefined {
  const root = parseTreeBounded(text);
  if (!root || root.type !== 'object') return undefined;
  const hooks = propertyValue(root, 'hooks');
  const topEvents = hasEventKey(root);
  const claudeLike = (hooks?.type === 'object' && (properties(hooks).length === 0 || hasEventKey(hooks))) || topEvents;
  if (!claudeLike && !(basename(path) === 'hooks.json' && hooks)) return undefined;
  const version = propertyValue(root, 'version');
  const schema = propertyValue(root, '$schema');
  const foreign = foreignContent({ version: version ? true : undefined, $schema: schema?.type === 'string' ? schema.value : undefined });
  if (foreign) return { foreign };
  if (basename(path) === 'hooks.json') return 'plugin-hooks';
  if (hooks?.type === 'object') return 'settings';
  return 'plugin-hooks';
}

/**
 * A target for `path`, or the agent whose file it is. Walked files (`discovered`)
 * are claimed by their path only (undefined when the path is not one of Claude
 * Code's); a named file the path says nothing about is marked to be sniffed once read.
 */
export function targetFor(path: string, discovered: boolean, ctx: ClaimContext): Target | ForeignFile | undefined {
  const abs = resolve(path);
  const agent = foreignAgent(abs, ctx.root);
  if (agent) return { path: abs, agent };
  const known = kindFromPath(abs, ctx);
  if (known) return { ...known, discovered };
  if (discovered) return undefined;
  // A named Markdown file elsewhere: a skill if its frontmatter declares hooks (as a skill, nothing is claimed of where it loads).
  if (abs.endsWith('.md')) return { path: abs, kind: 'skill', discovered, confirm: true, inPlace: false };
  return { path: abs, kind: 'settings', discovered, sniff: true, inPlace: false };
}

/**
 * The target of a named file whose text is at hand (`--stdin`, docs examples):
 * `targetFor`, then the sniffed kind when the path says nothing. Returns the
 * one-line reason when the file is skipped (another agent's, or not a hook config).
 */
export function targetOfText(path: string, text: string, ctx: ClaimContext): Target | { skipped: string } {
  const t = targetFor(path, false, ctx)!;
  if (isForeign(t)) return { skipped: `skipped, a ${t.agent} hook file, not Claude Code's` };
  if (!t.sniff && !t.confirm) return t;
  if (isFrontmatterKind(t.kind)) return declaresFrontmatterHooks(text) ? { ...t, confirm: false } : { skipped: 'skipped, its frontmatter declares no hooks' };
  const kind = sniffKind(t.path, text);
  if (kind === undefined) return t.unloaded ? { skipped: 'skipped, holds no hooks' } : { skipped: 'skipped, not a Claude Code hook configuration file' };
  if (typeof kind !== 'string') return { skipped: `skipped, another tool's hook file (${kind.foreign})` };
  if (t.confirm && kind !== t.kind) return { skipped: 'skipped, not a Claude Code hook configuration file' };
  return { ...t, kind: t.unloaded && t.kind !== 'settings' ? t.kind : kind, sniff: false, confirm: false };
}

/** A fresh claim context for one run. */
export function claimContext(env: NodeJS.ProcessEnv, root?: string, layout: PluginLayout = new PluginLayout()): ClaimContext {
  return { env, root, layout };
}

/** True for a `ForeignFile` (another agent's) rather than a `Target`. */
export function isForeign(t: Target | ForeignFile): t is ForeignFile {
  return 'agent' in t;
}

/**
 * Every candidate hook config under `dir` (sorted by path; node_modules and
 * .git skipped), plus every hooklint.config.json met on the way: config lookup
 * for files under `dir` then needs no stat per directory; `notices` are the
 * folders it could not walk (names that are not valid UTF-8), one line each. With `maxDirs`, the
 * walk stops after reading that many directories (`complete: false`).
 */
export function walkTree(dir: string, maxDirs = Infinity): { files: string[]; configFiles: string[]; complete: boolean; dirs: number; notices: string[] } {
  const files: string[] = [];
  const configFiles: string[] = [];
  const notices: string[] = [];
  let dirs = 0;
  const complete = walkDirectory(resolve(dir), { file: (p) => files.push(p), config: (p) => configFiles.push(p), enter: () => ++dirs <= maxDirs, skipped: (p, why) => notices.push(`${p}: ${why}`) });
  return { files: files.sort(), configFiles, complete, dirs, notices };
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
  realpath(path) {
    try {
      return realpathSync.native(path);
    } catch {
      return undefined;
    }
  },
  list(dir) {
    try {
      // Symbolic links are not followed (a link to a folder is neither entered nor a file name).
      return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() || e.isDirectory()).map((e) => ({ name: e.name, dir: e.isDirectory() }));
    } catch {
      return undefined;
    }
  },
  readHead(path, bytes) {
    let fd: number | undefined;
    try {
      // Non-blocking: a FIFO named as a script never waits for a writer; only regular files are read.
      fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
      const st = fstatSync(fd);
      if (!st.isFile()) return undefined;
      // Only as much memory as the file needs (a 256 KiB request for a 200-byte script).
      const size = Math.min(bytes, Math.max(0, st.size));
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
