/**
 * Issue 23 items 1, 2, 3 and 5: a safe fix never deletes a comment, never
 * changes which hooks run (duplicate keys, a rename onto an existing
 * sibling), keeps a block comment's text when it moves it, and a frontmatter
 * whose first line does not parse is reported and never rewritten. Each
 * reproduction from the issue first, then the guarantees across every rule
 * with a safe fix, then the property: the effective hooks (last key wins, as
 * Claude Code reads them) after `--fix` are those before, but for what each
 * applied fix declares (fixed seed; `npm run fuzz` varies it).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createScanner, parse as parseJsonc, SyntaxKind } from 'jsonc-parser';
import { parseDocument as parseYamlDocument, parse as parseYaml } from 'yaml';
import { applyFixes } from '../src/lint/fix.js';
import { lintText } from '../src/lint/lint.js';
import { parseDocument } from '../src/formats/parse.js';
import { findFrontmatter, yamlCommentSpans } from '../src/formats/frontmatter.js';
import { detectIndentUnit } from '../src/fix/lines.js';
import { EVENTS } from '../src/model/catalog.js';
import { rules } from '../src/rules/index.js';
import { claimContext, targetOfText } from '../src/node/files.js';
import type { FileKind, FixSafety } from '../src/model/types.js';
import { assertProperty, ROOT } from './helpers.js';

const SETTINGS = { filePath: '/p/.claude/settings.json', kind: 'project-settings' as const, projectRoot: '/p' };
const PLUGIN = { filePath: '/pl/hooks/hooks.json', kind: 'plugin-hooks' as const, projectRoot: '/pl', pluginRoot: '/pl' };
const SKILL = { filePath: '/p/.claude/skills/x/SKILL.md', kind: 'skill' as const, projectRoot: '/p' };

/** The texts of a JSONC text's comments, in order. */
function jsonComments(text: string): string[] {
  return parseDocument(text).comments.map((c) => text.slice(c.offset, c.offset + c.length));
}

/** The texts of a frontmatter's YAML comments, in order. */
function yamlComments(text: string): string[] {
  return yamlCommentSpans(text).map((c) => text.slice(c.offset, c.offset + c.length));
}

const H = '{"type": "command", "command": "echo a", "timeout": 5}';

describe('issue 23 item 1: a safe fix never deletes a comment', () => {
  it('empty-hooks keeps "Stop": [ /* TODO ... */ ] (the fix is unsafe, titled so); --fix --unsafe may still take it', () => {
    const text = `{"hooks": {\n  "PreToolUse": [{"hooks": [${H}]}],\n  "Stop": [ /* TODO: audit hook here, see JIRA-123 */ ]\n}}\n`;
    const d = lintText(text, SETTINGS).diagnostics.find((x) => x.ruleId === 'empty-hooks')!;
    assert.equal(d.fix!.safety, 'unsafe');
    assert.match(d.fix!.title, /deletes a comment/);
    assert.equal(applyFixes(text, SETTINGS).output, text);
    assert.doesNotMatch(applyFixes(text, SETTINGS, 'unsafe').output, /Stop/);
  });
  it('empty-hooks keeps a group whose "hooks": [ // keep: removed until fixed\\n ]', () => {
    const text = `{"hooks": {"Stop": [\n  {"hooks": [${H}]},\n  {"hooks": [ // keep: removed until fixed\n  ]}\n]}}\n`;
    assert.equal(applyFixes(text, SETTINGS).output, text);
  });
  it('empty-hooks in frontmatter keeps a group whose commented-out hook lines sit above hooks: []', () => {
    const text = '---\nname: x\nhooks:\n  Stop:\n    - hooks:\n        - type: command\n          command: echo a\n          timeout: 5\n    - matcher: ""\n      # - type: command\n      #   command: ./audit.sh\n      hooks: []\n---\nbody\n';
    const d = lintText(text, SKILL).diagnostics.find((x) => x.ruleId === 'empty-hooks')!;
    assert.equal(d.fix!.safety, 'unsafe');
    assert.equal(applyFixes(text, SKILL).output, text);
  });
  it('an empty group without a comment is still removed by the safe fix', () => {
    const text = `{"hooks": {"Stop": [\n  {"hooks": [${H}]},\n  {"hooks": []}\n]}}\n`;
    assert.equal(applyFixes(text, SETTINGS).output, `{"hooks": {"Stop": [\n  {"hooks": [${H}]}\n]}}\n`);
  });
  it('the language server: the quick fix is offered as unsafe and not preferred, and source.fixAll.hooklint changes nothing', async () => {
    const { quickFixes } = await import('../src/lsp/convert.js');
    const { TextDocument } = await import('vscode-languageserver-textdocument');
    const text = `{"hooks": {\n  "PreToolUse": [{"hooks": [${H}]}],\n  "Stop": [ /* TODO: audit hook here, see JIRA-123 */ ]\n}}\n`;
    const doc = TextDocument.create('file:///p/.claude/settings.json', 'json', 1, text);
    const findings = lintText(text, SETTINGS).diagnostics;
    const at = text.indexOf('"Stop"');
    const actions = quickFixes(findings, doc, at, at, { codeDescription: true } as never);
    const fix = actions.find((a) => /remove "Stop"/.test(a.title))!;
    assert.match(fix.title, /\(unsafe fix\)/);
    assert.notEqual(fix.isPreferred, true);
    // fixAll runs the safe fixes (applyFixes 'safe'): nothing to do here.
    assert.equal(applyFixes(text, SETTINGS, 'safe').fixed, 0);
  });
});

