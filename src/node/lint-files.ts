import { isAscii, isUtf8 } from 'node:buffer';
import { createRequire } from 'node:module';
import { chmodSync, existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type writeFileAtomicType from 'write-file-atomic';
import { applyFixes, notAppliedNotice } from '../lint/fix.js';
import { HooklintError, lintText, type LintTextOptions, type RuleLevel } from '../lint/lint.js';
import { parseTreeBounded, propertyValue, treeValue } from '../formats/parse.js';
import { isFrontmatterKind, type Diagnostic, type FileEdit, type FileKind, type FixSafety, type LintResult } from '../model/types.js';
import { ConfigError, ConfigResolver, type LoadedConfig } from './config.js';
import { isRegularFile, isUnreadableFile, readRegularFile } from './read-file.js';
import type { ScriptHost } from '../analysis/scripts.js';
import { memoHost, type MemoHost } from '../analysis/scripts.js';
import { loadRuby, rubyLoaded, rubyMisses } from '../analysis/ruby-parser.js';
import { claimContext, declaresFrontmatterHooks, isForeign, isInside, kindFromPath, nodeHost, sniffKind, targetFor, targetOfText, userConfigDir, walkTree, type ForeignFile, type Target } from './files.js';
import { PluginLayout } from './claims.js';
import { parseTarget, type Target as VersionTarget } from '../model/version.js';

/** Loads dependencies on first use (see the callers): a module-local require, under a bundle or not. */
const lazyRequire = createRequire(import.meta.url);

/**
 * write-file-atomic, loaded on first use: only fix runs write, and loading it
 * (with its worker_threads and signal handling) costs start-up for every check.
 */
let atomicWriter: typeof writeFileAtomicType | undefined;
function writeAtomic(path: string, data: string | Buffer): void {
  // A bundled CommonJS module required inside a function is initialised only when called.
  atomicWriter ??= lazyRequire('write-file-atomic') as typeof writeFileAtomicType;
  atomicWriter.sync(path, data);
}

/** Options of `lintFiles`. */
export interface LintFilesOptions {
  /** Directory relative paths are resolved against (default: process.cwd()). */
  cwd?: string;
  /** Also lint the user settings file (`--user`). */
  user?: boolean;
  /** Run the script rules of RULES.md §6 (default true; `--no-scripts` turns them off). */
  scripts?: boolean;
  ruleLevels?: Record<string, RuleLevel>;
  recommendedTimeouts?: Record<string, number>;
  knownCommands?: string[];
  env?: NodeJS.ProcessEnv;
  /** Apply fixes and write the files (`--fix`: `safe`; with `--unsafe-fixes`: `unsafe`). */
  fix?: FixSafety;
  /** With `fix`: compute the fixes but write nothing (`--fix-dry-run`, `--diff`). */
  dryRun?: boolean;
  /** A config file to use for every file (`--config`); otherwise the nearest hooklint.config.json applies. */
  config?: string;
  /** Set to false to ignore config files (`--no-config-lookup`). */
  useConfig?: boolean;
  /**
   * Keep the text of each file that has messages in its result (`source`, for code
   * frames; as ESLint, files without messages carry none); default true.
   */
  keepSource?: boolean;
  /** Collect time per rule (see `LintTextOptions.timing`); linting then stays in one thread. */
  timing?: Map<string, number>;
  /** Set by discovery: directories walked whole and the hooklint.config.json files in them. */
  walked?: { roots: string[]; configFiles: string[] };
  /** `--claude-version`: the Claude Code version or range to check every file against (over config and plugin "engines"). */
  claudeVersion?: string;
}

/** What a fix run changes (or, dry, would change) in one file. */
export interface FileChange {
  path: string;
  before: string;
  after: string;
  /** Changes to scripts the file's hooks run (chmod, shebang, line endings). */
  fileEdits: FileEdit[];
}

/** What `lintFiles` found: results per file, notices (skipped files) and errors (exit 2). */
export interface LintFilesOutput {
  results: LintResult[];
  /** One-line notices, e.g. a named file that is not a hook config. */
  notices: string[];
  /** One-line I/O or usage errors (a path that does not exist, an unreadable file). */
  errors: string[];
  /** Fixes applied (with `fix`; with `dryRun`, that would be applied). */
  fixed: number;
  /** Files whose text or scripts the fixes change (with `fix`), in result order. */
  changes: FileChange[];
}

/**
 * Discover and lint hook configuration files (SPEC.md §4.1). With no paths the
 * current directory tree is searched; a directory is searched the same way
 * (skipping node_modules and .git); a file is linted with its kind detected
 * from its path, else from its shape. Plugin manifests' `hooks` paths are
 * followed and linted as plugin hooks (never outside the plugin root).
 * Each file gets the nearest hooklint.config.json (or `options.config`):
 * its `ignores` skip files, its rule levels, timeouts and known commands apply.
 * Never throws for bad input files; their errors are returned.
 * Ruby hook scripts are read only when the Ruby parser is already loaded
 * (`await loadRuby()` first; the CLI uses `lintTargetsAsync`, which loads it
 * when a lint meets one); otherwise they are unknown and their rules quiet.
 * @throws ConfigError for a config file that cannot be read or is invalid.
 */
export function lintFiles(paths: string[], options: LintFilesOptions = {}): LintFilesOutput {
  const found = discoverTargets(paths, options);
  const out = lintTargets(found.targets, { ...options, walked: found.walked });
  return { ...out, notices: [...found.notices, ...out.notices], errors: [...found.errors, ...out.errors] };
}

/** What discovery found: the files to lint, and notices and errors about the inputs. */
export interface Discovery {
  targets: Target[];
  notices: string[];
  errors: string[];
  /** Directories walked whole and the config files found in them (for config lookup). */
  walked: { roots: string[]; configFiles: string[] };
  /** Discovery stopped at `maxDirs` directories: the targets are not all there. */
  incomplete?: boolean;
}

/**
 * Turn the command-line inputs into targets (SPEC.md §4.1): a directory is
 * walked (node_modules and .git skipped), a file is taken with its kind from
 * its path (or marked to be sniffed); `user` adds the user settings file.
 * Reads no file contents. With `maxDirs`, stops once the walks have read
 * that many directories and returns `incomplete: true` (a large tree is then
 * walked by the reader thread instead).
 */
export function discoverTargets(paths: string[], options: LintFilesOptions = {}, maxDirs = Infinity): Discovery {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const notices: string[] = [];
  const errors: string[] = [];
  const targets: Target[] = [];
  const walked = { roots: [] as string[], configFiles: [] as string[] };
  const layout = new PluginLayout();
  const inputs = paths.length > 0 ? paths : [cwd];
  for (const p of inputs) {
    const abs = resolve(cwd, p);
    let isDir: boolean;
    try {
      isDir = statSync(abs).isDirectory();
    } catch (e) {
      errors.push(`${p}: ${describeFsError(e)}`);
      continue;
    }
    if (isDir) {
      const tree = walkTree(abs, maxDirs);
      if (!tree.complete) return { targets, notices, errors, walked, incomplete: true };
      maxDirs -= tree.dirs;
      walked.roots.push(abs);
      walked.configFiles.push(...tree.configFiles);
      notices.push(...tree.notices);
      const claims = claimContext(env, abs, layout);
      for (const f of tree.files) {
        const t = targetFor(f, true, claims);
        if (t && !isForeign(t)) targets.push(t);
      }
    } else {
      const t = targetFor(abs, false, claimContext(env, cwd, layout))!;
      if (isForeign(t)) notices.push(foreignNotice(t));
      else targets.push(t);
    }
  }
  if (options.user) userTargets(env, targets, notices);
  return { targets, notices, errors, walked };
}

/** The one-line notice for another agent's file named on the command line. */
export function foreignNotice(f: ForeignFile): string {
  return `${f.path}: skipped, a ${f.agent} hook file, not Claude Code's`;
}

/** `--user`: the user settings file, and the files people put user hooks in that Claude Code never reads (RULES.md §7 `unloaded-location`). */
export function userTargets(env: NodeJS.ProcessEnv, targets: Target[], notices: string[]): void {
  const f = join(userConfigDir(env), 'settings.json');
  if (existsSync(f)) targets.push({ path: f, kind: 'user-settings', discovered: false, inPlace: true });
  else notices.push(`${f}: no user settings file`);
  const claims = claimContext(env);
  for (const other of [join(userConfigDir(env), 'settings.local.json'), join(dirname(userConfigDir(env)), '.claude.json')])
    if (existsSync(other)) {
      const t = kindFromPath(other, claims);
      if (t) targets.push({ ...t, discovered: true });
    }
}

/**
 * Lint (and with `options.fix`, fix) the given targets, following plugin
 * manifests' `hooks` paths. Each file is read once; scripts are statted and
 * read once per call. Results are sorted by path.
 * @throws ConfigError for a config file that cannot be read or is invalid.
 */
export function lintTargets(initial: Target[], options: LintFilesOptions = {}): LintFilesOutput {
  const run = new LintRun(options);
  for (const t of initial) run.lint(t);
  return run.finish();
}

/**
 * `lintTargets`, reading Ruby scripts too: a file whose hooks run a Ruby script
 * is linted again once the Ruby parser is loaded (`LintRun.settle`), so a run
 * that reads no Ruby script never loads it. What the CLI and the lint workers use.
 * Rejects with ConfigError for a config file that cannot be read or is invalid.
 */
export async function lintTargetsAsync(initial: Target[], options: LintFilesOptions = {}): Promise<LintFilesOutput> {
  const run = new LintRun(options, true);
  for (const t of initial) run.lint(t);
  await run.settle();
  return run.finish();
}

/**
 * Run a lint that never writes (`lintStdin`), and when it met a Ruby script
 * before the Ruby parser was loaded, load the parser and run it again: the
 * answer then reads the Ruby scripts too. Without Ruby scripts, one run.
 */
export async function withRuby<T>(lint: () => T): Promise<T> {
  const before = rubyMisses();
  const out = lint();
  if (rubyMisses() === before || rubyLoaded()) return out;
  return (await loadRuby({ liftoffOnly: true })) ? lint() : out;
}

/** Thrown inside `LintRun.lintOne` to put a target off until the Ruby parser is loaded. */
const WAIT_FOR_RUBY = Symbol('wait for the Ruby parser');

/**
 * One lint run over many files: the state `lintTargets` and the reader-thread
 * path (`lintFilesStreaming`) share, so both lint a file the same way. Feed
 * it targets with `lint`, then call `finish` once.
 */
export class LintRun {
  readonly notices: string[] = [];
  readonly errors: string[] = [];
  /** Config lookup (undefined with `useConfig: false`); walks in progress add their roots and config files to it. */
  readonly configs: ConfigResolver | undefined;
  private readonly host: MemoHost | undefined;
  private readonly results: LintResult[] = [];
  private readonly changes: FileChange[] = [];
  private readonly done = new Set<string>();
  /** Hook files named by plugin manifests: linted after every discovered file (see `finish`). */
  private readonly followed: Target[] = [];
  /** How many of `followed` are linted. */
  private followedDone = 0;
  /** Targets whose lint met a Ruby script before the Ruby parser was loaded: linted again by `settle`. */
  private readonly waiting: { t: Target; content?: { bytes: Buffer } | { error: unknown } }[] = [];
  private fixed = 0;

  /**
   * @param deferRuby set by callers that will call `settle`: a target whose lint meets a Ruby
   *   script before the Ruby parser is loaded is put off (nothing written, nothing reported)
   *   and linted again once it is. Otherwise Ruby scripts are read only when the parser is
   *   already loaded (`loadRuby`), and are unknown (their rules quiet) when it is not.
   */
  constructor(
    private readonly options: LintFilesOptions,
    private deferRuby = false,
  ) {
    this.configs = options.useConfig === false ? undefined : new ConfigResolver(options.config, options.walked);
    // One view of the scripts for the whole run: each is statted and read once.
    this.host = options.scripts === false ? undefined : memoHost(nodeHost);
  }

  /**
   * Lint one target (once per path: repeats are skipped). `content` is the
   * file's bytes, or the error reading it, when another thread read it;
   * otherwise it is read here.
   * A failure inside hooklint while linting the file (a bug: a rule that throws)
   * is one line in `errors` (exit 2), and the run goes on: it never loses the
   * other files' results.
   * @throws ConfigError for an invalid config file.
   */
  lint(t: Target, content?: { bytes: Buffer } | { error: unknown }): void {
    const notices = this.notices.length;
    const errors = this.errors.length;
    const kind = t.kind;
    try {
      this.lintOne(t, content);
    } catch (e) {
      if (e === WAIT_FOR_RUBY) {
        // Linted again by `settle`, from the start: what this pass said is taken back.
        this.notices.length = notices;
        this.errors.length = errors;
        t.kind = kind;
        this.done.delete(t.path);
        this.waiting.push(content ? { t, content } : { t });
        return;
      }
      if (e instanceof ConfigError) throw e;
      this.errors.push(e instanceof HooklintError ? e.message : `${t.path}: internal error: ${(e as Error)?.message ?? String(e)}`);
    }
  }

  private lintOne(t: Target, content?: { bytes: Buffer } | { error: unknown }): void {
    const { options, notices, errors, host } = this;
    const misses = rubyMisses();
    // Before anything is written or kept: a lint that met a Ruby script it could not read waits for the parser.
    const lint = (text: string, o: LintTextOptions) => this.unlessRuby(misses, lintText(text, o));
    if (this.done.has(t.path)) return;
    this.done.add(t.path);
    const cfg = this.configs?.forFile(t.path);
    if (cfg?.isIgnored(t.path)) {
      if (!t.discovered) notices.push(`${t.path}: skipped, ignored by ${cfg.path}`);
      return;
    }
    let text: string;
    let encoding: LintFilesEncoding;
    try {
      if (content && 'error' in content) throw content.error;
      ({ text, encoding } = decode(content ? content.bytes : readRegularFile(t.path)));
    } catch (e) {
      // A device, FIFO or huge file (a committed link to /dev/zero) is skipped with a notice; a read failure is an error.
      if (isUnreadableFile(e)) notices.push(`${t.path}: skipped: ${e.message}`);
      else errors.push(`${t.path}: ${describeFsError(e)}`);
      return;
    }
    if (t.sniff || t.confirm) {
      const claimed = confirmKind(t, text);
      if ('skipped' in claimed) {
        if (claimed.skipped) notices.push(`${t.path}: ${claimed.skipped}`);
        return;
      }
      t.kind = claimed.kind;
    }
    const lintOptions = optionsFor(t, t.kind, cfg, host, encoding, options);
    let messages;
    let output: string | undefined;
    const boundary = options.fix ? fixBoundary(t, options.env ?? process.env) : undefined;
    const linkedOut = boundary !== undefined && outside(boundary, t.path);
    if (options.fix && encoding === 'invalid-utf-8') {
      // Writing the decoded text back would replace the invalid bytes: never fix such a file.
      notices.push(`${t.path}: not fixed: the file is not valid UTF-8`);
      messages = lint(text, lintOptions).diagnostics;
    } else if (linkedOut) {
      // A committed link to a file elsewhere (issue 23 §7): writing through it would change a file outside the project.
      notices.push(`${t.path}: not fixed: it links to ${linkedOut}, outside ${boundary}; hooklint writes only inside the project or plugin`);
      messages = lint(text, lintOptions).diagnostics;
    } else if (options.fix) {
      const res = this.unlessRuby(misses, applyFixes(text, lintOptions, options.fix));
      for (const d of res.notApplied) notices.push(notAppliedNotice(t.path, d));
      // Script fixes stay inside the same boundary (a script reached through a link, an absolute path elsewhere).
      if (boundary !== undefined)
        res.fileEdits = res.fileEdits.filter((e) => {
          const real = outside(boundary, e.path);
          if (real) notices.push(`${e.path}: not fixed: ${real === e.path ? 'it is' : `it links to ${real},`} outside ${boundary}; hooklint writes only inside the project or plugin of ${t.path}`);
          return !real;
        });
      let written = true;
      if (!options.dryRun)
        try {
          // A file edited since it was read is not overwritten: the edit would be lost.
          if (res.output !== text && decode(readRegularFile(t.path)).text !== text) {
            written = false;
            errors.push(`${t.path}: changed on disk while hooklint was fixing it; not written (run again)`);
          } else {
            // Atomic: a temporary file in the same directory, renamed over the target,
            // keeping its mode and owner and writing through a symlink to its target.
            if (res.output !== text) writeAtomic(t.path, res.output);
            for (const e of res.fileEdits) {
              applyFileEdit(e);
              host?.forget(e.path);
            }
          }
        } catch (e) {
          written = false;
          errors.push(`${t.path}: cannot write the fix: ${describeFsError(e)}`);
        }
      if (written) {
        this.fixed += res.fixed;
        if (res.output !== text || res.fileEdits.length > 0) this.changes.push({ path: t.path, before: text, after: res.output, fileEdits: res.fileEdits });
        // Script fixes change what the script rules see: re-lint unless nothing was written
        // (after the writes, never put off: the first lint of this target read the same scripts).
        messages = res.fileEdits.length > 0 && !options.dryRun ? lintText(res.output, lintOptions).diagnostics : res.diagnostics;
        if (res.output !== text) output = res.output;
        text = res.output;
      } else messages = lint(text, lintOptions).diagnostics;
    } else messages = lint(text, lintOptions).diagnostics;
    this.results.push(resultOf(t.path, t.kind, messages, options.keepSource === false || messages.length === 0 ? undefined : text, output));
    if (t.kind === 'plugin-manifest' && t.pluginRoot) for (const ref of manifestHookFiles(text)) {
      const abs = resolve(t.pluginRoot, ref);
      // Reported by manifest-hooks-path, never followed: outside the plugin, missing, a folder or a special file.
      if (!isInside(t.pluginRoot, abs) || !isRegularFile(abs)) continue;
      this.followed.push({ path: abs, kind: 'plugin-hooks', pluginRoot: t.pluginRoot, discovered: true, inPlace: true, ...(t.claudeVersion ? { claudeVersion: t.claudeVersion } : {}) });
    }
  }

  /** `value`, unless the lint that computed it met a Ruby script before the Ruby parser was loaded and the target can wait (`deferRuby`). */
  private unlessRuby<T>(misses: number, value: T): T {
    if (this.deferRuby && rubyMisses() !== misses && !rubyLoaded()) throw WAIT_FOR_RUBY;
    return value;
  }

  /** Lint the hook files plugin manifests named that are not linted yet. */
  private lintFollowed(): void {
    // An index, not shift(): shift() moves every element and makes a long run quadratic.
    for (; this.followedDone < this.followed.length; this.followedDone++) this.lint(this.followed[this.followedDone]!);
  }

  /**
   * Lint the targets put off for the Ruby parser (`deferRuby`): load it (once per
   * process) and lint them again, now reading their Ruby scripts; if it cannot be
   * loaded, they are linted without. Call before `finish`; nothing to do, and
   * nothing loaded, when no lint met a Ruby script.
   */
  async settle(): Promise<void> {
    this.lintFollowed();
    if (this.waiting.length === 0) return;
    await loadRuby({ liftoffOnly: true });
    this.deferRuby = false;
    for (const w of this.waiting.splice(0)) this.lint(w.t, w.content);
    this.lintFollowed();
  }

  /**
   * Lint the hook files plugin manifests named (after every discovered file, so a
   * file found both ways keeps the kind its path gives, whatever the order of
   * discovery), then return the output, results sorted by path.
   */
  finish(): LintFilesOutput {
    this.lintFollowed();
    const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    this.results.sort((a, b) => byPath(a.filePath, b.filePath));
    this.changes.sort((a, b) => byPath(a.path, b.path));
    return { results: this.results, notices: this.notices, errors: this.errors, fixed: this.fixed, changes: this.changes };
  }
}

/**
 * The kind of a target whose path made it only a candidate (`sniff` or `confirm`),
 * decided from its text as `check` decides it: the kind, or why it is skipped
 * (`skipped: undefined` for a discovered file, which is skipped silently).
 */
export function confirmKind(t: Target, text: string): { kind: FileKind } | { skipped: string | undefined } {
  if (isFrontmatterKind(t.kind)) return declaresFrontmatterHooks(text) ? { kind: t.kind } : { skipped: t.discovered ? undefined : 'skipped, its frontmatter declares no hooks' };
  const kind = sniffKind(t.path, text);
  if (typeof kind !== 'string' || (t.confirm && kind !== t.kind)) {
    if (t.discovered) return { skipped: undefined };
    return { skipped: kind && typeof kind !== 'string' ? `skipped, another tool's hook file (${kind.foreign})` : 'skipped, not a Claude Code hook configuration file' };
  }
  // An unloaded location keeps the kind its path gave; a guessed kind replaces the placeholder.
  return { kind: !t.confirm && (!t.unloaded || t.kind === 'settings') ? kind : t.kind };
}

type LintFilesEncoding = 'utf-16le' | 'utf-16be' | 'invalid-utf-8' | undefined;

/**
 * Decode a config file. UTF-8 (with or without BOM) is the normal case; a
 * UTF-16 BOM or bytes that are not UTF-8 are decoded as well as possible and
 * flagged, so `json-syntax` reports them (and --fix never rewrites the file).
 */
export function decode(buf: Buffer): { text: string; encoding: LintFilesEncoding } {
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(buf.subarray(2)), encoding: 'utf-16le' };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(buf.subarray(2)), encoding: 'utf-16be' };
  // Most configs are ASCII: Node then makes a one-byte string without decoding.
  if (isAscii(buf)) return { text: buf.toString('latin1'), encoding: undefined };
  // A UTF-8 BOM stays in the text (parseDocument and the fixer handle it).
  return { text: buf.toString('utf8'), encoding: isUtf8(buf) ? undefined : 'invalid-utf-8' };
}

