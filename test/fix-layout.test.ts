/**
 * Removing and inserting properties and array elements in every layout
 * people write JSON in (issue 19 part 1): comma-last, comma-first, one-line,
 * mixed, comments between any two tokens, CRLF, tabs. Regression cases first,
 * then a property over generated layouts (fixed seed; `npm run fuzz` varies it).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseTree } from 'jsonc-parser';
import { EVENTS } from '../src/model/catalog.js';
import { insertProperty, removeArrayItem, removeProperty } from '../src/fix/edits.js';
import { applyEdits, applyFixes } from '../src/lint/fix.js';
import { documentValue, parseDocument } from '../src/formats/parse.js';
import type { FixSafety } from '../src/model/types.js';
import { assertProperty } from './helpers.js';

const OPTIONS = { filePath: '/p/.claude/settings.json', kind: 'project-settings' as const, projectRoot: '/p' };

describe('regressions', () => {
  it('issue 19: a comma-first matcher group keeps its brace when unknown-group-key removes its first key', () => {
    const text = '{"hooks": {"Stop": [\n  { "matcherx": "bash"\n  , "hooks": [{"type": "command", "command": "x"}]\n  }\n]}}\n';
    const { output } = applyFixes(text, OPTIONS, 'unsafe');
    assert.equal(output, '{"hooks": {"Stop": [\n  { "hooks": [{"type": "command", "command": "x", "timeout": 30}]\n  }\n]}}\n');
  });
});

/** Each member of the object or array `text` removed in turn, and `"z": 9` appended (objects). */
function editsOf(text: string): { removed: string[]; inserted: string | undefined } {
  const root = parseTree(text, [], { allowTrailingComma: true })!;
  const removed = (root.children ?? []).map((c, i) => applyEdits(text, [root.type === 'object' ? removeProperty(text, root, c) : removeArrayItem(text, root, i)]));
  const ins = root.type === 'object' ? insertProperty(text, root, 'z', '9') : undefined;
  return { removed, inserted: ins && applyEdits(text, ins) };
}

