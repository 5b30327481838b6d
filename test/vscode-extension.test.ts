/**
 * The VS Code extension's manifest (issue 24), in editors/vscode/package.json and, when
 * @vscode/vsce is installed there (`npm run package:vscode` installs it), in the packed .vsix:
 * activation on JSON, JSONC and Markdown; limited support in untrusted workspaces with
 * `hooklint.path` and `hooklint.config` restricted; `hooklint.path` machine-overridable; the
 * three commands, each registered by the extension; the icon, LICENSE and CHANGELOG shipped.
 *
 * Not here: an integration test driving the packaged extension in VS Code with
 * @vscode/test-electron, which downloads VS Code from update.code.visualstudio.com, not
 * reachable from this machine or CI (only the npm registry and Debian packages are).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { childEnv, ROOT, spawnSyncTimed } from './helpers.js';

const EXT = join(ROOT, 'editors', 'vscode');

interface Manifest {
  icon?: string;
  activationEvents: string[];
  capabilities?: { untrustedWorkspaces?: { supported: boolean | 'limited'; description?: string; restrictedConfigurations?: string[] } };
  contributes: { commands?: { command: string; title: string; category?: string }[]; configuration: { properties: Record<string, { scope?: string }> } };
  main: string;
}

/** The checks, for the source manifest and the packed one alike. */
function checkManifest(m: Manifest): void {
  for (const lang of ['json', 'jsonc', 'markdown']) assert.ok(m.activationEvents.includes(`onLanguage:${lang}`), `activates on ${lang}`);
  const trust = m.capabilities?.untrustedWorkspaces;
  assert.equal(trust?.supported, 'limited');
  assert.ok(trust?.description);
  assert.deepEqual([...(trust?.restrictedConfigurations ?? [])].sort(), ['hooklint.config', 'hooklint.path']);
  assert.equal(m.contributes.configuration.properties['hooklint.path']?.scope, 'machine-overridable');
  const titles = Object.fromEntries((m.contributes.commands ?? []).map((c) => [c.command, c.title]));
  assert.deepEqual(titles, { 'hooklint.restartServer': 'Restart server', 'hooklint.showOutput': 'Show output', 'hooklint.fixAll': 'Fix all safe problems in this file' });
  for (const c of m.contributes.commands ?? []) assert.equal(c.category, 'hooklint');
  assert.equal(m.icon, 'images/icon.png');
}

describe('VS Code extension manifest (editors/vscode)', () => {
  const manifest = JSON.parse(readFileSync(join(EXT, 'package.json'), 'utf8')) as Manifest;
  it('activates on JSON, JSONC and Markdown, limits itself in untrusted workspaces, and contributes the three commands', () => {
    checkManifest(manifest);
    const source = readFileSync(join(EXT, 'src', 'extension.ts'), 'utf8');
    for (const c of manifest.contributes.commands ?? []) assert.match(source, new RegExp(`registerCommand\\('${c.command.replace('.', '\\.')}'`), `${c.command} is registered`);
    assert.match(source, /createStatusBarItem\(/);
    // In an untrusted workspace the workspace's node_modules/hooklint is never run.
    assert.match(source, /for \(const f of trusted \? workspace\.workspaceFolders \?\? \[\] : \[\]\)/);
    // Every setting the extension reads is contributed.
    for (const m of source.matchAll(/get<\w+>\('([a-zA-Z.]+)'/g)) assert.ok(`hooklint.${m[1]}` in manifest.contributes.configuration.properties, m[1]);
  });
  it('ships a 128 × 128 PNG icon, a LICENSE and a CHANGELOG, and .vscodeignore lets them into the package', () => {
    const png = readFileSync(join(EXT, manifest.icon!));
    assert.equal(png.subarray(1, 4).toString(), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
    assert.ok(statSync(join(EXT, 'LICENSE')).size > 500);
    assert.match(readFileSync(join(EXT, 'CHANGELOG.md'), 'utf8'), /^# Changelog\n\n## \d+\.\d+\.\d+/);
    const ignore = readFileSync(join(EXT, '.vscodeignore'), 'utf8').split('\n');
    for (const f of ['!LICENSE', '!CHANGELOG.md', `!${manifest.icon}`, `!${manifest.main.replace(/^\.\//, '')}`]) assert.ok(ignore.includes(f), f);
  });
  const vsce = join(EXT, 'node_modules', '.bin', 'vsce');
  const unzip = spawnSyncTimed('unzip', ['-v'], {}).status === 0;
  const skip = !existsSync(vsce) ? '@vscode/vsce is not installed in editors/vscode (npm run package:vscode installs it and packs)' : !unzip ? 'unzip is not installed' : false;
  it('the packed .vsix holds the same manifest, the icon, LICENSE and CHANGELOG, and no node_modules', { skip }, () => {
    const r = spawnSyncTimed('npm', ['run', 'package'], { cwd: EXT, encoding: 'utf8', timeout: 300_000, env: childEnv() });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const vsix = join(EXT, 'hooklint.vsix');
    const list = spawnSyncTimed('unzip', ['-Z1', vsix], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).sort();
    assert.deepEqual(list, ['[Content_Types].xml', 'extension.vsixmanifest', 'extension/LICENSE.txt', 'extension/changelog.md', 'extension/dist/extension.js', 'extension/images/icon.png', 'extension/package.json', 'extension/readme.md']);
    const packed = JSON.parse(spawnSyncTimed('unzip', ['-p', vsix, 'extension/package.json'], { encoding: 'utf8' }).stdout) as Manifest;
    checkManifest(packed);
    const xml = spawnSyncTimed('unzip', ['-p', vsix, 'extension.vsixmanifest'], { encoding: 'utf8' }).stdout;
    for (const asset of ['Content.License', 'Content.Changelog', 'Icons.Default']) assert.match(xml, new RegExp(`Asset Type="Microsoft\\.VisualStudio\\.Services\\.${asset.replace('.', '\\.')}"`), asset);
  });
});
