import { existsSync } from 'node:fs';
import { readRegularFile } from './read-file.js';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { parseTreeBounded, treeValue } from '../formats/parse.js';

/**
 * Which files are Claude Code's (issue "Precision on real repositories", SPEC.md §4.1).
 *
 * Repositories that use Claude Code often keep other agents' hook files beside
 * its own, in the same JSON shape or nearly (Cursor's `.cursor/hooks.json`,
 * Codex's `.codex/hooks.json` with Claude's PascalCase events, GitHub Copilot's
 * `.github/hooks/*.json`, plugin manifests for Kimi, Codex, Copilot, Grok, ...).
 * Linting or fixing them as Claude Code's breaks those tools, so discovery
 * claims files by path, and this module says which paths belong to another
 * agent and how a plugin's files are laid out.
 */

/**
 * Folder names that mark another agent's files, with the agent's name. A name
 * listed with a leading dot matches only with the dot (`.github`, `.vscode`:
 * the bare words are common folder names); the others match with or without
 * it and with a suffix such as `-hooks`, `-plugin`, `_config`, `-cli`
 * (`cursor-hooks/`, `.codex-plugin/`, `configs/gemini/`).
 */
const AGENT_FOLDERS: [pattern: string, agent: string][] = [
  ['cursor', 'Cursor'],
  ['codex', 'OpenAI Codex'],
  ['gemini', 'Gemini CLI'],
  ['windsurf', 'Windsurf'],
  ['codeium', 'Windsurf'],
  ['copilot', 'GitHub Copilot'],
  ['github-copilot', 'GitHub Copilot'],
  ['.github', 'GitHub Copilot'],
  ['kimi', 'Kimi'],
  ['kiro', 'Kiro'],
  ['grok', 'Grok'],
  ['qwen', 'Qwen Code'],
  ['opencode', 'opencode'],
  ['cline', 'Cline'],
  ['clinerules', 'Cline'],
  ['roo', 'Roo Code'],
  ['roocode', 'Roo Code'],
  ['augment', 'Augment'],
  ['amazonq', 'Amazon Q'],
  ['trae', 'Trae'],
  ['droid', 'Factory'],
  ['.factory', 'Factory'],
  ['junie', 'Junie'],
  ['qoder', 'Qoder'],
  ['.continue', 'Continue'],
  ['.vscode', 'VS Code'],
  ['.zed', 'Zed'],
];

/** A folder name split into an optional leading dot, a word and an optional known suffix (lower case, no `i` flag: compiling case-insensitive regexes costs start-up). */
const FOLDER = /^(\.?)([a-z0-9]+(?:-[a-z0-9]+)*?)(?:[-_.](?:plugins?|hooks?|cli|configs?|extensions?|rules|agents?|ide|settings))?$/;

/** Agents by folder word; `dotOnly` for words that name an agent only with their dot. */
const AGENTS: ReadonlyMap<string, { agent: string; dotOnly: boolean }> = new Map(
  AGENT_FOLDERS.map(([name, agent]) => [name.replace(/^\./, ''), { agent, dotOnly: name.startsWith('.') }]),
);

/** The agent a folder name belongs to (`.cursor` → Cursor, `codex-plugin` → OpenAI Codex), or undefined. */
export function agentOfFolder(name: string): string | undefined {
  const m = FOLDER.exec(name.toLowerCase());
  if (!m) return undefined;
  const hit = AGENTS.get(m[2]!);
  return hit && (!hit.dotOnly || m[1] === '.') ? hit.agent : undefined;
}

/**
 * The other agent whose folder holds `file`, looking only at the folders
 * below `root` (a walk's root, or the current directory for a named file):
 * the name of the folder a user runs hooklint in says nothing (a repository
 * may be called `codex`). A root that is itself a dot-folder of another agent
 * (`hooklint check .cursor`) counts. Undefined when no folder names an agent.
 */
