/** The CLI as users run it: exit codes, formats, colour, notices and usage errors. */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { rules } from '../src/rules/index.js';
import { childEnv, exitOf, runCli, spawnSyncTimed } from './helpers.js';

/** A temporary project with `.claude/settings.json` holding `settings`. */
function project(settings: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'hooklint-cli-'));
  mkdirSync(join(dir, '.claude'));
  writeFileSync(join(dir, '.claude', 'settings.json'), settings);
  return dir;
}

const WARN_ONLY = '{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "echo done"}]}]}}\n';
const CLEAN = '{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "echo done", "timeout": 30}]}]}}\n';
const BROKEN = '{"hooks": {"Stop": [{"hooks": [{"type": "command"}]}]}}\n';
const ESC = '\u001b';

describe('exit codes', () => {
  it('0 for a clean project, with no output', async () => {
    const r = await runCli(['check'], { cwd: project(CLEAN) });
    assert.deepEqual([r.code, r.stdout, r.stderr], [0, '', '']);
  });
  it('0 for warnings only; 1 when --max-warnings is exceeded', async () => {
    const dir = project(WARN_ONLY);
    assert.equal((await runCli(['check'], { cwd: dir })).code, 0);
    assert.equal((await runCli(['check', '--max-warnings', '0'], { cwd: dir })).code, 1);
    assert.equal((await runCli(['check', '--max-warnings', '1'], { cwd: dir })).code, 0);
  });
  it('1 for errors; --exit-zero makes it 0', async () => {
    const dir = project(BROKEN);
    assert.equal((await runCli(['check'], { cwd: dir })).code, 1);
    assert.equal((await runCli(['check', '--exit-zero'], { cwd: dir })).code, 0);
  });
  it('2 with one line for a path that does not exist', async () => {
    const r = await runCli(['check', 'no/such/file.json']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'hooklint: no/such/file.json: no such file or directory\n');
  });
  it('2 with a usage hint for an unknown option or a bad choice', async () => {
    for (const args of [['check', '--no-such-flag'], ['check', '--format', 'xml'], ['check', '--fix', '--diff'], ['explain'], ['rules', '--format', 'xml'], ['check', '--max-warnings', 'many']]) {
      const r = await runCli(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /Run "hooklint --help" for usage/);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    }
  });
  it('check is the default command: no command lints like "check"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hooklint-default-'));
    mkdirSync(join(dir, '.claude'));
    writeFileSync(join(dir, '.claude', 'settings.json'), '{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "echo done"}]}]}}\n');
    const a = await runCli(['-f', 'compact'], { cwd: dir });
    const b = await runCli(['check', '-f', 'compact'], { cwd: dir });
    assert.equal(a.code, 0);
    assert.match(a.stdout, /missing-timeout/);
    assert.deepEqual(a, b);
  });
  it('0 for --help', async () => {
    const r = await runCli(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /check \[paths\.\.\]/);
  });
});

describe('inputs', () => {
  it('skips a named file that is not a hook config with a one-line notice (pre-commit passes every staged file)', async () => {
    const dir = project(CLEAN);
    writeFileSync(join(dir, 'package.json'), '{"name": "x"}\n');
    const r = await runCli(['check', 'package.json', '.claude/settings.json'], { cwd: dir });
    assert.equal(r.code, 0);
    assert.match(r.stderr, /^hooklint: .*package\.json: skipped, not a Claude Code hook configuration file\n$/);
  });
  it('detects the kind of a named file from its shape when the path says nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hooklint-cli-'));
    writeFileSync(join(dir, 'my-hooks.json'), '{"hooks": {"Stop": [], "preToolUse": []}}\n');
    const r = await runCli(['check', '-f', 'compact', 'my-hooks.json'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /my-hooks\.json:1:24: error: unknown hook event "preToolUse"; did you mean "PreToolUse"\?/);
  });
  it('compares event names case-sensitively when it guesses a kind: camelCase events alone are another tool\'s', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hooklint-cli-'));
    writeFileSync(join(dir, 'my-hooks.json'), '{"hooks": {"preToolUse": [{"command": "x"}]}}\n');
    const r = await runCli(['check', '-f', 'compact', 'my-hooks.json'], { cwd: dir });
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /my-hooks\.json: skipped, not a Claude Code hook configuration file\n$/);
  });
  it('--user reads $CLAUDE_CONFIG_DIR/settings.json', async () => {
    const home = mkdtempSync(join(tmpdir(), 'hooklint-home-'));
    writeFileSync(join(home, 'settings.json'), BROKEN);
    const r = await runCli(['check', '--user', '-f', 'json'], { cwd: project(CLEAN), env: { CLAUDE_CONFIG_DIR: home } });
    assert.equal(r.code, 1);
    const results = JSON.parse(r.stdout) as { filePath: string; kind: string }[];
    assert.ok(results.some((x) => x.filePath === join(home, 'settings.json') && x.kind === 'user-settings'));
  });
  it('never runs a hook while checking', async () => {
    const marker = join(mkdtempSync(join(tmpdir(), 'hooklint-ran-')), 'ran');
    const dir = project(JSON.stringify({ hooks: { SessionStart: [{ hooks: [{ type: 'command', command: `touch ${marker}` }] }] } }));
    await runCli(['check'], { cwd: dir });
    assert.equal(existsSync(marker), false);
  });
});

