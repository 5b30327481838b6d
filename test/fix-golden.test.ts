/**
 * --fix, proven on bytes:
 * - golden pairs fixtures/fix/<case>/<path>.json → <path>.fixed.json (inline
 *   objects, tabs, CRLF, BOM, comments, no final newline, deep nesting,
 *   multi-pass, unsafe fixes for cases named `unsafe*`);
 * - properties (fast-check) over configs generated from the event catalog in
 *   varied formatting: fixing twice equals fixing once, the fixed text parses,
 *   its value is the original plus exactly the inserted timeouts, and every
 *   byte outside the edits is unchanged.
 * The whole real corpus under --fix is test/fix-corpus.test.ts.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { EVENTS, type HandlerType } from '../src/model/catalog.js';
import { applyFixes } from '../src/lint/fix.js';
import { lintText } from '../src/lint/lint.js';
import { parseDocument } from '../src/formats/parse.js';
import { claimContext, targetOfText } from '../src/node/files.js';
import { assertProperty, ROOT } from './helpers.js';

function walk(d: string): string[] {
  return readdirSync(d).flatMap((n) => {
    const p = join(d, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

function optionsFor(path: string, text: string) {
  const t = targetOfText(path, text, claimContext({ CLAUDE_CONFIG_DIR: '/nonexistent-user-dir' }));
  if ('skipped' in t) throw new Error(`${path}: ${t.skipped}`);
  return { filePath: path, kind: t.kind, projectRoot: t.projectRoot, pluginRoot: t.pluginRoot };
}

describe('--fix golden pairs (fixtures/fix)', () => {
  const root = join(ROOT, 'fixtures', 'fix');
  for (const c of readdirSync(root))
    for (const f of walk(join(root, c)).filter((p) => p.endsWith('.json') && !p.endsWith('.fixed.json'))) {
      it(`${relative(root, f)} → .fixed.json`, () => {
        const text = readFileSync(f, 'utf8');
        const expected = readFileSync(f.replace(/\.json$/, '.fixed.json'), 'utf8');
        const safety = c.startsWith('unsafe') ? 'unsafe' : 'safe';
        const once = applyFixes(text, optionsFor(f, text), safety);
        assert.ok(once.fixed > 0, 'the case must exercise a fix');
        assert.equal(once.output, expected);
        assert.equal(applyFixes(expected, optionsFor(f, expected), safety).output, expected, 'the fixed file is a fixed point');
      });
    }
});

// ---- property tests -------------------------------------------------------

interface Style {
  indent: string;
  eol: string;
  inline: boolean;
  colon: string;
  bom: boolean;
  finalEol: boolean;
  comment: boolean;
}

/** Serialise a value the way a person might have written it. */
function render(v: unknown, s: Style, depth: number): string {
  const pad = s.indent.repeat(depth + 1);
  const close = s.indent.repeat(depth);
  const oneLine = s.inline && depth >= 3;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    const items = v.map((x) => render(x, s, depth + 1));
    return oneLine ? `[ ${items.join(', ')} ]` : `[${s.eol}${items.map((i) => pad + i).join(`,${s.eol}`)}${s.eol}${close}]`;
  }
  if (v && typeof v === 'object') {
    const entries = Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}${s.colon}${render(x, s, depth + 1)}`);
    if (entries.length === 0) return '{}';
    return oneLine ? `{ ${entries.join(', ')} }` : `{${s.eol}${entries.map((e) => pad + e).join(`,${s.eol}`)}${s.eol}${close}}`;
  }
  return JSON.stringify(v);
}

const eventNames = [...EVENTS.keys()];

/**
 * The timeout missing-timeout's fix inserts, read from the catalog's data
 * (schemas/events.json), not from the code under test: the handler type's
 * recommendedTimeout (prompt, agent) when it has one, else the event's.
 */
const CATALOG = JSON.parse(readFileSync(join(ROOT, 'schemas', 'events.json'), 'utf8')) as {
  handlerTypes: Record<string, { recommendedTimeout?: number }>;
  events: { name: string; recommendedTimeout: number }[];
};
function insertedTimeout(event: string, type: string): number {
  return CATALOG.handlerTypes[type]!.recommendedTimeout ?? CATALOG.events.find((e) => e.name === event)!.recommendedTimeout;
}
const handlerArb = (event: string) => {
  const types = EVENTS.get(event)!.handlerTypes as HandlerType[];
  return fc.record({
    type: fc.constantFrom(...types),
    withTimeout: fc.boolean(),
    timeout: fc.integer({ min: 1, max: 600 }),
    text: fc.stringMatching(/^[a-z][a-z ./-]{0,20}$/),
  }).map(({ type, withTimeout, timeout, text }) => {
    const h: Record<string, unknown> = { type };
    if (type === 'command') h.command = `echo ${text}`;
    else if (type === 'http') h.url = `https://example.com/${text.replace(/[^a-z]/g, '')}`;
    else if (type === 'mcp_tool') Object.assign(h, { server: 'audit', tool: 'record' });
    else h.prompt = `Check ${text}`;
    if (withTimeout) h.timeout = timeout;
    return h;
  });
};
const configArb = fc
  .uniqueArray(fc.constantFrom(...eventNames), { minLength: 1, maxLength: 4 })
  .chain((events) =>
    fc.tuple(...events.map((e) => fc.array(fc.array(handlerArb(e), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 2 }).map((groups) => [e, groups.map((hs) => ({ hooks: hs }))] as const))),
  )
  .map((entries) => ({ hooks: Object.fromEntries(entries) }));
