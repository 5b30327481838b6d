/**
 * `hooklint hooks` and the effective hook set (issue 27): fixture homes written
 * here (a fake CLAUDE_CONFIG_DIR, a managed folder given with --managed, an
 * installed-plugins layout under the config folder) for every reason a handler
 * is dropped or does not fire, each asserting that the reason is named.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { effectiveHooks, otherSourcesOf, whichFire, type DropReason, type EffectiveHandler, type EffectiveSet } from '../src/node/effective.js';
import { buildPayload } from '../src/analysis/payload.js';
import { EVENTS } from '../src/model/catalog.js';
import { parseTarget } from '../src/model/version.js';
import { lintText } from '../src/lint/lint.js';
import { runCli } from './helpers.js';

const TMP = mkdtempSync(join(tmpdir(), 'hooklint-hooks-'));
after(() => rmSync(TMP, { recursive: true, force: true }));
let counter = 0;

type Files = Record<string, string | object>;

/** A world: `home/` (CLAUDE_CONFIG_DIR), `managed/`, `proj/`, each file written from `files` (paths relative to the world). */
function world(files: Files): { root: string; home: string; managed: string; proj: string } {
  const root = join(TMP, `w${counter++}`);
  for (const [rel, content] of Object.entries(files)) {
    const p = join(root, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  mkdirSync(join(root, 'proj'), { recursive: true });
  mkdirSync(join(root, 'home'), { recursive: true });
  return { root, home: join(root, 'home'), managed: join(root, 'managed'), proj: join(root, 'proj') };
}

function effective(files: Files, extra: { env?: NodeJS.ProcessEnv; pluginDirs?: string[]; target?: string } = {}): EffectiveSet & { w: ReturnType<typeof world> } {
  const w = world(files);
  const set = effectiveHooks({
    projectDir: w.proj,
    env: { CLAUDE_CONFIG_DIR: w.home, ...(extra.env ?? {}) },
    managedDir: w.managed,
    ...(extra.pluginDirs ? { pluginDirs: extra.pluginDirs.map((d) => join(w.root, d)) } : {}),
    ...(extra.target ? { target: parseTarget(extra.target, 'option')! } : {}),
  });
  return Object.assign(set, { w });
}

const cmd = (command: string, more: object = {}) => ({ type: 'command', command, timeout: 5, ...more });
const hooks = (event: string, matcher: string | undefined, ...handlers: object[]) => ({ hooks: { [event]: [{ ...(matcher !== undefined ? { matcher } : {}), hooks: handlers }] } });

/** The handler whose command is `command` (exactly one). */
function handler(set: EffectiveSet, command: string): EffectiveHandler {
  const found = set.handlers.filter((h) => h.command === command);
  assert.equal(found.length, 1, `one handler runs ${command}; found ${found.length}: ${set.handlers.map((h) => h.command).join(', ')}`);
  return found[0]!;
}

function assertDropped(set: EffectiveSet, command: string, reason: DropReason, ...words: string[]): EffectiveHandler {
  const h = handler(set, command);
  assert.equal(h.status, 'dropped', `${command} is dropped`);
  assert.equal(h.drop!.reason, reason, `${command}: ${h.drop!.message}`);
  for (const w of words) assert.ok(h.drop!.message.includes(w), `"${h.drop!.message}" names ${w}`);
  return h;
}

function assertLoads(set: EffectiveSet, command: string): EffectiveHandler {
  const h = handler(set, command);
  assert.equal(h.status, 'loads', `${command} loads${h.drop ? ` (dropped: ${h.drop.message})` : ''}`);
  return h;
}

/** An installed plugin under the fake config folder: the cache folder, installed_plugins.json and known_marketplaces.json. */
function plugin(id: string, version: string, files: Files, manifest: object = {}): Files {
  const [name, market] = id.split('@') as [string, string];
  const base = `home/plugins/cache/${market}/${name}/${version}`;
  const out: Files = { [`${base}/.claude-plugin/plugin.json`]: { name, version, ...manifest } };
  for (const [rel, c] of Object.entries(files)) out[`${base}/${rel}`] = c;
  return out;
}

function installed(root: string, ids: Record<string, string>): Files {
  const plugins: Record<string, object[]> = {};
  for (const [id, version] of Object.entries(ids)) {
    const [name, market] = id.split('@') as [string, string];
    // The install path is absolute in Claude Code's file: written once the world's root is known (below).
    plugins[id] = [{ scope: 'user', installPath: join(root, `home/plugins/cache/${market}/${name}/${version}`), version, installedAt: '2026-12-01T00:00:00.000Z', lastUpdated: '2026-12-01T00:00:00.000Z' }];
  }
  return { 'home/plugins/installed_plugins.json': { version: 2, plugins } };
}

/** A world with plugins: `installed_plugins.json` written with the world's absolute install paths. */
function withPlugins(files: Files, ids: Record<string, string>, extra: Parameters<typeof effective>[1] = {}) {
  const root = join(TMP, `w${counter}`);
  return effective({ ...files, ...installed(root, ids), 'home/plugins/known_marketplaces.json': { tools: { source: { source: 'github', repo: 'acme/tools' }, installLocation: join(root, 'home/plugins/marketplaces/tools') } } }, extra);
}

describe('hooklint hooks: sources in Claude Code\'s order', () => {
  it('reads managed (with managed-settings.d drop-ins, alphabetically), user, project, local, plugins, skills and agents', () => {
    const set = withPlugins(
      {
        'managed/managed-settings.json': hooks('Stop', undefined, cmd('managed-base')),
        'managed/managed-settings.d/20-b.json': hooks('Stop', undefined, cmd('managed-b')),
        'managed/managed-settings.d/10-a.json': hooks('Stop', undefined, cmd('managed-a')),
        'home/settings.json': { enabledPlugins: { 'fmt@tools': true }, ...hooks('Stop', undefined, cmd('user')) },
        'proj/.claude/settings.json': hooks('Stop', undefined, cmd('project')),
        'proj/.claude/settings.local.json': hooks('Stop', undefined, cmd('local')),
        ...plugin('fmt@tools', '1.0.0', { 'hooks/hooks.json': hooks('Stop', undefined, cmd('plugin')) }),
        'proj/.claude/skills/review/SKILL.md': '---\nname: review\ndescription: r\nhooks:\n  Stop:\n    - hooks:\n        - type: command\n          command: skill\n          timeout: 5\n---\nbody\n',
        'proj/.claude/agents/helper.md': '---\nname: helper\ndescription: h\nhooks:\n  Stop:\n    - hooks:\n        - type: command\n          command: agent\n          timeout: 5\n---\nbody\n',
      },
      { 'fmt@tools': '1.0.0' },
    );
    assert.deepEqual(
      set.handlers.map((h) => `${h.source.scope}:${h.command}`),
      ['managed:managed-base', 'managed:managed-a', 'managed:managed-b', 'user:user', 'project:project', 'local:local', 'plugin:plugin', 'skill:skill', 'agent:agent'],
    );
    for (const h of set.handlers) assert.equal(h.status, 'loads', `${h.command}: ${h.drop?.message}`);
    assert.equal(handler(set, 'skill').source.when, 'skill');
    const agent = handler(set, 'agent');
    assert.equal(agent.source.when, 'agent');
    assert.equal(agent.runsAs, 'SubagentStop', "an agent's Stop runs as SubagentStop");
    assert.equal(handler(set, 'user').line, 9, 'the line of the handler object in the user settings');
  });

  it('--plugin-dir loads a plugin from a folder for the session', () => {
    const set = effective({ 'dev/.claude-plugin/plugin.json': { name: 'dev' }, 'dev/hooks/hooks.json': hooks('Stop', undefined, cmd('dev-hook')) }, { pluginDirs: ['dev'] });
    const h = assertLoads(set, 'dev-hook');
    assert.equal(h.source.plugin, 'dev@inline');
  });

  it('says that project settings wait for workspace trust, and loads them', () => {
    const set = effective({ 'proj/.claude/settings.json': hooks('Stop', undefined, cmd('p')) });
    const h = assertLoads(set, 'p');
    assert.match(h.note ?? '', /workspace-trust/);
  });
});

describe('hooklint hooks: every reason a handler is dropped is named', () => {
  it('disableAllHooks: the value that wins by precedence, and which file it came from', () => {
    // A project false beats a user true (SPEC.md §4.2).
    let set = effective({ 'home/settings.json': { disableAllHooks: true, ...hooks('Stop', undefined, cmd('u')) }, 'proj/.claude/settings.json': { disableAllHooks: false } });
    assertLoads(set, 'u');
    set = effective({ 'home/settings.json': hooks('Stop', undefined, cmd('u')), 'proj/.claude/settings.local.json': { disableAllHooks: true }, 'managed/managed-settings.json': hooks('Stop', undefined, cmd('m')) });
    assertDropped(set, 'u', 'disable-all-hooks', 'settings.local.json');
    assertLoads(set, 'm');
    set = effective({ 'managed/managed-settings.json': { disableAllHooks: true, ...hooks('Stop', undefined, cmd('m')) } });
    assertDropped(set, 'm', 'disable-all-hooks', 'managed');
  });

  it('allowManagedHooksOnly: an invalid value counts as true; a plugin the managed enabledPlugins forces on still runs', () => {
    const set = withPlugins(
      {
        'managed/managed-settings.json': { allowManagedHooksOnly: 'yes', enabledPlugins: { 'forced@tools': true } },
        'home/settings.json': { enabledPlugins: { 'fmt@tools': true }, ...hooks('Stop', undefined, cmd('u')) },
        ...plugin('fmt@tools', '1.0.0', { 'hooks/hooks.json': hooks('Stop', undefined, cmd('fmt')) }),
        ...plugin('forced@tools', '1.0.0', { 'hooks/hooks.json': hooks('Stop', undefined, cmd('forced')) }),
        'proj/.claude/skills/s/SKILL.md': '---\nname: s\ndescription: s\nhooks:\n  Stop:\n    - hooks:\n        - type: command\n          command: skill\n---\n',
      },
      { 'fmt@tools': '1.0.0', 'forced@tools': '1.0.0' },
    );
    assertDropped(set, 'u', 'allow-managed-hooks-only', 'allowManagedHooksOnly', 'managed-settings.json');
    assertDropped(set, 'fmt', 'allow-managed-hooks-only');
    assertDropped(set, 'skill', 'allow-managed-hooks-only');
    assertLoads(set, 'forced');
    assert.equal(set.settings.allowManagedHooksOnly?.value, true);
  });

  it('strictPluginOnlyCustomization: settings hooks stop, plugin and managed hooks keep running', () => {
    const set = withPlugins(
      {
        'managed/managed-settings.json': { strictPluginOnlyCustomization: ['hooks'], ...hooks('Stop', undefined, cmd('m')) },
        'home/settings.json': { enabledPlugins: { 'fmt@tools': true }, ...hooks('Stop', undefined, cmd('u')) },
        'proj/.claude/settings.json': hooks('Stop', undefined, cmd('p')),
        ...plugin('fmt@tools', '1.0.0', { 'hooks/hooks.json': hooks('Stop', undefined, cmd('fmt')) }),
      },
      { 'fmt@tools': '1.0.0' },
    );
    assertDropped(set, 'u', 'strict-plugin-only-customization', 'strictPluginOnlyCustomization');
    assertDropped(set, 'p', 'strict-plugin-only-customization');
    assertLoads(set, 'fmt');
    assertLoads(set, 'm');
  });

  it('CLAUDE_CODE_SAFE_MODE: hooks off, managed hooks still apply', () => {
    const set = effective({ 'managed/managed-settings.json': hooks('Stop', undefined, cmd('m')), 'home/settings.json': hooks('Stop', undefined, cmd('u')) }, { env: { CLAUDE_CODE_SAFE_MODE: '1' } });
    assertDropped(set, 'u', 'safe-mode', 'CLAUDE_CODE_SAFE_MODE');
    assertLoads(set, 'm');
  });

  it('a plugin installed but not enabled, and one enabled but not installed', () => {
    const set = withPlugins(
      {
        'home/settings.json': { enabledPlugins: { 'off@tools': false, 'ghost@tools': true } },
        ...plugin('off@tools', '1.0.0', { 'hooks/hooks.json': hooks('Stop', undefined, cmd('off')) }),
        ...plugin('never@tools', '1.0.0', { 'hooks/hooks.json': hooks('Stop', undefined, cmd('never')) }),
      },
      { 'off@tools': '1.0.0', 'never@tools': '1.0.0' },
    );
    assertDropped(set, 'off', 'plugin-not-enabled', 'disabled in', 'off@tools');
    assertDropped(set, 'never', 'plugin-not-enabled', 'no settings file enables it');
    const ghost = set.sources.find((s) => s.plugin === 'ghost@tools');
    assert.equal(ghost?.dropped?.reason, 'plugin-not-installed');
    assert.match(ghost!.dropped!.message, /not installed/);
  });

  it("a plugin outside its engines range is neither installed nor loaded", () => {
    const set = withPlugins(
      { 'home/settings.json': { enabledPlugins: { 'old@tools': true } }, ...plugin('old@tools', '1.0.0', { 'hooks/hooks.json': hooks('Stop', undefined, cmd('old')) }, { engines: { 'claude-code': '<2.1.200' } }) },
      { 'old@tools': '1.0.0' },
    );
    assertDropped(set, 'old', 'plugin-engines', '<2.1.200');
  });

  it('a second enabled plugin of the same name leaves its hooks out', () => {
    const set = withPlugins(
      {
        'home/settings.json': { enabledPlugins: { 'fmt@tools': true, 'fmt@other': true } },
        ...plugin('fmt@tools', '1.0.0', { 'hooks/hooks.json': hooks('Stop', undefined, cmd('a')) }),
        ...plugin('fmt@other', '1.0.0', { 'hooks/hooks.json': hooks('Stop', undefined, cmd('b')) }),
      },
      { 'fmt@tools': '1.0.0', 'fmt@other': '1.0.0' },
    );
    const dropped = [handler(set, 'a'), handler(set, 'b')].filter((h) => h.status === 'dropped');
    assert.equal(dropped.length, 1);
    assert.equal(dropped[0]!.drop!.reason, 'plugin-name-clash');
    assert.match(dropped[0]!.drop!.message, /same name|named "fmt"/);
  });

  it('a schema error under a guard event drops the whole file; elsewhere only its entry (SPEC.md §12.6)', () => {
    let set = effective({
      'proj/.claude/settings.json': { hooks: { PreToolUse: [{ matcher: ['Bash'], hooks: [cmd('bad')] }], Stop: [{ hooks: [cmd('innocent')] }] } },
    });
    assertDropped(set, 'bad', 'schema-file', 'PreToolUse', 'settings.json:');
    assertDropped(set, 'innocent', 'schema-file', 'whole file');
    set = effective({
      'proj/.claude/settings.json': { hooks: { Stop: [{ matcher: ['x'], hooks: [cmd('bad')] }, { hooks: [cmd('fine')] }] } },
    });
    assertDropped(set, 'bad', 'schema-entry', 'hooks.Stop[0]');
    assertLoads(set, 'fine');
    // The same message check gives in its note (one model of the loader).
    const text = JSON.stringify({ hooks: { Stop: [{ matcher: ['x'], hooks: [cmd('bad')] }] } });
    const note = lintText(text, { filePath: '/p/.claude/settings.json', kind: 'project-settings' }).diagnostics.find((d) => d.note)?.note;
    assert.match(note ?? '', /drops this entry \(hooks\.Stop\[0\]/);
  });

  it('JSON that does not parse drops the file, and its settings do not apply', () => {
    const set = effective({ 'home/settings.json': hooks('Stop', undefined, cmd('u')), 'proj/.claude/settings.local.json': '{ "disableAllHooks": true, "hooks": { "Stop": [ { "hooks": [ { "type": "command", "command": "l" } ] } ] }, }' });
    assertDropped(set, 'l', 'schema-file');
    assertLoads(set, 'u');
  });

  it('an unknown event, and an event newer than the target', () => {
    let set = effective({ 'proj/.claude/settings.json': hooks('PreToolUsee', undefined, cmd('typo')) });
    assertDropped(set, 'typo', 'unknown-event', 'PreToolUsee');
    set = effective({ 'proj/.claude/settings.json': hooks('PreSkillShellCommand', 'Bash', cmd('new')) }, { target: '2.1.300' });
    assertDropped(set, 'new', 'newer-than-target', '2.1.332');
  });

  it('unloaded locations: a standalone .claude/hooks.json, a plugin agent\'s hooks', () => {
    const set = withPlugins(
      {
        'proj/.claude/hooks.json': hooks('Stop', undefined, cmd('nowhere')),
        'home/settings.json': { enabledPlugins: { 'fmt@tools': true } },
        ...plugin('fmt@tools', '1.0.0', { 'agents/a.md': '---\nname: a\ndescription: a\nhooks:\n  Stop:\n    - hooks:\n        - type: command\n          command: plugin-agent\n---\n' }),
      },
      { 'fmt@tools': '1.0.0' },
    );
    assertDropped(set, 'nowhere', 'unloaded-location', 'never reads');
    assertDropped(set, 'plugin-agent', 'unloaded-location', 'agents cannot declare hooks');
  });

  it('an identical handler in several settings files runs once; twice in one file, or a plugin copy, runs separately', () => {
    const set = withPlugins(
      {
        'home/settings.json': { enabledPlugins: { 'fmt@tools': true }, ...hooks('Stop', undefined, cmd('same')) },
        'proj/.claude/settings.local.json': hooks('Stop', undefined, cmd('same')),
        'proj/.claude/settings.json': hooks('Stop', undefined, cmd('twice'), cmd('twice')),
        ...plugin('fmt@tools', '1.0.0', { 'hooks/hooks.json': hooks('Stop', undefined, cmd('same')) }),
      },
      { 'fmt@tools': '1.0.0' },
    );
    const same = set.handlers.filter((h) => h.command === 'same');
    assert.deepEqual(same.map((h) => `${h.source.scope}:${h.status}`), ['user:loads', 'local:dropped', 'plugin:loads']);
    assert.equal(same[1]!.drop!.reason, 'duplicate');
    assert.match(same[1]!.drop!.message, /settings\.json:\d+ \(user\): Claude Code runs it once/);
    assert.deepEqual(set.handlers.filter((h) => h.command === 'twice').map((h) => h.status), ['loads', 'loads']);
  });
});

describe('hooklint hooks --event: which fire, and why the others do not', () => {
  const files: Files = {
    'home/settings.json': {
      hooks: {
        PreToolUse: [
          { matcher: 'Bash', hooks: [cmd('exact-bash'), cmd('git-only', { if: 'Bash(git *)' }), cmd('bg', { async: true })] },
          { matcher: 'Edit|Write', hooks: [cmd('edits')] },
          { matcher: '^mcp__.*', hooks: [cmd('mcp-regex')] },
        ],
        Stop: [{ matcher: 'anything', hooks: [cmd('stop-matcher')] }],
        SessionStart: [{ hooks: [cmd('if-session', { if: 'Bash(git *)' })] }],
      },
    },
    'proj/.claude/skills/s/SKILL.md': '---\nname: s\ndescription: s\nhooks:\n  PreToolUse:\n    - matcher: Bash\n      hooks:\n        - type: command\n          command: skill-once\n          once: true\n---\n',
  };
  const fire = (set: EffectiveSet, event: string, input: object = {}, tool?: string) => {
    const ev = EVENTS.get(event)!;
    return whichFire(set, event, buildPayload(ev, { cwd: set.projectDir, transcriptPath: '/t.jsonl', sessionId: 's' }, input as Record<string, unknown>, tool));
  };
  const by = (results: ReturnType<typeof whichFire>, command: string) => results.find((r) => r.handler.command === command)!;

  it('the matcher: the value compared, exact names or a regex', () => {
    const set = effective(files);
    const r = fire(set, 'PreToolUse', {}, 'Bash');
    assert.equal(by(r, 'exact-bash').fires, true);
    assert.equal(by(r, 'edits').fires, false);
    assert.equal(by(r, 'edits').reason, 'matcher');
    assert.match(by(r, 'edits').why!, /exact names Edit, Write.*tool_name "Bash"/);
    assert.match(by(r, 'mcp-regex').why!, /regular expression.*"Bash"/);
    const m = fire(set, 'PreToolUse', { tool_name: 'mcp__github__create_issue', tool_input: {} });
    assert.equal(by(m, 'mcp-regex').fires, true);
  });

  it('"if": does not match the call; never evaluated off tool events', () => {
    const set = effective(files);
    const r = fire(set, 'PreToolUse', { tool_name: 'Bash', tool_input: { command: 'ls -la' } });
    assert.equal(by(r, 'git-only').reason, 'if');
    assert.match(by(r, 'git-only').why!, /"if": "Bash\(git \*\)" does not match Bash\(ls -la\)/);
    assert.equal(by(fire(set, 'PreToolUse', { tool_name: 'Bash', tool_input: { command: 'git push' } }), 'git-only').fires, true);
    assert.equal(by(fire(set, 'SessionStart'), 'if-session').reason, 'if-not-evaluated');
  });

  it('an event that takes no matcher, once, async, a skill\'s hooks', () => {
    const set = effective(files);
    const stop = by(fire(set, 'Stop'), 'stop-matcher');
    assert.equal(stop.fires, true);
    assert.match(stop.notes.join(' '), /takes no matcher/);
    const r = fire(set, 'PreToolUse', {}, 'Bash');
    assert.match(by(r, 'bg').notes.join(' '), /async: .*cannot decide/);
    assert.match(by(r, 'skill-once').notes.join(' '), /once: runs the first time/);
    assert.match(by(r, 'skill-once').notes.join(' '), /skill has been invoked/);
  });

  it('a dropped handler does not fire, with its drop as the reason', () => {
    const set = effective({ ...files, 'managed/managed-settings.json': { allowManagedHooksOnly: true } });
    const r = fire(set, 'PreToolUse', {}, 'Bash');
    assert.equal(by(r, 'exact-bash').reason, 'dropped');
    assert.match(by(r, 'exact-bash').why!, /allowManagedHooksOnly/);
    assert.match(by(r, 'edits').notes.join(' '), /and if it loaded: matcher "Edit\|Write"/);
  });
});

describe('the language server\'s count of other sources', () => {
  it('counts loading handlers of other sources for an event', () => {
    const set = effective({
      'managed/managed-settings.json': hooks('PreToolUse', 'Bash', cmd('m')),
      'home/settings.json': hooks('PreToolUse', 'Bash', cmd('u1'), cmd('u2')),
      'proj/.claude/settings.json': hooks('PreToolUse', 'Bash', cmd('p')),
    });
    const counts = otherSourcesOf(set, join(set.projectDir, '.claude', 'settings.json'), 'PreToolUse');
    assert.deepEqual([...counts], [['managed', 1], ['user', 2]]);
  });
});

describe('hooklint hooks (CLI)', () => {
  // The done-when project of issue 27: user settings, a managed file with allowManagedHooksOnly, one plugin
  // enabled and another installed but not enabled, a skill with hooks, a broken guard entry in the project
  // settings and a duplicate handler in the local settings.
  const root = join(TMP, `w${counter}`);
  const w = world({
    'managed/managed-settings.json': { allowManagedHooksOnly: true, ...hooks('PreToolUse', 'Bash', cmd('/opt/corp/audit.sh')) },
    'home/settings.json': { enabledPlugins: { 'fmt@tools': true, 'lint@tools': false }, ...hooks('PreToolUse', 'Bash', cmd('~/bin/guard.sh')) },
    ...plugin('fmt@tools', '1.0.0', { 'hooks/hooks.json': hooks('PreToolUse', 'Bash', cmd('fmt-check')) }),
    ...plugin('lint@tools', '1.0.0', { 'hooks/hooks.json': hooks('PreToolUse', 'Bash', cmd('lint-check')) }),
    ...installed(root, { 'fmt@tools': '1.0.0', 'lint@tools': '1.0.0' }),
    'proj/.claude/settings.json': { hooks: { PreToolUse: [{ matcher: ['Bash'], hooks: [cmd('./block-rm.sh')] }] } },
    'proj/.claude/settings.local.json': hooks('PreToolUse', 'Bash', cmd('~/bin/guard.sh')),
    'proj/.claude/skills/review/SKILL.md': '---\nname: review\ndescription: r\nhooks:\n  PreToolUse:\n    - matcher: Bash\n      hooks:\n        - type: command\n          command: ./review-guard.sh\n---\n',
  });
  const env = { CLAUDE_CONFIG_DIR: w.home };

  it('names every handler and the reason for each that does not fire', async () => {
    const r = await runCli(['hooks', '--managed', w.managed, '--event', 'PreToolUse', '--tool', 'Bash', '--no-color'], { cwd: w.proj, env });
    assert.equal(r.code, 0, r.stderr);
    for (const c of ['/opt/corp/audit.sh', '~/bin/guard.sh', 'fmt-check', 'lint-check', './block-rm.sh', './review-guard.sh']) assert.ok(r.stdout.includes(c), `${c} in\n${r.stdout}`);
    for (const reason of ['[allow-managed-hooks-only]', '[plugin-not-enabled]', '[schema-file]', '[duplicate]']) assert.ok(r.stdout.includes(reason), `${reason} in\n${r.stdout}`);
    assert.match(r.stdout, /fires +\d+:\d+ +PreToolUse +Bash +command +\/opt\/corp\/audit\.sh/);
    assert.match(r.stdout, /when the skill is invoked/);
    assert.match(r.stdout, /7 handlers for PreToolUse: 1 fires, 6 do not/);
  });

  it('json and compact; --fail-on-dropped exits 1; a bad event exits 2', async () => {
    const j = await runCli(['hooks', '--managed', w.managed, '-f', 'json'], { cwd: w.proj, env });
    assert.equal(j.code, 0, j.stderr);
    const doc = JSON.parse(j.stdout) as { handlers: { command: string; status: string; reason: string | null }[]; settings: { allowManagedHooksOnly: { value: boolean } } };
    assert.equal(doc.settings.allowManagedHooksOnly.value, true);
    assert.deepEqual(doc.handlers.find((h) => h.command === 'lint-check'), { ...doc.handlers.find((h) => h.command === 'lint-check'), status: 'dropped', reason: 'plugin-not-enabled' });
    const c = await runCli(['hooks', '--managed', w.managed, '-f', 'compact', '--fail-on-dropped'], { cwd: w.proj, env });
    assert.equal(c.code, 1);
    assert.match(c.stdout, /^\.claude\/settings\.local\.json:\d+:\d+: dropped local PreToolUse Bash command "~\/bin\/guard\.sh" \(allow-managed-hooks-only: /m);
    const missing = await runCli(['hooks', 'no-such-folder'], { cwd: w.proj, env });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no-such-folder: no such folder/);
    const noManaged = await runCli(['hooks', '--managed', join(w.root, 'nothing')], { cwd: w.proj, env });
    assert.equal(noManaged.code, 0);
    assert.match(noManaged.stderr, /nothing: no managed-settings\.json/);
    const bad = await runCli(['hooks', '--event', 'PreToolUsee'], { cwd: w.proj, env });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown event "PreToolUsee"; did you mean "PreToolUse"/);
    const input = await runCli(['hooks', '--managed', w.managed, '--event', 'PreToolUse', '--input', '{"tool_name":"Edit"}', '-f', 'json'], { cwd: w.proj, env });
    assert.equal(input.code, 0, input.stderr);
    const fired = JSON.parse(input.stdout) as { handlers: { command: string; fires: boolean; whyReason: string }[]; event: { payload: { tool_name: string } } };
    assert.equal(fired.event.payload.tool_name, 'Edit');
    assert.equal(fired.handlers.find((h) => h.command === '/opt/corp/audit.sh')!.whyReason, 'matcher');
  });

  it('hooklint test leaves out what Claude Code drops (one model of what loads)', async () => {
    const r = await runCli(['test', '--list', '--no-color'], { cwd: w.proj, env });
    assert.match(r.stdout, /not run +\.claude\/settings\.json:\d+:\d+ +PreToolUse.*\.\/block-rm\.sh: Claude Code does not run it: an invalid entry under the guard event PreToolUse/);
    assert.match(r.stdout, /not run +\.claude\/settings\.local\.json:\d+:\d+ +PreToolUse.*guard\.sh: Claude Code does not run it: identical to the handler at .*settings\.json:\d+ \(user\)/);
  });

  it('--fail-on-dropped judges the repository\'s files, not the machine\'s (a plugin not installed, a user hook)', async () => {
    const only = world({
      'home/settings.json': { disableAllHooks: true, enabledPlugins: { 'ghost@tools': true }, ...hooks('Stop', undefined, cmd('user-hook')) },
      'proj/.claude/settings.json': { disableAllHooks: false, ...hooks('Stop', undefined, cmd('project-hook')) },
      // A settings.json at the root of a config repository is a template to copy, not a dropped file.
      'proj/settings.json': hooks('Stop', undefined, cmd('template')),
    });
    const r = await runCli(['hooks', '--managed', only.managed, '--fail-on-dropped', '-f', 'compact'], { cwd: only.proj, env: { CLAUDE_CONFIG_DIR: only.home } });
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /plugin ghost@tools: dropped \(plugin-not-installed/);
    assert.doesNotMatch(r.stdout, /template/);
  });
});
