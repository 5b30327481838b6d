import Range from 'semver/classes/range.js';
import intersects from 'semver/ranges/intersects.js';
import { catalog, type VersionRange } from './catalog.js';

/**
 * Version targeting (issue "Claude Code 2.1.333 in the catalog" §3): which
 * Claude Code versions a file is checked against. Rules report what any
 * version of the target mishandles, with the catalog's version ranges
 * (`since` <= version < `until`). Ranges use npm's semver syntax (the `semver`
 * package): `2.1.290`, `>=2.1.280`, `^2.1.0`, `2.1.250 - 2.1.300`.
 */

/** A target: the versions it covers, and how to name it in a message. */
export interface Target {
  /** As given (`2.1.290`, `>=2.1.280`). */
  spec: string;
  range: Range;
  /** Where it comes from: `--claude-version`, `claudeVersion` in a config, a plugin's `engines`, or the default. */
  origin: 'default' | 'option' | 'config' | 'engines';
}

/** Parse a version or range; undefined when `spec` is neither. */
export function parseTarget(spec: string, origin: Target['origin']): Target | undefined {
  const s = spec.trim();
  if (s === '') return undefined;
  try {
    const range = new Range(s);
    // `x`/`*` and the empty set are not targets a user means.
    if (range.range === '' || range.range === '<0.0.0-0') return undefined;
    return { spec: s, range, origin };
  } catch {
    return undefined;
  }
}

/** The default target: the newest version the catalog knows. */
export const NEWEST: Target = parseTarget(catalog.newestVersion, 'default')!;

/** True when some version of the target is older than `version` (it predates a fact added there). */
export function mayPredate(target: Target, version: string): boolean {
  return intersects(target.range, new Range(`<${version}`));
}

/** True when some version of the target is `version` or newer (a fact removed there no longer holds for it). */
export function mayReach(target: Target, version: string): boolean {
  return intersects(target.range, new Range(`>=${version}`));
}

/** True when some version of the target lies outside the fact's range: it mishandles what depends on the fact. */
export function failsSomewhere(target: Target, r: Pick<VersionRange, 'since' | 'until'>): boolean {
  return (r.since !== undefined && mayPredate(target, r.since)) || (r.until !== undefined && mayReach(target, r.until));
}

/** True when some version of the target lies inside the fact's range. */
export function holdsSomewhere(target: Target, r: Pick<VersionRange, 'since' | 'until'>): boolean {
  const parts = [r.since ? `>=${r.since}` : '', r.until ? `<${r.until}` : ''].filter(Boolean).join(' ');
  return parts === '' || intersects(target.range, new Range(parts));
}

/** The target in words, for messages: `Claude Code 2.1.290`, `Claude Code >=2.1.280 (plugin.json "engines")`. */
export function targetText(target: Target): string {
  const from = target.origin === 'engines' ? ' (this plugin\'s "engines")' : '';
  return `Claude Code ${target.spec}${from}`;
}

/**
 * The version just before `version` for messages ("2.1.331 and older"): the
 * patch below, or `older versions` when there is none to name.
 */
export function olderThan(version: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!m || m[3] === '0') return `versions before ${version}`;
  return `${m[1]}.${m[2]}.${Number(m[3]) - 1} and older`;
}
