import { forEachChild, type SyntaxNode } from 'unbash';
import { lineIndex, perText, shellTree } from './script-parse.js';

/**
 * What a shell hook script says through the commands it runs, beyond the
 * `echo`/`printf` prints that `script-output.ts` reads (SPEC.md §13.4, "Plain
 * stdout, exit 0", "Exit 2"):
 *
 * - `messages`: the calls of the script's own message helpers (a function that
 *   echoes its argument to stderr: `log_warning "…"`, `die "…"`), each with its
 *   literal text and the exit code that follows the call;
 * - `reports`: the runs of a checker (eslint, `ruff check`, tsc, mypy, pytest,
 *   shellcheck, …) whose report, which such tools write to stdout, is left on
 *   the hook's stdout.
 *
 * Read from unbash's tree of the script, never run. A function's body is
 * analysed where it is called only for message helpers (their text is the
 * call's); a checker run inside a function is left out (its caller may
 * redirect or capture it). Prints under a debug or verbose switch are marked
 * (`debugLines`; `underDebugSwitch` for Python and JavaScript lines): they
 * are logging, whatever they say.
 */

/** One call of a message helper of the script. */
export interface HelperMessage {
  /** The helper's name (`log_warning`). */
  helper: string;
  /** Where the helper writes: `stderr` (`echo "$1" >&2`), or `stdout`. */
  stream: 'stdout' | 'stderr';
  /** The call's arguments as text, expansions as `…`. */
  text: string;
  /** 1-based line of the call. */
  line: number;
  /** The literal exit code that ends the call's path: the helper's own `exit N`, or the first `exit N` after the call in its block. */
  exit?: number;
  /** The call runs only on some paths of the top level (in an `if` branch, a loop, a `case`, after `&&`/`||`). */
  conditional: boolean;
  /** The function the call is inside, if any. */
  fn?: string;
  /** The call runs only under a debug or verbose switch (`if [ -n "$DEBUG" ]`, `$VERBOSE && …`). */
  debug: boolean;
}

/** One run of a checker whose report stays on the hook's stdout. */
export interface ToolReport {
  /** The checker (`eslint`, `ruff check`, `tsc`). */
  tool: string;
  /** 1-based line of the command. */
  line: number;
  /** The literal code of an `exit N` that follows the run in its block, when there is one. */
  exit?: number;
}

/** What `scriptMessages` finds in a shell script. */
export interface ScriptMessages {
  messages: HelperMessage[];
  reports: ToolReport[];
  /** The script sends all later stdout elsewhere (`exec >&2`, `exec > log`): no report reaches stdout. */
  stdoutMoved: boolean;
  /** 1-based lines of the `echo`/`printf` commands that run only under a debug or verbose switch. */
  debugLines: ReadonlySet<number>;
}

const NONE: ScriptMessages = { messages: [], reports: [], stdoutMoved: false, debugLines: new Set() };

/** A condition that switches on debugging output: `$DEBUG`, `HOOK_VERBOSE`, `--verbose`, `trace`. */
export const DEBUG_SWITCH = /debug|verbose|trace/i;

/** The message-helper calls and checker runs of a shell script's text (cached per text; bounded). Other languages: none. */
export function scriptMessages(text: string): ScriptMessages {
  return perText(cache, text, () => shellMessages(text), 128, () => NONE);
}
const cache = new Map<string, ScriptMessages>();

type Cmd = SyntaxNode & { type: 'Command' };
type Words = { type: string; value?: string; parts?: unknown[] };

/** A word's text with its expansions as `…`, and whether it holds a positional parameter (`$1`, `$*`, `$@`). */
function wordText(w: SyntaxNode): { text: string; positional: boolean } {
  let positional = false;
  const flat = (ps: readonly Words[]): string =>
    ps
      .map((p) => {
        if (p.type === 'Literal' || p.type === 'SingleQuoted' || p.type === 'AnsiCQuoted') return p.value ?? '';
        if (p.type === 'DoubleQuoted' || p.type === 'LocaleString') return flat((p.parts ?? []) as Words[]);
        const src = (p as { text?: string }).text ?? '';
        if (/^\$\{?[1-9*@]\}?$/.test(src)) positional = true;
        return '…';
      })
      .join('');
  const word = w as unknown as Words;
  const text = word.parts ? flat(word.parts as Words[]) : (word.value ?? '');
  return { text, positional };
}

