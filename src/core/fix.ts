import { HooklintError, lintText, type LintTextOptions } from './lint.js';
import type { Diagnostic, FileEdit, FixSafety, TextEdit } from './types.js';

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
 * @throws HooklintError when fixes do not converge within MAX_FIX_PASSES passes.
 */
export function applyFixes(text: string, options: LintTextOptions, safety: FixSafety = 'safe'): FixOutput {
  let current = text;
  let fixed = 0;
  const fileEdits: FileEdit[] = [];
  for (let pass = 0; pass <= MAX_FIX_PASSES; pass++) {
    const { diagnostics } = lintText(current, options);
    if (diagnostics.some((d) => d.ruleId === 'json-syntax')) return { output: current, fixed, fileEdits, diagnostics };
    const fixes = diagnostics.filter((d) => d.fix && (d.fix.safety === 'safe' || safety === 'unsafe')).map((d) => d.fix!);
    // Edits of other files (scripts) do not change this text: take them once, from the first pass.
    if (pass === 0)
      for (const f of fixes)
        if (f.fileEdits?.length) {
          fileEdits.push(...f.fileEdits);
          if (f.edits.length === 0) fixed++;
        }
    const textFixes = fixes.filter((f) => f.edits.length > 0);
    if (textFixes.length === 0) return { output: current, fixed, fileEdits, diagnostics };
    if (pass === MAX_FIX_PASSES) throw new HooklintError(`fixes for ${options.filePath} did not converge after ${MAX_FIX_PASSES} passes`);
    textFixes.sort((a, b) => start(a.edits) - start(b.edits));
    const taken: TextEdit[] = [];
    let lastEnd = -1;
    for (const f of textFixes) {
      const s = start(f.edits);
      if (s <= lastEnd) continue;
      taken.push(...f.edits);
      lastEnd = Math.max(...f.edits.map((e) => e.range[1]));
      fixed++;
    }
    current = applyEdits(current, taken);
  }
  throw new HooklintError(`fixes for ${options.filePath} did not converge`);
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
