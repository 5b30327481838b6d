import { forEachChild, parse as parseShell, type Command, type SyntaxNode, type TestExpression, type Word, type WordPart } from 'unbash';

/**
 * Static analysis of a command handler's `command` (shell form) or
 * `command` + `args` (exec form), SPEC.md §2.2, §4.3, RULES.md §5-§6.
 * Nothing is ever executed. Shell form is parsed with `unbash` (a Bash
 * parser with source positions); variables are substituted only for the
 * placeholders Claude Code sets (`CLAUDE_PROJECT_DIR`, `CLAUDE_PLUGIN_ROOT`,
 * `CLAUDE_PLUGIN_DATA`) and only when their value is known; any other
 * expansion makes a word unresolvable.
 */

/** Marks a word that contains an expansion whose value is unknown. */
const UNRESOLVED = '\u0000?\u0000';

/** The placeholders Claude Code substitutes or exports (SPEC.md §4.3). */
export const PLACEHOLDERS = ['CLAUDE_PROJECT_DIR', 'CLAUDE_PLUGIN_ROOT', 'CLAUDE_PLUGIN_DATA'] as const;

/** One word of a simple command. */
export interface ShellWord {
  /** The word after quote removal and placeholder expansion (may contain UNRESOLVED). */
  value: string;
  /** The word after quote removal, expansions as written (`${CLAUDE_PLUGIN_ROOT}/x.sh`), for messages. */
  written: string;
  /** 0-based, half-open UTF-16 offsets into the command string; absent in exec form. */
  pos?: number;
  end?: number;
}

/** One simple command: its program (after assignments and wrappers) and arguments. */
export interface SimpleCommand {
  /** The program word after expansion (may contain UNRESOLVED). */
  program: string;
  args: string[];
  /** Program and arguments as written, quotes removed, for messages. */
  written: string[];
  /** Program and arguments with positions (same length as `written`). */
  words: ShellWord[];
  /** Runs in the background: its statement, or an enclosing one, ends with `&`. */
  background: boolean;
  /** The next command of the same pipeline (`curl … | sh`), if any. */
  pipedTo?: SimpleCommand;
  /** Inside `$(...)`, backticks or `<(...)`. */
  substituted: boolean;
  /** Files its output redirections write (`> f`, `>> f`, `&> f`, `>| f`), after expansion; `/dev/*` left out. */
  redirectsTo: string[];
  /**
   * The commands this one is a fallback for: those before a `||` it follows
   * (`python3 x || python x`), or of the condition and `then` branch of the `if`
   * whose `else`/`elif` holds it. Empty for most commands.
   */
  fallbackFor: SimpleCommand[];
}

/** A `$NAME` / `${NAME}` expansion of a placeholder in shell form. */
export interface PlaceholderExpansion {
  name: string;
  /** 0-based, half-open offsets into the command string. */
  pos: number;
  end: number;
  /** Inside double quotes (no word splitting). */
  quoted: boolean;
  /** Where splitting does not happen anyway: assignments, `[[ ]]`, `case` words, here-documents. */
  splitSafe: boolean;
}

/** A `$NAME` / `${NAME…}` expansion of any variable in shell form (positional and special parameters left out). */
export interface VariableUse {
  name: string;
  /** 0-based, half-open offsets into the command string. */
  pos: number;
  end: number;
  /** `${NAME:-x}`, `${NAME-x}`, `${NAME:=x}`, `${NAME:?msg}`, `${NAME:+x}`: the command says what happens when it is unset. */
  guarded: boolean;
}

/** Everything rules need from one shell-form command. */
export interface ShellAnalysis {
  commands: SimpleCommand[];
  expansions: PlaceholderExpansion[];
  /** Every variable the command reads (see VariableUse). */
  variables: VariableUse[];
  /** Names the command itself sets: assignments, `export`/`local`/`declare`/`readonly`, `read`, `for`. */
  assigned: Set<string>;
  /** The parser reported errors (the tree is a best-effort partial one). */
  hasErrors: boolean;
  /** The parser's errors of the top-level script: message and 0-based offset into the command string. */
  errors: { message: string; pos: number }[];
}

