import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import type { TreeNode as Node } from '../formats/parse.js';
import { analyzeShell, basename, execCommand, filesWritten, scriptOf, type ScriptRef, type ShellAnalysis, type SimpleCommand } from './command.js';
import { field, stringField, type HandlerEntry } from '../model/model.js';
import { treeValue as getNodeValue } from '../formats/parse.js';
import { isFrontmatterKind, type FileKind } from '../model/types.js';

/** What the script analysis may ask of the filesystem (RULES.md §6). Never executes anything. */
export interface ScriptHost {
  /** `undefined` when nothing exists at `path`; `mode` holds the permission bits. */
  stat(path: string): { isFile: boolean; mode: number } | undefined;
  /** The first `bytes` bytes of a file as latin1-safe text, or undefined when unreadable. */
  readHead(path: string, bytes: number): string | undefined;
  /**
   * The canonical path of `path` (every symbolic link resolved), or undefined when
   * it does not exist. Optional: a host without it (an in-memory one) has no links.
   */
  realpath?(path: string): string | undefined;
  /**
   * The entries of directory `dir` (names, with whether each is a directory), or
   * undefined when it is not a readable directory. Optional: without it, what
   * needs a folder's listing (`fileNamesUnder`) finds nothing.
   */
  list?(dir: string): { name: string; dir: boolean }[] | undefined;
}

/** What the script analysis needs to know of the file being linted (a part of the rules' `ScriptOptions`). */
export interface ScriptOptions {
  kind: FileKind;
  /** The project root (`$CLAUDE_PROJECT_DIR`) for project files, when known. */
  projectRoot?: string;
  /** The plugin root (`${CLAUDE_PLUGIN_ROOT}`) for plugin files, when known. */
  pluginRoot?: string;
  /** False when Claude Code does not read the file where it sits (a copy, a template; see `ScriptOptions.inPlace`). */
  inPlace?: boolean;
  /** Filesystem access; absent means scripts are not read. */
  host?: ScriptHost;
}

// The handler memo's slots (model/model.ts `HandlerMemo`): the model declares none, the analysis its own.
declare module '../model/model.js' {
  interface HandlerMemo {
    /** `null`: not a shell command. */
    shell: ShellAnalysis | null | undefined;
    commands: SimpleCommand[] | undefined;
    scripts: ResolvedScript[] | undefined;
  }
}

/** A script a command handler runs, resolved to an absolute path (RULES.md §6). */
export interface ResolvedScript extends ScriptRef {
  absolute: string;
  handler: HandlerEntry;
  /** The config node to report on: the handler's `command` string. */
  node: Node;
  /**
   * Set when a shared file names the script by a hard-coded path into one
   * user's checkout (`/home/me/proj/.claude/hooks/x.py`) and `absolute` is the
   * project's (or plugin's) own file at the same tail (`checkoutOf`).
   */
  checkout?: Checkout;
}

/** The `args` array of a handler when it is an array of strings. */
export function argsOf(h: HandlerEntry): string[] | undefined {
  const node = field(h, 'args');
  if (node?.type !== 'array') return undefined;
  const value = getNodeValue(node) as unknown[];
  return value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
}

// Several rules ask for the same handler's commands and scripts: each handler's command
// is parsed and resolved once, into `h.memo`. Handler entries are built anew by every
// lint, and the options are fixed within one, so the memo is exact.

/** The placeholder values a file's hooks see (SPEC.md §4.3); unknown ones stay unresolved. */
function placeholderValues(options: ScriptOptions) {
  return { CLAUDE_PROJECT_DIR: options.projectRoot, CLAUDE_PLUGIN_ROOT: options.pluginRoot, CLAUDE_PLUGIN_DATA: undefined };
}

/** True when the handler runs through PowerShell (`shell: "powershell"`), which hooklint does not parse. */
export function isPowerShell(h: HandlerEntry): boolean {
  return stringField(h, 'shell') === 'powershell';
}

/**
 * The parsed shell form of a command handler: undefined for exec form
 * (`args`), PowerShell, other types, or a non-string command.
 */
export function shellOf(h: HandlerEntry, options: ScriptOptions): ShellAnalysis | undefined {
  let a = h.memo.shell;
  if (a === undefined) {
    const command = h.type === 'command' ? stringField(h, 'command') : undefined;
    a = command === undefined || field(h, 'args') || isPowerShell(h) ? null : analyzeShell(command, placeholderValues(options));
    h.memo.shell = a;
  }
  return a ?? undefined;
}

