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
import { readSdkTypes, type UpstreamSnapshot } from '../scripts/catalog-sync.js';
import { catalog, EVENT_NAMES, EVENTS, HANDLER_TYPES, type HandlerType } from '../src/model/catalog.js';

const snapshot = JSON.parse(readFileSync(new URL('../schemas/upstream/claude-agent-sdk.json', import.meta.url), 'utf8')) as UpstreamSnapshot;

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
  it('every output field, top level and hookSpecificOutput per event', () => {
    const missing: string[] = Object.keys(snapshot.output).filter((f) => !(f in catalog.universalOutput));
    for (const [event, fields] of Object.entries(snapshot.hookSpecificOutput))
      for (const f of Object.keys(fields)) if (f !== 'hookEventName' && !(f in (EVENTS.get(event)?.output.hookSpecificOutput ?? {}))) missing.push(`${event}.hookSpecificOutput.${f}`);
    assert.deepEqual(missing, []);
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
