/**
 * Adopting hooklint on a project with findings (issue 24): the baseline file
 * (`hooklint check --suppress-all`, `--suppress-rule`, `--prune-suppressions`;
 * src/node/suppressions.ts) and `# hooklint-disable-next-line <rule> -- reason` in frontmatter
 * (src/formats/directives.ts, applied in src/lint/lint.ts).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { lintText } from '../src/lint/lint.js';
import { applySuppressions, pruneSuppressions, suppressResults, type Suppressions } from '../src/node/suppressions.js';
import type { Diagnostic, LintResult } from '../src/model/types.js';
import { runCli } from './helpers.js';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hooklint-baseline-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

const handler = (cmd: string, extra = '') => `{"type": "command", "command": "${cmd}"${extra}}`;
/** Three missing timeouts and three lower-case matchers. */
const SETTINGS = `{"hooks": {"PreToolUse": [\n${[1, 2, 3].map((i) => `  {"matcher": "bash", "hooks": [${handler(`echo ${i}`)}]}`).join(',\n')}\n]}}\n`;

describe('hooklint-suppressions.json', () => {
  it('--suppress-all records per file and rule a count; later runs report nothing, then only what is new', async () => {
    const dir = project({ '.claude/settings.json': SETTINGS });
    const before = await runCli(['check', '-f', 'compact'], { cwd: dir });
    assert.equal(before.stdout.trim().split('\n').length, 6);
    const adopt = await runCli(['check', '--suppress-all'], { cwd: dir });
    assert.equal(adopt.code, 0, adopt.stderr);
    assert.match(adopt.stderr, /hooklint-suppressions\.json: 6 findings suppressed in 1 file/);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'hooklint-suppressions.json'), 'utf8')), {
      '.claude/settings.json': { 'missing-timeout': { count: 3 }, 'unknown-matcher-value': { count: 3 } },
    });
    const clean = await runCli(['check', '-f', 'compact'], { cwd: dir });
    assert.deepEqual([clean.code, clean.stdout, clean.stderr], [0, '', '']);
    // A new mistake in another file is reported alone.
    mkdirSync(join(dir, 'p', '.claude-plugin'), { recursive: true });
    mkdirSync(join(dir, 'p', 'hooks'));
    writeFileSync(join(dir, 'p', '.claude-plugin', 'plugin.json'), '{"name": "p"}\n');
    writeFileSync(join(dir, 'p', 'hooks', 'hooks.json'), `{"hooks": {"stop": [{"hooks": [${handler('echo', ', "timeout": 5')}]}]}}\n`);
    const fresh = await runCli(['check', '-f', 'compact'], { cwd: dir });
    assert.equal(fresh.code, 1);
    assert.deepEqual(fresh.stdout.trim().split('\n').map((l) => l.replace(/:.*\[/, ' [')), ['p/hooks/hooks.json [unknown-event]']);
    // One more of a suppressed rule in the same file: that rule's findings there are all reported (nothing tells which is new).
    writeFileSync(join(dir, '.claude', 'settings.json'), SETTINGS.replace('"echo 3"}', '"echo 3"}, ' + handler('echo 4')));
    const more = await runCli(['check', '-f', 'compact', '.claude/settings.json'], { cwd: dir });
    assert.equal(more.stdout.trim().split('\n').filter((l) => l.endsWith('[missing-timeout]')).length, 4);
    assert.ok(!more.stdout.includes('unknown-matcher-value'));
  });
  it('names suppressions that no longer match, and --prune-suppressions lowers or removes them', async () => {
    const dir = project({ '.claude/settings.json': SETTINGS, 'old/.claude/settings.json': SETTINGS });
    await runCli(['check', '--suppress-all'], { cwd: dir });
    writeFileSync(join(dir, '.claude', 'settings.json'), SETTINGS.replace('"bash"', '"Bash"'));
    rmSync(join(dir, 'old'), { recursive: true });
    const stale = await runCli(['check', '-f', 'compact'], { cwd: dir });
    assert.equal(stale.code, 0);
    assert.equal(stale.stdout, '');
    assert.match(stale.stderr, /\.claude\/settings\.json: 3 unknown-matcher-value findings are suppressed but 2 found; run with --prune-suppressions/);
    assert.match(stale.stderr, /old\/\.claude\/settings\.json: 3 missing-timeout findings are suppressed but the file is gone/);
    const pruned = await runCli(['check', '--prune-suppressions'], { cwd: dir });
    assert.match(pruned.stderr, /3 suppressions pruned/);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'hooklint-suppressions.json'), 'utf8')), {
      '.claude/settings.json': { 'missing-timeout': { count: 3 }, 'unknown-matcher-value': { count: 2 } },
    });
    assert.equal((await runCli(['check'], { cwd: dir })).stderr, '');
  });
  it('--suppress-rule records one rule; unknown ids are a usage error; --stdin cannot write', async () => {
    const dir = project({ '.claude/settings.json': SETTINGS });
    const r = await runCli(['check', '-f', 'compact', '--suppress-rule', 'missing-timeout'], { cwd: dir });
    assert.equal(r.code, 0, 'only warnings remain');
    assert.deepEqual(Object.keys(JSON.parse(readFileSync(join(dir, 'hooklint-suppressions.json'), 'utf8'))['.claude/settings.json']), ['missing-timeout']);
    assert.equal(r.stdout.trim().split('\n').filter((l) => l.endsWith('[unknown-matcher-value]')).length, 3);
    const bad = await runCli(['check', '--suppress-rule', 'missing-timout'], { cwd: dir });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown rule "missing-timout"; did you mean "missing-timeout"\?/);
    assert.equal((await runCli(['check', '--stdin', '--suppress-all'], { cwd: dir, stdin: '{}' })).code, 2);
    writeFileSync(join(dir, 'hooklint-suppressions.json'), '{"x": []}');
    const broken = await runCli(['check'], { cwd: dir });
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /hooklint-suppressions\.json: "x" is not an object/);
  });
  it('applies, prunes and records by the pure functions, scoped to the files a run linted', () => {
    const d = (ruleId: string) => ({ ruleId, severity: 'warning', message: '', messageId: '', line: 1, column: 1, endLine: 1, endColumn: 2, offset: 0, length: 1 }) as Diagnostic;
    const result = (filePath: string, messages: Diagnostic[]): LintResult => ({ filePath, kind: 'project-settings', messages, errorCount: 0, warningCount: messages.length, fixableErrorCount: 0, fixableWarningCount: 0 });
    const s: Suppressions = { 'a.json': { x: { count: 2 } }, 'b.json': { y: { count: 1 } } };
    const { results, stale } = applySuppressions([result('/r/a.json', [d('x'), d('z')])], s, '/r', () => true);
    assert.deepEqual(results[0]!.messages.map((m) => m.ruleId), ['z']);
    assert.equal(results[0]!.warningCount, 1);
    assert.deepEqual(stale, [{ file: 'a.json', ruleId: 'x', count: 2, found: 1 }]);
    assert.deepEqual(pruneSuppressions(s, stale), { 'a.json': { x: { count: 1 } }, 'b.json': { y: { count: 1 } } });
    assert.deepEqual(suppressResults([result('/r/a.json', [d('z')])], s, '/r', new Set(['x'])), { 'b.json': { y: { count: 1 } } }, 'a rule with no finding left loses its entry');
  });
});

