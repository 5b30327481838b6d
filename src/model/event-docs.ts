import { catalog, eventDetails, EVENTS, recommendedTimeout, type EventSpec, type FieldType, type VersionRange } from './catalog.js';

/**
 * The documentation of the hook events, written from the event catalog (the one
 * source of truth): `hooklint explain <EventName>` prints one page,
 * `docs/events.md` holds them all (`npm run docs:update`; the docs test fails
 * when it is stale), and editors show a page on hover.
 */

/** A field type as the pages write it: `string`, `boolean`, `"allow" | "deny"`, ... */
export function typeText(t: FieldType): string {
  if ('enum' in t) return t.enum.map((v) => JSON.stringify(v)).join(' | ');
  return t.properties ? `${t.type} { ${Object.entries(t.properties).map(([k, v]) => `${k}: ${typeText(v)}`).join(', ')} }` : t.type;
}

/** A version range in words: `since 2.1.214`, `until 2.1.234`, `2.1.101 to 2.1.331`. */
export function rangeText(r: VersionRange): string {
  if (r.since && r.until) return `${r.since} to before ${r.until}`;
  if (r.since) return `since ${r.since}`;
  if (r.until) return `before ${r.until}`;
  return 'all versions';
}

const code = (s: string) => `\`${s}\``;

/** The Markdown page of one event (`## Name` and its sections). */
export function eventPage(spec: EventSpec): string {
  const e = eventDetails(spec);
  const out: string[] = [`## ${e.name}`, '', `${e.description}.`, ''];
  const facts: string[] = [];
  facts.push(`**Added in:** ${e.since ?? 'not stated in the changelog'} (${e.sinceSource})`);
  if (e.matcher) {
    const m = e.matcher;
    const values = m.vocabulary === 'tools' ? 'the built-in tool names (`hooklint explain` lists them under Tools), and `mcp__<server>__<tool>`' : m.knownValues.length ? m.knownValues.map(code).join(', ') : 'any value';
    facts.push(`**Matcher:** filters on ${code(m.field)}: ${values}${m.openVocabulary && m.vocabulary !== 'tools' ? ' (other values are valid too)' : ''}`);
    for (const [v, r] of Object.entries(m.valueRanges ?? {})) facts.push(`  - ${code(v)}: ${rangeText(r)} (${r.source})`);
    for (const [v, r] of Object.entries(m.removedValues ?? {})) facts.push(`  - ${code(v)}: ${rangeText(r)} (${r.source})`);
    if (m.exactSet === 'narrow') facts.push('  - exact names use only `[A-Za-z0-9_|]` here, separated by `|`; anything else is a regular expression');
    if (m.notes) facts.push(`  - ${m.notes}`);
  } else facts.push('**Matcher:** none: a matcher here is ignored and the hooks run every time');
  facts.push(`**Blocking:** ${e.nonZeroExitFails ? 'any non-zero exit fails the action' : e.canBlock ? 'exit code 2 blocks (stderr is the reason)' : e.output?.ignored ? 'no: output and exit codes are ignored' : 'cannot block with exit code 2'}`);
  const o = e.output;
  const outputs: string[] = [];
  if (o.decisionBlock) outputs.push('`"decision": "block"` with `reason`');
  if (o.deprecatedDecision) outputs.push(`deprecated top-level \`decision\` (${o.deprecatedDecision.map(code).join(', ')})`);
  const hso = Object.entries(o.hookSpecificOutput);
  if (hso.length) outputs.push(`\`hookSpecificOutput\` (with \`"hookEventName": "${e.name}"\`): ${hso.map(([k, t]) => `${code(k)} (${typeText(t)})`).join(', ')}`);
  if (o.stdoutContext) outputs.push('plain stdout on exit 0 is added to the context');
  if (o.stdoutPath) outputs.push('a command hook prints the worktree path on stdout');
  if (o.stdoutCompactInstructions) outputs.push('plain stdout on exit 0 becomes custom compact instructions (not context)');
  if (o.ignored) outputs.push(`ignored entirely${'terminalSequence' in catalog.universalOutput && e.name === 'Notification' ? ' but for `terminalSequence`' : ''} (fire-and-forget)`);
  for (const [f, r] of Object.entries(o.fieldRanges ?? {})) outputs.push(`${code(f)} from ${r.handlerTypes.map(code).join(', ')} hooks ${rangeText(r)} (${r.source})`);
  if (!o.systemMessage) outputs.push('`systemMessage` is discarded');
  if (!o.continue) outputs.push('`continue: false` is ignored');
  if (e.unsupportedHandlerTypesBlock?.length) outputs.push(`a ${e.unsupportedHandlerTypesBlock.map(code).join(' or ')} handler fails as a blocking error: it blocks every action it matches`);
  facts.push(`**Output:** ${outputs.length ? outputs.join('; ') : 'nothing the event reads beyond the common fields'}`);
  const ranges = Object.entries(e.handlerTypeRanges ?? {}).map(([t, r]) => `${code(t)} ${rangeText(r!)}`);
  facts.push(`**Handler types:** ${e.handlerTypes.map(code).join(', ')}${ranges.length ? ` (also ${ranges.join(', ')})` : ''}`);
  facts.push(`**\`if\`:** ${e.ifEvaluated ? 'evaluated' : 'not evaluated: a handler with `if` never runs here'}`);
  facts.push(`**Timeouts:** default ${e.defaultTimeout} s for command, http and mcp_tool (prompt 30 s, agent 60 s); recommended ${recommendedTimeout(e, 'command')} s`);
  if (e.onFailureIgnored.length) facts.push(`**\`onFailure\`:** ignored on this event for ${e.onFailureIgnored.map(code).join(', ')}`);
  if (e.guard) facts.push('**Guard event:** an invalid entry under it leaves the whole file unapplied (2.1.332+); elsewhere the entry alone is dropped');
  if (e.envFile) facts.push('**Environment:** `CLAUDE_ENV_FILE` is set (append `export` lines to it)');
  out.push(...facts.map((f) => (f.startsWith('  - ') ? f : `- ${f}`)), '');
  const input = Object.entries(e.input);
  if (input.length) out.push(`**Input (stdin JSON):** ${input.map(([k, t]) => `${code(k)} (${typeText(t)})`).join(', ')}`, '');
  if (e.notes) out.push(e.notes, '');
  out.push(`Source: ${e.source}.`, '');
  return out.join('\n');
}

