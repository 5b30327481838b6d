/**
 * Where hooklint runs (issue 5): SARIF for code scanning (validated against
 * the SARIF 2.1.0 schema shipped by @microsoft/jest-sarif), GitHub workflow
 * commands (escaping), the problem matcher, pre-commit (mixed file names,
 * the files pattern), the config file (lookup, precedence, errors), stdin,
 * and --output-file.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv4 from 'ajv-draft-04';
import { escapeData, escapeProperty } from '../src/formatters/github.js';
import { rules } from '../src/rules/index.js';
import { childEnv, ROOT, runCli, spawnSyncTimed } from './helpers.js';

const require = createRequire(import.meta.url);

/** A temporary repository with files { path: text }. */
function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hooklint-int-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

const SETTINGS = '{\n  "hooks": {\n    "PreToolUse": [\n      { "matcher": "bash", "hooks": [ { "type": "command", "command": "npx lint-staged" } ] }\n    ]\n  }\n}\n';

describe('--format sarif', () => {
  it('is valid SARIF 2.1.0 with every rule, relative URIs and UTF-16 columns', async () => {
    const dir = repo({ '.claude/settings.json': SETTINGS });
    const { code, stdout, stderr } = await runCli(['check', '-f', 'sarif'], { cwd: dir });
    assert.equal(stderr, '');
    assert.equal(code, 0);
    const log = JSON.parse(stdout);
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new Ajv4({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    const run = log.runs[0];
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.deepEqual(run.tool.driver.rules.map((r: { id: string }) => r.id), rules.map((r) => r.meta.id));
    for (const r of run.tool.driver.rules) {
      assert.ok(r.shortDescription.text && r.fullDescription.text && r.help.text, r.id);
      assert.match(r.helpUri, new RegExp(`/docs/rules/${r.id}\\.md$`));
    }
    const ids = run.results.map((r: { ruleId: string }) => r.ruleId).sort();
    assert.deepEqual(ids, ['missing-timeout', 'path-dependent-command', 'unknown-matcher-value']);
    for (const r of run.results) {
      assert.equal(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
      const loc = r.locations[0].physicalLocation;
      assert.deepEqual(loc.artifactLocation, { uri: '.claude/settings.json', uriBaseId: '%SRCROOT%' });
      assert.ok(loc.region.startLine === 4 && loc.region.endColumn > loc.region.startColumn);
    }
  });
  it('-o writes the report to a file and nothing to stdout', async () => {
    const dir = repo({ '.claude/settings.json': SETTINGS });
    const { stdout } = await runCli(['check', '-f', 'sarif', '-o', 'out/hooklint.sarif'], { cwd: dir }).catch(() => ({ stdout: 'x' }));
    assert.equal(stdout, '');
    mkdirSync(join(dir, 'out'), { recursive: true });
    const second = await runCli(['check', '-f', 'sarif', '-o', 'out/hooklint.sarif'], { cwd: dir });
    assert.equal(second.stdout, '');
    assert.equal(JSON.parse(readFileSync(join(dir, 'out/hooklint.sarif'), 'utf8')).version, '2.1.0');
  });
});

describe('--format github', () => {
  it('escapes data (%, CR, LF) and properties (also : and ,) as @actions/core does', () => {
    assert.equal(escapeData('100% a\r\nb'), '100%25 a%0D%0Ab');
    assert.equal(escapeProperty('dir:a,b%\n'), 'dir%3Aa%2Cb%25%0A');
  });
  it('prints one ::error/::warning line per finding that untrusted text cannot break', async () => {
    const dir = repo({ 'a,b:c/.claude/settings.json': '{"hooks": {"Pre\\n::error::forged%": [], "PreToolUse": [{"matcher": "bash", "hooks": [{"type": "command", "command": "echo", "timeout": 5}]}]}}\n' });
    const { stdout } = await runCli(['check', '-f', 'github', '--no-scripts'], { cwd: dir });
    const lines = stdout.trimEnd().split('\n');
    for (const l of lines) assert.match(l, /^::(error|warning) file=a%2Cb%3Ac\/\.claude\/settings\.json,line=\d+,/);
    assert.ok(lines.some((l) => l.startsWith('::error ') && l.includes('title=hooklint (unknown-event)::unknown hook event "Pre\\n::error::forged%25"')), stdout);
    assert.ok(lines.some((l) => l.startsWith('::warning ') && l.includes('title=hooklint (unknown-matcher-value)')));
  });
  it('in GitHub Actions, the human formats are wrapped in ::stop-commands::', async () => {
    const dir = repo({ '.claude/settings.json': SETTINGS });
    const { stdout } = await runCli(['check', '-f', 'compact'], { cwd: dir, env: { GITHUB_ACTIONS: 'true' } });
    const lines = stdout.trimEnd().split('\n');
    const token = /^::stop-commands::(hooklint-[0-9a-f-]{36})$/.exec(lines[0]!)?.[1];
    assert.ok(token, lines[0]);
    assert.equal(lines.at(-1), `::${token}::`);
  });
});

describe('problem matcher (hooklint-matcher.json)', () => {
  it('matches every compact line, with or without colour codes', async () => {
    const matcher = JSON.parse(readFileSync(join(ROOT, 'hooklint-matcher.json'), 'utf8')).problemMatcher[0];
    const re = new RegExp(matcher.pattern[0].regexp);
    const dir = repo({ '.claude/settings.json': SETTINGS });
    const { stdout } = await runCli(['check', '-f', 'compact'], { cwd: dir });
    for (const line of stdout.trimEnd().split('\n')) {
      const m = re.exec(line);
      assert.ok(m, line);
      assert.equal(m[matcher.pattern[0].file], '.claude/settings.json');
      assert.match(m[matcher.pattern[0].code], /^[a-z-]+$/);
    }
    assert.ok(re.test('\x1b[1m.claude/settings.json:4:20: \x1b[33mwarning\x1b[39m: x [missing-timeout]'));
  });
});

describe('pre-commit', () => {
  const manifest = readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8');
  const files = /files: (.+)$/m.exec(manifest)![1]!;
  it('declares hooklint and hooklint-fix hooks with a files pattern of hook config paths', () => {
    assert.match(manifest, /- id: hooklint\n[\s\S]*entry: hooklint check\n/);
    assert.match(manifest, /- id: hooklint-fix\n[\s\S]*entry: hooklint check --fix\n/);
    // pre-commit uses Python re.search on repo-relative paths; these patterns mean the same in JS.
    const re = new RegExp(files);
    for (const p of ['.claude/settings.json', '.claude/settings.local.json', 'plugins/x/hooks/hooks.json', 'x/.claude-plugin/plugin.json', '.claude-plugin/hooks.json', 'managed-settings.json', 'etc/managed-settings.d/10-hooks.json', '.claude/hooks.json'])
      assert.ok(re.test(p), `should match ${p}`);
    for (const p of ['package.json', 'settings.json', '.claude/settings.json.bak', 'hooks.json', 'docs/hooks/hooks.md', 'tsconfig.json', '.vscode/settings.json'])
      assert.ok(!re.test(p), `should not match ${p}`);
    // Skill, agent and command Markdown too (issue 24), with types_or json and markdown.
    for (const p of ['.claude/skills/fmt/SKILL.md', 'plugins/p/skills/x/SKILL.md', '.claude/agents/reviewer.md', '.claude/agents/team/a/b/deep.md', 'p/commands/go.md'])
      assert.ok(re.test(p), `should match ${p}`);
    for (const p of ['README.md', 'docs/skills/intro.md', '.claude/skills/fmt/notes.md', 'agents.md'])
      assert.ok(!re.test(p), `should not match ${p}`);
    assert.equal((manifest.match(/types_or: \[json, markdown\]/g) ?? []).length, 2);
  });
  it('accepts a list of file names, some not hook configs', async () => {
    const dir = repo({ '.claude/settings.json': SETTINGS, 'package.json': '{"name": "x"}\n', 'README.md': '# x\n', 'plugin/hooks/hooks.json': '{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "echo done", "timeout": 30}]}]}}\n' });
    const { code, stdout, stderr } = await runCli(['check', '-f', 'compact', '.claude/settings.json', 'package.json', 'README.md', 'plugin/hooks/hooks.json'], { cwd: dir });
    assert.equal(code, 0);
    assert.match(stderr, /package\.json: skipped, not a Claude Code hook configuration file/);
    assert.match(stderr, /README\.md: skipped/);
    assert.equal(stdout.split('\n').filter((l) => l.startsWith('.claude/settings.json:')).length, 3);
    assert.ok(!stdout.includes('plugin/hooks/hooks.json'));
  });
});

describe('hooklint.config.json', () => {
  it('nearest config wins; overrides apply by glob; ignores skip files; knownCommands silence path-dependent-command', async () => {
    const dir = repo({
      'hooklint.config.json': JSON.stringify({ rules: { 'missing-timeout': 'off' }, ignores: ['vendor/**'], knownCommands: ['npx'], overrides: [{ files: ['strict/**'], rules: { 'unknown-matcher-value': 'error' } }] }),
      '.claude/settings.json': SETTINGS,
      'vendor/p/hooks/hooks.json': '{"hooks": {"preToolUse": []}}\n',
      'strict/.claude/settings.json': SETTINGS,
      'sub/hooklint.config.json': '{ /* comments are fine here */ "rules": { "missing-timeout": "error" } }',
      'sub/.claude/settings.json': SETTINGS,
    });
    const { code, stdout } = await runCli(['check', '-f', 'compact'], { cwd: dir, configLookup: true });
    const lines = stdout.trimEnd().split('\n').sort();
    assert.deepEqual(lines, [
      '.claude/settings.json:4:21: warning: "bash" is not a tool name of PreToolUse (matching is case-sensitive); did you mean "Bash"? [unknown-matcher-value]',
      'strict/.claude/settings.json:4:21: error: "bash" is not a tool name of PreToolUse (matching is case-sensitive); did you mean "Bash"? [unknown-matcher-value]',
      'sub/.claude/settings.json:4:21: warning: "bash" is not a tool name of PreToolUse (matching is case-sensitive); did you mean "Bash"? [unknown-matcher-value]',
      'sub/.claude/settings.json:4:41: error: handler has no "timeout": it runs for up to 600 s before Claude Code cancels it; set it explicitly (recommended: 10) [missing-timeout]',
      'sub/.claude/settings.json:4:72: warning: "npx" is usually installed in a directory (~/.local/bin, nvm, Homebrew) that is not on PATH when Claude Code starts from an IDE or app; use an absolute path [path-dependent-command]',
    ]);
    assert.equal(code, 1);
    const explicit = await runCli(['check', '-f', 'compact', '--config', 'sub/hooklint.config.json', '.claude/settings.json'], { cwd: dir });
    assert.match(explicit.stdout, /error: handler has no "timeout"/);
    const none = await runCli(['check', '-f', 'compact', '--no-config-lookup', 'vendor/p/hooks/hooks.json'], { cwd: dir });
    assert.match(none.stdout, /unknown-event/);
    const ignored = await runCli(['check', '-f', 'compact', 'vendor/p/hooks/hooks.json'], { cwd: dir, configLookup: true });
    assert.match(ignored.stderr, /skipped, ignored by .*hooklint\.config\.json/);
  });
  it('main() resolves a relative --config against its io.cwd, not the process directory (library use)', async () => {
    const { main } = await import('../src/cli/main.js');
    const dir = repo({ 'cfg/strict.json': '{"rules": {"missing-timeout": "error"}}', '.claude/settings.json': SETTINGS });
    let stdout = '';
    let stderr = '';
    const code = await main(['check', '-f', 'compact', '--config', 'cfg/strict.json', '.claude/settings.json'], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env: childEnv(), cwd: dir, isTTY: false });
    assert.equal(stderr, '');
    assert.equal(code, 1);
    assert.match(stdout, /^\.claude\/settings\.json:4:41: error: handler has no "timeout"/m);
  });
  it('main() resolves hooklint test\'s relative --config against its io.cwd too', async () => {
    const { main } = await import('../src/cli/main.js');
    const dir = repo({ 'ignore-settings.json': '{"ignores": [".claude/settings.json"]}', '.claude/settings.json': SETTINGS });
    const run = async (args: string[]) => {
      let out = '';
      const code = await main(['test', '--list', ...args], { stdout: (s) => (out += s), stderr: (s) => (out += s), env: childEnv(), cwd: dir, isTTY: false });
      return { code, out };
    };
    const plain = await run([]);
    assert.equal(plain.code, 0);
    assert.match(plain.out, /\.claude\/settings\.json:\d+:\d+/);
    const ignored = await run(['--config', 'ignore-settings.json']);
    assert.equal(ignored.code, 0, ignored.out);
    assert.doesNotMatch(ignored.out, /\.claude\/settings\.json:\d+:\d+/);
  });
  it('recommendedTimeouts changes what --fix inserts', async () => {
    const dir = repo({ 'hooklint.config.json': '{"recommendedTimeouts": {"PreToolUse": 5}}', '.claude/settings.json': SETTINGS });
    await runCli(['check', '--fix'], { cwd: dir, configLookup: true });
    assert.match(readFileSync(join(dir, '.claude/settings.json'), 'utf8'), /"command": "npx lint-staged", "timeout": 5 \}/);
  });
  for (const [name, text, message] of [
    ['unknown rule id', '{"rules": {"missing-timout": "off"}}', /hooklint\.config\.json:1:12: unknown rule "missing-timout" in "rules"; did you mean "missing-timeout"\?/],
    ['bad level', '{"rules": {"missing-timeout": "warning"}}', /1:31: rule "missing-timeout": the level must be "off", "warn" or "error"/],
    ['invalid JSON', '{"rules": {', /hooklint\.config\.json:1:12: invalid JSON/],
    ['unknown key', '{"rule": {}}', /unknown key "rule"; did you mean "rules"\?/],
    ['timeout in ms', '{"recommendedTimeouts": {"Stop": 30000}}', /timeouts are in seconds, not milliseconds/],
    ['unknown event', '{"recommendedTimeouts": {"stop": 30}}', /unknown event "stop" in "recommendedTimeouts"; did you mean "Stop"\?/],
  ] as const)
    it(`a broken config (${name}) is exit 2 with one clear line`, async () => {
      const dir = repo({ 'hooklint.config.json': text, '.claude/settings.json': SETTINGS });
      const { code, stdout, stderr } = await runCli(['check'], { cwd: dir, configLookup: true });
      assert.equal(code, 2);
      assert.equal(stdout, '');
      assert.match(stderr, message);
      assert.equal(stderr.trimEnd().split('\n').length, 1, stderr);
    });
});

describe('--stdin', () => {
  it('lints standard input as the file named by --stdin-filename', async () => {
    const dir = repo({});
    const { code, stdout } = await runCli(['check', '--stdin', '--stdin-filename', 'plugin/hooks/hooks.json', '-f', 'compact'], { cwd: dir, stdin: '{"SessionStart": [{"hooks": [{"type": "command", "command": "echo hi", "timeout": 120}]}]}' });
    assert.equal(code, 1);
    assert.match(stdout, /^plugin\/hooks\/hooks\.json:1:2: error: events must sit under a top-level "hooks" key/m);
  });
  it('--fix-dry-run returns the fixed text; --fix is refused (nothing is ever written)', async () => {
    const dir = repo({});
    const dry = await runCli(['check', '--stdin', '--fix-dry-run', '-f', 'json'], { cwd: dir, stdin: SETTINGS });
    const [r] = JSON.parse(dry.stdout);
    assert.match(r.output, /"timeout": 10/);
    const fix = await runCli(['check', '--stdin', '--fix'], { cwd: dir, stdin: SETTINGS });
    assert.equal(fix.code, 2);
    assert.match(fix.stderr, /--fix does not apply to --stdin/);
  });
});

describe('README', () => {
  it('the programmatic API example runs as written (self-referencing the package)', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const code = /## Programmatic API\n\n```ts\n([\s\S]*?)```/.exec(readme)![1]!;
    const file = join(ROOT, 'dist', `readme-example-${process.pid}.mjs`);
    writeFileSync(file, code);
    try {
      const r = spawnSyncTimed(process.execPath, [file], { cwd: mkdtempSync(join(tmpdir(), 'hooklint-readme-')), encoding: 'utf8', env: childEnv() });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /'missing-timeout'/);
    } finally {
      (await import('node:fs')).rmSync(file, { force: true });
    }
  });
});

