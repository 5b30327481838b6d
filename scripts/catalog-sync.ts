/**
 * `npm run catalog:sync -- <sdk version> [--cli]`: compare the event catalog
 * with what Claude Code itself says, facts and behaviour, and write two small
 * committed snapshots that test/upstream.test.ts holds the catalog to.
 *
 * - `schemas/upstream/claude-agent-sdk.json`: the hook data of the published
 *   `@anthropic-ai/claude-agent-sdk` (`npm pack`, never installed; only
 *   `sdk.d.ts`, `manifest.json` and `package.json` are read, `sdk.d.ts` with
 *   the TypeScript compiler API): `HOOK_EVENTS`, `BUILTIN_TOOL_NAMES`, the
 *   handler union of `Settings.hooks`, every `<Event>HookInput` (object fields
 *   one level deep: `mcp_server.built_in`), `SyncHookJSONOutput` and every
 *   `<Event>HookSpecificOutput`. SDK 0.3.N names Claude Code 2.1.N.
 * - Each fact that differs from the previous snapshot is dated by bisecting
 *   the published versions between the two (a few `npm pack`s), so a new
 *   event's `since` is the release that added it, not the one synced.
 * - `--cli`: the native build of the same version
 *   (`@anthropic-ai/claude-code-linux-x64`, ~200 MB compressed) is streamed
 *   from the registry, gunzipped on the fly and checked against its
 *   integrity; only windows around known anchors are kept (a few hundred KB in
 *   memory, nothing on disk): the `/hooks` catalogue (matcher values, the
 *   exit-code lines), the matcher-field switch of the dispatch, the timeout
 *   constants and each event's dispatch timeout, the `if`, exact-set, guard
 *   and removed-tool sets, and the embedded release notes. Its facts go to
 *   `schemas/upstream/claude-code-cli.json`.
 * - It prints the changes, where the catalog disagrees with either snapshot
 *   (both ways), and a Markdown checklist of what a developer must still
 *   decide by hand (ticked where the catalog already agrees).
 *
 * Usage errors exit 2 with one line on stderr; so does a build whose shape
 * the extract cannot read (the message names the missing part).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';

/** A field's type as the snapshot keeps it: a primitive, `object`, `array`, or the string values it takes. */
export type FieldType = { type: 'string' | 'number' | 'boolean' | 'object' | 'array' | 'unknown' } | { enum: string[] };
/** A field: its type, whether the type marks it optional, and (input fields that are objects) the fields inside, one level deep. */
export interface Field {
  type: FieldType;
  optional: boolean;
  properties?: Record<string, Field>;
}

/** The snapshot written to schemas/upstream/claude-agent-sdk.json. */
export interface UpstreamSnapshot {
  $comment: string;
  sdkVersion: string;
  cliVersion: string;
  hookEvents: string[];
  toolNames: string[];
  /** Handler fields per handler type (from `Settings.hooks`). */
  handlerFields: Record<string, string[]>;
  /** Input fields per event (BaseHookInput's included). */
  inputs: Record<string, Record<string, Field>>;
  /** Top-level output fields every event's JSON may carry (`SyncHookJSONOutput`, without `hookSpecificOutput`). */
  output: Record<string, Field>;
  /** `hookSpecificOutput` fields per event, `hookEventName` included. */
  hookSpecificOutput: Record<string, Record<string, Field>>;
}

