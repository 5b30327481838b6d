import { forEachChild, type SyntaxNode } from 'unbash';
import { shellTree } from './script-exits.js';
import type { ScriptLanguage } from './scripts.js';
import { rubyExitSites } from './script-output-ruby.js';

/**
 * Why a script exits 1 on one of its paths (RULES.md §6 `exit-1-does-not-block`,
 * SPEC.md §5.1): the question the rule must answer before it reports is what
 * the author meant by that `exit 1`.
 *
 * - `refusal`: the path writes a refusal ("Blocked: ...", "Use trash instead",
 *   "quality gate failed; fix the issues"), is the fallback of a check that
 *   gates the action (`npm test || exit 1`), or answers a test of the request
 *   itself (`if (command.includes("rm -rf")) process.exit(1)`): the author
 *   wanted to block, and exit 1 does not.
 * - `error`: an error path (input that does not parse, a missing interpreter
 *   or tool, "not found", an `except`/`catch` block): hooks fail open there on
 *   purpose, and exit 1 is the right code.
 * - `unknown`: neither is evident (a bare `exit 1`): not reported.
 *
 * Static and heuristic, never executed. Shell scripts are parsed (the
 * statements before the `exit` in its block, the `if` or `||` it depends on,
 * the calls of a `die`-style function that holds it); Python and JavaScript are
 * read by indentation (the lines of the exit's block and the line that opens
 * it). Error evidence wins over refusal evidence.
 */
export type ExitIntent = 'refusal' | 'error' | 'unknown';

/** One `exit 1` path: the 1-based line of the exit (or of the call that reaches it) and what it means. */
export interface ExitPath {
  line: number;
  intent: ExitIntent;
}

/** Words of an error path: unreadable input, a missing dependency, a failure of the hook itself. */
const ERROR_WORDS =
  /\b(not found|no such|not installed|install(ed)?|missing|required|requires|usage|invalid (json|input|payload|hook input|arguments?|options?)|unknown (command|option|argument|flag|subcommand|mode|action)|needs? --?\w|(failed|unable|could ?n[o']?t|can ?n[o']?t|cannot) (to )?(parse|read|decode|load|find|locate|import|open|connect|resolve|determine|access|start|spawn|launch|run|execute|bind|listen|write|create|save|fetch|download|install|initiali[sz]e|authenticate|reach)|(auth(entication)?|connection|network|request|http|server|poll|api|fetch) (failed|error)|already running|not running|parse error|malformed|json ?decode|no (input|data|payload|stdin)|empty input|not (available|executable|readable|a (file|directory))|traceback|exception|interpreter|unsupported|timed? ?out)\b|\bno\b[^.\n]{0,40}\bfound\b/i;

