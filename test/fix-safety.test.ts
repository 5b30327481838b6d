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
import { Parser as YamlParser, parseDocument as parseYamlDocument } from 'yaml';
import { applyFixes, notAppliedNotice } from '../src/lint/fix.js';
import { lintText } from '../src/lint/lint.js';
import { parseDocument } from '../src/formats/parse.js';
import { findFrontmatter } from '../src/formats/frontmatter.js';
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

/** The texts of a frontmatter's YAML comments, in order (read here from yaml's own syntax tree, not from the code under test). */
function yamlComments(text: string): string[] {
  const block = findFrontmatter(text);
  if (!block) return [];
  const out: [number, string][] = [];
  const stack: unknown[] = [...new YamlParser().parse(block.yaml)];
  while (stack.length > 0) {
    const t = stack.pop() as Record<string, unknown> | unknown[] | null;
    if (!t || typeof t !== 'object') continue;
    if (Array.isArray(t)) stack.push(...t);
    else {
      if (t.type === 'comment') out.push([t.offset as number, t.source as string]);
      for (const [k, v] of Object.entries(t)) if (k !== 'source') stack.push(v);
    }
  }
  return out.sort((a, b) => a[0] - b[0]).map(([, s]) => s);
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
    const actions = quickFixes(findings, doc, at, at, { relatedInformation: true });
    const fix = actions.find((a) => /remove "Stop"/.test(a.title))!;
    assert.match(fix.title, /\(unsafe fix\)/);
    assert.notEqual(fix.isPreferred, true);
    // fixAll runs the safe fixes (applyFixes 'safe'): nothing to do here.
    assert.equal(applyFixes(text, SETTINGS, 'safe').fixed, 0);
  });
});

