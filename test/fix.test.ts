/** `--fix`: format-preserving edits, written atomically, idempotent, never on a file that does not parse. */
import assert from 'node:assert/strict';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyFixes } from '../src/core/fix.js';
import { ROOT, runCli } from './helpers.js';

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
    const before = statSync(f).mtimeMs;
    await runCli(['check', '--fix', f]);
    assert.equal(readFileSync(f, 'utf8'), EXPECTED);
    assert.equal(statSync(f).mtimeMs, before, 'an unchanged file is not written');
  });
  it('never rewrites a file with a JSON syntax error', async () => {
    const broken = '{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "x"}]}]}\n';
    const f = project(broken);
    const r = await runCli(['check', '--fix', f]);
    assert.equal(r.code, 1);
    assert.equal(readFileSync(f, 'utf8'), broken);
  });
  it('applies unsafe fixes only with --unsafe-fixes', async () => {
    const text = '{\n  // note\n  "hooks": {}\n}\n';
    const f = project(text);
    await runCli(['check', '--fix', f]);
    assert.equal(readFileSync(f, 'utf8'), text);
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
    const r = await runCli(['check', '--fix-dry-run', '-f', 'json', f]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(f, 'utf8'), INPUT);
    const [result] = JSON.parse(r.stdout) as { output: string; messages: unknown[] }[];
    assert.equal(result!.output, EXPECTED);
    assert.deepEqual(result!.messages, []);
  });
  it('--diff prints what --fix would change, writes nothing, exits 1 (0 when nothing would change)', async () => {
    const f = project('{\n  "hooks": {\n    "Stop": [ { "hooks": [ { "type": "command", "command": "echo done" } ] } ]\n  }\n}\n');
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
    assert.match(readFileSync(f, 'utf8'), /"echo done" \}/);
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
