import { createRequire } from 'node:module';
import { statSync } from 'node:fs';
import { isUnreadableFile, readRegularFile } from './read-file.js';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { TreeNode as Node } from '../formats/parse.js';
import type picomatchType from 'picomatch';
import { EVENT_NAMES } from '../model/catalog.js';
import { HooklintError, type RuleLevel } from '../lint/lint.js';
import { parseTarget } from '../model/version.js';
import { keyOf, parseDocument, properties } from '../formats/parse.js';
import { LineIndex } from '../formats/positions.js';
import { closest } from '../model/suggest.js';
import { rulesById } from '../rules/index.js';
import { CONFIG_FILE_NAME } from './walk.js';

/** Loads dependencies on first use (see the callers): a module-local require, under a bundle or not. */
const lazyRequire = createRequire(import.meta.url);

/** The name hooklint looks for, walking up from each linted file. */
export const CONFIG_FILE = CONFIG_FILE_NAME;

/** The contents of `hooklint.config.json` (schema: schemas/hooklint.config.schema.json). */
export interface HooklintConfig {
  /** Rule levels by rule id. */
  rules?: Record<string, RuleLevel>;
  /** Globs, relative to the config file, of files never linted. */
  ignores?: string[];
  /** Rule levels for the files matching `files`; later entries win. */
  overrides?: { files: string[]; rules: Record<string, RuleLevel> }[];
  /** Seconds `missing-timeout`'s fix inserts, by event (command/http/mcp_tool). */
  recommendedTimeouts?: Record<string, number>;
  /** Programs `path-dependent-command` does not report. */
  knownCommands?: string[];
  /** The Claude Code version or range the files are checked against (semver syntax; default the newest the catalog knows). */
  claudeVersion?: string;
}

/** A bad config file: the CLI prints the message (with `path:line:col`) and exits 2. */
export class ConfigError extends HooklintError {
  override name = 'ConfigError';
}

/** A loaded, validated config with its glob matchers. */
export class LoadedConfig {
  readonly dir: string;
  private readonly ignored: (path: string) => boolean;
  private readonly overrides: { match: (path: string) => boolean; rules: Record<string, RuleLevel> }[];

  constructor(
    readonly path: string,
    readonly config: HooklintConfig,
  ) {
    this.dir = dirname(path);
    const opts = { dot: true };
    // Loaded on first use: only configs with globs need it.
    const picomatch = (config.ignores?.length || config.overrides?.length ? lazyRequire('picomatch') : undefined) as typeof picomatchType;
    this.ignored = config.ignores?.length ? picomatch(config.ignores, opts) : () => false;
    this.overrides = (config.overrides ?? []).map((o) => ({ match: picomatch(o.files, opts), rules: o.rules }));
  }

  /** `path` relative to the config's directory with `/` separators, or undefined when outside it. */
  private rel(path: string): string | undefined {
    const r = relative(this.dir, resolve(path));
    return r.startsWith('..') || r === '' ? undefined : r.split(sep).join('/');
  }

  /** True when `ignores` matches the file. */
  isIgnored(path: string): boolean {
    if (!this.config.ignores?.length) return false;
    const r = this.rel(path);
    return r !== undefined && this.ignored(r);
  }

  /**
   * The rule levels for one file: `rules`, then every matching override in order.
   * Files matching the same overrides share one frozen object (built once, not per file).
   */
  ruleLevelsFor(path: string): Readonly<Record<string, RuleLevel>> {
    let key = '';
    if (this.overrides.length > 0) {
      const r = this.rel(path);
      if (r !== undefined) for (let i = 0; i < this.overrides.length; i++) if (this.overrides[i]!.match(r)) key += `${i},`;
    }
    let levels = this.levelsByOverrides.get(key);
    if (!levels) {
      let merged = { ...this.config.rules };
      for (const i of key.split(',').filter(Boolean)) merged = { ...merged, ...this.overrides[Number(i)]!.rules };
      this.levelsByOverrides.set(key, (levels = Object.freeze(merged)));
    }
    return levels;
  }

  /** Rule levels by the list of matching override indices ("" for none). */
  private readonly levelsByOverrides = new Map<string, Readonly<Record<string, RuleLevel>>>();
}

