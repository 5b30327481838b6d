/**
 * Language server polish (issue 24): completion filtered by event and file kind, keys inserted
 * as `"key": ` with a value snippet, completion in skill and agent frontmatter; only the parse
 * error while json-syntax fires; the suppressions file honoured (src/lsp/findings.ts).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { InsertTextFormat, type CompletionItem } from 'vscode-languageserver';
import { catalog, EVENTS } from '../src/model/catalog.js';
import { completionsAt } from '../src/lsp/completion.js';
import { shownFindings } from '../src/lsp/findings.js';
import { lintText } from '../src/lint/lint.js';
import type { FileKind } from '../src/model/types.js';

const IF_EVENTS = catalog.events.filter((e) => e.ifEvaluated).map((e) => e.name);

function complete(text: string, marker: string, kind: FileKind = 'project-settings', snippets = true): CompletionItem[] {
  const offset = text.indexOf(marker);
  assert.ok(offset >= 0, marker);
  const clean = text.replace(marker, '');
  const uri = kind === 'skill' ? 'file:///p/.claude/skills/f/SKILL.md' : 'file:///p/.claude/settings.json';
  return completionsAt(TextDocument.create(uri, kind === 'skill' || kind === 'agent' ? 'markdown' : 'json', 1, clean), kind, offset, { snippets });
}
const labels = (items: CompletionItem[]) => items.map((i) => i.label);
const newText = (items: CompletionItem[], label: string) => (items.find((i) => i.label === label)?.textEdit as { newText: string } | undefined)?.newText;

describe('completion in JSON', () => {
  const handler = (event: string) => `{"hooks": {"${event}": [{"matcher": "x", "hooks": [{"type": "command", "command": "x", |}]}]}}`;
  it('offers "if" only on the events that evaluate it, and "once" never in JSON', () => {
    assert.equal(IF_EVENTS.length, catalog.events.filter((e) => e.ifEvaluated).length);
    assert.ok(IF_EVENTS.includes('PreToolUse') && !IF_EVENTS.includes('Stop'));
    for (const e of catalog.events) {
      const keys = labels(complete(handler(e.name), '|'));
      assert.equal(keys.includes('if'), IF_EVENTS.includes(e.name), e.name);
      assert.ok(!keys.includes('once'), e.name);
      assert.ok(keys.includes('timeout'), e.name);
    }
  });
  it('offers "matcher" in a group only where the event has a matcher', () => {
    const noMatcher = catalog.events.find((e) => !e.matcher)!;
    assert.deepEqual(labels(complete(`{"hooks": {"${noMatcher.name}": [{|}]}}`, '|')), ['hooks']);
    assert.deepEqual(labels(complete('{"hooks": {"PreToolUse": [{|}]}}', '|')), ['matcher', 'hooks']);
  });
  it('inserts "key": with a value snippet where no ":" follows, and only the name where one does', () => {
    const items = complete(handler('PreToolUse'), '|');
    assert.equal(newText(items, 'timeout'), `"timeout": \${1:${EVENTS.get('PreToolUse')!.recommendedTimeout}}`);
    assert.equal(newText(items, 'async'), '"async": ${1|true,false|}');
    assert.equal(newText(items, 'if'), '"if": "$1"');
    assert.equal(items.find((i) => i.label === 'timeout')!.insertTextFormat, InsertTextFormat.Snippet);
    const typeItems = complete('{"hooks": {"Stop": [{"hooks": [{|}]}]}}', '|');
    assert.equal(newText(typeItems, 'type'), `"type": \${1|${EVENTS.get('Stop')!.handlerTypes.map((t) => `"${t}"`).join(',')}|}`);
    // Inside a key string with its colon already written: the name alone.
    const inKey = complete('{"hooks": {"Stop": [{"hooks": [{"type": "command", "tim|": 5}]}]}}', '|');
    assert.equal(newText(inKey, 'timeout'), 'timeout');
    // Inside a key string without a colon: the whole string is replaced.
    const bare = complete('{"hooks": {"Sto|"}}', '|');
    assert.equal(newText(bare, 'Stop'), '"Stop": [$0]');
    // A client without snippets gets plain names.
    assert.equal(newText(complete(handler('Stop'), '|', 'project-settings', false), 'timeout'), '"timeout"');
  });
});

describe('completion in frontmatter', () => {
  const fm = (body: string) => `---\nname: f\ndescription: d\nhooks:\n${body}---\nThe skill.\n`;
  it('offers event names under hooks:, as keys with a sequence to fill', () => {
    const items = complete(fm('  Post|\n'), '|', 'skill');
    assert.equal(items.length, catalog.events.length);
    assert.equal(newText(items, 'PostToolUse'), 'PostToolUse:\n    - $0');
    const written = complete(fm('  Stop:\n    - hooks:\n        - type: command\n          command: x\n  |\n'), '|', 'skill');
    assert.ok(!labels(written).includes('Stop') && labels(written).includes('PreToolUse'));
  });
  it('offers group keys and handler fields by event and kind (once in a skill, not in an agent)', () => {
    assert.deepEqual(labels(complete(fm('  PreToolUse:\n    - |\n'), '|', 'skill')), ['matcher', 'hooks']);
    const handler = (event: string, kind: FileKind) => labels(complete(fm(`  ${event}:\n    - matcher: Edit\n      hooks:\n        - type: command\n          command: x\n          |\n`), '|', kind));
    const pre = handler('PreToolUse', 'skill');
    assert.ok(pre.includes('if') && pre.includes('once') && pre.includes('timeout') && !pre.includes('command') && !pre.includes('type'), pre.join());
    const stop = handler('Stop', 'agent');
    assert.ok(!stop.includes('if') && !stop.includes('once') && stop.includes('timeout'), stop.join());
    assert.equal(newText(complete(fm('  Stop:\n    - hooks:\n        - type: command\n          time|\n'), '|', 'skill'), 'timeout'), `timeout: \${1:${EVENTS.get('Stop')!.recommendedTimeout}}`);
  });
  it('offers handler types after type: and matcher values after matcher:', () => {
    assert.deepEqual(labels(complete(fm('  SessionStart:\n    - hooks:\n        - type: |\n'), '|', 'skill')), EVENTS.get('SessionStart')!.handlerTypes);
    assert.deepEqual(labels(complete(fm('  PreToolUse:\n    - matcher: Edit|Wr|\n'), '|', 'skill')), catalog.toolNames);
  });
  it('offers nothing outside the frontmatter or outside hooks', () => {
    assert.deepEqual(complete(fm('') + 'Pr|', '|', 'skill'), []);
    assert.deepEqual(labels(complete('---\nna|\n---\n', '|', 'skill')), []);
  });
});

describe('diagnostics the server shows', () => {
  it('only the parse error while json-syntax fires', () => {
    const text = '{"hooks": {"stop": [{"hooks": [{"type": "command", "command": "x"}]}]}';
    const all = lintText(text, { filePath: '.claude/settings.json', kind: 'project-settings' }).diagnostics;
    assert.ok(all.some((d) => d.ruleId === 'json-syntax') && all.some((d) => d.ruleId !== 'json-syntax'), all.map((d) => d.ruleId).join());
    assert.deepEqual([...new Set(shownFindings(all, undefined).map((d) => d.ruleId))], ['json-syntax']);
  });
  it('without what the nearest hooklint-suppressions.json accepts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hooklint-lsp-baseline-'));
    mkdirSync(join(dir, '.claude'));
    const text = '{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "x"}]}]}}';
    const file = join(dir, '.claude', 'settings.json');
    const found = lintText(text, { filePath: file, kind: 'project-settings' }).diagnostics;
    assert.deepEqual(found.map((d) => d.ruleId), ['missing-timeout']);
    assert.equal(shownFindings(found, file).length, 1);
    writeFileSync(join(dir, 'hooklint-suppressions.json'), JSON.stringify({ '.claude/settings.json': { 'missing-timeout': { count: 1 } } }));
    assert.deepEqual(shownFindings(found, file), []);
    writeFileSync(join(dir, 'hooklint-suppressions.json'), JSON.stringify({ '.claude/settings.json': { 'missing-timeout': { count: 0 } } }) + ' ');
    assert.equal(shownFindings(found, file).length, 1, 'a changed file is read again');
  });
});
