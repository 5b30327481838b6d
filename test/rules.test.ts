/**
 * Rule internals that the golden fixtures reach only through one spelling:
 * each alternative of the state-file detection of `stop-hook-loop`
 * (`keepsStateFile`: a write, a read, a state word on a line with one of
 * them), one case per alternative so that each can fail on its own.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keepsStateFile } from '../src/rules/stop-hook-loop.js';

/** A plain read (`[ -f ... ]`) and a plain write (`echo 1 > ...`), neither naming state. */
const PLAIN_READ = '[ -f "$x" ] && exit 0';
const PLAIN_WRITE = 'echo 1 > "$y"';

describe('stop-hook-loop: keepsStateFile', () => {
  // Each write form on a line naming state, beside a plain read.
  const writes = [
    'echo 1 > "$STATE"',
    'echo 1 >>"$STATE"',
    'echo 1 > $STATE',
    'date >~/.cache/last_run',
    'printf x > /tmp/state',
    'touch "$MARKER"',
    'mv "$tmp" "$STATE"',
    'echo 1 | tee "$STATE"',
    'cp /dev/null "$STATE"',
    "sed -i 's/0/1/' \"$STATE\"",
    'with open(STATE, "w") as f:',
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
    'test -f "$STATE" && exit 0',
    'n=$(cat "$COUNT")',
    'n=$(<"$COUNT")',
    'grep -q done "$STATE"',
    'read n < "$COUNT"',
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
