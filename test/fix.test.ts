/** `--fix`: format-preserving edits, written atomically, idempotent, never on a file that does not parse. */
import assert from 'node:assert/strict';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, applyFixes } from '../src/lint/fix.js';
import { lintText } from '../src/lint/lint.js';
import { parseDocument } from '../src/formats/parse.js';
import { rules } from '../src/rules/index.js';
import { defineRule, type Rule } from '../src/rules/rule.js';
import { assertNotWritten, ROOT, runCli, snapshot } from './helpers.js';

function project(settings: string, mode = 0o600): string {
  const dir = mkdtempSync(join(tmpdir(), 'hooklint-fix-'));
  mkdirSync(join(dir, '.claude'));
  const f = join(dir, '.claude', 'settings.json');
  writeFileSync(f, settings);
  chmodSync(f, mode);
  return f;
}

const INPUT = [
  '{',
  '  "hooks": {',
  '    "PreToolUse": [',
  '      {',
  '        "matcher": "Bash",',
  '        "hooks": [',
  '          {',
  '            "type": "command",',
  '            "command": "echo guard"',
  '          }',
  '        ]',
  '      }',
  '    ],',
  '    "Stop": [ { "hooks": [ { "type": "command", "command": "echo done", "suppressOutput": true } ] } ]',
  '  }',
  '}',
  '',
].join('\r\n');

const EXPECTED = [
  '{',
  '  "hooks": {',
  '    "PreToolUse": [',
  '      {',
  '        "matcher": "Bash",',
  '        "hooks": [',
  '          {',
  '            "type": "command",',
  '            "command": "echo guard",',
  '            "timeout": 10',
  '          }',
  '        ]',
  '      }',
  '    ],',
  '    "Stop": [ { "hooks": [ { "type": "command", "command": "echo done", "timeout": 30 } ] } ]',
  '  }',
  '}',
  '',
].join('\r\n');

