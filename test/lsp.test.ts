/**
 * `hooklint lsp --stdio` as an editor drives it: the built server started as
 * a process, talked to with vscode-languageserver-protocol's client side.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { othersLine } from '../src/lsp/hover.js';
import { after, describe, it } from 'node:test';
import {
  CodeActionRequest,
  CompletionRequest,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  FileChangeType,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  LogMessageNotification,
  MessageType,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  ShowMessageNotification,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type ClientCapabilities,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type Hover,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type Registration,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { explainEvent } from '../src/model/event-docs.js';
import { lintStdin } from '../src/node/lint-files.js';
import { rulesById } from '../src/rules/index.js';
import { CLI, childEnv, exitOf, runCli } from './helpers.js';

/** A running server and what it has sent. */
interface Session {
  conn: ProtocolConnection;
  child: ChildProcess;
  /** Every publishDiagnostics notification, in order. */
  published: PublishDiagnosticsParams[];
  /** Every window/showMessage text. */
  messages: string[];
  /** Every window/logMessage of type Error or Warning (the server logs its own failures there). */
  errors: string[];
  /** Dynamic registrations the server asked for. */
  registrations: Registration[];
  /** Resolves with the first publication for `uri` (at `version`, when given) that `accept` takes, or rejects after 10 s. */
  diagnostics(uri: string, version?: number, accept?: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]>;
  /** Shutdown, exit, and the process's exit code. */
  stop(): Promise<number | null>;
}

const started: ChildProcess[] = [];
after(() => {
  for (const c of started) if (c.exitCode === null) c.kill('SIGKILL');
});

/** Start `hooklint lsp --stdio` and initialize it with `folder` as the workspace. */
async function start(folder: string, capabilities: ClientCapabilities = { textDocument: { publishDiagnostics: { relatedInformation: true } } }, initializationOptions?: object, args = ['lsp', '--stdio']): Promise<Session> {
  // The user's config folder is the workspace's own (`<folder>-home`, usually empty): what the machine's ~/.claude holds never reaches a hover.
  const child = spawn(process.execPath, [CLI, ...args], { cwd: folder, env: childEnv({ CLAUDE_CONFIG_DIR: `${folder}-home` }), stdio: ['pipe', 'pipe', 'inherit'] });
  started.push(child);
  const exited = exitOf(child, 'hooklint lsp');
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published: PublishDiagnosticsParams[] = [];
  const waiters: (() => void)[] = [];
  const messages: string[] = [];
  const registrations: Registration[] = [];
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
    published.push(p);
    for (const w of [...waiters]) w();
  });
  conn.onNotification(ShowMessageNotification.type, (p) => void messages.push(p.message));
  const errors: string[] = [];
  conn.onNotification(LogMessageNotification.type, (p) => {
    if (p.type === MessageType.Error || p.type === MessageType.Warning) errors.push(p.message);
  });
  conn.onRequest(RegistrationRequest.type, (p) => void registrations.push(...p.registrations));
  conn.listen();
  const uri = pathToFileURL(folder).href;
  await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: 'project' }], capabilities, initializationOptions });
  await conn.sendNotification(InitializedNotification.type, {});
  return {
    conn,
    child,
    published,
    messages,
    errors,
    registrations,
    diagnostics(target, version, accept = () => true) {
      return new Promise((resolve, reject) => {
        const seen = new Set<PublishDiagnosticsParams>();
        const check = () => {
          for (const p of published) {
            if (seen.has(p)) continue;
            seen.add(p);
            if (p.uri === target && (version === undefined || p.version === version) && accept(p.diagnostics)) {
              waiters.splice(waiters.indexOf(check), 1);
              clearTimeout(timer);
              resolve(p.diagnostics);
              return;
            }
          }
        };
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${target} v${version}; got ${JSON.stringify(published.map((p) => [p.uri, p.version, p.diagnostics.map((d) => d.code)]))}`)), 10_000);
        waiters.push(check);
        check();
      });
    },
    async stop() {
      await conn.sendRequest(ShutdownRequest.type);
      await conn.sendNotification(ExitNotification.type);
      const code = await exited;
      conn.dispose();
      return code;
    },
  };
}

/** A temporary workspace. */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hooklint-lsp-'));
  mkdirSync(join(dir, '.claude'));
  return dir;
}

const uriOf = (path: string) => pathToFileURL(path).href;

/** The LSP range of the `n`th occurrence of `needle` in `text` (0-based lines and UTF-16 characters). */
function rangeOf(text: string, needle: string, n = 0): Range {
  let at = -1;
  for (let i = 0; i <= n; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not in the text`);
  const doc = TextDocument.create('file:///x', 'json', 0, text);
  return { start: doc.positionAt(at), end: doc.positionAt(at + needle.length) };
}

function open(s: Session, uri: string, text: string, version = 1): Promise<void> {
  return s.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'json', version, text } });
}