export function foreignAgent(file: string, root: string | undefined): string | undefined {
  const abs = resolve(file);
  let dirs: string[];
  const r = root === undefined ? undefined : resolve(root);
  if (r !== undefined && (abs === r || abs.startsWith(r.endsWith(sep) ? r : r + sep))) {
    dirs = abs.slice(r.length).split(sep).filter(Boolean).slice(0, -1);
    const own = basename(r);
    if (own.startsWith('.')) dirs.unshift(own);
  } else {
    // Outside the root (`hooklint check ../x/.cursor/hooks.json`): its nearest three folders.
    dirs = dirname(abs).split(sep).filter(Boolean).slice(-3);
  }
  for (const d of dirs) {
    const agent = agentOfFolder(d);
    if (agent) return agent;
  }
  return undefined;
}

/**
 * `$schema` URLs of Claude Code configs (SchemaStore's settings and plugin
 * schemas, hooklint's own); any other `$schema` names another tool's format.
 */
const CLAUDE_SCHEMA = /claude|anthropic|hooklint/i;

/**
 * Why a JSON text is another tool's hook file, judged from its content (for
 * files whose path does not say, issue 14 §1): a top-level `"version"` (Cursor
 * and Copilot hook files carry `"version": 1`; Claude Code's settings and hooks
 * files have none) or a `$schema` of another tool. Undefined otherwise.
 */
export function foreignContent(root: { version?: unknown; $schema?: unknown }): string | undefined {
  if (root.version !== undefined) return 'it has a top-level "version", which Claude Code\'s hook files do not';
  if (typeof root.$schema === 'string' && !CLAUDE_SCHEMA.test(root.$schema)) return `its "$schema" (${root.$schema}) is another tool's`;
  return undefined;
}

/** What a plugin's `.claude-plugin/plugin.json` says about hook files (absolute paths it names). */
interface ManifestInfo {
  path: string;
  hookFiles: string[];
  /** `engines["claude-code"]`: the Claude Code versions the plugin promises to work on (a semver range). */
  engines?: string;
}

/** One plugin a marketplace lists with a local `source` folder. */
interface MarketplacePlugin {
  root: string;
  /** Hook files the marketplace entry names (`hooks`: a path or list of paths), absolute. */
  hookFiles: string[];
}

/** Where a plugin's files live, for a file inside it. */
export interface PluginPlacement {
  /** The plugin root (`${CLAUDE_PLUGIN_ROOT}`). */
  root: string;
  /** The manifest, when the plugin has one. */
  manifest?: string;
  /** The manifest's `engines["claude-code"]` range. */
  engines?: string;
  /** Hook files the manifest or the marketplace entry names, absolute. */
  hookFiles: string[];
}

/** Hook file paths of a manifest's or marketplace entry's `hooks` value (a path or a list of paths), resolved against `base`. */
function hookRefs(value: unknown, base: string): string[] {
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  return list.filter((v): v is string => typeof v === 'string').map((v) => resolve(base, v));
}

/** What `PluginLayout` asks of a filesystem: whether a file exists, and its text (undefined when unreadable). */
export interface LayoutFs {
  exists(path: string): boolean;
  read(path: string): string | undefined;
}

const nodeLayoutFs: LayoutFs = {
  exists: (path) => existsSync(path),
  read: (path) => {
    try {
      return readRegularFile(path).toString('utf8');
    } catch {
      return undefined;
    }
  },
};

