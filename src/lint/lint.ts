import { rules as allRules } from '../rules/index.js';
import { memoHost } from '../analysis/scripts.js';
import { interpolate, WHERE_COPY, type LintOptions, type ReportDescriptor, type Rule } from '../rules/rule.js';
import { getLocation, type JSONPath } from 'jsonc-parser';
import { catalog, EVENTS } from '../model/catalog.js';
import { buildModel, type HookModel } from '../model/model.js';
import { mayPredate, mayReach, NEWEST } from '../model/version.js';
import { parseDocument } from '../formats/parse.js';
import { yamlFix, yamlSuggestions } from '../fix/yaml-edits.js';
import { parseMarkdownDocument, yamlCommentSpans } from '../formats/frontmatter.js';
import { guardFix, type GuardInput } from '../fix/guard.js';
import { frontmatterDirectives, type DisableDirective } from '../formats/directives.js';
import { LineIndex } from '../formats/positions.js';
import { otherSettingsCount } from '../schema/validate.js';
import { isFrontmatterKind, isSettingsKind, type Diagnostic, type FileKind, type LintOutput, type Severity } from '../model/types.js';

/** A rule's configured level: off, or a severity that replaces its default. */
export type RuleLevel = 'off' | 'warn' | 'error';

/** Options of `lintText`: the rule options plus which rules run at which level. */
export interface LintTextOptions extends LintOptions {
  /** Per-rule levels from config (`"off" | "warn" | "error"`); unlisted rules keep their default. */
  ruleLevels?: Record<string, RuleLevel>;
  /** The rules to run (default: all of them). */
  rules?: readonly Rule[];
  /**
   * When given, lintText adds the wall time it spends (milliseconds, from
   * `performance.now()`) to this map: per rule id, plus `(parse)` for parsing
   * and building the model. Script reads are counted in the first rule that
   * asks for a script. `HOOKLINT_TIMING` in the CLI prints it (like ESLint's TIMING).
   */
  timing?: Map<string, number>;
}

/** The `timing` key of parsing and building the model. */
export const PARSE_TIMING = '(parse)';

function addTime(timing: Map<string, number>, key: string, since: number): void {
  timing.set(key, (timing.get(key) ?? 0) + performance.now() - since);
}

/** RULES.md section of every built-in rule (for the blast-radius note). */
const SECTION: ReadonlyMap<string, number> = new Map(allRules.map((r) => [r.meta.id, r.meta.section]));

/** An error hooklint itself cannot recover from (a bug, or bad configuration); the CLI exits 2. */
export class HooklintError extends Error {
  override name = 'HooklintError';
}

/**
 * Lint one file's text. Pure: touches no filesystem, process or colour state
 * (script rules use `options.host` only when it is given).
 *
 * Returns diagnostics sorted by line, column and rule id. The first error of
 * RULES.md §1 carries the blast radius: what Claude Code drops because of it
 * (SPEC.md §8.1-§8.3).
 *
 * @throws HooklintError when a rule fails internally (never for bad input).
 */
