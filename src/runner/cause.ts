import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';

/**
 * What a failed hook's stderr says, and whether the failure is this machine's
 * (a program not installed, a file the project builds on setup, no network)
 * rather than a defect of the hook (issue 26 items 2 and 3).
 */

/** Where a hook ran: the folders whose paths are shortened in messages and that belong to the project. */
export interface HookRoots {
  /** The folder the hook ran in (`$CLAUDE_PROJECT_DIR`; a temporary copy by default). */
  projectDir: string;
  /** `${CLAUDE_PLUGIN_ROOT}` (its copy). */
  pluginRoot?: string;
  /** HOME the hooks got. */
  home?: string;
  /** With `--path app`: the terminal's PATH. A program found there but not on the app's PATH is the hook's problem (it relies on a login PATH), not this machine's. */
  loginPath?: string;
}

/** How much of a line a message quotes. */
const EXCERPT = 160;

/** The error line of a Node, Python, Ruby or Go trace: `Error: …`, `TypeError [ERR_X]: …`, `ModuleNotFoundError: …`, `panic: …`. */
const ERROR_LINE = /^\s*(?:Uncaught\s+)?(?:[A-Za-z_][\w.]*?(?:Error|Exception|Exit|Interrupt)(?:\s*\[[A-Z0-9_]+\])?:|Error:|panic:|fatal:|FATAL\b|error:|ERROR\b)/;

/**
 * The line of `stderr` that says what failed (issue 26 item 3): the error line
 * of a trace (the last one: Python prints the exception last, Node after its
 * source excerpt), else the last non-empty line; project, plugin and home paths
 * shortened (`./x`, `${CLAUDE_PLUGIN_ROOT}/x`, `~/x`) before it is cut to 160
 * characters. Empty when stderr is.
 */
export function whatFailed(stderr: string, roots?: HookRoots): string {
  const lines = stderr.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) return '';
  let pick: string | undefined;
  for (let i = lines.length - 1; i >= 0; i--)
    if (ERROR_LINE.test(lines[i]!) && !/^\s*at\s/.test(lines[i]!)) {
      pick = lines[i];
      break;
    }
  // npm: its first "npm error" line says what failed; the last points at a log file.
  pick ??= lines.find((l) => /^npm (?:error|ERR!) (?!A complete log|Log files|code |syscall |path |errno )/.test(l));
  // Node's "node:internal/…:1210" and "^" lines are never what failed.
  pick ??= [...lines].reverse().find((l) => !/^\s*(?:at\s|\^+\s*$|node:internal\/|Node\.js v\d)/.test(l)) ?? lines[lines.length - 1]!;
  const line = shortenPaths(pick.trim(), roots);
  return line.length > EXCERPT ? line.slice(0, EXCERPT) + '…' : line;
}

/** Paths under the project, plugin and home folders written short. */
export function shortenPaths(text: string, roots?: HookRoots): string {
  if (!roots) return text;
  let out = text;
  const pairs: [string, string][] = [];
  if (roots.pluginRoot) pairs.push([roots.pluginRoot, '${CLAUDE_PLUGIN_ROOT}']);
  pairs.push([roots.projectDir, '.']);
  if (roots.home && roots.home !== '/') pairs.push([roots.home, '~']);
  // Longest first: a plugin inside the project keeps its own name.
  pairs.sort((a, b) => b[0].length - a[0].length);
  for (const [dir, short] of pairs) out = out.split(dir + '/').join(short + '/').split(dir).join(short);
  return out;
}

/** A failure this machine caused: what is missing and how to provide it. */
export interface MachineCause {
  missing: string;
  how: string;
  /** The program not found, when that is the cause. */
  program?: string;
}

/** Folders a project makes on setup (install, build): a file missing there is missing here, not a defect. */
const SETUP_FOLDERS = /(?:^|\/)(?:node_modules|\.venv|venv|dist|build|out|target|\.build|vendor|\.next|bin)(?:\/|$)/;

