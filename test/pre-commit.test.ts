/**
 * The pre-commit hooks as a user meets them (issue 24): the real `pre-commit` program installs
 * the `hooklint` hook from a release commit of this repository (scripts/release.mjs: HEAD plus
 * the built dist/ and a manifest without scripts) into a throwaway git repository, blocks a
 * commit that adds a mistaken settings file or skill, and lets the corrected commit through.
 *
 * Runs every pre-commit found: `pre-commit` on the PATH (Debian's 3.0.4 in CI, installed by
 * .ci/run) and each path in HOOKLINT_TEST_PRE_COMMIT (colon-separated, e.g. a 4.x in a venv).
 * Skipped, saying why, when there is none. Needs the npm registry or cache for the package's
 * four runtime dependencies (as `npm ci` does).
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, it } from 'node:test';
import { childEnv, ROOT, spawnSyncTimed } from './helpers.js';

/** The pre-commit programs to test: absolute paths, with their versions. */
function preCommits(): { bin: string; version: string }[] {
  const bins = [...(process.env.HOOKLINT_TEST_PRE_COMMIT ?? '').split(':').filter(Boolean)];
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const r = spawnSyncTimed(join(dir, 'pre-commit'), ['--version'], { encoding: 'utf8' });
    if (r.status === 0) {
      bins.push(join(dir, 'pre-commit'));
      break;
    }
  }
  return bins.map((bin) => ({ bin, version: spawnSyncTimed(bin, ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? '' })).filter((p) => p.version);
}

const found = preCommits();
const skip = found.length ? false : 'pre-commit is not installed (apt-get install pre-commit, or pip install pre-commit); .ci/run installs it';

/** A commit identity, so that no git configuration is needed (CI has none). */
const IDENTITY = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };

function git(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSyncTimed('git', args, { cwd, encoding: 'utf8', timeout: 300_000, env: childEnv({ ...IDENTITY, ...env }) });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** A release commit of this repository (committed state, with the working tree's hook manifest and dist/). */
function releaseRepo(temp: string): { src: string; rev: string } {
  const src = join(temp, 'hooklint');
  assert.equal(git(temp, ['clone', '--quiet', '--no-hardlinks', ROOT, src]).status, 0);
  cpSync(join(ROOT, '.pre-commit-hooks.yaml'), join(src, '.pre-commit-hooks.yaml'));
  if (git(src, ['status', '--porcelain']).out.trim()) assert.equal(git(src, ['commit', '--quiet', '-am', 'the working tree\'s hook manifest']).status, 0);
  cpSync(join(ROOT, 'dist'), join(src, 'dist'), { recursive: true });
  const r = spawnSyncTimed(process.execPath, [join(src, 'scripts', 'release.mjs'), 'commit'], { cwd: src, encoding: 'utf8', env: childEnv(IDENTITY) });
  assert.equal(r.status, 0, r.stderr);
  return { src, rev: r.stdout.trim() };
}

const BAD_SETTINGS = '{"hooks": {"preToolUse": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "echo hi", "timeout": 5}]}]}}\n';
const GOOD_SETTINGS = '{"hooks": {"PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "echo hi", "timeout": 5}]}]}}\n';
const skill = (event: string) => `---\nname: fmt\ndescription: formats\nhooks:\n  ${event}:\n    - matcher: Edit\n      hooks:\n        - type: command\n          command: echo formatted\n          timeout: 5\n---\nFormat the code.\n`;

describe('pre-commit: the hooklint hook from a release commit', { skip }, () => {
  const temp = mkdtempSync(join(tmpdir(), 'hooklint-pre-commit-'));
  const release = found.length ? releaseRepo(temp) : { src: '', rev: '' };
  for (const { bin, version } of found) {
    it(`${version}: installs, blocks a bad commit (settings and skill frontmatter), passes a good one`, () => {
      const project = mkdtempSync(join(temp, 'project-'));
      const env = { PRE_COMMIT_HOME: join(project, '.pre-commit-home'), npm_config_prefer_offline: 'true', PRE_COMMIT_COLOR: 'never' };
      assert.equal(git(project, ['init', '--quiet']).status, 0);
      writeFileSync(join(project, '.gitignore'), '.pre-commit-home/\n');
      writeFileSync(join(project, '.pre-commit-config.yaml'), `repos:\n  - repo: ${release.src}\n    rev: ${release.rev}\n    hooks:\n      - id: hooklint\n`);
      const run = (args: string[]) => {
        const r = spawnSyncTimed(bin, args, { cwd: project, encoding: 'utf8', timeout: 300_000, env: childEnv(env) });
        return { status: r.status, out: `${r.stdout}${r.stderr}` };
      };
      const install = run(['install', '--install-hooks']);
      assert.equal(install.status, 0, install.out);

      mkdirSync(join(project, '.claude', 'skills', 'fmt'), { recursive: true });
      writeFileSync(join(project, '.claude', 'settings.json'), BAD_SETTINGS);
      writeFileSync(join(project, 'README.md'), '# a project\n');
      assert.equal(git(project, ['add', '-A']).status, 0);
      const blocked = git(project, ['commit', '-m', 'bad settings'], env);
      assert.notEqual(blocked.status, 0, blocked.out);
      assert.match(blocked.out, /hooklint\.+Failed/);
      assert.match(blocked.out, /\.claude\/settings\.json[\s\S]*"preToolUse"[\s\S]*unknown-event/);

      writeFileSync(join(project, '.claude', 'settings.json'), GOOD_SETTINGS);
      writeFileSync(join(project, '.claude', 'skills', 'fmt', 'SKILL.md'), skill('postToolUse'));
      assert.equal(git(project, ['add', '-A']).status, 0);
      const skillBlocked = git(project, ['commit', '-m', 'bad skill'], env);
      assert.notEqual(skillBlocked.status, 0, skillBlocked.out);
      assert.match(skillBlocked.out, /\.claude\/skills\/fmt\/SKILL\.md[\s\S]*"postToolUse"[\s\S]*unknown-event/);

      writeFileSync(join(project, '.claude', 'skills', 'fmt', 'SKILL.md'), skill('PostToolUse'));
      assert.equal(git(project, ['add', '-A']).status, 0);
      const passed = git(project, ['commit', '-m', 'good'], env);
      assert.equal(passed.status, 0, passed.out);
      assert.match(passed.out, /hooklint\.+Passed/);
      assert.match(readFileSync(join(project, '.git', 'hooks', 'pre-commit'), 'utf8'), /pre-commit/);
    });
  }
});