export function lintText(text: string, options: LintTextOptions): LintOutput {
  // Several rules read the same scripts: each is statted and read once per call.
  if (options.host) {
    const host = memoHost(options.host);
    if (host !== options.host) options = { ...options, host };
  }
  const timing = options.timing;
  let since = timing ? performance.now() : 0;
  const frontmatter = isFrontmatterKind(options.kind);
  const doc = frontmatter ? parseMarkdownDocument(text) : parseDocument(text);
  const lines = new LineIndex(text);
  const model = buildModel(options.kind, doc.root);
  if (timing) addTime(timing, PARSE_TIMING, since);
  const diagnostics: Diagnostic[] = [];
  // Most files have no configured levels: skip 57 keyed lookups per file then.
  const levels = options.ruleLevels && Object.keys(options.ruleLevels).length > 0 ? options.ruleLevels : undefined;
  // One report function for the whole run (not a closure per rule and file).
  let rule!: Rule;
  let severity: Severity = 'error';
  const where = options.inPlace === false ? WHERE_COPY : '';
  // What the fix guard reads of this document (comments, duplicate keys), computed when a fix first needs it.
  let yamlComments: ReturnType<typeof yamlCommentSpans> | undefined;
  const guardDoc: GuardInput = { text, root: doc.root, comments: () => (frontmatter ? (yamlComments ??= yamlCommentSpans(text)) : doc.comments) };
  const guardCache = {};
  // A file with thousands of handlers repeats the same message, fix title and edit text in every
  // finding: one string each (issue 23 §9; built by interpolation, each copy was a fresh string).
  const interned = new Map<string, string>();
  const intern = (str: string): string => {
    const hit = interned.get(str);
    if (hit !== undefined) return hit;
    interned.set(str, str);
    return str;
  };
  const report = (d: ReportDescriptor<string>) => {
    const offset = d.node ? d.node.offset : d.span!.offset;
    const length = d.node ? d.node.length : d.span!.length;
    const start = lines.position(offset);
    const end = lines.position(offset + length);
    const template = (rule.meta.messages as Record<string, string>)[d.messageId];
    if (template === undefined) throw new HooklintError(`rule ${rule.meta.id} reported unknown message id "${d.messageId}"`);
    const diagnostic: Diagnostic = {
      ruleId: rule.meta.id,
      // A rule may raise one finding to an error (ReportDescriptor.severity) unless the user set the rule's level.
      severity: d.severity && !levels?.[rule.meta.id] ? d.severity : severity,
      message: intern(interpolate(template, d.data, where)),
      messageId: d.messageId,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      offset,
      length,
    };
    // Rules build JSON edits; in frontmatter they are rewritten as YAML, or dropped when YAML cannot take them.
    const written = d.fix && frontmatter ? yamlFix(text, doc.root, d.fix, doc.aliases) : d.fix;
    // A safe fix that deletes a comment becomes unsafe; none may delete or rename a duplicated key (fix/guard.ts).
    const fix = written && guardFix(written, guardDoc, guardCache);
    if (fix) {
      fix.title = intern(fix.title);
      for (const e of fix.edits) e.text = intern(e.text);
      diagnostic.fix = fix;
    }
    const suggestions = d.suggestions && frontmatter ? yamlSuggestions(text, doc.root, d.suggestions, doc.aliases) : d.suggestions;
    if (suggestions?.length) diagnostic.suggestions = suggestions;
    if (d.note) diagnostic.note = d.note;
    diagnostics.push(diagnostic);
  };
  const ctx = { doc, lines, model, options, report };
  for (const r of options.rules ?? allRules) {
    const meta = r.meta;
    const level = levels?.[meta.id];
    if (level === 'off') continue;
    if (meta.needsHost === true && !options.host) continue;
    if (frontmatter ? meta.frontmatter === false : meta.frontmatter === 'only') continue;
    rule = r;
    severity = level === 'warn' ? 'warning' : level === 'error' ? 'error' : meta.severity;
    if (timing) since = performance.now();
    try {
      r.check(ctx);
      if (timing) addTime(timing, meta.id, since);
    } catch (e) {
      if (e instanceof HooklintError) throw e;
      throw new HooklintError(`internal error in rule ${r.meta.id} on ${options.filePath}: ${(e as Error).message}`);
    }
  }
  if (frontmatter && doc.frontmatter && text.includes('hooklint-disable-next-line')) dropDisabled(diagnostics, frontmatterDirectives(text, doc.frontmatter));
  diagnostics.sort(compareDiagnostics);
  if (model.kind === 'agent') noteRunsAs(diagnostics, model);
  // Duplicate keys parse (the last one wins): the file still loads, so they carry no blast radius.
  const fatal = diagnostics.filter((d) => isFatal(d, options.rules));
  // What Claude Code does with an invalid hook in a skill or agent is not documented [uncertain]: no note claims it.
  if (fatal.length > 0 && !frontmatter) addBlastRadius(fatal, text, model, options, otherSettingsCount(doc.root));
  return { diagnostics, handlerCount: model.handlers.length };
}