describe('deletesComment (fix/guard.ts)', () => {
  const text = '[1, /* a */ 2, // b\n 3]';
  const spans = parseDocument(text).comments;
  const a = text.indexOf('/*');
  const b = text.indexOf('//');
  const cases: [string, [number, number], string, boolean][] = [
    ['an edit before every comment', [1, 2], '9', false],
    ['an insertion at a comment\'s edge', [a, a], 'x', false],
    ['an insertion inside a comment', [a + 3, a + 3], 'x', true],
    ['a deletion of a whole comment', [a, a + 7], '', true],
    ['a deletion of half a comment', [a + 2, a + 12], ' 2', true],
    ['a rewrite that keeps both comments in order', [a, text.length - 1], '/* a */ 2, // b\n 4', false],
    ['one that keeps them out of order', [a, text.length - 1], '// b\n /* a */ 2, 3', true],
    ['one that reindents a comment', [b, text.length], '//  b\n 3]', true],
  ];
  for (const [name, range, replacement, lost] of cases)
    it(name, async () => {
      const { deletesComment } = await import('../src/fix/guard.js');
      assert.equal(deletesComment(text, { range, text: replacement }, spans), lost);
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
    assert.equal(notAppliedNotice('s.json', r.notApplied[0]!), 's.json:1:91: the test-blind-rename fix (rename) was not applied: it would have written a key its object already has (the later one replaces the earlier)');
    // And a key that already has a duplicate is never renamed: the fix is dropped when the finding is made.
    const twice = `{"hooks": {"stop": [{"hooks": [${H}]}], "stop": []}}\n`;
    assert.deepEqual(lintText(twice, { ...SETTINGS, rules: [blind as never] }).diagnostics.map((d) => d.fix), [undefined, undefined]);
    assert.equal(applyFixes(twice, { ...SETTINGS, rules: [blind as never] }, 'unsafe').output, twice);
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

// ---- across every rule with a safe fix -----------------------------------

function walk(d: string): string[] {
  return readdirSync(d).flatMap((n) => {
    const p = join(d, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

function optionsFor(path: string, text: string) {
  const t = targetOfText(path, text, claimContext({ CLAUDE_CONFIG_DIR: '/nonexistent-user-dir' }));
  if ('skipped' in t) return undefined;
  return { filePath: path, kind: t.kind as FileKind, projectRoot: t.projectRoot, pluginRoot: t.pluginRoot };
}

/** The texts of a file's comments (JSONC or frontmatter YAML), in order. */
function commentsOf(text: string, kind: FileKind): string[] {
  return kind === 'skill' || kind === 'agent' || kind === 'command' ? yamlComments(text) : jsonComments(text);
}

/**
 * Copies of `text` with one comment put inside the deleted span of `[from, to)`:
 * JSONC, a block comment before each token that starts inside it (and a line
 * comment at each line end inside it); YAML, a comment line before each line
 * that starts inside it, at that line's indentation.
 */
function withComments(text: string, from: number, to: number, yaml: boolean): string[] {
  const out: string[] = [];
  if (yaml) {
    for (let p = text.indexOf('\n', from) + 1; p > 0 && p < to; p = text.indexOf('\n', p) + 1) {
      const indent = /^[ \t]*/.exec(text.slice(p))![0];
      out.push(`${text.slice(0, p)}${indent}# note ${out.length}\n${text.slice(p)}`);
    }
    return out;
  }
  const scanner = createScanner(text, false);
  for (let k = scanner.scan(); k !== SyntaxKind.EOF; k = scanner.scan()) {
    const at = scanner.getTokenOffset();
    if (at <= from || at >= to) continue;
    if (k === SyntaxKind.LineBreakTrivia) out.push(`${text.slice(0, at)} // note ${out.length}${text.slice(at)}`);
    else if (k !== SyntaxKind.Trivia) out.push(`${text.slice(0, at)}/* note ${out.length} */ ${text.slice(at)}`);
  }
  return out;
}

describe('issue 23 item 1, for every rule with a safe fix: a comment inside the span of its fix survives --fix', () => {
  const safeRules = rules.filter((r) => r.meta.fixable === 'safe').map((r) => r.meta.id);
  const files = walk(join(ROOT, 'fixtures')).filter((f) => /\.(json|md)$/.test(f) && !f.endsWith('expected.json') && !f.includes(`${join('fixtures', 'fix')}/`));
  it(`fixtures of ${safeRules.length} rules: every variant keeps all its comments under the safe fixes; those whose fix would have deleted one got it as unsafe`, () => {
    const variantsOf = new Map<string, number>();
    const downgradedOf = new Map<string, number>();
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const options = optionsFor(f, text);
      if (!options) continue;
      const yaml = options.kind === 'skill' || options.kind === 'agent' || options.kind === 'command';
      for (const d of lintText(text, options).diagnostics) {
        if (!safeRules.includes(d.ruleId) || d.fix?.safety !== 'safe') continue;
        for (const e of d.fix.edits) {
          if (e.range[1] <= e.range[0]) continue;
          for (const variant of withComments(text, e.range[0], e.range[1], yaml)) {
            const before = commentsOf(variant, options.kind);
            if (before.length !== commentsOf(text, options.kind).length + 1) continue; // the comment went into a scalar: not one
            const lint = lintText(variant, options).diagnostics;
            if (lint.some((x) => x.ruleId === 'json-syntax' || x.ruleId === 'yaml-syntax')) continue;
            variantsOf.set(d.ruleId, (variantsOf.get(d.ruleId) ?? 0) + 1);
            if (lint.some((x) => x.ruleId === d.ruleId && x.fix?.title.endsWith('(deletes a comment)'))) downgradedOf.set(d.ruleId, (downgradedOf.get(d.ruleId) ?? 0) + 1);
            const { output } = applyFixes(variant, options, 'safe');
            assert.deepEqual(commentsOf(output, options.kind), before, `${f} (${d.ruleId}):\n${variant}\n→\n${output}`);
          }
        }
      }
    }
    // The rules whose safe fix deletes text all met a comment in the span, and those that delete members were downgraded.
    for (const id of ['empty-hooks', 'no-suppress-output', 'duplicate-hooks-file', 'missing-hooks-wrapper', 'flat-handler']) assert.ok((variantsOf.get(id) ?? 0) > 0, `${id}: no variant`);
    for (const id of ['empty-hooks', 'no-suppress-output']) assert.ok((downgradedOf.get(id) ?? 0) > 0, `${id}: never downgraded`);
    console.log(`variants per rule: ${JSON.stringify(Object.fromEntries(variantsOf))}; downgraded: ${JSON.stringify(Object.fromEntries(downgradedOf))}`);
  });
});

// ---- the property: the effective hooks -------------------------------------

interface PHandler {
  command: string;
  timeout?: number;
}
interface PGroup {
  matcher?: string;
  hooks: PHandler[];
}
/** A config as written: its event keys in order, duplicates and case variants allowed. */
type Entries = [key: string, groups: PGroup[]][];

/** Known events, case variants of them (unknown-event's case-only rename) and an unknown key. */
const KEYS = ['PreToolUse', 'pretooluse', 'PRETOOLUSE', 'Stop', 'stop', 'SessionStart', 'PostToolUse'];

const entriesArb = (unique: boolean): fc.Arbitrary<Entries> =>
  (unique ? fc.uniqueArray(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 5 }) : fc.array(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 6 }))
    .chain((keys) =>
      fc.tuple(
        ...keys.map((k) =>
          fc
            .array(fc.record({ matcher: fc.option(fc.constantFrom('Bash', 'Edit|Write'), { nil: undefined }), hooks: fc.array(fc.record({ timeout: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }), path: fc.boolean() }), { maxLength: 2 }) }), { maxLength: 2 })
            .map((gs) => [k, gs] as const),
        ),
      ),
    )
    .map((entries) => {
      // Every command is unique, so each hook is known by it; half run a script by its project path (unquoted-path-variable quotes it).
      let n = 0;
      return entries.map(([k, gs]) => [k, gs.map((g) => ({ ...(g.matcher !== undefined ? { matcher: g.matcher } : {}), hooks: g.hooks.map((h) => ({ command: h.path ? `$CLAUDE_PROJECT_DIR/.claude/h${n++}.sh` : `echo h${n++}`, ...(h.timeout !== undefined ? { timeout: h.timeout } : {}) })) }))]);
    });

/** JSONC text of `entries` (keys repeated as written), comment-last layout, with a comment wherever `tape` says. */
function renderJson(entries: Entries, tape: number[]): string {
  let pos = 0;
  const c = (ind: string) => {
    const v = tape.length === 0 ? 0 : tape[pos++ % tape.length]! % 6;
    return v === 1 ? ` /* c${pos} */` : v === 2 ? ` // c${pos}\n${ind}` : '';
  };
  const handler = (h: PHandler, ind: string) => `{${c(ind)} "type": "command", "command": ${JSON.stringify(h.command)}${h.timeout !== undefined ? `, "timeout": ${h.timeout}` : ''} }`;
  const group = (g: PGroup, ind: string) =>
    `{${c(ind)}${g.matcher !== undefined ? ` "matcher": ${JSON.stringify(g.matcher)},` : ''} "hooks": [${c(ind)}${g.hooks.map((h) => `\n${ind}  ${handler(h, ind + '  ')}`).join(',')}${c(ind)}${g.hooks.length ? `\n${ind}` : ''}] }`;
  const event = ([k, gs]: Entries[number]) => `    ${JSON.stringify(k)}:${c('    ')} [${c('      ')}${gs.map((g) => `\n      ${group(g, '      ')}`).join(`,${c('      ')}`)}${c('      ')}${gs.length ? '\n    ' : ''}]`;
  return `{\n  "hooks": {${c('    ')}\n${entries.map(event).join(`,${c('    ')}\n`)}\n  }\n}\n`;
}

/** Frontmatter YAML text of `entries` (keys must be unique), with a comment line wherever `tape` says. */
function renderYaml(entries: Entries, tape: number[]): string {
  const lines: string[] = ['hooks:'];
  for (const [k, gs] of entries) {
    lines.push(`  ${k}:${gs.length === 0 ? ' []' : ''}`);
    for (const g of gs) {
      const first = g.matcher !== undefined ? `matcher: ${JSON.stringify(g.matcher)}` : `hooks:${g.hooks.length === 0 ? ' []' : ''}`;
      lines.push(`    - ${first}`);
      if (g.matcher !== undefined) lines.push(`      hooks:${g.hooks.length === 0 ? ' []' : ''}`);
      for (const h of g.hooks) {
        lines.push(`        - type: command`, `          command: ${h.command}`);
        if (h.timeout !== undefined) lines.push(`          timeout: ${h.timeout}`);
      }
    }
  }
  let pos = 0;
  const out: string[] = [];
  for (const l of lines) {
    if (tape.length > 0 && tape[pos++ % tape.length]! % 5 === 1) out.push(`${/^ */.exec(l)![0]}# c${pos}`);
    out.push(l);
  }
  return `---\nname: x\ndescription: y\n${out.join('\n')}\n---\nBody.\n`;
}

/**
 * The hooks Claude Code runs for a config value (`hooks` read with the last
 * key winning, as JSON.parse and the JSONC reader do): one line per handler,
 * `event matcher command`, with the matcher only for events that have one
 * (a matcher elsewhere is ignored), sorted; and each command's timeout.
 */
function effective(value: unknown): { hooks: string[]; timeouts: Map<string, number | undefined> } {
  const hooks: string[] = [];
  const timeouts = new Map<string, number | undefined>();
  const map = (value as { hooks?: Record<string, unknown> } | undefined)?.hooks ?? {};
  for (const [event, groups] of Object.entries(map)) {
    const spec = EVENTS.get(event);
    if (!spec || !Array.isArray(groups)) continue;
    for (const g of groups as { matcher?: string; hooks?: { command: string; timeout?: number }[] }[])
      for (const h of g.hooks ?? []) {
        // A path quoted by unquoted-path-variable runs the same script: its declared change.
        const command = h.command.replace('"$CLAUDE_PROJECT_DIR"', '$CLAUDE_PROJECT_DIR');
        hooks.push(`${event} ${spec.matcher ? (g.matcher ?? '') : ''} ${command}`);
        timeouts.set(command, h.timeout);
      }
  }
  return { hooks: hooks.sort(), timeouts };
}

/** The hooks the renames (key → event) declare: each renamed key's value (its last occurrence) under its new name. */
function renamedHooks(entries: Entries, renames: Map<string, string>): string[] {
  const hooks: Record<string, PGroup[]> = {};
  for (const [k, gs] of entries) if (renames.has(k)) hooks[renames.get(k)!] = gs;
  return effective({ hooks }).hooks;
}

/**
 * The invariant of issue 23 item 2 for one text: `--fix` (`safety`) leaves
 * the effective hooks as they were, but for what its fixes declare: a
 * timeout added where there was none, a path variable quoted, and a key
 * renamed by an unknown-event fix (its hooks then run under the new name,
 * and every hook that ran before still runs). Returns the fixed text.
 */
function checkEffective(text: string, entries: Entries, options: { filePath: string; kind: FileKind; projectRoot: string }, safety: FixSafety, valueOf: (t: string) => unknown): string {
  // What the renames declare, in any pass (an empty "PreToolUse" removed first lets "pretooluse" be renamed next):
  // unknown-event's reports are recorded as the fix engine receives them.
  const renames = new Map<string, string>();
  const recording = rules.map((r) =>
    r.meta.id !== 'unknown-event'
      ? r
      : {
          ...r,
          check: (ctx: Parameters<typeof r.check>[0]) =>
            r.check({
              ...ctx,
              report: (d) => {
                if (d.fix && (d.fix.safety === 'safe' || safety === 'unsafe')) renames.set(String(d.data!.name), String(d.data!.suggestion));
                ctx.report(d);
              },
            }),
        },
  );
  const { output, notApplied } = applyFixes(text, { ...options, rules: recording }, safety);
  for (const d of notApplied) if (d.ruleId === 'unknown-event') renames.delete(/"([^"]+)"/.exec(d.message)![1]!);
  const plain = effective(valueOf(text));
  const after = effective(valueOf(output));
  // The hooks that ran, and those a rename brings in: a rename never drops a hook that ran.
  assert.deepEqual(after.hooks, [...plain.hooks, ...renamedHooks(entries, renames)].sort(), `the hooks that run:\n${text}\n→\n${output}`);
  for (const [command, t] of plain.timeouts) if (t !== undefined) assert.equal(after.timeouts.get(command), t, `${command}: its timeout`);
  for (const [command, t] of after.timeouts) assert.ok(t !== undefined, `${command}: --fix gives every handler a timeout`);
  return output;
}

describe('issue 23 item 2, the property: the effective hooks after --fix are those before, but for what each applied fix declares', () => {
  it('JSONC settings with duplicate keys, case variants, empty arrays and comments', () => {
    assertProperty(
      fc.property(entriesArb(false), fc.array(fc.nat({ max: 100 }), { maxLength: 40 }), fc.constantFrom<FixSafety>('safe', 'unsafe'), (entries, tape, safety) => {
        const text = renderJson(entries, tape);
        assert.deepEqual(parseDocument(text).syntaxErrors, [], text);
        const output = checkEffective(text, entries, SETTINGS, safety, (t) => parseJsonc(t));
        // Safe fixes keep every comment; no fix adds a duplicate key.
        if (safety === 'safe') assert.deepEqual(jsonComments(output), jsonComments(text));
        const dups = (t: string) => lintText(t, SETTINGS).diagnostics.filter((d) => d.ruleId === 'no-duplicate-keys').length;
        assert.ok(dups(output) <= dups(text), `no new duplicate key:\n${output}`);
      }),
      { seed: 23_002, numRuns: 150 },
    );
  });
  it('skill frontmatter with case variants, empty arrays and comment lines: the fixed YAML is still one the yaml package accepts', () => {
    assertProperty(
      fc.property(entriesArb(true), fc.array(fc.nat({ max: 100 }), { maxLength: 40 }), fc.constantFrom<FixSafety>('safe', 'unsafe'), (entries, tape, safety) => {
        const text = renderYaml(entries, tape);
        const yamlOf = (t: string) => parseYamlDocument(findFrontmatter(t)!.yaml);
        assert.deepEqual(yamlOf(text).errors, [], text);
        const output = checkEffective(text, entries, SKILL, safety, (t) => yamlOf(t).toJS());
        assert.deepEqual(yamlOf(output).errors.map((e) => e.message), [], `the fixed frontmatter parses (unique keys):\n${output}`);
        if (safety === 'safe') assert.deepEqual(yamlComments(output), yamlComments(text));
      }),
      { seed: 23_003, numRuns: 100 },
    );
  });
});