function change(s: Session, uri: string, text: string, version: number): Promise<void> {
  return s.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
}

function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'json', 0, text), edits);
}

const SETTINGS = `{
  "hooks": {
    "PreToolUse": [
      {
        "matcher": "Bash",
        "hooks": [{ "type": "command", "command": "echo checked" }]
      }
    ],
    "NotAnEvent": [{ "hooks": [{ "type": "command", "command": "echo x", "timeout": 5 }] }]
  }
}
`;

describe('hooklint lsp --stdio', () => {
  it('publishes diagnostics from the unsaved buffer, applies the timeout quick fix, clears as the buffer is fixed, hovers an event, and exits 0 on shutdown', async () => {
    const dir = workspace();
    const file = join(dir, '.claude', 'settings.json');
    // The file on disk is clean: what is linted is the editor's buffer.
    writeFileSync(file, '{}\n');
    // The user settings add a PreToolUse handler: the hover on the event counts it (the effective hook set).
    mkdirSync(`${dir}-home`);
    writeFileSync(join(`${dir}-home`, 'settings.json'), JSON.stringify({ hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'echo user', timeout: 5 }] }] } }));
    const uri = uriOf(file);
    const s = await start(dir);
    await open(s, uri, SETTINGS);
    const first = await s.diagnostics(uri, 1);
    assert.deepEqual(
      first.map((d) => [d.code, d.range, d.source, d.severity, d.codeDescription?.href]),
      [
        ['missing-timeout', rangeOf(SETTINGS, '"type"'), 'hooklint', 2, rulesById.get('missing-timeout')!.meta.url],
        ['unknown-event', rangeOf(SETTINGS, '"NotAnEvent"'), 'hooklint', 1, rulesById.get('unknown-event')!.meta.url],
      ],
    );
    assert.match(first[0]!.message, /no "timeout"/);

    const actions = (await s.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: first[0]!.range, context: { diagnostics: [first[0]!] } })) as CodeAction[];
    const timeoutFix = actions.find((a) => a.kind === 'quickfix' && /timeout/.test(a.title));
    assert.ok(timeoutFix, `no timeout quick fix in ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(timeoutFix.isPreferred, true);
    assert.equal(timeoutFix.diagnostics?.[0]?.code, 'missing-timeout');
    const fixed = applyEdits(SETTINGS, timeoutFix.edit!.changes![uri]!);
    assert.match(fixed, /"command": "echo checked", "timeout": \d+ \}/);

    await change(s, uri, fixed, 2);
    assert.deepEqual((await s.diagnostics(uri, 2)).map((d) => d.code), ['unknown-event']);
    const clean = fixed.replace('"NotAnEvent"', '"Stop"');
    await change(s, uri, clean, 3);
    assert.deepEqual(await s.diagnostics(uri, 3), []);

    const hover = (await s.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 8 } })) as Hover;
    assert.deepEqual(hover.contents, { kind: 'markdown', value: `${othersLine('PreToolUse', new Map([['user', 1]]))}\n\n---\n\n${explainEvent('PreToolUse')}` });
    assert.match(othersLine('PreToolUse', new Map([['user', 1]])), /Other sources add 1 handler to PreToolUse\*\* that loads: user 1/);
    assert.deepEqual(hover.range, rangeOf(clean, '"PreToolUse"'));
    // The disk was never written.
    assert.equal(readFileSync(file, 'utf8'), '{}\n');
    assert.deepEqual(s.errors, []);
    assert.equal(await s.stop(), 0);
  });

  it("lints a skill's frontmatter from the buffer: YAML positions, a quick fix written as YAML, hover on an agent's Stop as SubagentStop", async () => {
    const dir = workspace();
    const skill = join(dir, '.claude', 'skills', 'deploy', 'SKILL.md');
    mkdirSync(join(dir, '.claude', 'skills', 'deploy'), { recursive: true });
    writeFileSync(skill, '# nothing yet\n');
    const text = '---\nname: deploy\nhooks:\n  PreToolUse:\n    - matcher: Bash\n      hooks:\n        - type: command\n          command: echo checked\n---\nBody.\n';
    const uri = uriOf(skill);
    const s = await start(dir);
    await open(s, uri, text);
    const found = await s.diagnostics(uri, 1);
    // At the handler's `type` key, as in JSON: line 7 of the file (0-based 6).
    assert.deepEqual(found.map((d) => [d.code, d.range]), [['missing-timeout', rangeOf(text, 'type')]]);
    const actions = (await s.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: found[0]!.range, context: { diagnostics: [found[0]!] } })) as CodeAction[];
    const fix = actions.find((a) => a.kind === 'quickfix' && /timeout/.test(a.title))!;
    assert.equal(applyEdits(text, fix.edit!.changes![uri]!), text.replace('command: echo checked\n', 'command: echo checked\n          timeout: 10\n'));

    const agent = join(dir, '.claude', 'agents', 'builder.md');
    mkdirSync(join(dir, '.claude', 'agents'), { recursive: true });
    const agentText = '---\nname: builder\nhooks:\n  Stop:\n    - hooks:\n        - {type: command, command: echo built, timeout: 30}\n---\n';
    writeFileSync(agent, agentText);
    await open(s, uriOf(agent), agentText);
    assert.deepEqual(await s.diagnostics(uriOf(agent), 1), []);
    const hover = (await s.conn.sendRequest(HoverRequest.type, { textDocument: { uri: uriOf(agent) }, position: { line: 3, character: 3 } })) as Hover;
    assert.deepEqual(hover.contents, { kind: 'markdown', value: `${othersLine('SubagentStop', new Map())}\n\n---\n\n${explainEvent('SubagentStop')}` });
    assert.deepEqual(s.errors, []);
    assert.equal(await s.stop(), 0);
  });

  it('gives a note (the blast radius) as related information, or after the message for a client that cannot show it', async () => {
    const dir = workspace();
    const uri = uriOf(join(dir, '.claude', 'settings.json'));
    const broken = '{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "echo x", "timeout": 5}]}]}\n';
    const s = await start(dir);
    await open(s, uri, broken);
    const [d] = await s.diagnostics(uri, 1);
    assert.equal(d!.code, 'json-syntax');
    assert.equal(d!.relatedInformation?.length, 1);
    assert.deepEqual(d!.relatedInformation![0]!.location, { uri, range: d!.range });
    assert.match(d!.relatedInformation![0]!.message, /^Claude Code skips this whole file: 1 hook/);
    assert.doesNotMatch(d!.message, /skips this whole file/);
    assert.equal(await s.stop(), 0);

    const plain = await start(dir, {});
    await open(plain, uri, broken);
    const [p] = await plain.diagnostics(uri, 1);
    assert.equal(p!.relatedInformation, undefined);
    assert.match(p!.message, /\nClaude Code skips this whole file: 1 hook/);
    assert.equal(await plain.stop(), 0);
  });

  it('gives nothing to files that are not Claude Code hook configs: another agent\'s hooks.json, other JSON', async () => {
    const dir = workspace();
    mkdirSync(join(dir, '.cursor'));
    mkdirSync(join(dir, 'hooks'));
    const s = await start(dir);
    const claudeShaped = '{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "echo x"}]}]}}\n';
    const cursor = uriOf(join(dir, '.cursor', 'hooks.json'));
    const pkg = uriOf(join(dir, 'package.json'));
    const plugin = uriOf(join(dir, 'hooks', 'hooks.json'));
    await open(s, cursor, claudeShaped);
    await open(s, pkg, '{"name": "x", "hooks": 1}\n');
    // The same text in a plugin's hooks/hooks.json is Claude Code's: it gets the finding.
    await open(s, plugin, claudeShaped);
    assert.deepEqual(await s.diagnostics(cursor, 1), []);
    assert.deepEqual(await s.diagnostics(pkg, 1), []);
    assert.deepEqual((await s.diagnostics(plugin, 1)).map((d) => d.code), ['missing-timeout']);
    assert.equal(await s.conn.sendRequest(HoverRequest.type, { textDocument: { uri: cursor }, position: { line: 0, character: 13 } }), null);
    assert.deepEqual(await s.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri: cursor }, range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, context: { diagnostics: [] } }), []);
    assert.equal(await s.stop(), 0);
  });

  it('judges other agents\' folders below the workspace folder holding the file, and follows workspace folder changes', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'hooklint-lsp-'));
    mkdirSync(join(parent, 'codex', '.claude'), { recursive: true });
    const uri = uriOf(join(parent, 'codex', '.claude', 'settings.json'));
    const s = await start(parent, { workspace: { workspaceFolders: true } });
    await open(s, uri, '{"hooks": {"Stopp": []}}');
    // Below the workspace folder, a folder named codex is OpenAI Codex's.
    assert.deepEqual(await s.diagnostics(uri, 1), []);
    // A project called codex opened as a folder of its own is Claude Code's project.
    await s.conn.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [{ uri: uriOf(join(parent, 'codex')), name: 'codex' }], removed: [] } });
    assert.ok((await s.diagnostics(uri, 1, (ds) => ds.length > 0)).some((d) => d.code === 'unknown-event'));
    assert.deepEqual(s.errors, []);
    assert.equal(await s.stop(), 0);
  });

  it('applies hooklint.config.json as the command line does, and re-lints open files when a watched config changes', async () => {
    const dir = workspace();
    const config = join(dir, 'hooklint.config.json');
    writeFileSync(config, '{"rules": {"missing-timeout": "off"}}\n');
    const file = join(dir, '.claude', 'settings.json');
    const uri = uriOf(file);
    const text = '{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "echo x"}]}]}}\n';
    const s = await start(dir, { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } });
    await open(s, uri, text);
    assert.deepEqual(await s.diagnostics(uri, 1), []);
    // The server asked the client to watch config files.
    await new Promise((r) => setTimeout(r, 100));
    const watchers = s.registrations.filter((r) => r.method === DidChangeWatchedFilesNotification.method).flatMap((r) => (r.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern));
    assert.ok(watchers.includes('**/hooklint.config.json'), JSON.stringify(watchers));

    writeFileSync(config, '{"rules": {"missing-timeout": "error"}}\n');
    await s.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(config), type: FileChangeType.Changed }] });
    const relinted = await s.diagnostics(uri, 1, (ds) => ds.length > 0);
    assert.deepEqual(relinted.map((d) => [d.code, d.severity]), [['missing-timeout', 1]]);
    // The command line agrees on the same text.
    assert.deepEqual(lintStdin(text, file, { cwd: dir }).results[0]!.messages.map((m) => [m.ruleId, m.severity]), [['missing-timeout', 'error']]);

    // An invalid config: shown once, and the file gets no findings (the command line exits 2).
    writeFileSync(config, '{"rules": {"missing-timeot": "off"}}\n');
    await s.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(config), type: FileChangeType.Changed }] });
    assert.deepEqual(await s.diagnostics(uri, 1, (ds) => ds.length === 0), []);
    await change(s, uri, text, 2);
    await s.diagnostics(uri, 2);
    assert.equal(s.messages.filter((m) => m.includes('unknown rule "missing-timeot"')).length, 1, JSON.stringify(s.messages));

    // A config's ignores skip the file, as for a file named on the command line.
    writeFileSync(config, '{"ignores": [".claude/settings.json"]}\n');
    await s.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(config), type: FileChangeType.Changed }] });
    await change(s, uri, text.replace('"Stop"', '"Stopp"'), 3);
    assert.deepEqual(await s.diagnostics(uri, 3), []);
    assert.equal(await s.stop(), 0);
  });

  it('honours hooklint-suppressions.json (watched) and shows only json-syntax while the text does not parse (issue 24)', async () => {
    const dir = workspace();
    const file = join(dir, '.claude', 'settings.json');
    const uri = uriOf(file);
    const text = '{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "echo x"}]}]}}\n';
    const baseline = join(dir, 'hooklint-suppressions.json');
    writeFileSync(baseline, JSON.stringify({ '.claude/settings.json': { 'missing-timeout': { count: 1 } } }));
    const s = await start(dir, { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } });
    await open(s, uri, text);
    assert.deepEqual(await s.diagnostics(uri, 1), []);
    await new Promise((r) => setTimeout(r, 100));
    const watchers = s.registrations.flatMap((r) => (r.registerOptions as { watchers?: { globPattern: string }[] }).watchers?.map((w) => w.globPattern) ?? []);
    assert.ok(watchers.includes('**/hooklint-suppressions.json'), JSON.stringify(watchers));
    writeFileSync(baseline, '{}\n');
    await s.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(baseline), type: FileChangeType.Changed }] });
    assert.deepEqual((await s.diagnostics(uri, 1, (ds) => ds.length > 0)).map((d) => d.code), ['missing-timeout']);
    // A missing brace: the parse error alone, not what the rules make of the recovered tree.
    await change(s, uri, '{"hooks": {"stop": [{"hooks": [{"type": "command", "command": "echo x"}]}]}\n', 2);
    const broken = await s.diagnostics(uri, 2);
    assert.ok(broken.length > 0 && broken.every((d) => d.code === 'json-syntax'), JSON.stringify(broken.map((d) => d.code)));
    assert.equal(await s.stop(), 0);
  });

  it('checks against the Claude Code version of initializationOptions.claudeVersion, as --claude-version does; an invalid one is shown and ignored', async () => {
    const dir = workspace();
    const file = join(dir, '.claude', 'settings.json');
    const uri = uriOf(file);
    const text = '{"hooks": {"PreToolUse": [{"hooks": [{"type": "command", "command": "echo x", "timeout": 5, "onFailure": "block"}]}]}}\n';
    const old = await start(dir, undefined, { claudeVersion: '2.1.290' });
    await open(old, uri, text);
    const found = await old.diagnostics(uri, 1);
    assert.deepEqual(found.map((d) => d.code), lintStdin(text, file, { cwd: dir, claudeVersion: '2.1.290' }).results[0]!.messages.map((m) => m.ruleId));
    assert.deepEqual(found.map((d) => d.code), ['ignored-by-target'], 'onFailure is newer than 2.1.290');
    assert.equal(await old.stop(), 0);
    const bad = await start(dir, undefined, { claudeVersion: 'soon' });
    await open(bad, uri, text);
    assert.deepEqual(await bad.diagnostics(uri, 1), []);
    assert.ok(bad.messages.some((m) => /claudeVersion takes a Claude Code version or range.*"soon"/.test(m)), JSON.stringify(bad.messages));
    assert.equal(await bad.stop(), 0);
  });

  it('reads the scripts hooks run from the workspace (never runs them)', async () => {
    const dir = workspace();
    const uri = uriOf(join(dir, '.claude', 'settings.json'));
    const marker = join(dir, 'ran');
    const text = `{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "\\"$CLAUDE_PROJECT_DIR\\"/.claude/hooks/done.sh", "timeout": 5}]}]}}\n`;
    const s = await start(dir);
    await open(s, uri, text);
    assert.deepEqual((await s.diagnostics(uri, 1)).map((d) => d.code), ['script-not-found']);
    mkdirSync(join(dir, '.claude', 'hooks'));
    writeFileSync(join(dir, '.claude', 'hooks', 'done.sh'), `#!/bin/sh\ntouch '${marker}'\n`);
    chmodSync(join(dir, '.claude', 'hooks', 'done.sh'), 0o755);
    await change(s, uri, text, 2);
    assert.deepEqual(await s.diagnostics(uri, 2), []);
    assert.throws(() => readFileSync(marker), /ENOENT/, 'the script ran');
    assert.equal(await s.stop(), 0);
  });

  it('reads a Ruby hook script: the Ruby parser loads when a document needs it, and the document is linted again', async () => {
    const dir = workspace();
    const uri = uriOf(join(dir, '.claude', 'settings.json'));
    mkdirSync(join(dir, '.claude', 'hooks'));
    writeFileSync(join(dir, '.claude', 'hooks', 'start.rb'), "#!/usr/bin/env ruby\nrequire 'json'\nbegin\n  run\nrescue => e\n  STDERR.puts JSON.generate(continue: false, stopReason: e.message)\n  exit 2\nend\n");
    chmodSync(join(dir, '.claude', 'hooks', 'start.rb'), 0o755);
    const text = `{"hooks": {"SessionStart": [{"hooks": [{"type": "command", "command": "\\"$CLAUDE_PROJECT_DIR\\"/.claude/hooks/start.rb", "timeout": 5}]}]}}\n`;
    const s = await start(dir);
    await open(s, uri, text);
    const found = await s.diagnostics(uri, 1, (d) => d.length > 0);
    assert.deepEqual(found.map((d) => d.code), ['stdout-unread']);
    assert.match(found[0]!.message, /writes its JSON answer to stderr \(line 6\)/);
    assert.equal(await s.stop(), 0);
  });

  it('offers every safe and unsafe fix and suggestion as a quick fix, and "fix all safe problems" as source.fixAll.hooklint', async () => {
    const dir = workspace();
    const file = join(dir, '.claude', 'settings.json');
    const uri = uriOf(file);
    const text = `{
  "hooks": {
    "stop": [{ "hooks": [{ "type": "command", "command": "echo a", "once": true }] }],
    "Notifcation": [{ "hooks": [{ "type": "command", "command": "echo b" }] }]
  }
}
`;
    const s = await start(dir);
    await open(s, uri, text);
    const ds = await s.diagnostics(uri, 1);
    // Handlers of unknown events get no missing-timeout (their default is unknown).
    assert.deepEqual(ds.map((d) => d.code).sort(), ['once-ignored', 'unknown-event', 'unknown-event']);
    const whole = { start: { line: 0, character: 0 }, end: { line: 6, character: 0 } };
    const all = (await s.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: whole, context: { diagnostics: ds } })) as CodeAction[];
    const titles = all.map((a) => `${a.kind}: ${a.title}`);
    // unknown-event: "stop" differs from Stop only in case (a safe fix), "Notifcation" gets a suggestion.
    assert.ok(titles.includes('quickfix: rename to "Stop"'), JSON.stringify(titles));
    assert.ok(titles.includes('quickfix: rename to "Notification" (suggestion)'), JSON.stringify(titles));
    assert.ok(titles.includes('quickfix: remove "once" (unsafe fix)'), JSON.stringify(titles));
    const unsafe = all.find((a) => a.title.endsWith('(unsafe fix)'))!;
    assert.notEqual(unsafe.isPreferred, true);
    // Only what the request asks for.
    const onlyFixAll = (await s.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: whole, context: { diagnostics: [], only: ['source.fixAll'] } })) as CodeAction[];
    assert.deepEqual(onlyFixAll.map((a) => a.kind), ['source.fixAll.hooklint']);
    const afterFixAll = applyEdits(text, onlyFixAll[0]!.edit!.changes![uri]!);
    // The same text as --fix on the command line: safe fixes only, in passes ("stop" renamed, then its
    // timeout inserted); "once" (unsafe) and "Notifcation" (a suggestion) stay.
    assert.equal(afterFixAll, lintStdin(text, file, { cwd: dir, fix: 'safe' }).changes[0]!.after);
    assert.match(afterFixAll, /"Stop": \[\{ "hooks": \[\{ "type": "command", "command": "echo a", "once": true, "timeout": \d+ \}/);
    assert.match(afterFixAll, /"Notifcation"/);
    await change(s, uri, afterFixAll, 2);
    assert.deepEqual((await s.diagnostics(uri, 2)).map((d) => d.code).sort(), ['once-ignored', 'unknown-event']);
    const quick = (await s.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: whole, context: { diagnostics: [], only: ['quickfix'] } })) as CodeAction[];
    assert.ok(quick.every((a) => a.kind === 'quickfix') && quick.length > 0);
    assert.equal(await s.stop(), 0);
  });

  it('issue 23: a fix that would delete a comment is an unsafe quick fix, and source.fixAll.hooklint keeps the comment', async () => {
    const dir = workspace();
    const file = join(dir, '.claude', 'settings.json');
    const uri = uriOf(file);
    const text = `{
  "hooks": {
    "PreToolUse": [{ "hooks": [{ "type": "command", "command": "echo a", "timeout": 5 }] }],
    "Stop": [ /* TODO: audit hook here, see JIRA-123 */ ],
    "PostToolUse": [{ "hooks": [ // keep: removed until fixed
    ] }, { "hooks": [] }]
  }
}
`;
    const s = await start(dir);
    await open(s, uri, text);
    const ds = await s.diagnostics(uri, 1);
    const whole = { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } };
    const all = (await s.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: whole, context: { diagnostics: ds } })) as CodeAction[];
    const titles = all.map((a) => `${a.kind}: ${a.title}${a.isPreferred ? ' (preferred)' : ''}`);
    assert.ok(titles.includes('quickfix: remove "Stop" (deletes a comment) (unsafe fix)'), JSON.stringify(titles));
    assert.ok(titles.includes('quickfix: remove the empty group (deletes a comment) (unsafe fix)'), JSON.stringify(titles));
    // The group without a comment is still a safe, preferred fix.
    assert.ok(titles.includes('quickfix: remove the empty group (preferred)'), JSON.stringify(titles));
    const fixAll = (await s.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: whole, context: { diagnostics: [], only: ['source.fixAll'] } })) as CodeAction[];
    const after = applyEdits(text, fixAll[0]!.edit!.changes![uri]!);
    assert.equal(after, text.replace(', { "hooks": [] }', ''));
    assert.equal(await s.stop(), 0);
  });

  it('debounces a burst of changes into few lints, ending with the last version', async () => {
    const dir = workspace();
    const uri = uriOf(join(dir, '.claude', 'settings.json'));
    const s = await start(dir, undefined, { debounceMs: 100 });
    await open(s, uri, '{}');
    await s.diagnostics(uri, 1);
    const text = (n: number) => `{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "echo ${'x'.repeat(n)}"}]}]}}`;
    for (let v = 2; v <= 11; v++) await change(s, uri, text(v), v);
    const last = await s.diagnostics(uri, 11);
    assert.deepEqual(last.map((d) => d.code), ['missing-timeout']);
    const versions = s.published.filter((p) => p.uri === uri).map((p) => p.version);
    assert.ok(versions.length <= 3, `published for versions ${versions.join(', ')}`);
    assert.equal(await s.stop(), 0);
  });

  it('completes event names, handler types and matcher values', async () => {
    const dir = workspace();
    const uri = uriOf(join(dir, '.claude', 'settings.json'));
    const text = '{"hooks": {"PreToolUse": [{"matcher": "Ba", "hooks": [{"type": "co"}]}], "Pre"}}';
    const s = await start(dir);
    await open(s, uri, text);
    await s.diagnostics(uri, 1);
    /** Completions with the cursor after `needle`'s first occurrence, less `back` characters. */
    const at = async (needle: string, back = 0) => (await s.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 0, character: text.indexOf(needle) + needle.length - back } })) as CompletionItem[];
    const events = await at('"Pre"', 1);
    assert.ok(events.some((i) => i.label === 'PostToolUse') && !events.some((i) => i.label === 'PreToolUse'), 'event names, without the one already there');
    const matcher = await at('"Ba');
    assert.ok(matcher.some((i) => i.label === 'Bash'));
    const types = await at('"co');
    assert.deepEqual(types.map((i) => i.label), ['command', 'http', 'mcp_tool', 'prompt', 'agent']);
    assert.equal(await s.stop(), 0);
  });

  it('exits 1 when the client exits without shutdown, and when stdin closes', async () => {
    const dir = workspace();
    const s = await start(dir);
    await s.conn.sendNotification(ExitNotification.type);
    assert.equal(await exitOf(s.child, 'hooklint lsp'), 1);
    const t = await start(dir);
    t.child.stdin!.end();
    assert.equal(await exitOf(t.child, 'hooklint lsp'), 1);
  });
});

