/**
 * `hooklint --version` (issue 22 §3): hooklint's version and the newest Claude
 * Code its catalog knows, the same in the language server's `serverInfo` and
 * in the JSON and SARIF reports, so a bug report can say which hooklint and
 * which Claude Code it knows.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { createProtocolConnection, InitializeRequest, ShutdownRequest, ExitNotification, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { catalog } from '../src/model/catalog.js';
import { CLI, childEnv, exitOf, ROOT, runCli } from './helpers.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const LINE = `hooklint ${pkg.version} (Claude Code ${catalog.newestVersion})`;

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hooklint-version-'));
  mkdirSync(join(dir, '.claude'));
  writeFileSync(join(dir, '.claude', 'settings.json'), '{ "hooks": { "Interrupt": [ { "matcher": "user", "hooks": [ { "type": "command", "command": "echo stopped" } ] } ] } }\n');
  return dir;
}

describe('hooklint --version', () => {
  it('prints "hooklint <version> (Claude Code <newest catalog version>)" for --version and -v, exit 0', async () => {
    assert.match(LINE, /^hooklint \d+\.\d+\.\d+\S* \(Claude Code \d+\.\d+\.\d+\)$/);
    for (const flag of ['--version', '-v']) {
      const r = await runCli([flag]);
      assert.deepEqual(r, { code: 0, stdout: LINE + '\n', stderr: '' }, flag);
    }
  });
  it('--help mentions it', async () => {
    assert.match((await runCli(['--help'])).stdout, /hooklint --version \(or -v\) prints/);
  });
  it('--format json names both versions in each result', async () => {
    const r = await runCli(['check', '-f', 'json'], { cwd: project() });
    const results = JSON.parse(r.stdout) as { hooklintVersion: string; claudeCodeVersion: string }[];
    assert.ok(results.length > 0);
    for (const res of results) assert.deepEqual([res.hooklintVersion, res.claudeCodeVersion], [pkg.version, catalog.newestVersion]);
  });
  it('--format sarif: tool.driver.version is hooklint\'s, a driver property the catalog\'s Claude Code version', async () => {
    const r = await runCli(['check', '-f', 'sarif'], { cwd: project() });
    const driver = JSON.parse(r.stdout).runs[0].tool.driver;
    assert.equal(driver.version, pkg.version);
    assert.equal(driver.properties.claudeCodeVersion, catalog.newestVersion);
  });
});

describe('the language server', () => {
  const children: ReturnType<typeof spawn>[] = [];
  after(() => {
    for (const c of children) c.kill();
  });
  it('serverInfo carries the same versions', async () => {
    const dir = project();
    const child = spawn(process.execPath, [CLI, 'lsp', '--stdio'], { cwd: dir, env: childEnv(), stdio: ['pipe', 'pipe', 'inherit'] });
    children.push(child);
    const exited = exitOf(child, 'hooklint lsp');
    const conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    conn.listen();
    const uri = pathToFileURL(dir).href;
    const init = await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: 'project' }], capabilities: {} });
    assert.deepEqual(init.serverInfo, { name: 'hooklint', version: LINE.replace(/^hooklint /, '') });
    await conn.sendRequest(ShutdownRequest.type);
    await conn.sendNotification(ExitNotification.type);
    await exited;
    conn.dispose();
  });
});