/**
 * Remove the findings that `# hooklint-disable-next-line <rule> -- <reason>` comments of a
 * frontmatter suppress (src/formats/directives.ts): those of the named rules starting on the
 * line after the comment. A directive without a reason suppresses nothing
 * (`disable-directive-invalid` reports it), and that rule's own findings are never suppressed.
 */
function dropDisabled(diagnostics: Diagnostic[], directives: DisableDirective[]): void {
  const off = new Map<number, Set<string>>();
  for (const d of directives) if (d.reason && d.rules.length) for (const id of d.rules) (off.get(d.line + 1) ?? off.set(d.line + 1, new Set()).get(d.line + 1)!).add(id);
  if (off.size === 0) return;
  let w = 0;
  for (const d of diagnostics) if (d.ruleId === 'disable-directive-invalid' || !off.get(d.line)?.has(d.ruleId)) diagnostics[w++] = d;
  diagnostics.length = w;
}

/** Rules whose errors mean the text is not strict JSON: Claude Code cannot read the file at all. */
export const UNREADABLE: ReadonlySet<string> = new Set(['json-syntax', 'no-comments', 'no-trailing-commas']);

/**
 * Say what Claude Code drops for each structural error (SPEC.md §8, §12.6),
 * for the target version: JSON it cannot read, or an error outside the event
 * map, skips a settings file whole (said once, on the first); since 2.1.332 an
 * invalid entry under a guard event (PreToolUse, PermissionRequest,
 * PreSkillShellCommand) leaves the whole file unapplied (said once), and one
 * under any other event is stripped alone (said on each). Older targets skip
 * the whole file for any of them; a range target spanning 2.1.332 says both.
 * Managed settings, plugin hooks and manifests keep their own rules (§8.2, §8.3).
 */
function addBlastRadius(fatal: Diagnostic[], text: string, model: HookModel, options: LintTextOptions, others: number): void {
  const inPlace = options.inPlace !== false;
  const whole = blastRadius(options.kind, model.handlers.length, others, inPlace);
  const stripping = catalog.loader.entryStripping.since!;
  const older = mayPredate(options.target ?? NEWEST, stripping);
  let wholeSaid = false;
  for (const d of fatal) {
    const effect = loaderEffect(d, fatal, text, model.eventMapPath, options.kind, options.target);
    if (effect.drops === 'entry')
      d.note = `${inPlace ? '' : WHERE_COPY}Claude Code drops this entry (${effect.label}: "entry ignored") and applies the rest of the file${older ? `; versions before ${stripping} skip the whole file` : ''}`;
    else if (!wholeSaid) {
      wholeSaid = true;
      d.note = effect.guard
        ? `${inPlace ? '' : WHERE_COPY}an invalid entry under ${effect.guard} leaves this whole file unapplied until it is fixed (Claude Code ${stripping}+): ${plural(model.handlers.length, 'hook')} and ${plural(others, 'other setting')} in it do not take effect`
        : whole;
    }
  }
}

/**
 * What Claude Code's loader drops for one structural error of a file (SPEC.md §8, §12.6).
 * `file`: everything the file holds (for a managed file: its whole `hooks` key; for a plugin
 * hooks file: its hooks; for a manifest: the plugin), with `guard` naming the guard event
 * when an entry under it is the cause; `entry`: the one matcher group (or event) at `path`
 * (a JSON path, e.g. `["hooks", "Stop", 0]`), labelled `hooks.Stop[0]`.
 */
export type LoaderEffect = { drops: 'file'; guard?: string } | { drops: 'entry'; event: string; label: string; path: JSONPath };

/**
 * The loader effect of the structural error `d`, one of `fatal` (the file's RULES.md §1
 * errors, `isFatal`), for the target version (default: the newest): JSON Claude Code cannot
 * read, or an error outside the event map, drops the file; since 2.1.332 an invalid entry
 * under a guard event drops the file and one under another event only that entry; older
 * targets (and a range reaching below 2.1.332) drop the file for any of them. Managed
 * settings, plugin hooks and manifests are dropped whole (§8.2, §8.3). The one answer
 * `check`'s notes and `hooklint hooks` share.
 */
