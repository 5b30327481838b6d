import type { ChalkInstance } from 'chalk';
import type { LintResult } from '../model/types.js';
import type { RuleMeta } from '../rules/rule.js';

/** What every formatter receives (ESLint's formatter contract). */
export interface FormatContext {
  /** Directory paths are shown relative to. */
  cwd: string;
  /** A chalk instance at the resolved colour level (level 0 = no colour). */
  chalk: ChalkInstance;
  /** Metadata of every rule, by id. */
  rulesMeta: ReadonlyMap<string, RuleMeta>;
  /** How many findings `--unsafe-fixes` would fix in addition. */
  unsafeFixable?: number;
  /** Counts from a fix run, for the summary. */
  fixed?: number;
}

/** A formatter turns results into the report text (ending with a newline, or empty). */
export type Formatter = (results: LintResult[], ctx: FormatContext) => string;