/** How to install common programs hooks call. */
const INSTALL: Record<string, string> = {
  uv: 'install uv (https://docs.astral.sh/uv/)',
  uvx: 'install uv (https://docs.astral.sh/uv/)',
  bun: 'install Bun (https://bun.sh)',
  bunx: 'install Bun (https://bun.sh)',
  deno: 'install Deno (https://deno.land)',
  pnpm: 'install pnpm (corepack enable pnpm)',
  yarn: 'install Yarn (corepack enable yarn)',
  npx: 'install Node.js and npm',
  node: 'install Node.js',
  python: 'install Python, or call python3',
  python3: 'install Python 3',
  pip: 'install pip (python3 -m ensurepip)',
  jq: 'install jq (apt-get install jq, brew install jq)',
  gh: 'install the GitHub CLI (gh) and log in',
  bd: 'install the project\'s CLI (bd)',
};

/**
 * Whether a failed run (exit 126/127, another non-zero exit, a spawn error)
 * was caused by this machine rather than the hook (issue 26 item 2):
 * - a program not found that is not part of the project or plugin;
 * - a file missing outside the project and plugin (`~/.claude/hooks/x.py`), or
 *   inside a folder the project makes on setup (`node_modules`, `dist`, `.venv`);
 * - a package the project installs (`Cannot find module 'x'` for a package,
 *   `ModuleNotFoundError: No module named 'x'` that is no module of the project);
 * - no network (name resolution, refused or unreachable connections).
 * A script of the project itself that is missing, not executable or has a bad
 * shebang is the hook's defect: undefined.
 *
 * @param program the exec-form program or spawn path, when the spawn itself failed with ENOENT
 */
