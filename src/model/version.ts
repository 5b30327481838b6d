import { createRequire } from 'node:module';
import type RangeType from 'semver/classes/range.js';
import type intersectsType from 'semver/ranges/intersects.js';
import { catalog, type VersionRange } from './catalog.js';

/**
 * Version targeting (issue "Claude Code 2.1.333 in the catalog" §3): which
 * Claude Code versions a file is checked against. Rules report what any
 * version of the target mishandles, with the catalog's version ranges
 * (`since` <= version < `until`). Ranges use npm's semver syntax (the `semver`
 * package): `2.1.290`, `>=2.1.280`, `^2.1.0`, `2.1.250 - 2.1.300`.
 *
 * A plain version (the default target, the newest the catalog knows, is one) is
 * compared as three numbers; semver is loaded only for a range: building its
 * regular expressions costs about 3 % of a one-file run's start-up.
 */

/** A target: the versions it covers, and how to name it in a message. */
export interface Target {
  /** As given (`2.1.290`, `>=2.1.280`). */
  spec: string;
  /** `[major, minor, patch]` when `spec` is one exact version. */
  exact?: readonly [number, number, number];
  /** The semver range, for a spec that is not one exact version. */
  range?: RangeType;
  /** Where it comes from: `--claude-version`, `claudeVersion` in a config, a plugin's `engines`, or the default. */
  origin: 'default' | 'option' | 'config' | 'engines';
}

let semver: { Range: typeof RangeType; intersects: typeof intersectsType } | undefined;
function loadSemver() {
  if (!semver) {
    const lazyRequire = createRequire(import.meta.url);
    semver = { Range: lazyRequire('semver/classes/range.js') as typeof RangeType, intersects: lazyRequire('semver/ranges/intersects.js') as typeof intersectsType };
  }
  return semver;
}

const EXACT = /^v?(\d+)\.(\d+)\.(\d+)$/;

function parts(v: string): [number, number, number] {
  const m = EXACT.exec(v.trim());
  if (!m) throw new Error(`not a version: ${v}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function compare(a: readonly number[], b: readonly number[]): number {
  return a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;
}

/** Parse a version or range; undefined when `spec` is neither. */
export function parseTarget(spec: string, origin: Target['origin']): Target | undefined {
  const s = spec.trim();
  if (s === '') return undefined;
  if (EXACT.test(s)) return { spec: s, exact: parts(s), origin };
  try {
    const range = new (loadSemver().Range)(s);
    // `x`/`*` and the empty set are not targets a user means.
    if (range.range === '' || range.range === '<0.0.0-0') return undefined;
    return { spec: s, range, origin };
  } catch {
    return undefined;
  }
}

/** The default target: the newest version the catalog knows. */
export const NEWEST: Target = parseTarget(catalog.newestVersion, 'default')!;

function intersectsRange(target: Target, range: string): boolean {
  const { Range, intersects } = loadSemver();
  return intersects(target.range ?? new Range(target.spec), new Range(range));
}

/**
 * True when some version of the target lies in the semver `range` (a plugin's
 * `engines["claude-code"]`); true as well when `range` is not a valid range
 * (Claude Code's handling of a bad `engines` is not known: no plugin is called out of range for it).
 */
export function withinRange(target: Target, range: string): boolean {
  try {
    return intersectsRange(target, range);
  } catch {
    return true;
  }
}

/** True when some version of the target is older than `version` (it predates a fact added there). */
export function mayPredate(target: Target, version: string): boolean {
  return target.exact ? compare(target.exact, parts(version)) < 0 : intersectsRange(target, `<${version}`);
}

/** True when some version of the target is `version` or newer (a fact removed there no longer holds for it). */
export function mayReach(target: Target, version: string): boolean {
  return target.exact ? compare(target.exact, parts(version)) >= 0 : intersectsRange(target, `>=${version}`);
}

/** True when some version of the target lies outside the fact's range: it mishandles what depends on the fact. */
export function failsSomewhere(target: Target, r: Pick<VersionRange, 'since' | 'until'>): boolean {
  return (r.since !== undefined && mayPredate(target, r.since)) || (r.until !== undefined && mayReach(target, r.until));
}

/** True when some version of the target lies inside the fact's range. */
export function holdsSomewhere(target: Target, r: Pick<VersionRange, 'since' | 'until'>): boolean {
  if (target.exact) return (r.since === undefined || compare(target.exact, parts(r.since)) >= 0) && (r.until === undefined || compare(target.exact, parts(r.until)) < 0);
  const bounds = [r.since ? `>=${r.since}` : '', r.until ? `<${r.until}` : ''].filter(Boolean).join(' ');
  return bounds === '' || intersectsRange(target, bounds);
}

/** The target in words, for messages: `Claude Code 2.1.290`, `Claude Code >=2.1.280 (this plugin's "engines")`. */
export function targetText(target: Target): string {
  const from = target.origin === 'engines' ? ' (this plugin\'s "engines")' : '';
  return `Claude Code ${target.spec}${from}`;
}

/**
 * The version just before `version` for messages ("2.1.331 and older"): the
 * patch below, or `versions before X` when there is none to name.
 */
export function olderThan(version: string): string {
  const m = EXACT.exec(version);
  if (!m || m[3] === '0') return `versions before ${version}`;
  return `${m[1]}.${m[2]}.${Number(m[3]) - 1} and older`;
}
