import { existsSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import type { TreeNode as Node } from '../formats/parse.js';
import { catalog, type EventSpec } from '../model/catalog.js';
import { buildModel, field, stringField, type HandlerEntry, type HookModel } from '../model/model.js';
import { parseDocument, stringValue } from '../formats/parse.js';
import { parseMarkdownDocument } from '../formats/frontmatter.js';
import { LineIndex } from '../formats/positions.js';
import { isFrontmatterKind, isPluginFile, isSettingsKind, type FileKind } from '../model/types.js';
import { ConfigResolver } from '../node/config.js';
import { isInside, type Target } from '../node/files.js';
import { isRegularFile, readRegularFile } from '../node/read-file.js';
import { confirmKind, decode, describeFsError, discoverTargets, manifestHookFiles } from '../node/lint-files.js';
import { argsOf } from '../analysis/scripts.js';
import { dropsFor } from '../node/effective.js';
import { matcherValueFor } from '../analysis/payload.js';
import { TESTS_FILE } from './tests-file.js';

/** A config file `hooklint test` read, with its hook model. */
export interface ConfigFile {
  path: string;
  kind: FileKind;
  text: string;
  lines: LineIndex;
  model: HookModel;
  /** `$CLAUDE_PROJECT_DIR` and the hooks' working directory. */
  projectDir: string;
  /** `${CLAUDE_PLUGIN_ROOT}` for plugin files. */
  pluginRoot?: string;
  /** Why Claude Code runs none of this file's hooks (not strict JSON, not read where it sits); undefined when it runs them. */
  notLoaded?: string;
}

/** One handler and whether `hooklint test` runs it. */
export interface PlannedHook {
  file: ConfigFile;
  handler: HandlerEntry;
  event: EventSpec | undefined;
  /** Where findings go: the `command` string (http: `url`), else the handler. */
  node: Node;
  type: string;
  /** What it runs, as written (`command` plus `args`, or the URL). */
  label: string;
  /** Why it is not run; undefined when it is. */
  skip?: string;
  /** `never`: Claude Code would not run it either; `unsupported`: Claude Code would, hooklint cannot (or was not asked to). */
  skipKind?: 'never' | 'unsupported';
  /** The matcher value the generated payload uses (tool name, source, ...). */
  matcherValue?: string;
}

/** What discovery found for a `test` run. */
export interface Plan {
  files: ConfigFile[];
  hooks: PlannedHook[];
  /** Test files beside the configs (project and plugin roots), by path. */
  testFiles: string[];
  notices: string[];
  errors: string[];
}

/** Options of `planRun`: `check`'s discovery options. */
export interface PlanOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  user: boolean;
  http: boolean;
  config?: string;
  useConfig: boolean;
}

/** Is `program` on `path` (a PATH value)? */
export function onPath(program: string, path: string | undefined): boolean {
  return (path ?? '').split(delimiter).some((d) => d !== '' && existsSync(join(d, program)));
}

/**
 * Find the configs exactly as `check` does (`discoverTargets`, the same claims
 * and content checks, plugin manifests' hook files followed, `ignores` of
 * hooklint.config.json), and decide for each handler whether it runs. Reads
 * files; runs nothing.
 */
export function planRun(paths: string[], options: PlanOptions): Plan {
  const found = discoverTargets(paths, { cwd: options.cwd, env: options.env, user: options.user });
  const notices = [...found.notices];
  const errors = [...found.errors];
  const configs = options.useConfig ? new ConfigResolver(options.config, found.walked) : undefined;
  const files: ConfigFile[] = [];
  const seen = new Set<string>();
  const queue: Target[] = [...found.targets];
  const followed: Target[] = [];
  const take = (t: Target) => {
    if (seen.has(t.path)) return;
    seen.add(t.path);
    const cfg = configs?.forFile(t.path);
    if (cfg?.isIgnored(t.path)) {
      if (!t.discovered) notices.push(`${t.path}: skipped, ignored by ${cfg.path}`);
      return;
    }
    let text: string;
    try {
      text = decode(readRegularFile(t.path)).text;
    } catch (e) {
      errors.push(`${t.path}: ${describeFsError(e)}`);
      return;
    }
    let kind = t.kind;
    if (t.sniff || t.confirm) {
      const claimed = confirmKind(t, text);
      if ('skipped' in claimed) {
        if (claimed.skipped) notices.push(`${t.path}: ${claimed.skipped}`);
        return;
      }
      kind = claimed.kind;
    }
    // A skill's or agent's hooks are in its YAML frontmatter (the front end check uses).
    const frontmatter = isFrontmatterKind(kind);
    const doc = frontmatter ? parseMarkdownDocument(text) : parseDocument(text);
    const strict = frontmatter ? doc.yamlErrors!.length === 0 : doc.syntaxErrors.length === 0 && doc.comments.length === 0 && doc.trailingCommas.length === 0;
    const notLoaded = !strict
      ? frontmatter
        ? 'Claude Code does not load these hooks: the frontmatter is not valid YAML (hooklint check shows why)'
        : 'Claude Code skips this file: it is not strict JSON (hooklint check shows why)'
      : t.unloaded
        ? `Claude Code never reads it: ${t.unloaded}`
        : t.inPlace === false
          ? 'Claude Code does not read this file where it sits (a copy or template)'
          : undefined;
    const projectDir = t.projectRoot ?? resolve(options.cwd);
    const pluginRoot = isPluginFile(kind, t.pluginRoot) ? t.pluginRoot : undefined;
    const model = buildModel(kind, doc.root);
    const unloaded = notLoaded ?? loaderDrops(kind, model);
    files.push({ path: t.path, kind, text, lines: new LineIndex(text), model, projectDir, ...(pluginRoot ? { pluginRoot } : {}), ...(unloaded ? { notLoaded: unloaded } : {}) });
    if (kind === 'plugin-manifest' && t.pluginRoot)
      for (const ref of manifestHookFiles(text)) {
        const abs = resolve(t.pluginRoot, ref);
        if (isInside(t.pluginRoot, abs) && isRegularFile(abs)) followed.push({ path: abs, kind: 'plugin-hooks', pluginRoot: t.pluginRoot, discovered: true, inPlace: true });
      }
  };
  for (const t of queue) take(t);
  for (let i = 0; i < followed.length; i++) take(followed[i]!);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const hooks = files.flatMap((f) => f.model.handlers.map((h) => planHook(f, h, options)));
  // What Claude Code's loader and policies drop (the effective hook set, as `hooklint hooks` says it) never runs here either.
  const drops = dropsFor(files.filter((f) => !f.notLoaded && !f.pluginRoot), options.env);
  for (const h of hooks) {
    const drop = h.skip ? undefined : drops.get(h.file.path)?.get(h.handler.node.offset);
    if (drop) Object.assign(h, { skip: `Claude Code does not run it: ${drop.message}`, skipKind: 'never' });
  }
  const roots = new Set(files.filter((f) => !f.notLoaded).map((f) => f.pluginRoot ?? f.projectDir));
  const testFiles = [...roots].map((r) => join(r, TESTS_FILE)).filter((p) => existsSync(p)).sort();
  return { files, hooks, testFiles, notices, errors };
}