/**
 * Read and validate a config file. Comments are allowed (it is hooklint's own
 * file, not Claude Code's). Every problem is reported as
 * `path:line:col: message`; unknown rule ids and event names get a "did you mean".
 * @throws ConfigError on an unreadable, unparsable or invalid file.
 */
export function loadConfig(path: string): LoadedConfig {
  let text: string;
  try {
    text = readRegularFile(path).toString('utf8');
  } catch (e) {
    throw new ConfigError(`${path}: cannot read the config file (${isUnreadableFile(e) ? e.message : ((e as NodeJS.ErrnoException).code ?? (e as Error).message)})`);
  }
  const doc = parseDocument(text);
  const lines = new LineIndex(text);
  const at = (node: Node | undefined, msg: string) => {
    const p = lines.position(node?.offset ?? 0);
    return new ConfigError(`${path}:${p.line}:${p.column}: ${msg}`);
  };
  if (doc.syntaxErrors.length > 0) {
    const e = doc.syntaxErrors[0]!;
    const p = lines.position(e.offset);
    throw new ConfigError(`${path}:${p.line}:${p.column}: invalid JSON: ${e.message}`);
  }
  const root = doc.root;
  if (root?.type !== 'object') throw at(root, 'the config must be a JSON object');
  const config: HooklintConfig = {};
  const value = (n: Node | undefined): unknown => (n?.type === 'object' || n?.type === 'array' ? undefined : n?.value);
  const strings = (n: Node, what: string): string[] => {
    if (n.type !== 'array') throw at(n, `"${what}" must be an array of strings`);
    return (n.children ?? []).map((c) => {
      if (c.type !== 'string' || !c.value) throw at(c, `"${what}" must hold non-empty strings`);
      return c.value as string;
    });
  };
  const levels = (n: Node, where: string): Record<string, RuleLevel> => {
    if (n.type !== 'object') throw at(n, `"${where}" must be an object of rule levels`);
    const out: Record<string, RuleLevel> = {};
    for (const p of properties(n)) {
      const id = keyOf(p);
      if (!rulesById.has(id)) {
        const s = closest(id, [...rulesById.keys()]);
        throw at(p, `unknown rule "${id}" in "${where}"${s ? `; did you mean "${s}"?` : ''}`);
      }
      const v = value(p.children?.[1]);
      if (v !== 'off' && v !== 'warn' && v !== 'error') throw at(p.children?.[1], `rule "${id}": the level must be "off", "warn" or "error"`);
      out[id] = v;
    }
    return out;
  };
  for (const p of properties(root)) {
    const key = keyOf(p);
    const v = p.children?.[1];
    if (!v) continue;
    switch (key) {
      case '$schema':
        break;
      case 'rules':
        config.rules = levels(v, 'rules');
        break;
      case 'ignores':
        config.ignores = strings(v, 'ignores');
        break;
      case 'knownCommands':
        config.knownCommands = strings(v, 'knownCommands');
        break;
      case 'overrides':
        if (v.type !== 'array') throw at(v, '"overrides" must be an array of { "files": [...], "rules": {...} }');
        config.overrides = (v.children ?? []).map((o, i) => {
          if (o.type !== 'object') throw at(o, `"overrides[${i}]" must be an object`);
          const files = properties(o).find((q) => keyOf(q) === 'files');
          const rules = properties(o).find((q) => keyOf(q) === 'rules');
          for (const q of properties(o)) if (!['files', 'rules'].includes(keyOf(q))) throw at(q, `unknown key "${keyOf(q)}" in "overrides[${i}]" (expected "files" and "rules")`);
          if (!files?.children?.[1] || !rules?.children?.[1]) throw at(o, `"overrides[${i}]" needs "files" and "rules"`);
          const globs = strings(files.children[1], `overrides[${i}].files`);
          if (globs.length === 0) throw at(files, `"overrides[${i}].files" is empty`);
          return { files: globs, rules: levels(rules.children[1], `overrides[${i}].rules`) };
        });
        break;
      case 'recommendedTimeouts': {
        if (v.type !== 'object') throw at(v, '"recommendedTimeouts" must be an object of seconds by event');
        const out: Record<string, number> = {};
        for (const q of properties(v)) {
          const event = keyOf(q);
          if (!EVENT_NAMES.includes(event)) {
            const s = closest(event, EVENT_NAMES);
            throw at(q, `unknown event "${event}" in "recommendedTimeouts"${s ? `; did you mean "${s}"?` : ''}`);
          }
          const n = value(q.children?.[1]);
          if (typeof n !== 'number' || !(n > 0)) throw at(q.children?.[1], `"recommendedTimeouts.${event}" must be a positive number of seconds`);
          if (n >= 1000) throw at(q.children?.[1], `"recommendedTimeouts.${event}" is ${n}: timeouts are in seconds, not milliseconds`);
          out[event] = n;
        }
        config.recommendedTimeouts = out;
        break;
      }
      case 'claudeVersion': {
        const spec = value(v);
        if (typeof spec !== 'string' || !parseTarget(spec, 'config')) throw at(v, `"claudeVersion" must be a Claude Code version or range such as "2.1.290" or ">=2.1.280", got ${JSON.stringify(spec ?? null)}`);
        config.claudeVersion = spec;
        break;
      }
      default: {
        const s = closest(key, ['rules', 'ignores', 'overrides', 'recommendedTimeouts', 'knownCommands', 'claudeVersion']);
        throw at(p, `unknown key "${key}"${s ? `; did you mean "${s}"?` : ''}`);
      }
    }
  }
  return new LoadedConfig(path, config);
}

