/**
 * Version targeting and the 2.1.333 loader (issue "Claude Code 2.1.333 in the
 * catalog" §2, §3): the default target is the newest version the catalog
 * knows; --claude-version, "claudeVersion" and a plugin's engines["claude-code"]
 * change it; findings say what the target does. The blast radius follows
 * SPEC.md §12.6.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { lintText } from '../src/lint/lint.js';
import { parseTarget } from '../src/model/version.js';
import { runCli } from './helpers.js';

function tree(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hooklint-versions-'));
  for (const [p, v] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), typeof v === 'string' ? v : JSON.stringify(v, null, 2) + '\n');
  }
  return dir;
}

interface Result {
  filePath: string;
  messages: { ruleId: string; message: string; note?: string; line: number }[];
}

async function check(dir: string, args: string[] = []): Promise<{ code: number; results: Result[]; stderr: string }> {
  const r = await runCli(['check', '-f', 'json', ...args, '.'], { cwd: dir });
  return { code: r.code, results: r.stdout ? (JSON.parse(r.stdout) as Result[]) : [], stderr: r.stderr };
}

const ids = (rs: Result[]) => rs.flatMap((r) => r.messages.map((m) => m.ruleId)).sort();

/** The example: PreSkillShellCommand with `if` and `onFailure: "block"`. */
const SKILL_GUARD = {
  hooks: {
    PreSkillShellCommand: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'echo checked', if: 'Bash(rm *)', onFailure: 'block', timeout: 10 }] }],
  },
};

describe('version targeting', () => {
  it('PreSkillShellCommand with if and onFailure "block": no finding on the default target', async () => {
    const dir = tree({ '.claude/settings.json': SKILL_GUARD });
    const { code, results, stderr } = await check(dir);
    assert.equal(stderr, '');
    assert.deepEqual(ids(results), []);
    assert.equal(code, 0);
  });

  it('--claude-version 2.1.290: the event is too new (an error saying what 2.1.331 and older do), onFailure is ignored', async () => {
    const dir = tree({ '.claude/settings.json': SKILL_GUARD });
    const { code, results } = await check(dir, ['--claude-version', '2.1.290']);
    assert.equal(code, 1);
    const ms = results[0]!.messages;
    assert.deepEqual(ms.map((m) => m.ruleId).sort(), ['ignored-by-target', 'newer-than-target']);
    const event = ms.find((m) => m.ruleId === 'newer-than-target')!;
    assert.match(event.message, /^PreSkillShellCommand needs Claude Code 2\.1\.332; 2\.1\.331 and older open a settings dialog at start/);
    assert.match(event.note!, /checked against Claude Code 2\.1\.290 \(from --claude-version\)/);
    assert.match(ms.find((m) => m.ruleId === 'ignored-by-target')!.message, /^"onFailure" needs Claude Code 2\.1\.295; 2\.1\.294 and older accept "onFailure" silently/);
  });

  it('a plugin with engines ">=2.1.280" is checked against that range without any flag; --claude-version overrides it', async () => {
    const dir = tree({
      '.claude-plugin/plugin.json': { name: 'p', version: '1.0.0', engines: { 'claude-code': '>=2.1.280' } },
      'hooks/hooks.json': { hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'echo x', timeout: 10, onFailure: 'block' }] }] } },
    });
    const auto = await check(dir);
    const m = auto.results.flatMap((r) => r.messages).find((x) => x.ruleId === 'ignored-by-target');
    assert.ok(m, 'the engines range was not used');
    assert.match(m.note!, /checked against Claude Code >=2\.1\.280 \(this plugin's "engines"\)/);
    assert.deepEqual(ids((await check(dir, ['--claude-version', '2.1.333'])).results), []);
  });

  it('"claudeVersion" in hooklint.config.json applies; a bad value is a config error with its position', async () => {
    const dir = tree({ '.claude/settings.json': SKILL_GUARD, 'hooklint.config.json': { claudeVersion: '2.1.300' } });
    const r = await runCli(['check', '-f', 'json', '.'], { cwd: dir, configLookup: true });
    // 2.1.300 has onFailure (2.1.295) but not PreSkillShellCommand (2.1.332).
    assert.deepEqual(ids(JSON.parse(r.stdout) as Result[]), ['newer-than-target']);
    writeFileSync(join(dir, 'hooklint.config.json'), '{"claudeVersion": "latest"}\n');
    const bad = await runCli(['check', '.'], { cwd: dir, configLookup: true });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /hooklint\.config\.json:1:19: "claudeVersion" must be a Claude Code version or range/);
    writeFileSync(join(dir, 'hooklint.config.json'), '{"claudeVersions": "2.1.300"}\n');
    assert.match((await runCli(['check', '.'], { cwd: dir, configLookup: true })).stderr, /unknown key "claudeVersions"; did you mean "claudeVersion"\?/);
  });

  it('--claude-version takes a version or a range; anything else is a usage error', async () => {
    const dir = tree({ '.claude/settings.json': SKILL_GUARD });
    const r = await runCli(['check', '--claude-version', 'newest', '.'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--claude-version takes a Claude Code version or range/);
    assert.ok(parseTarget('>=2.1.280 <2.1.300', 'option'));
    assert.equal(parseTarget('*', 'option'), undefined);
  });

  it('facts that changed keep their older truth for older targets', async () => {
    const plugin = (engines: string) =>
      tree({
        '.claude-plugin/plugin.json': { name: 'p', engines: { 'claude-code': engines }, hooks: './hooks/hooks.json' },
        'hooks/hooks.json': {
          $schema: 'https://json.schemastore.org/claude-code-settings.json',
          surface: 'cli',
          hooks: {
            PermissionRequest: [{ matcher: 'Bash', hooks: [{ type: 'agent', prompt: 'Allow? $ARGUMENTS', timeout: 60 }] }],
            PreToolUse: [{ matcher: 'TaskOutput', hooks: [{ type: 'command', command: 'echo x', timeout: 10 }] }],
            SessionEnd: [{ matcher: 'bypass_permissions_disabled', hooks: [{ type: 'command', command: 'echo bye', timeout: 1 }] }],
          },
        },
      });
    // 2.1.200-2.1.230: $schema warns, naming ./hooks/hooks.json is the duplicate error, surface is fine,
    // agent hooks ran on PermissionRequest, TaskOutput existed, bypass_permissions_disabled was sent.
    const old = await check(plugin('>=2.1.200 <2.1.230'));
    const oldIds = ids(old.results);
    assert.ok(oldIds.includes('duplicate-hooks-file'), oldIds.join());
    assert.ok(oldIds.includes('plugin-hooks-unknown-key'), oldIds.join());
    for (const gone of ['schema', 'handler-type-unsupported', 'legacy-tool-name', 'unknown-matcher-value']) assert.ok(!oldIds.includes(gone), `${gone} on the old target`);
    // The newest: the opposite.
    const now = ids((await check(plugin('>=2.1.333'))).results);
    for (const rule of ['schema', 'handler-type-unsupported', 'legacy-tool-name', 'unknown-matcher-value']) assert.ok(now.includes(rule), `${rule} missing on the new target`);
    for (const gone of ['duplicate-hooks-file', 'plugin-hooks-unknown-key']) assert.ok(!now.includes(gone), `${gone} on the new target`);
  });
});

