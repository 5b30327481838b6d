/**
 * Rule internals that the golden fixtures reach only through one spelling,
 * one case per alternative so that each can fail on its own: the state-file
 * detection of `stop-hook-loop` (`keepsStateFile`: a write, a read, a state
 * word on a line with one of them), what `duplicate-handler` and
 * `duplicate-hooks-file` take for the same handler or file.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintText } from '../src/lint/lint.js';
import type { FileKind } from '../src/model/types.js';
import { rulesById } from '../src/rules/index.js';
import { keepsStateFile } from '../src/rules/stop-hook-loop.js';

/** A plain read (`[ -f ... ]`) and a plain write (`echo 1 > ...`), neither naming state. */
const PLAIN_READ = '[ -f "$x" ] && exit 0';
const PLAIN_WRITE = 'echo 1 > "$y"';

describe('stop-hook-loop: keepsStateFile', () => {
  // Each write form on a line naming state, beside a plain read.
  const writes = [
    'echo 1 > "$STATE"',
    '>"$STATE"',
    'echo 1 >>"$STATE"',
    'echo 1 > $STATE',
    'date >~/.cache/last_run',
    'printf x > /tmp/state',
    'touch "$MARKER"',
    'mv "$tmp" "$STATE"',
    'echo 1 | tee "$STATE"',
    'cp /dev/null "$STATE"',
    "sed -i 's/0/1/' \"$STATE\"",
    "sed  -i 's/0/1/' \"$STATE\"",
    'with open(STATE, "w") as f:',
    'with open(STATE,"w") as f:',
    "with open(COUNT_FILE, 'ab+') as f:",
    'state.write_text("1")',
    'state.write_bytes(b"1")',
    'json.dump(state, f)',
    'marker.touch()',
    'fs.writeFileSync(stateFile, "1")',
    'fs.appendFileSync(stateFile, "1")',
    'fs.appendFile(stateFile, "1", done)',
    'await fs.promises.appendFile(stateFile, "1")',
    'await writeFile(stateFile, "1")',
  ];
  for (const w of writes) it(`a write: ${w}`, () => assert.equal(keepsStateFile(`${w}\n${PLAIN_READ}\n`), true));
  // Each read form on a line naming state, beside a plain write.
  const reads = [
    'if [[ ! -e "$STATE" ]]; then',
    'if [ -s "$STATE" ]; then',
    'if [  -f "$STATE" ]; then',
    'test -f "$STATE" && exit 0',
    'test  -e "$STATE" && exit 0',
    'n=$(cat "$COUNT")',
    'n=$(cat  "$COUNT")',
    'n=$(cat $COUNT)',
    'n=$(<"$COUNT")',
    'grep -q done "$STATE"',
    'read n < "$COUNT"',
    'read n <"$COUNT"',
    'read n < $COUNT',
    'if marker.exists():',
    'if os.path.exists(STATE):',
    'if os.path.isfile(STATE):',
    'f = open(STATE)',
    'n = state.read_text()',
    'count = json.load(f)',
    'if (existsSync(stateFile)) process.exit(0);',
    'const n = readFileSync(stateFile, "utf8");',
    'fs.readFile(stateFile, cb);',
    'await fs.promises.readFile(stateFile);',
  ];
  for (const r of reads) it(`a read: ${r}`, () => assert.equal(keepsStateFile(`${PLAIN_WRITE}\n${r}\n`), true));
  // Each state word, on a write line, beside a plain read.
  const words = ['state', 'count', 'attempt', 'retry', 'retries', 'iteration', 'phase', 'tries', 'marker', 'sentinel', 'flag', 'once', 'blocked', 'last_run', 'lastblock', 'last-stop', 'cooldown', 'loop', 'STATE'];
  for (const w of words) it(`a state word: ${w}`, () => assert.equal(keepsStateFile(`echo 1 > "/tmp/x_${w}"\n${PLAIN_READ}\n`), true));
  it('not without a write, not without a read, not when the state word is on a line with neither', () => {
    assert.equal(keepsStateFile(`${PLAIN_READ}\n[ -f "$STATE" ] && exit 0\n`), false, 'no write');
    assert.equal(keepsStateFile(`${PLAIN_WRITE}\necho 1 > "$STATE"\n`), false, 'no read');
    assert.equal(keepsStateFile(`${PLAIN_WRITE}\n${PLAIN_READ}\n# keeps no state\n`), false, 'state word alone');
  });
  it('redirections that write no file: 2> and >&2 (and &>, <>)', () => {
    for (const line of ['npm test 2>"$STATE"', 'echo "blocked" >&2', 'run &>"$STATE"', 'exec 3<>"$STATE"']) assert.equal(keepsStateFile(`${line}\n${PLAIN_READ}\n`), false, line);
  });
});

