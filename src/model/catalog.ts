import { readFileSync } from 'node:fs';
import catalogJson from '../../schemas/events.json' with { type: 'json' };

/** The five handler types (SPEC.md §2). */
export type HandlerType = 'command' | 'http' | 'mcp_tool' | 'prompt' | 'agent';

/**
 * The Claude Code versions a fact holds for: `since` <= version < `until`
 * (either bound may be absent), and where that comes from. Versions are
 * `major.minor.patch` strings as Claude Code numbers its releases.
 */
export interface VersionRange {
  since?: string;
  until?: string;
  source: string;
  /** What versions before `since` do instead (for messages: "2.1.294 and older ignore it"). */
  before?: string;
  /** What versions from `until` on do instead. */
  after?: string;
  /** What versions inside the range do (for a fact that is a problem while it holds). */
  during?: string;
}

/**
 * A field's value type in the catalog's input and output tables: a primitive,
 * `object` (with its known `properties` where the SDK types name them, e.g.
 * `mcp_server`'s `name`, `source`, `built_in`), `array`, or the strings it takes;
 * `deprecated` marks a field Claude Code still sends but is phasing out.
 */
export type FieldType = ({ type: 'string' | 'number' | 'boolean' | 'object' | 'array' | 'unknown'; properties?: Record<string, FieldType> } | { enum: string[] }) & {
  /** Still sent, but deprecated (SPEC.md §12.3: `team_name` on TaskCreated, TaskCompleted, TeammateIdle): a hook that depends on it breaks when it goes. */
  deprecated?: boolean;
};

/** How a matcher of the event is evaluated (SPEC.md §3). */
export interface MatcherSpec {
  /** The input field the matcher is compared with. */
  field: string;
  /** Known values of that field; empty when the vocabulary is open (server names, file names). For tool events, the tool names. */
  knownValues: string[];
  /** True when values outside `knownValues` are legitimate (custom agents, MCP tools, models). */
  openVocabulary: boolean;
  /** `standard`: `[A-Za-z0-9_ ,|-]` is an exact list; `narrow`: only `[A-Za-z0-9_|]` (FileChanged, StopFailure). */
  exactSet: 'standard' | 'narrow';
  /** `tools`: `knownValues` are the catalog's tool names (filled in at load). */
  vocabulary?: 'tools';
  /** Values valid for part of the version history only (`fork` since 2.1.214). */
  valueRanges?: Record<string, VersionRange>;
  /** Values current Claude Code no longer sends, with the version that dropped them. */
  removedValues?: Record<string, VersionRange>;
  notes?: string;
}

/** What an event's hook output can do (SPEC.md §5, §1.2), for the runner and the docs. */
export interface EventOutputSpec {
  /** The event reads a top-level `"decision": "block"` (with `reason`). */
  decisionBlock: boolean;
  /** The fields of `hookSpecificOutput` the event reads (besides `hookEventName`), with their types. */
  hookSpecificOutput: Record<string, FieldType>;
  /** Plain stdout on exit 0 is added to Claude's context. */
  stdoutContext: boolean;
  /** `systemMessage` reaches the user (false: discarded). */
  systemMessage: boolean;
  /** `continue: false` is honoured. */
  continue: boolean;
  /** PreToolUse: the deprecated top-level decision values. */
  deprecatedDecision?: string[];
  /** WorktreeCreate: a command hook prints the worktree path on stdout (no JSON). */
  stdoutPath?: boolean;
  /** Fire-and-forget (SPEC.md §13.3): exit codes and the JSON output are ignored (on Notification only `terminalSequence` acts); `continue: false` does nothing. */
  ignored?: boolean;
  /** PreCompact: plain stdout on exit 0 becomes custom compact instructions (SPEC.md §12.3, §13.3); not context. */
  stdoutCompactInstructions?: boolean;
  /** Output fields honoured only from some version on for some handler types (http `watchPaths` since 2.1.334, SPEC.md §13.2). */
  fieldRanges?: Record<string, VersionRange & { handlerTypes: HandlerType[] }>;
}