describe('issue 23 item 2: a safe fix never changes which hooks run', () => {
  it('unknown-event does not rename "pretooluse" onto an existing "PreToolUse": a suggestion, not a fix', () => {
    const text = `{"hooks": {\n  "PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "./guard.sh", "timeout": 5}]}],\n  "pretooluse": [{"hooks": [${H}]}]\n}}\n`;
    const d = lintText(text, SETTINGS).diagnostics.find((x) => x.ruleId === 'unknown-event')!;
    assert.equal(d.fix, undefined);
    assert.equal(d.suggestions?.length, 1);
    assert.equal(applyFixes(text, SETTINGS, 'unsafe').output.includes('"pretooluse"'), true);
    assert.ok(!lintText(applyFixes(text, SETTINGS).output, SETTINGS).diagnostics.some((x) => x.ruleId === 'no-duplicate-keys'));
  });
  it('two case variants of one event are not both renamed onto it', () => {
    const text = `{"hooks": {\n  "pretooluse": [{"hooks": [${H}]}],\n  "PRETOOLUSE": [{"hooks": [${H.replace('echo a', 'echo b')}]}]\n}}\n`;
    assert.equal(applyFixes(text, SETTINGS).output, text);
  });
  it('a lone case variant is still renamed', () => {
    const text = `{"hooks": {"pretooluse": [{"hooks": [${H}]}]}}\n`;
    assert.equal(applyFixes(text, SETTINGS).output, text.replace('pretooluse', 'PreToolUse'));
  });
  it('with "Stop": [{...}], "Stop": [] no fix deletes the later, empty key (the earlier one would start running)', () => {
    const text = `{"hooks": {\n  "Stop": [{"hooks": [{"type": "command", "command": "rm -rf build", "timeout": 5}]}],\n  "Stop": []\n}}\n`;
    const d = lintText(text, SETTINGS).diagnostics.find((x) => x.ruleId === 'empty-hooks')!;
    assert.equal(d.fix, undefined);
    assert.equal(applyFixes(text, SETTINGS, 'unsafe').output.match(/"Stop"/g)?.length, 2);
  });
  it('nor renames a key that has a duplicate', () => {
    const text = `{"hooks": {\n  "pretooluse": [{"hooks": [${H}]}],\n  "pretooluse": []\n}}\n`;
    const out = applyFixes(text, SETTINGS, 'unsafe').output;
    assert.equal(out.match(/"pretooluse"/g)?.length, 2);
  });
  it('in frontmatter no fix writes YAML that the yaml package refuses ("Map keys must be unique")', () => {
    const text = '---\nhooks:\n  PreToolUse:\n    - matcher: Bash\n      hooks:\n        - {type: command, command: ./guard.sh, timeout: 5}\n  pretooluse:\n    - hooks:\n        - {type: command, command: echo a, timeout: 5}\n---\n';
    assert.deepEqual(parseYamlDocument(findFrontmatter(text)!.yaml).errors, []);
    const out = applyFixes(text, SKILL, 'unsafe').output;
    assert.deepEqual(parseYamlDocument(findFrontmatter(out)!.yaml).errors.map((e) => e.message), []);
  });
  it('a fix that would create a duplicate key is refused by the fix engine itself (a rule that renames blindly)', () => {
    const blind = {
      meta: { id: 'test-blind-rename', type: 'problem', severity: 'error', section: 2, fixable: 'safe', description: 'x', messages: { m: 'm' } },
      check(ctx: { model: { events: { name: string; keyNode: { offset: number; length: number } }[] }; report: (d: unknown) => void }) {
        for (const e of ctx.model.events) if (e.name === 'stop') ctx.report({ messageId: 'm', node: e.keyNode, fix: { safety: 'safe', title: 'rename', edits: [{ range: [e.keyNode.offset, e.keyNode.offset + e.keyNode.length], text: '"Stop"' }] } });
      },
    };
    const text = `{"hooks": {"Stop": [{"hooks": [${H}]}], "stop": [{"hooks": [${H}]}]}}\n`;
    const r = applyFixes(text, { ...SETTINGS, rules: [blind as never] });
    assert.equal(r.output, text);
    assert.equal(r.notApplied.length, 1);
  });
});

