import { forEachChild, type SyntaxNode } from 'unbash';
import { basename, isUnresolved, WRAPPERS } from './command.js';
import { lineIndex, perText, shellTree } from './script-parse.js';
import { handlerPrints } from './script-output.js';
import { fileLanguage, forwardedArgs, scriptLanguage, type ResolvedScript, type ScriptOptions } from './scripts.js';
import type { HandlerEntry } from '../model/model.js';

/**
 * The programs a hook's shell script runs, read from its unbash tree (the one
 * `shellTree` caches per text, shared with the exit and output analyses; never
 * executed): every simple command in command position, in lists, pipelines,
 * conditions, loops, functions and command substitutions. Words inside
 * strings, comments and here-document bodies are not commands; `bash -c '…'`
 * and `eval` arguments are not read, nor is anything after a top-level `exit`
 * or `exec prog` (a hook disabled by an `exit 0` at its top). Each call carries what makes a missing
 * program harmless or deliberate (a condition, a `||` after it, stderr
 * discarded, the background), and the script as a whole what may put more
 * programs on PATH (a PATH assignment, `source`, `eval`, an environment
 * manager) or which programs it looks up (`command -v x`). The rules that
 * judge a program's presence (`prefer-python3`, `path-dependent-command`,
 * RULES.md §5) decide from these.
 */

/** One simple command of a script. */
export interface ScriptCall {
  /** The program after assignments and wrappers (`env`, `exec`, `nohup`, `timeout`, …), as written; literal words only. */
  program: string;
  /** 1-based line of the command. */
  line: number;
  /**
   * The script acts on the call failing: it is (part of) an `if`/`elif`/`while`/`until`
   * condition, `!` negates it, or a `||` follows it in its list (`x || true`,
   * `x && y || z`); also when that holds for the command substitution or
   * assignment it sits in (`v=$(x) || v=""`). Judged within its function; `handlerScriptRuns`
   * adds what holds at every call of the function (`notify || true`).
   */
  checked: boolean;
  /** Its stderr goes elsewhere than the hook's (`2>/dev/null`, `&>log`, `>/dev/null 2>&1`, an enclosing block's redirection, or an earlier `exec 2>/dev/null`). */
  stderrAway: boolean;
  /** Runs in the background (`x &`, or inside a block that does). */
  background: boolean;
  /**
   * Programs of the commands it is a fallback for: those before a `||` it follows
   * (`python3 x || python x`), or of the condition and `then` branch of the `if`
   * whose `elif`/`else` holds it. A program a lookup names counts as run
   * (`command -v jq && … || python …` gives `command`, `jq`). One set per enclosing
   * list or `if`, shared by the commands there (`someProgram` asks them).
   */
  fallbackFor: readonly ReadonlySet<string>[];
  /** Programs run on the other paths of the `if`s and `case`s around it (`case "$OSTYPE" in msys*) python x ;; *) python3 x ;; esac`), one `OtherBranches` per `if` or `case`. */
  alternatives: readonly OtherBranches[];
  /**
   * It runs only after the script looked a program up: in a branch of an `if`
   * whose condition holds a lookup (`if ! command -v jq …; then brew install jq; fi`),
   * or after one in its `&&`/`||` list (`command -v jq >/dev/null || python -c …`).
   * The author is choosing between programs there.
   */
  afterLookup: boolean;
  /**
   * The `case "$1" in` items it sits in at the script's top level (not in a function,
   * where `$1` is the function's): each item's patterns (undefined for one that
   * expands) and the default `${1:-x}` gives. `runsWithArgument` matches them
   * against the argument the hook passes (`notify.sh stop`; none: `install)` never runs).
   */
  argumentCases: readonly { patterns: readonly (string | undefined)[]; fallback: string }[];
  /** Runs with its own PATH (`PATH=… x`, `env PATH=… x`). */
  ownPath: boolean;
  /** The function it is inside, when it is inside one. */
  fn?: string;
  /**
   * The literal words after the program (undefined for one that expands), read only
   * where a rule needs them: after a wrapper, and for `claude` (`slow-sync-command`);
   * empty otherwise.
   */
  args: readonly (string | undefined)[];
  /** A `timeout` wrapper bounds how long it runs (`timeout 30 claude -p …`). */
  bounded: boolean;
}

