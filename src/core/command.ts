import { parse as shellParse, type ParseEntry } from 'shell-quote';

/**
 * Static analysis of a command handler's `command` (shell form) or
 * `command` + `args` (exec form), SPEC.md §2.2, RULES.md §5-§6. Nothing is
 * ever executed. Shell form is tokenized with `shell-quote`; variables are
 * substituted only for the placeholders Claude Code sets
 * (`CLAUDE_PROJECT_DIR`, `CLAUDE_PLUGIN_ROOT`, `CLAUDE_PLUGIN_DATA`) and only
 * when their value is known; any other expansion makes a word unresolvable.
 */

/** Marks a word that contains an expansion whose value is unknown. */
const UNRESOLVED = '\u0000?\u0000';

/** One simple command: its program (after assignments and wrappers) and arguments. */
export interface SimpleCommand {
  /** The program word after expansion (may contain UNRESOLVED). */
  program: string;
  args: string[];
  /** The same words with variables shown as written (`$CLAUDE_PROJECT_DIR/x.sh`), for messages. */
  written: string[];
}

/** A script the command runs, resolved to a path when possible. */
export interface ScriptRef {
  /** The word as it will be seen after placeholder expansion; undefined if unresolvable. */
  path: string | undefined;
  /** The word as written (for messages and locating it in the config). */
  written: string;
  /** Run through an interpreter (`bash x.sh`, `python3 x.py`): no execute bit needed. */
  interpreter: string | undefined;
}

/** Values the placeholders expand to; absent values make words unresolvable. */
export interface PlaceholderValues {
  CLAUDE_PROJECT_DIR?: string;
  CLAUDE_PLUGIN_ROOT?: string;
  CLAUDE_PLUGIN_DATA?: string;
}

/** Words that run the rest of their arguments as a command. Value: options that take an argument. */
const WRAPPERS: Record<string, Set<string>> = {
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

/** Stands for a variable in the tokenized words until it is resolved or shown: `\u0001NAME\u0001`. */
const VAR = /\u0001([A-Za-z_][A-Za-z0-9_]*)\u0001/g;

/** Split a shell-form command into simple commands (pipelines, lists, subshells, `$(...)`). */
export function simpleCommands(command: string, values: PlaceholderValues = {}): SimpleCommand[] {
  // Tokenize once with variables as markers, then derive the resolved and the written words.
  const resolve = (w: string) => w.replace(VAR, (_, key: string) => (values as Record<string, string | undefined>)[key] ?? UNRESOLVED);
  const show = (w: string) => w.replace(VAR, (_, key: string) => `$${key}`);
  return splitCommands(command, (key) => `\u0001${key}\u0001`)
    .map((words) => toSimpleCommand(words.map(resolve), words.map(show)))
    .filter((c) => c !== undefined);
}

/** Tokenize and split at operators; each element is the words of one simple command. */
function splitCommands(command: string, env: (key: string) => string): string[][] {
  let entries: ParseEntry[];
  try {
    entries = shellParse(command, env);
  } catch {
    return [];
  }
  const out: string[][] = [];
  let words: string[] = [];
  let redirect = false;
  const flush = () => {
    if (words.length > 0) out.push(words);
    words = [];
  };
  for (const e of entries) {
    if (typeof e === 'string') {
      if (redirect) redirect = false;
      else if (e === '$') continue; // `$(` arrives as "$" then "(".
      else words.push(e);
    } else if ('op' in e) {
      if (e.op === 'glob') words.push((e as { pattern: string }).pattern);
      else if (/^[<>]|^&>|^>&/.test(e.op) && e.op !== '<(') {
        // `2>&1`: the fd number was pushed as a word; drop it.
        if (words.length > 0 && /^\d$/.test(words[words.length - 1]!) && e.op.startsWith('>')) words.pop();
        redirect = true;
      } else flush();
    } else if ('comment' in e) break;
  }
  flush();
  return out;
}

function toSimpleCommand(words: string[], shown: string[]): SimpleCommand | undefined {
  let i = 0;
  for (;;) {
    while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]!)) i++;
    const w = words[i];
    if (w === undefined) return undefined;
    const opts = WRAPPERS[basename(w)];
    if (!opts) break;
    const name = basename(w);
    i++;
    while (i < words.length && words[i]!.startsWith('-')) i += opts.has(words[i]!) ? 2 : 1;
    if (name === 'timeout' && i < words.length) i++; // the duration
  }
  return { program: words[i]!, args: words.slice(i + 1), written: shown.slice(i) };
}

