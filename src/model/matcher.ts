import type { MatcherSpec } from './catalog.js';

/**
 * How Claude Code evaluates a matcher string (SPEC.md §3 "Matcher patterns"):
 * - `"*"`, `""` (or no matcher): match all;
 * - only characters of the exact set: a list of exact names split on `|`
 *   (and `,` for the standard set), whitespace around separators allowed;
 * - anything else: an unanchored JavaScript `RegExp.test`.
 * The standard exact set is `[A-Za-z0-9_]`, `-`, space, `,`, `|`; FileChanged
 * and StopFailure use the narrow set `[A-Za-z0-9_|]` with `|` only.
 */
export type MatcherEval =
  | { kind: 'all' }
  | { kind: 'exact'; items: MatcherItem[] }
  | { kind: 'regex'; regex: RegExp | undefined; error: string | undefined };

/** One exact name of a list, with its offset in the matcher string (0-based, UTF-16). */
export interface MatcherItem {
  value: string;
  offset: number;
}

const STANDARD = /^[A-Za-z0-9_ ,|-]*$/;
const NARROW = /^[A-Za-z0-9_|]*$/;

/** Classify and, on the regex path, compile a matcher (never throws). */
export function evaluateMatcher(matcher: string, exactSet: MatcherSpec['exactSet'] = 'standard'): MatcherEval {
  if (matcher === '' || matcher === '*') return { kind: 'all' };
  const narrow = exactSet === 'narrow';
  if ((narrow ? NARROW : STANDARD).test(matcher)) {
    const items: MatcherItem[] = [];
    const sep = narrow ? /\|/g : /[|,]/g;
    let start = 0;
    const push = (end: number) => {
      const raw = matcher.slice(start, end);
      const lead = raw.length - raw.trimStart().length;
      const value = raw.trim();
      if (value) items.push({ value, offset: start + lead });
    };
    for (let m = sep.exec(matcher); m; m = sep.exec(matcher)) {
      push(m.index);
      start = m.index + 1;
    }
    push(matcher.length);
    return { kind: 'exact', items };
  }
  try {
    return { kind: 'regex', regex: new RegExp(matcher), error: undefined };
  } catch (e) {
    return { kind: 'regex', regex: undefined, error: (e as Error).message.replace(/^Invalid regular expression: /, '') };
  }
}

/** True when `value` names an MCP tool or server pattern (`mcp__<server>__<tool>`). */
export function isMcpName(value: string): boolean {
  return value.startsWith('mcp__');
}