/** What one shell text runs and how it prepares for it. */
export interface ScriptCommands {
  /** Every simple command with a literal program, in source order. */
  calls: ScriptCall[];
  /** Programs the text looks up (`command -v x`, `command -V x`, `which x`, `type x`, `hash x`). */
  lookups: Set<string>;
  /** Functions and aliases the text defines (a call of one runs no program). */
  defines: Set<string>;
  /**
   * The first statement that may put programs on PATH that Claude Code's PATH
   * lacks, with its line: an assignment to PATH (`export PATH=…`), `eval`
   * (`eval "$(brew shellenv)"`), an environment manager (`conda`, `nvm`,
   * `pyenv`, `mise`, …), a login or zsh shebang (`#!/bin/bash -l`; zsh reads
   * `~/.zshenv`), or a check of `$CLAUDE_CODE_REMOTE` (a script for Claude Code's
   * cloud sessions, which run in a container with its own PATH).
   */
  environment: { line: number; what: string } | undefined;
  /** The files it sources (`source x`, `. x`): the target word as written, with its line. */
  sources: { line: number; target: string }[];
  /** It checks the platform (`uname`, `sw_vers`, `$OSTYPE`): programs only one platform has may be meant for it alone. */
  platformCheck: boolean;
}

const EMPTY: ScriptCommands = { calls: [], lookups: new Set(), defines: new Set(), environment: undefined, sources: [], platformCheck: false };

