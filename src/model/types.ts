/**
 * Shared types of hooklint's core. Every public boundary uses these shapes:
 * positions are 1-based lines and columns (columns count UTF-16 code units),
 * fix ranges are 0-based, half-open UTF-16 offsets into the file text.
 */

/** How bad a finding is. `error` means Claude Code rejects the file or the hook can never work. */
export type Severity = 'error' | 'warning';

/** How a fix may be applied (RULES.md "Fix"): `safe` by `--fix`, `unsafe` only with `--unsafe-fixes`. */
export type FixSafety = 'safe' | 'unsafe';

/**
 * One text edit: replace `text.slice(range[0], range[1])` with `text`.
 * `range` is 0-based, half-open, in UTF-16 code units (JavaScript string indices).
 */
export interface TextEdit {
  range: [number, number];
  text: string;
}

/**
 * A change to a file on disk other than its text (script fixes, RULES.md §6):
 * `chmod-executable` (`chmod +x`) keeps the other mode bits; `rewrite-head`
 * replaces the first bytes `from` with `to`; `to-lf` converts CRLF line
 * endings to LF. Each keeps the file's mode.
 */
export interface FileEdit {
  kind: 'chmod-executable' | 'rewrite-head' | 'to-lf';
  /** Absolute path of the file to change. */
  path: string;
  /** For `rewrite-head`: the bytes at the start of the file to replace, and the replacement. */
  from?: string;
  to?: string;
}

/** A fix attached to a diagnostic: edits of the linted file's text, or of a script on disk. */
export interface Fix {
  safety: FixSafety;
  /** Short imperative title, e.g. `insert "timeout": 10`. */
  title: string;
  edits: TextEdit[];
  fileEdits?: FileEdit[];
}

/** A suggestion: an edit that is shown to the user, never applied automatically. */
export interface Suggestion {
  title: string;
  edits: TextEdit[];
}

/**
 * One finding. `line`/`column` point at the first character of the offending
 * token, `endLine`/`endColumn` one past its last character (both 1-based).
 * `offset`/`length` give the same span as 0-based UTF-16 offsets.
 */
export interface Diagnostic {
  ruleId: string;
  severity: Severity;
  message: string;
  messageId: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  offset: number;
  length: number;
  fix?: Fix;
  suggestions?: Suggestion[];
  /** Extra explanation shown under the code frame (the "why" or "what to do"). */
  note?: string;
}

/**
 * Which Claude Code configuration file a text is (SPEC.md §4.1).
 * - `user-settings`: `~/.claude/settings.json` (or under `CLAUDE_CONFIG_DIR`)
 * - `project-settings`: `.claude/settings.json`
 * - `local-settings`: `.claude/settings.local.json`
 * - `managed-settings`: `managed-settings.json`, `managed-settings.d/*.json`
 * - `settings`: a settings file whose scope the path does not tell
 * - `plugin-hooks`: a plugin's `hooks/hooks.json` (or a file a manifest references)
 * - `plugin-manifest`: `.claude-plugin/plugin.json`
 * - `skill`: the YAML frontmatter of a skill's `SKILL.md` (`.claude/skills/<name>/`, a plugin's `skills/`)
 * - `agent`: the YAML frontmatter of an agent's `.md` (`.claude/agents/`, `~/.claude/agents/`, a plugin's `agents/`)
 */
export type FileKind =
  | 'user-settings'
  | 'project-settings'
  | 'local-settings'
  | 'managed-settings'
  | 'settings'
  | 'plugin-hooks'
  | 'plugin-manifest'
  | 'skill'
  | 'agent';

/** True for every kind of settings file (they share the settings shape). */
export function isSettingsKind(kind: FileKind): boolean {
  return kind !== 'plugin-hooks' && kind !== 'plugin-manifest' && kind !== 'skill' && kind !== 'agent';
}

/** True for the Markdown kinds whose hooks live in YAML frontmatter (SPEC.md §4.1). */
export function isFrontmatterKind(kind: FileKind): kind is 'skill' | 'agent' {
  return kind === 'skill' || kind === 'agent';
}

/**
 * True when the file's hooks run as a plugin's, with `${CLAUDE_PLUGIN_ROOT}` set:
 * plugin hooks files and manifests, and a skill or agent inside a plugin
 * (`pluginRoot` known).
 */
export function isPluginFile(kind: FileKind, pluginRoot: string | undefined): boolean {
  return kind === 'plugin-hooks' || kind === 'plugin-manifest' || (isFrontmatterKind(kind) && pluginRoot !== undefined);
}

/** What lintText returns for one file. */
export interface LintOutput {
  diagnostics: Diagnostic[];
  /** Number of handlers found in the file (for the blast-radius note and the summary). */
  handlerCount: number;
}

/** The result for one file, in ESLint's LintResult shape plus hooklint's kind. */
export interface LintResult {
  filePath: string;
  kind: FileKind;
  messages: Diagnostic[];
  errorCount: number;
  warningCount: number;
  /** Errors and warnings with a safe fix (what `--fix` would apply). */
  fixableErrorCount: number;
  fixableWarningCount: number;
  /** The file text, for code frames: only when the file has messages (as ESLint); absent in JSON output. */
  source?: string;
  /** The fixed text, when a fix run changed it. */
  output?: string;
}
