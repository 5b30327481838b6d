import { analyzeShell, basename, type SimpleCommand } from './command.js';
import type { ScriptLanguage } from './scripts.js';
import { rubyEnvReads, rubyInputReads } from './script-reads-ruby.js';

/**
 * What a hook script reads from Claude Code, found statically (never run):
 * the environment variables it reads and the fields of the hook input (the
 * JSON on stdin) it reads. Small focused scanners, not a parser: Python and
 * JavaScript/TypeScript text is scanned with comments, docstrings and template
 * literals blanked and matches inside ordinary string literals dropped; shell
 * is parsed with unbash (`analyzeShell`). A read counts only when the text
 * proves it: a computed name (`os.environ[name]`) or a field read through
 * anything but the parsed input itself is not reported.
 * (Issue 25: these could later move onto the parser-based script analysis.)
 */

/** One read, with its 1-based line in the script. */
export interface ScriptRead {
  name: string;
  line: number;
  /** The read says what happens when the value is unset: a default or an alternative on its line (`os.environ.get("X", "")`, `env.X || input.x`). */
  fallback: boolean;
}

/**
 * The text with comments (and in Python docstrings/triple-quoted strings, in
 * JavaScript block comments and template literals) replaced by spaces, newlines
 * kept: offsets and lines stay those of `text`. Ordinary string literals stay.
 */
export function maskCode(text: string, language: 'python' | 'javascript'): string {
  return memo(masks[language], text, () => maskUncached(text, language));
}

