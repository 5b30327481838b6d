/**
 * `hooklint test` on what real projects do (issue 26): nothing left running
 * (setsid env -i children, SIGTERM mid-run), spawn errors as findings, the async
 * first-line protocol, hangs judged on stdout, one finding for unknown output
 * keys, hook-environment for what this machine lacks, the error line of stderr,
 * the project left unchanged.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, runCli, hookProject, commandGroup } from './helpers.js';

const project = (hooks: object, files: Record<string, string> = {}) => hookProject(hooks, files, 'hooklint-real-');
const cmd = commandGroup;

/** Processes whose command line holds `marker` (a unique sleep length), zombies aside: what a run left behind, wherever it went. */
function running(marker: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const cmdline = readFileSync(`/proc/${e}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const state = readFileSync(`/proc/${e}/stat`, 'utf8').replace(/^.*\) /s, '')[0];
      if (cmdline.includes(marker) && state !== 'Z') out.push(`${e} ${cmdline}`);
    } catch {
      // gone
    }
  }
  return out;
}

interface JsonResult {
  filePath: string;
  messages: { ruleId: string; line: number; severityName: string; message: string; note?: string }[];
}
const messages = (stdout: string) => (JSON.parse(stdout) as JsonResult[]).flatMap((r) => r.messages);
const linux = process.platform === 'linux';

describe('hooklint test: nothing left running', { skip: !linux && 'Linux only' }, () => {
  it('kills a child that left the process group and cleared its environment (setsid env -i), and says so', async () => {
    const marker = String(31 + Math.floor(Math.random() * 1000) / 1000);
    const dir = project({ SessionStart: [cmd(`setsid env -i sleep ${marker} >/dev/null 2>&1 </dev/null & (setsid sh -c 'env -i sleep ${marker} &' >/dev/null 2>&1 &); sleep 0.3; echo ok`)] });
    const { code, stderr } = await runCli(['test'], { cwd: dir });
    assert.equal(code, 0, stderr);
    assert.deepEqual(running(`sleep ${marker}`), []);
    assert.match(stderr, /killed 2 processes the hooks left running outside their process groups/);
  });

  it('SIGTERM mid-run (a CI cancel): every hook process is killed, the temporary copy removed, exit 143', async () => {
    const marker = String(41 + Math.floor(Math.random() * 1000) / 1000);
    const dir = project({
      SessionStart: [cmd(`setsid env -i sleep ${marker} >/dev/null 2>&1 </dev/null & sleep ${marker}`, { timeout: 60 })],
      Setup: [cmd(`sleep ${marker}`, { timeout: 60 })],
    });
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'cli.cjs'), 'test', '--max-timeout', '60'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (b) => (err += b));
    // Wait until the hooks run.
    for (let i = 0; i < 100 && running(`sleep ${marker}`).length < 3; i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(running(`sleep ${marker}`).length >= 3, `the hooks started: ${err}`);
    const copies = readdirSync(tmpdir()).filter((d) => d.startsWith('hooklint-test-')).filter((d) => existsSync(join(tmpdir(), d, 'copies')));
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
    assert.equal(code, 143, err);
    assert.match(err, /stopped by SIGTERM; every hook process was killed/);
    assert.deepEqual(running(`sleep ${marker}`), []);
    for (const d of copies) {
      const copy = join(tmpdir(), d);
      if (existsSync(join(copy, 'copies')) && readdirSync(join(copy, 'copies')).some((n) => existsSync(join(copy, 'copies', n, dir.split('/').pop()!)))) assert.fail(`the temporary copy ${copy} was left`);
    }
  });
});

describe('hooklint test: spawn errors are findings', () => {
  it('E2BIG from a 200 KB command and EACCES on an exec-form program: findings on those hooks, the others kept, exit 1', async () => {
    const dir = project(
      {
        SessionStart: [cmd(`echo ${'x'.repeat(200_000)} >/dev/null`)],
        Setup: [{ hooks: [{ type: 'command', command: '${CLAUDE_PROJECT_DIR}/tool', args: ['a'], timeout: 5 }] }],
        Notification: [cmd('exit 3')],
      },
      { tool: '#!/bin/sh\nexit 0\n' },
    );
    const { code, stdout, stderr } = await runCli(['test', '-f', 'json'], { cwd: dir });
    assert.equal(code, 1, stderr);
    const ms = messages(stdout).map((m) => `${m.ruleId}: ${m.message}`);
    assert.ok(ms.some((m) => /^hook-failed-to-start: the hook could not start: the command or its environment is too long for the system \(E2BIG/.test(m)), ms.join('\n'));
    assert.ok(ms.some((m) => /^hook-failed-to-start: the hook could not start: permission denied on \.\/tool \(no execute bit\?\) \(EACCES\)$/.test(m)), ms.join('\n'));
    assert.ok(ms.some((m) => /^hook-error-exit: the hook exited with 3$/.test(m)), ms.join('\n'));
  });
});

describe('hooklint test: right on real hooks', () => {
  it('the async first-line protocol: backgrounded from its first line, the later JSON judged, its decision reported as never applied', async () => {
    const late = JSON.stringify({ systemMessage: 'done', hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny' } });
    const dir = project({ PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: `echo '{"async": true, "asyncTimeout": 30000}'; sleep 1.5; echo '${late}'`, timeout: 10 }] }] });
    const { code, stdout, stderr } = await runCli(['test', '-f', 'json'], { cwd: dir });
    assert.equal(code, 1, stderr);
    const ms = messages(stdout);
    assert.deepEqual(ms.map((m) => `${m.severityName} ${m.ruleId}`), ['warning hook-output-field']);
    assert.match(ms[0]!.message, /^"hookSpecificOutput\.permissionDecision" in the answer after the first line \{"async": true\} is never applied/);
  });

  it('stderr progress is not output: a hook that logs and then hits its timeout timed out (it did not hang after answering)', async () => {
    const dir = project({ SessionStart: [cmd('echo "installing dependencies…" >&2; sleep 20', { timeout: 1 })] });
    const { code, stdout } = await runCli(['test', '-f', 'json'], { cwd: dir });
    assert.equal(code, 1);
    const ms = messages(stdout);
    assert.deepEqual(ms.map((m) => m.ruleId), ['hook-timed-out']);
    assert.match(ms[0]!.message, /with no output on stdout, when its timeout of 1 s ran out; killed \(its last line on stderr: installing dependencies…\)/);
  });

  it('a hook that echoes its input gets one finding naming the keys; a key at its default value ("continue": true) gets none', async () => {
    const dir = project({ PostToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'cat', timeout: 5 }] }], Stop: [cmd(`echo '{"continue": true, "suppressOutput": false}'`)] });
    const { stdout } = await runCli(['test', '-f', 'json'], { cwd: dir });
    const ms = messages(stdout);
    assert.deepEqual(ms.map((m) => m.ruleId), ['hook-output-field']);
    assert.match(ms[0]!.message, /^PostToolUse does not read "[a-z_]+", .* and \d+ more; Claude Code ignores them$/);
    assert.match(ms[0]!.note!, /^the output repeats the hook's input/);
  });

  it("stderr says what failed: a Node trace's error line, not node:internal; the last line otherwise", async () => {
    const dir = project({ SessionStart: [cmd(`node -e "throw new TypeError('the config has no name')"`)], Setup: [cmd('echo one >&2; echo "two: it broke" >&2; exit 1')] });
    const { stdout } = await runCli(['test', '-f', 'json'], { cwd: dir });
    const ms = messages(stdout).map((m) => m.message);
    assert.ok(ms.includes('the hook exited with 1: TypeError: the config has no name'), ms.join('\n'));
    assert.ok(ms.includes('the hook exited with 1: two: it broke'), ms.join('\n'));
  });
});

describe('hooklint test: hook-environment', () => {
  it('what this machine lacks is a warning saying what and how; a defect of the project stays an error', async () => {
    const dir = project(
      {
        SessionStart: [cmd('node "$CLAUDE_PROJECT_DIR"/hook.js')],
        Setup: [cmd('python3 "$HOME/.claude/hooks/hooklint-fixture-absent.py"')],
        Notification: [cmd('node "$CLAUDE_PROJECT_DIR"/dist/hook.js')],
        Stop: [cmd('"$CLAUDE_PROJECT_DIR"/.claude/hooks/missing.sh')],
        SubagentStop: [cmd('hooklint-fixture-not-installed --flag')],
      },
      { 'hook.js': "require('hooklint-fixture-left-pad');\n" },
    );
    const { code, stdout, stderr } = await runCli(['test', '-f', 'json', '--home', 'temp'], { cwd: dir });
    assert.equal(code, 1, stderr);
    const ms = messages(stdout).map((m) => `${m.line} ${m.severityName} ${m.ruleId}: ${m.message}`);
    const has = (re: RegExp) => assert.ok(ms.some((m) => re.test(m)), `${re}\n${ms.join('\n')}`);
    has(/warning hook-environment: the hook could not run here: the npm package hooklint-fixture-left-pad is missing \(exited with 1: Error: Cannot find module 'hooklint-fixture-left-pad'/);
    if (existsSync('/usr/bin/python3')) has(/warning hook-environment: the hook could not run here: ~\/\.claude\/hooks\/hooklint-fixture-absent\.py \(outside the project and plugin\) is missing/);
    has(/warning hook-environment: the hook could not run here: \.\/dist\/hook\.js \(made when the project is set up\) is missing/);
    has(/error hook-failed-to-start: the hook could not start \(exit 127: command not found\): bash: line 1: \.\/\.claude\/hooks\/missing\.sh: No such file or directory/);
    has(/warning hook-environment: the hook could not run here: the program hooklint-fixture-not-installed is missing/);
    assert.match(stderr, /4 hooks could not run here|3 hooks could not run here/);
  });
});

describe('hooklint test: the project never changes', () => {
  it('hooks run in a temporary copy; the report says what each created or changed; --verbose prints their output', async () => {
    const dir = project({ SessionStart: [cmd('mkdir -p .claude/state && echo 1 > .claude/state/seen && echo hi >> README.md && echo out; echo err >&2')] }, { 'README.md': 'readme\n' });
    const { code, stdout, stderr } = await runCli(['test', '--verbose'], { cwd: dir });
    assert.equal(code, 0, stderr);
    assert.equal(readFileSync(join(dir, 'README.md'), 'utf8'), 'readme\n');
    assert.ok(!existsSync(join(dir, '.claude', 'state')));
    assert.match(stdout, /SessionStart \(startup\): .*: created \.claude\/state\/seen; changed README\.md\n/);
    assert.match(stderr, / {2}stdout:\n {4}out\n {2}stderr:\n {4}err\n/);
  });
});

describe('hooklint test: what Claude Code would not load, filters, --input, --faults', () => {
  it('a flat handler and a hooks.json without its wrapper are listed as not run, with the claims check makes', async () => {
    const dir = project({ Notification: [{ type: 'command', command: 'echo flat' }], Stop: [cmd('echo ok')] }, {
      'kit/.claude-plugin/plugin.json': '{ "name": "kit", "version": "1.0.0" }',
      'kit/hooks/hooks.json': '{ "SessionStart": [{ "hooks": [{ "type": "command", "command": "echo unwrapped" }] }] }',
    });
    const { code, stdout } = await runCli(['test', '--list'], { cwd: dir });
    assert.equal(code, 0);
    assert.match(stdout, /not run {2}\.claude\/settings\.json:\d+:\d+ {2}Notification: echo flat: Claude Code drops this entry: the handler is written without its matcher group \(flat-handler\)\n/);
    assert.match(stdout, /not run {2}kit\/hooks\/hooks\.json:\d+:\d+ {2}SessionStart: echo unwrapped: Claude Code loads none of the hooks in this file: its events are not under a "hooks" key \(missing-hooks-wrapper\)\n/);
    assert.match(stdout, /^ {2}run {6}\.claude\/settings\.json:\d+:\d+ {2}Stop: echo ok\n/m);
  });

  it('--input runs the hooks a payload reaches, with it; --event, --hook and --match pick hooks', async () => {
    const dir = project({
      PreToolUse: [
        { matcher: 'Bash', hooks: [{ type: 'command', command: `jq -e '.tool_input.command == "rm -rf /"' >/dev/null && { echo no >&2; exit 2; }; exit 1`, timeout: 5 }] },
        { matcher: 'Write', hooks: [{ type: 'command', command: 'exit 3', timeout: 5 }] },
      ],
      Stop: [cmd('exit 4')],
    });
    const input = join(dir, 'payload.json');
    writeFileSync(input, JSON.stringify({ hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'rm -rf /' } }));
    const given = await runCli(['test', '-f', 'json', '--input', input], { cwd: dir });
    assert.deepEqual(messages(given.stdout), [], 'the Bash guard exits 2 on this payload; the Write hook is not reached');
    assert.match(given.stderr, /Hooks: 1 run/);
    const byEvent = await runCli(['test', '-f', 'json', '--event', 'Stop'], { cwd: dir });
    assert.deepEqual(messages(byEvent.stdout).map((m) => m.message), ['the hook exited with 4']);
    const byHook = await runCli(['test', '-f', 'json', '--hook', '.claude/settings.json:18'], { cwd: dir });
    assert.deepEqual(messages(byHook.stdout).map((m) => m.message), ['the hook exited with 3']);
    const byText = await runCli(['test', '-f', 'json', '--match', 'exit 4'], { cwd: dir });
    assert.deepEqual(messages(byText.stdout).map((m) => m.message), ['the hook exited with 4']);
    const bad = await runCli(['test', '--event', 'NoSuchEvent'], { cwd: dir });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--event NoSuchEvent: not a Claude Code event/);
  });

  it('--faults: a guard that fails open without jq gets guard-fails-open with onFailure "block" as the fix; one that blocks on failure does not', async () => {
    const guard = `#!/bin/sh\ncmd=$(jq -r '.tool_input.command')\ncase "$cmd" in *"rm -rf"*) echo no >&2; exit 2;; esac\nexit 0\n`;
    const dir = project(
      {
        PreToolUse: [
          { matcher: 'Bash', hooks: [{ type: 'command', command: '"$CLAUDE_PROJECT_DIR"/guard.sh', timeout: 5 }] },
          { matcher: 'Bash', hooks: [{ type: 'command', command: '"$CLAUDE_PROJECT_DIR"/strict.sh', timeout: 5, onFailure: 'block' }] },
        ],
      },
      { 'guard.sh': guard, 'strict.sh': guard },
    );
    const { stdout } = await runCli(['test', '--faults', '-f', 'compact'], { cwd: dir });
    const open = stdout.split('\n').filter((l) => l.includes('[guard-fails-open]'));
    assert.equal(open.length, 2, stdout);
    assert.match(open[0]!, /^\.claude\/settings\.json:9:\d+: warning: the guard fails open \(the action goes ahead\) when jq is missing from PATH, its script has no execute bit or it is killed at its timeout \[guard-fails-open\]$/);
    // onFailure "block" catches the failures, not a script that goes on without jq and exits 0.
    assert.match(open[1]!, /^\.claude\/settings\.json:19:\d+: warning: the guard fails open \(the action goes ahead\) when jq is missing from PATH \[guard-fails-open\]$/);
    const json = await runCli(['test', '--faults', '-f', 'json'], { cwd: dir });
    const notes = messages(json.stdout).map((m) => m.note);
    assert.match(notes[0]!, /add "onFailure": "block" to the handler/);
    assert.match(notes[1]!, /^without jq the script goes on and exits 0, which no onFailure can catch: test for it first \(command -v jq/);
    assert.match(stdout, /Guards under faults \(--faults\)/);
    assert.match(stdout, /no jq: FAILS OPEN \| no \+x: FAILS OPEN \| timeout: FAILS OPEN \| stdin "": handled \| stdin !json: handled/);
    assert.match(stdout, /no jq: FAILS OPEN \| no \+x: blocks \| timeout: blocks \| stdin "": handled/);
    // The execute bit of the project's own script is never touched.
    assert.ok(statSync(join(dir, 'guard.sh')).mode & 0o100);
  });
});