/** The simple commands of a command handler (empty for other types or a non-string command). */
export function commandsOf(h: HandlerEntry, options: ScriptOptions): SimpleCommand[] {
  let cmds = h.memo.commands;
  if (!cmds) {
    const command = h.type === 'command' ? stringField(h, 'command') : undefined;
    const args = argsOf(h);
    if (command === undefined) cmds = [];
    else if (args) cmds = [execCommand(command, args, placeholderValues(options))];
    else cmds = shellOf(h, options)?.commands ?? [];
    h.memo.commands = cmds;
  }
  return cmds;
}

/**
 * True when the scripts a file names live on the machine running hooklint:
 * user, local and managed settings read where they sit, and the user's own
 * skills and agents (SPEC.md §4.1). Project
 * settings, plugin files and copies are shared: each user's machine runs them,
 * so only the scripts they carry inside the project or plugin say anything.
 */
export function machineLocal(options: ScriptOptions): boolean {
  if (options.inPlace === false) return false;
  // A user's own skill or agent (~/.claude/skills, ~/.claude/agents): neither a project's nor a plugin's.
  if (isFrontmatterKind(options.kind)) return options.projectRoot === undefined && options.pluginRoot === undefined;
  return options.kind === 'user-settings' || options.kind === 'local-settings' || options.kind === 'managed-settings';
}

/**
 * Every script a command handler runs that resolves statically. Relative
 * paths resolve against the project root, and only before any `cd` in the
 * command; plugin hooks run in the user's directory, so their relative paths
 * are skipped. Unresolvable paths are skipped, never guessed (RULES.md §6).
 * In a shared file (`machineLocal` false) a script outside the project or
 * plugin root is left out: it lives on each user's machine, and this one says
 * nothing about it. So is a script an earlier command of the same hook writes
 * (`curl -o f URL && bash f`, `… > f && sh f`).
 */
export function scriptsOf(h: HandlerEntry, options: ScriptOptions): ResolvedScript[] {
  const cached = h.memo.scripts;
  if (cached) return cached;
  const out: ResolvedScript[] = [];
  let changedDir = false;
  const node = field(h, 'command')!;
  const local = machineLocal(options);
  const roots = [options.projectRoot, options.pluginRoot].filter((r): r is string => r !== undefined);
  // Project hooks (settings, and a project's skills and agents) run in the project directory.
  const root = options.kind === 'project-settings' || options.kind === 'local-settings' || isFrontmatterKind(options.kind) ? options.projectRoot : undefined;
  const absoluteOf = (p: string) => (isAbsolute(p) ? normalize(p) : root ? join(root, p) : undefined);
  const written = new Set<string>();
  for (const cmd of commandsOf(h, options)) {
    if (basename(cmd.program) === 'cd' || basename(cmd.program) === 'pushd') changedDir = true;
    const s = scriptOf(cmd);
    const writes = filesWritten(cmd);
    if (s && s.path !== undefined && !/^[A-Za-z]:[\\/]|\\/.test(s.path)) {
      let absolute: string | undefined;
      if (isAbsolute(s.path)) absolute = normalize(s.path);
      else if (!changedDir && root) absolute = join(root, s.path);
      const createdHere = written.has(s.path) || (absolute !== undefined && (written.has(absolute) || written.has(dirname(absolute))));
      const lexical = absolute;
      let within = lexical === undefined ? undefined : roots.find((r) => isInsidePath(r, lexical));
      // A shared file naming the project's own script through one user's checkout
      // (`/home/me/proj/.claude/hooks/x.py`): on every other machine that path is missing,
      // but what the author meant is the project's file, and that is what the script rules read.
      // Told from the word as written: `$CLAUDE_PROJECT_DIR/…` expands to wherever hooklint runs, a home folder too.
      const home = local ? undefined : homePathOf(s.written);
      const checkout = home && checkoutOf(home, options);
      if (checkout) {
        absolute = checkout.absolute;
        within = checkout.base;
      }
      const elsewhere = absolute !== undefined && !local && within === undefined;
      // A path inside the project or plugin that links out of it (issue 23 §7) is left out, whatever
      // the file: its target (another user's file, a secret) is never read, quoted or fixed.
      if (absolute && !createdHere && !elsewhere && !(within !== undefined && linksOut(options.host, within, absolute))) out.push({ ...s, absolute, handler: h, node, ...(checkout ? { checkout } : {}) });
    } else if (s && s.path === undefined && !local) {
      // `~/proj/.claude/hooks/x.sh`, `$HOME/proj/…`: the same hard-coded checkout, written from the home directory.
      const home = homePathOf(s.written);
      const checkout = home && checkoutOf(home, options);
      if (checkout && !linksOut(options.host, checkout.base, checkout.absolute)) out.push({ ...s, path: checkout.absolute, absolute: checkout.absolute, handler: h, node, checkout });
    }
    for (const w of writes) {
      written.add(w);
      const abs = absoluteOf(w.replace(/\/+$/, '') || w);
      if (abs) written.add(abs);
    }
  }
  h.memo.scripts = out;
  return out;
}

