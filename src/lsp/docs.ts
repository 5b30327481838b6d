import { catalog, EVENTS, HANDLER_TYPES, recommendedTimeout, type EventSpec, type HandlerType, type VersionRange } from '../model/catalog.js';
import { eventPage, rangeText } from '../model/event-docs.js';

/**
 * The Markdown the language server shows on hover and in completion items,
 * written from the event catalog (`schemas/events.json`): an event's page is
 * the `hooklint explain <Event>` text; handler types and fields get a page of
 * the same facts (required fields, defaults, version ranges), with a one-line
 * meaning per field taken from SPEC.md §2.
 */

/**
 * What each handler field means, one line each (SPEC.md §2.1, §2.2, §12.2).
 * Every field of `catalog.commonHandlerFields` and `catalog.handlerTypes[*].fields`
 * has an entry (test/lsp-features.test.ts fails when the catalog gains one
 * without it); a catalog `description` is shown after it.
 */
export const FIELD_MEANINGS: Readonly<Record<string, string>> = {
  type: 'Selects the kind of handler and the fields it takes: `command`, `http`, `mcp_tool`, `prompt` or `agent`.',
  timeout: 'Seconds Claude Code lets the handler run before cancelling it; a cancelled handler renders no decision.',
  if: 'One permission rule such as `Bash(git *)` or `Edit(*.ts)` (no `&&`, `||` or lists) that the tool call must match for the handler to run.',
  statusMessage: 'Text of the spinner shown while the handler runs.',
  once: 'Honoured only in skill frontmatter; ignored in settings files and in agent frontmatter.',
  command: 'Shell form: the string runs in a shell. With `args`: only the executable name or path.',
  args: 'Exec form: the arguments of `command`, each element exactly one argument, spawned without a shell; `${CLAUDE_PROJECT_DIR}`, `${CLAUDE_PLUGIN_ROOT}` and `${CLAUDE_PLUGIN_DATA}` are substituted as plain strings.',
  async: 'Run in the background: decision fields have no effect; `additionalContext` and `systemMessage` arrive on the next turn.',
  asyncRewake: 'Implies `async`; exit code 2 wakes Claude and shows stderr (or stdout) as a system reminder.',
  shell: 'The shell of shell form: `bash` (the default; `powershell` on Windows without Git Bash) or `powershell`. Ignored when `args` is set.',
  onFailure: 'What a handler that fails does: `continue` (the default) or `block`.',
  rewakeMessage: 'With `asyncRewake`: the text shown with the output when exit code 2 wakes Claude.',
  rewakeSummary: 'With `asyncRewake`: a one-line summary of the wake-up.',
  holdsTools: 'An internal key of Claude Code\'s settings schema; its value is not documented.',
  cloud: 'An internal key of Claude Code\'s settings schema: `device` or `skip`.',
  url: 'The endpoint the event\'s input JSON is POSTed to (`Content-Type: application/json`); it must be a valid URL.',
  headers: 'Request headers (string to string); values may use `$VAR` or `${VAR}` only for variables listed in `allowedEnvVars`, others become empty.',
  allowedEnvVars: 'The environment variables `headers` may interpolate, intersected with the `httpHookAllowedEnvVars` setting.',
  server: 'The name of a configured MCP server that is already connected (`plugin:<plugin>:<server>` for a plugin\'s server); the hook never connects or starts OAuth.',
  tool: 'The name of the tool to call on that server.',
  input: 'The tool\'s arguments; string values may use `${path}` substitution from the input JSON, e.g. `${tool_input.file_path}`.',
  prompt: 'The prompt for the model; `$ARGUMENTS` is replaced with the input JSON (appended when absent), `\\$` escapes a dollar sign.',
  model: 'The model that evaluates the prompt (a fast model by default).',
  continueOnBlock: 'On `"ok": false`, feed the reason back to Claude instead of ending the turn (default false).',
};

const code = (s: string) => `\`${s}\``;

/** A JSON Schema fragment's type in words: `string`, `boolean`, `"bash" | "powershell"`, `string[]`, `any`. */
export function schemaTypeText(fragment: object): string {
  const f = fragment as { type?: string | string[]; enum?: unknown[]; const?: unknown; items?: { type?: string } };
  if (f.const !== undefined) return JSON.stringify(f.const);
  if (f.enum) return f.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (f.type === 'array' && f.items?.type) return `${f.items.type}[]`;
  if (Array.isArray(f.type)) return f.type.join(' | ');
  return f.type ?? 'any';
}

/** The schema fragment of a field on a handler type (its own fields first, then the common ones), or undefined. */
function fieldFragment(type: HandlerType, field: string): object | undefined {
  return (catalog.handlerTypes[type].fields as Record<string, object>)[field] ?? (catalog.commonHandlerFields as Record<string, object>)[field];
}

/** The default timeout (seconds) of a handler of `type` on `event`: the type's own for prompt and agent, else the event's. */
function defaultTimeout(type: HandlerType, event: EventSpec | undefined): number {
  const own = catalog.handlerTypes[type];
  if (type === 'prompt' || type === 'agent' || !event) return own.defaultTimeout;
  return event.defaultTimeout;
}

const range = (r: VersionRange | undefined) => (r ? ` (${rangeText(r)}: ${r.source})` : '');

/**
 * The hover page of a handler field: its type, on which handler types it is
 * valid and required, what it means, and, with the handler's `type` and event
 * at hand, what applies there (the default timeout, whether `if` is
 * evaluated, a field the type does not take). Undefined for a key that is no
 * handler field of any type.
 */
