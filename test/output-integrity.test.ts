/**
 * Output integrity: text from a config (event names, keys, values, commands,
 * script paths, comments shown in code frames, file names) never starts an
 * output line and never reaches the terminal raw, in every format, on stderr
 * and in --diff. Without ::stop-commands:: (GITHUB_ACTIONS unset, as in these
 * runs), a line starting with `::` would be a GitHub workflow command.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Chalk } from 'chalk';
import { lintText } from '../src/lint/lint.js';
import type { LintResult } from '../src/model/types.js';
import { stylish } from '../src/formatters/stylish.js';
import { humanPath, jsonSafe, sanitize } from '../src/formatters/text.js';
import { rulesById } from '../src/rules/index.js';
import type { RuleMeta } from '../src/rules/rule.js';
import { runCli } from './helpers.js';

/** The hostile settings file: control characters in keys, values, commands, script paths and (raw) in comments. */
const SETTINGS = [
  '{',
  '  // raw ESC \u001b[2J and a raw U+2028 \u2028 in a comment',
  '  "hooks": {',
  '    "Stop\\n::error::event": [], /* \u001b]0;title\u0007 \u009b2J */',
  '    "Pre\\r::warning::cr": [{"hooks": [{"type": "command", "command": "echo", "timeout": 5}]}],',
  '    "\\u001b[2Jclear\\u2028::error::ls\\u009b\\u007f": [],',
  '    "Stop\\u202egnp.exe\\u2066": [], /* raw bidi \u202e \u2067 in a comment */',
  '    "PreToolUse": [{"matcher": "bash\\n::error::matcher", "desc\\n::error::key": 1, "hooks": [',
  '      {"type": "command", "command": "./scripts/a\\u001b[2J\\n::error::s.sh", "timeout": 5},',
  '      {"type": "command", "command": "npx x\\u2029::error::y\\u202e\\u2066", "timeoutMs\\r::error::k": 1}]}]',
  '  }',
  '}',
  '',
].join('\n');

/** Directory names: a newline, one that starts with `::`, and ESC, CR and U+2028. */
const DIRS = ['evil\n::error::dir', '::warning::top', 'e\u001b[2Jsc\rcr\u2028ls'];

function hostileTree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hooklint-integrity-'));
  for (const sub of DIRS) {
    mkdirSync(join(dir, sub, '.claude'), { recursive: true });
    writeFileSync(join(dir, sub, '.claude', 'settings.json'), SETTINGS);
  }
  return dir;
}