/** The findings of one rule on a text (no host: the rules that read no script). */
function findings(id: string, text: string, kind: FileKind = 'project-settings'): { line: number; column: number; message: string }[] {
  return lintText(text, { filePath: kind === 'plugin-manifest' ? '/p/.claude-plugin/plugin.json' : '/p/.claude/settings.json', kind, projectRoot: '/p', rules: [rulesById.get(id)!] }).diagnostics.map((d) => ({ line: d.line, column: d.column, message: d.message }));
}

/** A settings text with these groups under Stop, one per line. */
const stop = (...groups: unknown[]) => `{"hooks": {"Stop": [\n${groups.map((g) => JSON.stringify(g)).join(',\n')}\n]}}\n`;
const cmd = (command: string, extra: Record<string, unknown> = {}) => ({ type: 'command', command, timeout: 30, ...extra });

describe('duplicate-handler: what counts as the same handler', () => {
  it('the same keys in another order, nested objects too', () => {
    const a = { type: 'http', url: 'https://x.test/h', headers: { A: '1', B: '2' }, timeout: 30 };
    const b = { timeout: 30, headers: { B: '2', A: '1' }, url: 'https://x.test/h', type: 'http' };
    assert.deepEqual(findings('duplicate-handler', stop({ hooks: [a] }, { hooks: [b] })), [{ line: 3, column: 11, message: 'this handler repeats the one on line 2 (same event, same matcher): it runs twice every time' }]);
  });
  it('arrays in another order, or an object with index keys, are other handlers', () => {
    assert.deepEqual(findings('duplicate-handler', stop({ hooks: [cmd('x', { args: ['a', 'b'] }), cmd('x', { args: ['b', 'a'] })] })), []);
    assert.deepEqual(findings('duplicate-handler', stop({ hooks: [cmd('x', { args: ['a'] }), cmd('x', { args: { 0: 'a' } })] })), []);
  });
  it('"*", "" and no matcher are one matcher; a matcher is compared without surrounding spaces', () => {
    assert.equal(findings('duplicate-handler', stop({ matcher: '*', hooks: [cmd('x')] }, { hooks: [cmd('x')] }, { matcher: '', hooks: [cmd('x')] })).length, 2);
    assert.equal(findings('duplicate-handler', `{"hooks": {"PreToolUse": [${JSON.stringify({ matcher: ' Bash', hooks: [cmd('x')] })}, ${JSON.stringify({ matcher: 'Bash ', hooks: [cmd('x')] })}]}}`).length, 1);
    assert.deepEqual(findings('duplicate-handler', `{"hooks": {"PreToolUse": [${JSON.stringify({ matcher: 'Bash', hooks: [cmd('x')] })}, ${JSON.stringify({ matcher: 'Edit', hooks: [cmd('x')] })}]}}`), []);
  });
  it('the same handler under two events, or once flat and once in a group, is not reported', () => {
    assert.deepEqual(findings('duplicate-handler', `{"hooks": {"Stop": [{"hooks": [${JSON.stringify(cmd('x'))}]}], "SubagentStop": [{"hooks": [${JSON.stringify(cmd('x'))}]}]}}`), []);
    assert.deepEqual(findings('duplicate-handler', stop(cmd('x'), { hooks: [cmd('x')] })), []);
  });
});

describe('duplicate-hooks-file: what counts as the same file', () => {
  const manifest = (...hooks: unknown[]) => `{\n  "name": "p",\n  "hooks": [\n${hooks.map((h) => `    ${JSON.stringify(h)}`).join(',\n')}\n  ]\n}\n`;
  it('the same path spelled with ./, .. or backslashes; the message names the first listing\'s line', () => {
    assert.deepEqual(findings('duplicate-hooks-file', manifest('./hooks/x.json', 5, '.\\hooks\\x.json', './hooks/../hooks/./x.json'), 'plugin-manifest'), [
      { line: 6, column: 5, message: '".\\hooks\\x.json" is listed in "hooks" already (line 4): Claude Code fails to load the plugin\'s hooks with "Duplicate hooks file detected"' },
      { line: 7, column: 5, message: '"./hooks/../hooks/./x.json" is listed in "hooks" already (line 4): Claude Code fails to load the plugin\'s hooks with "Duplicate hooks file detected"' },
    ]);
  });
  it('two files, numbers, and a settings file are not reported', () => {
    assert.deepEqual(findings('duplicate-hooks-file', manifest('./hooks/a.json', './hooks/b.json', 5, 5), 'plugin-manifest'), []);
    assert.deepEqual(findings('duplicate-hooks-file', '{"hooks": ["./a.json", "./a.json"]}'), []);
    assert.deepEqual(findings('duplicate-hooks-file', '["./a.json", "./a.json"]', 'plugin-manifest'), []);
  });
});