function maskUncached(text: string, language: 'python' | 'javascript'): string {
  const out = text.split('');
  const blank = (from: number, to: number) => {
    for (let k = from; k < to && k < out.length; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (language === 'python' && (text.startsWith('"""', i) || text.startsWith("'''", i))) {
      const q = text.slice(i, i + 3);
      const end = text.indexOf(q, i + 3);
      const stop = end === -1 ? text.length : end + 3;
      blank(i, stop);
      i = stop;
    } else if (language === 'python' && c === '#') {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? text.length : end;
      blank(i, stop);
      i = stop;
    } else if (language === 'javascript' && text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? text.length : end;
      blank(i, stop);
      i = stop;
    } else if (language === 'javascript' && text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (language === 'javascript' && c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== '`') j += text[j] === '\\' ? 2 : 1;
      blank(i, j + 1);
      i = j + 1;
    } else if (c === '"' || c === "'") {
      // An ordinary string: kept, skipped whole so that a `#` or `//` inside is not a comment.
      let j = i + 1;
      while (j < text.length && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      i = j + 1;
    } else i++;
  }
  return out.join('');
}

/** True when offset `at` of `masked` lies inside a string literal of its line (an odd number of unescaped quotes before it). */
function insideString(masked: string, at: number): boolean {
  const start = masked.lastIndexOf('\n', at - 1) + 1;
  let quote = '';
  for (let i = start; i < at; i++) {
    const c = masked[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
  }
  return quote !== '';
}

function lineAt(text: string, at: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function lineText(text: string, at: number): string {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const end = text.indexOf('\n', at);
  return text.slice(start, end === -1 ? text.length : end);
}

const ENV_PATTERNS: Record<'python' | 'javascript', RegExp[]> = {
  python: [/\bos\.environ(?:\.get)?\s*[[(]\s*(['"])([A-Za-z_]\w*)\1(\s*,)?/g, /\bos\.getenv\s*\(\s*(['"])([A-Za-z_]\w*)\1(\s*,)?/g],
  javascript: [/\b(?:process|Bun)\.env\.([A-Za-z_]\w*)()/g, /\b(?:process|Bun)\.env\[\s*(['"])([A-Za-z_]\w*)\1\s*\]/g, /\bDeno\.env\.get\(\s*(['"])([A-Za-z_]\w*)\1/g],
};

/**
 * The environment variables a script reads by a literal name: Python
 * `os.environ["X"]`, `os.environ.get("X")`, `os.getenv("X")`; JavaScript
 * `process.env.X`, `process.env["X"]`, `Bun.env.X`, `Deno.env.get("X")`;
 * shell `$X` / `${X}` expansions without a default (`${X:-…}` says what happens
 * when unset) of names the script does not assign. A shell script that
 * sources another file (which may set anything) yields nothing.
 */
export function envReads(text: string, language: ScriptLanguage): ScriptRead[] {
  // Ruby: read from its tree (script-reads-ruby.ts); nothing while its parser is not loaded.
  if (language === 'ruby') return rubyEnvReads(text) ?? [];
  return memo(envMemo[language], text, () => envReadsUncached(text, language));
}

function envReadsUncached(text: string, language: ScriptLanguage): ScriptRead[] {
  if (language === 'shell') {
    if (!/\$\{?[A-Za-z_]/.test(text)) return [];
    const a = analyzeShell(text);
    if (a.hasErrors || a.commands.some((c) => c.program === 'source' || c.program === '.' || (c.program === 'set' && c.args.some((x) => /^-\w*a/.test(x))))) return [];
    return a.variables.filter((v) => !v.guarded && !a.assigned.has(v.name)).map((v) => ({ name: v.name, line: lineAt(text, v.pos), fallback: false }));
  }
  if (language !== 'python' && language !== 'javascript') return [];
  if (!/environ|getenv|\.env\b/.test(text)) return [];
  const masked = maskCode(text, language);
  const out: ScriptRead[] = [];
  for (const re of ENV_PATTERNS[language])
    for (const m of masked.matchAll(re)) {
      if (insideString(masked, m.index)) continue;
      const name = language === 'javascript' && m[2] === '' ? m[1]! : m[2]!;
      // A default (`os.environ.get("X", "")`) or an alternative on the same line (`env.X || input.x`,
      // `… or data.get("x")`, `?? …`) says what happens when it is unset, like `${X:-…}` in shell.
      const line = lineText(masked, m.index);
      const fallback = m[3] !== undefined || /\|\||\?\?|\bor\b/.test(line);
      out.push({ name, line: lineAt(text, m.index), fallback });
    }
  return out.sort((a, b) => a.line - b.line);
}

/** The start of each top-level path in a jq filter's first stage (`.tool_name // ""`, `.tool_input.command` → tool_name, tool_input). */
export function jqTopFields(filter: string): string[] {
  const first = filter.split('|')[0]!;
  const out: string[] = [];
  for (const m of first.matchAll(/(^|[^\w.\]\)"'$])\.([A-Za-z_]\w*)/g)) out.push(m[2]!);
  return out;
}

/** jq options that take a value (the filter is the first other word). */
const JQ_VALUE_OPTS = new Set(['--arg', '--argjson', '--slurpfile', '--rawfile', '--args', '--jsonargs', '-f', '--from-file', '--indent', '-L']);

function jqFilter(cmd: SimpleCommand): string | undefined {
  for (let i = 0; i < cmd.args.length; i++) {
    const a = cmd.args[i]!;
    if (a === '--arg' || a === '--argjson' || a === '--slurpfile' || a === '--rawfile') {
      i += 2;
      continue;
    }
    if (JQ_VALUE_OPTS.has(a)) return undefined;
    if (a.startsWith('-')) continue;
    return a;
  }
  return undefined;
}

/**
 * The fields of the hook input a script reads directly, by a literal name:
 * Python `data.get("x")` / `data["x"]` where `data = json.load(sys.stdin)` (or
 * `json.loads(sys.stdin.read())`), and `json.load(sys.stdin).get("x")` (also
 * inside a shell script's `python -c`); JavaScript `input.x`, `input?.x`,
 * `input["x"]`, `const { x } = input` where `input = JSON.parse(…)` in a
 * script that reads stdin; shell `jq` filters fed the saved input
 * (`INPUT=$(cat)`, then `echo "$INPUT" | jq -r '.x'`). Only the top level:
 * `data.get("tool_input", {}).get("command")` reads `tool_input`.
 */
export function inputReads(text: string, language: ScriptLanguage): ScriptRead[] {
  if (language === 'ruby') return rubyInputReads(text) ?? [];
  return memo(inputMemo[language], text, () => inputReadsUncached(text, language));
}

function inputReadsUncached(text: string, language: ScriptLanguage): ScriptRead[] {
  const out: ScriptRead[] = [];
  const push = (name: string, at: number) => out.push({ name, line: lineAt(text, at), fallback: false });
  // `json.load(sys.stdin).get("x")`: Python's, also inside a shell script's `python3 -c "…"`.
  const inlineJson = /\bjson\.loads?\(\s*sys\.stdin(?:\.read\(\))?\s*\)\s*(?:\.get\(\s*|\[\s*)(['"])([A-Za-z_]\w*)\1/g;
  if (language === 'python') {
    const masked = maskCode(text, 'python');
    for (const m of masked.matchAll(inlineJson)) if (!insideString(masked, m.index)) push(m[2]!, m.index);
  }
  if (language === 'python') {
    const masked = maskCode(text, 'python');
    const vars = new Set([...masked.matchAll(/^[ \t]*([A-Za-z_]\w*)\s*=\s*json\.loads?\(\s*sys\.stdin(?:\.read\(\))?\s*\)\s*$/gm)].map((m) => m[1]!));
    // A name bound to anything else as well (`data = {}` in an except) still holds the input on the main path.
    for (const v of vars) {
      // Fields the script stores itself (`data["logged_at"] = …`) are not read from Claude Code.
      const written = new Set([...masked.matchAll(new RegExp(`(?<![\\w.])${v}\\[\\s*(['"])([A-Za-z_]\\w*)\\1\\s*\\]\\s*=(?!=)`, 'g'))].map((m) => m[2]!));
      for (const m of masked.matchAll(new RegExp(`(?<![\\w.])${v}(?:\\.get\\(\\s*|\\[\\s*)(['"])([A-Za-z_]\\w*)\\1`, 'g'))) if (!insideString(masked, m.index) && !written.has(m[2]!)) push(m[2]!, m.index);
    }
  } else if (language === 'javascript') {
    if (!/process\.stdin|readFileSync\(\s*(?:0|['"]\/dev\/stdin['"]|process\.stdin\.fd)|Bun\.stdin/.test(text)) return out;
    const masked = maskCode(text, 'javascript');
    // What holds the raw input: a read of fd 0 (`readFileSync(0, 'utf8')`), or a string the
    // stdin 'data' handler appends to (`raw += chunk`).
    const STDIN_READ = `(?:await\\s+)?[\\w.]*readFileSync\\(\\s*(?:0|'/dev/stdin'|"/dev/stdin"|process\\.stdin\\.fd)[^)]*\\)(?:\\.toString\\(\\))?`;
    const raw = new Set([...masked.matchAll(new RegExp(`\\b([A-Za-z_$][\\w$]*)\\s*(?::\\s*string\\s*)?=\\s*${STDIN_READ}`, 'g'))].map((m) => m[1]!));
    if (/process\.stdin\.on\(\s*['"]data['"]/.test(masked)) for (const m of masked.matchAll(/\b([A-Za-z_$][\w$]*)\s*\+=\s*[A-Za-z_$][\w$]*\b/g)) raw.add(m[1]!);
    const vars = new Set<string>();
    for (const m of masked.matchAll(/\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::\s*[\w<>, [\]]+)?=\s*JSON\.parse\(\s*([^()]*(?:\([^()]*\)[^()]*)*)\)/g)) {
      const arg = m[2]!.trim();
      if (new RegExp(`^${STDIN_READ}$`).test(arg) || raw.has(/^([A-Za-z_$][\w$]*)/.exec(arg)?.[1] ?? '')) vars.add(m[1]!);
    }
    for (const v of vars) {
      const id = v.replace(/\$/g, '\\$');
      // A name that is also a parameter somewhere (`function f(input)`, `input =>`) may be another value there: not judged.
      if (new RegExp(`function\\s*[\\w$]*\\s*\\([^)]*\\b${id}\\b[^)]*\\)|\\(\\s*(?:[\\w$]+\\s*,\\s*)*${id}\\s*(?:,[^()]*)?\\)\\s*=>|(?<![\\w$.])${id}\\s*=>`).test(masked)) continue;
      // Fields the script stores itself (`input.seen = …`, `input["x"] = …`) are not read from Claude Code.
      const written = new Set(
        [...masked.matchAll(new RegExp(`(?<![\\w$.])${id}(?:\\.([A-Za-z_]\\w*)|\\[\\s*(['"])([A-Za-z_]\\w*)\\2\\s*\\])\\s*=(?!=)`, 'g'))].map((m) => m[1] ?? m[3]!),
      );
      for (const m of masked.matchAll(new RegExp(`(?<![\\w$.])${id}\\??\\.([A-Za-z_]\\w*)\\b(?!\\s*\\()`, 'g'))) if (!insideString(masked, m.index) && !written.has(m[1]!)) push(m[1]!, m.index);
      for (const m of masked.matchAll(new RegExp(`(?<![\\w$.])${id}\\[\\s*(['"])([A-Za-z_]\\w*)\\1\\s*\\]`, 'g'))) if (!insideString(masked, m.index) && !written.has(m[2]!)) push(m[2]!, m.index);
      for (const m of masked.matchAll(new RegExp(`\\b(?:const|let|var)\\s*\\{([^{}]*)\\}\\s*=\\s*${id}\\s*[;\\n]`, 'g')))
        for (const part of m[1]!.split(',')) {
          const name = /^\s*([A-Za-z_]\w*)/.exec(part)?.[1];
          if (name) push(name, m.index);
        }
    }
  } else if (language === 'shell') {
    if (!/\bjq\b|json\.load/.test(text)) return out;
    // Variables that hold the hook input: `INPUT=$(cat)`, `INPUT="$(cat -)"`, `INPUT=$(cat /dev/stdin)`.
    const inputVars = new Set([...text.matchAll(/^[ \t]*(?:local[ \t]+|readonly[ \t]+|export[ \t]+)?([A-Za-z_]\w*)=["']?\$\(\s*cat(?:\s+-|\s+\/dev\/stdin)?\s*\)["']?[ \t]*(?:#.*)?$/gm)].map((m) => m[1]!));
    if (inputVars.size === 0) return out;
    // `echo "$INPUT" | python3 -c "…json.load(sys.stdin).get('x')…"` on one line.
    for (const m of text.matchAll(inlineJson)) {
      const line = lineText(text, m.index);
      const before = line.slice(0, line.indexOf('json.load'));
      if ([...inputVars].some((v) => new RegExp(`(?:echo|printf)[^|]*\\$\\{?${v}\\b[^|]*\\|`).test(before))) push(m[2]!, m.index);
    }
    if (!/\bjq\b/.test(text)) return out.sort((x, y) => x.line - y.line);
    const a = analyzeShell(text);    for (const cmd of a.commands) {
      const next = cmd.pipedTo;
      if (!next || basename(next.program) !== 'jq' || (cmd.program !== 'echo' && cmd.program !== 'printf')) continue;
      const fed = cmd.written.slice(1).some((w) => [...inputVars].some((v) => w === `$${v}` || w === `\${${v}}`));
      const filter = fed ? jqFilter(next) : undefined;
      if (filter === undefined) continue;
      for (const f of jqTopFields(filter)) push(f, next.words[0]?.pos ?? 0);
    }
  }
  return out.sort((x, y) => x.line - y.line);
}

// Several rules and handlers read the same script: each scan runs once per text
// (per language), in caches that start over when full, as `scriptOutput`'s does.
const MEMO_SIZE = 256;
function memo<T>(cache: Map<string, T>, text: string, compute: () => T): T {
  let v = cache.get(text);
  if (v === undefined) {
    if (cache.size >= MEMO_SIZE) cache.clear();
    v = compute();
    cache.set(text, v);
  }
  return v;
}
const masks = { python: new Map<string, string>(), javascript: new Map<string, string>() };
const byLanguage = <T>(): Record<ScriptLanguage, Map<string, T>> => ({ shell: new Map(), python: new Map(), javascript: new Map(), ruby: new Map(), other: new Map() });
const envMemo = byLanguage<ScriptRead[]>();
const inputMemo = byLanguage<ScriptRead[]>();
