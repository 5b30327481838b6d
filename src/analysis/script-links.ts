import { dirname, isAbsolute, join, normalize } from 'node:path';
import { forEachChild, type SyntaxNode } from 'unbash';
import { jsTree, kids, perText, pythonTree, shellTree, stringValue } from './script-parse.js';
import { analyzeShell, scriptOf, type PlaceholderValues } from './command.js';
import type { ScriptOptions } from './scripts.js';
import { scriptText, type ScriptLanguage } from './scripts.js';

/**
 * What a hook script hands its work to (RULES.md §6): the programs a shim
 * `exec`s and the local modules a script imports or sources. Script rules that
 * judge what a hook does (`exit-1-does-not-block`, `stop-hook-loop`) read
 * these too, so a shim that execs a script which exits 2, or a Stop hook whose
 * `stop_hook_active` check lives in a sibling module, is judged by the code
 * that really runs. Read through the lint's host; never executed.
 */

/** Shell expressions for the script's own folder, replaced by it before the exec line is parsed. */
const SCRIPT_DIR_EXPR = /\$\(\s*cd\s+"?\$\(\s*dirname\s+"?\$\{?(?:0|BASH_SOURCE(?:\[0\])?)\}?"?\s*\)"?\s*(?:&&|;)\s*pwd(?:\s+-P)?\s*\)|\$\(\s*dirname\s+"?\$\{?(?:0|BASH_SOURCE(?:\[0\])?)\}?"?\s*\)|\$\{(?:0|BASH_SOURCE(?:\[0\])?)%\/\*\}/g;

/** Files a script's `exec` hands over to: programs named relative to the script, or the hook's own arguments for `exec … "$@"`. */
export function execTargets(scriptPath: string, text: string, language: ScriptLanguage, forwarded: readonly string[], values: PlaceholderValues): string[] {
  if (language !== 'shell' || !/\bexec\b/.test(text)) return [];
  const dir = dirname(scriptPath);
  const tree = shellTree(text);
  if (!tree) return [];
  // Variables set to the script's folder (`DIR="$(cd "$(dirname "$0")" && pwd)"`, also after `local`) stand for it too.
  const dirVars = new Set<string>();
  const execs: string[] = [];
  const visit = (n: SyntaxNode) => {
    if (n.type === 'Assignment' && n.value.type === 'Word') {
      SCRIPT_DIR_EXPR.lastIndex = 0;
      if (SCRIPT_DIR_EXPR.test(n.value.text)) dirVars.add(n.name);
    }
    if (n.type === 'Command' && n.name?.value === 'exec' && n.suffix.some((a) => a.type === 'Word')) execs.push(text.slice(n.pos, n.end));
    forEachChild(n, visit);
  };
  visit(tree);
  const out: string[] = [];
  for (let line of execs) {
    const forwards = /"\$@"|\$@|"\$\*"|\$\*|"\$\{@\}"/.test(line);
    line = line.replace(SCRIPT_DIR_EXPR, dir.replace(/\$/g, '$$$$'));
    for (const v of dirVars) line = line.replace(new RegExp(`\\$\\{${v}\\}|\\$${v}\\b`, 'g'), dir.replace(/\$/g, '$$$$'));
    for (const cmd of analyzeShell(line, values).commands) {
      const s = scriptOf(cmd);
      if (s?.path !== undefined) out.push(isAbsolute(s.path) ? normalize(s.path) : join(dir, s.path));
    }
    if (forwards) for (const a of forwarded) if (/\.(sh|bash|py|pyw|js|mjs|cjs|ts|mts|cts|rb|pl)$/i.test(a) || a.includes('/')) out.push(isAbsolute(a) ? normalize(a) : join(dir, a));
  }
  return [...new Set(out)];
}

const JS_EXTS = ['', '.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.tsx', '/index.js', '/index.ts', '/index.mjs'];

/**
 * The local modules a script loads, as absolute paths of files that exist:
 * Python `import x` / `from x.y import z` / `from .x import y` of modules beside
 * it, JavaScript `require('../rules/x')` / `import … from '../rules/x'`, shell `source ./lib.sh`
 * / `. "$(dirname "$0")/lib.sh"`, Ruby `require_relative '../lib/x'` (and `require
 * File.join(__dir__, 'x')`, `File.expand_path('x', __dir__)`); Python, JavaScript and
 * shell read from their parse trees (an import in a comment, a docstring or a string
 * links nothing). Packages installed elsewhere (`require 'json'`, gems) are not followed.
 */
