/**
 * `hooklint test` (src/runner): the fixture projects under fixtures/runner run
 * as a new user would run them (each broken hook gets its finding at its
 * line, the well-behaved ones pass, nothing is left running), plus the
 * options (--list, --path, --http, --format junit), the hook's view of its
 * payload and environment, test-file errors, and the layering (`check` never
 * loads the runner).
 */
import assert from 'node:assert/strict';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EVENTS } from '../src/model/catalog.js';
import { testsSchema } from '../src/runner/tests-file.js';
import { samplePayload } from '../src/analysis/payload.js';
import { judgeProcess } from '../src/runner/judge.js';
import type { ProcessOutcome } from '../src/runner/exec.js';
import { ROOT, runCli, hookProject, commandGroup } from './helpers.js';

const FIXTURES = join(ROOT, 'fixtures');
const MODES = Object.entries(JSON.parse(readFileSync(join(FIXTURES, 'modes.json'), 'utf8')) as Record<string, string>).filter(([k]) => k.startsWith('runner/'));

/** A copy of fixtures/runner/<name> in a fresh temporary folder, with the modes of fixtures/modes.json. */
function copyFixture(name: string): string {
  const dir = join(realpathSync(mkdtempSync(join(tmpdir(), 'hooklint-runner-'))), name);
  cpSync(join(FIXTURES, 'runner', name), dir, { recursive: true });
  for (const [path, mode] of MODES) if (path.startsWith(`runner/${name}/`)) chmodSync(join(dir, path.slice(`runner/${name}/`.length)), Number.parseInt(mode, 8));
  return dir;
}

const project = (hooks: object, files: Record<string, string> = {}) => hookProject(hooks, files, 'hooklint-runner-');
const cmd = commandGroup;

/** Processes whose working directory is inside `dir` or whose environment names it as the project: what a run left behind (Linux /proc). */
function processesOf(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const cwd = readlinkSync(`/proc/${e}/cwd`);
      const env = readFileSync(`/proc/${e}/environ`, 'utf8');
      if (cwd === dir || cwd.startsWith(dir + '/') || env.includes(`CLAUDE_PROJECT_DIR=${dir}\0`)) out.push(`${e} ${readFileSync(`/proc/${e}/cmdline`, 'utf8').replace(/\0/g, ' ')}`);
    } catch {
      // gone, or not ours
    }
  }
  return out;
}

interface JsonResult {
  filePath: string;
  messages: { ruleId: string; line: number; column: number; severityName: string; message: string; note?: string }[];
}

const findings = (stdout: string) => (JSON.parse(stdout) as JsonResult[]).flatMap((r) => r.messages.map((m) => `${r.filePath.split('/').slice(-2).join('/')}:${m.line}:${m.column} ${m.severityName} ${m.ruleId}`)).sort();

