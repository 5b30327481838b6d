import type { SyntaxNode as LezerNode } from '@lezer/common';
import { forEachChild, type SyntaxNode } from 'unbash';
import { jsTree, kids, lineIndex, perText, pythonTree, shellTree, stringValue, STRING_NODES } from './script-parse.js';
import type { ScriptLanguage } from './scripts.js';

/**
 * The files a hook script opens by a path relative to the current directory,
 * found statically on its parse tree (never run). SPEC.md §4.3: a hook runs in
 * Claude's current directory, which follows `cd`, so such a path reaches
 * another file (or none) once the session changes directory.
 */
export interface CwdPaths {
  /**
   * The script changes directory itself (`cd`/`pushd` in shell, `os.chdir`,
   * `process.chdir`): where its relative paths point is then its own choice.
   */
  changesDir: boolean;
  /** The literal relative paths it opens, in source order: `path` as written without a leading `./`; `line` 1-based. */
  paths: readonly { path: string; line: number }[];
}

const NONE: CwdPaths = { changesDir: false, paths: [] };

/**
 * Shell programs whose operands are files they read, write or create. Their
 * operands that look like paths count; options (`-p`) do not.
 */
const SHELL_FILE_PROGRAMS = new Set(['cat', 'tee', 'touch', 'mkdir', 'rm', 'source', '.', 'head', 'tail']);
/** `[`/`test` operators whose operand is a file (`[ -f .claude/x ]`). */
const TEST_FILE_OPS = new Set(['-f', '-d', '-e', '-s', '-r', '-w', '-x']);
/** Python callees whose first argument is a path. */
const PY_PATH_CALLEES = new Set(['open', 'io.open', 'Path', 'pathlib.Path', 'os.path.exists', 'os.path.isfile', 'os.path.isdir', 'os.makedirs', 'os.mkdir', 'os.listdir', 'os.remove', 'os.unlink', 'os.rename', 'shutil.rmtree', 'shutil.copy', 'shutil.copyfile', 'shutil.move']);
/** JavaScript `fs` methods whose first argument is a path (on `fs`, `fsp`, `fs.promises` or called bare after a destructuring import). */
const JS_FS_METHODS = new Set(['readFileSync', 'writeFileSync', 'appendFileSync', 'existsSync', 'mkdirSync', 'readdirSync', 'unlinkSync', 'rmSync', 'statSync', 'readFile', 'writeFile', 'appendFile', 'mkdir', 'readdir', 'unlink', 'rm', 'stat', 'createWriteStream', 'createReadStream', 'openSync']);

/**
 * True for a literal word or string that is a relative file path: not
 * absolute, not home-relative, nothing expanded in it, not an option, and
 * with a folder or a file name in it (`.claude/hooks.log`, `logs/x.json`,
 * `notes.md`); `.`, `..` and `-` (stdin) are not.
 */
function relativePath(p: string): boolean {
  if (!p || p === '.' || p === '..' || p === '-' || /^[-/~$]|^[A-Za-z]:[\\/]|:\/\/|[$`*?{}\n]/.test(p)) return false;
  return /^[\w.@+-][\w.@+/-]*$/.test(p) && /[\w]/.test(p);
}

/** The cwd-relative paths of a script's text in `language` (cached per text, bounded); none for other languages. */
export function cwdPaths(text: string, language: ScriptLanguage): CwdPaths {
  if (language !== 'shell' && language !== 'python' && language !== 'javascript') return NONE;
  return perText(caches[language], text, () => (language === 'shell' ? shellPaths(text) : lezerPaths(text, language)), 256, () => NONE);
}
const caches = { shell: new Map<string, CwdPaths>(), python: new Map<string, CwdPaths>(), javascript: new Map<string, CwdPaths>() };

const norm = (p: string) => p.replace(/^(\.\/)+/, '');

function shellPaths(text: string): CwdPaths {
  const tree = shellTree(text);
  if (!tree) return NONE;
  const lineOf = lineIndex(text);
  const paths: { path: string; line: number }[] = [];
  let changesDir = false;
  const add = (w: { value: string; text: string; pos: number } | undefined) => {
    // A literal word only: quoting is fine, an expansion is not.
    if (w && !/[$`]/.test(w.text) && relativePath(w.value)) paths.push({ path: norm(w.value), line: lineOf(w.pos) });
  };
  const redirects = (rs: readonly { type: string; operator?: string; target?: { value: string; text: string; pos: number } }[] | undefined) => {
    for (const r of rs ?? []) if (r.type === 'Redirect' && r.operator !== '>&' && r.operator !== '<&') add(r.target);
  };
  const visit = (n: SyntaxNode) => {
    if (n.type === 'Command') {
      const name = n.name?.value;
      if (name === 'cd' || name === 'pushd') changesDir = true;
      redirects(n.redirects as never);
      const args = n.suffix.filter((a) => a.type === 'Word') as { value: string; text: string; pos: number }[];
      if (name && SHELL_FILE_PROGRAMS.has(name)) for (const a of args) if (!a.value.startsWith('-')) add(a);
      if (name === '[' || name === 'test') for (let i = 0; i + 1 < args.length; i++) if (TEST_FILE_OPS.has(args[i]!.value)) add(args[i + 1]);
    } else if (n.type === 'Redirected') redirects(n.redirects as never);
    forEachChild(n, visit);
  };
  visit(tree);
  return { changesDir, paths };
}

function lezerPaths(text: string, language: 'python' | 'javascript'): CwdPaths {
  // Most scripts open no literal relative path and never chdir: skip the walk.
  if (!/["'`][\w.@+-][\w.@+/-]*["'`]|chdir/.test(text)) return NONE;
  const tree = language === 'python' ? pythonTree(text) : jsTree(text);
  const lineOf = lineIndex(text);
  const paths: { path: string; line: number }[] = [];
  let changesDir = false;
  const src = (n: LezerNode) => text.slice(n.from, n.to);
  tree.iterate({
    enter: (ref) => {
      if (ref.name !== 'CallExpression') return;
      const n = ref.node;
      const callee = n.firstChild;
      const argList = n.lastChild;
      if (!callee || argList?.name !== 'ArgList') return;
      const c = src(callee).replace(/\s+/g, '');
      if (c === 'os.chdir' || c === 'process.chdir') {
        changesDir = true;
        return;
      }
      const method = c.split('.').pop()!;
      const opens = language === 'python' ? PY_PATH_CALLEES.has(c) : JS_FS_METHODS.has(method) && (c === method || /^(fs|fsp|fs\.promises|promises|node:fs)\./.test(c) || /^fs\w*\./.test(c));
      if (!opens) return;
      const first = kids(argList).find((x) => !/^[(),]$/.test(x.name));
      if (!first || !STRING_NODES.test(first.name)) return;
      const v = stringValue(src(first));
      if (v !== undefined && relativePath(v)) paths.push({ path: norm(v), line: lineOf(first.from) });
    },
  });
  return { changesDir, paths };
}