/** A script the command runs, resolved to a path when possible. */
export interface ScriptRef {
  /** The word as it will be seen after placeholder expansion; undefined if unresolvable. */
  path: string | undefined;
  /** The word as written (for messages and locating it in the config). */
  written: string;
  /** Run through an interpreter (`bash x.sh`, `python3 x.py`): no execute bit needed. */
  interpreter: string | undefined;
  /** The word in the command string, when positions are known. */
  word?: ShellWord;
}

/** Values the placeholders expand to; absent values make words unresolvable. */
export interface PlaceholderValues {
  CLAUDE_PROJECT_DIR?: string;
  CLAUDE_PLUGIN_ROOT?: string;
  CLAUDE_PLUGIN_DATA?: string;
}

/** Words that run the rest of their arguments as a command. Value: options that take an argument. */
export const WRAPPERS: Record<string, Set<string>> = {
  env: new Set(['-u', '--unset', '-C', '--chdir', '-S', '--split-string']),
  exec: new Set(['-a']),
  nohup: new Set(),
  sudo: new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U']),
  command: new Set(),
  builtin: new Set(),
  nice: new Set(['-n', '--adjustment']),
  time: new Set(['-f', '--format', '-o', '--output']),
  timeout: new Set(['-s', '--signal', '-k', '--kill-after']),
  xargs: new Set(['-I', '-L', '-n', '-P', '-d', '-E', '-s', '-a', '--delimiter', '--max-args', '--max-procs', '--replace']),
  stdbuf: new Set(['-i', '-o', '-e']),
  setsid: new Set(),
  caffeinate: new Set(['-t', '-w']),
};

/** Interpreters and how to find their script argument. */
const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh', 'fish']);
const PYTHONS = /^python(\d+(\.\d+)?)?$/;
const NODES = new Set(['node', 'nodejs', 'tsx', 'ts-node', 'ruby', 'perl', 'php']);
const SCRIPT_EXT = /\.(sh|bash|zsh|py|pyw|js|mjs|cjs|ts|mts|cts|rb|pl|php|ps1)$/i;
/** Options of interpreters that take a value (the next word is not the script). */
const VALUE_OPTS = new Set(['-W', '-X', '-m', '-c', '-e', '-p', '-r', '--require', '--import', '--loader', '--eval', '--print', '--with', '--python', '--project', '--directory', '--env-file', '--extra', '--group', '--with-requirements', '--index', '--from', '-o', '-O']);
/** Options after which there is no script (inline code or a module). */
const NO_SCRIPT_OPTS = new Set(['-c', '-m', '-e', '-p', '--eval', '--print']);

/**
 * Parse a shell-form command (SPEC.md §4.3: `sh -c`, Git Bash on Windows).
 * Finds every simple command in lists, pipelines, subshells, groups,
 * control flow and command/process substitutions, in source order.
 * Never throws: a command that does not parse yields what did.
 */
export function analyzeShell(command: string, values: PlaceholderValues = {}): ShellAnalysis {
  const out: ShellAnalysis = { commands: [], expansions: [], variables: [], assigned: new Set(), hasErrors: false, errors: [] };
  let script;
  try {
    script = parseShell(command);
  } catch (e) {
    out.hasErrors = true;
    out.errors.push({ message: e instanceof Error ? e.message : String(e), pos: 0 });
    return out;
  }
  for (const e of script.errors ?? []) out.errors.push({ message: e.message, pos: e.pos });
  const ctx = new WordContext(values);
  const visit = (node: SyntaxNode, background: boolean, substituted: boolean, exact: boolean): void => {
    switch (node.type) {
      case 'Script':
        if (node.errors?.length) out.hasErrors = true;
        // Escaped-backtick scripts index their own decoded source: positions there are not the command's.
        if (node.source !== undefined) exact = false;
        break;
      case 'Statement':
        background ||= !!node.background;
        break;
      case 'Pipeline': {
        const cmds: (SimpleCommand | undefined)[] = [];
        for (const c of node.commands) {
          const before = out.commands.length;
          visit(c, background, substituted, exact);
          cmds.push(out.commands[before]);
        }
        for (let i = 0; i + 1 < cmds.length; i++) if (cmds[i] && cmds[i + 1]) cmds[i]!.pipedTo = cmds[i + 1];
        return;
      }
      case 'Command': {
        const cmd = toSimpleCommand(node, ctx, exact, background, substituted);
        if (cmd) out.commands.push(cmd);
        collectExpansions(node, out, exact);
        break;
      }
      case 'For':
      case 'Select':
        out.assigned.add(node.name.value);
        break;
      case 'TestCommand':
        if (exact) collectTestVariables(node.expression, out);
        break;
      case 'AndOr': {
        // `a || b`: b runs when a failed, so it is a fallback for every command before it.
        const start = out.commands.length;
        node.commands.forEach((c, i) => {
          const before = out.commands.length;
          visit(c, background, substituted, exact);
          if (i > 0 && node.operators[i - 1] === '||') markFallback(out.commands, before, start);
        });
        return;
      }
      case 'If': {
        const start = out.commands.length;
        visit(node.clause, background, substituted, exact);
        visit(node.then, background, substituted, exact);
        for (const branch of [...node.elif, ...(node.else ? [node.else] : [])]) {
          const before = out.commands.length;
          visit(branch, background, substituted, exact);
          markFallback(out.commands, before, start);
        }
        return;
      }
      case 'CommandExpansion':
      case 'ProcessSubstitution':
      case 'ArithmeticCommandExpansion':
        substituted = true;
        break;
    }
    forEachChild(node, (child) => visit(child, background, substituted, exact));
  };
  visit(script, false, false, true);
  return out;
}

