/**
 * Issue 23 §4, §6, §7, §8: each reproduction of the hostile review as a test.
 * Deep nesting is a finding with a position, never a crash that loses the other
 * files' results; only regular files are read, with a size cap, whatever links
 * or FIFOs a repository holds; `--fix` never writes outside the project or
 * plugin, and `check` never quotes a file a link leads outside to; a manifest's
 * folder is a finding; the language server survives a client sending garbage.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, closeSync, lstatSync, mkdirSync, mkdtempSync, openSync, readFileSync, statSync, symlinkSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { execFileSync } from 'node:child_process';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDocument, parseTreeBounded, MAX_DEPTH } from '../src/formats/parse.js';
import { lintText } from '../src/lint/lint.js';
import { lintFiles, lintStdin, manifestHookFiles } from '../src/node/lint-files.js';
import { sniffKind } from '../src/node/files.js';
import { PluginLayout } from '../src/node/claims.js';
import { readRegularFile, MAX_CONFIG_BYTES } from '../src/node/read-file.js';
import { walkDirectory } from '../src/node/walk.js';
import { capDiagnostics, quickFixes } from '../src/lsp/convert.js';
import { guardInput, type GuardResponse } from '../src/lsp/transport.js';
import type { Diagnostic } from '../src/model/types.js';
import fc from 'fast-check';
import { assertProperty, CLI, childEnv, exitOf, runCli } from './helpers.js';

/** A temporary folder with `files` (path → content; a Buffer is written as is). */
function tree(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hooklint-reliability-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

function link(dir: string, path: string, target: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  symlinkSync(target, join(dir, path));
}

/** `check -f compact` on `args` in `cwd`: exit code, lines, stderr; never a stack trace. */
async function check(args: string[], cwd: string, opts: { env?: NodeJS.ProcessEnv; stdin?: string } = {}) {
  const r = await runCli(['check', '-f', 'compact', ...args], { cwd, timeoutMs: 30_000, ...opts });
  assert.doesNotMatch(r.stderr, /\n\s+at |Maximum call stack|TypeError/, r.stderr);
  return { code: r.code, lines: r.stdout.trimEnd().split('\n').filter(Boolean), stderr: r.stderr };
}

const CLEAN = '{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "echo done", "timeout": 30}]}]}}\n';
const UNTIMED = '{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "echo done"}]}]}}\n';
/** The manifest of issue 23 §4: 3,000 nested arrays as `hooks`. */
const DEEP_MANIFEST = '{"name":"x","hooks":' + '['.repeat(3000) + ']'.repeat(3000) + '}';
/** Issue 23 §4's second reproduction: an unterminated string, then 3,000 levels on their own lines. */
const DEEP_AFTER_STRING = '{"a":["x' + '[\n'.repeat(3000) + ']'.repeat(3000) + ']}';

describe('deep nesting (issue 23 §4)', () => {
  it('a plugin manifest nested 3,000 deep is a json-syntax finding; the other files keep their results (exit 1, not 2)', async () => {
    const dir = tree({ 'p/.claude-plugin/plugin.json': DEEP_MANIFEST, 'p/hooks/hooks.json': '{"hooks": {"stop": []}}\n', '.claude/settings.json': UNTIMED });
    const { code, lines } = await check(['.'], dir);
    assert.equal(code, 1);
    assert.ok(lines.includes('p/.claude-plugin/plugin.json:1:1020: error: invalid JSON: nesting deeper than 1000 levels [json-syntax]'), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith('.claude/settings.json:') && l.endsWith('[missing-timeout]')), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith('p/hooks/hooks.json:') && l.endsWith('[unknown-event]')), lines.join('\n'));
  });
  for (const path of ['.claude/settings.json', '.claude/settings.local.json', 'p/hooks/hooks.json', 'p/.claude-plugin/plugin.json', 'managed-settings.json'])
    it(`an unterminated string before 3,000 levels on their own lines in ${path} is a positioned json-syntax finding`, async () => {
      const dir = tree({ [path]: DEEP_AFTER_STRING, ...(path.startsWith('p/hooks') ? { 'p/.claude-plugin/plugin.json': '{"name": "p"}\n' } : {}), 'other/.claude/settings.json': UNTIMED });
      const { code, lines } = await check(['.'], dir);
      assert.equal(code, 1, lines.join('\n'));
      assert.ok(lines.includes(`${path}:1000:1: error: invalid JSON: nesting deeper than 1000 levels [json-syntax]`), lines.join('\n'));
      assert.ok(lines.some((l) => l.startsWith('other/.claude/settings.json:') && l.endsWith('[missing-timeout]')), lines.join('\n'));
    });
  it('the depth check reads strings as jsonc-parser does: an unterminated string ends at the line break', () => {
    const doc = parseDocument(DEEP_AFTER_STRING);
    assert.equal(doc.root, undefined);
    assert.deepEqual(doc.syntaxErrors.map((e) => e.message), [`nesting deeper than ${MAX_DEPTH} levels`]);
    // A string holding brackets is no nesting; an escaped line break continues the string.
    assert.equal(parseDocument('{"a": "' + '['.repeat(5000) + '"}').syntaxErrors.length, 0);
  });
  it("discovery's quick parses (sniffing, plugin layout, manifest hooks) refuse deep text instead of overflowing", () => {
    assert.equal(parseTreeBounded(DEEP_MANIFEST), undefined);
    assert.equal(sniffKind('/x/hooks.json', '{"hooks":' + '['.repeat(5000) + ']'.repeat(5000) + '}'), undefined);
    assert.deepEqual(manifestHookFiles(DEEP_MANIFEST), []);
    const layout = new PluginLayout({ exists: () => true, read: () => DEEP_MANIFEST });
    assert.deepEqual(layout.manifest('/p')?.hookFiles, []);
  });
  it('nesting just under the limit, in every kind and place, lints without throwing (recursion bounded in every rule)', () => {
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    const deepObj = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
    const n = MAX_DEPTH - 8;
    const texts: [string, Parameters<typeof lintText>[1]['kind']][] = [
      [`{"hooks":{"Stop":[{"hooks":${deep(n)}}]}}`, 'project-settings'],
      [`{"hooks":{"Stop":[{"matcher":${deepObj(n)},"hooks":[]}]}}`, 'project-settings'],
      [`{"Stop":[${deepObj(n)}]}`, 'plugin-hooks'],
      [`{"name":"x","hooks":${deep(n)}}`, 'plugin-manifest'],
      [`{"hooks":{"Stop":[{"hooks":[{"type":"http","url":"https://x","headers":${deepObj(n)}}]}]}}`, 'user-settings'],
    ];
    for (const [text, kind] of texts) {
      const out = lintText(text, { filePath: '/tmp/x.json', kind });
      assert.ok(!out.diagnostics.some((d) => d.ruleId === 'json-syntax'), `${kind}: ${JSON.stringify(out.diagnostics.slice(0, 2))}`);
    }
  });
  it('found by the fuzz below: a plugin hooks file without its "hooks" wrapper whose event value does not parse (the schema rule read a missing value node)', () => {
    const text = '{"Stop": "x{"a":1}}';
    const out = lintText(text, { filePath: '/tmp/p/hooks/hooks.json', kind: 'plugin-hooks' });
    assert.ok(out.diagnostics.some((d) => d.ruleId === 'json-syntax'));
  });
  it('YAML frontmatter nested 3,000 deep is a yaml-syntax finding, and the run goes on', async () => {
    const dir = tree({ '.claude/skills/s/SKILL.md': '---\nname: s\nhooks:\n  Stop: ' + '['.repeat(3000) + ']'.repeat(3000) + '\n---\n', 'b/.claude/settings.json': UNTIMED });
    const { code, lines } = await check(['.'], dir);
    assert.equal(code, 1);
    assert.ok(lines.some((l) => l.startsWith('.claude/skills/s/SKILL.md:4:') && l.endsWith('[yaml-syntax]')), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith('b/.claude/settings.json:') && l.endsWith('[missing-timeout]')), lines.join('\n'));
  });
});

