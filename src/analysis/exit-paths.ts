import type { SyntaxNode as LezerNode } from '@lezer/common';
import { forEachChild, type SyntaxNode } from 'unbash';
import { jsTree, kids, lineIndex, pythonTree, shellTree, STRING_NODES } from './script-parse.js';
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
 * the calls of a `die`-style function that holds it); Python and JavaScript by
 * Lezer (the string literals of the statements before the exit in its block,
 * the clause that opens the block: `if`/`elif` condition, `except`, `catch`,
 * and the calls of the function whose body holds it). An exit in a comment or
 * a string is no exit. Error evidence wins over refusal evidence.
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
  try {
    if (language === 'shell') return shellPaths(text);
    if (language === 'python' || language === 'javascript') return lezerPaths(text, language);
    if (language === 'ruby') return rubyPaths(text);
  } catch {
    // A text the walk cannot take (nesting deeper than the stack): no paths claimed.
  }
  return [];
}

// ---------------------------------------------------------------------------
// Shell

const ECHOES = /^(echo|printf|cat|logger|>&2|warn|error|err|fail|die|log|info|notice|block|deny|reject|abort|fatal)$/;

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

/** How many statements before a shell `exit 1` are read for its message (as the Python/JS reading looks 40 lines back). */
const SHELL_LOOKBACK = 20;
/** The `exit 1` sites of one script that are judged: the first ones (a generated script of thousands adds nothing). */
const MAX_EXIT_SITES = 200;

