/**
 * `hooklint hooks [path]` (issue 27): which hooks Claude Code loads for a
 * project, from every source, which are dropped and why; with `--event`, which
 * of them fire for that event and payload, and why the others do not. Reads
 * files, runs nothing. Loaded by the CLI only when `hooks` runs (dist/hooks.cjs).
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { Chalk, type ChalkInstance } from 'chalk';
import { EVENTS, EVENT_NAMES } from '../model/catalog.js';
import { closest } from '../model/suggest.js';
import { parseTarget } from '../model/version.js';
import { buildPayload, type JsonObject } from '../analysis/payload.js';
import { effectiveHooks, whichFire, type EffectiveHandler, type EffectiveSet, type Firing, type HookSource } from '../node/effective.js';
import { displayPath, jsonSafe, sanitize } from '../formatters/text.js';

/** The output formats of `hooklint hooks`. */
export const HOOKS_FORMATS = ['stylish', 'json', 'compact'] as const;

/** The parsed options of `hooklint hooks` (src/cli/main.ts). */
export interface HooksArgs {
  /** The project folder (default: the current directory). */
  path?: string;
  format: (typeof HOOKS_FORMATS)[number];
  colorLevel: 0 | 1 | 2 | 3;
  /** `--managed DIR`: the managed-settings folder instead of the platform's. */
  managed?: string;
  /** `--plugin-dir DIR` (repeatable): plugins loaded from folders for the session. */
  pluginDirs: string[];
  event?: string;
  tool?: string;
  /** `--input JSON`: the event's input (fields over the sample payload). */
  input?: string;
  /** `--input-file F`: the same, from a file. */
  inputFile?: string;
  claudeVersion?: string;
  /** Exit 1 when a handler of a file inside the project folder is dropped. */
  failOnDropped: boolean;
}

/** Where the command writes and what it knows of its environment (the CLI's `CliIo`). */
export interface HooksIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

function usage(io: HooksIo, message: string): number {
  io.stderr(`hooklint: ${sanitize(message)}\nRun "hooklint hooks --help" for usage.\n`);
  return 2;
}