/** Mark `commands[from..]` as fallbacks for `commands[start..from)` (see `SimpleCommand.fallbackFor`). */
function markFallback(commands: SimpleCommand[], from: number, start: number): void {
  const primary = commands.slice(start, from);
  if (primary.length === 0) return;
  for (let i = from; i < commands.length; i++) {
    const c = commands[i]!;
    c.fallbackFor = c.fallbackFor.length === 0 ? primary : [...c.fallbackFor, ...primary];
  }
}

/** Turns unbash words into values: placeholders resolved, other expansions unknown. */
class WordContext {
  constructor(private readonly values: PlaceholderValues) {}

  word(w: Word, exact: boolean): ShellWord {
    const [value, written] = this.parts(w.parts, w.value);
    return { value, written, pos: exact ? w.pos : undefined, end: exact ? w.end : undefined };
  }

  private parts(parts: readonly WordPart[] | undefined, literal: string): [string, string] {
    if (!parts) return [literal, literal];
    let value = '';
    let written = '';
    for (const p of parts) {
      switch (p.type) {
        case 'Literal':
        case 'SingleQuoted':
        case 'AnsiCQuoted':
          value += p.value;
          written += p.value;
          break;
        case 'DoubleQuoted':
        case 'LocaleString': {
          const [v, s] = this.parts(p.parts as readonly WordPart[], '');
          value += v;
          written += s;
          break;
        }
        case 'SimpleExpansion':
        case 'ParameterExpansion': {
          // `${CLAUDE_PROJECT_DIR:-.}`: a default applies only when the variable is unset, and Claude Code sets the placeholders it knows.
          const usesDefault = p.type === 'ParameterExpansion' && (p.operation as { type?: string } | undefined)?.type === 'Default' && !p.prefix && !p.index;
          const name = p.type === 'SimpleExpansion' ? p.text.slice(1) : (p.operation && !usesDefault) || p.prefix || p.index ? '' : p.parameter;
          value += (this.values as Record<string, string | undefined>)[name] ?? UNRESOLVED;
          written += p.text;
          break;
        }
        case 'Glob':
          value += p.text;
          written += p.text;
          break;
        default:
          value += UNRESOLVED;
          written += p.text;
      }
    }
    return [value, written];
  }
}