export function fieldPage(field: string, type: string | undefined, eventName: string | undefined): string | undefined {
  const types = HANDLER_TYPES.filter((t) => fieldFragment(t, field) !== undefined);
  if (types.length === 0) return undefined;
  const known = HANDLER_TYPES.includes(type as HandlerType) ? (type as HandlerType) : undefined;
  const fragment = fieldFragment(known && types.includes(known) ? known : types[0]!, field)!;
  const common = field in catalog.commonHandlerFields;
  const requiredBy = types.filter((t) => field === 'type' || catalog.handlerTypes[t].required.includes(field));
  const out = [`**${code(field)}** (${schemaTypeText(fragment)}): handler field`, ''];
  const meaning = FIELD_MEANINGS[field];
  if (meaning) out.push(meaning, '');
  const description = (fragment as { description?: string }).description;
  if (description) out.push(`${description[0]!.toUpperCase()}${description.slice(1)}.`, '');
  const facts: string[] = [];
  facts.push(common ? 'On every handler type' : `On ${types.map(code).join(', ')} handlers`);
  if (requiredBy.length) facts.push(`required on ${requiredBy.length === HANDLER_TYPES.length ? 'every type' : requiredBy.map(code).join(', ')}`);
  for (const t of types) {
    const r = catalog.handlerTypes[t].fieldRanges?.[field];
    if (r) facts.push(`${code(t)}: ${rangeText(r)} (${r.source})`);
  }
  out.push(`- ${facts.join('; ')}`);
  const event = eventName ? EVENTS.get(eventName) : undefined;
  if (known && !types.includes(known)) out.push(`- Not a field of a ${code(known)} handler (\`unknown-handler-key\` reports it)`);
  if (field === 'timeout' && known) {
    const rec = event ? recommendedTimeout(event, known) : catalog.handlerTypes[known].recommendedTimeout;
    out.push(`- Here (${code(known)}${event ? ` on ${event.name}` : ''}): default ${defaultTimeout(known, event)} s${rec !== undefined ? `, recommended ${rec} s` : ''}`);
  }
  if (field === 'if') {
    const evaluated = catalog.events.filter((e) => e.ifEvaluated).map((e) => e.name);
    out.push(`- Evaluated only on ${evaluated.map(code).join(', ')}; on any other event a handler with \`if\` never runs${event ? ` (${event.name}: ${event.ifEvaluated ? 'evaluated' : 'never runs'})` : ''}`);
  }
  if (field === 'onFailure' && event && known && event.onFailureIgnored.includes(known)) out.push(`- Ignored on ${event.name} for ${code(known)} handlers`);
  if (field === 'model' && known) out.push(`- Aliases such as \`haiku\` accepted${range(catalog.handlerTypes[known].modelAliases)}`);
  return out.join('\n') + '\n';
}

/** The hover page of a handler type: its fields (required first), default timeout, the events that run it, and its notes. */
export function handlerTypePage(type: string): string | undefined {
  if (!HANDLER_TYPES.includes(type as HandlerType)) return undefined;
  const t = type as HandlerType;
  const spec = catalog.handlerTypes[t];
  const fields = { ...catalog.commonHandlerFields, ...spec.fields } as Record<string, object>;
  const names = Object.keys(fields).filter((f) => f !== 'type');
  const required = names.filter((f) => spec.required.includes(f));
  const optional = names.filter((f) => !spec.required.includes(f) && !spec.internalFields?.includes(f));
  const runs = catalog.events.filter((e) => e.handlerTypes.includes(t)).map((e) => e.name);
  const out = [`**${code(`"type": "${t}"`)}**: a ${t} handler${spec.since ? ` (since ${spec.since})` : ''}`, ''];
  out.push(`- **Required:** ${required.map((f) => `${code(f)} (${schemaTypeText(fields[f]!)})`).join(', ')}`);
  out.push(`- **Optional:** ${optional.map((f) => `${code(f)} (${schemaTypeText(fields[f]!)})`).join(', ')}`);
  if (spec.internalFields?.length) out.push(`- **Internal (valid, undocumented):** ${spec.internalFields.map(code).join(', ')}`);
  out.push(`- **Default timeout:** ${t === 'prompt' || t === 'agent' ? `${spec.defaultTimeout} s` : `${spec.defaultTimeout} s (shorter on some events: hover an event name)`}`);
  out.push(`- **Runs on:** ${runs.length === catalog.events.length ? 'every event' : `${runs.length} of ${catalog.events.length} events: ${runs.map(code).join(', ')}`}`);
  if (spec.notes) out.push('', spec.notes);
  return out.join('\n') + '\n';
}

/**
 * The hover page of a matcher on `eventName`: how Claude Code evaluates a
 * matcher string (SPEC.md §3), then the event's matcher line of its page
 * (the field it filters on and its known values), or that the event has none.
 */
export function matcherPage(eventName: string | undefined): string {
  const out = ['**`matcher`**: filters the group\'s handlers on one field of the event\'s input', ''];
  out.push('`"*"`, `""` or no matcher match everything; only `[A-Za-z0-9_]`, `-`, space, `,` and `|` make an exact name or a list of exact names; any other character makes an unanchored JavaScript regular expression. Matching is case-sensitive.', '');
  const event = eventName ? EVENTS.get(eventName) : undefined;
  if (event) {
    const lines = eventPage(event).split('\n');
    const start = lines.findIndex((l) => l.startsWith('- **Matcher:**'));
    let end = start + 1;
    while (end < lines.length && lines[end]!.startsWith('  - ')) end++;
    if (start >= 0) out.push(`On **${event.name}**:`, '', ...lines.slice(start, end));
  }
  return out.join('\n') + '\n';
}
