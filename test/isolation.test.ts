/**
 * The test helpers isolate every CLI run (issue 19 part 4): the variables of
 * the test's own environment, a hooklint.config.json above the temporary
 * directory, and a process that never ends cannot change or hang a test.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { childEnv, exitOf, runCli } from './helpers.js';

const WARN_ONLY = '{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "echo done"}]}]}}\n';

/** A project inside a directory whose hooklint.config.json turns missing-timeout off. */
function projectUnderConfig(): { outer: string; dir: string } {
  const outer = mkdtempSync(join(tmpdir(), 'hooklint-iso-'));
  writeFileSync(join(outer, 'hooklint.config.json'), '{"rules": {"missing-timeout": "off"}}');
  const dir = join(outer, 'project');
  mkdirSync(join(dir, '.claude'), { recursive: true });
  writeFileSync(join(dir, '.claude', 'settings.json'), WARN_ONLY);
  return { outer, dir };
}

describe('runCli isolation', () => {
  it('a config above the project is not looked up unless the test opts in', async () => {
    const { dir } = projectUnderConfig();
    assert.match((await runCli(['check', '-f', 'compact'], { cwd: dir })).stdout, /\[missing-timeout\]/);
    assert.match((await runCli(['-f', 'compact', '.'], { cwd: dir })).stdout, /\[missing-timeout\]/, 'also for the default command');
    assert.equal((await runCli(['check', '-f', 'compact'], { cwd: dir, configLookup: true })).stdout, '');
  });
  it('HOOKLINT_*, NO_COLOR, FORCE_COLOR, GITHUB_ACTIONS and CI of the test process do not reach the CLI; a test can still set them', async () => {
    const { dir } = projectUnderConfig();
    const saved = { ...process.env };
    Object.assign(process.env, { FORCE_COLOR: '1', GITHUB_ACTIONS: 'true', CI: 'true', HOOKLINT_TIMING: 'all', NO_COLOR: '' });
    try {
      const env = childEnv();
      for (const k of ['FORCE_COLOR', 'GITHUB_ACTIONS', 'CI', 'HOOKLINT_TIMING', 'NO_COLOR']) assert.ok(!(k in env), k);
      const r = await runCli(['check'], { cwd: dir });
      assert.ok(!r.stdout.includes('\u001b['), 'no colour');
      assert.ok(!r.stdout.includes('::stop-commands::'), 'not wrapped for GitHub Actions');
      assert.equal(r.stderr, '', 'no timing table');
      const set = await runCli(['check'], { cwd: dir, env: { FORCE_COLOR: '1' } });
      assert.ok(set.stdout.includes('\u001b['), 'a test that sets FORCE_COLOR gets it');
    } finally {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    }
  });
  it('a process that runs too long is killed and the test fails', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    const started = Date.now();
    await assert.rejects(exitOf(child, 'a sleeper', 200), /a sleeper: killed after 0\.2 s/);
    assert.ok(Date.now() - started < 5000);
    assert.ok(child.killed);
  });
});
