/**
 * The catalog tracks upstream (issue "Claude Code 2.1.333 in the catalog" §4):
 * schemas/upstream/claude-agent-sdk.json is what `npm run catalog:sync` read
 * from the published SDK's types; the catalog must hold every event, handler
 * field, tool name, input field and output field it names. Bumping the
 * snapshot is the update procedure, and these tests say what is missing.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Readable } from 'node:stream';
import { cliDisagreements, datedChanges, extractFrom, firstWith, readCliExtract, readSdkTypes, sdkDisagreements, type CliSnapshot, type UpstreamSnapshot } from '../scripts/catalog-sync.js';
import { catalog, EVENT_NAMES, EVENTS, HANDLER_TYPES, type HandlerType } from '../src/model/catalog.js';

const snapshot = JSON.parse(readFileSync(new URL('../schemas/upstream/claude-agent-sdk.json', import.meta.url), 'utf8')) as UpstreamSnapshot;
const cliSnapshot = JSON.parse(readFileSync(new URL('../schemas/upstream/claude-code-cli.json', import.meta.url), 'utf8')) as CliSnapshot;
/** The catalog as schemas/events.json holds it (tool events without the tool names filled in). */
const rawCatalog = () => JSON.parse(readFileSync(new URL('../schemas/events.json', import.meta.url), 'utf8'));

describe('the catalog covers the upstream snapshot', () => {
  it(`is the snapshot of the newest version the catalog knows (${catalog.newestVersion})`, () => {
    assert.equal(snapshot.cliVersion, catalog.newestVersion);
  });
  it('every event', () => {
    assert.deepEqual(snapshot.hookEvents.filter((e) => !EVENTS.has(e)), []);
    assert.deepEqual(EVENT_NAMES.filter((e) => !snapshot.hookEvents.includes(e)), [], 'an event the SDK does not list');
  });
  it('every tool name (and no tool the SDK dropped, but as a legacy name)', () => {
    assert.deepEqual(snapshot.toolNames.filter((t) => !catalog.toolNames.includes(t)), []);
    assert.deepEqual(catalog.toolNames.filter((t) => !snapshot.toolNames.includes(t)), []);
  });
  it('every handler field of every handler type', () => {
    const missing: string[] = [];
    for (const [type, fields] of Object.entries(snapshot.handlerFields)) {
      assert.ok(HANDLER_TYPES.includes(type as HandlerType), `handler type ${type}`);
      const known = new Set([...Object.keys(catalog.commonHandlerFields), ...Object.keys(catalog.handlerTypes[type as HandlerType].fields)]);
      for (const f of fields) if (!known.has(f)) missing.push(`${type}.${f}`);
    }
    assert.deepEqual(missing, []);
  });
  it('every input field of every event', () => {
    const missing: string[] = [];
    for (const [event, fields] of Object.entries(snapshot.inputs)) for (const f of Object.keys(fields)) if (!(f in (EVENTS.get(event)?.input ?? {}))) missing.push(`${event}.${f}`);
    assert.deepEqual(missing, []);
  });
  it('both ways: no event, tool, input field (nested ones included) or hookSpecificOutput field the SDK lacks or the catalog lacks', () => {
    assert.deepEqual(sdkDisagreements(rawCatalog(), snapshot), []);
  });
  it('mcp_server.built_in on the tool events (2.1.337)', () => {
    for (const e of ['PreToolUse', 'PermissionRequest', 'PermissionDenied', 'PostToolUse', 'PostToolUseFailure']) {
      const t = EVENTS.get(e)!.input.mcp_server;
      assert.ok(t && 'type' in t && t.properties?.built_in, e);
    }
  });
  it('every output field, top level and hookSpecificOutput per event', () => {
    const missing: string[] = Object.keys(snapshot.output).filter((f) => !(f in catalog.universalOutput));
    for (const [event, fields] of Object.entries(snapshot.hookSpecificOutput))
      for (const f of Object.keys(fields)) if (f !== 'hookEventName' && !(f in (EVENTS.get(event)?.output.hookSpecificOutput ?? {}))) missing.push(`${event}.hookSpecificOutput.${f}`);
    assert.deepEqual(missing, []);
  });
});