/** One row of the event catalog (`schemas/events.json`, from SPEC.md §1.2 and §12). */
export interface EventSpec {
  name: string;
  description: string;
  /** Claude Code version that added the event; null where the changelog does not say. */
  since: string | null;
  /** Where `since` comes from. */
  sinceSource: string;
  /** null for events without matcher support (SPEC.md §1.3): a matcher there is ignored. */
  matcher: MatcherSpec | null;
  /** Whether exit code 2 (or a JSON decision) can block on this event. */
  canBlock: boolean;
  /** Any non-zero exit (not only 2) fails the action: WorktreeCreate, WorktreeRemove (SPEC.md §13.3). */
  nonZeroExitFails?: boolean;
  /** The handler types current Claude Code runs on this event. */
  handlerTypes: HandlerType[];
  /**
   * Unsupported handler types that do worse than fail: the hook yields a blocking
   * error, so the action it matches is refused every time (prompt and agent on
   * PreSkillShellCommand, SPEC.md §13.3).
   */
  unsupportedHandlerTypesBlock?: HandlerType[];
  /** Handler types that ran only in part of the version history (agent on PermissionRequest until 2.1.280). */
  handlerTypeRanges?: Partial<Record<HandlerType, VersionRange>>;
  /** Default timeout of command/http/mcp_tool handlers, seconds. */
  defaultTimeout: number;
  /** What `missing-timeout`'s fix inserts for command/http/mcp_tool handlers, seconds (RULES.md table). */
  recommendedTimeout: number;
  /** One of the five tool events: the matcher filters on `tool_name` against the full tool list. */
  toolEvent: boolean;
  /** A handler's `if` is evaluated here (SPEC.md §12.2: six events); elsewhere a handler with `if` never runs. */
  ifEvaluated: boolean;
  /** A guard event (SPEC.md §12.6): an invalid entry under it leaves the whole file unapplied. */
  guard: boolean;
  /** Hooks of this event get `CLAUDE_ENV_FILE` (SPEC.md §4.3). */
  envFile: boolean;
  /** Handler types whose `onFailure` this event ignores (SPEC.md §12.2). */
  onFailureIgnored: HandlerType[];
  /** The input JSON's fields (from the SDK types) and their types. */
  input: Record<string, FieldType>;
  output: EventOutputSpec;
  source: string;
  notes?: string;
  /** What versions before `since` do with a file that names the event, when it differs from the loader's default. */
  olderVersions?: string;
}

/** Per-handler-type field definitions (SPEC.md §2.2). */
export interface HandlerTypeSpec {
  required: string[];
  /** JSON Schema fragments of the type's own fields. */
  fields: Record<string, object>;
  /** Fields that hold only from some version on (`args` since 2.1.139). */
  fieldRanges?: Record<string, VersionRange>;
  /** Keys of the current CLI's schema it does not document (valid, never unknown). */
  internalFields?: string[];
  defaultTimeout: number;
  recommendedTimeout?: number;
  since?: string;
  /** Since when `model` accepts aliases such as `haiku` (prompt, agent), and the aliases. */
  modelAliases?: VersionRange & { aliases: string[] };
  /** The handler type's own version range (mcp_tool since 2.1.118). */
  sinceRange?: VersionRange;
  notes?: string;
}

/** The environment Claude Code gives a hook process (SPEC.md §4.3). */
export interface EnvironmentSpec {
  always: string[];
  pluginOnly: string[];
  pluginOptionPrefix: string;
  envFile: string;
  sometimes: Record<string, string>;
  /** Variables users set to configure Claude Code; hooks may read them. */
  userSettable: string[];
  /** Variables people expect that Claude Code never sets. */
  neverSet: string[];
}

