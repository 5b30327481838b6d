import { HooklintError, lintText, type LintTextOptions } from './lint.js';
import { parseDocument } from '../formats/parse.js';
import { parseMarkdownDocument } from '../formats/frontmatter.js';
import { duplicateKeyNodes } from '../fix/guard.js';
import { isFrontmatterKind, type Diagnostic, type FileEdit, type FileKind, type FixSafety, type TextEdit } from '../model/types.js';

/** Most re-lint passes a fix run makes (ESLint's MAX_AUTOFIX_PASSES). */
export const MAX_FIX_PASSES = 10;

/** The outcome of `applyFixes`. */
export interface FixOutput {
  /** The fixed text (=== the input when nothing applied). */
  output: string;
  /** How many fixes were applied, over all passes. */
  fixed: number;
  /** Changes to files other than the linted one (chmod, shebang), collected for the caller to apply. */
  fileEdits: FileEdit[];
  /** The diagnostics of the final text. */
  diagnostics: Diagnostic[];
  /**
   * Findings of the final text whose fix was not applied because applying it
   * would have left a syntax error (a bug in the fix) or written a key twice
   * (which changes which hooks run; YAML refuses it): each is also in
   * `diagnostics`, at the same 1-based line and column, still unfixed.
   */
  notApplied: Diagnostic[];
}

/** Why `applyFixes` refused a fix (`FixOutput.notApplied`), for its notice. */
const refusedFor = new WeakMap<Diagnostic, 'syntax' | 'duplicate'>();

/** A notice line for a fix that `applyFixes` refused (`FixOutput.notApplied`): `path:line:col: ...`. */
export function notAppliedNotice(path: string, d: Diagnostic): string {
  const why = refusedFor.get(d) === 'duplicate' ? 'it would have written a key its object already has (the later one replaces the earlier)' : 'it would have left a JSON syntax error';
  return `${path}:${d.line}:${d.column}: the ${d.ruleId} fix (${d.fix?.title ?? 'fix'}) was not applied: ${why}`;
}

/**
 * Apply the fixes of one file's diagnostics as text edits, never
 * re-serialising: sort by position, skip any fix that overlaps or touches one
 * already taken (it is retried in the next pass), re-parse and re-lint, up to
 * MAX_FIX_PASSES passes (STYLE-ANCHORS.md §2 "Fixes").
 *
 * A text with a `json-syntax` error is never fixed: a file that could not be
 * fully parsed is never rewritten. `safety` chooses which fixes apply: `safe`
 * only, or `unsafe` (safe and unsafe). Suggestions never apply.
 *
 * Last guard: every pass parses the text its fixes produce. A fix that would
 * leave a syntax error, or a key written twice in one object that was not
 * (a rename onto an existing sibling: the later key wins, so hooks stop
 * running; YAML refuses it), is dropped (fixes it blocked are taken
 * instead), and when it is still there at the end it is listed in
 * `notApplied`; the output therefore always parses when the input did, and
 * holds no more duplicate keys. (`fix/guard.ts` keeps the guarantees judged
 * per fix: comments, keys that already have a duplicate.)
 *
 * @throws HooklintError when fixes do not converge within MAX_FIX_PASSES passes.
 */
