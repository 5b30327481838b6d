import { Chalk } from 'chalk';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import yargsParser from 'yargs-parser';
import { closest } from '../model/suggest.js';
import { catalog, EVENT_NAMES } from '../model/catalog.js';
import { parseTarget } from '../model/version.js';
import { versionLine } from '../model/about.js';
import { explainEvent } from '../model/event-docs.js';
import { HooklintError } from '../lint/lint.js';
import type { LintResult } from '../model/types.js';
import type { FormatContext, Formatter } from '../formatters/types.js';
import { stylish } from '../formatters/stylish.js';
import { sanitize } from '../formatters/text.js';
import { lintStdin, withRuby, type LintFilesOptions } from '../node/lint-files.js';
import { lintFilesParallel } from '../node/parallel.js';
import { rules, rulesById } from '../rules/index.js';
import { tuneForThroughput } from './tune.js';
import { applySuppressions, pruneSuppressions, readSuppressions, suppressionKey, suppressResults, SUPPRESSIONS_FILE, writeSuppressions } from '../node/suppressions.js';
import type { RuleMeta } from '../rules/rule.js';
import type { TestArgs as RunnerArgs } from '../runner/index.js';

/** Where the CLI writes and what it knows of its environment (injectable for tests). */
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Whether stdout is a terminal. */
  isTTY: boolean;
  /** All of standard input (for `--stdin`). */
  readStdin?: () => Promise<string>;
  /** Write a report file (`-o`); defaults to fs.writeFileSync. */
  writeFile?: (path: string, text: string) => void;
}

/** Exit codes (ECOSYSTEM.md §1): 0 clean, 1 findings, 2 usage/config/I/O/internal error. */
export const EXIT = { ok: 0, findings: 1, error: 2 } as const;

const FORMATS = ['stylish', 'compact', 'json', 'sarif', 'github'] as const;
type FormatName = (typeof FORMATS)[number];

/** Load a formatter; only the default one is bundled into the start-up path. */
async function loadFormatter(name: FormatName): Promise<Formatter> {
  if (name === 'stylish') return stylish;
  if (name === 'compact') return (await import('../formatters/compact.js')).compact;
  if (name === 'sarif') return (await import('../formatters/sarif.js')).sarif;
  if (name === 'github') return (await import('../formatters/github.js')).github;
  return (await import('../formatters/json.js')).json;
}

/**
 * Decide the colour level once (ECOSYSTEM.md §8): `--color`/`--no-color`, then
 * `FORCE_COLOR` with Node's semantics, then a non-empty `NO_COLOR`, then
 * `TERM=dumb`, then whether stdout is a terminal. Machine formats never colour.
 */
export function colorLevel(flag: boolean | undefined, format: FormatName, io: CliIo): 0 | 1 | 2 | 3 {
  if (format !== 'stylish') return 0;
  if (flag !== undefined) return flag ? 1 : 0;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '' || force === '1' || force === 'true') return 1;
    if (force === '2') return 2;
    if (force === '3') return 3;
    return 0;
  }
  if (io.env.NO_COLOR) return 0;
  if (io.env.TERM === 'dumb') return 0;
  return io.isTTY ? 1 : 0;
}

/**
 * Run the CLI with `argv` (without node and the script path) and return the
 * exit code. Never throws: internal errors are printed as one line (the stack
 * only with HOOKLINT_DEBUG=1) and return 2.
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (e) {
    const msg = e instanceof HooklintError ? e.message : `internal error: ${(e as Error)?.message ?? String(e)}`;
    io.stderr(`hooklint: ${sanitize(msg)}\n`);
    if (io.env.HOOKLINT_DEBUG && e instanceof Error && e.stack) io.stderr(e.stack + '\n');
    return EXIT.error;
  }
}

/**
 * The options of `hooklint check`: one table for the fast parser and for
 * yargs (help text, error messages).
 */
