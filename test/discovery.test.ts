/**
 * Which files hooklint claims as Claude Code's ("Precision on real
 * repositories" §1, SPEC.md §4.1): a walk lints only the files Claude Code
 * reads, plugin manifests and what they name, copies of settings files, and
 * the known unloaded locations; other agents' hook files are never linted,
 * and are skipped with a one-line notice when named.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { agentOfFolder, foreignAgent, foreignContent, PluginLayout } from '../src/node/claims.js';
import { claimContext, kindFromPath, sniffKind } from '../src/node/files.js';
import { lintFiles } from '../src/node/lint-files.js';
import { runCli } from './helpers.js';

const STOP = (command: string) => ({ hooks: { Stop: [{ hooks: [{ type: 'command', command, timeout: 30 }] }] } });
/** Cursor's format: `"version": 1`, camelCase events, handlers without groups. */
const CURSOR = { version: 1, hooks: { sessionStart: [{ command: 'node .cursor/hooks/start.js' }], preToolUse: [{ command: 'x' }] } };
/** Codex's format is Claude Code's shape, PascalCase events included: only the path tells them apart. */
const CODEX = { hooks: { PostToolUse: [{ matcher: 'Edit|apply_patch', hooks: [{ type: 'command', command: 'node .codex/hook.mjs' }] }] } };

function tree(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hooklint-claims-'));
  for (const [p, v] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), typeof v === 'string' ? v : JSON.stringify(v, null, 2) + '\n');
  }
  return dir;
}

/** A repository with Claude Code's files and other agents' beside them. */
const FOREIGN: Record<string, unknown> = {
  '.cursor/hooks.json': CURSOR,
  '.codex/hooks.json': CODEX,
  '.github/hooks/guard.json': { version: 1, hooks: { preToolUse: [{ type: 'command', bash: 'x' }] } },
  '.github/hooks/hooks.json': CODEX,
  '.gemini/settings.json': { hooks: { BeforeTool: [{ hooks: [{ type: 'command', command: 'x' }] }] } },
  '.windsurf/hooks.json': CODEX,
  '.kimi-plugin/plugin.json': { name: 'p', version: '1.0.0', hooks: { sessionStart: [{ command: 'x' }] } },
  '.copilot-plugin/plugin.json': { name: 'p', hooks: { Stop: [{ hooks: [{ type: 'command', command: 'x' }] }] } },
  'plugins/beads/.codex-plugin/hooks/hooks.json': CODEX,
  'plugins/beads/.codex-plugin/plugin.json': { name: 'beads' },
  'configs/cursor/hooks/hooks.json': CODEX,
  'cursor-hooks/hooks.json': CURSOR,
  '.vscode/settings.json': { 'editor.tabSize': 2 },
};
const CLAUDE: Record<string, unknown> = {
  '.claude/settings.json': STOP('echo project'),
  '.claude-plugin/plugin.json': { name: 'p', version: '1.0.0' },
  'hooks/hooks.json': { description: 'plugin hooks', ...STOP('echo plugin') },
};