/** Skip on platforms without the special files (Windows). */
const noDevices = process.platform === 'win32' && 'no /dev/zero';

describe('only regular files, with a size cap (issue 23 §6)', { skip: noDevices }, () => {
  const SKIPPED = /skipped: it is a character device, not a regular file \(hooklint reads only regular files\)/;
  it('a committed .claude/settings.json -> /dev/zero and settings.local.json -> /dev/urandom: a notice each, never a hang; the rest is linted', async () => {
    const dir = tree({ 'b/.claude/settings.json': UNTIMED });
    link(dir, '.claude/settings.json', '/dev/zero');
    link(dir, '.claude/settings.local.json', '/dev/urandom');
    const { code, lines, stderr } = await check(['.'], dir);
    assert.equal(code, 0); // a warning
    assert.deepEqual(lines.map((l) => l.split(':')[0]), ['b/.claude/settings.json']);
    assert.match(stderr, new RegExp(`settings\\.json: ${SKIPPED.source}`));
    assert.match(stderr, new RegExp(`settings\\.local\\.json: ${SKIPPED.source}`));
  });
  it('a FIFO as the hooks file a manifest names, and as a named settings file: a finding or a notice, never a wait for a writer', async () => {
    const dir = tree({ 'p/.claude-plugin/plugin.json': '{"name": "p", "hooks": "./hooks/extra.json"}\n' });
    mkdirSync(join(dir, 'p/hooks'));
    execFileSync('mkfifo', [join(dir, 'p/hooks/extra.json'), join(dir, 'named.json')]);
    const walked = await check(['p'], dir);
    assert.deepEqual(walked.lines, ['p/.claude-plugin/plugin.json:1:24: error: "./hooks/extra.json" is a folder or a special file, not a hook file: "hooks" names JSON files such as "./hooks/extra.json" [manifest-hooks-path]']);
    const named = await check(['named.json'], dir);
    assert.match(named.stderr, /named\.json: skipped: it is a FIFO, not a regular file/);
  });
  it('.claude-plugin/plugin.json -> /dev/zero: the plugin layout reads nothing, in the CLI and for an editor buffer (--stdin, the language server path)', async () => {
    const dir = tree({ 'p/hooks/hooks.json': '{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "echo x"}]}]}}\n' });
    link(dir, 'p/.claude-plugin/plugin.json', '/dev/zero');
    const walked = await check(['p'], dir);
    assert.match(walked.stderr, /plugin\.json: skipped: it is a character device/);
    const stdin = await check(['--stdin', '--stdin-filename', 'p/hooks/hooks.json'], dir, { stdin: readFileSync(join(dir, 'p/hooks/hooks.json'), 'utf8') });
    assert.equal(stdin.code, 0);
    assert.ok(stdin.lines.some((l) => l.endsWith('[missing-timeout]')), stdin.lines.join('\n'));
  });
  it('--config /dev/zero is one line and exit 2; --user with a settings.json -> /dev/zero is a notice', async () => {
    const dir = tree({ '.claude/settings.json': CLEAN });
    const config = await check(['--config', '/dev/zero', '.'], dir);
    assert.equal(config.code, 2);
    assert.match(config.stderr, /\/dev\/zero: cannot read the config file \(it is a character device, not a regular file/);
    const home = tree({});
    link(home, '.claude/settings.json', '/dev/zero');
    const user = await check(['--user', '.'], dir, { env: { CLAUDE_CONFIG_DIR: join(home, '.claude') } });
    assert.equal(user.code, 0);
    assert.match(user.stderr, /\.claude\/settings\.json: skipped: it is a character device/);
  });
  it('a regular file over the size cap is a notice, read no further (a sparse file: no disk used)', () => {
    const dir = tree({});
    const file = join(dir, '.claude', 'settings.json');
    mkdirSync(dirname(file));
    const fd = openSync(file, 'w');
    ftruncateSync(fd, MAX_CONFIG_BYTES + 1);
    closeSync(fd);
    const out = lintFiles([dir], { cwd: dir, useConfig: false });
    assert.deepEqual(out.results, []);
    assert.deepEqual(out.notices, [`${file}: skipped: it is ${MAX_CONFIG_BYTES + 1} bytes, over the 32 MiB hooklint reads of a config file`]);
    assert.throws(() => readRegularFile('/dev/zero'), { code: 'ENOTREG' });
    assert.equal(readRegularFile(join(dir, '.claude', 'settings.json'), MAX_CONFIG_BYTES + 1).length, MAX_CONFIG_BYTES + 1);
  });
});

describe('--fix writes only inside the project or plugin (issue 23 §7)', { skip: process.platform === 'win32' && 'symlinks' }, () => {
  it('a committed settings.local.json linking outside the project is linted, not fixed; the target keeps its bytes', async () => {
    const dir = tree({ 'outside/target.json': UNTIMED, 'proj/.claude/settings.json': CLEAN });
    link(dir, 'proj/.claude/settings.local.json', '../../outside/target.json');
    const r = await check(['--fix', '.'], join(dir, 'proj'));
    assert.equal(readFileSync(join(dir, 'outside/target.json'), 'utf8'), UNTIMED);
    assert.deepEqual(r.lines, ['.claude/settings.local.json:1:33: warning: handler has no "timeout": it runs for up to 600 s before Claude Code cancels it; set it explicitly (recommended: 30) [missing-timeout]']);
    assert.match(r.stderr, /settings\.local\.json: not fixed: it links to .*outside\/target\.json, outside .*proj; hooklint writes only inside the project or plugin/);
    // A link inside the project is still written through (the file it names).
    const inside = tree({ 'real/settings.json': UNTIMED });
    link(inside, '.claude/settings.json', '../real/settings.json');
    await check(['--fix', '.'], inside);
    assert.match(readFileSync(join(inside, 'real/settings.json'), 'utf8'), /"timeout": 30/);
    assert.ok(lstatSync(join(inside, '.claude/settings.json')).isSymbolicLink());
  });
  it("the user's own settings.json linking to a dotfiles repository is still fixed through the link (no project to stay in)", async () => {
    const dir = tree({ 'dotfiles/claude/settings.json': UNTIMED, 'work/.claude/settings.json': CLEAN });
    link(dir, 'home/.claude/settings.json', '../../dotfiles/claude/settings.json');
    const r = await check(['--fix', '--user', '.'], join(dir, 'work'), { env: { CLAUDE_CONFIG_DIR: join(dir, 'home/.claude') } });
    assert.equal(r.stderr, '');
    assert.match(readFileSync(join(dir, 'dotfiles/claude/settings.json'), 'utf8'), /"timeout": 30/);
  });
  it('a hook script linking outside the project is never chmod-ed, rewritten or quoted', async () => {
    const dir = tree({
      'outside/secret.py': '#!/usr/bin/python SECRET=hunter2\nprint(1)\n',
      'outside/escaped.sh': '#\\!/bin/sh TOKEN=abc\necho\n',
      'proj/.claude/settings.json': JSON.stringify({ hooks: { Stop: [{ hooks: [{ type: 'command', command: '"$CLAUDE_PROJECT_DIR"/.claude/hooks/a.py', timeout: 5 }, { type: 'command', command: '"$CLAUDE_PROJECT_DIR"/.claude/hooks/b.sh', timeout: 5 }] }] } }) + '\n',
    });
    chmodSync(join(dir, 'outside/secret.py'), 0o644);
    link(dir, 'proj/.claude/hooks/a.py', '../../../outside/secret.py');
    link(dir, 'proj/.claude/hooks/b.sh', '../../../outside/escaped.sh');
    const checked = await check(['.'], join(dir, 'proj'));
    assert.doesNotMatch(checked.lines.join('\n') + checked.stderr, /hunter2|TOKEN=abc/);
    await check(['--fix', '--unsafe-fixes', '.'], join(dir, 'proj'));
    assert.equal(statSync(join(dir, 'outside/secret.py')).mode & 0o777, 0o644);
    assert.equal(readFileSync(join(dir, 'outside/secret.py'), 'utf8'), '#!/usr/bin/python SECRET=hunter2\nprint(1)\n');
    assert.equal(readFileSync(join(dir, 'outside/escaped.sh'), 'utf8'), '#\\!/bin/sh TOKEN=abc\necho\n');
  });
});

describe('smaller ones (issue 23 §8)', () => {
  it('a manifest "hooks": "./hooks" naming a folder is a finding at the manifest, not exit 2 with an absolute path', async () => {
    const dir = tree({ 'p/.claude-plugin/plugin.json': '{"name": "p", "hooks": "./hooks"}\n', 'p/hooks/hooks.json': CLEAN });
    const { code, lines, stderr } = await check(['p'], dir);
    assert.equal(code, 1, stderr);
    assert.equal(stderr, '');
    assert.deepEqual(lines, ['p/.claude-plugin/plugin.json:1:24: error: "./hooks" is a folder or a special file, not a hook file: "hooks" names JSON files such as "./hooks/extra.json" [manifest-hooks-path]']);
  });
  it('a folder whose name is not UTF-8 gets a notice, in the walk and in the reader thread', { skip: process.platform !== 'linux' && 'byte names' }, () => {
    const dir = tree({ 'ok/.claude/settings.json': CLEAN });
    // Node cannot create such a name from a string: a Buffer path can.
    const bad = Buffer.concat([Buffer.from(dir + '/bad'), Buffer.from([0xff, 0xfe])]);
    mkdirSync(bad);
    mkdirSync(Buffer.concat([bad, Buffer.from('/.claude')]));
    writeFileSync(Buffer.concat([bad, Buffer.from('/.claude/settings.json')]), UNTIMED);
    const skipped: string[] = [];
    walkDirectory(dir, { file: () => undefined, config: () => undefined, skipped: (p) => skipped.push(p) });
    assert.deepEqual(skipped, [`${dir}/bad\uFFFD\uFFFD`]);
    const out = lintFiles([dir], { cwd: dir, useConfig: false });
    assert.deepEqual(out.notices, [`${dir}/bad\uFFFD\uFFFD: skipped: the folder name is not valid UTF-8, and hooklint walks only folders whose names are`]);
  });
});

/** Feed `chunks` to the guard; what it forwards (bodies) and answers. */
async function guard(chunks: (string | Buffer)[]): Promise<{ forwarded: unknown[]; answers: GuardResponse[]; logs: string[] }> {
  const input = new PassThrough();
  const answers: GuardResponse[] = [];
  const logs: string[] = [];
  const out = guardInput(input, { respond: (r) => void answers.push(r), log: (l) => void logs.push(l) });
  const bytes: Buffer[] = [];
  out.on('data', (d: Buffer) => bytes.push(d));
  const ended = new Promise((r) => out.on('end', r));
  for (const c of chunks) input.write(c);
  input.end();
  await ended;
  const text = Buffer.concat(bytes).toString('utf8');
  const forwarded: unknown[] = [];
  for (let at = 0; at < text.length; ) {
    const m = /^Content-Length: (\d+)\r\n\r\n/.exec(text.slice(at));
    assert.ok(m, `bad framing at ${at}: ${JSON.stringify(text.slice(at, at + 40))}`);
    const start = at + m[0].length;
    const body = Buffer.from(text.slice(start)).subarray(0, Number(m[1])).toString('utf8');
    forwarded.push(JSON.parse(body));
    at = start + body.length;
  }
  return { forwarded, answers, logs };
}

const frame = (obj: unknown, delta = 0) => {
  const b = Buffer.from(JSON.stringify(obj));
  return `Content-Length: ${b.length + delta}\r\n\r\n${b.toString()}`;
};
const hover = (id: number, params: unknown = { textDocument: { uri: 'file:///x' }, position: { line: 0, character: 0 } }) => ({ jsonrpc: '2.0', id, method: 'textDocument/hover', params });

describe('language server input guard (issue 23 §8)', () => {
  it('resynchronises after a Content-Length too long (the next header arrives) or too short, and after garbage', async () => {
    const long = await guard([frame(hover(1), 25), frame(hover(2))]);
    assert.deepEqual(long.forwarded, [hover(1), hover(2)]);
    const short = await guard([frame(hover(1), -5), frame(hover(2))]);
    assert.deepEqual(short.forwarded, [hover(2)]);
    assert.deepEqual(short.answers.map((a) => [a.id, a.error.code]), [[null, -32700]]);
    const garbage = await guard(['hello\r\n\r\n', 'Content-Length: abc\r\n\r\n{}', frame(hover(3))]);
    assert.deepEqual(garbage.forwarded, [hover(3)]);
    // Split anywhere, the same messages come out.
    const all = frame(hover(4)) + frame({ jsonrpc: '2.0', method: 'initialized', params: {} });
    for (let cut = 1; cut < all.length; cut += 7) assert.deepEqual((await guard([all.slice(0, cut), all.slice(cut)])).forwarded.length, 2);
  });
  it('answers bad params with -32602 (never a TypeError from the library), and requests after shutdown with -32600', async () => {
    const r = await guard([frame(hover(1, { nope: 1 })), frame({ jsonrpc: '2.0', id: 2, method: 'textDocument/codeAction', params: null }), frame(hover(3, { textDocument: { uri: 'file:///x' }, position: 'bad' })), frame({ jsonrpc: '2.0', id: 4, method: 'shutdown' }), frame(hover(5)), frame({ jsonrpc: '2.0', method: 'exit' })]);
    assert.deepEqual(r.answers.map((a) => [a.id, a.error.code]), [[1, -32602], [2, -32602], [3, -32602], [5, -32600]]);
    assert.deepEqual(r.forwarded, [{ jsonrpc: '2.0', id: 4, method: 'shutdown' }, { jsonrpc: '2.0', method: 'exit' }]);
  });
});

const started: ReturnType<typeof spawn>[] = [];
after(() => {
  for (const c of started) if (c.exitCode === null) c.kill('SIGKILL');
});

/** Talk raw LSP to `hooklint lsp --stdio`: send frames, collect every message it sends until `until` accepts the list. */
async function rawSession(cwd: string, frames: string[], until: (msgs: Record<string, unknown>[]) => boolean): Promise<Record<string, unknown>[]> {
  const child = spawn(process.execPath, [CLI, 'lsp', '--stdio'], { cwd, env: childEnv(), stdio: ['pipe', 'pipe', 'ignore'] });
  started.push(child);
  const exited = exitOf(child, 'hooklint lsp', 30_000);
  const msgs: Record<string, unknown>[] = [];
  let buf = Buffer.alloc(0);
  const done = new Promise<void>((resolve) => {
    child.stdout!.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      for (;;) {
        const text = buf.toString('latin1');
        const m = /^Content-Length: (\d+)\r\n\r\n/.exec(text);
        if (!m || buf.length < m[0].length + Number(m[1])) break;
        msgs.push(JSON.parse(buf.subarray(m[0].length, m[0].length + Number(m[1])).toString('utf8')) as Record<string, unknown>);
        buf = buf.subarray(m[0].length + Number(m[1]));
      }
      if (until(msgs)) resolve();
    });
  });
  for (const f of frames) child.stdin!.write(f);
  await done;
  child.stdin!.end();
  await exited;
  return msgs;
}

