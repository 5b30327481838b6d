import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { EVENTS, type EventSpec } from '../model/catalog.js';
import { buildModel, canonicalJson, field, stringField, type HandlerEntry, type HookModel } from '../model/model.js';
import { parseDocument, stringValue, treeValue, type TreePath } from '../formats/parse.js';
import { parseMarkdownDocument } from '../formats/frontmatter.js';
import { LineIndex } from '../formats/positions.js';
import { isFrontmatterKind, type Diagnostic, type FileKind } from '../model/types.js';
import { mayPredate, NEWEST, olderThan, withinRange, type Target as VersionTarget } from '../model/version.js';
import { evaluateMatcher } from '../model/matcher.js';
import { argsOf } from '../analysis/scripts.js';
import { ifAccepts, matcherAccepts, matcherSubject, type JsonObject } from '../analysis/payload.js';
import { isFatal, lintText, loaderEffect, UNREADABLE } from '../lint/lint.js';
import { PluginLayout } from './claims.js';
import { claimContext, declaresFrontmatterHooks, kindFromPath, MANAGED_DIR_OF, userConfigDir } from './files.js';
import { decode } from './lint-files.js';

/**
 * The effective hook set (issue 27, SPEC.md §4.1, §4.2, §8, §12.4-§12.6): every
 * handler Claude Code would load for a project, from every source in Claude
 * Code's order (managed settings, user settings, project settings, local
 * settings, enabled plugins, skills, agents), each either loading or dropped
 * with the reason. The one answer to "what does Claude Code load" that
 * `hooklint hooks`, the language server's hover and the runner share; the
 * blast radius of a structural error comes from `loaderEffect`, as `check`'s
 * notes do. Reads files; runs nothing.
 *
 * Where the plugins are: docs/plugin-layout.md (the plugin cache,
 * `installed_plugins.json`, `known_marketplaces.json` under the user's config folder).
 */

/** Where a handler comes from, in Claude Code's order. */
export type SourceScope = 'managed' | 'user' | 'project' | 'local' | 'plugin' | 'skill' | 'agent' | 'unloaded';

/** Why a handler (or a whole source) does not load; stable names, for `--format json` and tests. */
export type DropReason =
  | 'disable-all-hooks'
  | 'allow-managed-hooks-only'
  | 'strict-plugin-only-customization'
  | 'safe-mode'
  | 'plugin-not-enabled'
  | 'plugin-not-installed'
  | 'plugin-engines'
  | 'plugin-name-clash'
  | 'schema-file'
  | 'schema-entry'
  | 'unknown-event'
  | 'newer-than-target'
  | 'unloaded-location'
  | 'duplicate';

/** A drop: its reason and the sentence that says it (naming the file and line that decided, where one did). */
export interface Drop {
  reason: DropReason;
  message: string;
}

/** One source of hooks: a settings file, a plugin's hooks file or manifest, a skill, an agent. */
export interface HookSource {
  scope: SourceScope;
  /** How the report names it: `managed`, `user`, `project`, `local`, `plugin fmt@tools`, `skill review`. */
  label: string;
  /** The file, absolute; undefined for a plugin that is enabled but not installed. */
  path: string | undefined;
  kind: FileKind | undefined;
  /** When its hooks are active: the whole session, after the skill is invoked, while the agent runs. */
  when: 'session' | 'skill' | 'agent';
  /** The plugin id (`name@marketplace`), for a plugin's files. */
  plugin?: string;
  /** Set when nothing of this source loads (every handler carries the same drop). */
  dropped?: Drop;
  /** Project files held back until the workspace-trust dialog is accepted (interactive sessions). */
  pendingTrust?: boolean;
  handlers: EffectiveHandler[];
}

/** One handler and whether Claude Code loads it. */
export interface EffectiveHandler {
  source: HookSource;
  /** Absolute path, and the handler's 1-based line and column in it. */
  file: string;
  line: number;
  column: number;
  /** The event as written, and the one it runs on when that differs (an agent's `Stop` runs as `SubagentStop`). */
  event: string;
  runsAs?: string;
  /** The group's matcher as written; undefined when there is none. */
  matcher: string | undefined;
  type: string;
  /** What it runs: `command` plus `args`, the URL, the tool, or the prompt's first line. */
  command: string;
  status: 'loads' | 'dropped';
  drop?: Drop;
  /** Further reasons it would be dropped for (a policy that also applies, a duplicate). */
  also?: Drop[];
  /** Something true of a loading handler (waits for workspace trust). */
  note?: string;
  entry: HandlerEntry;
}