/** A redirect's file descriptor (1 when none is written for an output redirect). */
function fdOf(r: SyntaxNode): number | undefined {
  const d = (r as { descriptor?: { type: string; value?: number } }).descriptor;
  if (!d) return undefined;
  return d.type === 'FileDescriptor' ? d.value : -1;
}

/**
 * Where a list of redirects (in order) sends file descriptor `fd`: `swapped`
 * to the other standard stream (`>&2` for stdout, `2>&1` for stderr),
 * `elsewhere` (a file, `/dev/null`, `&>`), or undefined (left alone).
 */
function fdTarget(redirects: readonly SyntaxNode[], fd: 1 | 2): 'swapped' | 'elsewhere' | undefined {
  const other = fd === 1 ? '2' : '1';
  let to: 'swapped' | 'elsewhere' | undefined;
  for (const r of redirects) {
    if (r.type !== 'Redirect') continue;
    const op = (r as { operator: string }).operator;
    const target = (r as { target?: { value?: string } }).target?.value ?? '';
    if (op === '&>' || op === '&>>') to = 'elsewhere';
    else if ((op === '>' || op === '>>' || op === '>|' || op === '>&') && (fdOf(r) ?? 1) === fd) to = op === '>&' && target === other ? 'swapped' : op === '>&' && target === String(fd) ? to : 'elsewhere';
  }
  return to;
}

/** Where a list of redirects sends stdout: `stderr` (`>&2`), `elsewhere` (a file, `/dev/null`, `&>`), or undefined (left alone). */
function stdoutTarget(redirects: readonly SyntaxNode[]): 'stderr' | 'elsewhere' | undefined {
  const to = fdTarget(redirects, 1);
  return to === 'swapped' ? 'stderr' : to;
}

/** Where a list of redirects sends stderr: `stdout` (`2>&1`), `elsewhere` (a file, `/dev/null`, `&>`), or undefined (left alone). */
function stderrTarget(redirects: readonly SyntaxNode[]): 'stdout' | 'elsewhere' | undefined {
  const to = fdTarget(redirects, 2);
  return to === 'swapped' ? 'stdout' : to;
}

/**
 * What an `exec` that runs no program (`exec >&2`, `exec >> "$LOG" 2>&1`,
 * `exec 3>&1 1>&2`, `exec 2>/dev/null`) does to everything the script writes
 * after it: where its stdout and its stderr now go (undefined: left alone).
 * Undefined for any other command.
 */
export function execRedirects(n: SyntaxNode): { stdout?: 'stderr' | 'elsewhere'; stderr?: 'stdout' | 'elsewhere' } | undefined {
  if (n.type !== 'Command' || n.name?.value !== 'exec') return undefined;
  if (n.suffix.length === 0 || !n.suffix.every((a) => a.type === 'Redirect')) return undefined;
  const stdout = stdoutTarget(n.suffix);
  const stderr = stderrTarget(n.suffix);
  return { ...(stdout ? { stdout } : {}), ...(stderr ? { stderr } : {}) };
}

/**
 * Where the command holding offset `at` (0-based, into a handler's command
 * string: the script's word) sends its stderr: `hook` (the hook's stderr),
 * `stdout` (`x.sh 2>&1`: merged into what Claude Code reads as stdout), or
 * `elsewhere` (`x.sh 2>>log`, `2>/dev/null`, `&>log`). `hook` when the text
 * does not parse or no command holds the offset.
 */
export function commandStderr(text: string, at: number): 'hook' | 'stdout' | 'elsewhere' {
  const found = commandAt(text, at);
  if (!found) return 'hook';
  let to = stderrTarget(found.n.suffix);
  for (let i = found.ancestors.length - 1; i >= 0 && to === undefined; i--) {
    const a = found.ancestors[i]!;
    if (a.type === 'Redirected') to = stderrTarget(a.redirects);
  }
  return to ?? 'hook';
}

/** The innermost command of a shell text holding offset `at` (`echo "$(x.sh)"`: x.sh's), with its ancestors; undefined when none does or the text does not parse. */
function commandAt(text: string, at: number): { n: Cmd; ancestors: SyntaxNode[] } | undefined {
  const tree = shellTree(text);
  if (!tree) return undefined;
  let found: { n: Cmd; ancestors: SyntaxNode[] } | undefined;
  const stack: SyntaxNode[] = [];
  const visit = (n: SyntaxNode) => {
    if (n.type === 'Command' && n.pos <= at && at < n.end) found = { n, ancestors: [...stack] };
    stack.push(n);
    forEachChild(n, visit);
    stack.pop();
  };
  visit(tree);
  return found;
}