/** `docs/events.md`: every event's page, with an index and the tool list. */
export function eventsDocument(): string {
  const out = [
    '# Claude Code hook events',
    '',
    `<!-- Generated from schemas/events.json by npm run docs:update; do not edit. -->`,
    '',
    `The ${catalog.events.length} events of Claude Code ${catalog.newestVersion} (${catalog.newestVersionSource}), as hooklint's catalog has them. \`hooklint explain <EventName>\` prints one of these pages.`,
    '',
    catalog.events.map((e) => `[${e.name}](#${e.name.toLowerCase()})`).join(' · '),
    '',
  ];
  for (const e of catalog.events) out.push(eventPage(e));
  out.push('## Tools', '', `Built-in tool names (a tool event's matcher values): ${catalog.toolNames.map(code).join(', ')}.`, '');
  const legacy = Object.entries(catalog.legacyToolNames).map(([n, now]) => `${code(n)}${now ? ` (renamed ${code(now)})` : ''}${catalog.toolNameRanges[n] ? `: ${rangeText(catalog.toolNameRanges[n]!)}` : ''}`);
  out.push(`Legacy names: ${legacy.join(', ')}.`, '');
  out.push(`Removed tools (${catalog.removedToolNames.source}): ${catalog.removedToolNames.names.map(code).join(', ')}.`, '');
  return out.join('\n');
}

/** The page of an event by its exact name, or undefined. */
export function explainEvent(name: string): string | undefined {
  const e = EVENTS.get(name);
  return e ? `# ${e.name}\n\n${eventPage(e).split('\n').slice(2).join('\n')}\nhooklint's catalog: Claude Code up to ${catalog.newestVersion}.\n` : undefined;
}