/** The last path segment of a word. */
export function basename(word: string): string {
  const i = word.lastIndexOf('/');
  return i < 0 ? word : word.slice(i + 1);
}

/** True when a word still holds an unknown expansion (or a `~`). */
export function isUnresolved(word: string): boolean {
  return word.includes(UNRESOLVED) || word.startsWith('~');
}

/** Replace unknown expansions with `$…` for display. */
export function display(word: string): string {
  return word.split(UNRESOLVED).join('$…');
}

/**
 * The script a simple command runs: the program itself when it is a path
 * (contains `/`), or the first script-like argument of an interpreter
 * (`bash x.sh`, `python3 x.py`, `node x.js`, `uv run x.py`, `npx tsx x.ts`,
 * `bun run x.ts`, `deno run x.ts`). Bare names found through PATH are not scripts.
 */
export function scriptOf(cmd: SimpleCommand): ScriptRef | undefined {
  const prog = basename(cmd.program);
  let args = cmd.args;
  let interpreter: string | undefined;
  if (SHELLS.has(prog) || PYTHONS.test(prog) || NODES.has(prog)) interpreter = prog;
  else if ((prog === 'uv' && args[0] === 'run') || (prog === 'deno' && args[0] === 'run') || (prog === 'bun' && args[0] === 'run')) {
    interpreter = `${prog} run`;
    args = args.slice(1);
  } else if (prog === 'bun') interpreter = 'bun';
  else if ((prog === 'npx' || prog === 'bunx' || prog === 'pnpx') && (args[0] === 'tsx' || args[0] === 'ts-node')) {
    interpreter = `${prog} ${args[0]}`;
    args = args.slice(1);
  }
  if (interpreter) {
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (NO_SCRIPT_OPTS.has(a) && !interpreter.startsWith('uv')) return undefined;
      if (a.startsWith('-')) {
        if (VALUE_OPTS.has(a)) i++;
        continue;
      }
      if (!SCRIPT_EXT.test(a) && !a.includes('/')) return undefined;
      return ref(a, cmd.written[cmd.args.length - args.length + i + 1] ?? a, interpreter);
    }
    return undefined;
  }
  if (!cmd.program.includes('/')) return undefined;
  return ref(cmd.program, cmd.written[0] ?? cmd.program, undefined);
}

function ref(word: string, written: string, interpreter: string | undefined): ScriptRef {
  return { path: isUnresolved(word) ? undefined : word, written: display(written), interpreter };
}

/**
 * The simple commands of a handler: shell form is parsed; exec form
 * (`command` + `args`) is already one simple command, with the placeholders
 * substituted as plain strings (SPEC.md §2.2).
 */
export function handlerCommands(command: string, args: string[] | undefined, values: PlaceholderValues): SimpleCommand[] {
  if (args) {
    const sub = (w: string) =>
      w.replace(/\$\{(CLAUDE_PROJECT_DIR|CLAUDE_PLUGIN_ROOT|CLAUDE_PLUGIN_DATA)\}/g, (_, k: string) => (values as Record<string, string | undefined>)[k] ?? UNRESOLVED);
    return [{ program: sub(command), args: args.map(sub), written: [command, ...args] }];
  }
  return simpleCommands(command, values);
}
