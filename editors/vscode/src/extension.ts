import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import {
  commands,
  DiagnosticSeverity,
  languages,
  Range,
  StatusBarAlignment,
  window,
  workspace,
  type CodeAction,
  type ExtensionContext,
  type LogOutputChannel,
  type StatusBarItem,
} from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/**
 * The hooklint extension: a language client for `hooklint lsp --stdio`, the
 * server that ships with the hooklint package. All the work (diagnostics,
 * quick fixes, hover, completion, config lookup) is the server's; this file
 * finds the server, tells it the user's settings, and adds three commands
 * (restart the server, show its output, fix all) and a status-bar item.
 *
 * Workspace trust: in a workspace the user has not trusted (package.json
 * `capabilities.untrustedWorkspaces`: limited), VS Code ignores the workspace's
 * `hooklint.path` and `hooklint.config` (restricted settings), and this file
 * never runs the workspace's `node_modules/hooklint`: only a hooklint from the
 * user's settings or the PATH, which lints without running anything it reads.
 */

/**
 * The files the client hands to the server: every name Claude Code reads hooks
 * from, and the names of copies hooklint claims by their content. The server
 * decides which are Claude Code's (another agent's `.cursor/hooks.json`, VS
 * Code's own settings.json and other JSON get no diagnostics).
 */
const FILE_PATTERNS = [
  '**/settings.json',
  '**/settings.local.json',
  '**/hooks.json',
  '**/.claude-plugin/plugin.json',
  '**/managed-settings.json',
  '**/managed-settings.d/*.json',
  '**/.claude.json',
  // Skills, agents and commands: the server lints those whose frontmatter declares hooks.
  '**/skills/*/SKILL.md',
  '**/agents/**/*.md',
  '**/commands/**/*.md',
];

let client: LanguageClient | undefined;
let output: LogOutputChannel | undefined;
let status: StatusBarItem | undefined;

/** The code action kind of "Fix all safe hooklint problems in this file" (src/lsp/convert.ts FIX_ALL_KIND). */
const FIX_ALL_KIND = 'source.fixAll.hooklint';

/**
 * How to start the server: `hooklint.path` when set (an executable; relative to the first
 * workspace folder only in a trusted workspace), else, in a trusted workspace, the workspace's
 * installed hooklint run as a Node module by VS Code's own Node (no shell, no `.cmd` shim on
 * Windows), else `hooklint` on the PATH.
 */
function serverOptions(): ServerOptions {
  const configured = workspace.getConfiguration('hooklint').get<string>('path', '').trim();
  const trusted = workspace.isTrusted;
  const folder = trusted ? workspace.workspaceFolders?.[0]?.uri.fsPath : undefined;
  if (configured) {
    const command = isAbsolute(configured) || !folder || !configured.includes('/') ? configured : join(folder, configured);
    return { command, args: ['lsp'], transport: TransportKind.stdio, options: { shell: process.platform === 'win32' } };
  }
  for (const f of trusted ? workspace.workspaceFolders ?? [] : []) {
    const module = join(f.uri.fsPath, 'node_modules', 'hooklint', 'dist', 'cli.cjs');
    if (existsSync(module)) return { module, args: ['lsp'], transport: TransportKind.stdio };
  }
  return { command: 'hooklint', args: ['lsp'], transport: TransportKind.stdio, options: { shell: process.platform === 'win32' } };
}

/** The server's `initializationOptions` (src/lsp/server.ts `ServerSettings`) from the `hooklint.*` settings. */
function initializationOptions(): { scripts: boolean; config?: string; claudeVersion?: string } {
  const c = workspace.getConfiguration('hooklint');
  const config = c.get<string>('config', '').trim();
  const claudeVersion = c.get<string>('claudeVersion', '').trim();
  return { scripts: c.get<boolean>('scripts', true), ...(config ? { config } : {}), ...(claudeVersion ? { claudeVersion } : {}) };
}

/** hooklint's errors and warnings over every open document, for the status bar. */
function problemCounts(): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const [, diagnostics] of languages.getDiagnostics())
    for (const d of diagnostics) {
      if (d.source !== 'hooklint') continue;
      if (d.severity === DiagnosticSeverity.Error) errors++;
      else if (d.severity === DiagnosticSeverity.Warning) warnings++;
    }
  return { errors, warnings };
}

/**
 * The status-bar item: a spinner while the server starts, an error icon when it stopped or
 * failed, else a check (or the error and warning counts); the tooltip names the server's
 * version (its `serverInfo`) and the state. Clicking it shows the output.
 */
function updateStatus(failed?: string): void {
  if (!status) return;
  const state = client?.state;
  const version = client?.initializeResult?.serverInfo?.version;
  if (failed || state === State.Stopped || !client) {
    status.text = '$(error) hooklint';
    status.tooltip = `hooklint: the language server is not running${failed ? ` (${failed})` : ''}. Click for its output.`;
  } else if (state === State.Starting) {
    status.text = '$(sync~spin) hooklint';
    status.tooltip = 'hooklint: starting the language server';
  } else {
    const { errors, warnings } = problemCounts();
    status.text = errors || warnings ? `$(${errors ? 'error' : 'warning'}) hooklint ${errors + warnings}` : '$(check) hooklint';
    status.tooltip = `hooklint ${version ?? ''} is running: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in open files. Click for its output.`;
  }
  status.show();
}

async function start(): Promise<void> {
  output ??= window.createOutputChannel('hooklint', { log: true });
  const options: LanguageClientOptions = {
    documentSelector: FILE_PATTERNS.map((pattern) => ({ scheme: 'file', pattern })),
    initializationOptions: initializationOptions(),
    outputChannel: output,
  };
  client = new LanguageClient('hooklint', 'hooklint', serverOptions(), options);
  client.onDidChangeState(() => updateStatus());
  updateStatus();
  try {
    await client.start();
    updateStatus();
  } catch (e) {
    updateStatus(e instanceof Error ? e.message : String(e));
    throw e;
  }
}

async function restart(): Promise<void> {
  const old = client;
  client = undefined;
  await old?.stop().catch(() => undefined);
  await start();
}

/**
 * Apply the server's `source.fixAll.hooklint` action to the active editor's document
 * (what `hooklint check --fix` would write, from the unsaved buffer).
 */
async function fixAll(): Promise<void> {
  const editor = window.activeTextEditor;
  if (!editor) return;
  const doc = editor.document;
  const whole = new Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
  const actions = (await commands.executeCommand<CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, whole, FIX_ALL_KIND)) ?? [];
  const fix = actions.find((a) => a.kind?.value === FIX_ALL_KIND && a.edit);
  if (!fix?.edit) {
    void window.showInformationMessage('hooklint: nothing to fix in this file.');
    return;
  }
  await workspace.applyEdit(fix.edit);
}

/** Start the client; restart it when a `hooklint.*` setting changes or the workspace is trusted. */
export async function activate(context: ExtensionContext): Promise<void> {
  status = window.createStatusBarItem('hooklint.status', StatusBarAlignment.Right, 0);
  status.name = 'hooklint';
  status.command = 'hooklint.showOutput';
  context.subscriptions.push(
    status,
    commands.registerCommand('hooklint.restartServer', restart),
    commands.registerCommand('hooklint.showOutput', () => output?.show(true)),
    commands.registerCommand('hooklint.fixAll', fixAll),
    languages.onDidChangeDiagnostics(() => updateStatus()),
    workspace.onDidGrantWorkspaceTrust(restart),
    workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('hooklint')) await restart();
    }),
  );
  await start();
}

/** Stop the server (shutdown, then exit). */
export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