function readJson(fs: LayoutFs, path: string): unknown {
  const text = fs.read(path);
  if (text === undefined) return undefined;
  try {
    const root = parseTreeBounded(text);
    return root ? treeValue(root) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Plugin layout lookups for discovery (SPEC.md §4.1, §7): which folder is a
 * file's plugin root, and which hook files that plugin loads. Each folder's
 * `.claude-plugin/plugin.json` and `.claude-plugin/marketplace.json` is
 * statted and read at most once per instance. Never throws.
 */
export class PluginLayout {
  /** `fs` reads the files (the disk by default; an in-memory one for docs examples and tests). */
  constructor(private readonly fs: LayoutFs = nodeLayoutFs) {}

  private readonly manifests = new Map<string, ManifestInfo | null>();
  private readonly marketplaces = new Map<string, MarketplacePlugin[] | null>();

  /** The manifest of the plugin rooted at `dir`, if `dir/.claude-plugin/plugin.json` exists. */
  manifest(dir: string): ManifestInfo | undefined {
    let m = this.manifests.get(dir);
    if (m === undefined) {
      const path = join(dir, '.claude-plugin', 'plugin.json');
      if (this.fs.exists(path)) {
        const value = readJson(this.fs, path);
        const engines = propertyOf(propertyOf(value, 'engines'), 'claude-code');
        m = { path, hookFiles: hookRefs(propertyOf(value, 'hooks'), dir), ...(typeof engines === 'string' ? { engines } : {}) };
      } else m = null;
      this.manifests.set(dir, m);
    }
    return m ?? undefined;
  }

  /** The plugins with a local source folder that `dir/.claude-plugin/marketplace.json` lists. */
  private marketplace(dir: string): MarketplacePlugin[] | undefined {
    let m = this.marketplaces.get(dir);
    if (m === undefined) {
      const path = join(dir, '.claude-plugin', 'marketplace.json');
      m = null;
      if (this.fs.exists(path)) {
        const value = readJson(this.fs, path);
        const plugins = propertyOf(value, 'plugins');
        const pluginRoot = propertyOf(propertyOf(value, 'metadata'), 'pluginRoot');
        const base = typeof pluginRoot === 'string' ? resolve(dir, pluginRoot) : dir;
        m = [];
        if (Array.isArray(plugins))
          for (const p of plugins) {
            const source = propertyOf(p, 'source');
            if (typeof source !== 'string') continue;
            const root = resolve(source.startsWith('./') || source.startsWith('../') ? dir : base, source);
            m.push({ root, hookFiles: hookRefs(propertyOf(p, 'hooks'), root) });
          }
      }
      this.marketplaces.set(dir, m);
    }
    return m ?? undefined;
  }

  /**
   * True when a folder above `file` holds `.claude-plugin/marketplace.json` (the file is
   * in a marketplace repository) and `placementOf` finds no plugin for it: the marketplace
   * does not list it, so it is a build source, template or copy rather than a plugin.
   */
  marketplaceAbove(file: string): boolean {
    for (let d = dirname(resolve(file)); ; d = dirname(d)) {
      if (this.marketplace(d) !== undefined) return true;
      if (dirname(d) === d) return false;
    }
  }

  /**
   * The plugin a file belongs to: the nearest folder above it (never a
   * `.claude-plugin` folder itself) that holds `.claude-plugin/plugin.json`,
   * or, when nearer, a plugin folder a marketplace above it lists as a local
   * `source` (plugins listed that way need no manifest; such a folder may be
   * the marketplace's own `.claude-plugin`). Undefined when neither exists.
   */
  placementOf(file: string): PluginPlacement | undefined {
    const chain: string[] = [];
    for (let d = dirname(resolve(file)); ; d = dirname(d)) {
      chain.push(d);
      if (dirname(d) === d || chain.length > 13) break;
    }
    // A `.claude-plugin` folder is a plugin root only when a marketplace lists it as a source
    // (`"source": "./.claude-plugin/"`, with `"strict": false`): never through a manifest.
    const nearestManifest = chain.findIndex((d) => basename(d) !== '.claude-plugin' && this.manifest(d) !== undefined);
    // A marketplace lists plugin folders below it: a listed folder nearer than the manifest is the root.
    let best: { index: number; plugin: MarketplacePlugin } | undefined;
    for (let i = 0; i < chain.length; i++) {
      for (const p of this.marketplace(chain[i]!) ?? []) {
        const at = chain.indexOf(p.root);
        if (at >= 0 && (best === undefined || at < best.index)) best = { index: at, plugin: p };
      }
    }
    if (best && (nearestManifest < 0 || best.index < nearestManifest)) {
      const manifest = this.manifest(best.plugin.root);
      return { root: best.plugin.root, ...(manifest ? { manifest: manifest.path } : {}), ...(manifest?.engines ? { engines: manifest.engines } : {}), hookFiles: [...(manifest?.hookFiles ?? []), ...best.plugin.hookFiles] };
    }
    if (nearestManifest < 0) return undefined;
    const root = chain[nearestManifest]!;
    const manifest = this.manifest(root)!;
    return { root, manifest: manifest.path, ...(manifest.engines ? { engines: manifest.engines } : {}), hookFiles: manifest.hookFiles };
  }
}

function propertyOf(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
}