export function loaderEffect(d: Diagnostic, fatal: readonly Diagnostic[], text: string, eventMapPath: JSONPath, kind: FileKind, target = NEWEST): LoaderEffect {
  const settings = isSettingsKind(kind) && kind !== 'managed-settings';
  if (!settings || !mayReach(target, catalog.loader.entryStripping.since!) || fatal.some((f) => UNREADABLE.has(f.ruleId))) return { drops: 'file' };
  const entry = entryOf(getLocation(text, d.offset).path, eventMapPath);
  if (!entry) return { drops: 'file' };
  if (EVENTS.get(entry.event)?.guard) return { drops: 'file', guard: entry.event };
  return { drops: 'entry', ...entry };
}

/** True for a diagnostic Claude Code's loader acts on: an error of RULES.md §1 (duplicate keys parse, the last one wins: not one of them). */
export function isFatal(d: Diagnostic, rules?: readonly Rule[]): boolean {
  return d.severity === 'error' && (SECTION.get(d.ruleId) ?? rules?.find((r) => r.meta.id === d.ruleId)?.meta.section) === 1 && d.ruleId !== 'no-duplicate-keys';
}

/** The hook entry a JSON path lies in: its event and the `hooks.<Event>[i]` label; undefined outside the event map's entries. */
function entryOf(path: JSONPath, eventMapPath: JSONPath): { event: string; label: string; path: JSONPath } | undefined {
  if (path.length < eventMapPath.length + 1 || !eventMapPath.every((seg, i) => seg === path[i])) return undefined;
  const event = path[eventMapPath.length];
  if (typeof event !== 'string') return undefined;
  const group = path[eventMapPath.length + 1];
  return { event, label: `hooks.${event}${typeof group === 'number' ? `[${group}]` : ''}`, path: [...eventMapPath, event, ...(typeof group === 'number' ? [group] : [])] };
}

/** Order by line, column, then rule id (deterministic output). */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * What Claude Code drops when a file fails RULES.md §1 (SPEC.md §8). For a file
 * Claude Code does not read where it sits (`inPlace` false) the same text is
 * said of where the file is used.
 */
export function blastRadius(kind: FileKind, hooks: number, others: number, inPlace = true): string {
  const text = blastRadiusInPlace(kind, hooks, others);
  // Every text starts with "Claude Code": the condition goes in front as it is.
  return inPlace ? text : WHERE_COPY + text;
}

function blastRadiusInPlace(kind: FileKind, hooks: number, others: number): string {
  switch (kind) {
    case 'managed-settings':
      return `Claude Code drops the whole "hooks" key of this managed settings file: ${plural(hooks, 'hook')} do not load`;
    case 'plugin-hooks':
      return hooks === 0 ? 'Claude Code loads none of the hooks in this file' : `Claude Code loads none of the hooks in this file: ${plural(hooks, 'hook')} do not load`;
    case 'plugin-manifest':
      return `Claude Code cannot load this plugin manifest: ${plural(hooks, 'inline hook')} and the rest of the plugin do not load`;
    default:
      return `Claude Code skips this whole file: ${plural(hooks, 'hook')} and ${plural(others, 'other setting')} in it do not load`;
  }
}



/**
 * SPEC.md §4.1: an agent's `Stop` hooks run as `SubagentStop`. Rules judge them
 * as `SubagentStop` (the model gives those events `SubagentStop`'s catalog row);
 * each finding inside such an event says so, since the file names `Stop`.
 */
function noteRunsAs(diagnostics: Diagnostic[], model: HookModel): void {
  for (const e of model.events) {
    if (!e.runsAs) continue;
    const from = e.property.offset;
    const to = from + e.property.length;
    const note = `in an agent's frontmatter, ${e.name} hooks run as ${e.runsAs} (when this agent finishes): matchers, timeouts and output are ${e.runsAs}'s`;
    for (const d of diagnostics) if (d.offset >= from && d.offset < to) d.note = d.note ? `${d.note}; ${note}` : note;
  }
}
