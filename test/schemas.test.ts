/**
 * The event catalog is the one source of truth: the committed JSON Schemas are
 * exactly what it generates, it holds each event of the upstream snapshot once (no count
 * is written by hand: the SDK's HOOK_EVENTS is the reference), and the
 * schema accepts every handler type on every event that allows it. SchemaStore's
 * own test files (../shared/peers, read in place) serve as a conformance suite.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv, { type ErrorObject } from 'ajv';
import fc from 'fast-check';
import { parse as parseJsonc } from 'jsonc-parser';
import * as generated from '../src/generated/validators.js';
import { catalog, EVENT_NAMES, HANDLER_TYPES, type HandlerType } from '../src/model/catalog.js';
import { lintText } from '../src/lint/lint.js';
import { configSchema } from '../src/schema/config-schema.js';
import { generateSchemas } from '../src/schema/schema-gen.js';
import { rules } from '../src/rules/index.js';
import { assertProperty, CORPUS, ROOT, SHARED } from './helpers.js';

describe('event catalog', () => {
  it('has the events of the upstream snapshot (SPEC.md §1.1, §12.1, §13.1), each once', () => {
    const upstream = (JSON.parse(readFileSync(new URL('../schemas/upstream/claude-agent-sdk.json', import.meta.url), 'utf8')) as { hookEvents: string[] }).hookEvents;
    assert.equal(new Set(EVENT_NAMES).size, EVENT_NAMES.length);
    assert.deepEqual([...EVENT_NAMES].sort(), [...upstream].sort());
    for (const e of ['SessionStart', 'PreToolUse', 'DirectoryAdded', 'PreModelSwitch', 'PostModelSwitch', 'PreSkillShellCommand', 'Interrupt']) assert.ok(EVENT_NAMES.includes(e), e);
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

describe('build-time validators (src/generated) agree with the published schemas', () => {
  // scripts/build.mjs compiles a compact form (one event-map pattern, refs not inlined): the
  // same values must pass and fail with the same errors as the schemas editors use.
  const names = { settings: 'validateSettings', 'plugin-hooks': 'validatePluginHooks', 'plugin-manifest': 'validatePluginManifest' } as const;
  const reference = Object.fromEntries(
    Object.keys(names).map((n) => [n, new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(ROOT, 'schemas', `${n}.schema.json`), 'utf8')))]),
  ) as Record<keyof typeof names, ReturnType<Ajv['compile']>>;
  const summary = (valid: boolean, errors: ErrorObject[] | null | undefined) =>
    [String(valid), ...(errors ?? []).map((e) => `${e.instancePath} ${e.keyword} ${JSON.stringify(e.params)}`).sort()];
  const compare = (kind: keyof typeof names, value: unknown) => {
    const mine = generated[names[kind]];
    const ref = reference[kind];
    assert.deepEqual(summary(mine(value), mine.errors), summary(ref(value) as boolean, ref.errors), `${kind}: ${JSON.stringify(value).slice(0, 300)}`);
  };
  const kindOf = (path: string): keyof typeof names => (path.endsWith('plugin.json') ? 'plugin-manifest' : /hooks\.json$/.test(path) ? 'plugin-hooks' : 'settings');
  const corpus = (readdirSync(CORPUS, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ kind: kindOf(f), value: parseJsonc(readFileSync(join(CORPUS, f), 'utf8')) as unknown }));
  /** Every path to a value inside `v` (objects' keys and arrays' indices), the root included. */
  const paths = (v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []) => {
    out.push(at);
    if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
    return out;
  };
  const replaced = (v: unknown, path: (string | number)[], x: unknown): unknown => {
    if (path.length === 0) return x;
    const copy = structuredClone(v) as Record<string | number, unknown>;
    let parent = copy;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    parent[path.at(-1)!] = x;
    return copy;
  };

  it(`every corpus file (${corpus.length}) gets the same result`, () => {
    assert.ok(corpus.length > 100);
    for (const { kind, value } of corpus) compare(kind, value);
    // Both kinds of outcome occur, or the comparison would prove little.
    assert.ok(corpus.some(({ kind, value }) => !generated[names[kind]](value)));
  });

  it('so does any corpus file with one value replaced (fast-check, 2,000 runs)', () => {
    const replacement = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom({}, [], '', 'command', 'http', 'bogus', 0, -1, 30, 1.5, null, true, { type: 'command' }, { type: 'http', url: 3 }, { hooks: {} }, [{ hooks: [{}] }], { matcher: 'Bash', hooks: [] }),
    );
    assertProperty(
      fc.property(fc.nat(), fc.nat(), replacement, fc.constantFrom('settings', 'plugin-hooks', 'plugin-manifest') as fc.Arbitrary<keyof typeof names>, (i, j, x, kind) => {
        const { value } = corpus[i % corpus.length]!;
        const all = paths(value);
        compare(kind, replaced(value, all[j % all.length]!, x));
      }),
      { seed: 20261122, numRuns: 2000 },
    );
  });
});