/** A settings value and the file whose value won. */
export interface Decided<T> {
  value: T;
  file: string;
}

/** The whole answer. */
export interface EffectiveSet {
  projectDir: string;
  configDir: string;
  /** The managed settings files read (absolute), in merge order. */
  managedFiles: string[];
  target: VersionTarget;
  sources: HookSource[];
  handlers: EffectiveHandler[];
  settings: {
    disableAllHooks?: Decided<boolean>;
    allowManagedHooksOnly?: Decided<boolean>;
    strictPluginOnlyCustomization?: Decided<string[]>;
    safeMode: boolean;
  };
  notices: string[];
}

/** Options of `effectiveHooks`. */
export interface EffectiveOptions {
  /** The project root (`$CLAUDE_PROJECT_DIR`). */
  projectDir: string;
  env: NodeJS.ProcessEnv;
  /** The folder of `managed-settings.json` and `managed-settings.d/` (default: the platform's). */
  managedDir?: string;
  /** Plugins loaded for the session from folders (Claude Code's `--plugin-dir`). */
  pluginDirs?: string[];
  /** The Claude Code version judged (default: the newest the catalog knows). */
  target?: VersionTarget;
  platform?: NodeJS.Platform;
}

/** The managed-settings folder of each platform (SPEC.md §4.1). */
export function managedDirFor(platform: NodeJS.Platform): string {
  return platform === 'darwin' || platform === 'win32' ? MANAGED_DIR_OF[platform] : MANAGED_DIR_OF.linux;
}

/** A file read and modelled once. */
interface Loaded {
  path: string;
  kind: FileKind;
  text: string;
  lines: LineIndex;
  model: HookModel;
  /** The parsed top-level value (settings files), when it parses. */
  value: Record<string, unknown> | undefined;
  /** What the loader drops: the whole file (or its hooks), and entries by JSON path. */
  fileDrop?: Drop;
  /** Not strict JSON: Claude Code reads none of it (no setting of it applies either). */
  unreadable: boolean;
  entryDrops: { path: TreePath; drop: Drop }[];
}

function readText(path: string): string | undefined {
  try {
    if (!statSync(path).isFile()) return undefined;
    return decode(readFileSync(path)).text;
  } catch {
    return undefined;
  }
}

/** Read, model and lint one file; undefined when it cannot be read. */
function load(path: string, kind: FileKind, target: VersionTarget, roots: { projectRoot?: string; pluginRoot?: string }): Loaded | undefined {
  const text = readText(path);
  if (text === undefined) return undefined;
  const frontmatter = isFrontmatterKind(kind);
  const doc = frontmatter ? parseMarkdownDocument(text) : parseDocument(text);
  const model = buildModel(kind, doc.root);
  const lines = new LineIndex(text);
  const value = !frontmatter && doc.root?.type === 'object' ? (treeValue(doc.root) as Record<string, unknown>) : undefined;
  const loaded: Loaded = { path, kind, text, lines, model, value, unreadable: false, entryDrops: [] };
  const { diagnostics } = lintText(text, { filePath: path, kind, ...roots, inPlace: true, target });
  const fatal = diagnostics.filter((d) => isFatal(d));
  loaded.unreadable = !frontmatter && fatal.some((d) => UNREADABLE.has(d.ruleId));
  const where = (d: Diagnostic) => `${basename(path)}:${d.line}`;
  for (const d of fatal) {
    if (frontmatter) {
      // What Claude Code does with an invalid hook in a skill or agent is not documented [uncertain]: the frontmatter that does not parse loads nothing.
      if (d.ruleId === 'yaml-syntax') loaded.fileDrop ??= { reason: 'schema-file', message: `the frontmatter is not valid YAML (${where(d)}: ${d.message})` };
      continue;
    }
    const effect = loaderEffect(d, fatal, text, model.eventMapPath, kind, target);
    if (effect.drops === 'file') {
      const what = kind === 'managed-settings' ? 'Claude Code drops the whole "hooks" key of this managed file' : kind === 'plugin-hooks' ? 'Claude Code loads none of the hooks in this file' : kind === 'plugin-manifest' ? 'Claude Code cannot load this plugin manifest' : effect.guard ? `an invalid entry under the guard event ${effect.guard} leaves this whole file unapplied` : 'Claude Code skips this whole file';
      loaded.fileDrop ??= { reason: 'schema-file', message: `${what} (${where(d)}: ${d.message})` };
    } else loaded.entryDrops.push({ path: effect.path, drop: { reason: 'schema-entry', message: `Claude Code drops the entry ${effect.label} (${where(d)}: ${d.message}) and applies the rest of the file` } });
  }
  return loaded;
}