/** The whole catalog. */
export interface Catalog {
  newestVersion: string;
  newestVersionSource: string;
  handlerTypes: Record<HandlerType, HandlerTypeSpec>;
  commonHandlerFields: Record<string, object>;
  outputFields: string[];
  universalOutput: Record<string, FieldType>;
  toolNames: string[];
  legacyToolNames: Record<string, string | null>;
  /** The build's set of removed tool names (SPEC.md §13.4); each is also a legacy name (`null`: no successor). */
  removedToolNames: { names: string[]; source: string };
  toolNameRanges: Record<string, VersionRange>;
  matcherSyntax: { commaSeparator: VersionRange; hyphenInExactNames: VersionRange };
  pluginHooksFile: { topKeys: Record<string, VersionRange>; maxModules: number; groupKeys: string[] };
  pluginManifest: { defaultHooksFileListed: VersionRange };
  loader: { guardEvents: string[]; entryStripping: VersionRange; unknownEventEntryIgnored: VersionRange; unknownEvent: { before: string } };
  /** Hooks in skill and agent frontmatter (SPEC.md §4.1, §12.5). */
  frontmatter: FrontmatterFacts;
  environment: EnvironmentSpec;
  events: EventSpec[];
  /** What `hooklint test` needs to run hooks as Claude Code would (`schemas/events.json` key `runner`). */
  runner: RunnerFacts;
}

/** The catalog's `frontmatter` key: how Claude Code reads hooks from skill and agent frontmatter. */
export interface FrontmatterFacts {
  /** Events an agent's frontmatter names that Claude Code runs as another (`Stop` → `SubagentStop`). */
  agentEventAliases: Record<string, string>;
  /** The frontmatter kinds where a handler's `once` takes effect. */
  onceHonouredIn: string[];
  /** A plugin's agents' `hooks` are ignored (with a warning at load). */
  pluginAgentHooksIgnored: { source: string };
  /**
   * Events (or occurrences of them) that happen before a skill's or agent's hooks
   * are registered (at the skill's invocation, the subagent's start): event name →
   * the matcher values (SessionStart `source`s) that do; an empty list: every
   * occurrence. SPEC.md §13.4.
   */
  beforeRegistration: { events: Record<string, string[]>; source: string };
  /** Per source and session: at most `hooks` hooks and `matcherCharacters` characters of matchers (since `since`). */
  skillHookCaps: { hooks: number; matcherCharacters: number; since: string; source: string };
}

/**
 * The catalog's `runner` key: sample values and runtime facts for `hooklint test`
 * (src/runner). In sample strings, `{cwd}` stands for the project root,
 * `{transcript}` for the temporary transcript file and `{session}` for the run's session id.
 */
export interface RunnerFacts {
  /** Input fields Claude Code sends only inside subagents, except on these events. */
  mainThreadOmits: { fields: string[]; exceptOn: string[]; source: string };
  /** A realistic value per input field name (fields without one get a value from their type). */
  fieldSamples: Record<string, unknown>;
  /** A plausible `tool_input` per tool name (other tools get `{}`). */
  toolInputs: Record<string, Record<string, unknown>>;
  /** A realistic `tool_response` per tool (the SDK's output types); `mcp` for MCP tools; others get `fieldSamples.tool_response`. */
  toolResponses: Record<string, unknown>;
  /** The `tool_input` field an `if` rule's pattern is matched against, per tool, and how. */
  ruleContent: Record<string, { field: string; kind: 'command' | 'path' | 'domain' }>;
  /** Values of `environment.always` variables that are constants. */
  environmentValues: Record<string, string>;
  /** Variables Claude Code removes from a hook's environment, by prefix. */
  strippedEnvironment: { prefixes: string[]; source: string };
  /** PATH of an app or IDE start, per `process.platform` (`default` for others). */
  appPath: Record<string, string>;
  /** Events whose (synchronous) hooks the session waits for. */
  userWaits: { events: string[] };
  /** SessionEnd's shared budget, seconds: `default`, raised by settings-file timeouts up to `max`. */
  sessionEndBudget: { default: number; max: number; raisedByPluginTimeouts: boolean; source: string };
  /** Events on which a timed-out hook blocks. */
  blockOnTimeout: { events: string[]; source: string };
  /** PermissionRequest: `hookSpecificOutput[field].behavior` values and the decision each means. */
  permissionRequestDecision: { field: string; behavior: Record<string, 'block' | 'allow'>; source: string };
  /** Elicitation events: `hookSpecificOutput.action` values that block or allow. */
  elicitationAction: { events: string[]; block: string[]; allow: string[]; source: string };
  /** Events where exit 2 does not block. */
  exitTwoIgnored: { events: string[]; source: string };
  /** The lines of the temporary transcript file (`transcript_path`). */
  transcriptSample: { lines: unknown[] };
  /** How many Stop blocks in a row Claude Code allows (`variable` changes it; 0 disables the cap). */
  stopHookBlockCap: { default: number; variable: string; source: string };
}