describe('output', () => {
  it('stylish: grouped by file, a code frame with a caret under the token, a summary', async () => {
    const r = await runCli(['check'], { cwd: project(BROKEN) });
    assert.equal(
      r.stdout,
      [
        '.claude/settings.json',
        '  1:32  error  "command" handler is missing required field "command"  schema',
        '      |',
        '    1 | {"hooks": {"Stop": [{"hooks": [{"type": "command"}]}]}}',
        '      |                                ^~~~~~~~~~~~~~~~~~~',
        '     = Claude Code drops this entry (hooks.Stop[0]: "entry ignored") and applies the rest of the file',
        '  1:33  warning  handler has no "timeout": it runs for up to 600 s before Claude Code cancels it; set it explicitly (recommended: 30)  missing-timeout [fixable]',
        '      |',
        '    1 | {"hooks": {"Stop": [{"hooks": [{"type": "command"}]}]}}',
        '      |                                 ^~~~~~',
        '',
        '✖ 2 problems (1 error, 1 warning)',
        '  1 fixable with the `--fix` option.',
        '',
      ].join('\n'),
    );
  });
  it('--quiet shows errors only', async () => {
    const r = await runCli(['check', '--quiet', '-f', 'compact'], { cwd: project(BROKEN) });
    assert.equal(r.stdout, '.claude/settings.json:1:32: error: "command" handler is missing required field "command" [schema]\n');
  });
  it('json: ESLint-shaped results with rule ids', async () => {
    const r = await runCli(['check', '-f', 'json'], { cwd: project(BROKEN) });
    const [res] = JSON.parse(r.stdout) as {
      messages: { ruleId: string; severity: number; line: number; column: number }[];
      errorCount: number;
      warningCount: number;
      fixableErrorCount: number;
      fixableWarningCount: number;
    }[];
    assert.deepEqual(res!.messages.map((m) => [m.ruleId, m.severity, m.line, m.column]), [['schema', 2, 1, 32], ['missing-timeout', 1, 1, 33]]);
    assert.deepEqual([res!.errorCount, res!.warningCount], [1, 1]);
    assert.deepEqual([res!.fixableErrorCount, res!.fixableWarningCount], [0, 1], 'fixable counts what --fix applies');
  });
  it('colour: off when piped, on with FORCE_COLOR or --color, --no-color wins, NO_COLOR turns it off', async () => {
    const dir = project(BROKEN);
    assert.ok(!(await runCli(['check'], { cwd: dir })).stdout.includes(ESC));
    assert.ok((await runCli(['check'], { cwd: dir, env: { FORCE_COLOR: '1' } })).stdout.includes(ESC));
    assert.ok((await runCli(['check', '--color'], { cwd: dir })).stdout.includes(ESC));
    assert.ok(!(await runCli(['check', '--no-color'], { cwd: dir, env: { FORCE_COLOR: '1' } })).stdout.includes(ESC));
    assert.ok(!(await runCli(['check', '-f', 'json', '--color'], { cwd: dir })).stdout.includes(ESC));
  });
  it('control characters from a config cannot reach the terminal', async () => {
    const dir = project(`{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "echo ${'\\u001b'}[31mred"}]}], "stop": []}}\n`.replace('\\u001b', '\u001b'));
    const r = await runCli(['check', '--no-color'], { cwd: dir });
    assert.ok(!r.stdout.includes(ESC));
  });
  it('HOOKLINT_TIMING prints the slowest rules to stderr (like ESLint TIMING); the report is unchanged', async () => {
    const dir = project(BROKEN);
    const plain = await runCli(['check', '-f', 'compact'], { cwd: dir });
    const timed = await runCli(['check', '-f', 'compact'], { cwd: dir, env: { HOOKLINT_TIMING: '3' } });
    assert.equal(timed.stdout, plain.stdout);
    assert.equal(plain.stderr, '');
    const lines = timed.stderr.trimEnd().split('\n');
    assert.match(lines[0]!, /^Rule +\| Time \(ms\) \| Relative$/);
    assert.match(lines[1]!, /^-+\|-+\|-+$/);
    assert.equal(lines.length, 2 + 3, 'HOOKLINT_TIMING=3 shows three rows');
    const ids = new Set([...rules.map((r) => r.meta.id), '(parse)']);
    for (const row of lines.slice(2)) {
      const [id, ms, share] = row.split('|').map((c) => c.trim());
      assert.ok(ids.has(id!), `${id} is a rule id`);
      assert.ok(Number(ms) >= 0 && /^\d+\.\d%$/.test(share!), row);
    }
    const all = await runCli(['check', '-f', 'compact'], { cwd: dir, env: { HOOKLINT_TIMING: 'all' } });
    // Every rule that ran (all but the script rules' host-free skips) plus parsing.
    assert.equal(all.stderr.trimEnd().split('\n').length - 2, rules.filter((r) => r.meta.frontmatter !== 'only').length + 1);
  });
  it('output is sorted by path, line and column', async () => {
    const dir = project(BROKEN);
    mkdirSync(join(dir, 'a', '.claude'), { recursive: true });
    writeFileSync(join(dir, 'a', '.claude', 'settings.json'), BROKEN);
    const r = await runCli(['check', '-f', 'compact'], { cwd: dir });
    const paths = r.stdout.split('\n').filter(Boolean).map((l) => l.split(':')[0]);
    assert.deepEqual(paths, ['.claude/settings.json', '.claude/settings.json', 'a/.claude/settings.json', 'a/.claude/settings.json']);
  });
});