/** True when `path` lies at or under `prefix` (JSON paths). */
function under(path: TreePath, prefix: TreePath): boolean {
  return prefix.length <= path.length && prefix.every((seg, i) => seg === path[i]);
}

/** What a handler runs, in one line. */
function commandOf(h: HandlerEntry): string {
  const type = h.type ?? '?';
  if (type === 'command') return [stringField(h, 'command') ?? '', ...(argsOf(h) ?? [])].join(' ');
  if (type === 'http') return stringField(h, 'url') ?? '';
  if (type === 'mcp_tool') return [stringField(h, 'server'), stringField(h, 'tool')].filter(Boolean).join(' ') || 'mcp_tool';
  return (stringField(h, 'prompt') ?? '').split('\n')[0] ?? '';
}

/** Skills (`skills/<name>/SKILL.md`, and `commands/*.md`, which load as skills) and agents under `base`, declaring hooks. */
function frontmatterFiles(base: string, folder: 'skills' | 'agents' | 'commands'): string[] {
  const dir = join(base, folder);
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const n of names) {
    const p = folder === 'skills' ? join(dir, n, 'SKILL.md') : join(dir, n);
    if (folder !== 'skills' && !n.endsWith('.md')) continue;
    const text = readText(p);
    if (text !== undefined && declaresFrontmatterHooks(text)) out.push(p);
  }
  return out;
}

/** One install record of `installed_plugins.json` (version 2: a list per plugin id; version 1: one object). */
interface InstallRecord {
  scope?: string;
  installPath?: string;
  version?: string;
  projectPath?: string;
}