function shellPaths(text: string): ExitPath[] {
  if (!/\bexit\s+1\b/.test(text)) return [];
  const script = shellTree(text);
  if (!script) return [];
  const out: ExitPath[] = [];
  const lineOf = lineIndex(text);
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
        list.push({ line: lineOf(n.pos), message: n.suffix.map((a) => (a.type === 'Word' ? a.value : '')).join(' ') });
        calls.set(name, list);
      }
    }
    stack.push(n);
    forEachChild(n, visit);
    stack.pop();
  };
  visit(script);
  for (const { node, stack: ancestors } of found.slice(0, MAX_EXIT_SITES)) {
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
        // The statements just before it (bounded: a script of thousands of `exit 1` stays linear).
        if (idx > 0) messages += messagesOf(a.commands.slice(Math.max(0, idx - SHELL_LOOKBACK), idx));
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
    let line = lineOf(node.pos);
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
// Python and JavaScript, on their Lezer trees

/** Callees that exit with their argument. */
const EXIT_CALLEES = {
  python: new Set(['sys.exit', 'exit', 'quit', 'os._exit', 'SystemExit']),
  javascript: new Set(['process.exit']),
};

/** Nodes whose children are statements run in order. */
const BLOCKS = /^(Body|Block|Script|SwitchBody)$/;
/** Statements whose direct child may be a statement (`if (x) process.exit(1);`). */
const HOLDERS = /^(IfStatement|WhileStatement|ForStatement|ForInStatement|ForOfStatement|DoStatement|LabeledStatement)$/;
/** Keywords that open a Python block (`elif x:`, `except E:`). */
const OPENERS = /^(if|elif|else|try|except|finally|for|while|with|def|class|match|case|async)$/;

function lezerPaths(text: string, language: 'python' | 'javascript'): ExitPath[] {
  if (!(language === 'python' ? /\b(?:exit|quit|SystemExit)\s*\(\s*1\s*\)/ : /\bprocess\s*\.\s*exit(?:\s*\(\s*1\s*\)|Code\s*=\s*1\b)/).test(text)) return [];
  const tree = language === 'python' ? pythonTree(text) : jsTree(text);
  const lineOf = lineIndex(text);
  const src = (n: LezerNode) => text.slice(n.from, n.to);
  const exits: LezerNode[] = [];
  /** Calls by callee name (`die`, `self.die` as `die`). */
  const calls = new Map<string, LezerNode[]>();
  tree.iterate({
    enter: (ref) => {
      if (ref.name === 'CallExpression') {
        const n = ref.node;
        const callee = n.firstChild;
        const args = n.lastChild;
        if (!callee || args?.name !== 'ArgList') return;
        const name = src(callee).replace(/\s+/g, '');
        const list = kids(args).filter((x) => !/^[(),]$/.test(x.name));
        if (EXIT_CALLEES[language].has(name) && list.length === 1 && src(list[0]!) === '1') exits.push(n);
        const short = /(?:^|\.)([A-Za-z_$][\w$]*)$/.exec(name)?.[1];
        if (short) calls.set(short, [...(calls.get(short) ?? []), n]);
      } else if (ref.name === 'AssignmentExpression' && language === 'javascript') {
        const [target, op, value] = kids(ref.node);
        if (target && src(target).replace(/\s+/g, '') === 'process.exitCode' && op?.name === 'Equals' && value && src(value) === '1') exits.push(ref.node);
      }
    },
  });
  /** The literal text of the strings under `n` (what it prints or says), quotes kept. */
  const strings = (n: LezerNode): string => {
    if (STRING_NODES.test(n.name)) return ' ' + src(n);
    let out = '';
    for (let c = n.firstChild; c; c = c.nextSibling) out += strings(c);
    return out;
  };
  const out: ExitPath[] = [];
  for (const call of exits) {
    // The statement holding the exit, and the block (or `if`) it is a statement of.
    let stmt: LezerNode = call;
    while (stmt.parent && !BLOCKS.test(stmt.parent.name) && !HOLDERS.test(stmt.parent.name)) stmt = stmt.parent;
    const holder = stmt.parent;
    const exitLine = lineOf(call.from);
    // What the block writes before the exit (at most 40 lines back), and what opens the block.
    let messages = strings(stmt);
    for (let s = stmt.prevSibling; s && holder && BLOCKS.test(holder.name) && exitLine - lineOf(s.from) <= 40; s = s.prevSibling) {
      if (s.name === 'CaseLabel') break;
      messages += strings(s);
    }
    let header = '';
    let fn: string | undefined;
    if (holder && HOLDERS.test(holder.name)) header = text.slice(holder.from, stmt.from);
    else if (holder && holder.name !== 'Script' && holder.parent) {
      const opener = holder.parent;
      if (language === 'python') {
        // From the keyword that opens this body (`elif cond`, `except E`, `def f(x)`) to its colon.
        let k = holder.prevSibling;
        while (k && !OPENERS.test(k.name)) k = k.prevSibling;
        header = text.slice(k ? k.from : opener.from, holder.from);
      } else {
        header = text.slice(opener.name === 'IfStatement' && holder.prevSibling?.name === 'else' ? holder.prevSibling.from : opener.from, holder.from);
        // A callback's body: the call it is handed to says what it is for (`main().catch((err) => {…})`).
        const call = opener.parent?.name === 'ArgList' ? opener.parent.parent : null;
        if ((opener.name === 'ArrowFunction' || opener.name === 'FunctionExpression') && call?.name === 'CallExpression' && call.firstChild) header = src(call.firstChild) + ' ' + header;
      }
      if (/^(FunctionDefinition|FunctionDeclaration|MethodDeclaration)$/.test(opener.name)) {
        const id = kids(opener).find((c) => c.name === 'VariableName' || c.name === 'VariableDefinition' || c.name === 'PropertyDefinition');
        if (id) fn = src(id);
      } else if ((opener.name === 'ArrowFunction' || opener.name === 'FunctionExpression') && opener.parent?.name === 'VariableDeclaration') {
        const id = kids(opener.parent).find((c) => c.name === 'VariableDefinition');
        if (id) fn = src(id);
      }
    }
    let intent = classify(messages, header);
    let line = exitLine;
    if (intent === 'unknown' && fn) {
      // `def die(msg): print(msg); sys.exit(1)`: what the callers say decides.
      const intents = (calls.get(fn) ?? []).map((c) => ({ line: lineOf(c.from), intent: classify(c.lastChild ? strings(c.lastChild) : '', '') }));
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