describe('discovery: other agents\' files', () => {
  it('a walk lints Claude Code\'s files and none of the other agents\' (no notice either)', () => {
    const dir = tree({ ...FOREIGN, ...CLAUDE });
    const out = lintFiles([dir], { scripts: false, useConfig: false });
    assert.deepEqual(out.results.map((r) => relative(dir, r.filePath)).sort(), Object.keys(CLAUDE).sort());
    assert.deepEqual(out.notices, []);
    assert.deepEqual(out.errors, []);
  });

  it('each foreign file named on the command line is skipped with a one-line notice naming its agent', async () => {
    const dir = tree(FOREIGN);
    const named = ['.cursor/hooks.json', '.codex/hooks.json', '.github/hooks/guard.json', '.kimi-plugin/plugin.json', 'plugins/beads/.codex-plugin/hooks/hooks.json', 'configs/cursor/hooks/hooks.json'];
    const r = await runCli(['check', '--no-config-lookup', '-f', 'json', ...named], { cwd: dir });
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout), []);
    const agents = ['Cursor', 'OpenAI Codex', 'GitHub Copilot', 'Kimi', 'OpenAI Codex', 'Cursor'];
    assert.deepEqual(
      r.stderr.trimEnd().split('\n'),
      named.map((p, i) => `hooklint: ${join(dir, p)}: skipped, a ${agents[i]} hook file, not Claude Code's`),
    );
  });

  it('a named file whose path says nothing is another tool\'s with a top-level "version" or a foreign "$schema"', async () => {
    const dir = tree({
      'a.json': { version: 1, hooks: { Stop: [{ command: 'x' }] } },
      'b.json': { $schema: 'https://example.com/other-agent-hooks.json', hooks: { Stop: [{ hooks: [{ type: 'command', command: 'x' }] }] } },
      'c.json': { $schema: 'https://json.schemastore.org/claude-code-settings.json', hooks: { Stop: [{ hooks: [{ type: 'command', command: 'x', timeout: 5 }] }] } },
    });
    const r = await runCli(['check', '--no-config-lookup', '-f', 'json', 'a.json', 'b.json', 'c.json'], { cwd: dir });
    assert.deepEqual(JSON.parse(r.stdout).map((x: { filePath: string }) => relative(dir, x.filePath)), ['c.json']);
    assert.match(r.stderr, /a\.json: skipped, another tool's hook file \(it has a top-level "version", which Claude Code's hook files do not\)\n/);
    assert.match(r.stderr, /b\.json: skipped, another tool's hook file \(its "\$schema" \(https:\/\/example\.com\/other-agent-hooks\.json\) is another tool's\)\n/);
  });

  it('--stdin for another agent\'s path prints nothing but the notice', async () => {
    const dir = tree({});
    const r = await runCli(['check', '--no-config-lookup', '-f', 'json', '--stdin', '--stdin-filename', '.cursor/hooks.json'], { cwd: dir, stdin: JSON.stringify(CURSOR) });
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout), []);
    assert.match(r.stderr, /\.cursor\/hooks\.json: skipped, a Cursor hook file, not Claude Code's\n$/);
  });

  it('folder names: agents with and without dots and suffixes; bare common words need the dot', () => {
    for (const [name, agent] of [['.cursor', 'Cursor'], ['cursor-hooks', 'Cursor'], ['.codex-plugin', 'OpenAI Codex'], ['codex', 'OpenAI Codex'], ['.github', 'GitHub Copilot'], ['.copilot-plugin', 'GitHub Copilot'], ['.gemini', 'Gemini CLI'], ['.windsurf', 'Windsurf'], ['.kimi-plugin', 'Kimi'], ['gemini_config', 'Gemini CLI']] as const)
      assert.equal(agentOfFolder(name), agent, name);
    for (const name of ['github', 'vscode', 'continue', 'hooks', '.claude', '.claude-plugin', 'plugins', 'cursors', 'my-codex-fork', 'src'])
      assert.equal(agentOfFolder(name), undefined, name);
  });

  it('only folders below the walk root count: a repository called codex is walked as usual', () => {
    assert.equal(foreignAgent('/src/codex/.claude/settings.json', '/src/codex'), undefined);
    assert.equal(foreignAgent('/src/codex/.codex/hooks.json', '/src/codex'), 'OpenAI Codex');
    assert.equal(foreignAgent('/src/x/.cursor/hooks.json', '/src/x/.cursor'), 'Cursor');
    assert.equal(foreignContent({ version: 1 }) !== undefined, true);
    assert.equal(foreignContent({ $schema: 'https://json.schemastore.org/claude-code-settings.json' }), undefined);
  });

  it('guessing a kind compares event names case-sensitively', () => {
    assert.equal(sniffKind('x.json', JSON.stringify({ hooks: { preToolUse: [] } })), undefined);
    assert.equal(sniffKind('x.json', JSON.stringify({ hooks: { PreToolUse: [] } })), 'settings');
    assert.equal(sniffKind('x.json', JSON.stringify({ PreToolUse: [] })), 'plugin-hooks');
    assert.equal(sniffKind('x.json', JSON.stringify({ sessionStart: [] })), undefined);
  });
});