describe('removeProperty, removeArrayItem and insertProperty by layout', () => {
  const cases: [layout: string, text: string, removed: string[], inserted?: string][] = [
    ['one line', '{ "a": 1, "b": 2 }', ['{ "b": 2 }', '{ "a": 1 }'], '{ "a": 1, "b": 2, "z": 9 }'],
    ['one line, no spaces', '{"a":1,"b":2}', ['{"b":2}', '{"a":1}'], '{"a":1,"b":2,"z":9}'],
    ['one line, comma-first spacing', '{ "a": 1 , "b": 2 }', ['{ "b": 2 }', '{ "a": 1 }'], '{ "a": 1 , "b": 2, "z": 9 }'],
    ['comma-last', '{\n  "a": 1,\n  "b": 2\n}', ['{\n  "b": 2\n}', '{\n  "a": 1\n}'], '{\n  "a": 1,\n  "b": 2,\n  "z": 9\n}'],
    ['comma-last, CRLF, tabs', '{\r\n\t"a": 1,\r\n\t"b": 2\r\n}', ['{\r\n\t"b": 2\r\n}', '{\r\n\t"a": 1\r\n}'], '{\r\n\t"a": 1,\r\n\t"b": 2,\r\n\t"z": 9\r\n}'],
    ['comma-first, first key on the brace line', '{ "a": 1\n, "b": 2\n, "c": 3\n}', ['{ "b": 2\n, "c": 3\n}', '{ "a": 1\n, "c": 3\n}', '{ "a": 1\n, "b": 2\n}'], '{ "a": 1\n, "b": 2\n, "c": 3\n, "z": 9\n}'],
    ['comma-first, first key on its own line', '{\n    "a": 1\n  , "b": 2\n}', ['{\n    "b": 2\n}', '{\n    "a": 1\n}'], '{\n    "a": 1\n  , "b": 2\n  , "z": 9\n}'],
    ['comma-first, closing brace on the last line (it keeps its line)', '{ "a": 1\n, "b": 2 }', ['{ "b": 2 }', '{ "a": 1\n}'], '{ "a": 1\n, "b": 2\n, "z": 9 }'],
    ['mixed', '{ "a": 1,\n  "b": 2\n  , "c": 3 }', ['{\n  "b": 2\n  , "c": 3 }', '{ "a": 1,\n  "c": 3 }', '{ "a": 1,\n  "b": 2\n  }'], '{ "a": 1,\n  "b": 2\n  , "c": 3\n  , "z": 9 }'],
    ['a line comment after the comma', '{\n  "a": 1, // about a\n  "b": 2\n}', ['{\n  // about a\n  "b": 2\n}', '{\n  "a": 1 // about a\n}'], '{\n  "a": 1, // about a\n  "b": 2,\n  "z": 9\n}'],
    ['a line comment ending the last line', '{\n  "a": 1,\n  "b": 2 // about b\n}', ['{\n  "b": 2 // about b\n}', '{\n  "a": 1\n  // about b\n}'], '{\n  "a": 1,\n  "b": 2, // about b\n  "z": 9\n}'],
    ['a comment between a key and its comma-first comma', '{ "a": 1 // c\n, "b": 2 }', ['{ // c\n"b": 2 }', '{ "a": 1 // c\n}'], '{ "a": 1 // c\n, "b": 2\n, "z": 9 }'],
    ['block comments around the comma', '{ "a": 1 /* x */ , /* y */ "b": 2 }', ['{ /* x */ /* y */ "b": 2 }', '{ "a": 1 /* x */ /* y */ }'], '{ "a": 1 /* x */ , /* y */ "b": 2, "z": 9 }'],
    ['the only key, with a comment', '{ // only\n  "a": 1\n}', ['{ // only\n}'], '{ // only\n  "a": 1,\n  "z": 9\n}'],
    ['the only key, trailing comma', '{"a": 1,}', ['{}'], undefined],
    ['a multi-line value', '{\n  "a": {\n    "x": 1\n  },\n  "b": 2\n}', ['{\n  "b": 2\n}', '{\n  "a": {\n    "x": 1\n  }\n}'], '{\n  "a": {\n    "x": 1\n  },\n  "b": 2,\n  "z": 9\n}'],
    ['comma-first array', '[ 1\n, 2\n, 3\n]', ['[ 2\n, 3\n]', '[ 1\n, 3\n]', '[ 1\n, 2\n]']],
    ['one-line array', '[1, 2, 3]', ['[2, 3]', '[1, 3]', '[1, 2]']],
    ['array with comments', '[\n  1, // one\n  /* two */ 2\n]', ['[\n  // one\n  /* two */ 2\n]', '[\n  1 // one\n  /* two */\n]']],
  ];
  for (const [layout, text, removed, inserted] of cases)
    it(layout, () => {
      const got = editsOf(text);
      assert.deepEqual(got.removed, removed);
      assert.equal(got.inserted, inserted);
      for (const t of [...got.removed, ...(got.inserted ? [got.inserted] : [])]) assert.deepEqual(parseDocument(t).syntaxErrors, [], t);
    });
});

// ---- the property ---------------------------------------------------------

interface Handler {
  command: string;
  timeout?: number;
  suppressOutput?: boolean;
  description?: string;
  once?: boolean;
}
interface Group {
  matcher?: string;
  description?: string;
  hooks: Handler[];
}
type Config = { hooks: Record<string, Group[]> };

/** Events with and without matcher support (a matcher on Stop or UserPromptSubmit is removed as ignored). */
const EVENT_NAMES = ['PreToolUse', 'PostToolUse', 'Stop', 'UserPromptSubmit'];