/**
 * A script path below a user's home directory, as a command writes it (SPEC.md
 * §4.1: a shared file runs on every user's machine, where such a path names
 * that user's file, or one user's file that nobody else has).
 */
export interface HomePath {
  /** `absolute`: `/home/<u>/…`, `/Users/<u>/…`, `/root/…`, `C:\Users\<u>\…`; `home`: `~/…`, `$HOME/…`, `${HOME}/…`. */
  form: 'absolute' | 'home';
  /** The home directory as written: `/Users/me`, `/root`, `C:\Users\me`, `~`, `$HOME`, `${HOME}`. */
  home: string;
  /** The path's segments below the home directory (at least one; no `.`, `..` or empty ones). */
  segments: string[];
}

/** Home-directory names that are no user's own (`/Users/Shared`, Homebrew's `/home/linuxbrew`). */
const NOT_A_USER = new Set(['Shared', 'linuxbrew', 'Guest']);

/**
 * The home-directory form of a script word (after quote removal: `$HOME/x.sh`,
 * `~/.claude/hooks/x.sh`, `/Users/me/proj/x.py`), or undefined for any other
 * path, one that climbs with `..`, or one whose rest holds another expansion.
 */
export function homePathOf(word: string | undefined): HomePath | undefined {
  if (word === undefined) return undefined;
  let m = /^(~|\$HOME|\$\{HOME\})\/(.+)$/.exec(word);
  let form: HomePath['form'] = 'home';
  if (!m) {
    form = 'absolute';
    m = /^(\/home\/[^/]+|\/Users\/[^/]+|\/root)\/(.+)$/.exec(word) ?? /^([A-Za-z]:[\\/]Users[\\/][^\\/]+)[\\/](.+)$/i.exec(word);
  }
  if (!m || NOT_A_USER.has(m[1]!.split(/[\\/]/).pop()!)) return undefined;
  const segments = m[2]!.split(form === 'absolute' && /^[A-Za-z]:/.test(m[1]!) ? /[\\/]+/ : /\/+/).filter((x) => x !== '' && x !== '.');
  if (segments.length === 0 || segments.includes('..') || segments.some((x) => /[$`]/.test(x))) return undefined;
  return { form, home: m[1]!, segments };
}

/** A hard-coded path into one user's checkout of the project or plugin, and the file of the project it names. */
export interface Checkout {
  /** The checkout's folder as written (`/home/claude/manager`, `~/work/proj`). */
  root: string;
  /** The path below it, `/`-separated (`.claude/hooks/pre_tool_use.py`): a file of the project or plugin. */
  tail: string;
  /** The project or plugin root that holds `tail`. */
  base: string;
  /** The placeholder that stands for `base` in a hook command. */
  placeholder: 'CLAUDE_PROJECT_DIR' | 'CLAUDE_PLUGIN_ROOT';
  /** `base` joined with `tail`: the file the script rules read. */
  absolute: string;
}

/**
 * The project's (or plugin's) own file a home-directory path names through a
 * checkout of it (`/home/claude/manager/.claude/hooks/pre_tool_use.py` when the
 * project has `.claude/hooks/pre_tool_use.py`), or undefined. The checkout is a
 * folder below the home directory, neither the home directory itself nor inside
 * one of its dot-folders (`~/.claude/…` is where an installer or a dotfiles
 * repository puts files, not a checkout). The tail that names the file has at
 * least two segments (one file name alone may be any file); the longest tail
 * that exists wins. A path already inside a root (hooklint run in the author's
 * own checkout) is its own tail. Needs `options.host`; stats only.
 */
export function checkoutOf(home: HomePath, options: ScriptOptions): Checkout | undefined {
  const host = options.host;
  if (!host || home.segments[0]!.startsWith('.')) return undefined;
  const bases: [string, Checkout['placeholder']][] = [];
  if (options.projectRoot !== undefined) bases.push([options.projectRoot, 'CLAUDE_PROJECT_DIR']);
  if (options.pluginRoot !== undefined && options.pluginRoot !== options.projectRoot) bases.push([options.pluginRoot, 'CLAUDE_PLUGIN_ROOT']);
  const joiner = /^[A-Za-z]:/.test(home.home) ? '\\' : '/';
  if (home.form === 'absolute') {
    const path = normalize(home.home + '/' + home.segments.join('/'));
    for (const [base, placeholder] of bases)
      if (path !== base && isInsidePath(base, path) && host.stat(path)?.isFile) {
        const tail = path.slice(base.length).replace(/^[\\/]+/, '').split(/[\\/]/).join('/');
        return { root: base, tail, base, placeholder, absolute: path };
      }
  }
  for (let k = 1; k <= home.segments.length - 2; k++) {
    const tail = home.segments.slice(k);
    for (const [base, placeholder] of bases) {
      const absolute = join(base, ...tail);
      if (host.stat(absolute)?.isFile) return { root: [home.home, ...home.segments.slice(0, k)].join(joiner), tail: tail.join('/'), base, placeholder, absolute };
    }
  }
  return undefined;
}

/**
 * Folders a search for file names never enters: dependencies, virtual
 * environments, caches, version control. Build output (dist/, build/) is
 * entered: an installer may copy built hook scripts from there into `~`.
 */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'vendor', '.venv', 'venv', '__pycache__', '.tox', '.next', '.cache']);
/** At most this many folders are listed by one search (`fileNamesUnder`). */
const MAX_LISTED_DIRS = 4000;
const namesCache = new WeakMap<ScriptHost, Map<string, ReadonlySet<string>>>();

/**
 * The names of every file below `root` (breadth first, dependency and build
 * folders skipped, at most 4000 folders listed), for "does this repository
 * ship a file of that name anywhere" (an installer copies it). Empty without
 * `host.list`. Memoised per host and root: one run lists a project once.
 */
export function fileNamesUnder(host: ScriptHost, root: string): ReadonlySet<string> {
  let byRoot = namesCache.get(host);
  if (!byRoot) namesCache.set(host, (byRoot = new Map()));
  const cached = byRoot.get(root);
  if (cached) return cached;
  const names = new Set<string>();
  if (host.list) {
    const queue = [root];
    for (let i = 0; i < queue.length && i < MAX_LISTED_DIRS; i++)
      for (const e of host.list(queue[i]!) ?? []) {
        if (!e.dir) names.add(e.name);
        else if (!SKIPPED_DIRS.has(e.name)) queue.push(join(queue[i]!, e.name));
      }
  }
  byRoot.set(root, names);
  return names;
}

/** True when `path` is `root` or below it (lexically). */
function isInsidePath(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * True when `path` (lexically inside `root`) resolves, through symbolic links, to a
 * place outside the real `root`. False when the host cannot tell (no `realpath`) or
 * the path does not exist (script-not-found reports that).
 */
export function linksOut(host: ScriptHost | undefined, root: string, path: string): boolean {
  if (!host?.realpath) return false;
  const real = host.realpath(path);
  if (real === undefined) return false;
  const realRoot = host.realpath(root) ?? root;
  return !isInsidePath(realRoot, real);
}

/**
 * The words of the hook's command after the script (`bash shim.sh real.py` →
 * `real.py`), after placeholder expansion: what a shim's `exec … "$@"` runs.
 */
export function forwardedArgs(s: ResolvedScript, options: ScriptOptions): string[] {
  for (const cmd of commandsOf(s.handler, options)) {
    const i = s.word ? cmd.words.indexOf(s.word) : -1;
    if (i >= 0) return cmd.words.slice(i + 1).map((w) => w.value);
  }
  return [];
}

/** The placeholder values of a lint (for code that parses commands found inside scripts). */
export function placeholdersOf(options: ScriptOptions) {
  return placeholderValues(options);
}

/** The language a program runs (`python3`, `uv`, `node`, `npx tsx`, `ruby`, `bash`), or undefined. */
function programLanguage(program: string): ScriptLanguage | undefined {
  const p = basename(program.trim());
  if (/^(python\d*(\.\d+)?|pypy\d*|uv)(\s|$)/.test(p)) return 'python';
  if (/^(node|nodejs|tsx|ts-node|bun|deno|npx tsx|bunx tsx)(\s|$)/.test(p)) return 'javascript';
  if (/^(ruby|jruby|truffleruby)(\s|$)/.test(p)) return 'ruby';
  if (/^(bash|sh|zsh|dash|ksh)(\s|$)/.test(p)) return 'shell';
  return undefined;
}

/** The language of a script path's last extension (`.py`, `.mjs`, `.rb`, `.sh`), or undefined. */
function extensionLanguage(written: string): ScriptLanguage | undefined {
  const ext = /\.([A-Za-z]+)["']?$/.exec(written)?.[1]?.toLowerCase();
  if (ext === 'py' || ext === 'pyw') return 'python';
  if (ext && /^(c|m)?(j|t)s$/.test(ext)) return 'javascript';
  if (ext === 'rb') return 'ruby';
  if (ext === 'sh' || ext === 'bash' || ext === 'zsh') return 'shell';
  return undefined;
}

/** The language of a file reached from a script (an exec target, an imported module), from its name and shebang. */
export function fileLanguage(path: string, text: string): ScriptLanguage {
  return scriptLanguage({ path, written: path, interpreter: undefined }, text);
}

/** Bytes of a script read for content rules (exit codes, `stop_hook_active`): enough for any hook script. */
const CONTENT_BYTES = 256 * 1024;

/**
 * The text of a script (first 256 KiB, latin1), or undefined when it is not a
 * readable file. Not cached here: `lintText` gives the rules a memoised host
 * (`memoHost`), so the rules that read one script read it once.
 */
export function scriptText(options: ScriptOptions, path: string): string | undefined {
  return options.host!.stat(path)?.isFile ? options.host!.readHead(path, CONTENT_BYTES) : undefined;
}

/**
 * A host that asks the filesystem at most once per path (and length): one
 * lint run over many configs that share scripts stats and reads each script
 * once. Build one per run; it never sees writes made after it read.
 */
export function memoHost(host: ScriptHost): MemoHost {
  // Already memoised (a run-wide host handed to lintText): use it as it is.
  if (memoHosts.has(host)) return host as MemoHost;
  const stats = new Map<string, ReturnType<ScriptHost['stat']>>();
  const reals = new Map<string, string | undefined>();
  const heads = new Map<string, Map<number, string | undefined>>();
  const memo: MemoHost = {
    stat(path) {
      if (!stats.has(path)) stats.set(path, host.stat(path));
      return stats.get(path);
    },
    readHead(path, bytes) {
      let byLength = heads.get(path);
      if (!byLength) heads.set(path, (byLength = new Map()));
      if (!byLength.has(bytes)) byLength.set(bytes, host.readHead(path, bytes));
      return byLength.get(bytes);
    },
    /** Drop what is known of `path` (after a fix changed it). */
    forget(path) {
      stats.delete(path);
      heads.delete(path);
      reals.delete(path);
    },
  };
  const list = host.list?.bind(host);
  if (list) {
    const lists = new Map<string, ReturnType<NonNullable<ScriptHost['list']>>>();
    memo.list = (dir) => {
      if (!lists.has(dir)) lists.set(dir, list(dir));
      return lists.get(dir);
    };
  }
  const realpath = host.realpath?.bind(host);
  if (realpath)
    memo.realpath = (path) => {
      if (!reals.has(path)) reals.set(path, realpath(path));
      return reals.get(path);
    };
  memoHosts.add(memo);
  return memo;
}

/** A memoising host (`memoHost`): `forget` drops what it knows of a path. */
export type MemoHost = ScriptHost & { forget(path: string): void };

/** Every host `memoHost` made, so wrapping one again is a no-op. */
const memoHosts = new WeakSet<ScriptHost>();

/** The language a script is written in, from its interpreter, extension or shebang. */
export type ScriptLanguage = 'shell' | 'python' | 'javascript' | 'ruby' | 'other';

export function scriptLanguage(s: ScriptRef, text: string): ScriptLanguage {
  const interp = s.interpreter ?? '';
  const shebang = /^#!\s*(\S+)(?:\s+(?:-\S+\s+)*(\S+))?/.exec(text);
  const fromShebang = shebang ? (basename(shebang[1]!) === 'env' ? (shebang[2] ?? '') : basename(shebang[1]!)) : '';
  // The interpreter the command names wins, then the shebang's, then the file's extension
  // (`ruby-lint.sh` with `#!/bin/bash` is shell; `check.rb.sh` is shell).
  const named = (interp && programLanguage(interp)) || (fromShebang && programLanguage(fromShebang)) || extensionLanguage(s.written);
  if (named) return named;
  const probe = `${interp} ${s.written} ${fromShebang}`;
  if (/(^|\s)(python\d*(\.\d+)?|uv run)\b|\.pyw?\b/.test(probe)) return 'python';
  if (/(^|\s)(node|nodejs|tsx|ts-node|bun|deno|npx tsx|bunx tsx)\b|\.(c|m)?(j|t)s\b/.test(probe)) return 'javascript';
  if (/(^|\s)(ruby|jruby|truffleruby)\b|\.rb\b/.test(probe)) return 'ruby';
  if (/(^|\s)(bash|sh|zsh|dash|ksh)\b|\.(sh|bash|zsh)\b/.test(probe)) return 'shell';
  return 'other';
}