/** The lint options of one target: its kind and roots, its config, then the caller's options on top. */
function optionsFor(t: Target, kind: FileKind, cfg: LoadedConfig | undefined, host: ScriptHost | undefined, encoding: LintFilesEncoding, options: LintFilesOptions): LintTextOptions {
  // Built field by field (no spreads): this runs once per file.
  const eff = effectiveOptions(cfg, t.path, options);
  const out: LintTextOptions = {
    filePath: t.path,
    kind,
    projectRoot: t.projectRoot,
    pluginRoot: t.pluginRoot,
    unloaded: t.unloaded,
    inPlace: t.inPlace !== false,
    host,
    ruleLevels: eff.ruleLevels,
    recommendedTimeouts: eff.recommendedTimeouts,
    knownCommands: eff.knownCommands,
  };
  const target = versionTarget(options.claudeVersion, 'option') ?? versionTarget(cfg?.config.claudeVersion, 'config') ?? versionTarget(t.claudeVersion, 'engines');
  if (target) out.target = target;
  if (encoding) out.encoding = encoding;
  if (options.timing) out.timing = options.timing;
  return out;
}

/** Parsed targets by spec and origin (a run asks about the same few strings for every file). */
const targets = new Map<string, VersionTarget | undefined>();

/** The version target for a spec, or undefined (no spec, or one that is not a version or range: a plugin's bad "engines" is ignored). */
function versionTarget(spec: string | undefined, origin: VersionTarget['origin']): VersionTarget | undefined {
  if (spec === undefined) return undefined;
  const key = `${origin}:${spec}`;
  if (!targets.has(key)) targets.set(key, parseTarget(spec, origin));
  return targets.get(key);
}

