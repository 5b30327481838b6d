import { dirname, isAbsolute, join, normalize } from 'node:path';
import { forEachChild, type SyntaxNode } from 'unbash';
import { shellTree } from './script-exits.js';
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
  // Variables set to the script's folder (`DIR="$(cd "$(dirname "$0")" && pwd)"`) stand for it too.
  const dirVars = new Set<string>();
  for (const m of text.matchAll(/^\s*(?:local\s+|readonly\s+|declare\s+(?:-\w+\s+)?)?([A-Za-z_]\w*)=["']?(.*)$/gm)) {
    SCRIPT_DIR_EXPR.lastIndex = 0;
    if (SCRIPT_DIR_EXPR.test(m[2]!)) dirVars.add(m[1]!);
  }
  const out: string[] = [];
  const tree = shellTree(text);
  if (!tree) return [];
  const execs: string[] = [];
  const visit = (n: SyntaxNode) => {
    if (n.type === 'Command' && n.name?.value === 'exec' && n.suffix.some((a) => a.type === 'Word')) execs.push(text.slice(n.pos, n.end));
    forEachChild(n, visit);
  };
  visit(tree);
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
 * File.join(__dir__, 'x')`, `File.expand_path('x', __dir__)`). Packages installed elsewhere
 * (`require 'json'`, gems) are not followed.
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
    for (const m of text.matchAll(/^[ \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+\(?([\w, \t]+)/gm)) {
      const base = m[1]!.length > 1 ? join(dir, ...Array(m[1]!.length - 1).fill('..')) : dir;
      const mod = m[2]!.split('.').filter(Boolean);
      if (mod.length > 0) add([join(base, ...mod) + '.py', join(base, ...mod, '__init__.py')]);
      for (const name of m[3]!.split(',').map((x) => x.trim().split(/\s+/)[0]!).filter(Boolean)) add([join(base, ...mod, name + '.py')]);
    }
    for (const m of text.matchAll(/^[ \t]*import[ \t]+([\w., \t]+)/gm))
      for (const name of m[1]!.split(',').map((x) => x.trim().split(/\s+/)[0]!).filter(Boolean)) {
        const parts = name.split('.');
        add([join(dir, ...parts) + '.py', join(dir, ...parts, '__init__.py')]);
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
    // A double-quoted word may hold a command substitution with quotes of its own: `. "$(dirname "$0")/lib.sh"`.
    for (const m of text.matchAll(/^[ \t]*(?:source|\.)[ \t]+("(?:\$\([^()]*\)|[^"])+"|'[^']+'|\S+)/gm)) {
      let word = m[1]!.replace(/^["']|["']$/g, '');
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
 * The relative specifiers a JavaScript/TypeScript text requires or imports
 * (`require('./x')`, `from '../y'`, `import('./z')`, `import './w'`), in order.
 * One scan per text: the same script is read for every handler that runs it and
 * by several rules, and bundled scripts are large.
 */
function jsRelativeSpecifiers(text: string): string[] {
  let specs = specifierCache.get(text);
  if (!specs) {
    specs = [];
    for (const m of text.matchAll(/\brequire\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)|\bfrom\s+['"](\.{1,2}\/[^'"]+)['"]|\bimport\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)|^\s*import\s+['"](\.{1,2}\/[^'"]+)['"]/gm)) specs.push(m[1] ?? m[2] ?? m[3] ?? m[4]!);
    if (specifierCache.size >= 256) specifierCache.clear();
    specifierCache.set(text, specs);
  }
  return specs;
}
const specifierCache = new Map<string, string[]>();