/** chalk's own styles (SGR `ESC[<n>m`): the only escape sequences hooklint may print, and only in colour. */
const SGR = /\u001b\[\d+(?:;\d+)*m/g;

/** Asserts that `out` holds no raw control character but line feeds (and SGR when `colour`), and no line that starts with `::` unless `annotations`. */
function assertClean(out: string, what: string, opts: { colour?: boolean; annotations?: boolean } = {}): string[] {
  const text = opts.colour ? out.replace(SGR, '') : out;
  // eslint-disable-next-line no-control-regex
  const raw = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.exec(text);
  assert.equal(raw, null, `${what}: raw ${JSON.stringify(raw?.[0])} at ${raw?.index}: ${JSON.stringify(text.slice(Math.max(0, (raw?.index ?? 0) - 40), (raw?.index ?? 0) + 20))}`);
  const lines = out.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (const l of lines) if (!opts.annotations) assert.ok(!l.replace(SGR, '').startsWith('::'), `${what}: a line starts with "::": ${JSON.stringify(l)}`);
  return lines;
}

describe('output integrity (hostile configs and file names)', async () => {
  const dir = hostileTree();
  const json = await runCli(['check', '-f', 'json', '.'], { cwd: dir });
  const results = JSON.parse(json.stdout) as { filePath: string; messages: { ruleId: string; message: string; note?: string }[] }[];
  const findings = results.reduce((n, r) => n + r.messages.length, 0);

  it('the tree is linted: every hostile file, with the findings of each rule', () => {
    assert.equal(results.length, DIRS.length);
    const perRule: Record<string, number> = {};
    for (const r of results) for (const m of r.messages) perRule[m.ruleId] = (perRule[m.ruleId] ?? 0) + 1;
    assert.deepEqual(perRule, {
      'empty-hooks': 9,
      'missing-timeout': 3,
      'no-comments': 9,
      'path-dependent-command': 3,
      'relative-script-path': 3,
      'script-not-found': 3,
      'unknown-event': 12,
      'unknown-group-key': 3,
      'unknown-handler-key': 3,
    });
    assert.deepEqual(results.map((r) => r.filePath).sort(), DIRS.map((d) => join(dir, d, '.claude', 'settings.json')).sort());
  });
  it('json: parses to the config text as it is (not pre-escaped); DEL, C1, U+2028/9 are \\u escapes in the bytes', () => {
    assertClean(json.stdout, 'json');
    assert.equal(json.stdout.split('\n').length, 2, 'one line of JSON and the final newline');
    const messages = results.flatMap((r) => r.messages.map((m) => m.message));
    assert.ok(messages.includes('unknown hook event "Stop\n::error::event": its hooks never run'));
    assert.ok(messages.includes('unknown hook event "\u001b[2Jclear\u2028::error::ls\u009b\u007f": its hooks never run'));
    assert.ok(json.stdout.includes('\\u2028') && json.stdout.includes('\\u009b') && json.stdout.includes('\\u007f'));
    assert.ok(!json.stdout.includes('\\\\n::error'), 'not double-escaped');
  });
  it('compact: one line per finding, each path:line:col: severity: message [rule]', async () => {
    const r = await runCli(['check', '-f', 'compact', '.'], { cwd: dir });
    const lines = assertClean(r.stdout, 'compact');
    assert.equal(lines.length, findings);
    for (const l of lines) assert.match(l, /^[^:].*:\d+:\d+: (error|warning): .* \[[a-z0-9-]+\]$/);
    assert.ok(lines.some((l) => l.startsWith('./::warning::top/.claude/settings.json:')), 'a path starting with :: gets ./');
    assert.ok(lines.some((l) => l.startsWith('evil\\n::error::dir/.claude/settings.json:4:5: error: unknown hook event "Stop\\n::error::event"')));
    assert.ok(lines.some((l) => l.startsWith('e\\u001b[2Jsc\\rcr\\u2028ls/.claude/settings.json:')));
  });
  for (const colour of [false, true])
    it(`stylish ${colour ? 'with' : 'without'} colour: one row per finding, code frames escaped`, async () => {
      const r = await runCli(['check', colour ? '--color' : '--no-color', '.'], { cwd: dir });
      const lines = assertClean(r.stdout, `stylish ${colour}`, { colour });
      assert.equal(colour, r.stdout.includes('\u001b['));
      const plain = lines.map((l) => l.replace(SGR, ''));
      assert.equal(plain.filter((l) => /^ {2}\d+:\d+ {2}(error|warning) {2}/.test(l)).length, findings);
      assert.ok(plain.includes('./::warning::top/.claude/settings.json'));
      assert.ok(plain.includes('evil\\n::error::dir/.claude/settings.json'));
      assert.ok(plain.includes('    4 |     "Stop\\n::error::event": [], /* \\u001b]0;title\\u0007 \\u009b2J */'), 'raw controls in a frame line are escaped');
      assert.ok(plain.includes('    2 |   // raw ESC \\u001b[2J and a raw U+2028 \\u2028 in a comment'));
    });
  it('github: one annotation per finding, nothing else starts with ::', async () => {
    const r = await runCli(['check', '-f', 'github', '.'], { cwd: dir });
    const lines = assertClean(r.stdout, 'github', { annotations: true });
    assert.equal(lines.length, findings);
    // The properties hold no ":" of their own (escaped as %3A): the command ends where hooklint ends it.
    for (const l of lines) assert.match(l, /^::(error|warning) file=[^:]*,line=\d+,[^:]*title=hooklint \([a-z0-9-]+\)::/);
    assert.ok(lines.some((l) => l.includes('file=evil%0A%3A%3Aerror%3A%3Adir/.claude/settings.json,') && l.includes('::unknown hook event "Stop\\n::error::event"')));
    assert.ok(lines.some((l) => l.includes('file=e\\u001b[2Jsc%0Dcr\\u2028ls/')));
  });
  it('sarif: one result per finding; URIs percent-encoded; messages as they are', async () => {
    const r = await runCli(['check', '-f', 'sarif', '.'], { cwd: dir });
    assertClean(r.stdout, 'sarif');
    const run = JSON.parse(r.stdout).runs[0];
    assert.equal(run.results.length, findings);
    const uris = new Set(run.results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0]!.physicalLocation.artifactLocation.uri));
    assert.deepEqual([...uris].sort(), DIRS.map((d) => `${encodeURIComponent(d)}/.claude/settings.json`).sort());
    assert.ok(run.results.some((x: { message: { text: string } }) => x.message.text.startsWith('unknown hook event "Stop\n::error::event"')));
  });
  it('stderr: notices and errors about hostile names are one sanitized line each', async () => {
    writeFileSync(join(dir, 'notes\n::error::n.json'), '{"x": 1}\n');
    const r = await runCli(['check', '-f', 'compact', 'notes\n::error::n.json', 'missing\r::error::m.json', DIRS[0]!], { cwd: dir });
    assert.equal(r.code, 2);
    const lines = assertClean(r.stderr, 'stderr');
    assert.deepEqual(lines, [`hooklint: ${dir}/notes\\n::error::n.json: skipped, not a Claude Code hook configuration file`, 'hooklint: missing\\r::error::m.json: no such file or directory']);
    assertClean(r.stdout, 'compact next to errors');
  });
  it('--diff: headers and content lines escaped', async () => {
    const r = await runCli(['check', '--diff', '--unsafe-fixes', '.'], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    const lines = assertClean(r.stdout, 'diff');
    assert.ok(lines.includes('--- a/evil\\n::error::dir/.claude/settings.json'));
    assert.ok(lines.includes('+++ b/e\\u001b[2Jsc\\rcr\\u2028ls/.claude/settings.json'));
    assert.ok(lines.includes('-  // raw ESC \\u001b[2J and a raw U+2028 \\u2028 in a comment'));
    for (const l of lines) assert.match(l, /^(--- a\/|\+\+\+ b\/|@@ |[-+ ]|\\ No newline)/, l);
  });
});