const CHECK_OPTIONS = {
  format: { alias: 'f', type: 'string', choices: FORMATS, default: 'stylish', describe: 'Output format' },
  color: { type: 'boolean', describe: 'Force colour on (--no-color: off)' },
  quiet: { type: 'boolean', default: false, describe: 'Report errors only' },
  'max-warnings': { type: 'number', default: -1, describe: 'Exit 1 when there are more warnings than this (-1: no limit)' },
  user: { type: 'boolean', default: false, describe: 'Also lint the user settings file (~/.claude/settings.json or $CLAUDE_CONFIG_DIR)' },
  scripts: { type: 'boolean', default: true, describe: 'Check the scripts hooks run (--no-scripts: off)' },
  'exit-zero': { type: 'boolean', default: false, describe: 'Exit 0 even when findings remain' },
  fix: { type: 'boolean', describe: 'Apply safe fixes and write the files' },
  'unsafe-fixes': { type: 'boolean', default: false, describe: 'With --fix, --fix-dry-run or --diff: also apply unsafe fixes' },
  'fix-dry-run': { type: 'boolean', describe: 'Compute the fixes and report what would remain; write nothing (--format json includes the fixed text)' },
  diff: { type: 'boolean', describe: 'Print a unified diff of what --fix would change; write nothing (exit 1 when there is a change)' },
  'output-file': { alias: 'o', type: 'string', describe: 'Write the report to this file instead of standard output' },
  config: { alias: 'c', type: 'string', describe: 'Use this hooklint.config.json for every file (default: the nearest one above each file)' },
  'config-lookup': { type: 'boolean', default: true, describe: 'Look up hooklint.config.json files (--no-config-lookup: use none)' },
  'claude-version': { type: 'string', describe: `Check against this Claude Code version or range (semver: 2.1.290, ">=2.1.280"; default ${catalog.newestVersion}, or a plugin's "engines")` },
  stdin: { type: 'boolean', default: false, describe: 'Lint standard input (for editors); never writes' },
  'stdin-filename': { type: 'string', describe: 'With --stdin: the path the text belongs to (decides its kind, roots and config)' },
  'suppress-all': { type: 'boolean', describe: 'Record every finding of this run in hooklint-suppressions.json (per file and rule, a count); later runs report only findings beyond it' },
  'suppress-rule': { type: 'string', describe: 'Like --suppress-all, for this rule only (repeat it, or separate ids with commas)' },
  'prune-suppressions': { type: 'boolean', describe: 'Remove from hooklint-suppressions.json the suppressions this run no longer needs' },
  'suppressions-location': { type: 'string', describe: 'The suppressions file (default: hooklint-suppressions.json in the current directory)' },
} as const satisfies Record<string, { type: 'string' | 'boolean' | 'number'; alias?: string; default?: unknown; choices?: readonly string[]; describe: string }>;

/** The options of `hooklint test` (src/runner); the runner is loaded only when it runs. */
const TEST_OPTIONS = {
  format: { alias: 'f', type: 'string', choices: [...FORMATS, 'junit'], default: 'stylish', describe: 'Output format (junit: JUnit XML for CI test reports)' },
  color: { type: 'boolean', describe: 'Force colour on (--no-color: off)' },
  user: { type: 'boolean', default: false, describe: 'Also run the hooks of the user settings file' },
  list: { type: 'boolean', default: false, describe: 'Only list the hooks and tests that would run; run nothing' },
  http: { type: 'boolean', default: false, describe: 'Also send http handlers their requests' },
  path: { type: 'string', choices: ['login', 'app'], default: 'login', describe: 'PATH the hooks get: a terminal start\'s (login) or an app/IDE start\'s minimal system PATH (app)' },
  'max-timeout': { type: 'number', default: 30, describe: 'Cap on every hook\'s timeout, seconds' },
  'slow-ms': { type: 'number', default: 1000, describe: 'hook-slow threshold, milliseconds' },
  'output-file': { alias: 'o', type: 'string', describe: 'Write the report to this file instead of standard output' },
  config: { alias: 'c', type: 'string', describe: 'Use this hooklint.config.json (its "ignores") for every file' },
  'config-lookup': { type: 'boolean', default: true, describe: 'Look up hooklint.config.json files (--no-config-lookup: use none)' },
  'in-place': { type: 'boolean', default: false, describe: 'Run the hooks in the project itself (default: in a temporary copy, so the project never changes)' },
  home: { type: 'string', choices: ['keep', 'temp'], default: 'keep', describe: 'HOME the hooks get: yours (keep) or a temporary empty one (temp)' },
  verbose: { type: 'boolean', default: false, describe: "Print each hook's whole stdout and stderr (on standard error)" },
  input: { type: 'string', describe: 'Run the hooks this payload reaches (a JSON file, or - for standard input), merged over the sample as a test\'s "input"' },
  event: { type: 'string', describe: 'Only the hooks (and tests) of these events (comma-separated)' },
  hook: { type: 'string', describe: 'Only the handler at FILE:LINE' },
  match: { type: 'string', describe: 'Only the hooks whose command or URL contains TEXT' },
  faults: { type: 'boolean', default: false, describe: 'Run each guard again under faults (a program missing, no execute bit, killed at its timeout, bad stdin): guard-fails-open' },
} as const;