describe('issue 23 item 3: a moved block comment keeps its text', () => {
  const text = '{\n  /*\n   * events of this plugin\n   */\n  "Stop": [{"hooks": [' + H + ']}]\n}\n';
  it('indent detection skips the continuation lines of a block comment (2 spaces, not 1)', () => {
    assert.equal(detectIndentUnit(text), '  ');
    assert.equal(detectIndentUnit('{\n/*\n * c\n */\n\t"a": 1\n}'), '\t');
  });
  it('missing-hooks-wrapper keeps a multi-line block comment\'s continuation lines as written', () => {
    const plugin = '{\n  "Stop": [{"hooks": [' + H + ']}],\n  /* first\n     second */\n  "PreToolUse": [{"hooks": [' + H + ']}]\n}\n';
    const d = lintText(plugin, PLUGIN).diagnostics.find((x) => x.ruleId === 'missing-hooks-wrapper')!;
    assert.equal(d.fix!.safety, 'safe');
    const { output } = applyFixes(plugin, PLUGIN);
    assert.equal(output, '{\n  "hooks": {\n    "Stop": [{"hooks": [' + H + ']}],\n    /* first\n     second */\n    "PreToolUse": [{"hooks": [' + H + ']}]\n  }\n}\n');
    assert.deepEqual(jsonComments(output), jsonComments(plugin));
  });
  it('flat-handler does the same', () => {
    const s = '{"hooks": {"Stop": [\n  {\n    "type": "command", /* a\n       b */\n    "command": "echo a", "timeout": 5\n  }\n]}}\n';
    const { output } = applyFixes(s, SETTINGS);
    assert.deepEqual(jsonComments(output), jsonComments(s));
    assert.notEqual(output, s);
  });
});

describe('issue 23 item 5: a YAML error on the first frontmatter line is reported', () => {
  for (const first of ['name: "a" b', 'hooks: Stop:'])
    it(`${first}`, () => {
      const text = `---\n${first}\nhooks:\n  Stop:\n    - hooks: []\n---\n`;
      const text2 = `---\n${first}\ndescription: x\nhooks: {}\n---\n`;
      for (const t of [text, text2]) {
        const d = lintText(t, SKILL).diagnostics.filter((x) => x.ruleId === 'yaml-syntax');
        assert.ok(d.length > 0, t);
        assert.equal(d[0]!.line, 2);
      }
    });
  it('--fix does not rewrite a frontmatter whose first line does not parse', () => {
    const text = '---\nname: "a" b\nhooks:\n  PreTooluse:\n    - hooks:\n        - type: command\n          command: echo a\n---\n';
    assert.equal(applyFixes(text, SKILL, 'unsafe').output, text);
  });
});