/** The literal code of `exit N` (a bare `exit` is not literal), or undefined. */
function exitCode(s: SyntaxNode): number | undefined {
  const c = s.type === 'Statement' ? (s as unknown as { command: SyntaxNode }).command : s;
  if (c.type !== 'Command' || (c as Cmd).name?.value !== 'exit') return undefined;
  const arg = (c as Cmd).suffix.find((a) => a.type === 'Word') as { value?: string } | undefined;
  return arg && /^\d+$/.test(arg.value ?? '') ? Number(arg.value) : undefined;
}

/** `return` or `exit` without a literal code: the path ends, its code unknown. */
function endsPath(s: SyntaxNode): boolean {
  const c = s.type === 'Statement' ? (s as unknown as { command: SyntaxNode }).command : s;
  return c.type === 'Command' && ((c as Cmd).name?.value === 'return' || (c as Cmd).name?.value === 'exit');
}

/**
 * The literal exit code that follows a command on its path: the first later
 * statement of its block (then of each enclosing block, up to its function or
 * loop) that is `exit N`; none when a `return`, a code-less `exit` or the end
 * comes first. `cmd && exit N` counts.
 */
function followingExit(n: SyntaxNode, ancestors: readonly SyntaxNode[], exits: ReadonlyMap<string, number>): number | undefined {
  let child: SyntaxNode = n;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i]!;
    if (a.type === 'AndOr') {
      const idx = a.commands.indexOf(child as never);
      if (idx >= 0 && a.operators[idx] === '&&') {
        const code = exitCode(a.commands[idx + 1]!);
        if (code !== undefined) return code;
      }
    }
    if (a.type === 'CompoundList' || a.type === 'Script') {
      const list = a.commands;
      const idx = list.indexOf(child as never);
      for (let k = idx + 1; idx >= 0 && k < list.length; k++) {
        const code = exitCode(list[k]!);
        if (code !== undefined) return code;
        const called = calledName(list[k]!);
        if (called !== undefined && exits.has(called)) return exits.get(called);
        if (endsPath(list[k]!)) return undefined;
      }
    }
    if (a.type === 'While' || a.type === 'For' || a.type === 'ArithmeticFor' || a.type === 'Select' || a.type === 'Function') return undefined;
    child = a;
  }
  return undefined;
}

/** The name of the simple command a statement runs, if it is one. */
function calledName(s: SyntaxNode): string | undefined {
  const c = s.type === 'Statement' ? (s as unknown as { command: SyntaxNode }).command : s;
  return c.type === 'Command' ? (c as Cmd).name?.value : undefined;
}

/** A command of a pipeline that prints (part of) what it reads: `head`, `tail`, `tee`, `cat`, a `grep` that prints lines. */
function passesOn(c: SyntaxNode): boolean {
  if (c.type !== 'Command' || stdoutTarget((c as Cmd).suffix) !== undefined) return false;
  const name = (c as Cmd).name?.value ?? '';
  if (/^(head|tail|tee|cat)$/.test(name)) return true;
  const args = (c as Cmd).suffix.filter((a) => a.type === 'Word').map((a) => (a as { value?: string }).value ?? '');
  return /^[ef]?grep$/.test(name) && !args.some((a) => /^-[A-Za-z]*[qclL]|^--(quiet|silent|count|files-with(out)?-match)/.test(a));
}

/** The command's stderr joins its stdout: `2>&1` on it, or `|&` after it. */
function mergesStderr(n: Cmd, ancestors: readonly SyntaxNode[]): boolean {
  if (n.suffix.some((r) => r.type === 'Redirect' && fdOf(r) === 2 && (r as { operator: string }).operator === '>&' && (r as { target?: { value?: string } }).target?.value === '1')) return true;
  const pipe = ancestors[ancestors.length - 1];
  if (pipe?.type !== 'Pipeline') return false;
  const idx = pipe.commands.indexOf(n as never);
  return idx >= 0 && pipe.operators[idx] === '|&';
}

const SHELL_CONDITIONAL = new Set(['If', 'Elif', 'While', 'For', 'ArithmeticFor', 'Select', 'Case', 'CaseItem']);