/** A file's result in ESLint's shape: its messages and their counts (fixable = has a safe fix). */
function resultOf(filePath: string, kind: FileKind, messages: Diagnostic[], source: string | undefined, output: string | undefined): LintResult {
  let errorCount = 0;
  let warningCount = 0;
  let fixableErrorCount = 0;
  let fixableWarningCount = 0;
  for (const m of messages) {
    const safe = m.fix?.safety === 'safe' ? 1 : 0;
    if (m.severity === 'error') (errorCount++, (fixableErrorCount += safe));
    else if (m.severity === 'warning') (warningCount++, (fixableWarningCount += safe));
  }
  const result: LintResult = { filePath, kind, messages, errorCount, warningCount, fixableErrorCount, fixableWarningCount };
  if (source !== undefined) result.source = source;
  if (output !== undefined) result.output = output;
  return result;
}

/** Rule levels, timeouts and known commands for one file: its config, then the caller's options on top. */
export function effectiveOptions(cfg: LoadedConfig | undefined, path: string, options: Pick<LintFilesOptions, 'ruleLevels' | 'recommendedTimeouts' | 'knownCommands'>) {
  // Without a config file the caller's values apply as they are (read only, never copied per file).
  if (!cfg) return { ruleLevels: options.ruleLevels ?? NO_LEVELS, recommendedTimeouts: options.recommendedTimeouts ?? NO_TIMEOUTS, knownCommands: options.knownCommands ?? NO_COMMANDS };
  const fromConfig = cfg.ruleLevelsFor(path);
  return {
    ruleLevels: options.ruleLevels && Object.keys(options.ruleLevels).length > 0 ? { ...fromConfig, ...options.ruleLevels } : fromConfig,
    recommendedTimeouts: options.recommendedTimeouts ? { ...cfg.config.recommendedTimeouts, ...options.recommendedTimeouts } : (cfg.config.recommendedTimeouts ?? NO_TIMEOUTS),
    knownCommands: options.knownCommands ? [...(cfg.config.knownCommands ?? []), ...options.knownCommands] : (cfg.config.knownCommands ?? NO_COMMANDS),
  };
}

