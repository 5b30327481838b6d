import type { TreeNode as Node } from '../formats/parse.js';
import type { ShellWord } from '../analysis/command.js';
import { removeProperty } from '../fix/edits.js';
import { evaluateMatcher, type MatcherEval } from '../model/matcher.js';
import { field, type EventEntry, type GroupEntry, type HandlerEntry, type HookModel } from '../model/model.js';
import { findProperty, keyOf, properties, propertyValue, spanInString, stringValue, type Span } from '../formats/parse.js';
import { closest } from '../model/suggest.js';
import { basename, type ShellAnalysis, type SimpleCommand } from '../analysis/command.js';
import { commandsOf, scriptsOf, scriptText, shellOf, type ResolvedScript } from '../analysis/scripts.js';
import { isSettingsKind, type Fix, type FixSafety } from '../model/types.js';
import type { RuleContext } from './rule.js';
import { handlerPrints, type ScriptPrints } from '../analysis/script-output.js';
import type { EventSpec } from '../model/catalog.js';
import type { EventContract } from '../model/contract.js';
import { handlerScriptRuns, type ScriptRun } from '../analysis/script-commands.js';

/** Where to report: exactly one of a node or a span (ReportDescriptor's contract). */
export type Location = { node: Node; span?: undefined } | { span: Span; node?: undefined };

/**
 * The location of a word of a shell-form command inside the config: the
 * word's exact span in the JSON string when its position is known (escapes
 * accounted for), else the whole string node.
 */
export function wordLocation(ctx: RuleContext, stringNode: Node, word: { pos?: number; end?: number } | ShellWord | undefined): Location {
  if (word?.pos === undefined || word.end === undefined) return { node: stringNode };
  return { span: spanInString(ctx.doc.text, stringNode, word.pos, word.end) };
}

/** A fix that removes property `key` from object `obj` (the last one, as JSON.parse keeps). */
export function removeKeyFix(ctx: RuleContext, obj: Node, prop: Node, safety: FixSafety): Fix {
  return { safety, title: `remove "${keyOf(prop)}"`, edits: [removeProperty(ctx.doc.text, obj, prop)] };
}

/**
 * The fix that deletes an unknown key, or undefined for a key that starts with
 * `_` (`_comment`, `_mpm`): such keys are deliberate markers, and tools other
 * than Claude Code may read them (an audited installer finds its own hooks by
 * one), so the finding stays but no fix removes the key.
 */
export function unknownKeyFix(ctx: RuleContext, obj: Node, prop: Node): Fix | undefined {
  return isMarkerKey(keyOf(prop)) ? undefined : removeKeyFix(ctx, obj, prop, 'unsafe');
}

/** True for a key written as a deliberate marker (`_comment`, `_source`): see `unknownKeyFix`. */
export function isMarkerKey(key: string): boolean {
  return key.startsWith('_');
}

/** The note of a finding on a marker key (`unknownKeyFix`). */
export const MARKER_NOTE = 'a key starting with "_" looks like a marker other tools read; hooklint offers no fix that deletes it';

/** `{ fix }` when there is one, else `{ note: MARKER_NOTE }` (spread into a report). */
export function markerAware(fix: Fix | undefined): { fix: Fix } | { note: string } {
  return fix ? { fix } : { note: MARKER_NOTE };
}

/** Every property of a handler object with its key. */
export function handlerProps(h: HandlerEntry): { key: string; prop: Node; keyNode: Node; value: Node | undefined }[] {
  return properties(h.node).map((prop) => ({ key: keyOf(prop), prop, keyNode: prop.children![0]!, value: prop.children![1] }));
}

/** The matcher of a (non-flat) group when it is a string: its value node and text. */
export function matcherOf(g: GroupEntry): { node: Node; value: string } | undefined {
  if (g.flat) return undefined;
  const value = stringValue(g.matcher);
  return value === undefined ? undefined : { node: g.matcher!, value };
}

/** True when the handler has `key` set to JSON `true`. */
export function isTrue(h: HandlerEntry, key: string): boolean {
  const p = findProperty(h.node, key);
  return p?.children?.[1]?.type === 'boolean' && p.children[1].value === true;
}

/** Human duration of a number of seconds: `83 minutes` (5000), `8.3 hours` (30000), `45 seconds`. */
export function humanSeconds(s: number): string {
  const round = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1).replace(/\.0$/, ''));
  if (s >= 2 * 86400) return `${round(s / 86400)} days`;
  if (s >= 2 * 3600) return `${round(s / 3600)} hours`;
  if (s >= 120) return `${Math.round(s / 60)} minutes`;
  return `${round(s)} seconds`;
}