describe('GitHub Action (action.yml)', () => {
  /** The `run:` script of the step named `name`, as the runner would execute it (bash -e). */
  function step(name: string): string {
    const yml = readFileSync(join(ROOT, 'action.yml'), 'utf8');
    const block = yml.slice(yml.indexOf(`- name: ${name}`));
    const m = /\n\s+run: \|\n((?:\s{8}.*\n|\s*\n)+)/.exec(block)!;
    return m[1]!.replace(/^ {8}/gm, '');
  }
  async function runStep(env: Record<string, string>, cwd: string) {
    return spawnSyncTimed('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step('Run hooklint')], {
      cwd,
      encoding: 'utf8',
      env: { ...childEnv(), GITHUB_OUTPUT: join(cwd, '.github-output'), HL_CLI: join(ROOT, 'dist', 'cli.cjs'), HL_FORMAT: 'github', HL_FAIL_ON: 'error', HL_SARIF: '', HL_PATHS: '.', GITHUB_ACTIONS: 'true', ...env, HL_ARGS: `--no-config-lookup ${env.HL_ARGS ?? ''}` },
    });
  }
  it('annotates findings and fails only as fail-on says', async () => {
    const dir = repo({ '.claude/settings.json': SETTINGS, 'my dir/.claude/settings.json': '{"hooks": {"preToolUse": []}}\n' });
    const errorRun = await runStep({}, dir);
    assert.equal(errorRun.status, 1, errorRun.stderr);
    assert.match(errorRun.stdout, /^::error file=my dir\/\.claude\/settings\.json,line=1,.*title=hooklint \(unknown-event\)::/m);
    assert.match(errorRun.stdout, /^::warning file=\.claude\/settings\.json,/m);
    const never = await runStep({ HL_FAIL_ON: 'never' }, dir);
    assert.equal(never.status, 0);
    const warnOnly = await runStep({ HL_FAIL_ON: 'warning', HL_PATHS: '.claude/settings.json' }, dir);
    assert.equal(warnOnly.status, 1);
    const bad = await runStep({ HL_FAIL_ON: 'sometimes' }, dir);
    assert.equal(bad.status, 2);
    assert.match(bad.stdout, /::error title=hooklint::fail-on must be error, warning or never/);
  });
  it('writes SARIF for upload-sarif when sarif-file is set, and never expands globs from inputs', async () => {
    const dir = repo({ '.claude/settings.json': SETTINGS });
    const r = await runStep({ HL_SARIF: 'out.sarif', HL_FAIL_ON: 'never', HL_ARGS: '--no-scripts', HL_PATHS: '.claude/*.json' }, dir);
    assert.equal(r.status, 2, 'a literal "*" path does not exist: set -f kept it unexpanded');
    const ok = await runStep({ HL_SARIF: 'out.sarif', HL_FAIL_ON: 'never', HL_ARGS: '--no-scripts' }, dir);
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')).runs[0].results.length, 3);
  });
});