/** Programs that look another up without running it. */
const LOOKUPS = new Set(['which', 'type', 'hash', 'whence', 'where']);
/** Programs that change which programs PATH finds, or run code that may. */
const ENVIRONMENT_MANAGERS = new Set(['eval', 'conda', 'mamba', 'micromamba', 'nvm', 'fnm', 'volta', 'pyenv', 'rbenv', 'nodenv', 'jenv', 'asdf', 'mise', 'rtx', 'direnv', 'workon', 'sdk', 'pixi']);
/** Builtins whose arguments may assign PATH (`export PATH=…`, `declare -x PATH=…`). */
const DECLARERS = new Set(['export', 'declare', 'typeset', 'local', 'readonly']);
/** Raw word text that may hold a command (script-exits.ts reads words the same way): other words are not visited, which would make unbash build their parts for nothing. */
const MAY_HOLD_COMMAND = /\$\(|\$\{[ \t\n|]|`|[<>]\(/;

/** The commands of a shell script's text (cached per text, bounded); empty when it does not parse. */
export function scriptCommands(text: string): ScriptCommands {
  return perText(cache, text, () => collect(text), 256, () => EMPTY);
}
const cache = new Map<string, ScriptCommands>();

type Node = SyntaxNode;
type Redirection = { type: string; operator?: string; descriptor?: { type: string; value?: number }; target?: { value: string } };

function collect(text: string): ScriptCommands {
  const tree = shellTree(text);
  if (!tree) return EMPTY;
  const lineOf = lineIndex(text);
  const out: ScriptCommands = { calls: [], lookups: new Set(), defines: new Set(), environment: undefined, sources: [], platformCheck: /\$\{?OSTYPE\b/.test(text) };
  const shebang = /^#![^\n]*/.exec(text)?.[0];
  // `#!/bin/bash -l`, `#!/usr/bin/env -S zsh -l`: a login shell reads the profile that sets PATH.
  if (shebang && /\b(?:ba|z|k)?sh\s+(?:-\w*[li]\w*|--login)\b/.test(shebang)) out.environment = { line: 1, what: 'a login shell' };
  // zsh reads ~/.zshenv in every shell, where rustup (and many users) put PATH.
  else if (shebang && /^#!\s*(?:\S*\/)?(?:env\s+(?:-S\s+)?)?zsh\b/.test(shebang)) out.environment = { line: 1, what: 'zsh, which reads ~/.zshenv' };
  // A script for Claude Code's cloud sessions (`[ "$CLAUDE_CODE_REMOTE" = true ] || exit 0`) runs in their container, with its PATH.
  else if (/\bCLAUDE_CODE_REMOTE\b/.test(text)) out.environment = { line: 1, what: 'a check of $CLAUDE_CODE_REMOTE' };
  const changed = (line: number, what: string) => (out.environment ??= { line, what });
  let stderrAwayFrom = Infinity;
  // A top-level `exit` (a hook disabled by an `exit 0` at its top) or `exec prog` ends the
  // script: what follows never runs, functions defined there included.
  let deadFrom = Infinity;
  for (const st of tree.commands) {
    const c = st.command;
    if (c.type === 'Command' && c.name && (c.name.value === 'exit' || (c.name.value === 'exec' && c.suffix.some((a) => a.type === 'Word')))) {
      deadFrom = st.end;
      break;
    }
  }
  const stack: Node[] = [];
  const visit = (n: Node) => {
    if (n.type === 'Function') out.defines.add(n.name.value);
    // `PATH=… x` sets PATH for x alone (`ScriptCall.ownPath`); any other assignment, for the rest of the script.
    const parent = stack[stack.length - 1];
    if (n.type === 'Assignment' && (n.name === 'PATH' || n.name === 'path') && !(parent?.type === 'Command' && parent.name && parent.prefix.includes(n))) changed(lineOf(n.pos), 'an assignment to PATH');
    if (n.pos >= deadFrom) return;
    if (n.type === 'Command' && n.name) command(n, stack);
    if (n.type === 'Word' && !MAY_HOLD_COMMAND.test(n.text)) return;
    stack.push(n);
    forEachChild(n, visit);
    stack.pop();
  };
  const command = (n: Node & { type: 'Command' }, ancestors: readonly Node[]) => {
    let name = literal(n.name!);
    if (name === undefined) return;
    // Most commands need only their name: the other words are read for wrappers, lookups and declarations.
    const needsWords = Object.hasOwn(WRAPPERS, basename(name)) || LOOKUPS.has(basename(name)) || DECLARERS.has(basename(name)) || name === 'alias' || basename(name) === 'claude';
    const words = needsWords ? n.suffix.filter((a) => a.type === 'Word' || a.type === 'Assignment').map((a) => (a.type === 'Word' ? literal(a) : undefined)) : [];
    // `exec 2>/dev/null` at the top level (no program): the rest of the script writes its errors there.
    if (name === 'exec' && words.length === 0) {
      if (ancestors.every((a) => a.type === 'Script' || a.type === 'Statement') && errorsAway(n.redirects as readonly Redirection[])) stderrAwayFrom = Math.min(stderrAwayFrom, n.pos);
      return;
    }
    let i = 0;
    let ownPath = n.prefix.some((a) => a.type === 'Assignment' && a.name === 'PATH');
    let bounded = false;
    // Skip wrappers (`env`, `exec`, `nohup`, `timeout 5`, `command`): the program is the word after them.
    while (name !== undefined && Object.hasOwn(WRAPPERS, basename(name)) && !(basename(name) === 'command' && /^-[vV]$/.test(words[i] ?? ''))) {
      const opts = WRAPPERS[basename(name)]!;
      const wrapper = basename(name);
      while (i < words.length && (words[i] === undefined || words[i]!.startsWith('-') || (wrapper === 'env' && /^[A-Za-z_]\w*=/.test(words[i]!)))) {
        if (wrapper === 'env' && /^PATH=/.test(words[i] ?? '')) ownPath = true;
        i += words[i] !== undefined && opts.has(words[i]!) ? 2 : 1;
      }
      if (wrapper === 'timeout' && i < words.length) {
        i++;
        bounded = true;
      }
      name = i < words.length ? words[i] : undefined;
      i++;
    }
    if (name === undefined) return;
    const args = words.slice(i);
    const line = lineOf(n.pos);
    const prog = basename(name);
    if (prog === 'command' && /^-[vV]$/.test(args[0] ?? '')) for (const a of args.slice(1)) if (a) out.lookups.add(a);
    if (LOOKUPS.has(prog)) for (const a of args) if (a && !a.startsWith('-')) out.lookups.add(a);
    if (prog === 'alias') for (const a of n.suffix) if (a.type === 'Assignment') out.defines.add(a.name);
    if (DECLARERS.has(prog) && args.some((a) => a !== undefined && /^PATH=/.test(a))) changed(line, 'an assignment to PATH');
    if (prog === 'source' || prog === '.') {
      const target = n.suffix.find((a) => a.type === 'Word');
      if (target?.type === 'Word') out.sources.push({ line, target: target.value });
    }
    if (ENVIRONMENT_MANAGERS.has(prog)) changed(line, `"${prog}"`);
    if (prog === 'uname' || prog === 'sw_vers') out.platformCheck = true;
    if (name.includes('/')) return;
    out.calls.push({ program: name, line, ownPath, args, bounded, ...context(n, ancestors), stderrAway: n.pos > stderrAwayFrom || errorsAway(n.redirects as readonly Redirection[]) || ancestors.some((a) => a.type === 'Redirected' && errorsAway(a.redirects as readonly Redirection[])) });
  };
  visit(tree);
  return out;
}

/** A word's value when it is literal (quotes allowed, no expansion or substitution), else undefined. */
function literal(w: Node): string | undefined {
  if (w.type !== 'Word') return undefined;
  // No `$` or backtick: nothing expands (asking for its parts would make unbash build them).
  if (!/[$`]/.test(w.text)) return w.value;
  const parts = (w as { parts?: readonly { type: string; parts?: unknown }[] }).parts;
  if (!parts) return w.value;
  const plain = (ps: readonly { type: string; parts?: unknown }[]): boolean =>
    ps.every((p) => p.type === 'Literal' || p.type === 'SingleQuoted' || p.type === 'AnsiCQuoted' || ((p.type === 'DoubleQuoted' || p.type === 'LocaleString') && plain((p.parts ?? []) as typeof ps)));
  return plain(parts) ? w.value : undefined;
}

/** True when redirections (in order) send stderr away from the hook's: to /dev/null, a file, or after a stdout sent there (`>/dev/null 2>&1`). */
function errorsAway(redirects: readonly Redirection[]): boolean {
  let out: 'hook' | 'away' = 'hook';
  let err: 'hook' | 'away' = 'hook';
  for (const r of redirects) {
    if (r.type !== 'Redirect' || !r.operator) continue;
    const fd = r.descriptor?.type === 'FileDescriptor' ? r.descriptor.value : undefined;
    const target = r.target?.value ?? '';
    if (r.operator === '&>' || r.operator === '&>>') out = err = 'away';
    else if (r.operator === '>&' && /^\d+$/.test(target)) {
      if (fd === 2 && target === '1') err = out;
      else if ((fd === undefined || fd === 1) && target === '2') out = err;
    } else if (r.operator === '>' || r.operator === '>>' || r.operator === '>|') {
      if (fd === 2) err = 'away';
      else if (fd === undefined || fd === 1) out = 'away';
    }
  }
  return err === 'away';
}

/** Where a command sits: whether the script acts on its failure, the background, what it falls back from, its function. */
function context(n: Node, ancestors: readonly Node[]): Pick<ScriptCall, 'checked' | 'background' | 'fallbackFor' | 'alternatives' | 'afterLookup' | 'argumentCases' | 'fn'> {
  const argumentCases: { patterns: readonly (string | undefined)[]; fallback: string }[] = [];
  let checked = false;
  let afterLookup = false;
  let background = false;
  const fallbackFor: ReadonlySet<string>[] = [];
  const alternatives: OtherBranches[] = [];
  let fn: string | undefined;
  let child: Node = n;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i]!;
    if (a.type === 'Function') {
      fn ??= a.name.value;
      // A function's failure is checked where it is called; its own body is judged as written.
      break;
    }
    if ((a.type === 'If' || a.type === 'Elif' || a.type === 'While') && a.clause === child) checked = true;
    if (a.type === 'Pipeline' && a.prefixes.some((p) => p.type === 'Negation')) checked = true;
    if (a.type === 'Statement' && a.background) background = true;
    if (a.type === 'AndOr') {
      const idx = a.commands.indexOf(child as never);
      if (idx >= 0) {
        if (a.operators.slice(idx).includes('||')) checked = true;
        if (idx > 0 && a.operators.slice(0, idx).includes('||')) fallbackFor.push(memo(fallbackSets, child, () => union(a.commands.slice(0, idx).map(programsIn))));
        if (idx > 0 && a.commands.slice(0, idx).some(hasLookup)) afterLookup = true;
      }
    }
    if (a.type === 'If' && (a.elif.includes(child as never) || a.else === child)) fallbackFor.push(memo(fallbackSets, child, () => union([programsIn(a.clause), programsIn(a.then)])));
    if (a.type === 'If' && a.clause !== child) alternatives.push(memo(alternativeSets, child, () => new OtherBranches(branchCounts(a, () => [a.then, ...a.elif, ...(a.else ? [a.else] : [])]), programsIn(child))));
    if (a.type === 'Case' && child.type === 'CaseItem') {
      const arg = /^"?\$(?:1|\{1(?::?-([^}"$`]*))?\})"?$/.exec(a.word.text);
      if (arg) argumentCases.push({ patterns: child.pattern.map(literal), fallback: arg[1] ?? '' });
    }
    if (a.type === 'Case') alternatives.push(memo(alternativeSets, child, () => new OtherBranches(branchCounts(a, () => a.items), programsIn(child))));
    if ((a.type === 'If' || a.type === 'Elif') && a.clause !== child && hasLookup(a.clause)) afterLookup = true;
    if (a.type === 'If' && a.elif.some((e) => e !== child && hasLookup(e.clause))) afterLookup = true;
    child = a;
  }
  return { checked, background, fallbackFor, alternatives, afterLookup, argumentCases: fn === undefined ? argumentCases : [], ...(fn !== undefined ? { fn } : {}) };
}

