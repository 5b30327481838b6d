import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/**
 * The hooklint extension: a language client for `hooklint lsp --stdio`, the
 * server that ships with the hooklint package. All the work (diagnostics,
 * quick fixes, hover, completion, config lookup) is the server's; this file
 * only finds the server and tells it the user's settings.
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

/**
 * How to start the server: `hooklint.path` when set (an executable), else the
 * workspace's installed hooklint run as a Node module by VS Code's own Node
 * (no shell, no `.cmd` shim on Windows), else `hooklint` on the PATH.
 */
function serverOptions(): ServerOptions {
  const configured = workspace.getConfiguration('hooklint').get<string>('path', '').trim();
  const folder = workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (configured) {
    const command = isAbsolute(configured) || !folder || !configured.includes('/') ? configured : join(folder, configured);
    return { command, args: ['lsp'], transport: TransportKind.stdio, options: { shell: process.platform === 'win32' } };
  }
  for (const f of workspace.workspaceFolders ?? []) {
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

async function start(): Promise<void> {
  const options: LanguageClientOptions = {
    documentSelector: FILE_PATTERNS.map((pattern) => ({ scheme: 'file', pattern })),
    initializationOptions: initializationOptions(),
  };
  client = new LanguageClient('hooklint', 'hooklint', serverOptions(), options);
  await client.start();
}

/** Start the client; restart it when a `hooklint.*` setting changes. */
export async function activate(context: ExtensionContext): Promise<void> {
  context.subscriptions.push(
    workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration('hooklint')) return;
      await client?.stop();
      await start();
    }),
  );
  await start();
}

/** Stop the server (shutdown, then exit). */
export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