const NO_LEVELS: Readonly<Record<string, RuleLevel>> = Object.freeze({});
const NO_TIMEOUTS: Readonly<Record<string, number>> = Object.freeze({});
const NO_COMMANDS: readonly string[] = Object.freeze([]);

/**
 * The folder a fix of target `t` may write in (issue 23 §7): its project or
 * plugin root, which a repository commits (a link in it must not lead a fix
 * elsewhere); otherwise the folder holding the file. None (undefined) for the
 * user's own files (user settings, the user's skills and agents): there a link
 * to a dotfiles repository is the user's own doing, and is written through.
 */
function fixBoundary(t: Target, env: NodeJS.ProcessEnv): string | undefined {
  if (t.projectRoot !== undefined) return t.projectRoot;
  if (t.pluginRoot !== undefined) return t.pluginRoot;
  if (t.kind === 'user-settings' || isInside(userConfigDir(env), t.path)) return undefined;
  return dirname(t.path);
}

/**
 * The real path of `path` (symbolic links resolved) when it lies outside the real
 * `boundary`, else undefined (inside, or it does not exist: a new file is written
 * where its path says).
 */
function outside(boundary: string, path: string): string | undefined {
  let real: string;
  let realRoot: string;
  try {
    real = realpathSync.native(path);
  } catch {
    return undefined;
  }
  try {
    realRoot = realpathSync.native(boundary);
  } catch {
    realRoot = resolve(boundary);
  }
  return isInside(realRoot, real) ? undefined : real;
}