/** JSON-escape text for insertion inside an existing JSON string literal (no surrounding quotes). */
export function jsonInner(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

const evaluations = new WeakMap<GroupEntry, MatcherEval>();

/**
 * The string matchers of a file's groups, evaluated once per lint run (SPEC.md
 * §3): `tool` keeps the five tool events, `matching` every event with matcher
 * support. Several rules look at the same matchers; each regex compiles once.
 */
export function matchersOf(ctx: RuleContext, which: 'tool' | 'matching'): { ev: EventEntry; g: GroupEntry; m: { node: Node; value: string }; e: MatcherEval }[] {
  const out: { ev: EventEntry; g: GroupEntry; m: { node: Node; value: string }; e: MatcherEval }[] = [];
  for (const ev of ctx.model.events) {
    const spec = ev.spec?.matcher;
    if (!spec || (which === 'tool' && !ev.spec!.toolEvent)) continue;
    for (const g of ev.groups) {
      const m = matcherOf(g);
      if (!m) continue;
      let e = evaluations.get(g);
      if (!e) evaluations.set(g, (e = evaluateMatcher(m.value, spec.exactSet)));
      out.push({ ev, g, m, e });
    }
  }
  return out;
}

/** The keys of a matcher group other than `matcher` and `hooks` (and `if` and `onFailure`, which `if-misplaced` and `on-failure-ignored` report), with a "did you mean". */
export function unknownGroupKeys(g: GroupEntry): { prop: Node; keyNode: Node; key: string; suggestion: string | undefined }[] {
  if (g.flat) return [];
  return properties(g.node)
    .map((prop) => ({ prop, keyNode: prop.children![0]!, key: keyOf(prop) }))
    .filter(({ key }) => key !== 'matcher' && key !== 'hooks' && key !== 'if' && key !== 'onFailure')
    .map((k) => ({ ...k, suggestion: isMarkerKey(k.key) ? undefined : closest(k.key, ['matcher', 'hooks']) }));
}

/**
 * The scripts a file's command handlers run directly (no interpreter on the
 * command line, so the kernel reads their shebang), with their text; scripts
 * that cannot be read are left out. Needs `options.host`.
 */
export function directScripts(ctx: RuleContext): { h: HandlerEntry; s: ResolvedScript; text: string }[] {
  const out: { h: HandlerEntry; s: ResolvedScript; text: string }[] = [];
  for (const h of ctx.model.handlers)
    for (const s of scriptsOf(h, ctx.options)) {
      if (s.interpreter) continue;
      const text = scriptText(ctx.options, s.absolute);
      if (text !== undefined) out.push({ h, s, text });
    }
  return out;
}

/** A command handler whose `command` is a string, with what the command rules need. */
export interface CommandHandler {
  h: HandlerEntry;
  /** The `command` string node (findings are located inside it). */
  node: Node;
  /** Its simple commands (shell form parsed, exec form as one command). */
  commands: SimpleCommand[];
  /** The parsed shell form; undefined for exec form (`args`) and PowerShell. */
  shell: ShellAnalysis | undefined;
}

/** The file's command handlers whose `command` is a string (parsed once per handler, RULES.md §5). */
export function commandHandlers(ctx: RuleContext): readonly CommandHandler[] {
  // Eight rules ask for the same list: built once per lint of a file (the model is per call).
  const cached = commandHandlerCache.get(ctx.model);
  if (cached) return cached;
  const out: CommandHandler[] = [];
  for (const h of ctx.model.handlers) {
    if (h.type !== 'command') continue;
    const node = field(h, 'command');
    if (node?.type === 'string') out.push({ h, node, commands: commandsOf(h, ctx.options), shell: shellOf(h, ctx.options) });
  }
  commandHandlerCache.set(ctx.model, out);
  return out;
}

const commandHandlerCache = new WeakMap<HookModel, readonly CommandHandler[]>();

/**
 * The command handlers of a known event whose scripts print something, with
 * what they print (`handlerPrints`, SPEC.md §13.4): what the output-contract
 * rules judge. Nothing without filesystem access (`--no-scripts`).
 */
export function* scriptPrinters(ctx: RuleContext): Generator<{ h: HandlerEntry; spec: EventSpec; prints: ScriptPrints[] }> {
  if (!ctx.options.host) return;
  for (const h of ctx.model.handlers) {
    const spec = h.event.spec;
    if (!spec || h.type !== 'command') continue;
    const prints = handlerPrints(h, ctx.options);
    if (prints.length > 0) yield { h, spec, prints };
  }
}

/** Programs that set up an environment for what follows them in a hook's command (`source ~/.zshrc && …`, `eval "$(brew shellenv)"; …`). */
const ENVIRONMENT_SETUP = new Set(['source', '.', 'eval', 'conda', 'nvm', 'fnm', 'pyenv', 'asdf', 'mise', 'direnv']);
/** Shells, for `bash -l script.sh` (a login shell reads the profile that sets PATH). */
const LOGIN_SHELLS = new Set(['bash', 'sh', 'zsh', 'ksh']);

/** A shell script a command handler runs, with the programs it runs (`handlerScriptRuns`), and the programs the handler's own command looks up first. */
export interface ScriptRunOf {
  h: HandlerEntry;
  run: ScriptRun;
  /** Programs the handler's command looks up (`command -v uv && ./hook.sh`). */
  lookups: Set<string>;
  /** The command lets the script fail quietly: a `||` follows it, it runs in the background, or its stderr goes to /dev/null. */
  tolerated: boolean;
}

/**
 * The shell scripts the file's command handlers run, with the programs they
 * run (issue 25: `prefer-python3` and `path-dependent-command` inside
 * scripts). Left out: handlers whose own command sets PATH up first
 * (`PATH=…`, `export PATH=…`, `env PATH=…`, `source …`, `eval …`, an
 * environment manager, a login shell `bash -l x.sh`, zsh, which reads
 * `~/.zshenv`), and every handler of a settings file whose `env` sets PATH
 * (SPEC.md §4.3: it reaches the hooks).
 * Nothing without filesystem access.
 */
export function* scriptRunsOf(ctx: RuleContext): Generator<ScriptRunOf> {
  if (!ctx.options.host) return;
  if (isSettingsKind(ctx.options.kind) && properties(propertyValue(ctx.model.root, 'env')).some((p) => keyOf(p) === 'PATH')) return;
  for (const { h, node, commands, shell } of commandHandlers(ctx)) {
    const text = stringValue(node) ?? '';
    // `PATH=… x.sh`, `env PATH=… x.sh`, `export PATH=…; x.sh`.
    if (shell?.assigned.has('PATH') || /(?:^|[\s;&|(])PATH=/.test(text)) continue;
    const setsUp = commands.some(
      (c) =>
        ENVIRONMENT_SETUP.has(basename(c.program)) ||
        // zsh reads ~/.zshenv in every shell; `bash -l`/`-i` reads the profile or ~/.bashrc.
        basename(c.program) === 'zsh' ||
        (LOGIN_SHELLS.has(basename(c.program)) && c.args.some((a) => /^-[a-zA-Z]*[li][a-zA-Z]*$|^--login$/.test(a))),
    );
    if (setsUp) continue;
    const runs = handlerScriptRuns(h, ctx.options);
    if (runs.length === 0) continue;
    const lookups = new Set(commands.filter((c) => LOOKUP_PROGRAMS.has(basename(c.program))).flatMap((c) => c.args.filter((a) => !a.startsWith('-'))));
    const quietErrors = /(?:2|&)>>?\s*\/dev\/null|>\s*\/dev\/null\s+2>&1/.test(text);
    for (const run of runs) {
      const cmd = commands.find((c) => run.script.word !== undefined && c.words.includes(run.script.word));
      const tolerated = quietErrors || !!cmd?.background || (cmd !== undefined && commands.some((o) => o.fallbackFor.includes(cmd)));
      yield { h, run, lookups, tolerated };
    }
  }
}

/** Programs that look another up (`command -v x`, `which x`, `type x`, `hash x`). */
export const LOOKUP_PROGRAMS: ReadonlySet<string> = new Set(['command', 'which', 'type', 'hash']);

/** Where a script finding's call is: `line 12`, or `lib.sh line 12` when it sits in a file the script sources or execs. */
export function callPlace(run: ScriptRun, call: { file: string; line: number }): string {
  return call.file === run.script.absolute ? `line ${call.line}` : `${basename(call.file)} line ${call.line}`;
}

/** Who reads an exit 2's stderr (the contract's `exitTwoStderr`), as a message names them: `Claude`, `the user`, or undefined where nobody does. */
export function exitTwoReader(who: EventContract['exitTwoStderr']): 'Claude' | 'the user' | undefined {
  return who === 'claude' ? 'Claude' : who === 'user' ? 'the user' : undefined;
}
