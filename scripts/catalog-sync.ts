/**
 * `npm run catalog:sync -- <sdk version>`: read what a published
 * `@anthropic-ai/claude-agent-sdk` says about hooks and write a small data
 * snapshot, `schemas/upstream/claude-agent-sdk.json` (names and field lists
 * only). test/upstream.test.ts fails while the event catalog lacks an event,
 * a handler field, a tool name, an input or an output field of the committed
 * snapshot, so bumping the snapshot is the whole update procedure (README,
 * "Updating to a new Claude Code release").
 *
 * The package is fetched with `npm pack` (never installed: its optional
 * native CLI binaries are hundreds of MB) into a temporary folder and only
 * `sdk.d.ts` and `manifest.json` are read. `sdk.d.ts` is parsed with the
 * TypeScript compiler API: `HOOK_EVENTS`, `BUILTIN_TOOL_NAMES`, the hook
 * handler union of the `Settings` interface, `BaseHookInput` and every
 * `<Event>HookInput`, `SyncHookJSONOutput` and every `<Event>HookSpecificOutput`.
 * Usage errors exit 2 with one line on stderr.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';

/** A field's type as the snapshot keeps it: a primitive, `object`, `array`, or the string values it takes. */
export type FieldType = { type: 'string' | 'number' | 'boolean' | 'object' | 'array' | 'unknown' } | { enum: string[] };
/** A field: its type and whether the type marks it optional. */
export interface Field {
  type: FieldType;
  optional: boolean;
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
  const fields = (t: ts.TypeNode): Record<string, Field> => {
    const out: Record<string, Field> = {};
    for (const [k, v] of [...members(t)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) out[k] = { type: typeOf(v.node), optional: v.optional };
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
    if (aliases.has(`${e}HookInput`)) inputs[e] = fields(ref(`${e}HookInput`));
    if (aliases.has(`${e}HookSpecificOutput`)) hookSpecificOutput[e] = fields(ref(`${e}HookSpecificOutput`));
  }
  const sync = aliases.get('SyncHookJSONOutput');
  if (!sync) throw new Error('sdk.d.ts has no SyncHookJSONOutput');
  const output = fields(sync);
  delete output.hookSpecificOutput;
  return { hookEvents, toolNames, handlerFields, inputs, output, hookSpecificOutput };
}

/** Fetch the package with `npm pack` and build the snapshot. */
function sync(version: string): UpstreamSnapshot {
  const dir = mkdtempSync(join(tmpdir(), 'hooklint-sdk-'));
  try {
    execFileSync('npm', ['pack', '--silent', `@anthropic-ai/claude-agent-sdk@${version}`], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
    const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'));
    if (!tgz) throw new Error('npm pack wrote no tarball');
    execFileSync('tar', ['xzf', tgz, 'package/sdk.d.ts', 'package/manifest.json', 'package/package.json'], { cwd: dir });
    const pkg = JSON.parse(readFileSync(join(dir, 'package', 'package.json'), 'utf8')) as { version: string };
    const manifest = JSON.parse(readFileSync(join(dir, 'package', 'manifest.json'), 'utf8')) as { version: string };
    const data = readSdkTypes(readFileSync(join(dir, 'package', 'sdk.d.ts'), 'utf8'));
    return {
      $comment: `Hook data read from @anthropic-ai/claude-agent-sdk@${pkg.version} (sdk.d.ts), which names Claude Code ${manifest.version}. Written by npm run catalog:sync; names and field lists only. test/upstream.test.ts checks that schemas/events.json covers it.`,
      sdkVersion: pkg.version,
      cliVersion: manifest.version,
      ...data,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && /catalog-sync\.ts$/.test(process.argv[1])) {
  const version = process.argv[2];
  if (!version || !/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(version)) {
    process.stderr.write('usage: npm run catalog:sync -- <sdk version, e.g. 0.3.333>\n');
    process.exit(2);
  }
  try {
    const snap = sync(version);
    writeFileSync(new URL('../schemas/upstream/claude-agent-sdk.json', import.meta.url), JSON.stringify(snap, null, 2) + '\n');
    process.stdout.write(`schemas/upstream/claude-agent-sdk.json: SDK ${snap.sdkVersion} (Claude Code ${snap.cliVersion}), ${snap.hookEvents.length} events, ${snap.toolNames.length} tool names\n`);
  } catch (e) {
    process.stderr.write(`catalog:sync: ${(e as Error).message}\n`);
    process.exit(2);
  }
}
