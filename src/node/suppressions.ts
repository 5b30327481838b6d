import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { HooklintError } from '../lint/lint.js';
import type { Diagnostic, LintResult } from '../model/types.js';

/**
 * A baseline for adopting hooklint on a project with existing findings, as ESLint's bulk
 * suppressions: `hooklint-suppressions.json` records, per file and rule, how many findings are
 * accepted. A later run reports a rule's findings in a file only when there are more than its
 * count (then all of them, since nothing tells which one is new), and names the suppressions
 * that no longer match (fewer findings than the count, or a file that is gone).
 *
 * The file: `{ "<path relative to the file's folder, with />": { "<rule-id>": { "count": N } } }`,
 * keys sorted, two-space indented. Counted are the findings a run reports (errors and warnings,
 * after configured levels), before `--quiet`.
 */
export const SUPPRESSIONS_FILE = 'hooklint-suppressions.json';

/** Per file (relative, `/`-separated), per rule id: the accepted number of findings. */
export type Suppressions = Record<string, Record<string, { count: number }>>;

/** A suppression that no longer matches: `found` findings (0 when the file is gone) for `count` accepted. */
export interface StaleSuppression {
  file: string;
  ruleId: string;
  count: number;
  found: number;
}

/**
 * Read a suppressions file; a missing file is an empty baseline.
 * @throws HooklintError when it does not parse or has the wrong shape (position-free: one line naming the file)
 */
export function readSuppressions(path: string): Suppressions {
  if (!existsSync(path)) return {};
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new HooklintError(`${path}: not valid JSON (${(e as Error).message})`);
  }
  const bad = (what: string) => new HooklintError(`${path}: ${what}; expected { "<file>": { "<rule-id>": { "count": <number> } } }`);
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw bad('not an object');
  for (const [file, byRule] of Object.entries(data as Record<string, unknown>)) {
    if (!byRule || typeof byRule !== 'object' || Array.isArray(byRule)) throw bad(`"${file}" is not an object`);
    for (const [rule, entry] of Object.entries(byRule as Record<string, unknown>)) {
      const count = (entry as { count?: unknown } | null)?.count;
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) throw bad(`"${file}" "${rule}" has no whole "count"`);
    }
  }
  return data as Suppressions;
}

/** The file's text: keys sorted (files, then rules), so that it diffs well under review. */
export function formatSuppressions(s: Suppressions): string {
  const sorted: Suppressions = {};
  for (const file of Object.keys(s).sort()) {
    const rules = Object.keys(s[file]!).sort();
    if (rules.length) sorted[file] = Object.fromEntries(rules.map((r) => [r, { count: s[file]![r]!.count }]));
  }
  return JSON.stringify(sorted, null, 2) + '\n';
}

export function writeSuppressions(path: string, s: Suppressions): void {
  writeFileSync(path, formatSuppressions(s));
}

/** A result's key in the suppressions file: its path relative to `baseDir`, with `/`. */
export function suppressionKey(filePath: string, baseDir: string): string {
  const rel = relative(baseDir, isAbsolute(filePath) ? filePath : resolve(baseDir, filePath));
  return sep === '/' ? rel : rel.split(sep).join('/');
}

/** The findings of one result, counted per rule. */
function countByRule(messages: Diagnostic[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of messages) counts.set(m.ruleId, (counts.get(m.ruleId) ?? 0) + 1);
  return counts;
}

/**
 * The messages of one file that a baseline leaves: a rule's findings go when there are no more
 * than its count, all stay when there are more. Also returns the file's stale entries.
 */
export function suppressMessages(messages: Diagnostic[], entries: Record<string, { count: number }> | undefined, file: string): { messages: Diagnostic[]; stale: StaleSuppression[] } {
  if (!entries) return { messages, stale: [] };
  const counts = countByRule(messages);
  const stale: StaleSuppression[] = [];
  for (const [ruleId, { count }] of Object.entries(entries)) {
    const found = counts.get(ruleId) ?? 0;
    if (found < count) stale.push({ file, ruleId, count, found });
  }
  const kept = messages.filter((m) => {
    const accepted = entries[m.ruleId]?.count;
    return accepted === undefined || (counts.get(m.ruleId) ?? 0) > accepted;
  });
  return { messages: kept, stale };
}