/** Apply a script fix (RULES.md §6): `chmod +x` where the file is readable, or rewrite its first bytes. */
function applyFileEdit(e: FileEdit): void {
  if (e.kind === 'chmod-executable') {
    const mode = statSync(e.path).mode & 0o7777;
    chmodSync(e.path, mode | ((mode & 0o444) >> 2));
  } else if (e.kind === 'to-lf') {
    const text = readFileSync(e.path, 'latin1');
    if (text.includes('\r\n')) writeAtomic(e.path, Buffer.from(text.replace(/\r\n/g, '\n'), 'latin1'));
  } else if (e.from !== undefined && e.to !== undefined) {
    const buf = readFileSync(e.path);
    if (buf.subarray(0, Buffer.byteLength(e.from, 'latin1')).toString('latin1') !== e.from) return;
    writeAtomic(e.path, Buffer.concat([Buffer.from(e.to, 'latin1'), buf.subarray(Buffer.byteLength(e.from, 'latin1'))]));
  }
}

/** The hook file paths a plugin manifest's `hooks` field names (a string or an array of strings). */
export function manifestHookFiles(text: string): string[] {
  // Most manifests name no hooks file (hooks/hooks.json loads by default): no second parse then.
  // (A key spelled with \u escapes is still parsed.)
  if (!text.includes('hooks') && !text.includes('\\u')) return [];
  const hooks = propertyValue(parseTreeBounded(text), 'hooks');
  if (!hooks) return [];
  const v = treeValue(hooks);
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

/** How an fs error reads in hooklint's messages ("no such file or directory", "permission denied", ...). */
export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENOTREG':
    case 'EFBIG':
      return (e as Error).message;
    default:
      return (e as Error).message;
  }
}