describe('language server end to end (issue 23 §4, §8)', () => {
  const init = (dir: string) => [frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: pathToFileURL(dir).href, capabilities: {} } }), frame({ jsonrpc: '2.0', method: 'initialized', params: {} })];
  const open = (uri: string, text: string) => frame({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'json', version: 1, text } } });
  type Published = { method: string; params: { uri: string; diagnostics: { code?: string; message: string; severity: number }[] } };
  it('a deep plugin manifest gets its json-syntax diagnostic; a wrong Content-Length before it does not stop the server', async () => {
    const dir = tree({ 'p/.claude-plugin/plugin.json': DEEP_MANIFEST });
    const uri = pathToFileURL(join(dir, 'p/.claude-plugin/plugin.json')).href;
    const msgs = await rawSession(dir, [...init(dir), frame(hover(7), 30), open(uri, DEEP_MANIFEST)], (m) => m.some((x) => x.method === 'textDocument/publishDiagnostics'));
    const pub = msgs.find((x) => x.method === 'textDocument/publishDiagnostics') as unknown as Published;
    assert.deepEqual(pub.params.diagnostics.map((d) => [d.code, d.message.split('\n')[0]]), [['json-syntax', 'invalid JSON: nesting deeper than 1000 levels']]);
  });
  it('a document with 1,200 findings publishes 999 and one saying how many more there are', async () => {
    const dir = tree({});
    const text = JSON.stringify({ hooks: { Stop: [{ hooks: Array.from({ length: 1200 }, (_, i) => ({ type: 'command', command: `echo ${i}` })) }] } }, null, 1);
    const uri = pathToFileURL(join(dir, '.claude/settings.json')).href;
    const msgs = await rawSession(dir, [...init(dir), open(uri, text)], (m) => m.some((x) => x.method === 'textDocument/publishDiagnostics'));
    const pub = msgs.find((x) => x.method === 'textDocument/publishDiagnostics') as unknown as Published;
    assert.equal(pub.params.diagnostics.length, 1000);
    assert.equal(pub.params.diagnostics.filter((d) => d.code === 'missing-timeout').length, 999);
    assert.match(pub.params.diagnostics[999]!.message, /^201 more problems in this file are not shown/);
  });
});