describe('hooklint rules', () => {
  it('lists every rule once', async () => {
    const r = await runCli(['rules', '--format', 'json']);
    const ids = (JSON.parse(r.stdout) as { id: string }[]).map((x) => x.id);
    assert.deepEqual(ids, rules.map((x) => x.meta.id));
  });
});

describe('the executable (dist/cli.cjs)', () => {
  it('writes to a pipe or a file directly, and ends quietly when the reader of its output goes away', async () => {
    const { spawn } = await import('node:child_process');
    const { ROOT } = await import('./helpers.js');
    const dir = mkdtempSync(join(tmpdir(), 'hooklint-pipe-'));
    // Enough findings for a report far larger than a pipe's buffer.
    for (let i = 0; i < 300; i++) {
      mkdirSync(join(dir, `p${i}`, '.claude'), { recursive: true });
      writeFileSync(join(dir, `p${i}`, '.claude', 'settings.json'), WARN_ONLY);
    }
    const full = spawnSyncTimed(process.execPath, [join(ROOT, 'dist', 'cli.cjs'), 'check', '--no-config-lookup', dir], { encoding: 'utf8', env: childEnv() });
    assert.equal(full.status, 0);
    assert.ok(full.stdout.length > 100_000, `${full.stdout.length} bytes`);
    assert.match(full.stdout, /300 problems \(0 errors, 300 warnings\)/);
    const out = join(dir, 'report.txt');
    const toFile = spawnSyncTimed('sh', ['-c', `"${process.execPath}" "${join(ROOT, 'dist', 'cli.cjs')}" check --no-config-lookup "${dir}" > "${out}"`], { env: childEnv() });
    assert.equal(toFile.status, 0);
    assert.equal(readFileSync(out, 'utf8'), full.stdout);
    // The reader closes the pipe before reading anything: no EPIPE trace, a normal exit.
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'cli.cjs'), 'check', '--no-config-lookup', dir], { stdio: ['ignore', 'pipe', 'pipe'], env: childEnv() });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.stdout.destroy();
    const code = await exitOf(child, 'hooklint with its output closed');
    assert.equal(stderr, '');
    assert.ok(code === 0 || code === 1, `exit ${code}`);
  });
  it('runs from the build-time V8 code cache, and still works when that cache is corrupt or missing', async () => {
    const { copyFileSync, writeFileSync: write, existsSync: exists, rmSync } = await import('node:fs');
    const { ROOT } = await import('./helpers.js');
    assert.ok(exists(join(ROOT, 'dist', 'hooklint.cjs.cache')), 'the build writes the code cache');
    // V8 accepts it in a plain run, compiled as the launcher compiles it, under the launcher's one
    // flag (--liftoff-only; V8 rejects a cache made under other flags: the build's run must not
    // change any).
    const probe = `require('node:v8').setFlagsFromString('--liftoff-only');
      const fs = require('node:fs'), vm = require('node:vm'), Module = require('node:module');
      const file = ${JSON.stringify(join(ROOT, 'dist', 'hooklint.cjs'))};
      const s = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8').replace(/^#!.*/, '')), { filename: file, cachedData: fs.readFileSync(file + '.cache') });
      process.stdout.write(String(s.cachedDataRejected));`;
    assert.equal(spawnSyncTimed(process.execPath, ['-e', probe], { encoding: 'utf8', env: childEnv() }).stdout, 'false', 'V8 rejects the build-time code cache');
    const dir = mkdtempSync(join(tmpdir(), 'hooklint-exe-'));
    for (const f of ['cli.cjs', 'hooklint.cjs']) copyFileSync(join(ROOT, 'dist', f), join(dir, f));
    mkdirSync(join(dir, 'p', '.claude'), { recursive: true });
    writeFileSync(join(dir, 'p', '.claude', 'settings.json'), '{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "echo done"}]}]}}\n');
    const run = () => spawnSyncTimed(process.execPath, [join(dir, 'cli.cjs'), 'check', '--no-config-lookup', '-f', 'compact', join(dir, 'p', '.claude', 'settings.json')], { encoding: 'utf8', env: childEnv() });
    const expected = run();
    assert.equal(expected.status, 0, expected.stderr);
    assert.match(expected.stdout, /missing-timeout/);
    write(join(dir, 'hooklint.cjs.cache'), 'not a V8 code cache');
    assert.deepEqual([run().stdout, run().status], [expected.stdout, 0]);
    rmSync(join(dir, 'hooklint.cjs.cache'));
    assert.deepEqual([run().stdout, run().status], [expected.stdout, 0]);
  });
});