/**
 * Lint text that is not on disk (`hooklint check --stdin --stdin-filename F`,
 * for editors). The kind, project and plugin roots, and the config come from
 * `filename` (resolved against `cwd`; it need not exist); scripts are checked
 * against the disk. Never writes: with `fix`, the fixed text is returned as
 * `output` and in `changes`. `cwd` is also the root below which folder names
 * mark other agents' files (as for a file named on the command line), and a
 * file its config `ignores` gets no result, only a notice.
 *
 * `configs` is the config lookup to use (a long-running caller, the language
 * server, keeps one and drops it when a config file changes); by default a
 * fresh one from `options.config`. It is ignored with `useConfig: false`.
 * @throws ConfigError for an invalid config file.
 */
export function lintStdin(text: string, filename: string, options: LintFilesOptions = {}, configs?: ConfigResolver): LintFilesOutput {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const claimed = targetOfText(resolve(cwd, filename), text, claimContext(env, cwd));
  // An editor asks about every buffer: another agent's file gets no results, only the notice.
  if ('skipped' in claimed) return { results: [], notices: [`${resolve(cwd, filename)}: ${claimed.skipped}`], errors: [], fixed: 0, changes: [] };
  const t = claimed;
  const kind = t.kind;
  const cfg = options.useConfig === false ? undefined : (configs ?? new ConfigResolver(options.config)).forFile(t.path);
  // As for a file named on the command line: its config's `ignores` skip it, with a notice.
  if (cfg?.isIgnored(t.path)) return { results: [], notices: [`${t.path}: skipped, ignored by ${cfg.path}`], errors: [], fixed: 0, changes: [] };
  const lintOptions = optionsFor(t, kind, cfg, options.scripts === false ? undefined : nodeHost, undefined, options);
  // applyFixes lints as it goes: its final diagnostics are the result, no second lint.
  const res = options.fix ? applyFixes(text, lintOptions, options.fix) : { output: text, fixed: 0, diagnostics: lintText(text, lintOptions).diagnostics, notApplied: [] };
  const output = res.output !== text ? res.output : undefined;
  const changes: FileChange[] = output !== undefined ? [{ path: t.path, before: text, after: output, fileEdits: [] }] : [];
  const notices = res.notApplied.map((d) => notAppliedNotice(t.path, d));
  return { results: [resultOf(t.path, kind, res.diagnostics, res.output, output)], notices, errors: [], fixed: res.fixed, changes };
}