export function localImports(scriptPath: string, text: string, language: ScriptLanguage, options: ScriptOptions): string[] {
  const dir = dirname(scriptPath);
  const exists = (p: string) => options.host!.stat(p)?.isFile === true;
  const out: string[] = [];
  const add = (candidates: string[]) => {
    const hit = candidates.find(exists);
    if (hit && hit !== scriptPath) out.push(hit);
  };
  if (language === 'python') {
    // Parse only a text with an import that could be local: a module or name on an import line
    // that is a file or package beside the script (most scripts import only installed modules).
    if (!pythonMayImportLocal(text, dir, (p) => options.host!.stat(p) !== undefined)) return [];
    for (const stmt of pythonImports(text)) {
      const from = /^from\s+(\.*)\s*([\w.]*)\s+import\s+\(?([\s\S]*?)\)?\s*$/.exec(stmt);
      if (from) {
        const base = from[1]!.length > 1 ? join(dir, ...Array(from[1]!.length - 1).fill('..')) : dir;
        const mod = from[2]!.split('.').filter(Boolean);
        if (mod.length > 0) add([join(base, ...mod) + '.py', join(base, ...mod, '__init__.py')]);
        for (const name of importedNames(from[3]!)) add([join(base, ...mod, name + '.py')]);
      } else
        for (const name of importedNames(stmt.replace(/^import\s+/, ''))) {
          const parts = name.split('.');
          add([join(dir, ...parts) + '.py', join(dir, ...parts, '__init__.py')]);
        }
    }
  } else if (language === 'javascript') {
    for (const spec of jsRelativeSpecifiers(text)) {
      const base = join(dir, spec);
      add(JS_EXTS.map((e) => base + e).concat(/\.js$/.test(spec) ? [base.replace(/\.js$/, '.ts')] : []));
    }
  } else if (language === 'ruby') {
    // `require_relative 'x'`, `require File.join(__dir__, 'x')`, `require File.expand_path('x', __dir__)`, `require File.expand_path('../x', __FILE__)`.
    for (const m of text.matchAll(/^[ \t]*(?:require_relative[ \t(]+(['"])([^'"#]+)\1|require[ \t(]+File\.(?:join\(\s*__dir__\s*,|expand_path\()\s*(['"])([^'"#]+)\3\s*(,\s*(?:__dir__|__FILE__)\s*)?\))/gm)) {
      if (m[4] !== undefined && m[0].includes('expand_path') && !m[5]) continue;
      const spec = m[2] ?? m[4]!;
      // `File.expand_path('../x', __FILE__)` is relative to the file's own path.
      const path = m[5]?.includes('__FILE__') ? join(scriptPath, spec) : join(dir, spec);
      add(/\.rb$/.test(path) ? [path] : [path + '.rb', path]);
    }
  } else if (language === 'shell') {
    for (let word of shellSources(text)) {
      word = word.replace(/^["']|["']$/g, '');
      word = word.replace(SCRIPT_DIR_EXPR, dir);
      if (/\$/.test(word)) continue;
      add([isAbsolute(word) ? normalize(word) : join(dir, word)]);
    }
  }
  return [...new Set(out)];
}

/**
 * The texts a hook script runs with: its own, then those of the scripts it
 * execs (`forwarded` are the hook's arguments after the script, for `exec "$@"`)
 * and the local modules they load, breadth first, at most `limit` files in all.
 * Files that cannot be read are left out.
 */
export function linkedTexts(
  first: { path: string; text: string; language: ScriptLanguage },
  forwarded: readonly string[],
  options: ScriptOptions,
  languageOf: (path: string, text: string) => ScriptLanguage,
  values: PlaceholderValues,
  limit = 12,
): { path: string; text: string; language: ScriptLanguage; via: 'self' | 'exec' | 'import' }[] {
  const out: { path: string; text: string; language: ScriptLanguage; via: 'self' | 'exec' | 'import' }[] = [{ ...first, via: 'self' }];
  const seen = new Set([first.path]);
  for (let i = 0; i < out.length && out.length < limit; i++) {
    const cur = out[i]!;
    const next: [string, 'exec' | 'import'][] = [
      ...execTargets(cur.path, cur.text, cur.language, i === 0 ? forwarded : [], values).map((p) => [p, 'exec'] as [string, 'exec']),
      ...localImports(cur.path, cur.text, cur.language, options).map((p) => [p, 'import'] as [string, 'import']),
    ];
    for (const [path, via] of next) {
      if (seen.has(path) || out.length >= limit) continue;
      seen.add(path);
      const text = scriptText(options, path);
      if (text !== undefined) out.push({ path, text, language: languageOf(path, text), via });
    }
  }
  return out;
}

/**
 * True when a Python text may import a local module: a word of one of its
 * import statements (`from .x import y`, `import a.b`, the names of a
 * parenthesized list over several lines, a statement after `;` or over a
 * backslash continuation) names a `.py` file, a package or a folder (a
 * namespace package) of the script's folder or, for `from ..x`, of the folders
 * above. A cheap scan that only decides whether the parse is needed (a
 * superset: a word in a string counts too); the parse decides what is imported.
 */
function pythonMayImportLocal(text: string, dir: string, exists: (p: string) => boolean): boolean {
  if (!/\bimport\b/.test(text)) return false;
  const found = (parts: string[]) => parts.length > 0 && (exists(join(...parts) + '.py') || exists(join(...parts, '__init__.py')) || exists(join(...parts)));
  // Backslash continuations joined; a statement starts a line or follows `;`; a parenthesized list may span lines.
  const joined = text.replace(/\\\r?\n/g, ' ');
  for (const m of joined.matchAll(/(?:^|;)[ \t]*(?:from[ \t]+(\.*)([\w.]*)[ \t]+import\b|import[ \t])([ \t]*\([^)]*\)|[^\n;]*)/gm)) {
    const names = m[3]!.split(/[^\w.]+/).filter((w) => /^[A-Za-z_][\w.]*$/.test(w));
    if (m[1] === undefined) {
      // `import a.b, c as d`
      if (names.some((n) => found([dir, ...n.split('.')]))) return true;
      continue;
    }
    const up = Math.max(0, m[1].length - 1);
    const base = up > 0 ? join(dir, ...Array(up).fill('..')) : dir;
    const mod = m[2]!.split('.').filter(Boolean);
    if (found([base, ...mod]) || names.some((n) => found([base, ...mod, n]))) return true;
  }
  return false;
}

/** The names an import statement lists (`a, b as c`, `(h,\n i)`): each name's first word. */
function importedNames(list: string): string[] {
  return list
    .replace(/[()]/g, '')
    .split(',')
    .map((x) => x.trim().split(/\s+/)[0]!)
    .filter((x) => /^[\w.]+$/.test(x));
}

/**
 * The import statements of a Python text (`from .x import y`, `import a.b`), as
 * their source text with whitespace runs collapsed: found by the parser, so an
 * import in a docstring or a comment is not one.
 */
function pythonImports(text: string): string[] {
  return perText(pyImportCache, text, () => {
    if (!/\bimport\b/.test(text)) return [];
    const out: string[] = [];
    pythonTree(text).iterate({
      enter: (ref) => {
        if (ref.name !== 'ImportStatement') return;
        out.push(text.slice(ref.from, ref.to).replace(/\\\n/g, ' ').replace(/\s+/g, ' ').trim());
        return false;
      },
    });
    return out;
  });
}

/**
 * The relative specifiers a JavaScript/TypeScript text requires or imports
 * (`require('./x')`, `import … from '../y'`, `export … from './c'`,
 * `import('./z')`, `import './w'`), in order, found by the parser (a
 * specifier in a comment or a string is not one). One parse per text: the same
 * script is read for every handler that runs it and by several rules.
 */
function jsRelativeSpecifiers(text: string): string[] {
  return perText(specifierCache, text, () => {
    // Parse only a text that spells a relative specifier (the parse then says which are code).
    // Bundler output writes `import{x}from"./chunk.mjs"`: no space needed after `from`.
    if (!/(?:\brequire\s*\(|\bimport\s*\(|\bfrom|\bimport)\s*['"`]\.{1,2}\//.test(text)) return [];
    const specs: string[] = [];
    // A string, or a template without `${…}` (stringValue gives undefined for one with).
    const relative = (n: { from: number; to: number } | null | undefined) => {
      const v = n ? stringValue(text.slice(n.from, n.to)) : undefined;
      if (v !== undefined && /^\.{1,2}\//.test(v)) specs.push(v);
    };
    jsTree(text).iterate({
      enter: (ref) => {
        const name = ref.name;
        if (name !== 'ImportDeclaration' && name !== 'ExportDeclaration' && name !== 'DynamicImport' && name !== 'CallExpression') return;
        // Only these need a node object (Lezer allocates one per access).
        const n = ref.node;
        if (name !== 'CallExpression') relative(kids(n).find((c) => c.name === 'String'));
        else if (n.firstChild?.name === 'VariableName' && text.slice(n.firstChild.from, n.firstChild.to) === 'require') {
          const args = n.lastChild?.name === 'ArgList' ? kids(n.lastChild).filter((c) => !/^[(),]$/.test(c.name)) : [];
          if (args.length === 1 && (args[0]!.name === 'String' || args[0]!.name === 'TemplateString')) relative(args[0]);
        }
      },
    });
    return specs;
  });
}

/** The words a shell script sources (`source ./lib.sh`, `. "$(dirname "$0")/lib.sh"`), as written (quotes kept), from its parse. */
function shellSources(text: string): string[] {
  return perText(sourceCache, text, () => {
    if (!/(?:^|[\s;&|({])(?:source|\.)[ \t]/m.test(text)) return [];
    const tree = shellTree(text);
    if (!tree) return [];
    const out: string[] = [];
    const visit = (n: SyntaxNode) => {
      if (n.type === 'Command' && (n.name?.value === 'source' || n.name?.value === '.')) {
        const arg = n.suffix.find((a) => a.type === 'Word');
        if (arg?.type === 'Word') out.push(arg.text);
      }
      if (n.type === 'Word') return;
      forEachChild(n, visit);
    };
    visit(tree);
    return out;
  });
}

const specifierCache = new Map<string, string[]>();
const pyImportCache = new Map<string, string[]>();
const sourceCache = new Map<string, string[]>();
