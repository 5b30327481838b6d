import { isAbsolute, join, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import { catalog, type EventSpec, type FieldType } from '../model/catalog.js';
import { analyzeShell } from './command.js';
import { evaluateMatcher, isMcpName } from '../model/matcher.js';

/** What sample strings may stand for (see `RunnerFacts`): the project root, the transcript file, the session id. */
export interface SampleContext {
  /** The project root: the payload's `cwd` and `$CLAUDE_PROJECT_DIR`. */
  cwd: string;
  /** A real temporary transcript file (JSONL). */
  transcriptPath: string;
  sessionId: string;
}

/** A JSON object, as payloads and tool inputs are. */
export type JsonObject = Record<string, unknown>;

const runner = catalog.runner;

/** Replace the `{cwd}`, `{transcript}` and `{session}` tokens of a sample value, deeply. */
export function fillSample(value: unknown, ctx: SampleContext): unknown {
  if (typeof value === 'string') return value.replace(/\{(cwd|transcript|session)\}/g, (_, k: string) => (k === 'cwd' ? ctx.cwd : k === 'transcript' ? ctx.transcriptPath : ctx.sessionId));
  if (Array.isArray(value)) return value.map((v) => fillSample(v, ctx));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillSample(v, ctx)]));
  return value;
}

/** A value for a field of type `t` when the catalog has no sample (or one outside the field's enum). */
function valueOfType(t: FieldType, sample: unknown): unknown {
  if ('enum' in t) return t.enum.includes(sample as string) ? sample : t.enum[0];
  if (sample !== undefined) return sample;
  switch (t.type) {
    case 'string':
      return 'example';
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'array':
      return [];
    default:
      return {};
  }
}

/** The plausible `tool_input` of a tool (the catalog's sample, else `{}`). */
export function toolInputFor(tool: string, ctx: SampleContext): JsonObject {
  return (fillSample(runner.toolInputs[tool] ?? {}, ctx) as JsonObject) ?? {};
}

/** The `tool_response` a tool gives (the catalog's `toolResponses`: the SDK's output shapes; MCP tools a content-block array). */
export function toolResponseFor(tool: string, ctx: SampleContext): unknown {
  const shapes = runner.toolResponses;
  const shape = tool in shapes && tool !== '$comment' ? shapes[tool] : isMcpName(tool) ? shapes.mcp : runner.fieldSamples.tool_response;
  return fillSample(shape, ctx);
}

/**
 * The stdin payload of `event` (SPEC.md §1.2 "Common input fields", the catalog's
 * `input`): a realistic value for each field, fields that only subagents get left
 * out, `hook_event_name` set, and the matcher's field set to `matcherValue`. Tool
 * events get `tool_name` and that tool's `tool_input`; for an `mcp__<server>__<tool>`
 * call, events whose input has `mcp_server` get `{ name: <server>, source: "project" }`
 * (SPEC.md §12.3). Its `built_in` (2.1.337, SPEC.md §13.2) is left out, as Claude
 * Code leaves it out unless the host app says the server is its own (absent:
 * unknown); a tests file can add it to the payload.
 */
export function samplePayload(event: EventSpec, ctx: SampleContext, matcherValue?: string): JsonObject {
  const omit = runner.mainThreadOmits.exceptOn.includes(event.name) ? new Set<string>() : new Set(runner.mainThreadOmits.fields);
  const out: JsonObject = {};
  for (const [name, type] of Object.entries(event.input)) {
    if (omit.has(name) || name === 'mcp_server') continue;
    out[name] = name === 'hook_event_name' ? event.name : valueOfType(type, fillSample(runner.fieldSamples[name], ctx));
  }
  if (event.toolEvent || 'tool_name' in event.input) {
    const tool = matcherValue ?? (event.matcher?.knownValues.includes('Bash') ? 'Bash' : event.matcher?.knownValues[0]) ?? 'Bash';
    out.tool_name = tool;
    out.tool_input = toolInputFor(tool, ctx);
    const server = /^mcp__(.+?)__./.exec(tool)?.[1];
    if (server && 'mcp_server' in event.input) out.mcp_server = { name: server, source: 'project' };
    if ('tool_response' in event.input) out.tool_response = toolResponseFor(tool, ctx);
  } else if (event.matcher && matcherValue !== undefined) {
    if (event.matcher.field in event.input) out[event.matcher.field] = matcherValue;
    // FileChanged: the matcher is compared with the changed file's basename.
    else if ('file_path' in event.input) out.file_path = join(ctx.cwd, matcherValue);
  }
  return out;
}