/** The function a command is inside, whether it runs only on some paths, and whether its output is captured or piped on. */
function placeOf(n: SyntaxNode, ancestors: readonly SyntaxNode[], text: string): { fn?: string; conditional: boolean; captured: boolean; redirected?: 'stderr' | 'elsewhere'; debug: boolean } {
  let conditional = false;
  let debug = false;
  let captured = false;
  let redirected: 'stderr' | 'elsewhere' | undefined;
  let fn: string | undefined;
  let child: SyntaxNode = n;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i]!;
    if (a.type === 'Function' && fn === undefined) fn = a.name.value;
    if (SHELL_CONDITIONAL.has(a.type) && fn === undefined) {
      // An `if`'s condition runs on every path through it; its `else` is the fall-through path.
      if (!((a.type === 'If' || a.type === 'Elif') && a.clause === child) && !(a.type === 'If' && a.else === child)) conditional = true;
    }
    if (a.type === 'AndOr' && a.commands.indexOf(child as never) > 0 && fn === undefined) conditional = true;
    // Under a debug switch: the branch of an `if` whose condition names one, or the right side of `$DEBUG && …`.
    if ((a.type === 'If' || a.type === 'Elif') && a.clause !== child && (a.type === 'Elif' || a.else !== child) && DEBUG_SWITCH.test(text.slice(a.clause.pos, a.clause.end))) debug = true;
    if (a.type === 'AndOr') {
      const idx = a.commands.indexOf(child as never);
      if (idx > 0 && a.commands.slice(0, idx).some((c) => DEBUG_SWITCH.test(text.slice(c.pos, c.end)))) debug = true;
    }
    if (a.type === 'Pipeline' && a.commands.indexOf(child as never) !== a.commands.length - 1) {
      // Only a filter that passes the text on (`| head -20`, `| tail -5`, `| tee -a log`, `| grep -v warn`) keeps it on stdout.
      const rest = a.commands.slice(a.commands.indexOf(child as never) + 1);
      if (!rest.every(passesOn)) captured = true;
    }
    if (a.type === 'Word' || (a.type as string) === 'CommandExpansion' || (a.type as string) === 'ProcessSubstitution') captured = true;
    if (a.type === 'Redirected') redirected ??= stdoutTarget(a.redirects);
    child = a;
  }
  return { ...(fn !== undefined ? { fn } : {}), conditional, captured, ...(redirected ? { redirected } : {}), debug };
}

/**
 * Checkers whose report goes to stdout, by the words of a command (wrappers
 * such as `npx`, `uv run`, `python -m`, `xargs` looked through): the tool's
 * name, or undefined when the command runs none, fixes or formats instead of
 * reporting (`--fix`, `--write`, `format`), or asks it to be silent. A
 * package script (`npm test`, `pnpm run lint`) counts only when `merged`
 * (`2>&1`): its runner may write the report to either stream.
 */