describe('sanitize and the stylish frame', () => {
  it('sanitize escapes C0, DEL, C1, U+2028/9 visibly and leaves other text alone', () => {
    assert.equal(sanitize('a\nb\rc\td\u001b[2Je\u0000f\u007fg\u0085h\u009bi\u2028j\u2029k'), 'a\\nb\\rc\\td\\u001b[2Je\\u0000f\\u007fg\\u0085h\\u009bi\\u2028j\\u2029k');
    assert.equal(sanitize('plain "text" é 😀 \\n'), 'plain "text" é 😀 \\n');
  });
  it('jsonSafe keeps the JSON value and escapes what JSON.stringify leaves raw', () => {
    const v = { s: 'a\u2028b\u2029c\u007fd\u0085e\u009bf\n"\\' };
    const out = jsonSafe(JSON.stringify(v));
    assert.ok(!/[\u007f-\u009f\u2028\u2029]/.test(out));
    assert.deepEqual(JSON.parse(out), v);
  });
  it('humanPath: relative, sanitized, never starting with ::', () => {
    assert.equal(humanPath('/w/::error::x/a.json', '/w'), './::error::x/a.json');
    assert.equal(humanPath('/w/a\nb.json', '/w'), 'a\\nb.json');
    assert.equal(humanPath('/elsewhere/a.json', '/w'), '/elsewhere/a.json');
  });
  it('the caret stays under the span when control characters before and inside it are shown escaped', () => {
    const text = '{"hooks": {"x\\u0000": [], /*\u001b\u0007*/ "Stop": []}}\n';
    const { diagnostics } = lintText(text, { filePath: '/p/.claude/settings.json', kind: 'project-settings' });
    const comment = diagnostics.find((d) => d.ruleId === 'no-comments')!;
    const stop = diagnostics.find((d) => d.ruleId === 'empty-hooks' && d.message.startsWith('Stop'))!;
    const result: LintResult = { filePath: '/p/.claude/settings.json', kind: 'project-settings', messages: [comment, stop], errorCount: 1, warningCount: 1, fixableErrorCount: 0, fixableWarningCount: 1, source: text };
    const out = stylish([result], { cwd: '/p', chalk: new Chalk({ level: 0 }), rulesMeta: new Map([...rulesById].map(([id, r]) => [id, r.meta as RuleMeta])) });
    const lines = out.split('\n');
    const shown = '{"hooks": {"x\\u0000": [], /*\\u001b\\u0007*/ "Stop": []}}';
    const frames = lines.flatMap((l, i) => (l === `    1 | ${shown}` ? [lines[i + 1]!.slice('      | '.length)] : []));
    assert.equal(frames.length, 2);
    const under = (caret: string) => shown.slice(caret.indexOf('^'), caret.length);
    assert.equal(under(frames[0]!), '/*\\u001b\\u0007*/');
    assert.equal(under(frames[1]!), '"Stop"');
  });
});