describe('the catalog agrees with the native build (schemas/upstream/claude-code-cli.json, npm run catalog:sync -- <v> --cli)', () => {
  it(`is the build of the newest version the catalog knows (${catalog.newestVersion})`, () => {
    assert.equal(cliSnapshot.cliVersion, catalog.newestVersion);
    assert.equal(cliSnapshot.cliVersion, snapshot.cliVersion);
  });
  it('on every behavioural field: matcher field and values, exact set, blocking, ignored output, stdout, default timeouts, if, guard and removed-tool sets', () => {
    assert.deepEqual(cliDisagreements(rawCatalog(), cliSnapshot), []);
  });
  it('holds what it claims to: every event, the guard set, the removed tools, timeouts of most events', () => {
    assert.deepEqual(Object.keys(cliSnapshot.events).sort(), [...EVENT_NAMES].sort());
    assert.ok(cliSnapshot.guardEvents.length > 0 && cliSnapshot.removedTools.length > 0 && cliSnapshot.ifEvents.length > 0 && cliSnapshot.standardMatcherEvents.length > 0);
    assert.ok(Object.values(cliSnapshot.events).filter((e) => e.defaultTimeout !== null).length >= 10);
  });
  it('a row copied from another event fails: Interrupt given SessionStart\'s behaviour', () => {
    const cat = rawCatalog();
    const i = cat.events.findIndex((e: { name: string }) => e.name === 'Interrupt');
    cat.events[i] = { ...structuredClone(cat.events.find((e: { name: string }) => e.name === 'SessionStart')), name: 'Interrupt' };
    const found = cliDisagreements(cat, cliSnapshot);
    assert.ok(found.some((l) => /^Interrupt: matcher values /.test(l)), found.join('\n'));
    assert.ok(found.some((l) => /^Interrupt: default timeout 30 s in the build, 600 s/.test(l)), found.join('\n'));
    assert.ok(found.some((l) => /^Interrupt: .*output and exit codes are ignored/.test(l)), found.join('\n'));
  });
});

describe('catalog:sync reads the native build (scripts/catalog-sync.ts)', () => {
  const BUILD = [
    'junk\u0000\u0001function F(e){return{PreToolUse:{summary:"Before tool execution",description:`Input is JSON.\nExit code 0 - stdout/stderr not shown\nExit code 2 - show stderr to model and block tool call\nOther exit codes - show stderr to user only`,matcherMetadata:{values:e}},' +
      'Stop:{summary:"Stop",description:`Exit code 2 - show stderr to model and continue conversation`},' +
      'Interrupt:{summary:"Interrupted",description:`Input is JSON with source.\nHook output and exit codes are ignored.`,matcherMetadata:{values:["user","session","system"]}}}}',
    'function C(e){switch(e.hook_event_name){case"PreToolUse":return e.tool_name;case"SessionStart":case"Interrupt":return e.source;case"FileChanged":return m(e.file_path);default:return}}var R=new Set(["PreToolUse","Interrupt"]);',
    '// @bun @bytecode\nvar ng=600000;function c(o){return o==="PreToolUse"}var t=["PreToolUse","PostToolUse","PostToolUseFailure","PermissionRequest","PermissionDenied","PreSkillShellCommand"];var Auo=30000,nyd=30000;\nexport{ng,t,Auo,nyd};',
    'async function x(){let y={hook_event_name:"Interrupt",...h};await v({hookInput:y,timeoutMs:nyd,matchQuery:h.source})}',
    'var b5=new Set(["PreToolUse","PermissionRequest","PreSkillShellCommand"]);function RF(e,o){if(!Array.isArray(e))return{stripped:[],unloadableGuards:[]};}',
    'var pLe=new Set(["Frame","TeamCreate","BashOutput"]);',
    'function eea(){return"## 2.1.336\\n\\n- Added hooks to managed settings\\n- Fixed the prompt box\\n## 2.1.335\\n- Added an `Interrupt` hook event\\n## 2.1.333\\n- Old hook fix"}',
  ].join('\n'.repeat(50_000));
  it('keeps only the anchored windows of a stream, across chunk boundaries', async () => {
    const bytes = Buffer.from(BUILD, 'utf8');
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 997) chunks.push(bytes.subarray(i, i + 997));
    const extract = await extractFrom(Readable.from(chunks));
    assert.ok(extract.length < bytes.length);
    const r = readCliExtract(extract, '2.1.334');
    assert.deepEqual(Object.keys(r.events), ['PreToolUse', 'Stop', 'Interrupt']);
    assert.deepEqual(r.events.Interrupt, { matcherField: 'source', matcherValues: ['user', 'session', 'system'], exitCodes: ['Hook output and exit codes are ignored.'], defaultTimeout: 30 });
    assert.deepEqual(r.events.PreToolUse!.matcherValuesOpen, true);
    assert.equal(r.events.Stop!.matcherField, null);
    assert.deepEqual(r.standardMatcherEvents, ['PreToolUse', 'Interrupt']);
    assert.deepEqual(r.ifEvents, ['PreToolUse', 'PostToolUse', 'PostToolUseFailure', 'PermissionRequest', 'PermissionDenied', 'PreSkillShellCommand']);
    assert.deepEqual(r.guardEvents, ['PreToolUse', 'PermissionRequest', 'PreSkillShellCommand']);
    assert.deepEqual(r.removedTools, ['Frame', 'TeamCreate', 'BashOutput']);
    assert.deepEqual(r.releaseNotes, { '2.1.336': ['Added hooks to managed settings'], '2.1.335': ['Added an `Interrupt` hook event'] });
  });
  it('says what the build lacks', () => {
    assert.throws(() => readCliExtract('nothing here'), /no \/hooks event catalogue/);
  });
});