function toSimpleCommand(node: Command, ctx: WordContext, exact: boolean, background: boolean, substituted: boolean): SimpleCommand | undefined {
  if (!node.name) return undefined;
  const words: ShellWord[] = [ctx.word(node.name, exact)];
  for (const a of node.suffix) {
    if (a.type === 'Word') words.push(ctx.word(a, exact));
    else if (a.type === 'Assignment') words.push({ value: a.text, written: a.text, pos: exact ? a.pos : undefined, end: exact ? a.end : undefined });
  }
  let i = 0;
  for (;;) {
    while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]!.value)) i++;
    const w = words[i];
    if (w === undefined) return undefined;
    const name = basename(w.value);
    const opts = Object.hasOwn(WRAPPERS, name) ? WRAPPERS[name] : undefined;
    // `command -v x` / `command -V x` looks x up; it does not run it.
    if (!opts || (name === 'command' && /^-[vV]$/.test(words[i + 1]?.value ?? ''))) break;
    i++;
    while (i < words.length && words[i]!.value.startsWith('-')) i += opts.has(words[i]!.value) ? 2 : 1;
    if (name === 'timeout' && i < words.length) i++; // the duration
  }
  const rest = words.slice(i);
  let redirectsTo: string[] = NO_WRITES;
  for (const r of node.redirects)
    if (r.type === 'Redirect' && r.target && OUTPUT_REDIRECTS.has(r.operator) && (r.descriptor === undefined || r.descriptor.type !== 'FileDescriptor' || r.descriptor.value !== 0)) {
      const target = ctx.word(r.target, false).value;
      if (!target.startsWith('/dev/') && !/^&?\d+$/.test(target)) redirectsTo = [...redirectsTo, target];
    }
  // One object literal with every field (no spread, `pipedTo` set later in place): a
  // single shape for all commands keeps the rules' property reads fast.
  return { program: rest[0]!.value, args: rest.slice(1).map((w) => w.value), written: rest.map((w) => w.written), words: rest, background, pipedTo: undefined, substituted, redirectsTo, fallbackFor: NO_COMMANDS };
}

const OUTPUT_REDIRECTS: ReadonlySet<string> = new Set(['>', '>>', '>|', '&>', '&>>']);
const NO_WRITES: string[] = [];
const NO_COMMANDS: SimpleCommand[] = [];

/** The variables a `[[ … ]]` expression reads (its operands are words). */
function collectTestVariables(e: TestExpression, out: ShellAnalysis): void {
  switch (e.type) {
    case 'TestUnary':
      scanVariables(e.operand.parts, out);
      break;
    case 'TestBinary':
      scanVariables(e.left.parts, out);
      scanVariables(e.right.parts, out);
      break;
    case 'TestLogical':
      for (const o of e.operands) collectTestVariables(o, out);
      break;
    case 'TestNot':
      collectTestVariables(e.operand, out);
      break;
    case 'TestGroup':
      collectTestVariables(e.expression, out);
  }
}

/** Record the variable uses among word parts (placeholders too; see VariableUse). */
function scanVariables(parts: readonly WordPart[] | undefined, out: ShellAnalysis): void {
  for (const p of parts ?? []) {
    if (p.type === 'DoubleQuoted' || p.type === 'LocaleString') scanVariables(p.parts as readonly WordPart[], out);
    else if (p.type === 'SimpleExpansion' || p.type === 'ParameterExpansion') {
      const name = p.type === 'SimpleExpansion' ? p.text.slice(1) : p.parameter;
      if (/^[A-Za-z_]\w*$/.test(name)) out.variables.push({ name, pos: p.pos, end: p.end, guarded: p.type === 'ParameterExpansion' && p.operation?.type === 'Default' });
    }
  }
}

/** Builtins whose arguments name variables they set. */
const DECLARERS = new Set(['export', 'local', 'declare', 'typeset', 'readonly', 'read', 'unset', 'mapfile', 'readarray']);

/**
 * Record the variables one simple command reads and sets: placeholder expansions
 * (with quoting, for `unquoted-path-variable`) and every variable use, from its
 * words, assignment values and redirection targets; assignments and the names
 * declaring builtins take.
 */