/** Parse `sdk.d.ts` text into the snapshot's hook data. */
export function readSdkTypes(text: string): Omit<UpstreamSnapshot, '$comment' | 'sdkVersion' | 'cliVersion'> {
  const sf = ts.createSourceFile('sdk.d.ts', text, ts.ScriptTarget.Latest, true);
  const aliases = new Map<string, ts.TypeNode>();
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  const consts = new Map<string, ts.TypeNode>();
  for (const st of sf.statements) {
    if (ts.isTypeAliasDeclaration(st)) aliases.set(st.name.text, st.type);
    else if (ts.isInterfaceDeclaration(st)) interfaces.set(st.name.text, st);
    else if (ts.isVariableStatement(st))
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name) && d.type) consts.set(d.name.text, d.type);
  }
  const stringTuple = (name: string): string[] => {
    let t = consts.get(name);
    if (!t) throw new Error(`sdk.d.ts has no ${name}`);
    if (ts.isTypeOperatorNode(t)) t = t.type;
    if (!ts.isTupleTypeNode(t)) throw new Error(`${name} is not a tuple of strings`);
    return t.elements.map((e) => {
      const lit = ts.isLiteralTypeNode(e) ? e.literal : undefined;
      if (!lit || !ts.isStringLiteral(lit)) throw new Error(`${name} holds a non-string element`);
      return lit.text;
    });
  };

  /** The properties of a type node, following aliases, intersections and (merged) unions. */
  const members = (t: ts.TypeNode, seen = new Set<string>()): Map<string, { node: ts.TypeNode | undefined; optional: boolean }> => {
    const out = new Map<string, { node: ts.TypeNode | undefined; optional: boolean }>();
    const add = (m: ts.NodeArray<ts.TypeElement>) => {
      for (const p of m)
        if (ts.isPropertySignature(p) && p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) out.set(p.name.text, { node: p.type, optional: !!p.questionToken });
    };
    if (ts.isParenthesizedTypeNode(t)) return members(t.type, seen);
    if (ts.isTypeLiteralNode(t)) add(t.members);
    else if (ts.isIntersectionTypeNode(t) || ts.isUnionTypeNode(t)) {
      for (const part of t.types) for (const [k, v] of members(part, seen)) if (!out.has(k)) out.set(k, v);
    } else if (ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName)) {
      const name = t.typeName.text;
      if (seen.has(name)) return out;
      seen.add(name);
      const alias = aliases.get(name);
      if (alias) return members(alias, seen);
      const iface = interfaces.get(name);
      if (iface) add(iface.members);
    }
    return out;
  };

  const typeOf = (t: ts.TypeNode | undefined): FieldType => {
    if (!t) return { type: 'unknown' };
    if (ts.isParenthesizedTypeNode(t)) return typeOf(t.type);
    switch (t.kind) {
      case ts.SyntaxKind.StringKeyword:
        return { type: 'string' };
      case ts.SyntaxKind.NumberKeyword:
        return { type: 'number' };
      case ts.SyntaxKind.BooleanKeyword:
        return { type: 'boolean' };
    }
    if (ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal)) return { enum: [t.literal.text] };
    if (ts.isLiteralTypeNode(t) && (t.literal.kind === ts.SyntaxKind.TrueKeyword || t.literal.kind === ts.SyntaxKind.FalseKeyword)) return { type: 'boolean' };
    if (ts.isUnionTypeNode(t)) {
      const parts = t.types.map(typeOf);
      if (parts.every((p) => 'enum' in p)) return { enum: parts.flatMap((p) => ('enum' in p ? p.enum : [])) };
      const kinds = new Set(parts.map((p) => ('enum' in p ? 'string' : p.type)));
      return kinds.size === 1 ? { type: [...kinds][0] as 'string' } : { type: 'unknown' };
    }
    if (ts.isArrayTypeNode(t) || ts.isTupleTypeNode(t)) return { type: 'array' };
    if (ts.isTypeLiteralNode(t) || ts.isMappedTypeNode(t)) return { type: 'object' };
    if (ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName)) {
      const name = t.typeName.text;
      if (name === 'Record') return { type: 'object' };
      if (name === 'Array' || name === 'ReadonlyArray') return { type: 'array' };
      const alias = aliases.get(name);
      if (alias) return typeOf(alias);
      if (interfaces.has(name)) return { type: 'object' };
    }
    return { type: 'unknown' };
  };
  /** The fields of an object type; with `nested`, an object field's own fields too (one level: `mcp_server.built_in`). */
  const fields = (t: ts.TypeNode, nested = false): Record<string, Field> => {
    const out: Record<string, Field> = {};
    for (const [k, v] of [...members(t)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const type = typeOf(v.node);
      out[k] = { type, optional: v.optional };
      if (nested && v.node && 'type' in type && type.type === 'object') {
        const inner = fields(v.node);
        if (Object.keys(inner).length) out[k]!.properties = inner;
      }
    }
    return out;
  };
  const ref = (name: string) => ts.factory.createTypeReferenceNode(name);

  const hookEvents = stringTuple('HOOK_EVENTS');
  const toolNames = stringTuple('BUILTIN_TOOL_NAMES');

  // Settings.hooks: { [event]: { matcher?, hooks: (handler | ...)[] }[] }
  const settings = interfaces.get('Settings');
  const hooksProp = settings?.members.find((m): m is ts.PropertySignature => ts.isPropertySignature(m) && ts.isIdentifier(m.name) && m.name.text === 'hooks');
  if (!hooksProp?.type) throw new Error('sdk.d.ts: Settings has no hooks property');
  let handlerUnion: ts.TypeNode | undefined;
  const find = (n: ts.Node): void => {
    if (handlerUnion) return;
    if (ts.isPropertySignature(n) && ts.isIdentifier(n.name) && n.name.text === 'hooks' && n.type && ts.isArrayTypeNode(n.type)) {
      let el = n.type.elementType;
      if (ts.isParenthesizedTypeNode(el)) el = el.type;
      if (ts.isUnionTypeNode(el)) handlerUnion = el;
      return;
    }
    ts.forEachChild(n, find);
  };
  find(hooksProp.type);
  if (!handlerUnion || !ts.isUnionTypeNode(handlerUnion)) throw new Error('sdk.d.ts: no handler union in Settings.hooks');
  const handlerFields: Record<string, string[]> = {};
  for (const part of handlerUnion.types) {
    const m = members(part);
    const type = m.get('type')?.node;
    const tt = type && typeOf(type);
    if (!tt || !('enum' in tt) || tt.enum.length !== 1) continue;
    handlerFields[tt.enum[0]!] = [...m.keys()].sort();
  }

  const inputs: Record<string, Record<string, Field>> = {};
  const hookSpecificOutput: Record<string, Record<string, Field>> = {};
  for (const e of hookEvents) {
    if (aliases.has(`${e}HookInput`)) inputs[e] = fields(ref(`${e}HookInput`), true);
    if (aliases.has(`${e}HookSpecificOutput`)) hookSpecificOutput[e] = fields(ref(`${e}HookSpecificOutput`));
  }
  const sync = aliases.get('SyncHookJSONOutput');
  if (!sync) throw new Error('sdk.d.ts has no SyncHookJSONOutput');
  const output = fields(sync);
  delete output.hookSpecificOutput;
  return { hookEvents, toolNames, handlerFields, inputs, output, hookSpecificOutput };
}

const SDK = '@anthropic-ai/claude-agent-sdk';
const NATIVE = '@anthropic-ai/claude-code-linux-x64';
const UPSTREAM = new URL('../schemas/upstream/', import.meta.url);