export function machineCause(stderr: string, roots: HookRoots, program?: string, exitCode?: number | null): MachineCause | undefined {
  const inProject = (p: string) => isInside(roots.projectDir, p) || (roots.pluginRoot !== undefined && isInside(roots.pluginRoot, p));
  const underSetup = (p: string) => {
    const base = roots.pluginRoot && isInside(roots.pluginRoot, p) ? roots.pluginRoot : roots.projectDir;
    return SETUP_FOLDERS.test(relative(base, p).split(sep).join('/'));
  };
  const short = (p: string) => shortenPaths(p, roots);
  const missingFile = (p: string): MachineCause | undefined => {
    if (!isAbsolute(p)) p = join(roots.projectDir, p);
    if (!inProject(p)) return { missing: `${short(p)} (outside the project and plugin)`, how: 'it lives on the author\'s machine or is made by another tool: create it, or make the hook skip it when it is missing' };
    if (underSetup(p)) return { missing: `${short(p)} (made when the project is set up)`, how: 'install or build the project first (npm install, npm run build, uv sync, ...)' };
    return undefined;
  };
  if (program !== undefined) {
    if (program.includes('/')) return missingFile(program);
    return { missing: `the program ${program}`, how: INSTALL[program] ?? `install ${program} or put it on PATH`, program };
  }
  const lines = stderr.split(/\r?\n/);
  for (const l of lines) {
    // bash: "bash: line 1: jq: command not found", "x.sh: line 3: jq: command not found"; dash: "sh: 1: jq: not found"; env: "env: 'uv': No such file or directory".
    const cmd = /(?:^|: )(?:line \d+: |\d+: )?([^\s:'"]+): (?:command )?not found\s*$/.exec(l) ?? /^(?:\/usr\/bin\/)?env: ['‘]?([^'’\s:]+)['’]?: No such file or directory/.exec(l);
    if (cmd) {
      const name = cmd[1]!;
      if (name.includes('/')) {
        const c = missingFile(name);
        if (c) return c;
        continue;
      }
      return { missing: `the program ${name}`, how: INSTALL[name] ?? `install ${name} or put it on PATH`, program: name };
    }
  }
  for (const l of lines) {
    // Node: Error: Cannot find module 'x' / '/abs/x.js'; ERR_MODULE_NOT_FOUND: Cannot find package 'x' imported from …
    const node = /Cannot find (?:module|package) ['"]([^'"]+)['"]/.exec(l);
    if (node) {
      const m = node[1]!;
      if (m.startsWith('/') || m.startsWith('.')) {
        // A relative module is relative to the file that required it (Node's "Require stack", first entry).
        const from = /^Require stack:\s*\n- (.+)$/m.exec(stderr)?.[1]?.trim() ?? /imported from (\/\S+)/.exec(stderr)?.[1];
        const target = m.startsWith('.') && from ? join(from, '..', m) : m;
        const c = missingFile(target);
        if (c) return c;
        // A module whose whole folder is absent: the checkout is incomplete or a setup step makes it (a typo leaves the folder there).
        const folder = join(target, '..');
        if (isAbsolute(target) && !existsSync(folder) && existsSync(join(folder, '..')))
          return { missing: `${short(folder)}/ (a folder of the project that is not here)`, how: 'use a complete checkout of the project, or run its setup or build step first' };
        continue;
      }
      const pkg = m.startsWith('@') ? m.split('/').slice(0, 2).join('/') : m.split('/')[0]!;
      return { missing: `the npm package ${pkg}`, how: `run npm install (or the project's package manager) where the project declares ${pkg}` };
    }
    // Python: ModuleNotFoundError: No module named 'x'
    const py = /(?:ModuleNotFoundError|ImportError): No module named ['"]?([\w.]+)/.exec(l);
    if (py) {
      const top = py[1]!.split('.')[0]!;
      if (projectModule(top, roots)) continue;
      return { missing: `the Python package ${top}`, how: `install it (uv sync, pip install ${top}, or the project's setup)` };
    }
  }
  for (const l of lines) {
    // A missing file named by the shell, Python or Node: only outside the project or under its setup folders.
    const f =
      /^(?:\/bin\/)?(?:ba|da|z)?sh: (?:line \d+: |\d+: )?(?:cannot open |can't open )?(\/[^:]+|\.\.?\/[^:]+|~\/[^:]+): (?:No such file|not found)/.exec(l) ??
      /can't open file ['"]([^'"]+)['"]: \[Errno 2\]/.exec(l) ??
      /No such file or directory: ['"]([^'"]+)['"]/.exec(l) ??
      /ENOENT: no such file or directory, \w+ ['"]([^'"]+)['"]/.exec(l);
    if (f) {
      const c = missingFile(f[1]!.replace(/^~(?=\/)/, roots.home ?? '~'));
      if (c) return c;
    }
    // A file the shell could not open for a redirection (exit 1, not 127: it is no program) in a folder of the project that is
    // not here at all (`echo x >> logs/run.log` without logs/): an incomplete checkout, or a folder a setup step makes.
    const redirect = typeof exitCode === 'number' && exitCode !== 126 && exitCode !== 127 ? /^(?:\/bin\/)?(?:ba|da|z)?sh: (?:line \d+: |\d+: )?(?:cannot create )?([^\s:]+\/[^\s:]+): (?:No such file or directory|Directory nonexistent)/.exec(l) : null;
    if (redirect) {
      const p = isAbsolute(redirect[1]!) ? redirect[1]! : join(roots.projectDir, redirect[1]!);
      const folder = join(p, '..');
      if (inProject(p) && !existsSync(folder)) return { missing: `${short(folder)}/ (a folder of the project that is not here)`, how: 'use a complete checkout of the project, or create the folder (its setup may make it)' };
    }
  }
  // The project is no git checkout here (a copy, an export): git's own message.
  // `git diff` outside a repository falls back to --no-index and prints its usage (exit 129).
  if (/^fatal: not a git repository/m.test(stderr) || /^usage: git diff --no-index/m.test(stderr)) return { missing: 'a git repository (the project is not a git checkout here)', how: 'run it in a clone of the repository' };
  if (/ENOTFOUND|EAI_AGAIN|getaddrinfo|Could not resolve host|Temporary failure in name resolution|Name or service not known|Network is unreachable|ENETUNREACH|nodename nor servname/.test(stderr))
    return { missing: 'the network', how: 'the hook needs a network connection or a service this machine cannot reach' };
  if (/ECONNREFUSED|Connection refused|Failed to connect to (?:localhost|127\.0\.0\.1)/.test(stderr))
    return { missing: 'a server the hook connects to (connection refused)', how: 'start the service it talks to, or make the hook skip it when it is down' };
  return undefined;
}

/** Is `name` a Python module of the project that runs without installing it (a folder or `name.py` at its root or beside the hooks)? */
function projectModule(name: string, roots: HookRoots): boolean {
  // Not src/: a package under src/ is found only once the project is installed (pip install -e ., uv sync).
  const bases = [roots.projectDir, ...(roots.pluginRoot ? [roots.pluginRoot, join(roots.pluginRoot, 'hooks'), join(roots.pluginRoot, 'scripts')] : []), join(roots.projectDir, '.claude', 'hooks')];
  return bases.some((b) => existsSync(join(b, name)) || existsSync(join(b, `${name}.py`)));
}

function isInside(dir: string, p: string): boolean {
  const r = relative(dir, p);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}