describe('tuning for large runs (src/cli/tune.ts)', { skip: process.platform !== 'linux' && 'thread priorities are read on Linux only' }, () => {
  it('sets V8 flags only: no thread of the process changes priority (issue 23 §9: nice 19 workers starve on a busy machine)', async () => {
    const { ROOT } = await import('./helpers.js');
    const script = `import { readFileSync, readdirSync } from 'node:fs';
      import { tuneForThroughput } from ${JSON.stringify(join(ROOT, 'src', 'cli', 'tune.ts'))};
      tuneForThroughput(process.env);
      // Field 19 of /proc/<pid>/task/<tid>/stat, counted after the ") " that ends the name.
      const nice = (tid) => Number(readFileSync('/proc/self/task/' + tid + '/stat', 'utf8').split(') ')[1].split(' ')[16]);
      process.stdout.write(JSON.stringify(readdirSync('/proc/self/task').map((t) => nice(t))));`;
    const r = spawnSyncTimed(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', env: childEnv({ NODE_OPTIONS: '' }) });
    assert.equal(r.status, 0, r.stderr);
    const nice = JSON.parse(r.stdout) as number[];
    assert.ok(nice.length >= 5, r.stdout);
    assert.deepEqual(new Set(nice), new Set([nice[0]]));
  });
});