describe('--fix', () => {
  it('inserts recommended timeouts and removes suppressOutput like a person would (CRLF kept, one-line objects stay one line)', async () => {
    const f = project(INPUT);
    const r = await runCli(['check', '--fix', '-f', 'compact', f]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(readFileSync(f, 'utf8'), EXPECTED);
    assert.equal(statSync(f).mode & 0o777, 0o600, 'the file mode is kept');
  });
  it('a second run changes nothing', async () => {
    const f = project(EXPECTED);
    const before = snapshot(f);
    await runCli(['check', '--fix', f]);
    assertNotWritten(f, before, 'an unchanged file is not written');
  });
  it('never rewrites a file with a JSON syntax error', async () => {
    const broken = '{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "x"}]}]}\n';
    const f = project(broken);
    const before = snapshot(f);
    const r = await runCli(['check', '--fix', f]);
    assert.equal(r.code, 1);
    assertNotWritten(f, before);
  });
  it('applies unsafe fixes only with --unsafe-fixes', async () => {
    const text = '{\n  // note\n  "hooks": {}\n}\n';
    const f = project(text);
    const before = snapshot(f);
    await runCli(['check', '--fix', f]);
    assertNotWritten(f, before, 'a safe run wrote an unsafe fix');
    await runCli(['check', '--fix', '--unsafe-fixes', f]);
    assert.equal(readFileSync(f, 'utf8'), '{\n  "hooks": {}\n}\n');
  });
  it('keeps a BOM, tabs and a missing final newline', () => {
    const text = '\uFEFF{\n\t"hooks": {\n\t\t"Stop": [\n\t\t\t{\n\t\t\t\t"hooks": [\n\t\t\t\t\t{\n\t\t\t\t\t\t"type": "command",\n\t\t\t\t\t\t"command": "x"\n\t\t\t\t\t}\n\t\t\t\t]\n\t\t\t}\n\t\t]\n\t}\n}';
    const { output } = applyFixes(text, { filePath: 'x', kind: 'project-settings' });
    assert.equal(output, text.replace('"command": "x"', '"command": "x",\n\t\t\t\t\t\t"timeout": 30'));
  });
  it('a timeout too large for a number (1e999 reads as Infinity) is left alone: no "Infinity" written into the file (found by fuzzing)', () => {
    const text = '{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "x", "timeout": 1e9995000}]}]}}\n';
    const { output, diagnostics } = applyFixes(text, { filePath: 'x', kind: 'project-settings' }, 'unsafe');
    assert.equal(output, text);
    assert.ok(!diagnostics.some((d) => d.ruleId === 'timeout-in-milliseconds'));
  });
  it('wraps a flat handler and the events of a wrapper-less hooks.json', () => {
    const text = '{\n  "Stop": [\n    {\n      "type": "command",\n      "command": "x",\n      "timeout": 30\n    }\n  ]\n}\n';
    const { output } = applyFixes(text, { filePath: 'hooks/hooks.json', kind: 'plugin-hooks' });
    assert.equal(
      output,
      '{\n  "hooks": {\n    "Stop": [\n      {\n        "hooks": [\n          {\n            "type": "command",\n            "command": "x",\n            "timeout": 30\n          }\n        ]\n      }\n    ]\n  }\n}\n',
    );
  });
  it('fixes scripts: chmod +x keeps the other bits, "#\\!" becomes "#!"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hooklint-fix-'));
    cpSync(join(ROOT, 'fixtures/script-not-executable/invalid/no-x-bit'), join(dir, 'a'), { recursive: true });
    cpSync(join(ROOT, 'fixtures/escaped-shebang/invalid/backslash'), join(dir, 'b'), { recursive: true });
    chmodSync(join(dir, 'a/scripts/gate.sh'), 0o640);
    const r = await runCli(['check', '--fix', '-f', 'compact', dir]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(statSync(join(dir, 'a/scripts/gate.sh')).mode & 0o777, 0o750);
    assert.equal(readFileSync(join(dir, 'b/scripts/notify.sh'), 'utf8'), '#!/bin/bash\necho done\n');
  });
  it('--fix-dry-run writes nothing and puts the fixed text in the JSON output', async () => {
    const f = project(INPUT);
    const before = snapshot(f);
    const r = await runCli(['check', '--fix-dry-run', '-f', 'json', f]);
    assert.equal(r.code, 0, r.stderr);
    assertNotWritten(f, before);
    const [result] = JSON.parse(r.stdout) as { output: string; messages: unknown[] }[];
    assert.equal(result!.output, EXPECTED);
    assert.deepEqual(result!.messages, []);
  });
  it('--diff prints what --fix would change, writes nothing, exits 1 (0 when nothing would change)', async () => {
    const f = project('{\n  "hooks": {\n    "Stop": [ { "hooks": [ { "type": "command", "command": "echo done" } ] } ]\n  }\n}\n');
    const before = snapshot(f);
    const r = await runCli(['check', '--diff', f], { cwd: join(f, '..', '..') });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(
      r.stdout,
      [
        '--- a/.claude/settings.json',
        '+++ b/.claude/settings.json',
        '@@ -1,5 +1,5 @@',
        ' {',
        '   "hooks": {',
        '-    "Stop": [ { "hooks": [ { "type": "command", "command": "echo done" } ] } ]',
        '+    "Stop": [ { "hooks": [ { "type": "command", "command": "echo done", "timeout": 30 } ] } ]',
        '   }',
        ' }',
        '',
      ].join('\n'),
    );
    assertNotWritten(f, before);
    const clean = project(EXPECTED);
    const r2 = await runCli(['check', '--diff', clean]);
    assert.equal(r2.code, 0);
    assert.equal(r2.stdout, '');
  });
  it('--diff and --fix cannot be combined; --unsafe-fixes needs a fix mode', async () => {
    assert.equal((await runCli(['check', '--fix', '--diff', '.'])).code, 2);
    const r = await runCli(['check', '--unsafe-fixes', '.']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--unsafe-fixes needs --fix, --fix-dry-run or --diff/);
  });
});