/** The event catalog, loaded once (bundled into the CLI at build time); tool events get the tool names as their vocabulary. */
export const catalog = catalogJson as unknown as Catalog;
for (const e of catalog.events) if (e.matcher?.vocabulary === 'tools') e.matcher.knownValues = catalog.toolNames;

/**
 * An event's full catalog row. The check program's bundle (dist/hooklint.cjs)
 * leaves out what only `hooklint explain` and the runner read, each event's
 * `input` and `output` and the `runner` key (scripts/build.mjs; about 30 KB
 * that start-up would otherwise build for every run), and marks the catalog
 * `$detailsOmitted`. There the full rows are read from the package's
 * schemas/events.json on first use. Everywhere else (the source, the runner's
 * and the language server's bundles) the row is `e` itself.
 * @throws Error when schemas/events.json cannot be read beside dist/ (a broken install).
 */
export function eventDetails(e: EventSpec): EventSpec {
  if (!(catalogJson as { $detailsOmitted?: boolean }).$detailsOmitted) return e;
  fullEvents ??= new Map(catalogOnDisk().events.map((x) => [x.name, x]));
  return fullEvents.get(e.name) ?? e;
}
let fullEvents: Map<string, EventSpec> | undefined;

/**
 * The package's schemas/events.json as written, parsed once per process: what the
 * check program's bundle leaves out of the catalog it embeds (`eventDetails`'s
 * rows, the output contract) comes from here, on first use.
 * @throws Error when schemas/events.json cannot be read beside dist/ (a broken install).
 */
export function catalogOnDisk(): Catalog & { outputContract?: unknown } {
  onDisk ??= JSON.parse(readFileSync(new URL('../schemas/events.json', import.meta.url), 'utf8')) as Catalog & { outputContract?: unknown };
  return onDisk;
}
let onDisk: (Catalog & { outputContract?: unknown }) | undefined;

/** Event specs by exact (case-sensitive) name. */
export const EVENTS: ReadonlyMap<string, EventSpec> = new Map(catalog.events.map((e) => [e.name, e]));

/** The event names, in catalog order (`EVENT_NAMES.length` is the number of events; never write it by hand). */
export const EVENT_NAMES: readonly string[] = catalog.events.map((e) => e.name);

/** The five handler types. */
export const HANDLER_TYPES = Object.keys(catalog.handlerTypes) as HandlerType[];

/**
 * The timeout `missing-timeout` inserts (RULES.md "Recommended timeouts"), in seconds:
 * the handler type's own for `prompt` and `agent`, else the event's.
 * `overrides` is the user's per-event map from hooklint config.
 */
export function recommendedTimeout(event: EventSpec, type: HandlerType, overrides?: Record<string, number>): number {
  const typeSpec = catalog.handlerTypes[type];
  if (typeSpec.recommendedTimeout !== undefined) return typeSpec.recommendedTimeout;
  return overrides?.[event.name] ?? event.recommendedTimeout;
}