describe('# hooklint-disable-next-line in frontmatter', () => {
  const skill = (comment: string) => `---\nname: f\ndescription: d\nhooks:\n  PostToolUse:\n    - matcher: Edit\n      hooks:\n${comment ? `        ${comment}\n` : ''}        - type: command\n          command: echo hi\n---\nbody\n`;
  const ids = (text: string) => lintText(text, { filePath: '.claude/skills/f/SKILL.md', kind: 'skill' }).diagnostics.map((x) => x.ruleId);
  it('suppresses the named rules on the next line only when a reason follows " -- "', () => {
    assert.deepEqual(ids(skill('')), ['missing-timeout']);
    assert.deepEqual(ids(skill('# hooklint-disable-next-line missing-timeout -- the formatter needs its time')), []);
    assert.deepEqual(ids(skill('#hooklint-disable-next-line unknown-event,missing-timeout -- ok')), []);
    assert.deepEqual(ids(skill('# hooklint-disable-next-line missing-timeout')), ['disable-directive-invalid', 'missing-timeout']);
    assert.deepEqual(ids(skill('# hooklint-disable-next-line missing-timeout --')), ['disable-directive-invalid', 'missing-timeout']);
    assert.deepEqual(ids(skill('# hooklint-disable-next-line unknown-event -- other rule')), ['missing-timeout']);
  });
  it('counts only whole-line comments inside the frontmatter', () => {
    const after = skill('') + '# hooklint-disable-next-line missing-timeout -- in the body\n';
    assert.deepEqual(ids(after), ['missing-timeout']);
  });
});
