import { forEachChild, parse as parseShell, type SyntaxNode } from 'unbash';
import type { ScriptLanguage } from './scripts.js';
import { rubyExitSites } from './script-output-ruby.js';

/**
 * Exit codes a hook script uses, found statically (never executed): shell
 * scripts are parsed (every `exit N` command, anywhere); Python and
 * JavaScript/TypeScript are scanned line by line with comments removed
 * (`sys.exit(N)`, `exit(N)`, `os._exit(N)`, `raise SystemExit(N)`,
 * `process.exit(N)`, `process.exitCode = N`).
 * Returns the 1-based lines of each literal exit code.
 */
export function exitCodes(text: string, language: ScriptLanguage): ReadonlyMap<number, readonly number[]> {
  // Ruby: from its tree (script-output-ruby.ts, its own cache); none while its parser is not loaded.
  if (language === 'ruby') return rubyExitCodes(text);
  // Three rules ask, for every config that runs the script: compute once per text.
  let byText = exitCache.get(language);
  if (!byText) exitCache.set(language, (byText = new Map()));
  const cached = byText.get(text);
  if (cached) return cached;
  // Bounded: a long-lived process (an editor) must not keep every script it ever saw.
  if (byText.size >= EXIT_CACHE_SIZE) byText.clear();
  const out = scanExitCodes(text, language);
  byText.set(text, out);
  return out;
}

const EXIT_CACHE_SIZE = 512;

/**
 * The unbash tree of a shell script's text, or undefined when it does not
 * parse. The exit codes, the exit paths (`exit-paths.ts`) and the exec targets
 * (`script-links.ts`) all walk the same scripts: each text is parsed once.
 * Bounded, like the exit codes' cache, and smaller, since trees are large.
 */
export function shellTree(text: string): ShellTree | undefined {
  let tree = treeCache.get(text);
  if (tree === undefined) {
    if (treeCache.size >= TREE_CACHE_SIZE) treeCache.clear();
    try {
      tree = parseShell(text);
    } catch {
      tree = null;
    }
    treeCache.set(text, tree);
  }
  return tree ?? undefined;
}

/** A parsed shell script (unbash). */
export type ShellTree = ReturnType<typeof parseShell>;
const TREE_CACHE_SIZE = 64;
const treeCache = new Map<string, ShellTree | null>();
const exitCache = new Map<ScriptLanguage, Map<string, ReadonlyMap<number, readonly number[]>>>();

/**
 * Raw word text that may contain a command (a superset): `$(…)` and `$((…))`, `${ …; }`
 * and `${| …; }`, backticks, `<(…)` and `>(…)`; these are the substitutions unbash 6
 * parses into a word's parts.
 */
const MAY_HOLD_COMMAND = /\$\(|\$\{[ \t\n|]|`|[<>]\(/;

function scanExitCodes(text: string, language: ScriptLanguage): Map<number, number[]> {
  const out = new Map<number, number[]>();
  const add = (code: number, line: number) => out.set(code, [...(out.get(code) ?? []), line]);
  // Most scripts never mention an exit code: skip parsing them.
  if (!/exit|SystemExit/.test(text)) return out;
  if (language === 'shell') {
    const script = shellTree(text);
    if (!script) return out;
    const lineOf = lineIndex(text);
    const visit = (n: SyntaxNode) => {
      if (n.type === 'Command' && n.name?.value === 'exit') {
        const arg = n.suffix.find((a) => a.type === 'Word');
        if (arg && arg.type === 'Word' && /^\d+$/.test(arg.value)) add(Number(arg.value), lineOf(n.pos));
      }
      // A word holds commands only inside a substitution. Visiting any other word would make
      // unbash compute its parts (lazily built) for nothing: most of the walk's time.
      if (n.type === 'Word' && !MAY_HOLD_COMMAND.test(n.text)) return;
      forEachChild(n, visit);
    };
    visit(script);
    return out;
  }
  const re =
    language === 'python'
      ? /\b(?:sys\.exit|os\._exit|exit|quit|SystemExit)\s*\(\s*(\d+)\s*\)/g
      : language === 'javascript'
        ? /\b(?:process\.exit\s*\(\s*(\d+)\s*\)|process\.exitCode\s*=\s*(\d+))/g
        : undefined;
  if (!re) return out;
  // Search the whole text (native regex speed), then look only at the lines that matched:
  // a match counts when it ends before its line's comment (so it also sits on one line).
  let line = 1;
  let lineStart = 0;
  for (const m of text.matchAll(re)) {
    for (let nl = text.indexOf('\n', lineStart); nl !== -1 && nl < m.index; nl = text.indexOf('\n', lineStart)) {
      line++;
      lineStart = nl + 1;
    }
    const lineEnd = text.indexOf('\n', m.index);
    const code = commentStart(text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd), language);
    if (m.index + m[0].length - lineStart <= code) add(Number(m[1] ?? m[2]), line);
  }
  return out;
}

/** Where a line's trailing comment (a `#` or `//` outside quotes) starts: the line's length when it has none. */
function commentStart(line: string, language: ScriptLanguage): number {
  const marker = language === 'python' ? '#' : '//';
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (line.startsWith(marker, i)) return i;
  }
  return line.length;
}

/** The 1-based line of a 0-based offset of `text` (lines end at `\n`), by binary search over the line starts. */
export function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** True when a script prints a JSON decision (`"decision": "block"`, `permissionDecision`), which decides instead of the exit code. */
export function printsDecision(text: string): boolean {
  // The quotes may be escaped inside a shell string: echo "{\"decision\": ...}".
  return /permissionDecision|\\?["']?decision\\?["']?\s*[:=]/.test(text);
}

/** The literal exit codes of a Ruby script and their lines (`exit 2`, `exit`, `abort "…"`), or none while the Ruby parser is not loaded. */
function rubyExitCodes(text: string): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const s of rubyExitSites(text) ?? []) out.set(s.code, [...(out.get(s.code) ?? []), s.line]);
  return out;
}