const handlerArb = fc.record(
  { timeout: fc.integer({ min: 1, max: 60 }), suppressOutput: fc.constant(true), description: fc.constant('what it does'), once: fc.constant(true) },
  { requiredKeys: [] },
);
const groupArb = fc.record({ matcher: fc.option(fc.constant('Bash'), { nil: undefined }), description: fc.option(fc.constant('a group'), { nil: undefined }), hooks: fc.array(handlerArb, { maxLength: 3 }) });
const configArb: fc.Arbitrary<Config> = fc
  .uniqueArray(fc.constantFrom(...EVENT_NAMES), { minLength: 1, maxLength: 4 })
  .chain((events) => fc.tuple(...events.map((e) => fc.array(groupArb, { maxLength: 3 }).map((gs) => [e, gs] as const))))
  .map((entries) => {
    // Every handler's command is unique, so duplicate-handler never fires.
    let n = 0;
    const hooks: Record<string, Group[]> = {};
    for (const [e, gs] of entries)
      hooks[e] = gs.map((g) => {
        const out: Group = { hooks: g.hooks.map((h) => ({ command: `echo h${n++}`, ...h })) };
        if (g.matcher !== undefined) out.matcher = g.matcher;
        if (g.description !== undefined) out.description = g.description;
        return out;
      });
    return { hooks };
  });

/** The JSON value of `config` with key order as written (type first), for rendering. */
function asJson(config: Config): unknown {
  return {
    hooks: Object.fromEntries(
      Object.entries(config.hooks).map(([e, gs]) => [e, gs.map((g) => ({ ...(g.matcher !== undefined ? { matcher: g.matcher } : {}), ...(g.description !== undefined ? { description: g.description } : {}), hooks: g.hooks.map((h) => ({ type: 'command', ...h })) }))]),
    ),
  };
}

/**
 * What `--fix` (`safety`) makes of `config`: the removals and insertions the
 * rules promise (an inserted timeout is the event's recommendedTimeout in the
 * catalog data). `blocked` says which members (paths as `render` labels them)
 * hold a comment: a safe fix does not remove those (issue 23: a safe fix that
 * would delete a comment is unsafe).
 */
function expected(config: Config, safety: FixSafety, blocked: (path: string) => boolean = () => false): unknown {
  const out: Record<string, unknown[]> = {};
  for (const [e, gs] of Object.entries(config.hooks)) {
    const groups = gs
      .map((g, i) => ({ g, i }))
      .filter(({ g, i }) => g.hooks.length > 0 || (safety === 'safe' && blocked(`hooks/${e}/${i}`)))
      .map(({ g, i }) => {
        const group: Record<string, unknown> = {};
        if (g.matcher !== undefined && (safety === 'safe' || EVENTS.get(e)!.matcher)) group.matcher = g.matcher;
        if (g.description !== undefined && safety === 'safe') group.description = g.description;
        group.hooks = g.hooks.map((h, j) => {
          const handler: Record<string, unknown> = { type: 'command', command: h.command };
          if (safety === 'safe' && h.suppressOutput && blocked(`hooks/${e}/${i}/hooks/${j}/suppressOutput`)) handler.suppressOutput = h.suppressOutput;
          handler.timeout = h.timeout ?? EVENTS.get(e)!.recommendedTimeout;
          if (safety === 'safe') {
            if (h.description !== undefined) handler.description = h.description;
            if (h.once !== undefined) handler.once = h.once;
          }
          return handler;
        });
        return group;
      });
    if (groups.length > 0 || (safety === 'safe' && blocked(`hooks/${e}`))) out[e] = groups;
  }
  return { hooks: out };
}

/**
 * Render a JSON value with layout choices read from `tape` (cyclically; 0 is
 * always the plainest choice, so fast-check shrinks towards comma-last).
 * Each object and array picks a style (comma-last, comma-first, one line,
 * mixed) and comments may go into any gap between two tokens. Each comment
 * is labelled with the path of the innermost member it lies in (`c:hooks/Stop/0`),
 * so a test knows which comments a removal takes with it.
 */