describe('hooklint lsp: the command line', () => {
  it('keeps the language server out of the check bundle (it loads dist/lsp.cjs only for lsp)', () => {
    const program = readFileSync(new URL('../dist/hooklint.cjs', import.meta.url), 'utf8');
    const server = readFileSync(new URL('../dist/lsp.cjs', import.meta.url), 'utf8');
    for (const marker of ['textDocument/publishDiagnostics', '$/cancelRequest']) {
      assert.ok(!program.includes(marker), `dist/hooklint.cjs holds ${marker}`);
      assert.ok(server.includes(marker), `dist/lsp.cjs lacks ${marker}`);
    }
  });
  it('takes the arguments clients add (--clientProcessId), in both spellings', async () => {
    for (const args of [['lsp', '--stdio', `--clientProcessId=${process.pid}`], ['lsp', '--clientProcessId', String(process.pid), '--stdio'], ['lsp']]) {
      const dir = workspace();
      const uri = uriOf(join(dir, '.claude', 'settings.json'));
      const s = await start(dir, undefined, undefined, args);
      await open(s, uri, '{"hooks": {"Stopp": []}}');
      assert.ok((await s.diagnostics(uri, 1)).some((d) => d.code === 'unknown-event'), args.join(' '));
      assert.equal(await s.stop(), 0);
    }
  });
  it('`hooklint check lsp` still lints a path named lsp; other transports are refused', async () => {
    const dir = workspace();
    const r = await runCli(['check', 'lsp'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /lsp: no such file or directory/);
    // A command after options is still the command (not a path named lsp).
    const after = await runCli(['--no-color', 'lsp'], { cwd: dir });
    assert.equal(after.code, 2);
    assert.doesNotMatch(after.stderr, /no such file/);
    const ipc = await runCli(['lsp', '--node-ipc'], { cwd: dir });
    assert.equal(ipc.code, 2);
    assert.match(ipc.stderr, /node-ipc/);
    const help = await runCli(['--help']);
    assert.match(help.stdout, /hooklint lsp/);
  });
});