describe('worker threads (HOOKLINT_THREADS)', () => {
  it('two threads report exactly what one thread does, on a tree above the parallel threshold', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hooklint-threads-'));
    assert.equal(spawnSyncTimed(process.execPath, [join(ROOT, 'scripts', 'bench-corpus.mjs'), '110', '--out', dir]).status, 0);
    const one = await runCli(['check', '-f', 'json', dir], { env: { HOOKLINT_THREADS: '1' } });
    const two = await runCli(['check', '-f', 'json', dir], { env: { HOOKLINT_THREADS: '2' } });
    assert.equal(two.stderr, '');
    assert.equal(two.code, one.code);
    const a = JSON.parse(one.stdout);
    // Three hook files per unit of bench-corpus (settings.json, plugin.json, hooks.json): 330, above PARALLEL_THRESHOLD.
    assert.equal(a.length, 3 * 110);
    assert.deepEqual(JSON.parse(two.stdout), a);
  });
});

describe('reader thread (two cores: one thread lints while another walks and reads)', () => {
  const reader = join(ROOT, 'dist', 'reader.cjs');
  /** A generated tree plus the cases where order or discovery could matter. */
  async function tree(units: number): Promise<string> {
    const { symlinkSync } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'hooklint-reader-'));
    assert.equal(spawnSyncTimed(process.execPath, [join(ROOT, 'scripts', 'bench-corpus.mjs'), String(units), '--out', dir]).status, 0);
    const put = (p: string, text: string) => {
      mkdirSync(join(dir, p, '..'), { recursive: true });
      writeFileSync(join(dir, p), text);
    };
    // Nested configs: one at the top, one deeper with overrides and ignores.
    put('hooklint.config.json', JSON.stringify({ rules: { 'missing-timeout': 'off' } }));
    put('unit-00003/hooklint.config.json', JSON.stringify({ rules: { 'missing-timeout': 'error' }, ignores: ['plugin/hooks/**'], overrides: [{ files: ['.claude/**'], rules: { 'legacy-tool-name': 'off' } }] }));
    // A manifest naming its default hooks file (found by the walk too) and another one.
    put('unit-00004/plugin/.claude-plugin/plugin.json', JSON.stringify({ name: 'p', hooks: ['./hooks/hooks.json', './extra/more.json'] }));
    put('unit-00004/plugin/extra/more.json', JSON.stringify({ hooks: { Stop: [{ hooks: [{ type: 'command', command: 'echo hi' }] }] } }));
    // A settings.json that is not a hook config, and a link to nowhere named like one.
    put('docs/settings.json', '{"theme": "dark"}');
    mkdirSync(join(dir, 'broken', '.claude'), { recursive: true });
    symlinkSync(join(dir, 'nowhere.json'), join(dir, 'broken', '.claude', 'settings.json'));
    return dir;
  }

  it('lintFilesStreaming reports exactly what lintFiles does (results, notices, errors, fixes), in order', async () => {
    const { lintFiles } = await import('../src/node/lint-files.js');
    const { lintFilesStreaming } = await import('../src/node/parallel.js');
    const dir = await tree(12);
    const home = repo({ 'settings.json': SETTINGS });
    const named = join(dir, 'unit-00001', '.claude', 'settings.json');
    for (const options of [
      { cwd: dir, keepSource: true },
      { cwd: dir, user: true, env: { ...process.env, CLAUDE_CONFIG_DIR: home } },
      { cwd: dir, fix: 'safe' as const, dryRun: true },
      { cwd: dir, scripts: false, useConfig: false },
    ]) {
      const inputs = ['.', 'missing-path', named];
      const expected = lintFiles(inputs, options);
      const actual = await lintFilesStreaming(inputs, options, reader);
      assert.deepEqual(actual, expected);
      assert.ok(expected.errors.some((e) => e.startsWith('missing-path: no such file')) && expected.errors.some((e) => e.includes('broken')));
    }
  });

  it('an invalid config file found during the walk stops the run with its error, and the reader with it', async () => {
    const { ConfigError } = await import('../src/node/config.js');
    const { lintFilesStreaming } = await import('../src/node/parallel.js');
    const dir = await tree(6);
    writeFileSync(join(dir, 'unit-00002', 'hooklint.config.json'), '{"rules": {"no-such-rule": "off"}}');
    await assert.rejects(lintFilesStreaming([dir], {}, reader), (e) => e instanceof ConfigError && /no-such-rule/.test((e as Error).message));
  });

  it('the CLI walks a tree above the threshold with the reader and prints what one thread prints', async () => {
    const { availableParallelism } = await import('node:os');
    const { READER_MIN_DIRS } = await import('../src/node/parallel.js');
    const units = Math.ceil(READER_MIN_DIRS / 6) + 10;
    const dir = await tree(units);
    const one = await runCli(['check', '-f', 'json', dir], { env: { HOOKLINT_THREADS: '1' }, configLookup: true });
    const auto = await runCli(['check', '-f', 'json', dir], { configLookup: true });
    assert.equal(auto.code, one.code);
    assert.equal(auto.stderr, one.stderr);
    assert.deepEqual(JSON.parse(auto.stdout), JSON.parse(one.stdout));
    // 6 directories per unit: above the threshold, so with two cores the reader thread walked it.
    assert.equal(JSON.parse(one.stdout).length, 3 * units, 'every hook file of the tree (three per unit) is linted');
    if (availableParallelism() < 2) console.log('one core: the reader thread was not used');
    // A damaged install without dist/reader.cjs lints the same tree in one thread.
    const { lintFiles } = await import('../src/node/lint-files.js');
    const { lintFilesParallel } = await import('../src/node/parallel.js');
    assert.deepEqual(await lintFilesParallel([dir], {}, undefined, join(dir, 'no-such-reader.cjs')), lintFiles([dir], {}));
    // A large run: the CLI's V8 tuning hook is called once, before linting, on either path.
    let calls = 0;
    await lintFilesParallel([dir], {}, undefined, reader, () => calls++);
    assert.equal(calls, 1);
  });

  it('onLargeRun: called once from LARGE_RUN_FILES files on, never for fewer, with the number of threads that lint', async () => {
    const { lintFilesParallel, LARGE_RUN_FILES, PARALLEL_THRESHOLD } = await import('../src/node/parallel.js');
    const dir = mkdtempSync(join(tmpdir(), 'hooklint-large-'));
    const calls = async (paths: string[], threads = '1') => {
      const seen: number[] = [];
      await lintFilesParallel(paths, { env: { ...process.env, HOOKLINT_THREADS: threads }, cwd: dir }, join(ROOT, 'dist', 'worker.js'), reader, (n) => seen.push(n));
      return seen;
    };
    const files = Array.from({ length: PARALLEL_THRESHOLD }, (_, i) => {
      mkdirSync(join(dir, `p${i}`, '.claude'), { recursive: true });
      writeFileSync(join(dir, `p${i}`, '.claude', 'settings.json'), SETTINGS);
      return join(dir, `p${i}`, '.claude', 'settings.json');
    });
    assert.deepEqual(await calls(files.slice(0, LARGE_RUN_FILES - 1)), []);
    assert.deepEqual(await calls(files.slice(0, LARGE_RUN_FILES)), [1]);
    assert.deepEqual(await calls([dir]), [1]);
    // Two lint threads from PARALLEL_THRESHOLD files on; below it, this thread alone.
    assert.deepEqual(await calls(files.slice(0, LARGE_RUN_FILES), '2'), [1]);
    assert.deepEqual(await calls(files, '2'), [2]);
  });
});