// Every command of a branch asks about the same sibling branches: each set is built once per
// node (trees are cached per text, so these live as long as the trees do).
const programSets = new WeakMap<Node, ReadonlySet<string>>();
const fallbackSets = new WeakMap<Node, ReadonlySet<string>>();
const alternativeSets = new WeakMap<Node, OtherBranches>();
const branchCountMaps = new WeakMap<Node, ReadonlyMap<string, number>>();

/** Per program, how many branches of an `if` or `case` run it (built once per node). */
function branchCounts(n: Node, branches: () => readonly Node[]): ReadonlyMap<string, number> {
  return memo(branchCountMaps, n, () => {
    const counts = new Map<string, number>();
    for (const b of branches()) for (const p of programsIn(b)) counts.set(p, (counts.get(p) ?? 0) + 1);
    return counts;
  });
}

/**
 * The programs of the other branches of an `if` or `case`: those some branch runs,
 * less the branch a command sits in when no other branch runs them too. Built from
 * the node's counts, so a `case` of many items costs one pass, not one per item.
 */
export class OtherBranches implements Iterable<string> {
  constructor(
    private readonly counts: ReadonlyMap<string, number>,
    private readonly own: ReadonlySet<string>,
  ) {}

  has(program: string): boolean {
    return (this.counts.get(program) ?? 0) > (this.own.has(program) ? 1 : 0);
  }

