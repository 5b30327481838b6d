import { inputReads } from '../analysis/script-reads.js';
import { scriptLanguage, scriptsOf, scriptText, type ResolvedScript } from '../analysis/scripts.js';
import { eventDetails } from '../model/catalog.js';
import { closest } from '../model/suggest.js';
import type { HandlerEntry } from '../model/model.js';
import { defineRule } from './rule.js';
import { wordLocation } from './util.js';

/**
 * Beyond RULES.md (issue 25; SPEC.md §5, the catalog's input tables): a script
 * that reads a field of the hook input that none of the events it runs on
 * sends (a Stop hook reading `tool_name`, a TaskCompleted hook reading
 * `task_name`): the value is always missing, so the branch that depends on it
 * never runs. Judged per script over every handler of the file that runs it,
 * so a dispatcher registered on PreToolUse and Stop may read `tool_name`.
 * Only direct reads of the parsed input by a literal name count
 * (`analysis/script-reads.ts` `inputReads`), and not one that is the
 * alternative of another read (`data.get("tool_name", data.get("tool"))`,
 * `input.a ?? input.b`: a deliberate fallback); a script run by a handler of an
 * unknown event is skipped. Reported once per handler and script, naming the
 * fields. A read of a field that every such event still sends but marks
 * deprecated in the catalog (`team_name` on TaskCreated, TaskCompleted and
 * TeammateIdle) is reported too, on its own.
 */
export default defineRule({
  meta: {
    id: 'input-field-missing',
    type: 'problem',
    severity: 'warning',
    section: 6,
    needsHost: true,
    description: 'A script reading an input field its event never sends (a Stop hook reading tool_name), or one it sends only as deprecated (team_name)',
    messages: {
      missing: 'script "{{script}}" reads {{fields}} from the hook input (line {{line}}), which {{events}} never {{sends}}: {{where}}the value is always missing',
      deprecated: 'script "{{script}}" reads "{{field}}" from the hook input (line {{line}}), which is deprecated on {{events}}: {{where}}when Claude Code stops sending it, the value is missing',
    },
  },
  check(ctx) {
    // Every handler of this file that runs each script: its reads are judged against all their events.
    const byScript = new Map<string, { h: HandlerEntry; s: ResolvedScript }[]>();
    for (const h of ctx.model.handlers)
      for (const s of scriptsOf(h, ctx.options)) {
        const list = byScript.get(s.absolute) ?? [];
        if (!list.some((x) => x.h === h)) list.push({ h, s });
        byScript.set(s.absolute, list);
      }
    for (const [path, runs] of byScript) {
      if (runs.some(({ h }) => !h.event.spec)) continue;
      const text = scriptText(ctx.options, path);
      if (text === undefined) continue;
      const reads = inputReads(text, scriptLanguage(runs[0]!.s, text));
      if (reads.length === 0) continue;
      // The input tables are left out of the check program's catalog: read them only now.
      const inputs = runs.map(({ h }) => eventDetails(h.event.spec!).input);
      if (inputs.some((i) => !i)) continue;
      const sent = new Set(inputs.flatMap((i) => Object.keys(i)));
      const missing = new Map<string, number>();
      // A read that is the alternative of another (`data.get("tool_name", data.get("tool"))`) is a deliberate fallback.
      for (const r of reads) if (!r.fallback && !sent.has(r.name) && !missing.has(r.name)) missing.set(r.name, r.line);
      const events = [...new Set(runs.map(({ h }) => h.event.spec!.name))];
      // A field every event that runs the script marks deprecated (SPEC.md §12.3: team_name): a warning of its own.
      const old = reads.find((r) => !r.fallback && inputs.every((i) => i![r.name]?.deprecated === true));
      if (old)
        for (const { h, s } of runs) {
          if (runs.find((r) => r.h === h)!.s !== s) continue;
          ctx.report({
            messageId: 'deprecated',
            data: { script: s.written, field: old.name, line: old.line, events: events.join(' and ') },
            ...wordLocation(ctx, s.node, s.word),
            note: 'plan a replacement before the field goes (SPEC.md §12.3); until then, handle its absence explicitly',
          });
        }
      if (missing.size === 0) continue;
      const names = [...missing.keys()];
      // `transcript` for `transcript_path`: a sent field that extends the name is the likelier meaning.
      const hint = names.map((n) => [...sent].sort().find((f) => f.startsWith(`${n}_`)) ?? closest(n, [...sent])).find((x) => x !== undefined);
      for (const { h, s } of runs) {
        if (runs.find((r) => r.h === h)!.s !== s) continue;
        ctx.report({
          messageId: 'missing',
          data: { script: s.written, fields: names.map((n) => `"${n}"`).join(', '), line: Math.min(...missing.values()), events: events.join(' and '), sends: events.length > 1 ? 'send' : 'sends' },
          ...wordLocation(ctx, s.node, s.word),
          note: `${events.join(' and ')} input: ${[...sent].sort().join(', ')}${hint ? `; did you mean "${hint}"?` : ''}`,
        });
      }
    }
  },
});