function readJsonFile(path: string): unknown {
  const text = readText(path);
  if (text === undefined) return undefined;
  const doc = parseDocument(text);
  return doc.root ? treeValue(doc.root) : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The installed plugins: id → install records (docs/plugin-layout.md). */
function installedPlugins(configDir: string): Map<string, InstallRecord[]> {
  const out = new Map<string, InstallRecord[]>();
  const file = readJsonFile(join(configDir, 'plugins', 'installed_plugins.json'));
  const plugins = isObject(file) ? file.plugins : undefined;
  if (!isObject(plugins)) return out;
  for (const [id, v] of Object.entries(plugins)) {
    const list = (Array.isArray(v) ? v : [v]).filter(isObject) as InstallRecord[];
    out.set(id, list);
  }
  return out;
}

/** The folder an installed plugin's files are in, for this project: its install record's `installPath`, else the cache folder `plugins/cache/<marketplace>/<name>/<version>`. */
function installRoot(id: string, records: InstallRecord[] | undefined, configDir: string, projectDir: string): string | undefined {
  for (const r of records ?? []) {
    if (r.projectPath !== undefined && (r.scope === 'project' || r.scope === 'local') && resolve(r.projectPath) !== projectDir) continue;
    if (typeof r.installPath === 'string' && existsSync(r.installPath)) return resolve(r.installPath);
    const [name, market] = splitId(id);
    if (typeof r.version === 'string' && market) {
      const p = join(configDir, 'plugins', 'cache', market, name, r.version);
      if (existsSync(p)) return p;
    }
  }
  return undefined;
}

function splitId(id: string): [name: string, marketplace: string | undefined] {
  const at = id.lastIndexOf('@');
  return at > 0 ? [id.slice(0, at), id.slice(at + 1)] : [id, undefined];
}

/** True for a truthy environment flag (`1`, `true`, `yes`). */
function envFlag(v: string | undefined): boolean {
  return v !== undefined && /^(1|true|yes|on)$/i.test(v.trim());
}

/**
 * Every handler Claude Code would load for the project at `options.projectDir`,
 * and every one it would not, with the reason (issue 27). Never throws for bad
 * input: files that cannot be read are left out (a `--managed` folder without
 * managed settings gets a notice).
 */
export function effectiveHooks(options: EffectiveOptions): EffectiveSet {
  const projectDir = resolve(options.projectDir);
  const env = options.env;
  const configDir = userConfigDir(env);
  const target = options.target ?? NEWEST;
  const managedDir = options.managedDir ? resolve(options.managedDir) : managedDirFor(options.platform ?? process.platform);
  const notices: string[] = [];
  const sources: HookSource[] = [];
  const layout = new PluginLayout();

  const addSource = (scope: SourceScope, label: string, f: Loaded, when: HookSource['when'] = 'session', extra: Partial<HookSource> = {}): HookSource => {
    const source: HookSource = { scope, label, path: f.path, kind: f.kind, when, handlers: [], ...extra };
    for (const h of f.model.handlers) {
      const pos = f.lines.position(h.node.offset);
      const eh: EffectiveHandler = {
        source,
        file: f.path,
        line: pos.line,
        column: pos.column,
        event: h.event.name,
        matcher: h.group.flat || !h.group.matcher ? undefined : (stringValue(h.group.matcher) ?? JSON.stringify(treeValue(h.group.matcher))),
        type: h.type ?? '?',
        command: commandOf(h),
        status: 'loads',
        entry: h,
      };
      if (h.event.runsAs) eh.runsAs = h.event.runsAs;
      const drop = f.fileDrop ?? f.entryDrops.find((d) => under(h.path, d.path))?.drop ?? eventDrop(h.event.spec, h.event.runsAs ?? h.event.name, target);
      if (drop) {
        eh.status = 'dropped';
        eh.drop = drop;
      }
      source.handlers.push(eh);
    }
    sources.push(source);
    return source;
  };

  // 1. Managed settings: managed-settings.json, then managed-settings.d/*.json alphabetically (later files win).
  const managedFiles = [join(managedDir, 'managed-settings.json')];
  try {
    managedFiles.push(...readdirSync(join(managedDir, 'managed-settings.d')).filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort().map((n) => join(managedDir, 'managed-settings.d', n)));
  } catch {
    // no drop-in folder
  }
  const managed: Loaded[] = [];
  for (const p of managedFiles) {
    const f = load(p, 'managed-settings', target, {});
    if (!f) continue;
    managed.push(f);
    addSource('managed', 'managed', f);
  }
  if (options.managedDir && managed.length === 0) notices.push(`${managedDir}: no managed-settings.json or managed-settings.d/*.json there`);
  // 2-4. User, project and local settings.
  const settingsFile = (scope: 'user' | 'project' | 'local', path: string, kind: FileKind): Loaded | undefined => {
    const f = load(path, kind, target, scope === 'user' ? {} : { projectRoot: projectDir });
    if (f) addSource(scope, scope, f, 'session', scope === 'project' ? { pendingTrust: true } : {});
    return f;
  };
  const user = settingsFile('user', join(configDir, 'settings.json'), 'user-settings');
  const project = settingsFile('project', join(projectDir, '.claude', 'settings.json'), 'project-settings');
  const local = settingsFile('local', join(projectDir, '.claude', 'settings.local.json'), 'local-settings');

  // The settings that decide which hooks run, from the files that apply (a file dropped whole sets nothing; a managed file's other keys still apply).
  const applying = (f: Loaded | undefined) => (f && !f.unreadable && (f.kind === 'managed-settings' || !f.fileDrop) ? f.value : undefined);
  const byPrecedence = [...[...managed].reverse(), local, project, user].filter((f): f is Loaded => !!applying(f));
  const decide = <T>(key: string, read: (v: unknown) => T | undefined, files = byPrecedence): Decided<T> | undefined => {
    for (const f of files) {
      const v = read(applying(f)![key]);
      if (v !== undefined) return { value: v, file: f.path };
    }
    return undefined;
  };
  const bool = (v: unknown) => (typeof v === 'boolean' ? v : undefined);
  const managedOnly = byPrecedence.filter((f) => f.kind === 'managed-settings');
  const settings: EffectiveSet['settings'] = { safeMode: envFlag(env.CLAUDE_CODE_SAFE_MODE) };
  const disable = decide('disableAllHooks', bool);
  if (disable) settings.disableAllHooks = disable;
  // An invalid value counts as true (it fails closed, SPEC.md §4.2).
  const amho = decide('allowManagedHooksOnly', (v) => (v === undefined || v === null ? undefined : v !== false), managedOnly);
  if (amho) settings.allowManagedHooksOnly = amho;
  const strict = decide('strictPluginOnlyCustomization', (v) => (v === true ? ['skills', 'agents', 'hooks', 'mcp'] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined), managedOnly);
  if (strict) settings.strictPluginOnlyCustomization = strict;

  // 5. Plugins: `enabledPlugins` across the scopes (managed wins, then local, project, user), resolved to their install folders.
  const enabled = new Map<string, Decided<boolean>>();
  for (const f of [...byPrecedence].reverse()) {
    const ep = applying(f)!.enabledPlugins;
    if (isObject(ep)) for (const [id, v] of Object.entries(ep)) if (typeof v === 'boolean') enabled.set(id, { value: v, file: f.path });
  }
  const forcedByManaged = new Set<string>();
  for (const f of managedOnly) {
    const ep = applying(f)!.enabledPlugins;
    if (isObject(ep)) for (const [id, v] of Object.entries(ep)) if (v === true) forcedByManaged.add(id);
  }
  const installed = installedPlugins(configDir);
  const known = readJsonFile(join(configDir, 'plugins', 'known_marketplaces.json'));
  const ids = [...new Set([...enabled.keys(), ...installed.keys()])].sort();
  interface PluginEntry {
    id: string;
    root: string | undefined;
    on: Decided<boolean> | undefined;
  }
  const plugins: PluginEntry[] = ids.map((id) => ({ id, root: installRoot(id, installed.get(id), configDir, projectDir), on: enabled.get(id) }));
  for (const dir of options.pluginDirs ?? []) {
    const root = resolve(dir);
    const name = manifestName(root) ?? basename(root);
    plugins.push({ id: `${name}@inline`, root, on: { value: true, file: '--plugin-dir' } });
  }
  const namesSeen = new Map<string, string>();
  for (const p of plugins) {
    const [idName, market] = splitId(p.id);
    const label = `plugin ${p.id}`;
    if (!p.root) {
      if (p.on?.value) {
        const marketKnown = !market || market === 'inline' || (isObject(known) && market in known);
        sources.push({
          scope: 'plugin',
          label,
          path: undefined,
          kind: undefined,
          when: 'session',
          plugin: p.id,
          handlers: [],
          dropped: { reason: 'plugin-not-installed', message: `enabled in ${basename(p.on.file)} (${p.on.file}) but not installed under ${join(configDir, 'plugins')}${marketKnown ? '' : `; its marketplace "${market}" is not in known_marketplaces.json`}: Claude Code has nothing to load (claude plugin install ${p.id})` },
        });
      }
      continue;
    }
    const name = manifestName(p.root) ?? idName;
    const manifest = layout.manifest(p.root);
    let drop: Drop | undefined;
    if (!p.on?.value)
      drop = { reason: 'plugin-not-enabled', message: p.on ? `installed, but disabled in ${p.on.file} ("enabledPlugins": {"${p.id}": false})` : `installed, but no settings file enables it ("enabledPlugins": {"${p.id}": true})` };
    else if (manifest?.engines && !withinRange(target, manifest.engines))
      drop = { reason: 'plugin-engines', message: `its plugin.json "engines" asks for Claude Code ${manifest.engines}, outside ${target.spec}: Claude Code neither installs nor loads it` };
    else if (namesSeen.has(name)) drop = { reason: 'plugin-name-clash', message: `a second enabled plugin named "${name}" (the first is ${namesSeen.get(name)}): Claude Code leaves one's hooks out [uncertain which]` };
    if (p.on?.value && !drop) namesSeen.set(name, p.id);
    const files: { path: string; kind: FileKind }[] = [];
    const hooksJson = join(p.root, 'hooks', 'hooks.json');
    if (existsSync(hooksJson)) files.push({ path: hooksJson, kind: 'plugin-hooks' });
    for (const f of manifest?.hookFiles ?? []) if (f !== hooksJson && existsSync(f) && !files.some((x) => x.path === f)) files.push({ path: f, kind: 'plugin-hooks' });
    if (manifest && isObject((readJsonFile(manifest.path) as Record<string, unknown> | undefined)?.hooks)) files.push({ path: manifest.path, kind: 'plugin-manifest' });
    const extra = { plugin: p.id, ...(drop ? { dropped: drop } : {}) };
    for (const f of files) {
      const l = load(f.path, f.kind, target, { pluginRoot: p.root });
      if (l) addSource('plugin', label, l, 'session', extra);
    }
    for (const folder of ['skills', 'commands'] as const)
      for (const s of frontmatterFiles(p.root, folder)) {
        const l = load(s, 'skill', target, { pluginRoot: p.root });
        if (l) addSource('skill', `skill ${p.id}:${skillName(s)}`, l, 'skill', extra);
      }
    for (const a of frontmatterFiles(p.root, 'agents')) {
      const l = load(a, 'agent', target, { pluginRoot: p.root });
      if (l) addSource('unloaded', `agent ${p.id}:${basename(a, '.md')}`, l, 'agent', { plugin: p.id, dropped: { reason: 'unloaded-location', message: "a plugin's agents cannot declare hooks: Claude Code ignores them (for security) and warns" } });
    }
  }

  // 6-7. Skills (and commands, which load as skills) and agents: the project's, then the user's.
  for (const [base, scope] of [[join(projectDir, '.claude'), 'project'], [configDir, 'user']] as const) {
    for (const folder of ['skills', 'commands'] as const)
      for (const s of frontmatterFiles(base, folder)) {
        const l = load(s, 'skill', target, scope === 'project' ? { projectRoot: projectDir } : {});
        if (l) addSource('skill', `skill ${skillName(s)} (${scope})`, l, 'skill', scope === 'project' ? { pendingTrust: true } : {});
      }
    for (const a of frontmatterFiles(base, 'agents')) {
      const l = load(a, 'agent', target, scope === 'project' ? { projectRoot: projectDir } : {});
      if (l) addSource('agent', `agent ${basename(a, '.md')} (${scope})`, l, 'agent', scope === 'project' ? { pendingTrust: true } : {});
    }
  }

  // Places people put hooks that Claude Code never reads (RULES.md §7 unloaded-location).
  // Discovery's own reasons (RULES.md §7 unloaded-location), for the files people put hooks in there.
  const claims = claimContext(env, projectDir, layout);
  for (const path of [join(projectDir, '.claude', 'hooks.json'), join(projectDir, '.claude', 'hooks', 'hooks.json'), join(configDir, 'settings.local.json')]) {
    const why = kindFromPath(path, claims)?.unloaded;
    const f = why === undefined ? undefined : load(path, 'settings', target, {});
    if (f && f.model.handlers.length > 0) addSource('unloaded', 'not loaded', f, 'session', { dropped: { reason: 'unloaded-location', message: `Claude Code never reads this file: ${why}` } });
  }

  // Policies, then deduplication.
  const handlers = sources.flatMap((s) => s.handlers);
  for (const s of sources) {
    if (!s.dropped) continue;
    for (const h of s.handlers) {
      h.status = 'dropped';
      h.drop = s.dropped;
    }
  }
  const settingsScopes = new Set<SourceScope>(['user', 'project', 'local']);
  const pluginForced = (s: HookSource) => s.plugin !== undefined && forcedByManaged.has(s.plugin);
  /** The policies that turn a handler off (SPEC.md §4.2, §4.3, §12.5), first the one that decides. */
  const policies = (s: HookSource): Drop[] => {
    const out: Drop[] = [];
    if (s.scope === 'managed') {
      if (settings.disableAllHooks?.value && managedOnly.some((f) => f.path === settings.disableAllHooks!.file)) out.push({ reason: 'disable-all-hooks', message: `"disableAllHooks": true in the managed file ${settings.disableAllHooks.file} turns off every hook, managed ones too` });
      return out;
    }
    if (settings.safeMode) out.push({ reason: 'safe-mode', message: 'CLAUDE_CODE_SAFE_MODE is set: hooks are off; only managed hooks still apply' });
    if (settings.allowManagedHooksOnly?.value && !pluginForced(s))
      out.push({ reason: 'allow-managed-hooks-only', message: `"allowManagedHooksOnly" in ${settings.allowManagedHooksOnly.file}: only managed hooks and plugins the managed "enabledPlugins" force on run` });
    if (settings.strictPluginOnlyCustomization && s.plugin === undefined && strictCovers(settings.strictPluginOnlyCustomization.value, s.scope))
      out.push({ reason: 'strict-plugin-only-customization', message: `"strictPluginOnlyCustomization" in ${settings.strictPluginOnlyCustomization.file} stops ${s.scope === 'skill' ? 'skills' : s.scope === 'agent' ? 'agents' : 'hooks'} outside plugins and managed settings` });
    // disableAllHooks covers settings files and installed plugins (SPEC.md §12.5); for skills' and agents' hooks it is not documented [uncertain]: they are left loading.
    if (settings.disableAllHooks?.value && (settingsScopes.has(s.scope) || s.scope === 'plugin'))
      out.push({
        reason: 'disable-all-hooks',
        message: `"disableAllHooks": true in ${settings.disableAllHooks.file} (the value that wins by precedence: managed, local, project, user) turns off hooks from settings files and plugins${s.scope === 'user' && settings.disableAllHooks.file.startsWith(projectDir + sep) ? "; in a folder not yet trusted, the repository's settings cannot turn off the user's hooks (2.1.323)" : ''}`,
      });
    return out;
  };
  // An identical handler in several settings files runs once; plugin and skill copies run separately (SPEC.md §4.1).
  // Judged among the handlers the files load, before policies: a copy is a copy whatever else turns it off.
  const firstOf = new Map<string, EffectiveHandler>();
  const duplicates = new Map<EffectiveHandler, Drop>();
  for (const h of handlers) {
    if (h.status !== 'loads' || !(h.source.scope === 'managed' || settingsScopes.has(h.source.scope))) continue;
    const m = (h.matcher ?? '').trim();
    const key = `${h.runsAs ?? h.event}\u0000${m === '*' ? '' : m}\u0000${canonicalJson(treeValue(h.entry.node))}`;
    const first = firstOf.get(key);
    if (!first) firstOf.set(key, h);
    else if (first.file !== h.file) duplicates.set(h, { reason: 'duplicate', message: `identical to the handler at ${first.file}:${first.line} (${first.source.label}): Claude Code runs it once` });
  }
  for (const h of handlers) {
    const drops = [...policies(h.source), ...(duplicates.has(h) ? [duplicates.get(h)!] : [])];
    if (h.status === 'loads' && drops.length > 0) {
      h.status = 'dropped';
      h.drop = drops.shift();
    }
    if (h.status === 'dropped' && drops.length > 0) h.also = drops.filter((d) => d.reason !== h.drop!.reason);
    if (h.also?.length === 0) delete h.also;
  }
  for (const h of handlers)
    if (h.status === 'loads' && h.source.pendingTrust)
      h.note = h.source.scope === 'project' ? 'held back until the workspace-trust dialog is accepted (interactive sessions; -p trusts the folder): hooklint cannot tell whether it was' : 'a project file: it waits for the folder to be trusted';
  return { projectDir, configDir, managedFiles: managed.map((f) => f.path), target, sources, handlers, settings, notices };
}

function strictCovers(list: string[], scope: SourceScope): boolean {
  if (scope === 'skill') return list.includes('skills');
  if (scope === 'agent') return list.includes('agents');
  return list.includes('hooks');
}

function skillName(path: string): string {
  return basename(path) === 'SKILL.md' ? basename(dirname(path)) : basename(path, '.md');
}

function manifestName(root: string): string | undefined {
  const v = readJsonFile(join(root, '.claude-plugin', 'plugin.json'));
  return isObject(v) && typeof v.name === 'string' ? v.name : undefined;
}

/** An unknown event, or one newer than the target: its entry is ignored (SPEC.md §12.6, §13.1). */
function eventDrop(spec: EventSpec | undefined, name: string, target: VersionTarget): Drop | undefined {
  if (!spec) return { reason: 'unknown-event', message: `"${name}" is not a Claude Code event: Claude Code ignores the entry (unknown hook event)` };
  if (spec.since && mayPredate(target, spec.since)) return { reason: 'newer-than-target', message: `${name} needs Claude Code ${spec.since}; ${olderThan(spec.since)} (in ${target.spec}) ignore the entry` };
  return undefined;
}

/** Whether one handler fires for an event and payload, and why not. */
export interface Firing {
  handler: EffectiveHandler;
  fires: boolean;
  /** Why it does not fire (or, for dropped handlers, the drop's message). */
  why?: string;
  /** `matcher`, `if`, `if-not-evaluated`, `dropped`; undefined when it fires. */
  reason?: 'matcher' | 'if' | 'if-not-evaluated' | 'dropped';
  /** What holds although it fires: the event takes no matcher, `once`, `async`, only after a skill is invoked. */
  notes: string[];
}

/**
 * Of the handlers for `eventName` (the event they run on), which fire for
 * `payload` (built by src/analysis/payload.ts, as `hooklint test` builds it),
 * and why each other does not: dropped (the drop's reason), the matcher does not
 * match (the value compared; exact names or a regex, SPEC.md §3), the `if` rule
 * does not match, or `if` on an event that never evaluates it. What is true of a
 * firing handler is in `notes` (a matcher the event ignores, `once`, `async`,
 * a skill's or agent's hooks). Pure.
 */
export function whichFire(set: EffectiveSet, eventName: string, payload: JsonObject): Firing[] {
  const event = EVENTS.get(eventName);
  const out: Firing[] = [];
  if (!event) return out;
  const subject = matcherSubject(event, payload);
  /** Why a handler that loads would not fire; undefined when it fires. */
  const gate = (h: EffectiveHandler): Pick<Firing, 'reason' | 'why'> | undefined => {
    const m = h.matcher;
    if (event.matcher && !matcherAccepts(event, m, subject)) {
      const ev = evaluateMatcher(m!, event.matcher.exactSet);
      const how = ev.kind === 'exact' ? `exact names ${ev.items.map((i) => i.value).join(', ')}` : ev.kind === 'regex' && !ev.regex ? `an invalid regular expression (${ev.error})` : 'a regular expression';
      const what = event.matcher.field in event.input ? event.matcher.field : 'the file name';
      return { reason: 'matcher', why: `matcher "${m}" (${how}) does not match ${what} ${subject === undefined ? '(none in the input)' : JSON.stringify(subject)}` };
    }
    const rule = stringField(h.entry, 'if');
    if (rule === undefined) return undefined;
    if (!event.ifEvaluated) return { reason: 'if-not-evaluated', why: `a handler with "if" never runs on ${eventName} (Claude Code evaluates "if" only on tool events)` };
    if (!ifAccepts(rule, payload.tool_name, payload.tool_input, set.projectDir)) return { reason: 'if', why: `"if": "${rule}" does not match ${describeCall(payload)}` };
    return undefined;
  };
  for (const h of set.handlers) {
    if ((h.runsAs ?? h.event) !== eventName) continue;
    const notes: string[] = [];
    const g = gate(h);
    if (h.status === 'dropped') {
      if (g) notes.push(`and if it loaded: ${g.why}`);
      out.push({ handler: h, fires: false, reason: 'dropped', why: h.drop!.message, notes });
      continue;
    }
    if (g) {
      out.push({ handler: h, fires: false, ...g, notes });
      continue;
    }
    if (!event.matcher && h.matcher !== undefined && h.matcher !== '' && h.matcher !== '*') notes.push(`${eventName} takes no matcher: "${h.matcher}" is ignored`);
    if (h.source.when === 'skill') notes.push('only once its skill has been invoked in the session');
    if (h.source.when === 'agent') notes.push('only while its agent runs');
    if (field(h.entry, 'once')?.value === true) notes.push(h.source.when === 'skill' ? 'once: runs the first time, then is removed for the session' : '"once" is honoured only in skills: it runs every time');
    if (field(h.entry, 'async')?.value === true) notes.push('async: runs in the background and cannot decide (its decision, permissionDecision and continue are never applied)');
    out.push({ handler: h, fires: true, notes });
  }
  return out;
}

/**
 * What Claude Code drops of the handlers in `files` (the runner's plan: which hooks
 * `hooklint test` leaves out because Claude Code would never run them): for each file
 * of a project's effective set (settings, skills, agents), the drop of each handler,
 * keyed by path and the handler's 0-based offset. Files outside any project's set
 * (a plugin under development, a template) get nothing.
 */
export function dropsFor(files: readonly { path: string; projectDir: string }[], env: NodeJS.ProcessEnv): Map<string, Map<number, Drop>> {
  const out = new Map<string, Map<number, Drop>>();
  const sets = new Map<string, EffectiveSet>();
  for (const f of files) {
    let set = sets.get(f.projectDir);
    if (!set) sets.set(f.projectDir, (set = effectiveHooks({ projectDir: f.projectDir, env })));
    for (const h of set.handlers) {
      if (h.status !== 'dropped' || h.file !== resolve(f.path) || h.source.scope === 'plugin') continue;
      let byOffset = out.get(f.path);
      if (!byOffset) out.set(f.path, (byOffset = new Map()));
      byOffset.set(h.entry.node.offset, h.drop!);
    }
  }
  return out;
}

function describeCall(payload: JsonObject): string {
  const input = payload.tool_input;
  const detail = isObject(input) ? (['command', 'file_path', 'url', 'pattern'].map((k) => input[k]).find((v) => typeof v === 'string') as string | undefined) : undefined;
  return `${String(payload.tool_name)}${detail !== undefined ? `(${detail})` : ''}`;
}

/**
 * Handlers other sources than `file` add to `eventName` and that load (the
 * language server's hover on an event key), counted by source label.
 */
export function otherSourcesOf(set: EffectiveSet, file: string, eventName: string): Map<string, number> {
  const out = new Map<string, number>();
  const abs = resolve(file);
  for (const h of set.handlers) if (h.status === 'loads' && h.file !== abs && (h.runsAs ?? h.event) === eventName) out.set(h.source.label, (out.get(h.source.label) ?? 0) + 1);
  return out;
}