describe('discovery: plugin roots and unloaded plugin files', () => {
  it('the plugin root of .claude-plugin/hooks/hooks.json is the folder holding .claude-plugin/, and the file is unloaded', () => {
    const dir = tree({
      '.claude-plugin/plugin.json': { name: 'p' },
      '.claude-plugin/hooks/hooks.json': STOP('bash "${CLAUDE_PLUGIN_ROOT}/scripts/present.sh"'),
      'scripts/present.sh': '#!/bin/sh\nexit 0\n',
    });
    const t = kindFromPath(join(dir, '.claude-plugin/hooks/hooks.json'), claimContext({}))!;
    assert.equal(t.pluginRoot, dir);
    assert.equal(t.kind, 'plugin-hooks');
    assert.match(t.unloaded!, /loads only hooks\/hooks\.json and the files its plugin\.json names, not \.claude-plugin\/hooks\/hooks\.json/);
    const out = lintFiles([dir], { useConfig: false });
    const r = out.results.find((x) => x.filePath.endsWith('.claude-plugin/hooks/hooks.json'))!;
    // ${CLAUDE_PLUGIN_ROOT} is the plugin root: the script there is found.
    assert.deepEqual(r.messages.map((m) => m.ruleId), ['unloaded-location']);
  });

  it('the nearest folder with a manifest is the root; a hooks file its manifest names is loaded, others are not', () => {
    const dir = tree({
      'plugins/a/.claude-plugin/plugin.json': { name: 'a', hooks: ['./extra/hooks/hooks.json'] },
      'plugins/a/hooks/hooks.json': STOP('echo a'),
      'plugins/a/extra/hooks/hooks.json': STOP('echo named'),
      'plugins/a/skills/x/hooks/hooks.json': STOP('echo nested'),
    });
    const ctx = claimContext({});
    const at = (p: string) => kindFromPath(join(dir, p), ctx)!;
    assert.equal(at('plugins/a/hooks/hooks.json').unloaded, undefined);
    assert.equal(at('plugins/a/hooks/hooks.json').pluginRoot, join(dir, 'plugins/a'));
    assert.equal(at('plugins/a/extra/hooks/hooks.json').unloaded, undefined);
    assert.equal(at('plugins/a/extra/hooks/hooks.json').inPlace, true);
    assert.match(at('plugins/a/skills/x/hooks/hooks.json').unloaded!, /not skills\/x\/hooks\/hooks\.json/);
  });

  it('a marketplace\'s local plugin without a manifest is a plugin root of its own', () => {
    const dir = tree({
      '.claude-plugin/marketplace.json': { name: 'm', plugins: [{ name: 'b', source: './plugins/b', strict: false }] },
      '.claude-plugin/plugin.json': { name: 'root-plugin' },
      'plugins/b/hooks/hooks.json': STOP('echo b'),
    });
    const t = kindFromPath(join(dir, 'plugins/b/hooks/hooks.json'), claimContext({}))!;
    assert.equal(t.pluginRoot, join(dir, 'plugins/b'));
    assert.equal(t.unloaded, undefined);
  });

  it('a marketplace may list its own .claude-plugin folder as a plugin (agentize): its hooks/hooks.json loads; unlisted, it does not', () => {
    const dir = tree({
      '.claude-plugin/marketplace.json': { name: 'm', plugins: [{ name: 'a', source: './.claude-plugin/', strict: false }] },
      '.claude-plugin/hooks/hooks.json': STOP('echo a'),
    });
    const t = kindFromPath(join(dir, '.claude-plugin/hooks/hooks.json'), claimContext({}))!;
    assert.equal(t.pluginRoot, join(dir, '.claude-plugin'));
    assert.equal(t.unloaded, undefined);
    const unlisted = tree({ '.claude-plugin/plugin.json': { name: 'p' }, '.claude-plugin/hooks/hooks.json': STOP('echo p') });
    assert.match(kindFromPath(join(unlisted, '.claude-plugin/hooks/hooks.json'), claimContext({}))!.unloaded!, /not \.claude-plugin\/hooks\/hooks\.json|never \.claude-plugin/);
  });

  it('hooks/hooks.json with no manifest anywhere is a plugin without one when its content says so; .claude/hooks/hooks.json is not', () => {
    const dir = tree({
      'hooks/hooks.json': STOP('echo x'),
      '.claude/hooks/hooks.json': STOP('echo y'),
      // A webhook server's hooks.json: the name, not the format.
      'deploy/hooks/hooks.json': [{ id: 'redeploy', 'execute-command': '/srv/redeploy.sh' }],
    });
    const ctx = claimContext({});
    assert.deepEqual(kindFromPath(join(dir, 'hooks/hooks.json'), ctx), { path: join(dir, 'hooks/hooks.json'), kind: 'plugin-hooks', pluginRoot: dir, inPlace: true, confirm: true });
    assert.match(kindFromPath(join(dir, '.claude/hooks/hooks.json'), ctx)!.unloaded!, /read only inside a plugin/);
    const out = lintFiles([dir], { scripts: false, useConfig: false });
    assert.deepEqual(out.results.map((r) => relative(dir, r.filePath)).sort(), ['.claude/hooks/hooks.json', 'hooks/hooks.json']);
    assert.deepEqual(out.notices, []);
  });

  it('in a marketplace that does not list it, a hooks/hooks.json is no plugin: a copy (a build source), linted in conditional words', () => {
    const dir = tree({
      '.claude-plugin/marketplace.json': { name: 'm', plugins: [{ name: 'p', source: './plugins/p' }] },
      'plugins/p/.claude-plugin/plugin.json': { name: 'p' },
      'plugins/p/hooks/hooks.json': STOP('echo p'),
      'src/hooks/hooks.json': { hooks: { Stop: [{ hooks: [{ type: 'command', command: 'echo src' }] }] } },
    });
    const t = kindFromPath(join(dir, 'src/hooks/hooks.json'), claimContext({}))!;
    assert.equal(t.inPlace, false);
    assert.equal(t.unloaded, undefined);
    const out = lintFiles([join(dir, 'src/hooks/hooks.json')], { scripts: false, useConfig: false });
    assert.match(out.results[0]!.messages[0]!.message, /where this file is used, it runs for up to/);
  });

  it('a plugin\'s root settings.json is an unloaded location when it holds hooks, and is not linted when it does not', () => {
    const dir = tree({ '.claude-plugin/plugin.json': { name: 'p' }, 'settings.json': { agent: 'reviewer', ...STOP('echo x') } });
    const out = lintFiles([dir], { scripts: false, useConfig: false });
    const r = out.results.find((x) => x.filePath === join(dir, 'settings.json'))!;
    assert.deepEqual(r.messages.map((m) => m.ruleId), ['unloaded-location']);
    const clean = tree({ '.claude-plugin/plugin.json': { name: 'p' }, 'settings.json': { agent: 'reviewer' } });
    assert.deepEqual(lintFiles([clean], { scripts: false, useConfig: false }).results.map((x) => relative(clean, x.filePath)), ['.claude-plugin/plugin.json']);
  });

  it('PluginLayout reads each manifest once, through the filesystem it is given', () => {
    const reads: string[] = [];
    const layout = new PluginLayout({ exists: (p) => p === '/p/.claude-plugin/plugin.json', read: (p) => (reads.push(p), '{"hooks": "./more/hooks.json"}') });
    assert.equal(layout.placementOf('/p/hooks/hooks.json')?.root, '/p');
    assert.deepEqual(layout.placementOf('/p/more/hooks.json')?.hookFiles, ['/p/more/hooks.json']);
    assert.deepEqual(reads, ['/p/.claude-plugin/plugin.json']);
  });
});