/**
 * Finds the config of each linted file: the nearest `hooklint.config.json` in
 * its directory or a parent (like ESLint's and Ruff's lookup), or the one
 * given with `--config` for every file. Each directory is looked up once.
 */
export class ConfigResolver {
  private readonly dirs = new Map<string, LoadedConfig | null>();
  private readonly loaded = new Map<string, LoadedConfig>();
  private readonly explicit: LoadedConfig | undefined;

  private readonly walkedRoots: string[];
  private readonly walkedConfigs: Set<string>;

  /**
   * @param explicitPath `--config`: used for every file.
   * @param walked directories already walked whole, and the config files found in them:
   *   inside those, a directory's config is known without a stat.
   */
  constructor(explicitPath?: string, walked?: { roots: string[]; configFiles: string[] }) {
    this.explicit = explicitPath ? loadConfig(resolve(explicitPath)) : undefined;
    this.walkedRoots = (walked?.roots ?? []).map((r) => resolve(r));
    this.walkedConfigs = new Set(walked?.configFiles ?? []);
  }

  /**
   * A directory walk has started at `root` (absolute): inside it, a directory's
   * config is known from what the walk reports (`addWalkedConfig`), without a
   * stat. The walk must report a directory's config before any file below it
   * (`walkDirectory` does).
   */
  addWalkedRoot(root: string): void {
    this.walkedRoots.push(resolve(root));
  }

  /** A `hooklint.config.json` a walk found (absolute path). */
  addWalkedConfig(path: string): void {
    this.walkedConfigs.add(path);
  }

  /** The config for a file, or undefined when there is none. @throws ConfigError */
  forFile(file: string): LoadedConfig | undefined {
    return this.explicit ?? this.forDir(dirname(resolve(file))) ?? undefined;
  }

  private forDir(dir: string): LoadedConfig | null {
    const cached = this.dirs.get(dir);
    if (cached !== undefined) return cached;
    let found: LoadedConfig | null = null;
    const candidate = join(dir, CONFIG_FILE);
    let isFile = false;
    if (this.walkedRoots.some((r) => dir === r || dir.startsWith(r.endsWith(sep) ? r : r + sep))) isFile = this.walkedConfigs.has(candidate);
    else
      try {
        isFile = statSync(candidate, { throwIfNoEntry: false })?.isFile() ?? false;
      } catch {
        isFile = false;
      }
    if (isFile) {
      found = this.loaded.get(candidate) ?? loadConfig(candidate);
      this.loaded.set(candidate, found);
    } else if (dirname(dir) !== dir) found = this.forDir(dirname(dir));
    this.dirs.set(dir, found);
    return found;
  }
}