describe('blast radius per SPEC.md §12.6', () => {
  const lint = (text: string, target?: string) =>
    lintText(text, { filePath: '/p/.claude/settings.json', kind: 'project-settings', projectRoot: '/p', ...(target ? { target: parseTarget(target, 'option')! } : {}) }).diagnostics.filter((d) => d.note);
  const BAD_STOP = '{"model": "x", "hooks": {"Stop": [{"hooks": [{"type": "command"}]}], "PostToolUse": [{"matcher": "Edit", "hooks": [{"type": "http"}]}]}}\n';
  const BAD_GUARD = '{"hooks": {"PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "command"}]}], "Stop": [{"hooks": [{"type": "command"}]}]}}\n';

  it('an invalid entry under another event: that entry alone is dropped, said on each', () => {
    const notes = lint(BAD_STOP).map((d) => d.note);
    assert.deepEqual(notes, [
      'Claude Code drops this entry (hooks.Stop[0]: "entry ignored") and applies the rest of the file',
      'Claude Code drops this entry (hooks.PostToolUse[0]: "entry ignored") and applies the rest of the file',
    ]);
  });
  it('an invalid entry under a guard event: nothing in the file applies (said once)', () => {
    const notes = lint(BAD_GUARD).map((d) => d.note);
    assert.equal(notes[0], 'an invalid entry under PreToolUse leaves this whole file unapplied until it is fixed (Claude Code 2.1.332+): 2 hooks and 0 other settings in it do not take effect');
    assert.equal(notes[1], 'Claude Code drops this entry (hooks.Stop[0]: "entry ignored") and applies the rest of the file');
  });
  it('JSON Claude Code cannot read skips the whole file on every version, whatever else is wrong in it', () => {
    const notes = lint('{"hooks": {"Stop": [],}}\n').map((d) => d.note);
    assert.deepEqual(notes, ['Claude Code skips this whole file: 0 hooks and 0 other settings in it do not load']);
    assert.deepEqual(lint(BAD_STOP.replace('"x"', '"x",')).map((d) => d.note), ['Claude Code skips this whole file: 2 hooks and 1 other setting in it do not load']);
  });
  it('older targets skip the whole file for any invalid entry; a range across 2.1.332 says both', () => {
    assert.deepEqual(lint(BAD_STOP, '2.1.300').map((d) => d.note), ['Claude Code skips this whole file: 2 hooks and 1 other setting in it do not load']);
    assert.match(lint(BAD_STOP, '>=2.1.300').map((d) => d.note)[0]!, /and applies the rest of the file; versions before 2\.1\.332 skip the whole file$/);
  });
  it('duplicate keys parse (the last one wins): no blast radius', () => {
    assert.deepEqual(lint('{"hooks": {}, "hooks": {}}\n'), []);
  });
});