export function checkerOf(words: readonly string[], merged = false): string | undefined {
  let w = [...words];
  // Wrappers: package runners, environment runners, xargs and its options.
  for (let changed = true; changed && w.length; ) {
    changed = false;
    const head = w[0]!.replace(/^.*\//, '');
    const drop = (n: number) => {
      w = w.slice(n);
      changed = true;
    };
    if (/^(npx|bunx|pnpx)$/.test(head)) drop(1 + (w[1] === '--no-install' || w[1] === '--yes' || w[1] === '-y' ? 1 : 0));
    else if ((head === 'pnpm' || head === 'yarn' || head === 'bun') && (w[1] === 'exec' || w[1] === 'dlx' || w[1] === 'x')) drop(2);
    else if ((head === 'uv' || head === 'poetry' || head === 'pdm' || head === 'hatch' || head === 'pipenv') && w[1] === 'run') drop(2);
    else if (/^python[0-9.]*$/.test(head) && w[1] === '-m') drop(2);
    else if (head === 'xargs') {
      let k = 1;
      while (w[k]?.startsWith('-')) k += /^-[InLPsd]$/.test(w[k]!) ? 2 : 1;
      drop(k);
    } else if (head === 'env' || head === 'command' || head === 'exec' || head === 'nice') drop(1);
  }
  const tool = w[0]?.replace(/^.*\//, '');
  if (!tool) return undefined;
  const args = w.slice(1);
  if (/^(npm|pnpm|yarn|bun)$/.test(tool)) {
    const script = args[0] === 'run' || args[0] === 'run-script' ? args[1] : args[0];
    return merged && script !== undefined && /^(test|lint|typecheck|type-check|check)(:[\w:-]+)?$/.test(script) ? `${tool} ${args[0] === 'run' || args[0] === 'run-script' ? 'run ' : ''}${script}` : undefined;
  }
  if (args.some((a) => /^(--version|-V|--help|-h|--init)$/.test(a))) return undefined;
  switch (tool) {
    case 'eslint':
      return args.some((a) => /^--fix(-dry-run)?$|^-o$|^--output-file/.test(a)) ? undefined : 'eslint';
    case 'ruff': {
      const sub = args.find((a) => !a.startsWith('-'));
      if (sub !== undefined && sub !== 'check') return undefined;
      return args.some((a) => /^(--fix|--silent|-s|--output-file|-o|--statistics)$/.test(a) || a.startsWith('--output-file=')) ? undefined : 'ruff check';
    }
    case 'tsc':
    case 'vue-tsc':
      return args.some((a) => /^(--watch|-w|--listFiles|--showConfig)$/.test(a)) ? undefined : tool;
    case 'mypy':
    case 'pyright':
    case 'basedpyright':
    case 'flake8':
    case 'pylint':
    case 'pycodestyle':
    case 'pytest':
      return args.some((a) => /^(--output-file|--output|-o)(=|$)/.test(a) && tool !== 'pytest') ? undefined : tool;
    case 'shellcheck':
      return args.some((a, i) => /^(-f|--format)$/.test(a) && args[i + 1] === 'quiet') || args.includes('--format=quiet') ? undefined : tool;
    case 'golangci-lint':
      return args[0] === 'run' && !args.includes('--fix') ? tool : undefined;
    case 'rubocop':
      return args.some((a) => /^(-a|-A|--autocorrect|--autocorrect-all|--auto-correct|-o|--out)$/.test(a)) ? undefined : tool;
    default:
      return undefined;
  }
}

/**
 * Where the command holding offset `at` (0-based, into a handler's command
 * string: the script's word) sends its stdout: `hook` (the hook's stdout,
 * where Claude Code reads it), `stderr` (`x.sh >&2`), or `elsewhere` (a file,
 * `/dev/null`, a pipe into another program, a substitution). `hook` when the
 * text does not parse or no command holds the offset: nothing is claimed.
 */
export function commandStdout(text: string, at: number): 'hook' | 'stderr' | 'elsewhere' {
  const found = commandAt(text, at);
  if (!found) return 'hook';
  const place = placeOf(found.n, found.ancestors, text);
  return place.captured ? 'elsewhere' : (stdoutTarget(found.n.suffix) ?? place.redirected ?? 'hook');
}

/**
 * True when line `line` (1-based) of a Python, JavaScript or Ruby text runs
 * under a debug or verbose switch: the line itself tests one (`if DEBUG:
 * print(…)`, `VERBOSE && console.error(…)`, Ruby's `puts "…" if DEBUG`), or so
 * does the header of a block that encloses it (the nearest less-indented line
 * above, and so on outwards). An environment variable's quoted name counts as
 * the switch (`if ENV['HOOK_DEBUG']`, `os.environ.get("VERBOSE")`).
 */
export function underDebugSwitch(text: string, line: number): boolean {
  const lines = text.split('\n');
  const indent = (s: string) => /^[ \t]*/.exec(s)![0].replace(/\t/g, '    ').length;
  let cur = lines[line - 1];
  if (cur === undefined) return false;
  // Quoted text is no condition, except an environment variable's name (`ENV['HOOK_DEBUG']`, `os.environ.get("VERBOSE")`).
  const condition = (l: string) => l.replace(/(["'`])(.*?)\1/g, (_, _q: string, body: string) => (/^[A-Z][A-Z0-9_]*$/.test(body) ? body : ''));
  if (/^\s*(if|elif|else if)\b|&&|\band\b/.test(cur) && DEBUG_SWITCH.test(condition(cur))) return true;
  // A trailing modifier (Ruby, Perl): `puts "…" if DEBUG`, `warn "…" unless ENV['QUIET']`.
  const modifier = /\s(?:if|unless)\s+(.+)$/.exec(condition(cur));
  if (modifier && DEBUG_SWITCH.test(modifier[1]!)) return true;
  let depth = indent(cur);
  for (let i = line - 2; i >= 0 && depth > 0; i--) {
    const l = lines[i]!;
    if (!l.trim() || /^\s*(#|\/\/)/.test(l)) continue;
    const d = indent(l);
    if (d >= depth) continue;
    depth = d;
    if (/^\s*(if|elif|\}?\s*else if)\b/.test(l) && DEBUG_SWITCH.test(condition(l))) return true;
    if (/^\s*(def|function|class|async function)\b/.test(l)) return false;
  }
  return false;
}

function shellMessages(text: string): ScriptMessages {
  if (!/\b(echo|printf|eslint|ruff|tsc|mypy|pyright|flake8|pylint|pycodestyle|pytest|shellcheck|golangci-lint|rubocop|npm|pnpm|yarn|bun)\b/.test(text)) return NONE;
  const tree = shellTree(text);
  if (!tree) return NONE;
  const lineOf = lineIndex(text);
  // 1. Message helpers: functions that print a positional argument (to stderr), and those that exit with a literal code.
  const helpers = new Map<string, 'stdout' | 'stderr'>();
  const exits = new Map<string, number>();
  const stack: SyntaxNode[] = [];
  const findHelpers = (n: SyntaxNode) => {
    if (n.type === 'Command' && n.name) {
      const place = placeOf(n, stack, text);
      if (place.fn !== undefined) {
        const name = n.name.value;
        if ((name === 'echo' || name === 'printf') && !place.captured) {
          const words = n.suffix.filter((a) => a.type === 'Word').map((a) => wordText(a));
          const to = stdoutTarget(n.suffix) ?? place.redirected;
          if (words.some((x) => x.positional) && to !== 'elsewhere') helpers.set(place.fn, to === 'stderr' || helpers.get(place.fn) === 'stderr' ? 'stderr' : 'stdout');
        }
        const code = exitCode(n);
        if (code !== undefined && !place.conditional) exits.set(place.fn, code);
      }
    }
    stack.push(n);
    forEachChild(n, findHelpers);
    stack.pop();
  };
  findHelpers(tree);
  // 2. Their calls, and the checkers' runs.
  const messages: HelperMessage[] = [];
  const reports: ToolReport[] = [];
  const debugLines = new Set<number>();
  const visit = (n: SyntaxNode) => {
    if (n.type === 'Command' && n.name) {
      const name = n.name.value;
      const place = placeOf(n, stack, text);
      if ((name === 'echo' || name === 'printf') && place.debug) debugLines.add(lineOf(n.pos));
      const stream = helpers.get(name);
      if (stream !== undefined && !place.captured && place.fn !== name) {
        const to = stdoutTarget(n.suffix.filter((r) => fdOf(r) !== 2)) ?? place.redirected;
        // `helper "…" 2>/dev/null` silences a stderr helper.
        const silenced = n.suffix.some((r) => r.type === 'Redirect' && fdOf(r) === 2 && (r as { operator: string }).operator === '>');
        const actual = stream === 'stdout' && to === 'stderr' ? 'stderr' : stream;
        if (to !== 'elsewhere' && !(actual === 'stderr' && silenced)) {
          const text = n.suffix.filter((a) => a.type === 'Word').map((a) => wordText(a).text).join(' ');
          const exit = exits.get(name) ?? followingExit(n, stack, exits);
          messages.push({ helper: name, stream: actual, text, line: lineOf(n.pos), ...(exit !== undefined ? { exit } : {}), conditional: place.conditional, ...(place.fn !== undefined ? { fn: place.fn } : {}), debug: place.debug });
        }
      }
      if (place.fn === undefined && !place.captured && place.redirected === undefined && stdoutTarget(n.suffix) === undefined) {
        const words = [name, ...n.suffix.filter((a) => a.type === 'Word').map((a) => (a as { value?: string }).value ?? '')];
        const tool = checkerOf(words, mergesStderr(n, stack));
        if (tool) {
          const exit = followingExit(n, stack, exits);
          reports.push({ tool, line: lineOf(n.pos), ...(exit !== undefined ? { exit } : {}) });
        }
      }
    }
    stack.push(n);
    forEachChild(n, visit);
    stack.pop();
  };
  visit(tree);
  // `exec >&2`, `exec > "$LOG" 2>&1`, `exec 3>&1 1>&2`: later stdout goes elsewhere.
  let stdoutMoved = false;
  const findExec = (n: SyntaxNode) => {
    if (stdoutMoved) return;
    if (execRedirects(n)?.stdout) stdoutMoved = true;
    forEachChild(n, findExec);
  };
  findExec(tree);
  return { messages, reports, stdoutMoved, debugLines };
}
