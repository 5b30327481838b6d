/** `hooklint check --stdin`, whose linting the language server shares (`lintStdin`). */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from './helpers.js';

/** A temporary project with a .claude folder. */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hooklint-stdin-'));
  mkdirSync(join(dir, '.claude'));
  return dir;
}

describe('hooklint check --stdin, which the server shares its linting with', () => {
  it('skips a file its hooklint.config.json ignores, with a notice, as for a file named on the command line', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'hooklint.config.json'), '{"ignores": [".claude/settings.json"]}\n');
    const text = '{"hooks": {"Stopp": []}}\n';
    const ignored = await runCli(['check', '--stdin', '--stdin-filename', '.claude/settings.json'], { cwd: dir, stdin: text, configLookup: true });
    assert.deepEqual([ignored.code, ignored.stdout], [0, '']);
    assert.match(ignored.stderr, /settings\.json: skipped, ignored by .*hooklint\.config\.json/);
    const named = await runCli(['check', '--stdin', '--stdin-filename', '.claude/settings.local.json'], { cwd: dir, stdin: text, configLookup: true });
    assert.equal(named.code, 1, 'a file the config does not ignore is linted');
  });
});