/** Fetch one SDK version with `npm pack` (into a temporary folder, removed after) and build its snapshot. */
export function fetchSdk(version: string): UpstreamSnapshot {
  const dir = mkdtempSync(join(tmpdir(), 'hooklint-sdk-'));
  try {
    execFileSync('npm', ['pack', '--silent', `${SDK}@${version}`], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
    const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'));
    if (!tgz) throw new Error('npm pack wrote no tarball');
    execFileSync('tar', ['xzf', tgz, 'package/sdk.d.ts', 'package/manifest.json', 'package/package.json'], { cwd: dir });
    const pkg = JSON.parse(readFileSync(join(dir, 'package', 'package.json'), 'utf8')) as { version: string };
    const manifest = JSON.parse(readFileSync(join(dir, 'package', 'manifest.json'), 'utf8')) as { version: string };
    const data = readSdkTypes(readFileSync(join(dir, 'package', 'sdk.d.ts'), 'utf8'));
    return {
      $comment: `Hook data read from ${SDK}@${pkg.version} (sdk.d.ts), which names Claude Code ${manifest.version}. Written by npm run catalog:sync; names and field lists only (input fields one level deep). test/upstream.test.ts checks that schemas/events.json covers it.`,
      sdkVersion: pkg.version,
      cliVersion: manifest.version,
      ...data,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Every fact of a snapshot as one string key, for diffing versions:
 * `event:Interrupt`, `tool:Bash`, `handler:command.args`, `input:Stop.background_tasks`,
 * `input:PreToolUse.mcp_server.built_in`, `output:continue`, `hso:PreToolUse.updatedInput`.
 */
export function snapshotKeys(s: Pick<UpstreamSnapshot, 'hookEvents' | 'toolNames' | 'handlerFields' | 'inputs' | 'output' | 'hookSpecificOutput'>): Set<string> {
  const keys = new Set<string>();
  for (const e of s.hookEvents) keys.add(`event:${e}`);
  for (const t of s.toolNames) keys.add(`tool:${t}`);
  for (const [type, fs] of Object.entries(s.handlerFields)) for (const f of fs) keys.add(`handler:${type}.${f}`);
  for (const [e, fs] of Object.entries(s.inputs))
    for (const [f, v] of Object.entries(fs)) {
      keys.add(`input:${e}.${f}`);
      for (const p of Object.keys(v.properties ?? {})) keys.add(`input:${e}.${f}.${p}`);
    }
  for (const f of Object.keys(s.output)) keys.add(`output:${f}`);
  for (const [e, fs] of Object.entries(s.hookSpecificOutput)) for (const f of Object.keys(fs)) keys.add(`hso:${e}.${f}`);
  return keys;
}

/** Compare `major.minor.patch` versions (numeric parts; no prerelease). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/**
 * The first of `versions` (ascending) for which `has` is true, by bisection;
 * `has` must be monotonic over them (false ... false true ... true), as a fact
 * that arrives in a release stays. `undefined` when none has it.
 * `has` is called O(log n) times.
 */
export function firstWith<T>(versions: readonly T[], has: (v: T) => boolean): T | undefined {
  let lo = 0;
  let hi = versions.length; // answer in [lo, hi]; hi = none
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (has(versions[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return versions[lo];
}

/** A change between two snapshots, with the first SDK (and CLI) version that shows it. */
export interface Change {
  key: string;
  kind: 'added' | 'removed';
  sdkVersion: string;
  cliVersion: string;
}

/**
 * What changed between the `from` and `to` snapshots, and in which published
 * version each change first appears: the versions between them are bisected
 * (one `fetch` per probed version, cached), so `since` is the version that
 * added a fact, not the version synced. `published` is every published SDK
 * version (any order).
 */
export function datedChanges(from: UpstreamSnapshot, to: UpstreamSnapshot, published: string[], fetch: (v: string) => UpstreamSnapshot): Change[] {
  const between = published.filter((v) => /^\d+\.\d+\.\d+$/.test(v) && compareVersions(v, from.sdkVersion) > 0 && compareVersions(v, to.sdkVersion) <= 0).sort(compareVersions);
  const cache = new Map<string, { snap: UpstreamSnapshot; keys: Set<string> }>([[to.sdkVersion, { snap: to, keys: snapshotKeys(to) }]]);
  const at = (v: string) => {
    let c = cache.get(v);
    if (!c) {
      const snap = fetch(v);
      c = { snap, keys: snapshotKeys(snap) };
      cache.set(v, c);
    }
    return c;
  };
  // The previous version is read again with this reader: a committed snapshot written by an older reader would show every newly read detail as new.
  const a = at(from.sdkVersion).keys;
  const b = at(to.sdkVersion).keys;
  const out: Change[] = [];
  const date = (key: string, kind: Change['kind']) => {
    const v = firstWith(between, (x) => at(x).keys.has(key) === (kind === 'added')) ?? to.sdkVersion;
    out.push({ key, kind, sdkVersion: v, cliVersion: at(v).snap.cliVersion });
  };
  for (const k of b) if (!a.has(k)) date(k, 'added');
  for (const k of a) if (!b.has(k)) date(k, 'removed');
  return out.sort((x, y) => compareVersions(x.sdkVersion, y.sdkVersion) || (x.key < y.key ? -1 : 1));
}

// ---------------------------------------------------------------------------
// The native build (--cli)

/** One event as the native build's `/hooks` catalogue and hook dispatch have it. */
export interface CliEvent {
  /** The input field the matcher is compared with (`null`: the event takes no matcher); `derived` when the build transforms it first (FileChanged: the basename; model events: the canonical key). */
  matcherField: string | null;
  matcherDerived?: boolean;
  /** The literal matcher values the `/hooks` catalogue offers (`null`: no matcher values listed); `open` when the list also spreads a variable (tool names, a shared vocabulary). */
  matcherValues: string[] | null;
  matcherValuesOpen?: boolean;
  /** The catalogue's lines that say what exit codes and stdout do ("Exit code 2 - ...", "Other exit codes - ..."), and its "ignored" sentences. */
  exitCodes: string[];
  /** The default timeout the dispatch passes, in seconds; `null` when it comes through a parameter the extract cannot follow. */
  defaultTimeout: number | null;
}

/** The snapshot written to schemas/upstream/claude-code-cli.json. */
export interface CliSnapshot {
  $comment: string;
  cliVersion: string;
  events: Record<string, CliEvent>;
  /** Events whose matcher uses the standard exact-set characters (the build's set). */
  standardMatcherEvents: string[];
  /** Events where a handler's `if` is evaluated (the build's tool-event list). */
  ifEvents: string[];
  /** Guard events: an invalid entry under them leaves the whole file unapplied. */
  guardEvents: string[];
  /** The build's set of removed tool names. */
  removedTools: string[];
  /** Hook-related lines of the embedded release notes newer than the previous sync, by version. */
  releaseNotes: Record<string, string[]>;
}

/**
 * The places of the build worth keeping, as regular expressions with how many
 * characters to keep before and after a match. Everything else of the
 * ~400 MB binary is dropped as it streams by.
 */
const ANCHORS: { re: RegExp; before: number; after: number; max: number }[] = [
  { re: /PreToolUse:\{summary:"/g, before: 0, after: 40_000, max: 2 },
  { re: /switch\(\w+\.hook_event_name\)\{case"PreToolUse":/g, before: 0, after: 4_000, max: 4 },
  { re: /=\["PreToolUse","PostToolUse","PostToolUseFailure","PermissionRequest","PermissionDenied"/g, before: 600, after: 800, max: 12 },
  { re: /unloadableGuards:\[\]\}/g, before: 600, after: 0, max: 4 },
  { re: /new Set\(\[[^\]]{0,400}"TeamCreate"/g, before: 0, after: 600, max: 4 },
  { re: /hook_event_name:"[A-Za-z]+"/g, before: 0, after: 2_500, max: 400 },
  { re: /\{return"## \d+\.\d+\.\d+\\n/g, before: 0, after: 200_000, max: 2 },
];
const KEEP = 256 * 1024;

/**
 * Scan a stream of the (decompressed) package for the anchors and return the
 * extract: the kept windows, joined by a separator line. Reads the stream as
 * Latin-1 (bytes = characters) so offsets are bytes; a window is re-read as
 * UTF-8 when kept.
 */
export async function extractFrom(stream: AsyncIterable<Buffer>): Promise<string> {
  let buf = '';
  let bufStart = 0;
  const from = ANCHORS.map(() => 0);
  const count = ANCHORS.map(() => 0);
  const pieces: string[] = [];
  const scan = (final: boolean) => {
    ANCHORS.forEach((a, i) => {
      a.re.lastIndex = Math.max(0, from[i]! - bufStart);
      for (let m = a.re.exec(buf); m && count[i]! < a.max; m = a.re.exec(buf)) {
        const at = bufStart + m.index;
        const end = m.index + m[0].length + a.after;
        if (!final && end > buf.length) break;
        pieces.push(Buffer.from(buf.slice(Math.max(0, m.index - a.before), end), 'latin1').toString('utf8'));
        count[i]!++;
        from[i] = at + 1;
        a.re.lastIndex = m.index + 1;
      }
      if (!final) from[i] = Math.max(from[i]!, bufStart + Math.max(0, buf.length - KEEP));
    });
  };
  for await (const chunk of stream) {
    buf += chunk.toString('latin1');
    scan(false);
    if (buf.length > KEEP) {
      bufStart += buf.length - KEEP;
      buf = buf.slice(buf.length - KEEP);
    }
  }
  scan(true);
  return pieces.join('\n/*--hooklint-extract--*/\n');
}

/** A JS string literal's value (double-quoted or template without substitutions), unescaped. */
function jsString(lit: string): string {
  const body = lit.slice(1, -1);
  return body.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/gs, (_, e: string) => {
    if (e[0] === 'u') return String.fromCodePoint(parseInt(e.replace(/[u{}]/g, ''), 16));
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    return e === 'n' ? '\n' : e === 't' ? '\t' : e;
  });
}

/**
 * Read the facts out of an extract (`extractFrom`): the `/hooks` catalogue
 * (summary, description with its exit-code lines, matcher values), the
 * matcher-field switch of the hook dispatch and the exact-set event list after
 * it, the timeout constants and each event's dispatch timeout, the `if` event
 * list, the guard set, the removed-tool set, and the embedded release notes
 * newer than `since` (a CLI version; all when undefined).
 * @throws Error naming what the extract lacks (the build changed shape: read it by hand).
 */
export function readCliExtract(text: string, since?: string): Omit<CliSnapshot, '$comment' | 'cliVersion'> {
  // The /hooks catalogue: Event:{summary:"…",description:`…` | "…",matcherMetadata:{values:…}}
  const catStart = text.indexOf('PreToolUse:{summary:"');
  if (catStart < 0) throw new Error('the build has no /hooks event catalogue (PreToolUse:{summary:…})');
  const cat = text.slice(catStart);
  const entry = /(?:^|(?<=\}),)([A-Z][A-Za-z]+):\{summary:("(?:[^"\\]|\\.)*"),description:(`(?:[^`\\]|\\.)*`|"(?:[^"\\]|\\.)*")(?:,matcherMetadata:\{values:([^{}]*?)\})?\}/g;
  const events: Record<string, CliEvent> = {};
  let closed = false;
  for (let m = entry.exec(cat); m; m = entry.exec(cat)) {
    if (m.index > 0 && events[m[1]!] !== undefined) break;
    const description = jsString(m[3]!);
    const valuesExpr = m[4];
    let matcherValues: string[] | null = null;
    let open = false;
    if (valuesExpr !== undefined) {
      matcherValues = [...valuesExpr.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((x) => x[1]!);
      // Open: the list spreads a variable, or is one (the tool names), or lists nothing (agent types, servers).
      open = matcherValues.length === 0 || !valuesExpr.trim().startsWith('[') || /\.\.\.[A-Za-z_$]/.test(valuesExpr);
    }
    const exitCodes = description
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => /^(Exit code \d|Other exit codes)/.test(l) || /\bignored\b|does not support blocking|Fire-and-forget/i.test(l))
      .map((l) => (/Fire-and-forget/.test(l) ? l.slice(l.search(/Fire-and-forget/)) : l));
    events[m[1]!] = { matcherField: null, matcherValues, ...(open ? { matcherValuesOpen: true } : {}), exitCodes, defaultTimeout: null };
    if (cat.slice(m.index + m[0].length, m.index + m[0].length + 2) === '}}') {
      closed = true;
      break;
    }
    if (cat[m.index + m[0].length] !== ',') break;
  }
  if (!closed) throw new Error(`the /hooks catalogue could not be read to its end (${Object.keys(events).length} events read): the build changed its shape or the extract is cut short`);

  // The matcher field: switch(x.hook_event_name){case"A":case"B":return x.field; ... default:return}
  const sw = /switch\((\w+)\.hook_event_name\)\{(case"PreToolUse":[\s\S]*?default:return\}\})/.exec(text);
  if (!sw) throw new Error('the build has no matcher-field switch (switch(…hook_event_name){case"PreToolUse":…)');
  const v = sw[1]!;
  let pending: string[] = [];
  for (const part of sw[2]!.split(/(?=case")|(?=default:)/)) {
    const c = /^case"(\w+)":([\s\S]*)$/.exec(part);
    if (!c) continue;
    pending.push(c[1]!);
    const body = c[2]!.trim();
    if (!body) continue;
    const field = new RegExp(`\\b${v}\\.(\\w+)`).exec(body)?.[1] ?? null;
    const derived = field !== null && !new RegExp(`^return ${v}\\.${field}[;}]`).test(body);
    for (const e of pending) if (events[e]) Object.assign(events[e], { matcherField: field, ...(derived ? { matcherDerived: true } : {}) });
    pending = [];
  }
  const after = text.slice(sw.index + sw[0].length, sw.index + sw[0].length + 1_000);
  const std = /^\s*(?:var|let|const)?\s*\w+=new Set\(\[([^\]]*)\]\)/.exec(after);
  const standardMatcherEvents = std ? [...std[1]!.matchAll(/"(\w+)"/g)].map((x) => x[1]!) : [];

  // The timeout constants (module of `<x>=600000;`, exported together) and the `if` event list beside them.
  const constants = new Map<string, number>();
  let ifEvents: string[] = [];
  for (const m of text.matchAll(/var \w+=600000;[^\n]*=\["PreToolUse"[^\n]*\n?export\{[^}]*\}/g)) {
    const mod = m[0];
    for (const d of mod.matchAll(/(?:var |,|;)([\w$]+)=(\d+(?:\.\d+)?(?:e\d+)?)(?=[,;])/g)) constants.set(d[1]!, Number(d[2]));
    const list = /=\[("PreToolUse"(?:,"\w+")*)\]/.exec(mod);
    if (list) ifEvents = [...list[1]!.matchAll(/"(\w+)"/g)].map((x) => x[1]!);
    break;
  }
  // Each dispatch: hook_event_name:"E" … timeoutMs:<constant or number>
  const timeouts = new Map<string, Set<number>>();
  for (const m of text.matchAll(/hook_event_name:"([A-Za-z]+)"([\s\S]{0,2500})/g)) {
    const t = /timeoutMs:([\w$]+)/.exec(m[2]!);
    if (!t) continue;
    const ms = /^\d+(\.\d+)?(e\d+)?$/.test(t[1]!) ? Number(t[1]) : constants.get(t[1]!);
    if (ms === undefined) continue;
    if (!timeouts.has(m[1]!)) timeouts.set(m[1]!, new Set());
    timeouts.get(m[1]!)!.add(ms / 1000);
  }
  for (const [e, set] of timeouts) if (events[e] && set.size === 1) events[e].defaultTimeout = [...set][0]!;

  const guard = /new Set\(\[([^\]]*)\]\);function \w+\(\w+,\w+\)\{if\(!Array\.isArray\(\w+\)\)return\{stripped:\[\],unloadableGuards:\[\]\}/.exec(text);
  if (!guard) throw new Error('the build has no guard-event set (…{stripped:[],unloadableGuards:[]})');
  const removed = /new Set\(\[((?:"\w+",?)*"TeamCreate"(?:,?"\w+")*)\]\)/.exec(text);
  if (!removed) throw new Error('the build has no removed-tool set (new Set([…"TeamCreate"…]))');

  const releaseNotes: Record<string, string[]> = {};
  const notes = /\{return("## \d+\.\d+\.\d+\\n(?:[^"\\]|\\.)*")/.exec(text);
  if (notes)
    for (const section of jsString(notes[1]!).split(/^(?=## )/m)) {
      const ver = /^## (\d+\.\d+\.\d+)/.exec(section)?.[1];
      if (!ver || (since && compareVersions(ver, since) <= 0)) continue;
      const lines = section.split('\n').filter((l) => /^- /.test(l) && (/\bhooks?\b|\bmatchers?\b|watchPaths/i.test(l) || [...l.matchAll(/`(\w+)`/g)].some((x) => x[1]! in events)));
      releaseNotes[ver] = lines.map((l) => l.slice(2));
    }

  return {
    events,
    standardMatcherEvents,
    ifEvents,
    guardEvents: [...guard[1]!.matchAll(/"(\w+)"/g)].map((x) => x[1]!),
    removedTools: [...removed[1]!.matchAll(/"(\w+)"/g)].map((x) => x[1]!),
    releaseNotes,
  };
}

/**
 * Stream the native build of `cliVersion` from the registry (its tarball URL and
 * integrity from `npm view`), gunzip it on the fly, keep the extract, and check
 * the tarball's integrity. Nothing is written to disk.
 * @throws Error on a network failure or an integrity mismatch.
 */
async function fetchCliExtract(cliVersion: string): Promise<string> {
  const info = JSON.parse(execFileSync('npm', ['view', `${NATIVE}@${cliVersion}`, 'dist', '--json'], { encoding: 'utf8' })) as { tarball: string; integrity: string };
  const { get } = await import('node:https');
  const { createGunzip } = await import('node:zlib');
  const { createHash } = await import('node:crypto');
  const [algo, expected] = info.integrity.split('-') as [string, string];
  const hash = createHash(algo);
  const res = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
    const req = get(info.tarball, (r) => (r.statusCode === 200 ? resolve(r) : reject(new Error(`${info.tarball}: HTTP ${r.statusCode}`))));
    req.on('error', reject);
  });
  res.on('data', (d: Buffer) => hash.update(d));
  const extract = await extractFrom(res.pipe(createGunzip()));
  if (hash.digest('base64') !== expected) throw new Error(`${info.tarball}: integrity mismatch`);
  return extract;
}

// ---------------------------------------------------------------------------
// Comparing with the catalog, and the checklist

/** The catalog shape the comparisons read (schemas/events.json). */
interface CatalogLike {
  newestVersion: string;
  events: { name: string; since: string | null; matcher: { field: string; knownValues: string[]; exactSet: string; vocabulary?: string } | null; canBlock: boolean; defaultTimeout: number; ifEvaluated: boolean; guard: boolean; input: Record<string, { properties?: Record<string, unknown> }>; output: { ignored?: boolean; stdoutContext: boolean; stdoutCompactInstructions?: boolean } }[];
  toolNames: string[];
  loader: { guardEvents: string[] };
  removedToolNames: { names: string[] };
}

/**
 * Where the catalog and the native build's snapshot disagree on a behavioural
 * fact, one line each (empty when they agree): each event's matcher field,
 * matcher values, exact-set kind, default timeout, whether it is fire-and-forget,
 * whether exit-0 stdout is context or compact instructions; the `if` events,
 * the guard set and the removed tools. `exceptions` names facts the catalog
 * knows better than the `/hooks` catalogue's text (with the SPEC section).
 * Used by test/upstream.test.ts and printed by the sync.
 */
export function cliDisagreements(cat: CatalogLike, cli: CliSnapshot): string[] {
  const out: string[] = [];
  const byName = new Map(cat.events.map((e) => [e.name, e]));
  const same = (a: string[], b: string[]) => a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);
  for (const [name, c] of Object.entries(cli.events)) {
    const e = byName.get(name);
    if (!e) {
      out.push(`${name}: in the build's /hooks catalogue, not in the catalog`);
      continue;
    }
    // Matcher field: FileChanged's catalog field names the basename the build derives from file_path.
    const field = e.matcher ? (e.name === 'FileChanged' ? 'file_path' : e.matcher.field) : null;
    if (c.matcherField !== field) out.push(`${name}: the build matches on ${c.matcherField ?? 'nothing'}, the catalog on ${e.matcher?.field ?? 'nothing'}`);
    if (c.matcherValues && e.matcher && e.matcher.vocabulary !== 'tools') {
      const missing = c.matcherValues.filter((v) => !e.matcher!.knownValues.includes(v));
      if (missing.length) out.push(`${name}: matcher values ${missing.join(', ')} of the build are not in the catalog`);
      if (!c.matcherValuesOpen) {
        const extra = e.matcher.knownValues.filter((v) => !c.matcherValues!.includes(v));
        if (extra.length) out.push(`${name}: the catalog's matcher values ${extra.join(', ')} are not in the build's closed list`);
      }
    }
    if (c.defaultTimeout !== null && c.defaultTimeout !== e.defaultTimeout) out.push(`${name}: default timeout ${c.defaultTimeout} s in the build, ${e.defaultTimeout} s in the catalog`);
    const ignored = c.exitCodes.some((l) => /output and exit codes are ignored|does not support blocking/i.test(l));
    if (ignored && !e.output.ignored) out.push(`${name}: the build says its output and exit codes are ignored; the catalog's output.ignored is not set`);
    const ctx = c.exitCodes.some((l) => /^Exit code 0 - stdout shown to Claude/.test(l));
    if (ctx !== e.output.stdoutContext) out.push(`${name}: exit-0 stdout ${ctx ? 'is' : 'is not'} shown to Claude in the build; the catalog's stdoutContext is ${e.output.stdoutContext}`);
    const compact = c.exitCodes.some((l) => /compact instructions/.test(l));
    if (compact !== !!e.output.stdoutCompactInstructions) out.push(`${name}: exit-0 stdout ${compact ? 'is' : 'is not'} compact instructions in the build; the catalog's stdoutCompactInstructions is ${!!e.output.stdoutCompactInstructions}`);
    const exit2 = c.exitCodes.find((l) => /^Exit code 2\b/.test(l));
    const blocks = (exit2 !== undefined && /block|prevent|deny|doesn't run|stop the agentic loop|continue (conversation|having it run)/i.test(exit2)) || c.exitCodes.some((l) => /^Other exit codes - [^;,]*\bfailed\b/i.test(l));
    if (blocks !== e.canBlock && !(CAN_BLOCK_EXCEPTIONS[name] !== undefined && e.canBlock === CAN_BLOCK_EXCEPTIONS[name]!.canBlock))
      out.push(`${name}: the build's exit-code lines say it ${blocks ? 'can' : 'cannot'} block (${exit2 ?? (c.exitCodes.join(' / ') || 'no exit-code lines')}); the catalog's canBlock is ${e.canBlock}`);
  }
  for (const e of cat.events) if (!cli.events[e.name]) out.push(`${e.name}: in the catalog, not in the build's /hooks catalogue`);
  const standard = cat.events.filter((e) => e.matcher && e.matcher.exactSet === 'standard').map((e) => e.name);
  if (cli.standardMatcherEvents.length && !same(standard, cli.standardMatcherEvents)) out.push(`standard exact-set events: build ${cli.standardMatcherEvents.join(', ')}; catalog ${standard.join(', ')}`);
  const ifs = cat.events.filter((e) => e.ifEvaluated).map((e) => e.name);
  if (!same(ifs, cli.ifEvents)) out.push(`"if" events: build ${cli.ifEvents.join(', ')}; catalog ${ifs.join(', ')}`);
  const guards = cat.events.filter((e) => e.guard).map((e) => e.name);
  if (!same(guards, cli.guardEvents) || !same(cat.loader.guardEvents, cli.guardEvents)) out.push(`guard events: build ${cli.guardEvents.join(', ')}; catalog ${guards.join(', ')} (loader.guardEvents ${cat.loader.guardEvents.join(', ')})`);
  if (!same(cat.removedToolNames.names, cli.removedTools)) out.push(`removed tools: build ${cli.removedTools.join(', ')}; catalog ${cat.removedToolNames.names.join(', ')}`);
  const live = cli.removedTools.filter((t) => cat.toolNames.includes(t));
  if (live.length) out.push(`removed tools still in the catalog's toolNames: ${live.join(', ')}`);
  return out;
}

/**
 * Where the catalog knows better than the `/hooks` catalogue's exit-code text
 * whether an event can block, from the build's code (SPEC.md section given).
 */
export const CAN_BLOCK_EXCEPTIONS: Record<string, { canBlock: boolean; source: string }> = {
  WorktreeRemove: { canBlock: true, source: 'SPEC.md §13.3: a failing hook keeps the worktree (the catalogue still says "show stderr to user only")' },
};

/**
 * Where the catalog and the SDK snapshot differ, both ways (for the report):
 * events, tool names, input fields (one level deep where the catalog lists
 * `properties`), hookSpecificOutput fields.
 */
export function sdkDisagreements(cat: CatalogLike & { events: (CatalogLike['events'][number] & { output: { hookSpecificOutput: Record<string, unknown> } })[] }, sdk: UpstreamSnapshot): string[] {
  const out: string[] = [];
  const byName = new Map(cat.events.map((e) => [e.name, e]));
  for (const e of sdk.hookEvents) if (!byName.has(e)) out.push(`event ${e}: in the SDK, not in the catalog`);
  for (const e of cat.events) if (!sdk.hookEvents.includes(e.name)) out.push(`event ${e.name}: in the catalog, not in the SDK (dropped?)`);
  for (const t of sdk.toolNames) if (!cat.toolNames.includes(t)) out.push(`tool ${t}: in the SDK, not in the catalog`);
  for (const t of cat.toolNames) if (!sdk.toolNames.includes(t)) out.push(`tool ${t}: in the catalog, not in the SDK (removed? make it a legacy name)`);
  for (const [name, fields] of Object.entries(sdk.inputs)) {
    const e = byName.get(name);
    if (!e) continue;
    for (const [f, v] of Object.entries(fields)) {
      if (!(f in e.input)) out.push(`input ${name}.${f}: in the SDK, not in the catalog`);
      for (const p of Object.keys(v.properties ?? {})) if (!(p in (e.input[f]?.properties ?? {}))) out.push(`input ${name}.${f}.${p}: in the SDK, not in the catalog`);
      for (const p of Object.keys(e.input[f]?.properties ?? {})) if (!(p in (v.properties ?? {}))) out.push(`input ${name}.${f}.${p}: in the catalog, not in the SDK (dropped?)`);
    }
    for (const f of Object.keys(e.input)) if (!(f in fields)) out.push(`input ${name}.${f}: in the catalog, not in the SDK (dropped?)`);
  }
  for (const [name, fields] of Object.entries(sdk.hookSpecificOutput)) {
    const e = byName.get(name);
    if (!e) continue;
    for (const f of Object.keys(fields)) if (f !== 'hookEventName' && !(f in e.output.hookSpecificOutput)) out.push(`hookSpecificOutput ${name}.${f}: in the SDK, not in the catalog`);
    for (const f of Object.keys(e.output.hookSpecificOutput)) if (!(f in fields)) out.push(`hookSpecificOutput ${name}.${f}: in the catalog, not in the SDK (dropped?)`);
  }
  return out;
}

/**
 * What a developer must still decide by hand, as Markdown checklist lines:
 * per new event its behaviour (matcher, blocking, timeout, handler types,
 * `if`, guard) with what the build says, input fields grouped by path across
 * events, tools, handler and output fields, removals, and the hook-related
 * release notes. An item the catalog already covers is ticked (`[x]`).
 */
export function checklist(changes: Change[], cat: CatalogLike & { events: (CatalogLike['events'][number] & { output: { hookSpecificOutput: Record<string, unknown> } })[]; handlerTypes?: Record<string, { fields: Record<string, unknown> }>; commonHandlerFields?: Record<string, unknown>; universalOutput?: Record<string, unknown> }, cli: CliSnapshot | undefined): string[] {
  const out: string[] = [];
  const byName = new Map(cat.events.map((e) => [e.name, e]));
  const box = (done: boolean) => (done ? '[x]' : '[ ]');
  const newEvents = new Set(changes.filter((c) => c.kind === 'added' && c.key.startsWith('event:')).map((c) => c.key.slice(6)));
  const inputs = new Map<string, { when: string; events: string[]; missing: string[] }>();
  for (const c of changes) {
    const [kind, rest] = c.key.split(/:(.*)/s) as [string, string];
    const when = `SDK ${c.sdkVersion}, Claude Code ${c.cliVersion}`;
    if (c.kind === 'removed') {
      out.push(`- [ ] ${kind} ${rest} is gone from ${when}: keep it for older targets with an \`until: "${c.cliVersion}"\` range${kind === 'tool' ? ' and list it in legacyToolNames' : ''}, or drop it`);
      continue;
    }
    if (kind === 'event') {
      const e = byName.get(rest);
      const b = cli?.events[rest];
      out.push(`- ${box(e?.since === c.cliVersion)} event ${rest} (first in ${when}): ${e ? `the catalog has it since ${e.since}` : `add a row with since "${c.cliVersion}"`}`);
      const matcherAgrees = !!b && !!e && (b.matcherField ?? null) === (e.matcher ? (e.name === 'FileChanged' ? 'file_path' : e.matcher.field) : null) && (!b.matcherValues?.length || b.matcherValues.every((x) => e.matcher?.knownValues.includes(x))) && cli!.standardMatcherEvents.includes(rest) === (e.matcher?.exactSet === 'standard');
      out.push(`  - ${box(matcherAgrees)} matcher: ${b ? (b.matcherField ? `the build matches on \`${b.matcherField}\`${b.matcherValues?.length ? `, values ${b.matcherValues.join(', ')}${b.matcherValuesOpen ? ' (and more)' : ''}` : ''}` : 'the build takes no matcher') : 'run with --cli to read it'}; exact set ${cli ? (cli.standardMatcherEvents.includes(rest) ? 'standard (in the build\'s list)' : 'not standard') : 'unknown'}${e ? ` — the catalog: ${e.matcher ? `\`${e.matcher.field}\`, ${e.matcher.knownValues.join(', ') || 'open'}, ${e.matcher.exactSet}` : 'no matcher'}` : ''}`);
      const outputAgrees = !!b && !!e && !cliDisagreements(cat, cli!).some((l) => l.startsWith(`${rest}: `) && !/matcher|timeout/.test(l));
      out.push(`  - ${box(outputAgrees)} blocking and output: ${b ? b.exitCodes.join(' / ') || 'the catalogue says nothing' : 'run with --cli'}${e ? ` — the catalog: canBlock ${e.canBlock}, output ${e.output.ignored ? 'ignored' : 'read'}, stdoutContext ${e.output.stdoutContext}` : ''}`);
      out.push(`  - ${box(b?.defaultTimeout != null && b.defaultTimeout === e?.defaultTimeout)} default timeout: ${b?.defaultTimeout != null ? `${b.defaultTimeout} s in the build` : 'not read: find the dispatch by hand'}${e ? ` — the catalog: ${e.defaultTimeout} s` : ''}`);
      out.push('  - [ ] handler types: whether prompt and agent hooks run there is in neither the types nor the catalogue; read the dispatch (SPEC) and decide');
      out.push(`  - ${box(!!cli && !!e && cli.ifEvents.includes(rest) === e.ifEvaluated && cli.guardEvents.includes(rest) === e.guard)} \`if\` evaluated: ${cli ? (cli.ifEvents.includes(rest) ? 'yes (in the build\'s list)' : 'no') : 'run with --cli'}; guard event: ${cli ? (cli.guardEvents.includes(rest) ? 'yes' : 'no') : 'run with --cli'}`);
      out.push('  - [ ] runner sample values (`runner.fieldSamples`), the docs page, fixtures, SPEC notes');
    } else if (kind === 'input') {
      const [event, ...path] = rest.split('.');
      if (newEvents.has(event!)) continue;
      const key = `${path.join('.')}\u0000${when}`;
      const entry = inputs.get(key) ?? { when, events: [], missing: [] };
      entry.events.push(event!);
      const e = byName.get(event!);
      const have = path.length === 1 ? !!e && path[0]! in e.input : !!e?.input[path[0]!]?.properties && path[1]! in e.input[path[0]!]!.properties!;
      if (!have) entry.missing.push(event!);
      inputs.set(key, entry);
    } else if (kind === 'tool') out.push(`- ${box(cat.toolNames.includes(rest))} tool ${rest} (first in ${when}): in toolNames with a \`since\` range; a sample \`tool_input\` for the runner`);
    else if (kind === 'handler') {
      const [type, field] = rest.split('.') as [string, string];
      out.push(`- ${box(!!cat.handlerTypes?.[type]?.fields[field] || !!cat.commonHandlerFields?.[field])} handler field ${rest} (first in ${when}): add it with its version range; documented or internal?`);
    } else if (kind === 'hso') {
      const [event, field] = rest.split('.') as [string, string];
      out.push(`- ${box(!!byName.get(event)?.output.hookSpecificOutput[field])} hookSpecificOutput ${rest} (first in ${when}): add it to the event's output; does the runner judge it?`);
    } else out.push(`- ${box(!!cat.universalOutput?.[rest])} output field ${rest} (first in ${when}): add it to universalOutput; which events read it?`);
  }
  for (const [key, v] of inputs) {
    const path = key.split('\u0000')[0];
    out.push(`- ${box(v.missing.length === 0)} input field ${path} (first in ${v.when}) on ${v.events.length === cat.events.length ? 'every event' : v.events.join(', ')}${v.missing.length ? `; missing in the catalog on ${v.missing.join(', ')}` : ''}: version range? does a rule or the runner's payload need it?`);
  }
  if (cli) for (const [v, lines] of Object.entries(cli.releaseNotes)) for (const l of lines) out.push(`- [ ] release note ${v}: ${l}`);
  return out;
}

if (process.argv[1] && /catalog-sync\.ts$/.test(process.argv[1])) {
  const args = process.argv.slice(2);
  const withCli = args.includes('--cli');
  const version = args.find((a) => !a.startsWith('--'));
  if (!version || !/^\d+\.\d+\.\d+$/.test(version) || args.some((a) => a.startsWith('--') && a !== '--cli')) {
    process.stderr.write('usage: npm run catalog:sync -- <sdk version, e.g. 0.3.337> [--cli]\n');
    process.exit(2);
  }
  const say = (s: string) => process.stdout.write(s + '\n');
  try {
    const sdkPath = new URL('claude-agent-sdk.json', UPSTREAM);
    const cliPath = new URL('claude-code-cli.json', UPSTREAM);
    const previous = JSON.parse(readFileSync(sdkPath, 'utf8')) as UpstreamSnapshot;
    const snap = fetchSdk(version);
    const published = JSON.parse(execFileSync('npm', ['view', SDK, 'versions', '--json'], { encoding: 'utf8' })) as string[];
    const probed: string[] = [];
    const changes =
      compareVersions(previous.sdkVersion, snap.sdkVersion) < 0
        ? datedChanges(previous, snap, published, (v) => {
            probed.push(v);
            return fetchSdk(v);
          })
        : [];
    writeFileSync(sdkPath, JSON.stringify(snap, null, 2) + '\n');
    say(`schemas/upstream/claude-agent-sdk.json: SDK ${snap.sdkVersion} (Claude Code ${snap.cliVersion}), ${snap.hookEvents.length} events, ${snap.toolNames.length} tool names`);
    say(`\n## Changes since SDK ${previous.sdkVersion} (versions read to date them: ${probed.length ? probed.join(', ') : 'none'})`);
    for (const c of changes) say(`- ${c.kind} ${c.key}: first in SDK ${c.sdkVersion} (Claude Code ${c.cliVersion})`);
    if (!changes.length) say('- none');
    let cli: CliSnapshot | undefined;
    if (withCli) {
      const lastCli = (() => {
        try {
          return (JSON.parse(readFileSync(cliPath, 'utf8')) as CliSnapshot).cliVersion;
        } catch {
          return previous.cliVersion;
        }
      })();
      const extract = await fetchCliExtract(snap.cliVersion);
      cli = {
        $comment: `Read from the native build ${NATIVE}@${snap.cliVersion} (streamed; only an extract of ${Math.round(extract.length / 1024)} KB was kept in memory) by npm run catalog:sync --cli: the /hooks catalogue's matcher values and exit-code lines, each event's matcher field and dispatch timeout (seconds), the exact-set, if, guard and removed-tool sets, and hook-related release notes after ${lastCli}. test/upstream.test.ts compares it with the catalog's behavioural fields.`,
        cliVersion: snap.cliVersion,
        ...readCliExtract(extract, lastCli),
      };
      writeFileSync(cliPath, JSON.stringify(cli, null, 2) + '\n');
      say(`schemas/upstream/claude-code-cli.json: Claude Code ${cli.cliVersion}, ${Object.keys(cli.events).length} events in /hooks, timeouts read for ${Object.values(cli.events).filter((e) => e.defaultTimeout !== null).length}`);
    }
    const cat = JSON.parse(readFileSync(new URL('../schemas/events.json', import.meta.url), 'utf8'));
    say('\n## The catalog against the SDK (both ways)');
    const sd = sdkDisagreements(cat, snap);
    for (const l of sd) say(`- ${l}`);
    if (!sd.length) say('- agrees');
    if (cli) {
      say(`\n## The catalog against the ${cli.cliVersion} build`);
      const cd = cliDisagreements(cat, cli);
      for (const l of cd) say(`- ${l}`);
      if (!cd.length) say('- agrees');
    }
    say('\n## Decide by hand');
    const todo = checklist(changes, cat, cli);
    for (const l of todo) say(l);
    if (cat.newestVersion !== snap.cliVersion) say(`- [ ] set newestVersion to ${snap.cliVersion} (now ${cat.newestVersion}), then npm run gen and npm run docs:update`);
    if (!todo.length) say('- nothing');
  } catch (e) {
    process.stderr.write(`catalog:sync: ${(e as Error).message}\n`);
    process.exit(2);
  }
}