const styleArb: fc.Arbitrary<Style> = fc.record({
  indent: fc.constantFrom('  ', '    ', '\t'),
  eol: fc.constantFrom('\n', '\r\n'),
  inline: fc.boolean(),
  colon: fc.constantFrom(': ', ':'),
  bom: fc.boolean(),
  finalEol: fc.boolean(),
  comment: fc.boolean(),
});

function textOf(config: unknown, s: Style): string {
  const body = render(config, s, 0);
  const withComment = s.comment ? body.replace('{', `{${s.eol}${s.indent}// hooks of this project`) : body;
  return (s.bom ? '\ufeff' : '') + withComment + (s.finalEol ? s.eol : '');
}

function value(text: string): unknown {
  const errors: ParseError[] = [];
  const v = parseJsonc(text.replace(/^\ufeff/, ''), errors, { allowTrailingComma: false });
  assert.deepEqual(errors, [], 'the fixed text parses');
  return v;
}

describe('--fix properties (fast-check, configs from the event catalog)', () => {
  const options = { filePath: '/p/.claude/settings.json', kind: 'project-settings' as const, projectRoot: '/p' };
  it('fixing twice equals fixing once; the result parses; only timeouts are added; other bytes unchanged', () => {
    assertProperty(
      fc.property(configArb, styleArb, (config, style) => {
        const text = textOf(config, style);
        const once = applyFixes(text, options).output;
        assert.equal(applyFixes(once, options).output, once, 'idempotent');
        // The value is the original plus exactly the recommended timeouts.
        const expected = structuredClone(config) as { hooks: Record<string, { hooks: Record<string, unknown>[] }[]> };
        for (const [event, groups] of Object.entries(expected.hooks))
          for (const g of groups) for (const h of g.hooks) if (h.timeout === undefined) h.timeout = insertedTimeout(event, h.type as string);
        assert.deepEqual(value(once), expected);
        // Every byte of the input survives in order: the fix only inserts.
        let i = 0;
        for (const ch of once) if (i < text.length && ch === text[i]) i++;
        assert.equal(i, text.length, 'every input byte is kept, in order');
        assert.equal(once.startsWith('\ufeff'), style.bom);
        assert.equal(/\r?\n$/.test(once), style.finalEol);
        if (style.eol === '\r\n') assert.ok(!/[^\r]\n/.test(once), 'CRLF stays CRLF');
      }),
      { seed: 1101, numRuns: 300 },
    );
  });
  it('lintText never throws on arbitrary JSON values under "hooks"', () => {
    assertProperty(
      fc.property(fc.jsonValue(), styleArb, (v, style) => {
        const text = textOf({ hooks: v }, style);
        lintText(text, options);
        const out = applyFixes(text, options, 'unsafe').output;
        if (out !== text) assert.equal(parseDocument(out).syntaxErrors.length, 0);
      }),
      { seed: 1102, numRuns: 300 },
    );
  });
});