describe('catalog:sync dates each change by bisection', () => {
  it('firstWith finds the first version with a fact in O(log n) probes', () => {
    const vs = Array.from({ length: 64 }, (_, i) => i);
    let probes = 0;
    assert.equal(firstWith(vs, (v) => (probes++, v >= 41)), 41);
    assert.ok(probes <= 7);
    assert.equal(firstWith(vs, () => false), undefined);
  });
  it('an event added in 0.3.335 and a nested field in 0.3.337 are dated there, a dropped field where it went', () => {
    const snap = (v: string, events: string[], input: Record<string, UpstreamSnapshot['inputs'][string]>): UpstreamSnapshot => ({ $comment: '', sdkVersion: v, cliVersion: v.replace(/^0\.3\./, '2.1.'), hookEvents: events, toolNames: [], handlerFields: {}, inputs: input, output: {}, hookSpecificOutput: {} });
    const s = { type: { type: 'string' as const }, optional: false };
    const byVersion: Record<string, UpstreamSnapshot> = {
      '0.3.333': snap('0.3.333', ['Stop'], { Stop: { old: s, mcp_server: { ...s, properties: { name: s } } } }),
      '0.3.334': snap('0.3.334', ['Stop'], { Stop: { mcp_server: { ...s, properties: { name: s } } } }),
      '0.3.335': snap('0.3.335', ['Stop', 'Interrupt'], { Stop: { mcp_server: { ...s, properties: { name: s } } } }),
      '0.3.336': snap('0.3.336', ['Stop', 'Interrupt'], { Stop: { mcp_server: { ...s, properties: { name: s } } } }),
      '0.3.337': snap('0.3.337', ['Stop', 'Interrupt'], { Stop: { mcp_server: { ...s, properties: { name: s, built_in: s } } } }),
    };
    const changes = datedChanges(byVersion['0.3.333']!, byVersion['0.3.337']!, ['0.3.332', ...Object.keys(byVersion), '0.3.338', '0.3.336-beta.1'], (v) => byVersion[v]!);
    assert.deepEqual(
      changes.map((c) => `${c.kind} ${c.key} ${c.sdkVersion} ${c.cliVersion}`),
      ['removed input:Stop.old 0.3.334 2.1.334', 'added event:Interrupt 0.3.335 2.1.335', 'added input:Stop.mcp_server.built_in 0.3.337 2.1.337'],
    );
  });
});

describe('catalog:sync reads the SDK types (scripts/catalog-sync.ts)', () => {
  const DTS = `
export declare const HOOK_EVENTS: readonly ['PreToolUse', 'Stop'];
export declare const BUILTIN_TOOL_NAMES: readonly ['Bash', 'Read'];
export declare type BaseHookInput = { session_id: string; cwd: string; agent_id?: string; };
export declare type PreToolUseHookInput = BaseHookInput & { hook_event_name: 'PreToolUse'; tool_name: string; tool_input: unknown; };
export declare type StopHookInput = (BaseHookInput & { hook_event_name: 'Stop'; stop_hook_active: boolean; }) | (BaseHookInput & { background_tasks?: string[] });
export declare type HookPermissionDecision = 'allow' | 'deny';
export declare type PreToolUseHookSpecificOutput = { hookEventName: 'PreToolUse'; permissionDecision?: HookPermissionDecision; updatedInput?: Record<string, unknown>; };
export declare type SyncHookJSONOutput = { continue?: boolean; decision?: 'approve' | 'block'; hookSpecificOutput?: PreToolUseHookSpecificOutput; };
export declare interface Settings {
  model?: string;
  hooks?: { [k: string]: { matcher?: string; hooks: ({ type: 'command'; command: string; timeout?: number; } | { type: 'http'; url: string; headers?: { [k: string]: string }; })[]; }[]; };
}`;
  it('events, tools, handler fields, inputs (aliases, intersections and unions followed) and outputs', () => {
    const r = readSdkTypes(DTS);
    assert.deepEqual(r.hookEvents, ['PreToolUse', 'Stop']);
    assert.deepEqual(r.toolNames, ['Bash', 'Read']);
    assert.deepEqual(r.handlerFields, { command: ['command', 'timeout', 'type'], http: ['headers', 'type', 'url'] });
    assert.deepEqual(Object.keys(r.inputs.Stop!), ['agent_id', 'background_tasks', 'cwd', 'hook_event_name', 'session_id', 'stop_hook_active']);
    assert.deepEqual(r.inputs.PreToolUse!.tool_input, { type: { type: 'unknown' }, optional: false });
    assert.deepEqual(r.inputs.Stop!.background_tasks, { type: { type: 'array' }, optional: true });
    assert.deepEqual(r.hookSpecificOutput.PreToolUse, {
      hookEventName: { type: { enum: ['PreToolUse'] }, optional: false },
      permissionDecision: { type: { enum: ['allow', 'deny'] }, optional: true },
      updatedInput: { type: { type: 'object' }, optional: true },
    });
    assert.deepEqual(r.output, { continue: { type: { type: 'boolean' }, optional: true }, decision: { type: { enum: ['approve', 'block'] }, optional: true } });
  });
  it('says what it could not find', () => {
    assert.throws(() => readSdkTypes('export declare const HOOK_EVENTS: readonly [\'Stop\'];'), /BUILTIN_TOOL_NAMES/);
  });
});
