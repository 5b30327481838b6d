/**
 * The event catalog is the one source of truth: the committed JSON Schemas are
 * exactly what it generates, it holds the 33 events of SPEC.md §1.1, and the
 * schema accepts every handler type on every event that allows it. SchemaStore's
 * own test files (../shared/peers, read in place) serve as a conformance suite.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { catalog, EVENT_NAMES, HANDLER_TYPES, type HandlerType } from '../src/core/catalog.js';
import { lintText } from '../src/core/lint.js';
import { configSchema } from '../src/core/config-schema.js';
import { generateSchemas } from '../src/core/schema-gen.js';
import { rules } from '../src/rules/index.js';
import { ROOT, SHARED } from './helpers.js';

describe('event catalog', () => {
  it('has the 33 events of SPEC.md §1.1, each once', () => {
    assert.equal(EVENT_NAMES.length, 33);
    assert.equal(new Set(EVENT_NAMES).size, 33);
    for (const e of ['SessionStart', 'PreToolUse', 'DirectoryAdded', 'PreModelSwitch', 'PostModelSwitch']) assert.ok(EVENT_NAMES.includes(e), e);
  });
  it('has the recommended timeouts of RULES.md', () => {
    const rec = Object.fromEntries(catalog.events.map((e) => [e.name, e.recommendedTimeout]));
    assert.deepEqual(
      [rec.PreToolUse, rec.PermissionRequest, rec.UserPromptSubmit, rec.PostToolUse, rec.PostToolUseFailure, rec.Stop, rec.SubagentStop, rec.SessionStart, rec.Setup, rec.SessionEnd, rec.MessageDisplay, rec.Notification],
      [10, 10, 10, 30, 30, 30, 30, 120, 120, 60, 10, 30],
    );
    assert.equal(catalog.handlerTypes.prompt.recommendedTimeout, 30);
    assert.equal(catalog.handlerTypes.agent.recommendedTimeout, 60);
  });
  it('marks exactly the events of SPEC.md §1.3 as having no matcher', () => {
    const none = catalog.events.filter((e) => !e.matcher).map((e) => e.name).sort();
    assert.deepEqual(none, ['CwdChanged', 'MessageDisplay', 'PostToolBatch', 'Stop', 'TaskCompleted', 'TaskCreated', 'TeammateIdle', 'UserPromptSubmit', 'WorktreeCreate', 'WorktreeRemove']);
  });
});

describe('generated schemas', () => {
  it('schemas/hooklint.config.schema.json is up to date (run "npm run gen")', () => {
    const file = JSON.parse(readFileSync(new URL('../schemas/hooklint.config.schema.json', import.meta.url), 'utf8'));
    assert.deepEqual(file, configSchema(rules.map((r) => r.meta.id)));
  });
  for (const [name, schema] of Object.entries(generateSchemas()))
    it(`schemas/${name}.schema.json is up to date (run "npm run gen")`, () => {
      const committed = JSON.parse(readFileSync(join(ROOT, 'schemas', `${name}.schema.json`), 'utf8'));
      assert.deepEqual(committed, schema);
    });
});

const SAMPLE: Record<HandlerType, object> = {
  command: { type: 'command', command: '/usr/bin/true', timeout: 5 },
  http: { type: 'http', url: 'https://example.com/hook', timeout: 5 },
  mcp_tool: { type: 'mcp_tool', server: 'srv', tool: 't', timeout: 5 },
  prompt: { type: 'prompt', prompt: 'ok? $ARGUMENTS', timeout: 30 },
  agent: { type: 'agent', prompt: 'check $ARGUMENTS', timeout: 60 },
};

describe('every handler type on every event that allows it', () => {
  for (const e of catalog.events)
    it(`${e.name}: ${e.handlerTypes.join(', ')} give no error`, () => {
      for (const kind of ['project-settings', 'plugin-hooks'] as const) {
        const text = JSON.stringify({ hooks: { [e.name]: [{ hooks: e.handlerTypes.map((t) => SAMPLE[t]) }] } }, null, 2);
        const errors = lintText(text, { filePath: 'x.json', kind }).diagnostics.filter((d) => d.severity === 'error');
        assert.deepEqual(errors, [], `${kind}`);
      }
    });
  it('a type the event does not allow is an error (handler-type-unsupported), not a schema error', () => {
    for (const e of catalog.events)
      for (const t of HANDLER_TYPES.filter((t) => !e.handlerTypes.includes(t))) {
        const text = JSON.stringify({ hooks: { [e.name]: [{ hooks: [SAMPLE[t]] }] } });
        const ids = lintText(text, { filePath: 'x.json', kind: 'project-settings' }).diagnostics.map((d) => d.ruleId);
        assert.deepEqual(ids, ['handler-type-unsupported'], `${t} on ${e.name}`);
      }
  });
});

const PEERS = join(SHARED, 'peers', 'schemastore-tests');
const hasHooks = (text: string) => 'hooks' in (JSON.parse(text) as object);

describe('SchemaStore conformance (peers/schemastore-tests)', () => {
  const valid = readdirSync(join(PEERS, 'test', 'claude-code-settings'));
  it('valid files with hooks get no schema, syntax or event error', () => {
    let checked = 0;
    for (const f of valid) {
      const text = readFileSync(join(PEERS, 'test', 'claude-code-settings', f), 'utf8');
      if (!hasHooks(text)) continue;
      checked++;
      const errs = lintText(text, { filePath: f, kind: 'project-settings' }).diagnostics.filter((d) => d.severity === 'error');
      assert.deepEqual(errs.map((d) => `${f}:${d.line}:${d.column} ${d.ruleId} ${d.message}`), []);
    }
    assert.equal(checked, 3);
  });
  // The errors hooklint reports for each negative file that has hooks. additional-properties-hook
  // holds only unknown keys, which are warnings (what Claude Code does with them is [uncertain]); see below.
  const NEGATIVE: Record<string, string[]> = {
    'invalid-enum-coverage.json': ['schema'],
    'invalid-hook-shell.json': ['schema'],
    'invalid-hook-type.json': ['schema'],
    'invalid-timeout-value.json': ['schema'],
    'missing-required-hook-fields.json': ['schema', 'schema'],
    'wrong-property-types.json': ['schema'],
    'additional-properties-hook.json': [],
  };
  for (const [f, expected] of Object.entries(NEGATIVE))
    it(`negative ${f} → ${expected.join(', ') || 'no error'}`, () => {
      const text = readFileSync(join(PEERS, 'negative_test', 'claude-code-settings', f), 'utf8');
      assert.ok(hasHooks(text));
      const errs = lintText(text, { filePath: f, kind: 'project-settings' }).diagnostics.filter((d) => d.severity === 'error');
      assert.deepEqual(errs.map((d) => d.ruleId), expected);
    });
  it('negative additional-properties-hook.json → unknown-group-key and unknown-handler-key warnings', () => {
    const text = readFileSync(join(PEERS, 'negative_test', 'claude-code-settings', 'additional-properties-hook.json'), 'utf8');
    const ids = lintText(text, { filePath: 'settings.json', kind: 'project-settings' }).diagnostics.map((d) => `${d.ruleId}:${d.severity}`);
    assert.deepEqual(ids.filter((i) => !i.startsWith('missing-timeout')).sort(), ['unknown-group-key:warning', 'unknown-handler-key:warning']);
  });
  it('every negative file with hooks is listed above', () => {
    const withHooks = readdirSync(join(PEERS, 'negative_test', 'claude-code-settings')).filter((f) =>
      hasHooks(readFileSync(join(PEERS, 'negative_test', 'claude-code-settings', f), 'utf8')),
    );
    assert.deepEqual(withHooks.sort(), Object.keys(NEGATIVE).sort());
  });
});