/** Words of a refusal: the hook says the action is not allowed, or what to do instead. */
const REFUSAL_WORDS =
  /\b(block(ed|ing|s)?|den(y|ied|ies)|refus(e|ed|ing)|not (allowed|permitted)|disallow(ed)?|forbid(den)?|prohibit(ed)?|dangerous|unsafe|prevent(ed|ing)?|reject(ed)?|violat(es?|ion|ed)|polic(y|ies)|protected|sensitive|secrets?|must|please|fix(es)?|do not|don'?t|never|instead|aborted|gate|fail(ed|ing|ures?)|errors? found|found \d+|issues?|problems?|not (ready|complete|done|finished))\b/i;

/**
 * A check whose failure gates the action (`npm test || exit 1`, `if ! npx tsc; then
 * exit 1; fi`): a type checker, linter or test runner, or a package runner asked to
 * test, lint or check.
 */
const GATE = /^\s*!?\s*(?:\S*\/)?(?:(?:tsc|eslint|prettier|biome|pytest|ruff|mypy|pyright|flake8|black|shellcheck|jest|vitest|mocha|phpunit|rspec|rubocop|golangci-lint|swiftlint|ktlint)\b|(?:npm|pnpm|yarn|bun|npx|bunx|deno|cargo|go|make|uv|poetry)\b.*\b(?:test|lint|check|typecheck|type-check|clippy|vet|verify|validate)\b)/;

/** Conditions of an error path: a dependency probe, a missing file, empty or unparsable input, a caught exception. */
const ERROR_CONDITION = /\bcommand -v\b|\bwhich\b|\btype -[pP]\b|\bhash \w|(\[\[?|test) +! +-[efdrxs]\b|-z +"?\$|\bjq +(-e +\.|empty)|\$# +-(lt|eq|ne)\b|\bexcept\b|\bcatch\b|\bis None\b|^\s*(el)?if\s+not\s+\w+\s*:|\bif\s*\(\s*!\s*[\w.]+\s*\)/;

/** A condition that tests what the hook is asked to do (the tool input, the command, the prompt) against a pattern. */
const INPUT_REF = /tool_input|tool_name|\bcommand\b|file_path|\bprompt\b|\$\{?(cmd|CMD|command|COMMAND|file|FILE|file_path|FILE_PATH|tool|TOOL|prompt|PROMPT)\b/;
const CONTENT_TEST = /\.includes\(|\.match\(|\.test\(|\.search\(|\.startsWith\(|\.endsWith\(|\.startswith\(|\.endswith\(|re\.(search|match|fullmatch)\(|=~|==|\bin\b|\bgrep\b|\bcase\b/;

function classify(messages: string, condition: string): ExitIntent {
  if (ERROR_CONDITION.test(condition) || ERROR_WORDS.test(messages)) return 'error';
  if (REFUSAL_WORDS.test(messages)) return 'refusal';
  // `if cmd includes "rm -rf": exit(1)`: the exit answers a test of the request itself.
  if (INPUT_REF.test(condition) && CONTENT_TEST.test(condition)) return 'refusal';
  return 'unknown';
}

/** The `exit 1` paths of a script and their intent (only exit code 1; see ExitIntent). */
export function exitOnePaths(text: string, language: ScriptLanguage): ExitPath[] {
  if (language === 'shell') return shellPaths(text);
  if (language === 'python' || language === 'javascript') return indentedPaths(text, language);
  if (language === 'ruby') return rubyPaths(text);
  return [];
}

// ---------------------------------------------------------------------------
// Shell

const ECHOES = /^(echo|printf|cat|logger|>&2|warn|error|err|fail|die|log|info|notice|block|deny|reject|abort|fatal)$/;

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Text a list of statements writes: the words of echo/printf/cat/logging commands and here-documents, anywhere inside them. */
function messagesOf(nodes: readonly SyntaxNode[]): string {
  let out = '';
  const visit = (n: SyntaxNode) => {
    if (n.type === 'Command' && n.name && ECHOES.test(n.name.value)) {
      for (const a of n.suffix) {
        if (a.type === 'Word') out += ' ' + a.value;
        else if (a.type === 'HereDoc') out += ' ' + a.body.text;
      }
    }
    forEachChild(n, visit);
  };
  nodes.forEach(visit);
  return out;
}

function shellPaths(text: string): ExitPath[] {
  if (!/\bexit\s+1\b/.test(text)) return [];
  const script = shellTree(text);
  if (!script) return [];
  const out: ExitPath[] = [];
  // Calls of each function by name, found once: a `die "msg"` helper takes its message from its callers.
  const calls = new Map<string, { line: number; message: string }[]>();
  const found: { node: SyntaxNode; stack: SyntaxNode[] }[] = [];
  const stack: SyntaxNode[] = [];
  const visit = (n: SyntaxNode) => {
    if (n.type === 'Command' && n.name) {
      const name = n.name.value;
      if (name === 'exit') {
        const arg = n.suffix.find((a) => a.type === 'Word');
        if (arg?.type === 'Word' && arg.value === '1') found.push({ node: n, stack: [...stack] });
      } else {
        const list = calls.get(name) ?? [];
        list.push({ line: lineOf(text, n.pos), message: n.suffix.map((a) => (a.type === 'Word' ? a.value : '')).join(' ') });
        calls.set(name, list);
      }
    }
    stack.push(n);
    forEachChild(n, visit);
    stack.pop();
  };
  visit(script);
  for (const { node, stack: ancestors } of found) {
    let messages = '';
    let condition = '';
    let fn: string | undefined;
    // Walk outwards: the statements before the exit in each enclosing list, the `||`/`&&`
    // commands before it, and the condition of the `if` whose branch holds it.
    let child: SyntaxNode = node;
    for (let i = ancestors.length - 1; i >= 0; i--) {
      const a = ancestors[i]!;
      if (a.type === 'CompoundList' || a.type === 'Script') {
        const idx = a.commands.findIndex((s) => s === child);
        if (idx > 0) messages += messagesOf(a.commands.slice(0, idx));
      } else if (a.type === 'AndOr') {
        const idx = a.commands.findIndex((c) => c === child);
        if (idx > 0) {
          const before = a.commands.slice(0, idx);
          messages += messagesOf(before);
          const last = before[before.length - 1]!;
          condition += ' ' + text.slice(before[0]!.pos, last.end);
          if (a.operators[idx - 1] === '||' && GATE.test(text.slice(last.pos, last.end))) messages += ' gate';
        }
      } else if (a.type === 'If' || a.type === 'Elif') {
        if (child !== a.clause) {
          const clause = text.slice(a.clause.pos, a.clause.end);
          condition += ' ' + clause;
          if (child === a.then && GATE.test(clause) && /^\s*!/.test(clause)) messages += ' gate';
        }
      } else if (a.type === 'Function') {
        fn = a.name.value;
        break;
      }
      child = a;
    }
    let intent = classify(messages, condition);
    let line = lineOf(text, node.pos);
    if (intent === 'unknown' && fn !== undefined) {
      // `die() { echo "$*" >&2; exit 1; }`: what the callers say decides.
      const intents = (calls.get(fn) ?? []).map((c) => ({ line: c.line, intent: classify(c.message, '') }));
      if (intents.some((c) => c.intent === 'error')) intent = 'error';
      else {
        const refusal = intents.find((c) => c.intent === 'refusal');
        if (refusal) (intent = 'refusal'), (line = refusal.line);
      }
    }
    out.push({ line, intent });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Python and JavaScript, by indentation

const EXIT_ONE = {
  python: /\b(?:sys\.exit|os\._exit|exit|quit|SystemExit)\s*\(\s*1\s*\)/,
  javascript: /\bprocess\.exit\s*\(\s*1\s*\)|\bprocess\.exitCode\s*=\s*1\b/,
};

/** String literals of a line (single, double, back quotes): what it prints. */
function stringsOf(line: string): string {
  return (line.match(/(["'`])(?:\\.|(?!\1).)*\1/g) ?? []).join(' ');
}

function indentOf(line: string): number {
  return /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length;
}

function indentedPaths(text: string, language: 'python' | 'javascript'): ExitPath[] {
  const re = EXIT_ONE[language];
  if (!re.test(text)) return [];
  const lines = text.split(/\r?\n/);
  const comment = language === 'python' ? /^\s*#/ : /^\s*(\/\/|\*|\/\*)/;
  const out: ExitPath[] = [];
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l]!;
    if (comment.test(line) || !re.test(line)) continue;
    const indent = indentOf(line);
    // The lines before the exit in its block, and the line that opens the block.
    let messages = stringsOf(line.replace(re, ''));
    let header = '';
    for (let k = l - 1; k >= 0 && l - k <= 40; k--) {
      const prev = lines[k]!;
      if (prev.trim() === '' || comment.test(prev)) continue;
      const pi = indentOf(prev);
      if (pi < indent) {
        header = prev;
        break;
      }
      messages += ' ' + stringsOf(prev);
    }
    // JavaScript on one line: `if (bad) { console.error('Blocked'); process.exit(1); }`.
    if (!header && language === 'javascript') header = line;
    let intent = classify(messages, header);
    let at = l + 1;
    const def = language === 'python' ? /^\s*(?:async\s+)?def\s+(\w+)/.exec(header) : /\bfunction\s+(\w+)|\b(?:const|let|var)\s+(\w+)\s*=\s*(?:async\s*)?\(/.exec(header);
    const fn = def ? (def[1] ?? def[2]) : undefined;
    if (intent === 'unknown' && fn) {
      const call = new RegExp(`\\b${fn}\\s*\\(`);
      const intents = lines.flatMap((c, i) => (i !== l && call.test(c) && !/^\s*(async\s+)?def\s|\bfunction\s/.test(c) ? [{ line: i + 1, intent: classify(stringsOf(c), '') }] : []));
      if (intents.some((c) => c.intent === 'error')) intent = 'error';
      else {
        const refusal = intents.find((c) => c.intent === 'refusal');
        if (refusal) (intent = 'refusal'), (at = refusal.line);
      }
    }
    out.push({ line: at, intent });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Ruby (read from its tree by script-output-ruby.ts)

/** Ruby's error conditions: a rescue clause, a missing file, a nil value. */
const RUBY_ERROR_CONDITION = /^rescue\b|\.nil\?|\bFile\.(?:exist|file|directory|readable|executable)\?/;
/** Ruby's tests of a value against a pattern. */
const RUBY_CONTENT_TEST = /\.(?:include|match|start_with|end_with)\?|=~|\.match\(|==/;

/**
 * The `exit 1` paths of a Ruby script (`exit 1`, `exit!`, `exit false`, `abort "…"`), judged as
 * Python's are: the strings before the exit in its block and the condition that opens it; in a
 * method with no evidence of its own, the strings of its calls. None while the Ruby parser is not loaded.
 */
function rubyPaths(text: string): ExitPath[] {
  const classifyRuby = (messages: string, header: string): ExitIntent => {
    if (RUBY_ERROR_CONDITION.test(header)) return 'error';
    const intent = classify(messages, header);
    return intent === 'unknown' && INPUT_REF.test(header) && RUBY_CONTENT_TEST.test(header) ? 'refusal' : intent;
  };
  return (rubyExitSites(text) ?? [])
    .filter((s) => s.code === 1)
    .map((s) => {
      let intent = classifyRuby(s.messages, s.header);
      let at = s.line;
      if (intent === 'unknown' && s.fn) {
        const intents = s.callers.map((c) => ({ line: c.line, intent: classifyRuby(c.messages, '') }));
        if (intents.some((c) => c.intent === 'error')) intent = 'error';
        else {
          const refusal = intents.find((c) => c.intent === 'refusal');
          if (refusal) (intent = 'refusal'), (at = refusal.line);
        }
      }
      return { line: at, intent };
    });
}