/** The options of `hooklint hooks` (src/hooks); its code is loaded only when it runs. */
const HOOKS_OPTIONS = {
  format: { alias: 'f', type: 'string', choices: ['stylish', 'json', 'compact'], default: 'stylish', describe: 'Output format' },
  color: { type: 'boolean', describe: 'Force colour on (--no-color: off)' },
  event: { alias: 'e', type: 'string', describe: 'Show which loaded handlers fire for this event (PreToolUse, Stop, ...) and why the others do not' },
  tool: { type: 'string', describe: 'With --event: the tool of the call (Bash, Edit, mcp__server__tool, ...)' },
  input: { type: 'string', describe: 'With --event: the event\'s input as JSON (fields over the sample payload hooklint test uses)' },
  'input-file': { type: 'string', describe: 'With --event: read the input JSON from this file' },
  managed: { type: 'string', describe: 'Read managed settings from this folder (managed-settings.json, managed-settings.d/) instead of the platform\'s' },
  'plugin-dir': { type: 'string', array: true, describe: 'Also load the plugin in this folder, as Claude Code\'s --plugin-dir (repeatable)' },
  'claude-version': { type: 'string', describe: `Judge for this Claude Code version or range (default ${catalog.newestVersion})` },
  'fail-on-dropped': { type: 'boolean', default: false, describe: 'Exit 1 when a handler of a file in the project folder is dropped (CI: every hook in this repository loads)' },
} as const;

/** Options that cannot be combined (yargs `conflicts`). */
const CONFLICTS: [string, string][] = [
  ['fix', 'fix-dry-run'],
  ['fix', 'diff'],
  ['fix-dry-run', 'diff'],
];

const camel = (k: string) => k.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * Parse a plain `hooklint [check] ...` invocation with yargs-parser alone, or
 * return undefined to let yargs handle it (help, other commands, any error):
 * loading yargs costs about 50 ms of start-up, and yargs renders its whole
 * help text whenever a command is named. Every error message still comes
 * from yargs, because any doubt falls back to it.
 */
function fastParse(argv: string[]): CheckArgs | undefined {
  const rest = argv[0] === 'check' ? argv.slice(1) : argv;
  if (rest[0] === 'rules' || rest[0] === 'explain' || rest[0] === 'test' || rest[0] === 'lsp' || rest[0] === 'hooks' || rest.some((a) => a === '--help' || a === '-h' || a === '--version' || a === 'help')) return undefined;
  const a = parseOptionTable(rest, CHECK_OPTIONS);
  if (!a) return undefined;
  if (CONFLICTS.some(([x, y]) => a[x] !== undefined && a[y] !== undefined)) return undefined;
  // `hooklint --no-color test`: a command after options is for yargs.
  if ((a._ as unknown[])[0] === 'test' || (a._ as unknown[])[0] === 'hooks' || ((a._ as unknown[])[0] === 'lsp' && argv[0] !== 'check')) return undefined;
  const paths = [...(a._ as unknown[]), ...((a['--'] as unknown[] | undefined) ?? [])].map(String);
  return { ...(a as unknown as CheckArgs), paths };
}

/**
 * `args` parsed by yargs-parser alone against an option table (`CHECK_OPTIONS`,
 * `TEST_OPTIONS`), or undefined when only yargs can judge them: a parse error,
 * an unknown option, an option given twice, a value outside its choices, a
 * number that is not finite, an empty or non-string string. Shared by the fast
 * paths of `check` and `test`, so both accept exactly what yargs would.
 */
function parseOptionTable(args: string[], table: object): Record<string, unknown> | undefined {
  const entries = Object.entries(table) as [string, { type: string; alias?: string; default?: unknown; choices?: readonly string[] }][];
  const known = new Set(['_', '--']);
  for (const [k, o] of entries) {
    known.add(k).add(camel(k));
    if (o.alias) known.add(o.alias);
  }
  const parsed = yargsParser.detailed(args, {
    alias: Object.fromEntries(entries.filter(([, o]) => o.alias).map(([k, o]) => [k, [o.alias!]])),
    boolean: entries.filter(([, o]) => o.type === 'boolean').map(([k]) => k),
    string: entries.filter(([, o]) => o.type === 'string').map(([k]) => k),
    number: entries.filter(([, o]) => o.type === 'number').map(([k]) => k),
    default: Object.fromEntries(entries.filter(([, o]) => o.default !== undefined).map(([k, o]) => [k, o.default])),
    configuration: { 'populate--': true },
  });
  if (parsed.error) return undefined;
  const a = parsed.argv as Record<string, unknown>;
  if (Object.keys(a).some((k) => !known.has(k))) return undefined;
  for (const [k, o] of entries) {
    const v = a[k];
    if (Array.isArray(v)) return undefined; // an option given twice: let yargs decide
    if (o.choices && v !== undefined && !o.choices.includes(v as string)) return undefined;
    if (o.type === 'number' && v !== undefined && !Number.isFinite(v)) return undefined;
    if (o.type === 'string' && v !== undefined && (typeof v !== 'string' || v === '')) return undefined;
  }
  return a;
}

/**
 * `hooklint test [paths] [--list] ...` with yargs-parser alone (as `fastParse`
 * does for check), or undefined to let yargs handle it: `test --list` starts
 * without loading yargs.
 */