/** Run `hooklint hooks`; returns the exit code (0; 1 with `--fail-on-dropped` when a handler of a file inside the project folder is dropped; 2 for a usage error). */
export function hooksCommand(args: HooksArgs, io: HooksIo): number {
  const target = args.claudeVersion !== undefined ? parseTarget(args.claudeVersion, 'option') : undefined;
  if (args.claudeVersion !== undefined && !target) return usage(io, `--claude-version takes a Claude Code version or range such as 2.1.290 or ">=2.1.280", got ${JSON.stringify(args.claudeVersion)}`);
  const given = [args.tool, args.input, args.inputFile].filter((v) => v !== undefined).length;
  if (given > 0 && args.event === undefined) return usage(io, '--tool, --input and --input-file need --event');
  if (given > 1) return usage(io, 'give one of --tool, --input and --input-file');
  let input: JsonObject | undefined;
  if (args.input !== undefined || args.inputFile !== undefined) {
    let text: string;
    try {
      text = args.input ?? readFileSync(resolve(io.cwd, args.inputFile!), 'utf8');
    } catch (e) {
      return usage(io, `cannot read ${args.inputFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    try {
      const v = JSON.parse(text) as unknown;
      if (!v || typeof v !== 'object' || Array.isArray(v)) return usage(io, `${args.input !== undefined ? '--input' : args.inputFile} must hold a JSON object (the event's input)`);
      input = v as JsonObject;
    } catch (e) {
      return usage(io, `${args.input !== undefined ? '--input' : args.inputFile} is not JSON: ${(e as Error).message}`);
    }
  }
  const event = args.event === undefined ? undefined : EVENTS.get(args.event);
  if (args.event !== undefined && !event) {
    const s = closest(args.event, EVENT_NAMES);
    return usage(io, `unknown event "${args.event}"${s ? `; did you mean "${s}"?` : ''}`);
  }
  if (args.tool !== undefined && event && !event.toolEvent && !('tool_name' in event.input)) return usage(io, `--tool applies to tool events; ${event.name} has no tool`);
  const projectDir = resolve(io.cwd, args.path ?? '.');
  try {
    if (!statSync(projectDir).isDirectory()) return usage(io, `${args.path}: not a folder (hooklint hooks takes the project folder)`);
  } catch (e) {
    return usage(io, `${args.path ?? '.'}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : ((e as NodeJS.ErrnoException).code ?? (e as Error).message)}`);
  }
  const set = effectiveHooks({
    projectDir,
    env: io.env,
    ...(args.managed !== undefined ? { managedDir: resolve(io.cwd, args.managed) } : {}),
    pluginDirs: args.pluginDirs.map((d) => resolve(io.cwd, d)),
    ...(target ? { target } : {}),
  });
  let firing: { payload: JsonObject; results: Firing[] } | undefined;
  if (event) {
    const payload = buildPayload(event, { cwd: set.projectDir, transcriptPath: `${set.configDir}/projects/example/session.jsonl`, sessionId: '00000000-0000-4000-8000-000000000000' }, input, args.tool);
    firing = { payload, results: whichFire(set, event.name, payload) };
  }
  const chalk = new Chalk({ level: args.format === 'stylish' ? args.colorLevel : 0 });
  const report = args.format === 'json' ? formatJson(set, firing, io.cwd) : args.format === 'compact' ? formatCompact(set, firing, io.cwd) : formatStylish(set, firing, io.cwd, chalk, args.event);
  io.stdout(report);
  for (const n of set.notices) io.stderr(`hooklint: ${sanitize(n)}\n`);
  // "Every hook in this repository loads": handlers of files inside the project folder. What the
  // machine holds (the user's plugins, installed or not) differs between a laptop and CI.
  const inside = (f: string) => f.startsWith(set.projectDir + sep);
  const dropped = set.handlers.some((h) => h.status === 'dropped' && inside(h.file));
  return args.failOnDropped && dropped ? 1 : 0;
}

function matcherText(h: EffectiveHandler): string {
  return h.matcher === undefined ? '(no matcher)' : h.matcher === '' ? '""' : h.matcher;
}

function when(s: HookSource): string {
  return s.when === 'skill' ? 'when the skill is invoked' : s.when === 'agent' ? 'while the agent runs' : '';
}

/** Sources in order, each with its handlers (and the sources that have none: a plugin enabled but not installed). */
function groups(set: EffectiveSet, handlers: EffectiveHandler[]): { source: HookSource; handlers: EffectiveHandler[] }[] {
  return set.sources.map((source) => ({ source, handlers: handlers.filter((h) => h.source === source) })).filter((g) => g.handlers.length > 0 || (g.source.dropped && g.source.handlers.length === 0));
}

/** Stylish: grouped by source; dropped handlers (and those that do not fire) dimmed, with the reason. */
export function formatStylish(set: EffectiveSet, firing: { payload: JsonObject; results: Firing[] } | undefined, cwd: string, chalk: ChalkInstance, eventName?: string): string {
  const out: string[] = [];
  const byHandler = new Map(firing?.results.map((f) => [f.handler, f]));
  const shown = firing ? firing.results.map((f) => f.handler) : set.handlers;
  if (firing) {
    const e = EVENTS.get(eventName!)!;
    const subject = e.matcher ? (e.matcher.field in firing.payload ? firing.payload[e.matcher.field] : firing.payload.file_path) : undefined;
    out.push(chalk.bold(`${eventName}${subject !== undefined ? ` (${e.matcher!.field} ${sanitize(JSON.stringify(subject))})` : ''}`));
  }
  for (const g of groups(set, shown)) {
    const s = g.source;
    const where = s.path ? displayPath(s.path, cwd) : '';
    const head = `${chalk.underline(sanitize(s.label))}${where ? `  ${sanitize(where)}` : ''}${when(s) ? chalk.dim(`  (${when(s)})`) : ''}`;
    out.push('', head);
    if (g.handlers.length === 0 && s.dropped) out.push(chalk.dim(`  dropped  ${sanitize(s.dropped.message)}`) + chalk.dim(`  [${s.dropped.reason}]`));
    for (const h of g.handlers) {
      const f = byHandler.get(h);
      const loc = `${h.line}:${h.column}`;
      const event = h.runsAs ? `${h.event}→${h.runsAs}` : h.event;
      const body = `${loc}  ${event}  ${sanitize(matcherText(h))}  ${h.type}  ${sanitize(h.command)}`;
      if (f) {
        if (f.fires) {
          out.push(`  ${chalk.green('fires')}    ${body}`);
          for (const n of f.notes) out.push(chalk.dim(`           ${sanitize(n)}`));
          if (h.note) out.push(chalk.dim(`           ${sanitize(h.note)}`));
        } else {
          out.push(chalk.dim(`  no       ${body}`), chalk.dim(`           ${sanitize(f.why ?? '')}  [${f.reason === 'dropped' ? h.drop!.reason : f.reason}]`));
          if (f.reason === 'dropped') for (const a of h.also ?? []) out.push(chalk.dim(`           also: ${sanitize(a.message)}  [${a.reason}]`));
          for (const n of f.notes) out.push(chalk.dim(`           ${sanitize(n)}`));
        }
      } else if (h.status === 'loads') {
        out.push(`  ${chalk.green('loads')}    ${body}`);
        if (h.note) out.push(chalk.dim(`           ${sanitize(h.note)}`));
      } else {
        out.push(chalk.dim(`  dropped  ${body}`), chalk.dim(`           ${sanitize(h.drop!.message)}  [${h.drop!.reason}]`));
        for (const a of h.also ?? []) out.push(chalk.dim(`           also: ${sanitize(a.message)}  [${a.reason}]`));
      }
    }
  }
  const loads = set.handlers.filter((h) => h.status === 'loads').length;
  const dropped = set.handlers.length - loads;
  const missing = set.sources.filter((s) => s.dropped && s.handlers.length === 0).length;
  if (out.length > 0) out.push('');
  if (firing) {
    const fires = firing.results.filter((f) => f.fires).length;
    out.push(`${firing.results.length} ${firing.results.length === 1 ? 'handler' : 'handlers'} for ${eventName}: ${fires} ${fires === 1 ? 'fires' : 'fire'}, ${firing.results.length - fires} ${firing.results.length - fires === 1 ? 'does' : 'do'} not`);
  } else out.push(`${set.handlers.length} ${set.handlers.length === 1 ? 'handler' : 'handlers'}: ${loads} ${loads === 1 ? 'loads' : 'load'}, ${dropped} dropped${missing ? `; ${missing} enabled ${missing === 1 ? 'plugin' : 'plugins'} not installed` : ''}`);
  return out.join('\n') + '\n';
}

/** Compact: one line per handler, `file:line:column: status event matcher type command (reason: message)`. */
export function formatCompact(set: EffectiveSet, firing: { payload: JsonObject; results: Firing[] } | undefined, cwd: string): string {
  const lines: string[] = [];
  const rows = firing ? firing.results.map((f) => ({ h: f.handler, f })) : set.handlers.map((h) => ({ h, f: undefined as Firing | undefined }));
  for (const s of set.sources) if (s.dropped && s.handlers.length === 0 && !firing) lines.push(`${s.label}: dropped (${s.dropped.reason}: ${s.dropped.message})`);
  for (const { h, f } of rows) {
    const status = f ? (f.fires ? 'fires' : 'does-not-fire') : h.status;
    const why = f ? (f.fires ? f.notes.join('; ') : `${f.reason === 'dropped' ? h.drop!.reason : f.reason}: ${f.why}`) : h.drop ? `${h.drop.reason}: ${h.drop.message}` : (h.note ?? '');
    lines.push(`${displayPath(h.file, cwd)}:${h.line}:${h.column}: ${status} ${h.source.label} ${h.runsAs ?? h.event} ${matcherText(h)} ${h.type} ${JSON.stringify(h.command)}${why ? ` (${why})` : ''}`);
  }
  return lines.map(sanitize).join('\n') + (lines.length ? '\n' : '');
}

/** JSON, for tools and editors: the settings that decided, every source and handler, and with `--event` the payload and each handler's firing. */
export function formatJson(set: EffectiveSet, firing: { payload: JsonObject; results: Firing[] } | undefined, cwd: string): string {
  const byHandler = new Map(firing?.results.map((f) => [f.handler, f]));
  const sourceIndex = new Map(set.sources.map((s, i) => [s, i]));
  const doc = {
    projectDir: set.projectDir,
    configDir: set.configDir,
    managedFiles: set.managedFiles,
    claudeVersion: set.target.spec,
    settings: set.settings,
    sources: set.sources.map((s) => ({ scope: s.scope, label: s.label, path: s.path ?? null, kind: s.kind ?? null, when: s.when, plugin: s.plugin ?? null, dropped: s.dropped ?? null, pendingTrust: !!s.pendingTrust })),
    handlers: set.handlers
      .filter((h) => !firing || byHandler.has(h))
      .map((h) => {
        const f = byHandler.get(h);
        return {
          source: sourceIndex.get(h.source),
          file: displayPath(h.file, cwd),
          line: h.line,
          column: h.column,
          event: h.event,
          runsAs: h.runsAs ?? null,
          matcher: h.matcher ?? null,
          type: h.type,
          command: h.command,
          status: h.status,
          reason: h.drop?.reason ?? null,
          message: h.drop?.message ?? null,
          also: h.also ?? [],
          note: h.note ?? null,
          ...(f ? { fires: f.fires, why: f.why ?? null, whyReason: f.reason ?? null, notes: f.notes } : {}),
        };
      }),
    ...(firing ? { event: { name: firing.payload.hook_event_name, payload: firing.payload } } : {}),
  };
  return jsonSafe(JSON.stringify(doc, null, 2)) + '\n';
}


