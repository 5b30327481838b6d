import { isAbsolute, join, normalize } from 'node:path';
import type { Node } from 'jsonc-parser';
import { basename, handlerCommands, scriptOf, type ScriptRef, type SimpleCommand } from '../core/command.js';
import { field, stringField, type HandlerEntry } from '../core/model.js';
import { getNodeValue } from 'jsonc-parser';
import type { LintOptions } from './rule.js';

/** A script a command handler runs, resolved to an absolute path (RULES.md §6). */
export interface ResolvedScript extends ScriptRef {
  absolute: string;
  handler: HandlerEntry;
  /** The config node to report on: the handler's `command` string. */
  node: Node;
}

/** The `args` array of a handler when it is an array of strings. */
export function argsOf(h: HandlerEntry): string[] | undefined {
  const node = field(h, 'args');
  if (node?.type !== 'array') return undefined;
  const value = getNodeValue(node) as unknown[];
  return value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
}

/**
 * Per-run caches: several rules ask for the same handler's commands and
 * scripts, so each handler's command is parsed and resolved once. Handler
 * entries are built anew by every lint run, and the options are fixed within
 * one, so a WeakMap keyed by the entry is exact.
 */
const commandCache = new WeakMap<HandlerEntry, SimpleCommand[]>();
const scriptCache = new WeakMap<HandlerEntry, ResolvedScript[]>();

/** The simple commands of a command handler (empty for other types or a non-string command). */
export function commandsOf(h: HandlerEntry, options: LintOptions): SimpleCommand[] {
  let cmds = commandCache.get(h);
  if (!cmds) {
    const command = h.type === 'command' ? stringField(h, 'command') : undefined;
    cmds =
      command === undefined
        ? []
        : handlerCommands(command, argsOf(h), { CLAUDE_PROJECT_DIR: options.projectRoot, CLAUDE_PLUGIN_ROOT: options.pluginRoot, CLAUDE_PLUGIN_DATA: undefined });
    commandCache.set(h, cmds);
  }
  return cmds;
}

/**
 * Every script a command handler runs that resolves statically. Relative
 * paths resolve against the project root, and only before any `cd` in the
 * command; plugin hooks run in the user's directory, so their relative paths
 * are skipped. Unresolvable paths are skipped, never guessed (RULES.md §6).
 */
export function scriptsOf(h: HandlerEntry, options: LintOptions): ResolvedScript[] {
  const cached = scriptCache.get(h);
  if (cached) return cached;
  const out: ResolvedScript[] = [];
  let changedDir = false;
  const node = field(h, 'command')!;
  for (const cmd of commandsOf(h, options)) {
    if (basename(cmd.program) === 'cd' || basename(cmd.program) === 'pushd') changedDir = true;
    const s = scriptOf(cmd);
    if (!s || s.path === undefined || /^[A-Za-z]:[\\/]|\\/.test(s.path)) continue;
    let absolute: string | undefined;
    if (isAbsolute(s.path)) absolute = normalize(s.path);
    else if (!changedDir && options.projectRoot && (options.kind === 'project-settings' || options.kind === 'local-settings')) absolute = join(options.projectRoot, s.path);
    if (absolute) out.push({ ...s, absolute, handler: h, node });
  }
  scriptCache.set(h, out);
  return out;
}