describe('discovery: copies of settings files', () => {
  it('a settings.json outside .claude/ is linted when it holds Claude Code hooks, in words that do not claim it runs there', () => {
    const dir = tree({
      'templates/claude/settings.json': { hooks: { Stop: [{ hooks: [{ type: 'command', command: 'echo hi' }] }] } },
      'app/settings.json': { theme: 'dark', hooks: { onSave: ['format'] } },
      '.zed/settings.json': { hooks: {} },
    });
    const out = lintFiles([dir], { scripts: false, useConfig: false });
    assert.deepEqual(out.results.map((r) => relative(dir, r.filePath)), ['templates/claude/settings.json']);
    const [m] = out.results[0]!.messages;
    assert.equal(m?.ruleId, 'missing-timeout');
    assert.match(m!.message, /^handler has no "timeout": where this file is used, it runs for up to 600 s/);
  });

  it('the blast radius of a copy is said of where it is used', () => {
    const dir = tree({ 'example/settings.json': '{"hooks": {"Stop": [{"hooks": [{"type": "command"}]}]}, "model": "x", "env": {,}}\n' });
    const out = lintFiles([join(dir, 'example/settings.json')], { scripts: false, useConfig: false });
    const fatal = out.results[0]!.messages.find((m) => m.severity === 'error');
    assert.match(fatal!.note!, /^where this file is used, Claude Code skips this whole file/);
  });
});

describe('--fix touches only Claude Code\'s files', () => {
  it('a fix run over a tree with other agents\' files leaves them byte for byte', () => {
    // Claude Code's files without timeouts (a safe fix inserts them); the foreign ones have none either.
    const untimed = { hooks: { Stop: [{ hooks: [{ type: 'command', command: 'echo x' }] }] } };
    const dir = tree({ ...FOREIGN, ...CLAUDE, '.claude/settings.json': untimed, 'hooks/hooks.json': untimed });
    const before = new Map(Object.keys(FOREIGN).map((p) => [p, readFileSync(join(dir, p), 'utf8')]));
    const out = lintFiles([dir], { fix: 'unsafe', scripts: false, useConfig: false });
    assert.ok(out.fixed > 0);
    for (const [p, text] of before) assert.equal(readFileSync(join(dir, p), 'utf8'), text, p);
    assert.deepEqual(out.changes.map((c) => relative(dir, c.path)).sort(), ['.claude/settings.json', 'hooks/hooks.json']);
  });
});