/**
 * The payload of one event for a given input (a test's `input`, `--input FILE`,
 * `hooklint hooks --event/--tool/--input`): the event's sample payload
 * (`samplePayload`, with the tool `tool` when given), then `input`'s top-level keys
 * over it, `hook_event_name` always the event's; a `tool_name` in `input` without
 * `tool_input` or `tool_response` gets that tool's. The one way `hooklint test`
 * and `hooklint hooks` build a payload from an input.
 */
export function buildPayload(event: EventSpec, ctx: SampleContext, input: JsonObject = {}, tool?: string): JsonObject {
  const payload: JsonObject = { ...samplePayload(event, ctx, tool), ...input, hook_event_name: event.name };
  const named = input.tool_name;
  if (typeof named === 'string') {
    if (!('tool_input' in input)) payload.tool_input = toolInputFor(named, ctx);
    if (!('tool_response' in input) && 'tool_response' in event.input) payload.tool_response = toolResponseFor(named, ctx);
  }
  return payload;
}

/** The value the matcher of `event` compares, in a payload (FileChanged: the file's basename). */
export function matcherSubject(event: EventSpec, payload: JsonObject): string | undefined {
  if (!event.matcher) return undefined;
  const field = event.matcher.field in event.input ? event.matcher.field : 'file_path' in event.input ? 'file_path' : undefined;
  const v = field ? payload[field] : undefined;
  if (typeof v !== 'string') return undefined;
  return field === event.matcher.field ? v : v.split(/[\\/]/).pop();
}

/** Does `matcher` accept `subject` (SPEC.md §3)? No matcher support on the event: always. */
export function matcherAccepts(event: EventSpec, matcher: string | undefined, subject: string | undefined): boolean {
  if (!event.matcher || matcher === undefined) return true;
  const m = evaluateMatcher(matcher, event.matcher.exactSet);
  if (m.kind === 'all') return true;
  if (subject === undefined) return false;
  if (m.kind === 'exact') return m.items.some((i) => i.value === subject);
  return m.regex ? m.regex.test(subject) : false;
}

/**
 * A value the matcher accepts, for a generated payload: the event's first known
 * value (or sample) for a match-all matcher, the first current name of an exact
 * list, the first known value a regex accepts. `undefined` when the event has no
 * matcher support; `{ none }` when the matcher can match nothing hooklint knows.
 */
export function matcherValueFor(event: EventSpec, matcher: string | undefined): string | { none: string } | undefined {
  if (!event.matcher) return undefined;
  const spec = event.matcher;
  const sample = runner.fieldSamples[spec.field];
  const known = spec.knownValues.length > 0 ? spec.knownValues : typeof sample === 'string' ? [sample] : [];
  const fallback = event.name === 'FileChanged' ? '.env' : event.toolEvent || spec.knownValues.includes('Bash') ? 'Bash' : (known[0] ?? 'example');
  if (matcher === undefined) return fallback;
  const m = evaluateMatcher(matcher, spec.exactSet);
  if (m.kind === 'all') return fallback;
  if (m.kind === 'exact') {
    const current = m.items.map((i) => i.value).filter((v) => !(v in catalog.legacyToolNames) || !event.toolEvent);
    return current[0] ?? { none: `the matcher names only legacy tools (${m.items.map((i) => i.value).join(', ')}), which no longer fire` };
  }
  if (!m.regex) return { none: 'the matcher is not a valid regular expression' };
  // Tool names are a closed list but for MCP tools: a regex must match a known tool or an MCP name.
  const candidates = [...known, ...regexCandidates(matcher).filter((c) => !event.toolEvent || isMcpName(c))];
  const hit = candidates.find((c) => m.regex!.test(c));
  return hit ?? { none: `no ${event.toolEvent ? 'tool' : spec.field} hooklint knows matches the regex` };
}

/** Strings a simple regex plausibly matches (`mcp__memory__.*` gives `mcp__memory__x`), for open vocabularies. */
function regexCandidates(re: string): string[] {
  return re
    .replace(/^\^|\$$/g, '')
    .split('|')
    .map((alt) => alt.replace(/\.\*|\.\+/g, 'x').replace(/[()^$\\?]/g, ''));
}

/** One `if` rule: `Tool` or `Tool(pattern)` (SPEC.md §3 "if syntax"). */
interface IfRule {
  tool: string;
  pattern: string | undefined;
}

function parseIf(rule: string): IfRule | undefined {
  const m = /^\s*([A-Za-z0-9_.:-]+)\s*(?:\((.*)\))?\s*$/s.exec(rule);
  return m ? { tool: m[1]!, pattern: m[2] } : undefined;
}