  *[Symbol.iterator](): Iterator<string> {
    for (const p of this.counts.keys()) if (this.has(p)) yield p;
  }
}
const lookupFlags = new WeakMap<Node, boolean>();

function memo<V>(map: WeakMap<Node, V>, key: Node, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) map.set(key, (v = make()));
  return v;
}

function union(sets: readonly ReadonlySet<string>[]): ReadonlySet<string> {
  if (sets.length === 1) return sets[0]!;
  const out = new Set<string>();
  for (const s of sets) for (const x of s) out.add(x);
  return out;
}

/** True when a node holds a lookup of a program (`command -v x`, `which x`, `type x`, `hash x`), command substitutions included. */
function hasLookup(n: Node): boolean {
  return memo(lookupFlags, n, () => {
    let found = false;
    const visit = (x: Node) => {
      if (found) return;
      if (x.type === 'Command' && x.name) {
        const v = literal(x.name);
        const first = x.suffix.find((a) => a.type === 'Word');
        if ((v !== undefined && LOOKUPS.has(v)) || (v === 'command' && first?.type === 'Word' && /^-[vV]$/.test(first.value))) found = true;
      }
      if (x.type === 'Word' && !MAY_HOLD_COMMAND.test(x.text)) return;
      forEachChild(x, visit);
    };
    visit(n);
    return found;
  });
}

