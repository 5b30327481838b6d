import type { TreeNode as Node } from '../formats/parse.js';
import type { HookModel } from '../model/model.js';
import type { LineIndex } from '../formats/positions.js';
import type { ParsedDocument, Span } from '../formats/parse.js';
import type { Fix, FileKind, FixSafety, Severity, Suggestion } from '../model/types.js';
import type { Target } from '../model/version.js';
import type { ScriptHost, ScriptOptions } from '../analysis/scripts.js';

/** Where hooklint's rule docs live; `defineRule` derives each rule's URL from its id. */
export const DOCS_BASE_URL = 'https://github.com/hooklint/hooklint/blob/main/docs/rules/';

/**
 * Declarative metadata of a rule (ESLint's `meta`, RULES.md row).
 * `messages` maps message ids to templates with `{{name}}` placeholders.
 */
export interface RuleMeta<M extends string = string> {
  /** Public, stable, kebab-case id (RULES.md). */
  id: string;
  /** `problem`: the hook breaks; `suggestion`: fragile or likely unintended. */
  type: 'problem' | 'suggestion';
  /** Default severity (users may change it in config). */
  severity: Severity;
  /** One line: what the rule catches. */
  description: string;
  /** How its fix applies: safe, unsafe, suggest (suggestions only), or absent (report only). */
  fixable?: FixSafety | 'suggest';
  /** RULES.md section number (1 structure ... 7 plugins). */
  section: number;
  /** Needs the filesystem (scripts on disk, RULES.md §6); skipped without a host or with `--no-scripts`. */
  needsHost?: boolean;
  /**
   * Where the rule runs besides JSON files. Default true: also on the hooks of
   * skill and agent frontmatter (the YAML front end's tree reads like a JSON
   * file's), with its fixes rewritten as YAML where they fit (`fix/yaml-edits.ts`
   * `yamlFix`; a fix that does not fit is dropped, the finding stays). False:
   * JSON files only (JSON syntax, plugin files). `'only'`: frontmatter only
   * (`yaml-syntax`, the skill caps). Each rule page states it.
   */
  frontmatter?: boolean | 'only';
  messages: Record<M, string>;
  /** Derived by `defineRule`: the docs page. */
  url?: string;
}

export type { ScriptHost };

/** Options every rule sees (the script analysis reads its part of them, `ScriptOptions`). */
export interface LintOptions extends ScriptOptions {
  /** Path of the file (used for kind-specific checks and script resolution); may be virtual. */
  filePath: string;
  kind: FileKind;
  /** The project root (`$CLAUDE_PROJECT_DIR`) for settings files, when known. */
  projectRoot?: string;
  /** The plugin root (`${CLAUDE_PLUGIN_ROOT}`) for plugin files, when known. */
  pluginRoot?: string;
  /**
   * How the file's bytes were decoded, when not plain UTF-8: `utf-16le`/`utf-16be`
   * (a UTF-16 byte order mark; Claude Code reads UTF-8, so `json-syntax` reports it) or
   * `invalid-utf-8` (bytes that are not UTF-8, decoded with U+FFFD as Claude Code's
   * reader does; not reported, but never rewritten by --fix).
   */
  encoding?: 'utf-16le' | 'utf-16be' | 'invalid-utf-8';
  /** Why Claude Code never reads this file (RULES.md §7 `unloaded-location`); set by discovery. */
  unloaded?: string;
  /**
   * False when Claude Code does not read this file where it sits (set by discovery): a
   * template, example or backup whose kind came from its shape, a managed-settings.json
   * outside the managed-settings folders, an unloaded location. Its findings stay (people
   * copy such files), but rules then word what happens at run time conditionally ("where
   * this file is used, ..."), and script rules that depend on the machine stay quiet.
   * Default true.
   */
  inPlace?: boolean;
  /** Filesystem access for RULES.md §6; absent means script rules are skipped. */
  host?: ScriptHost;
  /** Per-event overrides of the recommended-timeout table, seconds. */
  recommendedTimeouts?: Record<string, number>;
  /** Programs `path-dependent-command` should not report. */
  knownCommands?: readonly string[];
  /** The Claude Code versions to check against (`model/version.ts`); default the newest the catalog knows. */
  target?: Target;
}

/** One report from a rule. Exactly one of `node` and `span` locates it. */
export interface ReportDescriptor<M extends string> {
  messageId: M;
  data?: Record<string, string | number>;
  node?: Node;
  span?: Span;
  fix?: Fix;
  suggestions?: Suggestion[];
  note?: string;
  /**
   * This finding's severity when it differs from the rule's default (`output-key-ignored`
   * is an error when the ignored key was the hook's only way to refuse). A level the user
   * configures for the rule wins over it.
   */
  severity?: Severity;
}

/** What `check` receives. */
export interface RuleContext<M extends string = string> {
  doc: ParsedDocument;
  /** Offset → 1-based line/column of `doc.text`. */
  lines: LineIndex;
  model: HookModel;
  options: LintOptions;
  report(descriptor: ReportDescriptor<M>): void;
}

/** A rule: metadata plus a check over one parsed file. */
export interface Rule<M extends string = string> {
  meta: RuleMeta<M>;
  check(ctx: RuleContext<M>): void;
}

/** Define a rule; fills in `meta.url` from the id so no rule writes a URL by hand. */
export function defineRule<M extends string>(rule: Rule<M>): Rule<M> {
  rule.meta.url = `${DOCS_BASE_URL}${rule.meta.id}.md`;
  return rule;
}

/**
 * What `{{where}}` becomes in a message template: empty for a file Claude Code reads
 * where it sits, a condition for a copy (`LintOptions.inPlace` false), so that a
 * template's finding says what happens where it is used instead of claiming it happens.
 */
export const WHERE_COPY = 'where this file is used, ';

/**
 * Fill `{{name}}` placeholders of a message template. `{{where}}` marks where a
 * message starts to say what happens at run time; `where` fills it (see WHERE_COPY).
 */
export function interpolate(template: string, data: Record<string, string | number> | undefined, where = ''): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, k: string) => (data && k in data ? String(data[k]) : k === 'where' ? where : m));
}