/** A command pattern (`git *`, legacy `npm run test:*`) as an anchored regex; a trailing ` *` also matches the bare command. */
function commandRegex(pattern: string): RegExp {
  const p = pattern.endsWith(':*') ? pattern.slice(0, -2) + ' *' : pattern;
  const esc = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const body = p.endsWith(' *') ? esc(p.slice(0, -2)).replace(/\*/g, '.*') + '(?: .*)?' : esc(p).replace(/\*/g, '.*');
  return new RegExp(`^${body}$`, 's');
}

/**
 * Whether a handler's `if` accepts a tool call (SPEC.md §3): the tool name must
 * be the rule's; a pattern is matched against the tool's field of the catalog's
 * `ruleContent` (each simple command of a Bash command, a file path gitignore
 * style, or `domain:host`). Where hooklint cannot tell (an unparsable rule or
 * command, a tool whose pattern it does not know), the handler is taken to run,
 * as Claude Code fails open for Bash [uncertain for other tools].
 */
export function ifAccepts(rule: string, toolName: unknown, toolInput: unknown, cwd: string): boolean {
  const r = parseIf(rule);
  if (!r) return true;
  if (r.tool !== toolName) return false;
  if (r.pattern === undefined || r.pattern === '' || r.pattern === '*') return true;
  const how = runner.ruleContent[r.tool];
  const value = how && toolInput && typeof toolInput === 'object' ? (toolInput as JsonObject)[how.field] : undefined;
  if (!how || typeof value !== 'string') return true;
  if (how.kind === 'command') {
    const re = commandRegex(r.pattern);
    if (re.test(value.trim())) return true;
    const a = analyzeShell(value);
    if (a.hasErrors) return true;
    return a.commands.some((c) => re.test(c.written.join(' ')));
  }
  if (how.kind === 'domain') {
    const host = /^domain:(.+)$/.exec(r.pattern)?.[1];
    if (!host) return true;
    try {
      const h = new URL(value).hostname;
      return picomatch.isMatch(h, host) || h.endsWith('.' + host);
    } catch {
      return true;
    }
  }
  return pathMatches(r.pattern, value, cwd);
}

/** A file-tool pattern against a path (gitignore style: `*.ts` at any depth, `dir/**` under the cwd, `//abs`, `~/`). [uncertain: `/x` is relative to the settings file; taken as relative to the cwd] */
function pathMatches(pattern: string, path: string, cwd: string): boolean {
  const abs = isAbsolute(path) ? path : join(cwd, path);
  const home = process.env.HOME ?? '';
  if (pattern.startsWith('//')) return picomatch.isMatch(abs, pattern.slice(1), { dot: true });
  if (pattern.startsWith('~/')) return picomatch.isMatch(abs, join(home, pattern.slice(2)), { dot: true });
  const rel = relative(cwd, abs).split(sep).join('/');
  const p = pattern.replace(/^\.?\//, '');
  if (!p.includes('/')) return picomatch.isMatch(abs.split(sep).pop() ?? '', p, { dot: true });
  return picomatch.isMatch(rel, p, { dot: true });
}

/**
 * A `tool_input` the handler's `if` accepts, made from the rule's pattern
 * (`Bash(git push *)` gives `git push origin main`, `Edit(*.ts)` a `.ts` file in
 * the project), for the generated run of that handler; `base` when the pattern
 * says nothing hooklint can use.
 */
export function toolInputForIf(rule: string, base: JsonObject, cwd: string): JsonObject {
  const r = parseIf(rule);
  const how = r ? runner.ruleContent[r.tool] : undefined;
  if (!r || !how || r.pattern === undefined || r.pattern === '' || r.pattern === '*') return base;
  let value: string;
  if (how.kind === 'command') value = r.pattern.replace(/:\*$/, ' *').replace(/ \*$/, ' origin main').replace(/\*/g, 'x');
  else if (how.kind === 'domain') value = `https://${(/^domain:(.+)$/.exec(r.pattern)?.[1] ?? 'example.com').replace(/^\*\./, 'www.')}/`;
  else {
    const p = r.pattern.replace(/\*\*\//g, 'src/').replace(/\*\*/g, 'example').replace(/\*/g, 'example');
    value = p.startsWith('//') ? p.slice(1) : p.startsWith('~/') ? join(process.env.HOME ?? '', p.slice(2)) : join(cwd, p.replace(/^\.?\//, ''));
  }
  const out = { ...base, [how.field]: value };
  return ifAccepts(rule, r.tool, out, cwd) ? out : base;
}