export function applyFixes(text: string, options: LintTextOptions, safety: FixSafety = 'safe'): FixOutput {
  let current = text;
  let fixed = 0;
  const fileEdits: FileEdit[] = [];
  let currentDuplicates: number | undefined;
  for (let pass = 0; pass <= MAX_FIX_PASSES; pass++) {
    const { diagnostics } = lintText(current, options);
    // A file that does not fully parse (or that json-syntax/yaml-syntax flags for its encoding) is never rewritten.
    if (diagnostics.some((d) => d.ruleId === 'json-syntax' || d.ruleId === 'yaml-syntax')) return { output: current, fixed, fileEdits, diagnostics, notApplied: [] };
    // The duplicate keys of the current text (none may be added): on later passes, counted when it was accepted.
    if (pass === 0) currentDuplicates = soundness(current, options.kind);
    if (currentDuplicates === undefined) return { output: current, fixed, fileEdits, diagnostics, notApplied: [] };
    const fixable = diagnostics.filter((d) => d.fix && (d.fix.safety === 'safe' || safety === 'unsafe'));
    // Edits of other files (scripts) do not change this text: take them once, from the first pass.
    if (pass === 0)
      for (const d of fixable)
        if (d.fix!.fileEdits?.length) {
          fileEdits.push(...d.fix!.fileEdits);
          if (d.fix!.edits.length === 0) fixed++;
        }
    const textFixes = fixable.filter((d) => d.fix!.edits.length > 0).sort((a, b) => start(a.fix!.edits) - start(b.fix!.edits));
    const dropped = new Set<Diagnostic>();
    let taken: Diagnostic[] = [];
    let output = current;
    const duplicates = currentDuplicates;
    let outputDuplicates: number | undefined;
    const refusal = (t: string): 'syntax' | 'duplicate' | undefined => {
      const dups = soundness(t, options.kind);
      outputDuplicates = dups;
      return dups === undefined ? 'syntax' : dups > duplicates ? 'duplicate' : undefined;
    };
    for (;;) {
      taken = nonOverlapping(textFixes.filter((d) => !dropped.has(d)));
      if (taken.length === 0) break;
      output = applyEdits(current, taken.flatMap((d) => d.fix!.edits));
      if (refusal(output) === undefined) break;
      // Find the fixes that break the text: keep each that is still sound with those kept before it.
      const kept: Diagnostic[] = [];
      for (const d of taken) {
        const why = refusal(applyEdits(current, [...kept, d].flatMap((k) => k.fix!.edits)));
        if (why === undefined) kept.push(d);
        else {
          dropped.add(d);
          refusedFor.set(d, why);
        }
      }
    }
    if (taken.length === 0) return { output: current, fixed, fileEdits, diagnostics, notApplied: textFixes.filter((d) => dropped.has(d)) };
    if (pass === MAX_FIX_PASSES) throw new HooklintError(`fixes for ${options.filePath} did not converge after ${MAX_FIX_PASSES} passes`);
    fixed += taken.length;
    current = output;
    currentDuplicates = outputDuplicates;
  }
  throw new HooklintError(`fixes for ${options.filePath} did not converge`);
}

/** The fixes (sorted by start) that can go together: each skips any that overlaps or touches one taken before it. */
function nonOverlapping(sorted: Diagnostic[]): Diagnostic[] {
  const taken: Diagnostic[] = [];
  let lastEnd = -1;
  for (const d of sorted) {
    const edits = d.fix!.edits;
    if (start(edits) <= lastEnd) continue;
    taken.push(d);
    lastEnd = Math.max(...edits.map((e) => e.range[1]));
  }
  return taken;
}

/**
 * How many keys of `text` have a duplicate in their object
 * (`duplicateKeyNodes`), or undefined when `text` has a syntax error: one of
 * `json-syntax`'s for JSON; for a skill or agent, a YAML error in the
 * frontmatter (`yaml-syntax`), or a frontmatter that is no longer a mapping.
 */
function soundness(text: string, kind: FileKind): number | undefined {
  if (!isFrontmatterKind(kind)) {
    const doc = parseDocument(text);
    return doc.syntaxErrors.length === 0 ? duplicateKeyNodes(doc.root).length : undefined;
  }
  const doc = parseMarkdownDocument(text);
  return doc.yamlErrors!.length === 0 && (doc.frontmatter === undefined || doc.root !== undefined) ? duplicateKeyNodes(doc.root).length : undefined;
}

function start(edits: TextEdit[]): number {
  return Math.min(...edits.map((e) => e.range[0]));
}

/** Apply non-overlapping edits (0-based half-open ranges) to a text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.range[0] < pos) throw new HooklintError('overlapping edits');
    out += text.slice(pos, e.range[0]) + e.text;
    pos = e.range[1];
  }
  return out + text.slice(pos);
}
