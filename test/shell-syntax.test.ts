/**
 * `shell-syntax-error` agrees with bash: every hand-written case and every
 * command of the shared corpora is reported exactly when `bash -n -c` refuses
 * it, except the parser errors `bashAgrees` leaves out on purpose (the rule
 * may miss an error, never invent one). Skipped where bash is not installed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeShell } from '../src/analysis/command.js';
import { bashAgrees } from '../src/rules/shell-syntax-error.js';
import { SHARED } from './helpers.js';

const hasBash = spawnSync('bash', ['-c', 'true']).status === 0;
const bashRefuses = (command: string) => spawnSync('bash', ['-n', '-c', command]).status !== 0;
const reported = (command: string) => analyzeShell(command).errors.some((e) => bashAgrees(e.message));

/** Commands bash refuses, each one the rule must report. */
const BROKEN = [
  'python3 ${CLAUDE_PROJECT_DIR}/.claude/hooks/scripts/hooks.py  --agent=hook-agent"',
  "echo 'unterminated",
  'if [ -f x ]; then echo y',
  'echo $(ls',
  'echo `ls',
  'case $x in a) echo a;;',
  '{ echo a }',
  '( echo a',
  'echo a )',
  'echo a &&',
  'echo a |',
  '&& echo a',
  'echo a; ; echo b',
  'echo ${x',
  'echo a >',
  'until false; do; done',
  'if true; echo a; fi',
  'while; do echo; done',
  'for x in a; echo a',
  "echo $'abc",
  'echo "${HOME}" && cd "$x',
  '{ }',
];

/** Commands bash accepts, some of which unbash alone would refuse. */
const FINE = [
  "echo 'Blocked' && exit 1",
  'echo hi #comment "',
  '[[ -f x && ]]',
  '[[ -z ]]',
  '[[ a b ]]',
  'cat <<EOF',
  'echo \\',
  'echo a |& cat',
  'x=(1 2 3); echo ${x[@]}',
  'echo "$(echo "inner")"',
  "jq -r '.tool_input.command' | grep -q 'rm -rf' && echo 'Blocked' >&2 && exit 2 || true",
  'echo }',
  '! ',
];

describe('shell-syntax-error agrees with bash -n', { skip: !hasBash && 'bash is not installed' }, () => {
  it('reports every hand-written broken command, and none of the fine ones', () => {
    for (const c of BROKEN) {
      assert.ok(bashRefuses(c), `bash accepts ${c}`);
      assert.ok(reported(c), `not reported: ${c}`);
    }
    for (const c of FINE) {
      assert.ok(!bashRefuses(c), `bash refuses ${c}`);
      assert.ok(!reported(c), `reported: ${c}`);
    }
  });

  it('never reports a command of the corpora that bash accepts', () => {
    const commands = new Set<string>();
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.json') && statSync(p).size < 2e6)
          for (const m of readFileSync(p, 'utf8').matchAll(/"command"\s*:\s*("(?:[^"\\]|\\.)*")/g)) {
            try {
              commands.add(JSON.parse(m[1]!) as string);
            } catch {
              // Not a JSON string: a broken file, left to json-syntax.
            }
          }
      }
    };
    for (const c of ['real', 'repos', 'repos2']) walk(join(SHARED, 'corpus', c));
    assert.ok(commands.size > 500, `${commands.size} commands`);
    const wrong = [...commands].filter((c) => reported(c) && !bashRefuses(c));
    assert.deepEqual(wrong, []);
  });
});