function fastParseTest(argv: string[]): TestCliArgs | undefined {
  if (argv[0] !== 'test' || argv.some((a) => a === '--help' || a === '-h' || a === '--version' || a === 'help')) return undefined;
  const a = parseOptionTable(argv.slice(1), TEST_OPTIONS);
  if (!a) return undefined;
  const paths = [...(a._ as unknown[]), ...((a['--'] as unknown[] | undefined) ?? [])].map(String);
  return { ...(a as unknown as TestCliArgs), paths };
}

/**
 * Require a CommonJS bundle through the V8 code cache made at build time
 * (`<file>.cache`, as dist/cli.cjs does for the check program): `hooklint test`
 * skips compiling most of dist/runner.cjs. A missing or rejected cache is a
 * normal compile; HOOKLINT_WRITE_RUNNER_CACHE=1 writes it (the build does, once).
 */
function requireCached(file: string): unknown {
  const req = createRequire(file);
  let script: import('node:vm').Script | undefined;
  try {
    const vm = req('node:vm') as typeof import('node:vm');
    const Module = req('node:module') as { wrap(s: string): string };
    let cachedData: Buffer | undefined;
    try {
      cachedData = readFileSync(file + '.cache');
    } catch {
      // no cache
    }
    script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, ...(cachedData ? { cachedData } : {}) });
    const mod = { exports: {} as unknown, filename: file, id: file, loaded: false };
    (script.runInThisContext() as (...a: unknown[]) => void).call(mod.exports, mod.exports, req, mod, file, dirname(file));
    if (process.env.HOOKLINT_WRITE_RUNNER_CACHE === '1') process.on('exit', () => writeFileSync(file + '.cache', script!.createCachedData()));
    return mod.exports;
  } catch (e) {
    if (script) throw e;
    return req(file);
  }
}

async function run(argv: string[], io: CliIo): Promise<number> {
  // `hooklint --version` / `-v` (alone): hooklint's version and the newest Claude Code its catalog knows; no yargs.
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
    io.stdout(versionLine() + '\n');
    return 0;
  }
  // What editors run (`hooklint lsp --stdio`, perhaps with --clientProcessId): no yargs, ~50 ms sooner.
  if (argv[0] === 'lsp' && argv.slice(1).every((a, i, rest) => a === '--stdio' || /^--clientProcessId=\d+$/.test(a) || (a === '--clientProcessId' && /^\d+$/.test(rest[i + 1] ?? '')) || (/^\d+$/.test(a) && rest[i - 1] === '--clientProcessId')))
    return lsp(true, io);
  const fast = fastParse(argv);
  if (fast) return check(fast, io);
  const fastTest = fastParseTest(argv);
  if (fastTest) return test(fastTest, io);
  const { default: yargs } = await import('yargs/yargs');
  let usageError: string | undefined;
  // yargs renders and caches the whole help text whenever a command is named explicitly,
  // but not for the default command. `check` is the default, so an explicit leading
  // `check` is dropped (unless a path is literally named like another command).
  const args0 = argv[0] === 'check' && argv[1] !== 'rules' && argv[1] !== 'explain' && argv[1] !== 'test' && argv[1] !== 'lsp' && argv[1] !== 'hooks' ? argv.slice(1) : argv;
  const parser = yargs(args0)
    .scriptName('hooklint')
    .usage('$0 <command> [options]')
    .strict()
    .help()
    .alias('h', 'help')
    .version(false)
    .epilogue('hooklint --version (or -v) prints hooklint\'s version and the newest Claude Code version its event catalog knows.')
    .wrap(Math.min(100, process.stdout.columns || 100))
    .fail((msg, err) => {
      usageError = msg || err?.message || 'invalid arguments';
    })
    .command(['$0 [paths..]', 'check'], 'Lint Claude Code hook configuration files (default: search the current directory)', (y) => {
      y.positional('paths', { type: 'string', array: true, describe: 'Files or directories to lint' }).options(CHECK_OPTIONS as unknown as Record<string, object>);
      for (const [x, z] of CONFLICTS) y.conflicts(x, z);
      return y;
    })
    .command('test [paths..]', 'Run the hooks of the configs found (as check finds them) the way Claude Code runs them, with your permissions, and report what only running shows', (y) =>
      y.positional('paths', { type: 'string', array: true, describe: 'Files or directories holding hook configs' }).options(TEST_OPTIONS as unknown as Record<string, object>),
    )
    .command('hooks [path]', 'List every hook Claude Code would load for the project (managed, user, project and local settings, plugins, skills, agents), which are dropped and why; with --event, which fire and why the others do not. Runs nothing.', (y) =>
      y.positional('path', { type: 'string', describe: 'The project folder (default: the current directory)' }).options(HOOKS_OPTIONS as unknown as Record<string, object>),
    )
    .command('rules', 'List every rule with its severity, fixability and description', (y) => y.option('format', { choices: ['text', 'json'] as const, default: 'text' as const }))
    .command('explain <name>', 'Print the documentation of a rule (what it catches, why, examples, fix safety) or of a hook event (from the event catalog)', (y) =>
      y.positional('name', { type: 'string', demandOption: true, describe: 'Rule id (missing-timeout) or event name (PreToolUse)' }),
    )
    .command('lsp', 'Start the language server (LSP over standard input and output) for editors', (y) =>
      y
        .option('stdio', { type: 'boolean', default: true, describe: 'Talk LSP over standard input and output (the only transport)' })
        // vscode-languageclient and other clients may name their process; the server ends when stdin closes.
        .option('clientProcessId', { type: 'number', hidden: true }),
    )
    .exitProcess(false);
  let helpShown = false;
  // Commands have no yargs handlers: hooklint dispatches on the parsed command itself.
  const args = await parser.parseAsync(args0, {}, (err, _argv, output) => {
    if (output && !err) {
      helpShown = true;
      io.stdout(output + '\n');
    }
  });
  if (usageError) {
    io.stderr(`hooklint: ${sanitize(usageError)}\nRun "hooklint --help" for usage.\n`);
    return EXIT.error;
  }
  if (helpShown) return EXIT.ok;
  switch (args._[0]) {
    case 'rules':
      io.stdout(formatRules(args.format as 'text' | 'json'));
      return EXIT.ok;
    case 'explain':
      return explain(args.name as string, io);
    case 'test':
      return test(args as unknown as TestCliArgs, io);
    case 'lsp':
      return lsp(args.stdio as boolean, io);
    case 'hooks':
      return hooks(args as unknown as HooksCliArgs, io);
  }
  // `check` is the default command: `hooklint check x`, `hooklint x` and `hooklint check -- x`.
  const rest = args._.map(String);
  const paths = [...((args.paths as string[] | undefined) ?? []), ...(rest[0] === 'check' ? rest.slice(1) : rest)];
  return check({ ...(args as unknown as CheckArgs), paths }, io);
}

