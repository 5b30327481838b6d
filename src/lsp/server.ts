import { basename, dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  MarkupKind,
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type CodeAction,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { HooklintError } from '../lint/lint.js';
import { effectiveHooks, otherSourcesOf } from '../node/effective.js';
import { othersLine } from './hover.js';
import { parseTarget } from '../model/version.js';
import { versionLine } from '../model/about.js';
import type { Diagnostic, FileKind } from '../model/types.js';
import { ConfigError, ConfigResolver, CONFIG_FILE } from '../node/config.js';
import { lintStdin, type LintFilesOptions } from '../node/lint-files.js';
import { loadRuby, rubyLoaded, rubyMisses } from '../analysis/ruby-parser.js';
import { completionsAt } from './completion.js';
import { shownFindings } from './findings.js';
import { SUPPRESSIONS_FILE } from '../node/suppressions.js';
import { capDiagnostics, FIX_ALL_KIND, MAX_DIAGNOSTICS, minimalEdit, quickFixes, toLspEdits, wanted, type ClientShows } from './convert.js';
import { hoverAt } from './hover.js';

/**
 * Settings a client may pass as `initializationOptions` (the VS Code extension
 * passes its `hooklint.*` settings). Every one is optional.
 */
export interface ServerSettings {
  /** Run the script rules (RULES.md §6), reading the scripts hooks run from disk; default true (`--no-scripts`: false). */
  scripts?: boolean;
  /** A hooklint.config.json used for every file (`--config`); default: the nearest one above each file. */
  config?: string;
  /** Look up hooklint.config.json files; default true (`--no-config-lookup`: false). */
  configLookup?: boolean;
  /**
   * The Claude Code version or range to check against (`--claude-version`: `2.1.290`,
   * `">=2.1.280"`); default as on the command line (a config's `claudeVersion`, a
   * plugin's `engines`, else the catalog's newest version). An invalid one is shown and ignored.
   */
  claudeVersion?: string;
  /**
   * Milliseconds to wait after a change before linting (default 25); the wait
   * grows to twice the last lint's duration for files that take longer, up to 1 s.
   */
  debounceMs?: number;
}

/** What the server keeps of one open document: the findings of its last lint and what the file is. */
interface DocState {
  /** The document version the findings are for. */
  version: number;
  /** The hook config kind, or undefined for a file that is not one of Claude Code's hook configs. */
  kind: FileKind | undefined;
  findings: Diagnostic[];
  /** A lint waiting for the debounce. */
  timer?: NodeJS.Timeout;
  /** Milliseconds the last lint took. */
  lintMs: number;
}

const DEFAULT_DEBOUNCE_MS = 25;
const MAX_DEBOUNCE_MS = 1000;

/** Send and forget: a notification that cannot be delivered (the client is gone) is no error of the server's. */
function quietly(sent: Promise<void>): void {
  sent.catch(() => undefined);
}

/** The file path of a `file:` URI, or undefined for other schemes (untitled buffers, remote files). */
function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/**
 * Serve hooklint over `connection` (vscode-languageserver): diagnostics for
 * every open Claude Code hook config, linted from the editor's unsaved text
 * on open and (debounced) on change, the file's kind, roots and config taken
 * from its path as `hooklint check --stdin --stdin-filename` does; quick
 * fixes and "fix all safe problems" (`source.fixAll.hooklint`); hover and
 * completion from the event catalog. Script rules read the workspace's files
 * from disk; nothing is ever executed and nothing is written (fixes are
 * edits the editor applies). hooklint.config.json files are watched: a
 * change re-lints every open document. Files that are not hook configs
 * (other agents' files, other JSON) get no diagnostics.
 */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const states = new Map<string, DocState>();
  let settings: ServerSettings = {};
  let folders: string[] = [];
  let shows: ClientShows = { relatedInformation: false };
  let watchDynamically = false;
  /** The client takes snippets in completion items (keys then come with a value placeholder). */
  let snippets = false;
  /** The client sends workspace folder changes. */
  let workspaceFolders = false;
  /** The client watches config files for the server (it registered the watchers): the config lookup can be kept between lints. */
  let watching = false;
  let configs: ConfigResolver | undefined;
  /** Bad settings, shown once the client is initialized. */
  const startupErrors: string[] = [];
  /** Config errors already shown (each is shown once until a config file changes). */
  const shownErrors = new Set<string>();

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    shows = { relatedInformation: caps.textDocument?.publishDiagnostics?.relatedInformation === true };
    watchDynamically = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    snippets = caps.textDocument?.completion?.completionItem?.snippetSupport === true;
    settings = (params.initializationOptions as ServerSettings | undefined) ?? {};
    if (settings.claudeVersion !== undefined && (typeof settings.claudeVersion !== 'string' || !parseTarget(settings.claudeVersion, 'option'))) {
      startupErrors.push(`claudeVersion takes a Claude Code version or range such as 2.1.290 or ">=2.1.280", got ${JSON.stringify(settings.claudeVersion)}; checking against the default`);
      delete settings.claudeVersion;
    }
    const roots = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    folders = roots.map(pathOf).filter((p): p is string => p !== undefined);
    workspaceFolders = caps.workspace?.workspaceFolders === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['"', '|'] },
        ...(workspaceFolders ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
      },
      serverInfo: { name: 'hooklint', version: versionLine().replace(/^hooklint /, '') },
    };
  });

  connection.onInitialized(() => {
    for (const message of startupErrors) quietly(connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message: `hooklint: ${message}` }));
    if (watchDynamically)
      connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: `**/${CONFIG_FILE}` }, { globPattern: '**/.claude-plugin/{plugin,marketplace}.json' }, { globPattern: `**/${SUPPRESSIONS_FILE}` }],
        })
        .then(() => (watching = true))
        .catch((e: unknown) => connection.console.warn(`hooklint: the client did not register the file watchers (${(e as Error)?.message ?? String(e)}); config files are read again on every lint`));
    if (workspaceFolders)
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => pathOf(f.uri)));
        folders = [...folders.filter((f) => !removed.has(f)), ...e.added.map((f) => pathOf(f.uri)).filter((p): p is string => p !== undefined)];
        relintAll();
      });
  });

  /** The options of one lint: the workspace folder holding the file is the root other agents' folders are judged below (the CLI's cwd). */
  function lintOptions(path: string): LintFilesOptions {
    const folder = folders.filter((f) => path === f || path.startsWith(f.endsWith(sep) ? f : f + sep)).sort((a, b) => b.length - a.length)[0];
    return {
      cwd: folder ?? process.cwd(),
      env: process.env,
      scripts: settings.scripts !== false,
      useConfig: settings.configLookup !== false || !!settings.config,
      ...(settings.config ? { config: settings.config } : {}),
      ...(settings.claudeVersion !== undefined ? { claudeVersion: settings.claudeVersion } : {}),
      keepSource: false,
    };
  }

  /**
   * The config lookup: kept between lints (each directory is looked up once) while the
   * client watches config files, until one changes; a fresh one per lint otherwise.
   */
  function resolver(): ConfigResolver | undefined {
    if (settings.configLookup === false && !settings.config) return undefined;
    if (!watching) return new ConfigResolver(settings.config);
    return (configs ??= new ConfigResolver(settings.config));
  }

  /** Report a config that cannot be used (once per message until a config changes); its files get no diagnostics, as the CLI lints nothing then. */
  function showConfigError(e: ConfigError): void {
    if (shownErrors.has(e.message)) return;
    shownErrors.add(e.message);
    // A notification, not window/showMessageRequest: nothing to answer, and nothing to fail when a client has no handler.
    quietly(connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message: `hooklint: ${e.message}` }));
  }

  /** Lint a document now and publish its diagnostics. */
  function lintNow(doc: TextDocument): DocState {
    const old = states.get(doc.uri);
    if (old?.timer) clearTimeout(old.timer);
    const state: DocState = { version: doc.version, kind: undefined, findings: [], lintMs: 0 };
    states.set(doc.uri, state);
    const path = pathOf(doc.uri);
    const started = performance.now();
    if (path !== undefined)
      try {
        const misses = rubyMisses();
        const out = lintStdin(doc.getText(), path, lintOptions(path), resolver());
        // The document's hooks run a Ruby script: load the Ruby parser (once) and lint it again.
        if (rubyMisses() !== misses && !rubyLoaded())
          void loadRuby({ liftoffOnly: true }).then((loaded) => {
            const current = documents.get(doc.uri);
            if (loaded && current && current.version === doc.version && states.get(doc.uri) === state) lintNow(current);
          });
        const result = out.results[0];
        if (result) {
          state.kind = result.kind;
          state.findings = shownFindings(result.messages, path);
        }
      } catch (e) {
        // A config error is shown once; anything else is a bug: logged, the document keeps no findings.
        if (e instanceof ConfigError) showConfigError(e);
        else connection.console.error(`hooklint: ${e instanceof HooklintError ? e.message : `internal error on ${path}: ${(e as Error)?.stack ?? String(e)}`}`);
      }
    state.lintMs = performance.now() - started;
    quietly(connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: capDiagnostics(state.findings, doc, shows) }));
    return state;
  }

  /** Lint after the debounce (a burst of changes is linted once, at its end). */
  function schedule(doc: TextDocument): void {
    const state = states.get(doc.uri);
    if (!state) {
      lintNow(doc);
      return;
    }
    if (state.timer) clearTimeout(state.timer);
    const base = settings.debounceMs ?? DEFAULT_DEBOUNCE_MS;
    const delay = Math.min(MAX_DEBOUNCE_MS, Math.max(base, 2 * state.lintMs));
    state.timer = setTimeout(() => {
      state.timer = undefined;
      const current = documents.get(doc.uri);
      if (current) lintNow(current);
    }, delay);
  }

  /** The state of a document's current version: a pending lint runs now (a request about the text needs its findings). */
  function fresh(doc: TextDocument): DocState {
    const state = states.get(doc.uri);
    return state && state.version === doc.version && !state.timer ? state : lintNow(doc);
  }

  function relintAll(): void {
    for (const doc of documents.all()) lintNow(doc);
  }

  documents.onDidOpen((e) => lintNow(e.document));
  documents.onDidChangeContent((e) => {
    const state = states.get(e.document.uri);
    // Opening fires both events: the open was linted already.
    if (state && state.version === e.document.version && !state.timer) return;
    schedule(e.document);
  });
  documents.onDidClose((e) => {
    const state = states.get(e.document.uri);
    if (state?.timer) clearTimeout(state.timer);
    states.delete(e.document.uri);
    quietly(connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }));
  });

  connection.onDidChangeWatchedFiles((e) => {
    // A client that sends these watches for the server, registered or not.
    watching = true;
    if (e.changes.some((c) => c.uri.endsWith(`/${CONFIG_FILE}`))) {
      configs = undefined;
      shownErrors.clear();
    }
    relintAll();
  });

  connection.onCodeAction((params): CodeAction[] => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const state = fresh(doc);
    if (!state.kind) return [];
    const only = params.context.only;
    const actions: CodeAction[] = [];
    if (wanted(CodeActionKind.QuickFix, only)) actions.push(...quickFixes(state.findings, doc, doc.offsetAt(params.range.start), doc.offsetAt(params.range.end), shows));
    // Fix-all re-lints the whole file once per pass: over the diagnostics cap it is left to `hooklint check --fix`.
    if (wanted(FIX_ALL_KIND, only) && state.findings.length <= MAX_DIAGNOSTICS && state.findings.some((d) => d.fix?.safety === 'safe' && d.fix.edits.length > 0)) {
      const path = pathOf(doc.uri)!;
      try {
        const text = doc.getText();
        const after = lintStdin(text, path, { ...lintOptions(path), fix: 'safe' }, resolver()).changes[0]?.after;
        const edit = after === undefined ? undefined : minimalEdit(text, after);
        if (edit) actions.push({ title: 'Fix all safe hooklint problems in this file', kind: FIX_ALL_KIND, edit: { changes: { [doc.uri]: toLspEdits([edit], doc) } } });
      } catch (e) {
        if (e instanceof ConfigError) showConfigError(e);
        else connection.console.error(`hooklint: ${(e as Error)?.message ?? String(e)}`);
      }
    }
    return actions;
  });

  /**
   * The hover line on the handlers other sources add to `event` for the project of `path`
   * (its folder above `.claude/`, else the workspace folder holding it): read from the
   * disk on each hover, never running anything; undefined when it cannot be told.
   */
  function othersAt(path: string, event: string): string | undefined {
    try {
      let projectDir: string | undefined;
      for (let d = dirname(path); dirname(d) !== d; d = dirname(d))
        if (basename(d) === '.claude') {
          projectDir = dirname(d);
          break;
        }
      const project = projectDir ?? folders.find((f) => path.startsWith(f + sep)) ?? dirname(path);
      const target = settings.claudeVersion !== undefined ? parseTarget(settings.claudeVersion, 'option') : undefined;
      const set = effectiveHooks({ projectDir: project, env: process.env, ...(target ? { target } : {}) });
      return othersLine(event, otherSourcesOf(set, path, event));
    } catch {
      return undefined;
    }
  }

  /** The kind of an open document, from its last lint (linted now if it never was): what hover and completion need. */
  function kindOf(doc: TextDocument): FileKind | undefined {
    return (states.get(doc.uri) ?? lintNow(doc)).kind;
  }

  connection.onHover((params) => {
    const doc = documents.get(params.textDocument.uri);
    const kind = doc && kindOf(doc);
    if (!doc || !kind) return null;
    const path = pathOf(doc.uri);
    const hover = hoverAt(doc.getText(), kind, doc.offsetAt(params.position), path === undefined ? undefined : (event) => othersAt(path, event));
    if (!hover) return null;
    return { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: { start: doc.positionAt(hover.offset), end: doc.positionAt(hover.offset + hover.length) } };
  });

  connection.onCompletion((params) => {
    const doc = documents.get(params.textDocument.uri);
    const kind = doc && kindOf(doc);
    if (!doc || !kind) return [];
    return completionsAt(doc, kind, doc.offsetAt(params.position), { snippets });
  });

  connection.onShutdown(() => {
    for (const s of states.values()) if (s.timer) clearTimeout(s.timer);
  });

  documents.listen(connection);
  connection.listen();
}