function render(v: unknown, tape: number[], eol: string, unit: string): string {
  let pos = 0;
  const pick = (n: number) => tape[pos++ % tape.length]! % n;
  const comment = (ind: string, path: string) => {
    switch (pick(8)) {
      case 1:
        return ` /* c:${path} */ `;
      case 2:
        return ` // c:${path}${eol}${ind}`;
      default:
        return '';
    }
  };
  const go = (x: unknown, depth: number, path: string): string => {
    if (x === null || typeof x !== 'object') return JSON.stringify(x);
    const isArr = Array.isArray(x);
    const inner = unit.repeat(depth + 1);
    const outer = unit.repeat(depth);
    const at = (k: string | number) => (path ? `${path}/${k}` : String(k));
    const members = isArr
      ? (x as unknown[]).map((y, i) => go(y, depth + 1, at(i)))
      : Object.entries(x as object).map(([k, y]) => `${JSON.stringify(k)}${pick(2) ? ':' : ': '}${comment(inner, at(k))}${go(y, depth + 1, at(k))}`);
    const [open, close] = isArr ? ['[', ']'] : ['{', '}'];
    if (members.length === 0) return open + close;
    const style = pick(4); // 0 comma-last, 1 comma-first, 2 one line, 3 mixed
    const sepOf = (s: number) => {
      switch (s) {
        case 1:
          return `${comment(inner, path)}${eol}${outer}${pick(2) ? unit : ''}, ${comment(inner, path)}`;
        case 2:
          return `${comment(inner, path)}, ${comment(inner, path)}`;
        default:
          return `${comment(inner, path)},${comment(inner, path)}${eol}${inner}`;
      }
    };
    let out = open;
    out += style === 2 ? (pick(2) ? ' ' : '') : style === 1 && pick(2) ? ' ' : `${eol}${inner}`;
    out += comment(inner, path);
    members.forEach((m, i) => {
      if (i > 0) out += sepOf(style === 3 ? pick(3) : style === 0 ? 0 : style);
      out += m;
    });
    out += comment(inner, path);
    out += style === 2 ? (pick(2) ? ' ' : '') : `${eol}${outer}`;
    return out + close;
  };
  return go(v, 0, '');
}


/** The labels of the comments in a text, sorted. */
function commentLabels(text: string): string[] {
  return parseDocument(text)
    .comments.map((c) => /c:(\S*)/.exec(text.slice(c.offset, c.offset + c.length))![1]!)
    .sort();
}

/** A document's value as plain objects (documentValue builds null-prototype ones). */
const plain = (doc: ReturnType<typeof parseDocument>): unknown => JSON.parse(JSON.stringify(documentValue(doc)));

describe('--fix over generated layouts (fast-check)', () => {
  it('removals and insertions leave JSONC that parses, with exactly the promised keys removed and added, and (safe fixes) every comment kept', () => {
    const layout = fc.record({
      tape: fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 80 }),
      eol: fc.constantFrom('\n', '\r\n'),
      unit: fc.constantFrom('  ', '    ', '\t'),
      finalEol: fc.boolean(),
    });
    assertProperty(
      fc.property(configArb, layout, fc.constantFrom<FixSafety>('safe', 'unsafe'), (config, { tape, eol, unit, finalEol }, safety) => {
        const text = render(asJson(config), tape, eol, unit) + (finalEol ? eol : '');
        const before = parseDocument(text);
        assert.deepEqual(before.syntaxErrors, [], 'the generated text parses');
        assert.deepEqual(plain(before), asJson(config), 'the generated text holds the config');
        const { output } = applyFixes(text, OPTIONS, safety);
        const after = parseDocument(output);
        assert.deepEqual(after.syntaxErrors, [], `the fixed text parses:\n${output}`);
        const labels = commentLabels(text);
        const blocked = (path: string) => labels.some((l) => l === path || l.startsWith(`${path}/`));
        assert.deepEqual(plain(after), expected(config, safety, blocked), `the fixed value:\n${output}`);
        // Safe fixes keep every comment: a removal whose member holds one is left to --fix --unsafe.
        if (safety === 'safe') assert.deepEqual(commentLabels(output), labels, `the comments kept:\n${output}`);
        else assert.equal(after.comments.length, 0, 'no-comments removed every comment');
        assert.equal(applyFixes(output, OPTIONS, safety).output, output, 'a second run changes nothing');
        if (eol === '\r\n') assert.ok(!/[^\r]\n/.test(output), 'CRLF stays CRLF');
      }),
      { seed: 19_001, numRuns: 300 },
    );
  });
});