describe('hooklint test: fixture projects', () => {
  it('fixtures/runner/broken: every broken hook gets its finding at its command, within the timeouts, and nothing is left running', async () => {
    const dir = copyFixture('broken');
    const t0 = Date.now();
    const { code, stdout, stderr } = await runCli(['test', '-f', 'json', '--max-timeout', '3'], { cwd: dir });
    const elapsed = Date.now() - t0;
    assert.equal(code, 1, stderr);
    assert.deepEqual(processesOf(dir), [], 'a hook process outlived the run');
    assert.deepEqual(
      findings(stdout),
      [
        '.claude/settings.json:10:71 error hook-hangs', // ( sleep 20 ) & holds stdout
        '.claude/settings.json:11:70 error hook-output-field', // hookEventName PreToolUse on PostToolUse
        '.claude/settings.json:16:43 warning hook-slow', // sleeps 1.3 s before printing
        '.claude/settings.json:17:43 error hook-timed-out', // prints nothing for 30 s
        '.claude/settings.json:18:43 warning hook-output-field', // {"event": ...}: not an output field
        '.claude/settings.json:18:43 warning hook-output-field', // additionalContext at the top level
        '.claude/settings.json:23:51 error hook-error-exit', // exit 3
        '.claude/settings.json:26:51 warning hook-environment', // a program not installed here (127): this machine, not the hook
        '.claude/settings.json:29:51 error hook-stop-loop', // always exit 2
        '.claude/settings.json:5:70 error hook-hangs', // Node setInterval after its answer
        '.claude/settings.json:6:76 error hook-invalid-json', // {"decision": "block",}
        '.claude/settings.json:7:70 error hook-failed-to-start', // no execute bit (126)
        'broken/hooklint.tests.json:5:15 error hook-test-failed', // exit 1 does not block
      ].sort(),
    );
    const byRule = new Map((JSON.parse(stdout) as JsonResult[]).flatMap((r) => r.messages.map((m) => [`${m.line}:${m.ruleId}`, m] as const)));
    assert.match(byRule.get('5:hook-hangs')!.message, /wrote its output after .* but did not exit/);
    assert.match(byRule.get('10:hook-hangs')!.message, /exited after .* a process it started kept stdout or stderr open/);
    assert.match(byRule.get('7:hook-failed-to-start')!.message, /exit 126.*Permission denied/);
    assert.match(byRule.get('26:hook-environment')!.message, /could not run here: the program hooklint-fixture-missing-program is missing \(exited with 127: bash: line 1: hooklint-fixture-missing-program: command not found\)/);
    assert.match(byRule.get('7:hook-failed-to-start')!.message, /\.\/\.claude\/hooks\/no-exec-bit\.sh: Permission denied/, 'paths in the project are shortened');
    assert.match(stderr, /1 hook could not run here/);
    assert.match(byRule.get('5:hook-test-failed')!.message, /expected decision "block", got no decision.*exited 1/);
    assert.match(byRule.get('5:hook-test-failed')!.note!, /only exit 2 blocks PreToolUse/);
    // Slow twice (it sleeps 1.3 s): both runs' wall and CPU times, and the CPU says it mostly waited.
    assert.match(byRule.get('16:hook-slow')!.message, /^the hook took \d\.\d s(?: \(CPU \d+ ms(?:, [\d.]+ m?s waiting for a CPU)?\))?, and \d\.\d s(?: \(CPU \d+ ms(?:, [\d.]+ m?s waiting for a CPU)?\))? when run again; the threshold is 1\.0 s$/);
    if (/CPU/.test(byRule.get('16:hook-slow')!.message)) assert.match(byRule.get('16:hook-slow')!.note!, /most of that time it waited/);
    // Three hooks hang until their 2 s timeouts and one sleeps 1.3 s; two run at once on this machine.
    assert.ok(elapsed < 12_000, `the run took ${elapsed} ms`);
    assert.match(stderr, /running 12 hooks and 1 tests with your permissions/);
    assert.match(stderr, /Tests: 0 passed, 1 failed/);
  });

  it('fixtures/runner/good: well-behaved hooks and their tests pass (transcript, CLAUDE_ENV_FILE, exit 2, if, stop_hook_active)', async () => {
    const dir = copyFixture('good');
    const { code, stdout, stderr } = await runCli(['test', '--max-timeout', '5'], { cwd: dir });
    assert.equal(code, 0, stdout + stderr);
    assert.match(stdout, /^Hooks: 6 run, 0 with findings, 0 not run\. Tests: 7 passed, 0 failed\n\nWhat the hooks cost \(they run in parallel; the user waits for the slowest\):\n/);
    // The cost per event: how many hooks run on each tool call or prompt, and the wait.
    assert.match(stdout, /\n {2}PreToolUse on every Bash call: 2 hooks, waits \d+(?:\.\d)? m?s\n/);
    assert.match(stdout, /\n {2}every UserPromptSubmit: 1 hook, waits \d+(?:\.\d)? m?s\n/);
    assert.deepEqual(processesOf(dir), [], 'the redirected background job outlived the run');
  });

  it('fixtures/runner/good-plugin: CLAUDE_PLUGIN_ROOT in exec form, a CLAUDE_PLUGIN_DATA folder', async () => {
    const dir = copyFixture('good-plugin');
    const { code, stdout } = await runCli(['test', '-f', 'compact'], { cwd: dir });
    assert.equal(code, 0, stdout);
    assert.match(stdout, /^Hooks: 1 run, 0 with findings, 0 not run\. Tests: 2 passed, 0 failed\n\nWhat the hooks cost .*\n {2}PostToolUse on every Edit call: 1 hook, waits /);
    assert.ok(!existsSync(join(dir, 'edits.log')), 'the plugin data folder is temporary, not the plugin');
  });

  it('stylish: code frames at the command, notes, the summary; JUnit: a suite per file, failures by rule id', async () => {
    const dir = copyFixture('broken');
    const stylish = await runCli(['test', '--max-timeout', '3'], { cwd: dir });
    assert.match(stylish.stdout, /^\.claude\/settings\.json\n/);
    assert.match(stylish.stdout, / {2}29:51 {2}error {2}the hook still blocks when stop_hook_active is true .* {2}hook-stop-loop\n/);
    assert.match(stylish.stdout, /= Claude Code stops it only after 8 blocks in a row/);
    assert.match(stylish.stdout, /✖ 13 problems \(9 errors, 4 warnings\)\n\nHooks: 12 run, 10 with findings, 0 not run\. 1 hook could not run here \(hook-environment: this machine, not the hook\)\. Tests: 0 passed, 1 failed\n\nWhat the hooks cost/);
    const junit = await runCli(['test', '-f', 'junit', '--max-timeout', '3'], { cwd: dir });
    assert.equal(junit.code, 1);
    assert.match(junit.stdout, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="hooklint test" tests="13" failures="12" errors="0" skipped="0"/);
    assert.match(junit.stdout, /<testsuite name="\.claude\/settings\.json" tests="12" failures="11"/);
    assert.match(junit.stdout, /<testsuite name="hooklint\.tests\.json" tests="1" failures="1"/);
    assert.match(junit.stdout, /<failure type="hook-stop-loop" message="hook-stop-loop: the hook still blocks/);
    assert.match(junit.stdout, /<testcase classname="hooklint\.tests\.json" name="blocks rm -rf" time="[\d.]+">\s*<failure type="hook-test-failed"/);
  });
});

describe('hooklint test: safety', () => {
  it('--list runs nothing, and neither does check', async () => {
    const dir = project({ SessionStart: [cmd('touch "$CLAUDE_PROJECT_DIR/ran"')] });
    const list = await runCli(['test', '--list'], { cwd: dir });
    assert.equal(list.code, 0);
    assert.match(list.stdout, /^ {2}run {6}\.claude\/settings\.json:\d+:\d+ {2}SessionStart \(startup\): touch "\$CLAUDE_PROJECT_DIR\/ran"\n$/);
    assert.ok(!existsSync(join(dir, 'ran')));
    await runCli(['check', '.'], { cwd: dir });
    assert.ok(!existsSync(join(dir, 'ran')));
    const run = await runCli(['test'], { cwd: dir });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.ok(!existsSync(join(dir, 'ran')), 'by default the hooks run in a temporary copy: the project never changes');
    assert.match(run.stdout, /What the hooks created or changed in the temporary copy of the project:\n {2}\.claude\/settings\.json:\d+:\d+ {2}SessionStart \(startup\): touch "\$CLAUDE_PROJECT_DIR\/ran": created ran\n/);
    const inPlace = await runCli(['test', '--in-place'], { cwd: dir });
    assert.equal(inPlace.code, 0, inPlace.stdout + inPlace.stderr);
    assert.ok(existsSync(join(dir, 'ran')), 'test --in-place runs the hook in the project');
  });

  it('check never loads the runner: dist/hooklint.cjs holds none of it', () => {
    const program = readFileSync(join(ROOT, 'dist', 'hooklint.cjs'), 'utf8');
    for (const id of ['hook-timed-out', 'hook-stop-loop', 'hooklint.tests.json', 'invalidCharReplacement']) assert.ok(!program.includes(id), `dist/hooklint.cjs contains ${id}`);
    assert.ok(readFileSync(join(ROOT, 'dist', 'runner.cjs'), 'utf8').includes('hook-stop-loop'));
  });

  it('escapes what hooks print: control characters never reach the terminal raw', async () => {
    const dir = project({ Notification: [cmd(`printf '::error::forged\\nbad\\033[31m red\\n' >&2; exit 1`)] });
    const { code, stdout } = await runCli(['test', '-f', 'compact'], { cwd: dir });
    assert.equal(code, 1);
    assert.ok(!stdout.includes('\u001b'), stdout);
    assert.match(stdout, /the hook exited with 1: bad\\u001b\[31m red \[hook-error-exit\]/);
    assert.ok(!/^::/m.test(stdout));
  });

  it('kills what a hook started in its process group, even after a clean exit', async () => {
    const dir = project({ SessionStart: [cmd('(sleep 30) >/dev/null 2>&1 & echo started')] });
    const { code } = await runCli(['test'], { cwd: dir });
    assert.equal(code, 0);
    assert.deepEqual(processesOf(dir), []);
  });

  it('kills what a hook started outside its process group (setsid), by its session id', { skip: !existsSync('/usr/bin/setsid') && 'no setsid' }, async () => {
    const dir = project({ SessionStart: [cmd('setsid sleep 30 >/dev/null 2>&1 < /dev/null & sleep 0.3; exit 0')] });
    const { code, stderr } = await runCli(['test'], { cwd: dir });
    assert.equal(code, 0, stderr);
    assert.match(stderr, /killed 1 process the hooks left running outside their process groups/);
    assert.deepEqual(processesOf(dir), []);
  });
});

describe('hooklint test: what a hook sees', () => {
  it('stdin payload, environment, cwd and placeholders as Claude Code gives them', async () => {
    const dump = 'cat > "$CLAUDE_PROJECT_DIR/$1.json"; env > "$CLAUDE_PROJECT_DIR/$1.env"; pwd > "$CLAUDE_PROJECT_DIR/$1.cwd"';
    const dir = project(
      {
        PreToolUse: [{ matcher: 'Edit|Write', hooks: [{ type: 'command', command: '${CLAUDE_PROJECT_DIR}/dump.sh', args: ['pre'], timeout: 5 }] }],
        SessionStart: [{ matcher: 'resume', hooks: [{ type: 'command', command: '"$CLAUDE_PROJECT_DIR"/dump.sh start', timeout: 5 }] }],
        Stop: [cmd('"$CLAUDE_PROJECT_DIR"/dump.sh stop')],
      },
      { 'dump.sh': `#!/bin/sh\n${dump}\n` },
    );
    const { code, stderr } = await runCli(['test', '--in-place'], { cwd: dir, env: { OTEL_EXPORTER: 'x', npm_lifecycle_event: 'test' } });
    assert.equal(code, 0, stderr);
    const pre = JSON.parse(readFileSync(join(dir, 'pre.json'), 'utf8'));
    assert.equal(pre.hook_event_name, 'PreToolUse');
    assert.equal(pre.tool_name, 'Edit');
    assert.equal(pre.tool_input.file_path, join(dir, 'src/example.ts'));
    assert.equal(pre.cwd, dir);
    assert.ok(!('agent_id' in pre), 'agent_id only inside subagents');
    for (const f of ['session_id', 'transcript_path', 'permission_mode', 'tool_use_id']) assert.equal(typeof pre[f], 'string', f);
    const transcript = readFileSync(join(dir, 'start.json'), 'utf8') && JSON.parse(readFileSync(join(dir, 'start.json'), 'utf8'));
    assert.equal(transcript.source, 'resume');
    const stop = JSON.parse(readFileSync(join(dir, 'stop.json'), 'utf8'));
    assert.equal(stop.stop_hook_active, true, 'the Stop hook runs a second time with stop_hook_active');
    const env = (name: string) => Object.fromEntries(readFileSync(join(dir, `${name}.env`), 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    const preEnv = env('pre');
    assert.equal(preEnv.CLAUDE_PROJECT_DIR, dir);
    assert.equal(preEnv.CLAUDECODE, '1');
    assert.equal(preEnv.CLAUDE_CODE_SESSION_ID, pre.session_id);
    assert.equal(preEnv.OTEL_EXPORTER, undefined);
    assert.equal(preEnv.npm_lifecycle_event, undefined);
    assert.equal(preEnv.CLAUDE_ENV_FILE, undefined, 'CLAUDE_ENV_FILE only on SessionStart, Setup, CwdChanged, FileChanged');
    assert.ok(env('start').CLAUDE_ENV_FILE, 'SessionStart gets CLAUDE_ENV_FILE');
    assert.equal(readFileSync(join(dir, 'pre.cwd'), 'utf8').trim(), dir);
    // The transcript is a real file while the hooks run, removed afterwards.
    assert.ok(!existsSync(pre.transcript_path));
  });

  it("a skill's and an agent's frontmatter hooks run too; an agent's Stop gets SubagentStop's input; a plugin agent's hooks are not run", async () => {
    const dump = 'cat > "$CLAUDE_PROJECT_DIR/$1.json"';
    const dir = project({}, {
      'dump.sh': `#!/bin/sh\n${dump}\n`,
      '.claude/skills/lint/SKILL.md': '---\nname: lint\nhooks:\n  PostToolUse:\n    - matcher: Edit\n      hooks:\n        - {type: command, command: \'"$CLAUDE_PROJECT_DIR"/dump.sh skill\', timeout: 5}\n---\nLint.\n',
      '.claude/agents/builder.md': '---\nname: builder\nhooks:\n  Stop:\n    - hooks:\n        - {type: command, command: \'"$CLAUDE_PROJECT_DIR"/dump.sh agent\', timeout: 5}\n---\n',
      'kit/.claude-plugin/plugin.json': '{ "name": "kit", "version": "1.0.0" }',
      'kit/agents/reviewer.md': '---\nname: reviewer\nhooks:\n  Stop:\n    - hooks:\n        - {type: command, command: \'"$CLAUDE_PROJECT_DIR"/dump.sh plugin-agent\', timeout: 5}\n---\n',
    });
    const { code, stderr } = await runCli(['test', '--in-place'], { cwd: dir });
    assert.equal(code, 0, stderr);
    assert.equal(JSON.parse(readFileSync(join(dir, 'skill.json'), 'utf8')).hook_event_name, 'PostToolUse');
    const agent = JSON.parse(readFileSync(join(dir, 'agent.json'), 'utf8'));
    assert.equal(agent.hook_event_name, 'SubagentStop');
    assert.equal(typeof agent.agent_type, 'string');
    assert.ok(!existsSync(join(dir, 'plugin-agent.json')), "a plugin agent's hooks never run in Claude Code, so not here either");
  });

  it('--path app gives hooks the minimal system PATH: a program found only on the terminal PATH fails to start', async () => {
    const bin = realpathSync(mkdtempSync(join(tmpdir(), 'hooklint-bin-')));
    writeFileSync(join(bin, 'hooklint-fixture-tool'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const dir = project({ SessionStart: [cmd('hooklint-fixture-tool')] });
    const env = { PATH: `${bin}:${process.env.PATH}` };
    const login = await runCli(['test', '-f', 'json'], { cwd: dir, env });
    assert.equal(login.code, 0, login.stdout);
    const app = await runCli(['test', '-f', 'json', '--path', 'app'], { cwd: dir, env });
    assert.equal(app.code, 1);
    assert.deepEqual(findings(app.stdout), ['.claude/settings.json:8:24 error hook-failed-to-start']);
  });

  it('timeouts: a hook is killed at --max-timeout; capped below its own timeout it is a warning', async () => {
    const dir = project({ SessionStart: [{ hooks: [{ type: 'command', command: 'sleep 20' }] }], Setup: [{ hooks: [{ type: 'command', command: 'sleep 20', timeout: 1 }] }] });
    const t0 = Date.now();
    const { code, stdout } = await runCli(['test', '-f', 'json', '--max-timeout', '1'], { cwd: dir });
    assert.equal(code, 1);
    assert.ok(Date.now() - t0 < 5000);
    const ms = (JSON.parse(stdout) as JsonResult[])[0]!.messages;
    assert.deepEqual(ms.map((m) => [m.ruleId, m.severityName]), [['hook-timed-out', 'warning'], ['hook-timed-out', 'error']]);
    assert.match(ms[0]!.message, /--max-timeout 1 s \(its own timeout is 600 s\)/);
  });

  it('prompt, agent and mcp_tool handlers are listed as not run, and so are handlers Claude Code never runs', async () => {
    const dir = project({
      Stop: [{ hooks: [{ type: 'prompt', prompt: 'Is the work done?' }] }],
      PreToolUse: [{ matcher: 'Bash(git commit*)', hooks: [{ type: 'command', command: 'true' }] }],
      SessionStart: [{ hooks: [{ type: 'command', command: 'true', if: 'Bash(git *)' }] }],
    });
    const { code, stdout } = await runCli(['test', '--list'], { cwd: dir });
    assert.equal(code, 0);
    assert.match(stdout, /not run .*Stop: prompt handler: prompt handlers ask a model/);
    assert.match(stdout, /not run .*PreToolUse: true: never fires: no tool hooklint knows matches the regex/);
    assert.match(stdout, /not run .*SessionStart: true: a handler with "if" never runs on SessionStart/);
  });
});

describe('hooklint test: outputs and --http', () => {
  it('hook-output-field: types, enums and fields an event does not read', async () => {
    const dir = project({
      PreToolUse: [{ matcher: 'Bash', ...cmd(`echo '{"hookSpecificOutput": {"hookEventName": "PreToolUse", "permissionDecision": "deny please"}, "continue": "no"}'`) }],
      Notification: [cmd(`echo '{"systemMessage": "hi", "decision": "block"}'`)],
      UserPromptSubmit: [cmd(`echo '{"decision": "approve"}'`)],
    });
    const { stdout } = await runCli(['test', '-f', 'json'], { cwd: dir });
    const messages = (JSON.parse(stdout) as JsonResult[])[0]!.messages.map((m) => `${m.severityName} ${m.message}`);
    assert.deepEqual(messages.sort(), [
      'error "continue" must be a boolean, got "no"',
      'error "hookSpecificOutput.permissionDecision" must be "allow" | "deny" | "ask" | "defer", got "deny please"',
      'warning "decision": "approve" does nothing on UserPromptSubmit: "block" is its only value (to allow, leave "decision" out)',
      'warning Notification discards "systemMessage": the user never sees it',
      'warning Notification does not read a top-level "decision"',
    ]);
  });

  it('--http sends http handlers the payload; answers are judged like stdout', async () => {
    const bodies: unknown[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        bodies.push({ url: req.url, auth: req.headers.authorization, body: JSON.parse(body) });
        if (req.url === '/fail') res.writeHead(500).end('boom');
        else res.writeHead(200, { 'content-type': 'application/json' }).end('{"hookSpecificOutput": {"hookEventName": "Stop"}}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const dir = project({
        PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'http', url: `http://127.0.0.1:${port}/guard`, headers: { Authorization: 'Bearer $HOOK_TOKEN' }, allowedEnvVars: ['HOOK_TOKEN'], timeout: 5 }] }],
        PostToolUse: [{ hooks: [{ type: 'http', url: `http://127.0.0.1:${port}/fail`, timeout: 5 }] }],
      });
      const without = await runCli(['test', '--list'], { cwd: dir });
      assert.match(without.stdout, /not run .*http handlers run only with --http/);
      const { code, stdout } = await runCli(['test', '--http', '-f', 'json'], { cwd: dir, env: { HOOK_TOKEN: 'secret' } });
      assert.equal(code, 1);
      assert.deepEqual(findings(stdout), ['.claude/settings.json:9:20 error hook-output-field', '.claude/settings.json:26:20 error hook-error-exit'].sort());
      const guard = bodies.find((b) => (b as { url: string }).url === '/guard') as { auth: string; body: { hook_event_name: string; tool_name: string } };
      assert.equal(guard.auth, 'Bearer secret');
      assert.equal(guard.body.hook_event_name, 'PreToolUse');
      assert.equal(guard.body.tool_name, 'Bash');
    } finally {
      server.close();
    }
  });
});

describe('hooklint.tests.json', () => {
  it('schemas/hooklint.tests.schema.json is up to date (run "npm run gen") and names every event', () => {
    const committed = JSON.parse(readFileSync(join(ROOT, 'schemas', 'hooklint.tests.schema.json'), 'utf8'));
    assert.deepEqual(committed, testsSchema());
    assert.deepEqual(committed.properties.tests.items.properties.event.enum, [...EVENTS.keys()]);
  });

  it('an invalid test file stops the run with exit 2 and its position', async () => {
    const dir = project({ Stop: [cmd('true')] }, { 'hooklint.tests.json': '{\n  "tests": [\n    { "name": "x", "event": "Stpo", "expect": { "decision": "block" } }\n  ]\n}\n' });
    const { code, stderr, stdout } = await runCli(['test'], { cwd: dir });
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /hooklint\.tests\.json:3:29: \/tests\/0\/event must be equal to one of the allowed values \(SessionStart, Setup, /);
  });

  it('expectations: context, stderr, exitCode, maxMs; a test no handler accepts checks against nothing run', async () => {
    const dir = project(
      { UserPromptSubmit: [cmd(`echo 'plain context'; echo 'note' >&2`)] },
      {
        'hooklint.tests.json': JSON.stringify({
          tests: [
            { name: 'ok', event: 'UserPromptSubmit', expect: { context: 'plain context', stderr: 'note', exitCode: 0, maxMs: 5000 } },
            { name: 'wrong context', event: 'UserPromptSubmit', expect: { context: 'other' } },
            { name: 'wrong code', event: 'UserPromptSubmit', expect: { exitCode: 2 } },
            { name: 'nothing runs', event: 'Stop', expect: { decision: 'allow' } },
            { name: 'nothing runs, but a block was expected', event: 'Stop', expect: { decision: 'block' } },
          ],
        }),
      },
    );
    const { code, stdout } = await runCli(['test', '-f', 'json'], { cwd: dir });
    assert.equal(code, 1);
    const tests = (JSON.parse(stdout) as JsonResult[]).find((r) => r.filePath.endsWith('hooklint.tests.json'))!;
    assert.deepEqual(tests.messages.map((m) => m.message), [
      'test "wrong context": expected the context to contain "other", got "plain context"',
      'test "wrong code": expected exit code 2, got 0 (echo \'plain context\'; echo \'note\' >&2: exited 0 after ' + /\d+ ms/.exec(tests.messages[1]!.message)![0] + ')',
      'test "nothing runs, but a block was expected": expected decision "block", got no decision (the action goes ahead) (no Stop handler beside this file accepts the input)',
    ]);
  });
});

describe('Claude Code 2.1.337 in the runner (SPEC.md §13)', () => {
  const ctx = { cwd: '/project', transcriptPath: '/tmp/t.jsonl', sessionId: 's-1' };
  const run = (event: string, exitCode: number, stdout = '') =>
    judgeProcess(
      { exitCode, signal: null, stdout, stderr: exitCode ? 'refused' : '', exitMs: 5, closeMs: 5, firstOutputMs: 1, timedOut: false, timeoutMs: 10_000 } as ProcessOutcome,
      { event: EVENTS.get(event)!, type: 'command', async: false, onFailure: undefined, timeoutSeconds: 10, ranSeconds: 10 },
      { slowMs: 1_000 },
    ).verdict;
  it('an Interrupt payload has source, reason and the matcher value; an MCP tool call gets mcp_server (built_in left out: unknown)', () => {
    const p = samplePayload(EVENTS.get('Interrupt')!, ctx, 'system');
    assert.equal(p.hook_event_name, 'Interrupt');
    assert.equal(p.source, 'system');
    assert.ok(['stop', 'permission_denied', 'rewind', 'other'].includes(p.reason as string));
    const mcp = samplePayload(EVENTS.get('PreToolUse')!, ctx, 'mcp__memory__create_entities');
    assert.deepEqual(mcp.mcp_server, { name: 'memory', source: 'project' });
    assert.equal(samplePayload(EVENTS.get('PreToolUse')!, ctx, 'Bash').mcp_server, undefined);
  });
  it('Interrupt and StopFailure ignore output and exit codes; WorktreeRemove fails on any non-zero exit', () => {
    assert.deepEqual([run('Interrupt', 2).decision, run('Interrupt', 0, '{"decision": "block", "continue": false}').decision], ['none', 'none']);
    assert.equal(run('StopFailure', 0, '{"hookSpecificOutput": {"hookEventName": "StopFailure"}, "continue": false}').decision, 'none');
    assert.equal(run('WorktreeRemove', 1).decision, 'block');
    assert.equal(run('WorktreeRemove', 0).decision, 'none');
  });
});