describe('--fix last guard: a fix that would break the JSON is dropped', () => {
  /**
   * A test-only rule with a broken fix: it reports every handler and its fix
   * deletes the handler's closing brace (and the character before it, so it
   * starts before missing-timeout's insertion and blocks it in the pass).
   */
  const broken = defineRule({
    meta: { id: 'test-broken-fix', type: 'problem', severity: 'error', section: 3, fixable: 'safe', description: 'test only', messages: { m: 'a finding with a broken fix' } },
    check(ctx) {
      for (const h of ctx.model.handlers) {
        const end = h.node.offset + h.node.length;
        ctx.report({ messageId: 'm', node: h.node, fix: { safety: 'safe', title: 'delete a brace', edits: [{ range: [end - 2, end], text: '' }] } });
      }
    },
  });
  const text = '{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "x"}]}]}}\n';
  const options = { filePath: '/p/.claude/settings.json', kind: 'project-settings' as const, projectRoot: '/p' };

  it('applyFixes drops it, applies the fix it blocked, and lists it in notApplied at its final position', () => {
    const res = applyFixes(text, { ...options, rules: [broken, ...rules] });
    assert.equal(res.output, '{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "x", "timeout": 30}]}]}}\n');
    assert.equal(res.fixed, 1);
    assert.deepEqual(res.notApplied.map((d) => [d.ruleId, d.line, d.column, d.fix?.title]), [['test-broken-fix', 1, 32, 'delete a brace']]);
    assert.ok(res.diagnostics.includes(res.notApplied[0]!), 'the finding stays among the diagnostics');
    assert.equal(parseDocument(res.output).syntaxErrors.length, 0);
    // Without the guard the same edits would have produced a syntax error.
    const edits = lintText(text, { ...options, rules: [broken] }).diagnostics[0]!.fix!.edits;
    assert.ok(parseDocument(applyEdits(text, edits)).syntaxErrors.length > 0, 'the test rule really breaks the text');
  });
  it('a text where the broken fix is the only fix is returned unchanged', () => {
    const clean = text.replace('"x"}', '"x", "timeout": 30}');
    const res = applyFixes(clean, { ...options, rules: [broken, ...rules] });
    assert.equal(res.output, clean);
    assert.equal(res.fixed, 0);
    assert.equal(res.notApplied.length, 1);
  });
  it('fixes that break the text only together: the first is kept, the second dropped', () => {
    // Alone, each leaves valid JSON; together they leave `{ , "b": 2}`.
    const pair = defineRule({
      meta: { id: 'test-pair', type: 'problem', severity: 'warning', section: 3, fixable: 'safe', description: 'test only', messages: { remove: 'remove hooks', add: 'add b' } },
      check(ctx) {
        const root = ctx.doc.root!;
        const close = root.offset + root.length - 1;
        const prop = root.children?.[0];
        if (prop) ctx.report({ messageId: 'remove', node: prop, fix: { safety: 'safe', title: 'remove "hooks"', edits: [{ range: [prop.offset, prop.offset + prop.length], text: '' }] } });
        ctx.report({ messageId: 'add', node: root, fix: { safety: 'safe', title: 'add "b"', edits: [{ range: [close, close], text: ', "b": 2' }] } });
      },
    });
    const res = applyFixes('{"hooks": {} }\n', { ...options, rules: [pair] });
    assert.equal(res.output, '{ }\n');
    assert.equal(res.fixed, 1);
    assert.deepEqual(res.notApplied.map((d) => d.messageId), ['add']);
  });
  it('--fix (in process): a one-line notice naming the rule, the file keeps the other fixes, the exit code follows the remaining findings', async () => {
    const { main } = await import('../src/cli/main.js');
    const f = project(text);
    const all = rules as Rule[];
    all.unshift(broken as Rule);
    let stdout = '';
    let stderr = '';
    let code: number;
    try {
      code = await main(['check', '--fix', '--no-scripts', '--no-config-lookup', '-f', 'compact', f], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env: {}, cwd: join(f, '..', '..'), isTTY: false });
    } finally {
      all.splice(all.indexOf(broken as Rule), 1);
    }
    assert.equal(stderr, `hooklint: ${f}:1:32: the test-broken-fix fix (delete a brace) was not applied: it would have left a JSON syntax error\n`);
    assert.equal(readFileSync(f, 'utf8'), '{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "x", "timeout": 30}]}]}}\n');
    assert.equal(stdout, '.claude/settings.json:1:32: error: a finding with a broken fix [test-broken-fix]\n');
    assert.equal(code, 1, 'the unfixed error remains a finding');
  });
});
