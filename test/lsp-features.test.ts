/** The language server's pieces in process: hover and completion from the catalog, and the LSP conversions. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { catalog, EVENTS, HANDLER_TYPES } from '../src/model/catalog.js';
import { explainEvent } from '../src/model/event-docs.js';
import { applyEdits } from '../src/lint/fix.js';
import type { Diagnostic } from '../src/model/types.js';
import { completionsAt } from '../src/lsp/completion.js';
import { minimalEdit, quickFixes, toLspDiagnostic, wanted } from '../src/lsp/convert.js';
import { FIELD_MEANINGS, fieldPage, handlerTypePage, matcherPage } from '../src/lsp/docs.js';
import { hoverAt } from '../src/lsp/hover.js';
import { assertProperty } from './helpers.js';

const TEXT = `{
  "hooks": {
    "UserPromptSubmit": [{ "hooks": [{ "type": "command", "command": "echo hi", "timeout": 5, "if": "Bash(x)" }] }],
    "PreToolUse": [{ "matcher": "Edit|Wr", "hooks": [{ "type": "http", "url": "http://localhost" }] }],
    "Nope": [{ "hooks": [{ "type": "prompt", "prompt": "p" }] }]
  }
}
`;
const doc = TextDocument.create('file:///p/.claude/settings.json', 'json', 1, TEXT);
const at = (needle: string, delta = 1) => TEXT.indexOf(needle) + delta;

describe('hover', () => {
  it('shows an event name\'s `hooklint explain` page, over the key', () => {
    const h = hoverAt(TEXT, 'project-settings', at('"PreToolUse"'))!;
    assert.equal(h.markdown, explainEvent('PreToolUse'));
    assert.deepEqual([h.offset, h.length], [TEXT.indexOf('"PreToolUse"'), '"PreToolUse"'.length]);
  });
  it('shows a handler type\'s page on its "type" value, and a field\'s page on its key, with what holds on this event', () => {
    assert.equal(hoverAt(TEXT, 'project-settings', at('"command",'))!.markdown, handlerTypePage('command'));
    const timeout = hoverAt(TEXT, 'project-settings', at('"timeout"'))!.markdown;
    assert.equal(timeout, fieldPage('timeout', 'command', 'UserPromptSubmit'));
    // UserPromptSubmit's default is not the command type's 600 s.
    assert.match(timeout, new RegExp(`default ${EVENTS.get('UserPromptSubmit')!.defaultTimeout} s`));
    assert.notEqual(EVENTS.get('UserPromptSubmit')!.defaultTimeout, catalog.handlerTypes.command.defaultTimeout);
    assert.match(hoverAt(TEXT, 'project-settings', at('"if"'))!.markdown, /\(UserPromptSubmit: never runs\)/);
    assert.match(hoverAt(TEXT, 'project-settings', at('"url"'))!.markdown, /^\*\*`url`\*\* \(string\)/);
  });
  it('explains a matcher with the event\'s matcher field', () => {
    const m = hoverAt(TEXT, 'project-settings', at('"Edit|Wr"'))!.markdown;
    assert.equal(m, matcherPage('PreToolUse'));
    assert.match(m, /filters on `tool_name`/);
  });
  it('says nothing on unknown event names, values other than "type", punctuation, or another file kind\'s layout', () => {
    assert.equal(hoverAt(TEXT, 'project-settings', at('"Nope"')), undefined);
    assert.equal(hoverAt(TEXT, 'project-settings', at('"echo hi"')), undefined);
    assert.equal(hoverAt(TEXT, 'project-settings', 0), undefined);
    assert.equal(hoverAt('{"PreToolUse": []}', 'project-settings', 3), undefined);
    // A plugin hooks.json without the wrapper is read as the linter reads it.
    assert.equal(hoverAt('{"PreToolUse": []}', 'plugin-hooks', 3)!.markdown, explainEvent('PreToolUse'));
  });
});

describe('field and handler type pages', () => {
  it('every field of every handler type in the catalog has a meaning, and no meaning is of a field the catalog lacks', () => {
    const fields = new Set([...Object.keys(catalog.commonHandlerFields), ...HANDLER_TYPES.flatMap((t) => Object.keys(catalog.handlerTypes[t].fields))]);
    assert.deepEqual([...fields].filter((f) => !FIELD_MEANINGS[f]), []);
    assert.deepEqual(Object.keys(FIELD_MEANINGS).filter((f) => !fields.has(f)), []);
  });
  it('a field page says which types take it, which require it and from which version', () => {
    assert.match(fieldPage('args', 'command', 'Stop')!, new RegExp(`On \`command\` handlers; \`command\`: since ${catalog.handlerTypes.command.fieldRanges!.args!.since}`));
    assert.match(fieldPage('prompt', 'agent', 'Stop')!, /On `prompt`, `agent` handlers; required on `prompt`, `agent`/);
    assert.match(fieldPage('url', 'command', 'Stop')!, /Not a field of a `command` handler/);
    assert.equal(fieldPage('matcher', 'command', 'Stop'), undefined);
  });
  it('a handler type page lists its required fields and the events that run it', () => {
    const page = handlerTypePage('mcp_tool')!;
    assert.match(page, /\*\*Required:\*\* `server` \(string\), `tool` \(string\)/);
    const runs = catalog.events.filter((e) => e.handlerTypes.includes('mcp_tool')).length;
    assert.match(page, new RegExp(`Runs on:\\*\\* ${runs === catalog.events.length ? 'every event' : `${runs} of ${catalog.events.length} events`}`));
    assert.equal(handlerTypePage('shell'), undefined);
  });
});

describe('completion', () => {
  const labels = (offset: number, text = TEXT, kind: 'project-settings' | 'plugin-hooks' = 'project-settings') => completionsAt(TextDocument.create('file:///p/x.json', 'json', 1, text), kind, offset).map((i) => i.label);
  it('offers the events not yet in the file at an event key, replacing the string\'s contents', () => {
    const text = '{"hooks": {"Stop": [], "Pre"}}';
    const items = completionsAt(TextDocument.create('file:///p/x.json', 'json', 1, text), 'project-settings', text.indexOf('"Pre"') + 4);
    assert.equal(items.length, catalog.events.length - 1);
    assert.ok(!items.some((i) => i.label === 'Stop'));
    const pre = items.find((i) => i.label === 'PreToolUse')!;
    assert.deepEqual(pre.textEdit, { range: { start: { line: 0, character: text.indexOf('"Pre"') + 1 }, end: { line: 0, character: text.indexOf('"Pre"') + 4 } }, newText: 'PreToolUse' });
    assert.equal((pre.documentation as { value: string }).value, explainEvent('PreToolUse'));
  });
  it('adds the quotes where there is no string yet', () => {
    const text = '{"hooks": {\n  \n}}';
    const item = completionsAt(TextDocument.create('file:///p/x.json', 'json', 1, text), 'project-settings', text.indexOf('\n  ') + 3).find((i) => i.label === 'Stop')!;
    assert.equal((item.textEdit as { newText: string }).newText, '"Stop"');
  });
  it('offers the event\'s handler types for "type", and the fields of the type not written yet for a handler key', () => {
    const text = '{"hooks": {"SessionStart": [{"hooks": [{"type": ""}, {"type": "command", "command": "x", "t"}]}]}}';
    assert.deepEqual(labels(text.indexOf('""') + 1, text), EVENTS.get('SessionStart')!.handlerTypes);
    const keys = labels(text.indexOf('"t"}') + 2, text);
    assert.ok(keys.includes('timeout') && keys.includes('args') && !keys.includes('command') && !keys.includes('url'), keys.join());
    assert.ok(!keys.includes('holdsTools'), 'internal keys are not offered');
  });
  it('completes the matcher name under the cursor of an exact list, with the event\'s vocabulary', () => {
    const items = completionsAt(doc, 'project-settings', at('Wr"', 2));
    assert.deepEqual(items.map((i) => i.label), catalog.toolNames);
    const start = TEXT.indexOf('Wr"');
    assert.deepEqual(items[0]!.textEdit!, { range: { start: doc.positionAt(start), end: doc.positionAt(start + 2) }, newText: catalog.toolNames[0] });
    const noMatcher = catalog.events.find((e) => !e.matcher)!;
    const text = `{"hooks": {"${noMatcher.name}": [{"matcher": "", "hooks": []}]}}`;
    assert.deepEqual(labels(text.indexOf('""') + 1, text), []);
  });
  it('offers nothing outside the event map', () => {
    assert.deepEqual(labels(1, '{"permissions": {}}'), []);
    assert.deepEqual(labels(TEXT.indexOf('"echo hi"') + 2), []);
  });
});

describe('LSP conversions', () => {
  const finding = (over: Partial<Diagnostic>): Diagnostic => ({ ruleId: 'missing-timeout', severity: 'warning', message: 'm', messageId: 'missing', line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, length: 0, ...over });
  it('ranges count UTF-16 code units after astral characters and across lines', () => {
    const text = '{"a": "😀😀", \n"hooks": 1}';
    const d = TextDocument.create('file:///p/.claude/settings.json', 'json', 1, text);
    const offset = text.indexOf('"hooks"');
    const lsp = toLspDiagnostic(finding({ offset, length: 7 }), d, { relatedInformation: true });
    assert.deepEqual(lsp.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 7 } });
    const before = toLspDiagnostic(finding({ offset: text.indexOf('",'), length: 1 }), d, { relatedInformation: true });
    assert.deepEqual(before.range.start, { line: 0, character: 11 });
  });
  it('leaves fixes that change other files (a script\'s mode) to the command line', () => {
    const withFile = finding({ fix: { safety: 'safe', title: 'chmod +x', edits: [], fileEdits: [{ kind: 'chmod-executable', path: '/x.sh' }] } });
    const withText = finding({ fix: { safety: 'safe', title: 'insert', edits: [{ range: [0, 0], text: 'x' }] } });
    assert.deepEqual(quickFixes([withFile, withText], doc, 0, 0, { relatedInformation: false }).map((a) => a.title), ['insert']);
  });
  it('takes the findings touching the requested range only', () => {
    const a = finding({ offset: 10, length: 5, fix: { safety: 'safe', title: 'a', edits: [{ range: [10, 10], text: 'x' }] } });
    const b = finding({ offset: 40, length: 5, fix: { safety: 'unsafe', title: 'b', edits: [{ range: [40, 40], text: 'y' }] } });
    assert.deepEqual(quickFixes([a, b], doc, 12, 12, { relatedInformation: false }).map((x) => x.title), ['a']);
    assert.deepEqual(quickFixes([a, b], doc, 15, 40, { relatedInformation: false }).map((x) => x.title), ['a', 'b (unsafe fix)']);
  });
  it('asks for a kind by prefix, as LSP `only` does', () => {
    assert.ok(wanted('source.fixAll.hooklint', ['source']) && wanted('source.fixAll.hooklint', ['source.fixAll']) && wanted('quickfix', undefined));
    assert.ok(!wanted('source.fixAll.hooklint', ['quickfix']) && !wanted('source.fixAll.hooklint', ['source.fix']));
  });
  it('minimalEdit turns the first text into the second with one edit, never splitting a surrogate pair', () => {
    const text = fc.array(fc.constantFrom('a', 'b', '😀', '\n', '"'), { maxLength: 12 }).map((xs) => xs.join(''));
    assertProperty(
      fc.property(text, text, (before, after) => {
        const e = minimalEdit(before, after);
        if (before === after) return e === undefined;
        const out = applyEdits(before, [e!]);
        const [s, t] = e!.range;
        const whole = (i: number) => i === 0 || i === before.length || !(before.charCodeAt(i) >= 0xdc00 && before.charCodeAt(i) <= 0xdfff);
        return out === after && whole(s) && whole(t) && e!.text.length <= after.length;
      }),
      { seed: 18, numRuns: 500 },
    );
    assert.deepEqual(minimalEdit('{"a": 1}', '{"a": 1, "b": 2}'), { range: [7, 7], text: ', "b": 2' });
  });
});