describe('caps (issue 23 §8)', () => {
  it('capDiagnostics keeps errors first, in file order, and quickFixes stops at its cap', () => {
    const doc = TextDocument.create('file:///x', 'json', 1, 'x'.repeat(100));
    const d = (i: number, severity: Diagnostic['severity']): Diagnostic => ({ ruleId: 'missing-timeout', severity, message: `m${i}`, line: 1, column: i + 1, endLine: 1, endColumn: i + 2, offset: i, length: 1, fix: { safety: 'safe', title: 't', edits: [{ range: [i, i], text: 'y' }] } }) as Diagnostic;
    const findings = [d(0, 'warning'), d(1, 'error'), d(2, 'warning'), d(3, 'error'), d(4, 'warning')];
    const capped = capDiagnostics(findings, doc, { relatedInformation: false }, 3);
    assert.deepEqual(capped.map((c) => c.message), ['m1', 'm3', '3 more problems in this file are not shown: the language server shows 2 per file (errors first); run "hooklint check" on it for all of them']);
    assert.equal(quickFixes(findings, doc, 0, 100, { relatedInformation: false }, 2).length, 2);
  });
});

describe('fuzzing deep nesting and special files (issue 23 §4, §6)', () => {
  const KINDS = ['project-settings', 'local-settings', 'user-settings', 'managed-settings', 'plugin-hooks', 'plugin-manifest'] as const;
  /** A hook config with a nested run of `depth` brackets (arrays or objects, lines or not, an unterminated string or a comment before) spliced in at one of several places. */
  const deepConfig = fc
    .record({
      depth: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: MAX_DEPTH - 20, max: MAX_DEPTH + 20 }), fc.integer({ min: 2000, max: 6000 })),
      open: fc.constantFrom('[', '{"a":', '[\n', '{"a":\n', '[ /* c */'),
      before: fc.constantFrom('', '"x', '"x\\', '// c\n', '/* [ */', '"[[[", ', "'"),
      place: fc.constantFrom('hooks', 'group', 'handler', 'command', 'top', 'manifest'),
      closed: fc.boolean(),
    })
    .map(({ depth, open, before, place, closed }) => {
      const close = open.startsWith('[') ? ']' : '}';
      const inner = before + open.repeat(depth) + (open.startsWith('{') ? '1' : '') + (closed ? close.repeat(depth) : close.repeat(Math.floor(depth / 2)));
      switch (place) {
        case 'hooks':
          return `{"hooks": ${inner}}`;
        case 'group':
          return `{"hooks": {"Stop": [${inner}]}}`;
        case 'handler':
          return `{"hooks": {"Stop": [{"hooks": [${inner}]}]}}`;
        case 'command':
          return `{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": ${inner}}]}]}}`;
        case 'top':
          return `{"Stop": ${inner}}`;
        default:
          return `{"name": "x", "hooks": ${inner}}`;
      }
    });
  it('lintText and the discovery parses never throw on deep text, in any kind; depth over the limit is one positioned json-syntax finding', () => {
    assertProperty(
      fc.property(deepConfig, fc.constantFrom(...KINDS), (text, kind) => {
        const out = lintText(text, { filePath: '/tmp/p/.claude/settings.json', kind, projectRoot: '/tmp/p', pluginRoot: '/tmp/p' });
        for (const d of out.diagnostics) assert.ok(d.offset >= 0 && d.offset <= text.length && d.line >= 1, JSON.stringify(d));
        const depthError = out.diagnostics.find((d) => d.message.includes('nesting deeper than'));
        if (depthError) assert.equal(depthError.ruleId, 'json-syntax');
        sniffKind('/tmp/p/hooks.json', text);
        manifestHookFiles(text);
        new PluginLayout({ exists: () => true, read: () => text }).placementOf('/tmp/p/hooks/hooks.json');
      }),
      { seed: 2323, numRuns: 150 },
    );
  });
  it('a project of special files (links to devices, FIFOs, folders, huge sparse files) at every config path: lintFiles returns, with a notice or a finding per path', { skip: process.platform !== 'linux' && 'devices and FIFOs' }, () => {
    const PATHS = ['.claude/settings.json', '.claude/settings.local.json', 'p/.claude-plugin/plugin.json', 'p/hooks/hooks.json', 'p/hooks/extra.json', 'hooklint.config.json'];
    const special = fc.constantFrom('dev-zero', 'dev-urandom', 'dev-null', 'fifo', 'folder', 'sparse', 'regular', 'missing-link');
    assertProperty(
      fc.property(fc.array(special, { minLength: PATHS.length, maxLength: PATHS.length }), (what) => {
        const dir = tree({});
        what.forEach((w, i) => {
          const path = join(dir, PATHS[i]!);
          mkdirSync(dirname(path), { recursive: true });
          if (w === 'dev-zero') symlinkSync('/dev/zero', path);
          else if (w === 'dev-urandom') symlinkSync('/dev/urandom', path);
          else if (w === 'dev-null') symlinkSync('/dev/null', path);
          else if (w === 'fifo') execFileSync('mkfifo', [path]);
          else if (w === 'folder') mkdirSync(path);
          else if (w === 'missing-link') symlinkSync(join(dir, 'nowhere'), path);
          else if (w === 'sparse') {
            const fd = openSync(path, 'w');
            ftruncateSync(fd, MAX_CONFIG_BYTES + 10);
            closeSync(fd);
          } else writeFileSync(path, PATHS[i]!.endsWith('plugin.json') ? '{"name": "p", "hooks": "./hooks/extra.json"}\n' : PATHS[i] === 'hooklint.config.json' ? '{}\n' : UNTIMED);
        });
        try {
          const out = lintFiles([dir], { cwd: dir, useConfig: true });
          for (const line of [...out.notices, ...out.errors]) assert.doesNotMatch(line, /\n|Maximum call stack|TypeError/);
        } catch (e) {
          // Only hooklint.config.json may stop the run, as a ConfigError of one line.
          assert.equal((e as Error).name, 'ConfigError', String(e));
          assert.match((e as Error).message, /hooklint\.config\.json: /);
        }
      }),
      { seed: 2324, numRuns: 25 },
    );
  });
});