interface CheckArgs {
  paths?: string[];
  format: FormatName;
  color?: boolean;
  quiet: boolean;
  maxWarnings: number;
  user: boolean;
  scripts: boolean;
  exitZero: boolean;
  fix?: boolean;
  unsafeFixes: boolean;
  fixDryRun?: boolean;
  diff?: boolean;
  outputFile?: string;
  config?: string;
  configLookup: boolean;
  stdin: boolean;
  stdinFilename?: string;
  claudeVersion?: string;
  suppressAll?: boolean;
  suppressRule?: string | string[];
  pruneSuppressions?: boolean;
  suppressionsLocation?: string;
}

async function check(args: CheckArgs, io: CliIo): Promise<number> {
  const fixing = !!(args.fix || args.fixDryRun || args.diff);
  if (!Number.isInteger(args.maxWarnings)) {
    io.stderr('hooklint: --max-warnings takes a whole number (-1: no limit)\nRun "hooklint --help" for usage.\n');
    return EXIT.error;
  }
  if (args.unsafeFixes && !fixing) {
    io.stderr('hooklint: --unsafe-fixes needs --fix, --fix-dry-run or --diff\nRun "hooklint --help" for usage.\n');
    return EXIT.error;
  }
  if (args.stdin && args.fix) {
    io.stderr('hooklint: --fix does not apply to --stdin (nothing is written); use --fix-dry-run or --diff\nRun "hooklint --help" for usage.\n');
    return EXIT.error;
  }
  if (args.claudeVersion !== undefined && !parseTarget(args.claudeVersion, 'option')) {
    io.stderr(`hooklint: --claude-version takes a Claude Code version or range such as 2.1.290 or ">=2.1.280", got ${JSON.stringify(sanitize(args.claudeVersion))}\nRun "hooklint --help" for usage.\n`);
    return EXIT.error;
  }
  const suppressRules = [args.suppressRule ?? []].flat().flatMap((r) => r.split(',')).map((r) => r.trim()).filter(Boolean);
  for (const id of suppressRules)
    if (!rulesById.has(id)) {
      const near = closest(id, [...rulesById.keys()]);
      io.stderr(`hooklint: --suppress-rule: unknown rule ${JSON.stringify(sanitize(id))}${near ? `; did you mean "${near}"?` : ''}\nRun "hooklint --help" for usage.\n`);
      return EXIT.error;
    }
  if (args.stdin && (args.suppressAll || suppressRules.length || args.pruneSuppressions)) {
    io.stderr('hooklint: --suppress-all, --suppress-rule and --prune-suppressions write hooklint-suppressions.json and do not apply to --stdin\nRun "hooklint --help" for usage.\n');
    return EXIT.error;
  }
  if (args.stdin && args.paths?.length) {
    io.stderr('hooklint: --stdin lints standard input; do not also name paths (use --stdin-filename)\nRun "hooklint --help" for usage.\n');
    return EXIT.error;
  }
  const options = {
    cwd: io.cwd,
    user: args.user,
    scripts: args.scripts,
    env: io.env,
    ...(args.config ? { config: resolve(io.cwd, args.config) } : {}),
    useConfig: args.configLookup || !!args.config,
    ...(args.claudeVersion !== undefined ? { claudeVersion: args.claudeVersion } : {}),
    // Only the stylish format prints code frames; other formats need no file text kept.
    keepSource: args.format === 'stylish' && !args.diff,
    ...(fixing ? { fix: args.unsafeFixes ? ('unsafe' as const) : ('safe' as const), dryRun: !args.fix } : {}),
    ...(io.env.HOOKLINT_TIMING ? { timing: new Map<string, number>() } : {}),
  };
  const { results, notices, errors, fixed, changes } = args.stdin
    ? await stdinLint(await (io.readStdin ?? readAllStdin)(), args.stdinFilename ?? '.claude/settings.json', options)
    : await lintFilesParallel(args.paths ?? [], options, join(packageRoot(), 'dist', 'worker.js'), join(packageRoot(), 'dist', 'reader.cjs'), () => tuneForThroughput(io.env));
  // Notices and errors name files and quote configs: one sanitized line each.
  for (const n of notices) io.stderr(`hooklint: ${sanitize(n)}\n`);
  for (const e of errors) io.stderr(`hooklint: ${sanitize(e)}\n`);
  if (options.timing) io.stderr(formatTiming(options.timing, io.env.HOOKLINT_TIMING!));
  // The baseline (hooklint-suppressions.json): what remains to report once it applies.
  const kept = args.diff ? results : baseline(results, args, suppressRules, io);
  if (args.diff) {
    const { formatDiff } = await import('./diff.js');
    io.stdout(formatDiff(changes, io.cwd));
    if (errors.length > 0) return EXIT.error;
    return changes.length > 0 && !args.exitZero ? EXIT.findings : EXIT.ok;
  }
  const shown: LintResult[] = args.quiet ? kept.map((r) => ({ ...r, messages: r.messages.filter((m) => m.severity === 'error'), warningCount: 0, fixableWarningCount: 0 })) : kept;
  const formatter = await loadFormatter(args.format);
  const ctx: FormatContext = {
    cwd: io.cwd,
    chalk: new Chalk({ level: colorLevel(args.color, args.format, io) }),
    rulesMeta: new Map([...rulesById].map(([id, r]) => [id, r.meta as RuleMeta])),
    unsafeFixable: shown.reduce((n, r) => n + r.messages.filter((m) => m.fix?.safety === 'unsafe').length, 0),
    ...(fixing ? { fixed } : {}),
  };
  let report = formatter(shown, ctx);
  // In GitHub Actions, text from configs printed by the human formats cannot run workflow commands.
  if (io.env.GITHUB_ACTIONS === 'true' && !args.outputFile && (args.format === 'stylish' || args.format === 'compact') && report) {
    // A require, not import(): the executable runs from a V8 code cache, where import() is unavailable.
    const { randomUUID } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
    const token = `hooklint-${randomUUID()}`;
    report = `::stop-commands::${token}\n${report}::${token}::\n`;
  }
  if (args.outputFile) {
    try {
      (io.writeFile ?? ((p: string, t: string) => writeFileSync(p, t)))(resolve(io.cwd, args.outputFile), report);
    } catch (e) {
      io.stderr(`hooklint: ${sanitize(`cannot write ${args.outputFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)}\n`);
      return EXIT.error;
    }
  } else io.stdout(report);
  if (errors.length > 0) return EXIT.error;
  if (args.exitZero) return EXIT.ok;
  const errorCount = kept.reduce((n, r) => n + r.errorCount, 0);
  const warningCount = kept.reduce((n, r) => n + r.warningCount, 0);
  if (errorCount > 0) return EXIT.findings;
  if (args.maxWarnings >= 0 && warningCount > args.maxWarnings) return EXIT.findings;
  return EXIT.ok;
}

/**
 * Apply hooklint-suppressions.json (src/node/suppressions.ts) to a check run: with
 * `--suppress-all` or `--suppress-rule` first record this run's findings in it, with
 * `--prune-suppressions` drop what no longer matches; otherwise name each stale suppression on
 * stderr. The file is read only when it exists or is to be written (a plain run on a project
 * without one costs a stat).
 * @returns the results left to report (counts recomputed)
 * @throws HooklintError when the file does not parse (exit 2)
 */
function baseline(results: LintResult[], args: CheckArgs, suppressRules: string[], io: CliIo): LintResult[] {
  const file = resolve(io.cwd, args.suppressionsLocation ?? SUPPRESSIONS_FILE);
  const writing = args.suppressAll || suppressRules.length > 0;
  if (!writing && !existsSync(file)) return results;
  const base = dirname(file);
  const shownName = sanitize(args.suppressionsLocation ?? SUPPRESSIONS_FILE);
  let s = readSuppressions(file);
  if (writing) {
    s = suppressResults(results, s, base, args.suppressAll ? undefined : new Set(suppressRules));
    writeSuppressions(file, s);
    const total = Object.values(s).reduce((n, byRule) => n + Object.values(byRule).reduce((m, e) => m + e.count, 0), 0);
    io.stderr(`hooklint: ${shownName}: ${total} finding${total === 1 ? '' : 's'} suppressed in ${Object.keys(s).length} file${Object.keys(s).length === 1 ? '' : 's'}\n`);
  }
  const applied = applySuppressions(results, s, base, args.stdin ? () => true : undefined);
  if (args.pruneSuppressions) {
    if (applied.stale.length) writeSuppressions(file, pruneSuppressions(s, applied.stale));
    io.stderr(`hooklint: ${shownName}: ${applied.stale.length} suppression${applied.stale.length === 1 ? '' : 's'} pruned\n`);
  } else
    for (const st of applied.stale)
      io.stderr(`hooklint: ${sanitize(st.file)}: ${st.count} ${st.ruleId} finding${st.count === 1 ? ' is' : 's are'} suppressed but ${st.found === 0 && !results.some((r) => suppressionKey(r.filePath, base) === st.file) && !existsSync(join(base, st.file)) ? 'the file is gone' : `${st.found} found`}; run with --prune-suppressions to update ${shownName}\n`);
  return applied.results;
}

/** `hooklint test` as yargs parsed it. */
interface TestCliArgs {
  paths?: string[];
  format: RunnerArgs['format'];
  color?: boolean;
  user: boolean;
  list: boolean;
  http: boolean;
  path: RunnerArgs['path'];
  maxTimeout: number;
  slowMs: number;
  outputFile?: string;
  config?: string;
  configLookup: boolean;
  inPlace: boolean;
  home: 'keep' | 'temp';
  verbose: boolean;
  input?: string;
  event?: string;
  hook?: string;
  match?: string;
  faults: boolean;
}

/**
 * `hooklint test`: runs hooks, so it lives in its own bundle (dist/runner.cjs),
 * required only here: `check` never loads a line of it.
 */
async function test(args: TestCliArgs, io: CliIo): Promise<number> {
  if (!(args.maxTimeout > 0)) {
    io.stderr('hooklint: --max-timeout takes a number of seconds above 0\nRun "hooklint --help" for usage.\n');
    return EXIT.error;
  }
  if (!(args.slowMs >= 0)) {
    io.stderr('hooklint: --slow-ms takes a number of milliseconds (0 or more)\nRun "hooklint --help" for usage.\n');
    return EXIT.error;
  }
  const runner = requireCached(join(packageRoot(), 'dist', 'runner.cjs')) as typeof import('../runner/index.js');
  return runner.testCommand(
    {
      paths: args.paths ?? [],
      format: args.format,
      colorLevel: args.format === 'stylish' ? colorLevel(args.color, 'stylish', io) : 0,
      user: args.user,
      list: args.list,
      http: args.http,
      path: args.path,
      maxTimeout: args.maxTimeout,
      slowMs: args.slowMs,
      ...(args.outputFile ? { outputFile: args.outputFile } : {}),
      ...(args.config ? { config: resolve(io.cwd, args.config) } : {}),
      configLookup: args.configLookup,
      inPlace: args.inPlace,
      home: args.home,
      verbose: args.verbose,
      ...(args.input !== undefined ? { input: args.input } : {}),
      ...(args.event ? { event: args.event.split(',').map((e) => e.trim()).filter(Boolean) } : {}),
      ...(args.hook ? { hook: args.hook } : {}),
      ...(args.match !== undefined ? { match: args.match } : {}),
      faults: args.faults,
    },
    io,
  );
}

/** `hooklint hooks` as yargs parsed it. */
interface HooksCliArgs {
  path?: string;
  format: 'stylish' | 'json' | 'compact';
  color?: boolean;
  event?: string;
  tool?: string;
  input?: string;
  inputFile?: string;
  managed?: string;
  pluginDir?: string[];
  claudeVersion?: string;
  failOnDropped: boolean;
}

/**
 * `hooklint hooks`: the effective hook set lives in its own bundle (dist/hooks.cjs),
 * required only here: `check` never loads a line of it.
 */
function hooks(args: HooksCliArgs, io: CliIo): number {
  const bundle = createRequire(import.meta.url)(join(packageRoot(), 'dist', 'hooks.cjs')) as typeof import('../hooks/index.js');
  return bundle.hooksCommand(
    {
      ...(args.path !== undefined ? { path: args.path } : {}),
      format: args.format,
      colorLevel: args.format === 'stylish' ? colorLevel(args.color, 'stylish', io) : 0,
      ...(args.managed !== undefined ? { managed: args.managed } : {}),
      pluginDirs: (args.pluginDir ?? []).map(String),
      ...(args.event !== undefined ? { event: args.event } : {}),
      ...(args.tool !== undefined ? { tool: args.tool } : {}),
      ...(args.input !== undefined ? { input: args.input } : {}),
      ...(args.inputFile !== undefined ? { inputFile: args.inputFile } : {}),
      ...(args.claudeVersion !== undefined ? { claudeVersion: args.claudeVersion } : {}),
      failOnDropped: args.failOnDropped,
    },
    io,
  );
}

/** `lintStdin`, linted again once the Ruby parser is loaded when the text's hooks run a Ruby script (`withRuby`). */
function stdinLint(text: string, filename: string, options: LintFilesOptions) {
  return withRuby(() => lintStdin(text, filename, options));
}

/** Read all of process.stdin as UTF-8. */
async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `hooklint explain <id>`: print docs/rules/<id>.md from the installed package, or an event's page from the catalog. */
function explain(id: string, io: CliIo): number {
  const eventPage = explainEvent(id);
  if (eventPage !== undefined) {
    io.stdout(eventPage);
    return EXIT.ok;
  }
  if (!rulesById.has(id)) {
    const suggestion = closest(id, [...rulesById.keys(), ...EVENT_NAMES]);
    io.stderr(`hooklint: unknown rule or event "${sanitize(id)}"${suggestion ? `; did you mean "${suggestion}"?` : ''}\nRun "hooklint rules" for the rules; docs/events.md lists the events.\n`);
    return EXIT.error;
  }
  const file = join(packageRoot(), 'docs', 'rules', `${id}.md`);
  try {
    io.stdout(readFileSync(file, 'utf8'));
  } catch {
    io.stderr(`hooklint: the docs of "${id}" are missing from this installation (${file})\n`);
    return EXIT.error;
  }
  return EXIT.ok;
}

/**
 * `hooklint lsp --stdio`: load the language server's bundle (`dist/lsp.cjs`,
 * built from src/lsp/main.ts; kept out of the `check` bundle so it costs
 * nothing there) and serve until the client exits, which ends the process.
 */
function lsp(stdio: boolean, io: CliIo): Promise<number> | number {
  if (!stdio) {
    io.stderr('hooklint: the language server talks over standard input and output only (--stdio)\n');
    return EXIT.error;
  }
  // A require of a path known only at run time: esbuild leaves it alone, so the server stays in its own bundle.
  const bundle = join(packageRoot(), 'dist', 'lsp.cjs');
  const server = createRequire(import.meta.url)(bundle) as typeof import('../lsp/main.js');
  server.runStdioServer();
  return new Promise<number>(() => {});
}

/** The directory of hooklint's package.json, found upward from this module (bundled or not). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** The rule table (`hooklint rules`). */
export function formatRules(format: 'text' | 'json'): string {
  if (format === 'json')
    return JSON.stringify(rules.map((r) => ({ id: r.meta.id, severity: r.meta.severity, fixable: r.meta.fixable ?? null, frontmatter: r.meta.frontmatter ?? true, description: r.meta.description, url: r.meta.url }))) + '\n';
  const width = Math.max(...rules.map((r) => r.meta.id.length));
  return rules.map((r) => `${r.meta.id.padEnd(width)}  ${r.meta.severity.padEnd(7)}  ${(r.meta.fixable ?? '-').padEnd(7)}  ${r.meta.description}`).join('\n') + '\n';
}

/**
 * The `HOOKLINT_TIMING` table (like ESLint's `TIMING`): the slowest rules by
 * total milliseconds over the run and their share of the total. `limit` is
 * the variable's value: a count of rows (default 10) or `all`.
 */
export function formatTiming(timing: Map<string, number>, limit: string): string {
  const rows = [...timing].sort((a, b) => b[1] - a[1]);
  const n = limit === 'all' ? rows.length : Number.parseInt(limit, 10) > 0 ? Number.parseInt(limit, 10) : 10;
  const total = rows.reduce((t, [, ms]) => t + ms, 0) || 1;
  const shown = rows.slice(0, n).map(([id, ms]) => [id, ms.toFixed(1), `${((100 * ms) / total).toFixed(1)}%`]);
  const head = ['Rule', 'Time (ms)', 'Relative'];
  const width = head.map((h, i) => Math.max(h.length, ...shown.map((r) => r[i]!.length)));
  const line = (r: string[]) => `${r[0]!.padEnd(width[0]!)} | ${r[1]!.padStart(width[1]!)} | ${r[2]!.padStart(width[2]!)}\n`;
  return line(head) + `${'-'.repeat(width[0]!)}-|-${'-'.repeat(width[1]!)}-|-${'-'.repeat(width[2]!)}\n` + shown.map(line).join('');
}