function collectExpansions(node: Command, out: ShellAnalysis, exact: boolean): void {
  if (!exact) return;
  const scan = (parts: readonly WordPart[] | undefined, quoted: boolean, splitSafe: boolean) => {
    for (const p of parts ?? []) {
      if (p.type === 'DoubleQuoted' || p.type === 'LocaleString') scan(p.parts as readonly WordPart[], true, splitSafe);
      else if (p.type === 'SimpleExpansion' || p.type === 'ParameterExpansion') {
        const name = p.type === 'SimpleExpansion' ? p.text.slice(1) : p.parameter;
        if ((PLACEHOLDERS as readonly string[]).includes(name)) out.expansions.push({ name, pos: p.pos, end: p.end, quoted, splitSafe });
        if (/^[A-Za-z_]\w*$/.test(name)) out.variables.push({ name, pos: p.pos, end: p.end, guarded: p.type === 'ParameterExpansion' && p.operation?.type === 'Default' });
      }
    }
  };
  const words: (Word | undefined)[] = [node.name];
  const declares = node.name !== undefined && DECLARERS.has(node.name.value);
  for (const a of node.suffix) {
    if (a.type === 'Word') {
      words.push(a);
      if (declares && /^[A-Za-z_]\w*(=|$)/.test(a.value)) out.assigned.add(a.value.split('=')[0]!);
    } else if (a.type === 'Assignment') {
      out.assigned.add(a.name);
      if (a.value.type === 'Word') scan(a.value.parts, false, true);
    } else if (a.type === 'Redirect' || a.type === 'HereString') words.push(a.target);
  }
  for (const a of node.prefix) {
    if (a.type === 'Assignment') {
      out.assigned.add(a.name);
      if (a.value.type === 'Word') scan(a.value.parts, false, true);
    } else if (a.type === 'Redirect' || a.type === 'HereString') words.push(a.target);
  }
  for (const w of words) if (w) scan(w.parts, false, false);
  // `bash -c '<script>'`: the script's own variables, at their offsets in this command.
  if (node.name && SHELLS.has(basename(node.name.value))) {
    const args = node.suffix.filter((a): a is Word => a.type === 'Word');
    const c = args.findIndex((a) => a.value === '-c');
    const script = c >= 0 ? args[c + 1] : undefined;
    const part = script?.parts?.length === 1 ? script.parts[0] : undefined;
    if (part?.type === 'SingleQuoted') {
      const inner = analyzeShell(part.value);
      for (const v of inner.variables) out.variables.push({ ...v, pos: v.pos + part.pos + 1, end: v.end + part.pos + 1 });
      for (const n of inner.assigned) out.assigned.add(n);
    }
  }
}

/** The last path segment of a word. */
export function basename(word: string): string {
  const i = word.lastIndexOf('/');
  return i < 0 ? word : word.slice(i + 1);
}

/** True when a word still holds an unknown expansion (or a `~`). */
export function isUnresolved(word: string): boolean {
  // Template placeholders (`{{PROJECT_PATH}}`, `<PLUGIN_DIR>`) are filled in by an installer, not by Claude Code.
  return word.includes(UNRESOLVED) || word.startsWith('~') || /\{\{[^}]*\}\}|<[A-Za-z_-]+>/.test(word);
}

/** Replace unknown expansions with `$…` for display. */
export function display(word: string): string {
  return word.split(UNRESOLVED).join('$…');
}

/**
 * The script a simple command runs: the program itself when it is a path
 * (contains `/`), or the first script-like argument of an interpreter
 * (`bash x.sh`, `python3 x.py`, `node x.js`, `uv run x.py` (also `uv run python x.py`
 * and a doubled `uv run uv run x.py`), `npx tsx x.ts`,
 * `bun run x.ts`, `deno run x.ts`). Bare names found through PATH are not scripts.
 */
export function scriptOf(cmd: SimpleCommand): ScriptRef | undefined {
  const prog = basename(cmd.program);
  let skip = 1;
  let interpreter: string | undefined;
  const a0 = cmd.args[0];
  if (SHELLS.has(prog) || PYTHONS.test(prog) || NODES.has(prog)) interpreter = prog;
  else if ((prog === 'uv' || prog === 'deno' || prog === 'bun') && a0 === 'run') {
    interpreter = `${prog} run`;
    skip = 2;
  } else if (prog === 'bun') interpreter = 'bun';
  else if ((prog === 'npx' || prog === 'bunx' || prog === 'pnpx') && (a0 === 'tsx' || a0 === 'ts-node')) {
    interpreter = `${prog} ${a0}`;
    skip = 2;
  }
  if (interpreter) {
    let uvPython = false;
    for (let i = skip; i < cmd.words.length; i++) {
      const a = cmd.words[i]!.value;
      if (NO_SCRIPT_OPTS.has(a) && (!interpreter.startsWith('uv') || uvPython)) return undefined;
      if (a.startsWith('-')) {
        if (VALUE_OPTS.has(a)) i++;
        continue;
      }
      // `uv run uv run x.py` (a doubled prefix) and `uv run python x.py` still run x.py.
      if (interpreter === 'uv run' && ((a === 'uv' && cmd.words[i + 1]?.value === 'run') || PYTHONS.test(a))) {
        if (a === 'uv') i++;
        else uvPython = true;
        continue;
      }
      if (!SCRIPT_EXT.test(a) && !a.includes('/')) return undefined;
      return ref(cmd.words[i]!, interpreter);
    }
    return undefined;
  }
  if (!cmd.program.includes('/')) return undefined;
  return ref(cmd.words[0]!, undefined);
}