/** `result` with only `messages`, its counts recomputed. */
function withMessages(result: LintResult, messages: Diagnostic[]): LintResult {
  if (messages.length === result.messages.length) return result;
  const safe = (m: Diagnostic) => m.fix?.safety === 'safe';
  const errors = messages.filter((m) => m.severity === 'error');
  const warnings = messages.filter((m) => m.severity === 'warning');
  const out: LintResult = { ...result, messages, errorCount: errors.length, warningCount: warnings.length, fixableErrorCount: errors.filter(safe).length, fixableWarningCount: warnings.filter(safe).length };
  if (messages.length === 0) delete out.source;
  return out;
}

/**
 * Apply a baseline to a run's results.
 * @param results the run's results (absolute or `baseDir`-relative paths)
 * @param baseDir the suppressions file's folder
 * @param scope the files this run covered, as keys: entries of other files are neither applied nor stale
 *   unless the file is gone (`exists` false)
 * @returns the results without suppressed findings, and the stale suppressions (a gone file's with `found` 0)
 */
export function applySuppressions(results: LintResult[], s: Suppressions, baseDir: string, exists: (key: string) => boolean = (k) => existsSync(join(baseDir, k))): { results: LintResult[]; stale: StaleSuppression[] } {
  const stale: StaleSuppression[] = [];
  const seen = new Set<string>();
  const out = results.map((r) => {
    const key = suppressionKey(r.filePath, baseDir);
    seen.add(key);
    const applied = suppressMessages(r.messages, s[key], key);
    stale.push(...applied.stale);
    return withMessages(r, applied.messages);
  });
  for (const [file, entries] of Object.entries(s)) {
    if (seen.has(file) || exists(file)) continue;
    for (const [ruleId, { count }] of Object.entries(entries)) stale.push({ file, ruleId, count, found: 0 });
  }
  return { results: out, stale };
}

/**
 * The baseline after `--suppress-all` (no `rules`) or `--suppress-rule` (only `rules`): each
 * linted file's entries for those rules become its current counts (a rule with no finding left
 * loses its entry); other files' entries and other rules' stay.
 */
export function suppressResults(results: LintResult[], s: Suppressions, baseDir: string, rules?: ReadonlySet<string>): Suppressions {
  const next: Suppressions = structuredClone(s);
  for (const r of results) {
    const key = suppressionKey(r.filePath, baseDir);
    const entries = (next[key] ??= {});
    if (!rules) for (const id of Object.keys(entries)) delete entries[id];
    else for (const id of rules) delete entries[id];
    for (const [id, n] of countByRule(r.messages)) if (!rules || rules.has(id)) entries[id] = { count: n };
    if (Object.keys(entries).length === 0) delete next[key];
  }
  return next;
}

/**
 * The baseline after `--prune-suppressions`: counts lowered to what the run found (entries with
 * none left, and files that are gone, removed); never raised, never added.
 */
export function pruneSuppressions(s: Suppressions, stale: StaleSuppression[]): Suppressions {
  const next: Suppressions = structuredClone(s);
  for (const { file, ruleId, found } of stale) {
    const entries = next[file];
    if (!entries?.[ruleId]) continue;
    if (found === 0) delete entries[ruleId];
    else entries[ruleId] = { count: found };
    if (Object.keys(entries).length === 0) delete next[file];
  }
  return next;
}

/**
 * The suppressions file that applies to `filePath` for the language server: the nearest
 * `hooklint-suppressions.json` in its folder or above (the folder `hooklint check` runs from).
 * @returns its path, or undefined
 */
export function findSuppressionsFile(filePath: string): string | undefined {
  let dir = dirname(resolve(filePath));
  for (;;) {
    const candidate = join(dir, SUPPRESSIONS_FILE);
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}