/** The literal programs of the simple commands under a node (command substitutions included). */
function programsIn(n: Node): ReadonlySet<string> {
  return memo(programSets, n, () => {
    const out = new Set<string>();
    const visit = (x: Node) => {
      if (x.type === 'Command' && x.name) {
        const v = literal(x.name);
        if (v !== undefined) out.add(basename(v));
        // `command -v python3 && …`, `if which python3; then`: the program looked up stands for itself.
        if (v === 'command' || (v !== undefined && LOOKUPS.has(v))) for (const a of x.suffix) if (a.type === 'Word' && !a.value.startsWith('-')) out.add(basename(a.value));
      }
      if (x.type === 'Word' && !MAY_HOLD_COMMAND.test(x.text)) return;
      forEachChild(x, visit);
    };
    visit(n);
    return out;
  });
}

/**
 * False when a call sits in a `case "$1" in` item that the hook's first argument
 * (`first`, after placeholder expansion; undefined when the command passes none)
 * does not select: `install) brew install …;;` in a script the hook runs with no
 * argument. True when the argument is unknown or a pattern expands.
 */
export function runsWithArgument(call: Pick<ScriptCall, 'argumentCases'>, first: string | undefined): boolean {
  if (first !== undefined && isUnresolved(first)) return true;
  return call.argumentCases.every(({ patterns, fallback }) => {
    const value = first === undefined || first === '' ? fallback : first;
    return patterns.some((p) => p === undefined || globRegex(p).test(value));
  });
}