/**
 * What the loader drops of a whole file for its structure, as `check` says it
 * (RULES.md §1 `missing-hooks-wrapper`, `flat-handler`; SPEC.md §8.3, §12.6, for
 * the newest Claude Code): a plugin hooks.json without its `"hooks"` wrapper or
 * with a flat handler loads none of its hooks; a settings file with a flat
 * handler under a guard event (PreToolUse, PermissionRequest,
 * PreSkillShellCommand) is not applied at all. A flat handler under another
 * event of a settings file drops that entry only (see `planHook`).
 */
function loaderDrops(kind: FileKind, model: HookModel): string | undefined {
  if (kind === 'plugin-hooks' && model.wrapperMissing) return 'Claude Code loads none of the hooks in this file: its events are not under a "hooks" key (missing-hooks-wrapper)';
  const flat = model.handlers.filter((h) => h.group.flat);
  if (flat.length === 0) return undefined;
  if (isPluginFile(kind, undefined) || kind === 'plugin-hooks') return 'Claude Code loads none of the hooks in this file: a handler is written without its matcher group (flat-handler)';
  const guard = flat.find((h) => catalog.loader.guardEvents.includes(h.event.name));
  if (guard && isSettingsKind(kind) && kind !== 'managed-settings')
    return `Claude Code applies none of this file: a handler under ${guard.event.name} is written without its matcher group (flat-handler), and an invalid entry under a guard event leaves the whole file unapplied`;
  return undefined;
}

/** Why Claude Code would not run a handler here, or undefined when it would (and `hooklint test` can). */
function planHook(file: ConfigFile, h: HandlerEntry, options: PlanOptions): PlannedHook {
  const event = catalog.events.find((e) => e.name === (h.event.runsAs ?? h.event.name));
  const type = h.type ?? '?';
  const commandNode = field(h, type === 'http' ? 'url' : 'command');
  const node = commandNode ?? h.node;
  const command = stringField(h, 'command');
  const args = argsOf(h);
  const label = type === 'command' ? [command ?? '', ...(args ?? [])].join(' ') : type === 'http' ? (stringField(h, 'url') ?? '') : `${type} handler`;
  const base: PlannedHook = { file, handler: h, event, node, type, label };
  const skip = (why: string, kind: 'never' | 'unsupported' = 'never'): PlannedHook => ({ ...base, skip: why, skipKind: kind });
  if (file.notLoaded) return skip(file.notLoaded);
  if (h.group.flat && isSettingsKind(file.kind)) return skip('Claude Code drops this entry: the handler is written without its matcher group (flat-handler)');
  if (!event) return skip(`"${h.event.name}" is not a Claude Code event`);
  if (!event.handlerTypes.includes(type as never)) return skip(`Claude Code does not run ${type} handlers on ${event.name}`);
  if (type === 'prompt' || type === 'agent') return skip(`${type} handlers ask a model; hooklint test does not run them`, 'unsupported');
  if (type === 'mcp_tool') return skip('mcp_tool handlers call a connected MCP server; hooklint test does not run them', 'unsupported');
  if (type !== 'command' && type !== 'http') return skip(`unknown handler type "${type}"`);
  if (field(h, 'if') && !event.ifEvaluated) return skip(`a handler with "if" never runs on ${event.name}`);
  const matcher = h.group.flat ? undefined : stringValue(h.group.matcher);
  const value = matcherValueFor(event, matcher);
  if (value !== undefined && typeof value !== 'string') return skip(`never fires: ${value.none}`);
  const planned = value === undefined ? base : { ...base, matcherValue: value };
  if (type === 'command') {
    if (command === undefined) return skip('no "command" string');
    if (stringField(h, 'shell') === 'powershell' && !args && !onPath('pwsh', options.env.PATH)) return skip('PowerShell (pwsh) is not installed here', 'unsupported');
  } else {
    if (!stringField(h, 'url')) return skip('no "url" string');
    if (!options.http) return skip('http handlers run only with --http', 'unsupported');
  }
  return planned;
}

/** The config files of one project or plugin root, for its test file. */
export function filesOfRoot(plan: Plan, root: string): ConfigFile[] {
  return plan.files.filter((f) => !f.notLoaded && (f.pluginRoot ?? f.projectDir) === root);
}