function ref(word: ShellWord, interpreter: string | undefined): ScriptRef {
  return { path: isUnresolved(word.value) ? undefined : word.value, written: display(word.written), interpreter, word };
}

/** curl's short options that take a value (curl(1)). */
const CURL_VALUE_OPTS = new Set('AbcCdDeEFHKmoPQrtTuUwxXyYz');
/** wget's short options that take a value (wget(1)). */
const WGET_VALUE_OPTS = new Set('aABDeiIlOoPQRtTUwX');

/**
 * The files a simple command writes that a later command of the same hook may
 * run: its output redirections, a download's output file (`curl -o f`, `curl -O
 * URL`, `wget URL`, `wget -O f`), and the target of `cp`, `mv`, `install`, `ln`,
 * `tee`. Values after placeholder expansion; unresolvable ones are left out.
 */
export function filesWritten(cmd: SimpleCommand): string[] {
  const out = cmd.redirectsTo.filter((f) => !isUnresolved(f));
  const prog = basename(cmd.program);
  const args = cmd.args;
  const urlName = (a: string | undefined) => (a && /^[a-z]+:\/\//i.test(a) ? basename(a.replace(/[?#].*$/, '')) : undefined);
  if (prog === 'curl' || prog === 'wget') {
    // Short options cluster (`curl -fsSLo f URL`, `wget -qO- URL`): an option that takes a value
    // takes the rest of the cluster, or the next word when it ends the cluster.
    const takesValue = prog === 'curl' ? CURL_VALUE_OPTS : WGET_VALUE_OPTS;
    const outFlag = prog === 'curl' ? 'o' : 'O';
    const outLong = prog === 'curl' ? '--output' : '--output-document';
    let named = false;
    let remote = false;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === outLong && args[i + 1] !== undefined) {
        named = true;
        if (args[i + 1] !== '-') out.push(args[i + 1]!);
        i++;
      } else if (a.startsWith(`${outLong}=`)) {
        named = true;
        if (a.slice(outLong.length + 1) !== '-') out.push(a.slice(outLong.length + 1));
      } else if (a === '--remote-name') remote = true;
      else if (/^-[A-Za-z]/.test(a)) {
        for (let j = 1; j < a.length; j++) {
          const c = a[j]!;
          if (prog === 'curl' && c === 'O') remote = true;
          if (!takesValue.has(c)) continue;
          const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          if (c === outFlag && value !== undefined) {
            named = true;
            if (value !== '-') out.push(value);
          }
          break;
        }
      }
    }
    // `curl -O URL` and a bare `wget URL` save the file under the URL's last segment.
    const remoteName = prog === 'curl' ? remote : !named;
    if (remoteName) for (const a of args) {
      const n = urlName(a);
      if (n) out.push(n);
    }
  } else if (prog === 'cp' || prog === 'mv' || prog === 'install' || prog === 'ln') {
    const operands = args.filter((a) => !a.startsWith('-'));
    if (operands.length >= 2) out.push(operands[operands.length - 1]!);
  } else if (prog === 'tee') out.push(...args.filter((a) => !a.startsWith('-')));
  return out.filter((f) => !isUnresolved(f));
}

/**
 * The one simple command of an exec-form handler (`command` + `args`, SPEC.md
 * §2.2): no shell, so no parsing; the placeholders are substituted as plain
 * strings. Shell form goes through `analyzeShell`.
 */
export function execCommand(command: string, args: string[], values: PlaceholderValues): SimpleCommand {
  const sub = (w: string): ShellWord => ({
    value: w.replace(/\$\{(CLAUDE_PROJECT_DIR|CLAUDE_PLUGIN_ROOT|CLAUDE_PLUGIN_DATA)\}/g, (_, k: string) => (values as Record<string, string | undefined>)[k] ?? UNRESOLVED),
    written: w,
    pos: undefined,
    end: undefined,
  });
  const words = [command, ...args].map(sub);
  return { program: words[0]!.value, args: words.slice(1).map((w) => w.value), written: [command, ...args], words, background: false, pipedTo: undefined, substituted: false, redirectsTo: [], fallbackFor: [] };
}