/** A shell `case` pattern (one alternative) as an anchored regular expression: `*`, `?` and `[…]` are wildcards. */
function globRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        re += `[${pattern.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  try {
    return new RegExp(`^${re}$`, 's');
  } catch {
    return /^/;
  }
}

/** True when one of the sets (`ScriptCall.fallbackFor`, `ScriptCall.alternatives`) holds a program that passes `test`. */
export function someProgram(sets: readonly Iterable<string>[], test: (program: string) => boolean): boolean {
  for (const s of sets) for (const p of s) if (test(p)) return true;
  return false;
}

/** What one script a handler runs (with the shell files it execs and sources) runs, merged. */
export interface ScriptRun {
  script: ResolvedScript;
  /** The calls that run: at the top level of a file, or in a function called from a place that runs; each with its file (absolute path). */
  calls: (ScriptCall & { file: string })[];
  lookups: Set<string>;
  defines: Set<string>;
  /**
   * What may put more programs on PATH, first found: `ScriptCommands.environment` of
   * any file, or a sourced file that was not read (`source ~/.nvm/nvm.sh`,
   * `. "$VENV/bin/activate"`); undefined when nothing does.
   */
  environment: string | undefined;
  platformCheck: boolean;
}

/**
 * For every shell script a command handler runs (`scriptsOf`), the programs it
 * runs, with those of the shell files it execs and sources (the texts
 * `handlerPrints` read for it: one read and one parse per file). Scripts in
 * other languages are left out. Memoised per handler.
 */
export function handlerScriptRuns(h: HandlerEntry, options: ScriptOptions): ScriptRun[] {
  const cached = h.memo.scriptRuns;
  if (cached) return cached;
  const out: ScriptRun[] = [];
  for (const p of handlerPrints(h, options)) {
    const [first, ...rest] = p.texts;
    if (!first || scriptLanguage(p.script, first.text) !== 'shell') continue;
    const files = [first, ...rest.filter((t) => fileLanguage(t.path, t.text) === 'shell')].map((t) => ({ path: t.path, ...scriptCommands(t.text) }));
    const read = new Set(p.texts.map((t) => basename(t.path)));
    let environment = files.find((f) => f.environment)?.environment?.what;
    for (const f of files)
      for (const s of f.sources) {
        const name = basename(s.target.replace(/["']/g, ''));
        // A file sourced but not read (outside the project, or named through a variable) may set anything.
        if (!read.has(name)) environment ??= `it sources ${s.target}`;
      }
    const defines = new Set(files.flatMap((f) => [...f.defines]));
    // The script's own `case "$1" in` items the hook's argument does not select never run.
    const argument = forwardedArgs(p.script, options)[0];
    // Functions that run: called from the top level of a file, or from a function that runs.
    const all = files.flatMap((f) => f.calls.filter((c) => f.path !== p.script.absolute || runsWithArgument(c, argument)).map((c) => ({ ...c, file: f.path })));
    const reached = new Set<string>();
    for (let grew = true; grew; ) {
      grew = false;
      for (const c of all)
        if (defines.has(c.program) && !reached.has(c.program) && (c.fn === undefined || reached.has(c.fn))) {
          reached.add(c.program);
          grew = true;
        }
    }
    const runs = all.filter((c) => c.fn === undefined || reached.has(c.fn));
    // A helper every call of which is checked (`notify || true`), backgrounded or silenced passes that on to what it runs.
    const passes = new Map<string, Pick<ScriptCall, 'checked' | 'background' | 'stderrAway'>>();
    const inherited = (fn: string, seen: Set<string>): Pick<ScriptCall, 'checked' | 'background' | 'stderrAway'> => {
      const known = passes.get(fn);
      if (known) return known;
      const none = { checked: false, background: false, stderrAway: false };
      if (seen.has(fn)) return none;
      seen.add(fn);
      const at = runs.filter((c) => c.program === fn).map((c) => effective(c, seen));
      const got = at.length === 0 ? none : { checked: at.every((c) => c.checked), background: at.every((c) => c.background), stderrAway: at.every((c) => c.stderrAway) };
      passes.set(fn, got);
      return got;
    };
    const effective = <C extends ScriptCall>(c: C, seen = new Set<string>()): C => {
      if (c.fn === undefined) return c;
      const up = inherited(c.fn, seen);
      return { ...c, checked: c.checked || up.checked, background: c.background || up.background, stderrAway: c.stderrAway || up.stderrAway };
    };
    out.push({
      script: p.script,
      calls: runs.map((c) => effective(c)),
      lookups: new Set(files.flatMap((f) => [...f.lookups])),
      defines,
      environment,
      platformCheck: files.some((f) => f.platformCheck),
    });
  }
  h.memo.scriptRuns = out;
  return out;
}

// The handler memo's slot of this module (model/model.ts `HandlerMemo`).
declare module '../model/model.js' {
  interface HandlerMemo {
    scriptRuns: ScriptRun[] | undefined;
  }
}
