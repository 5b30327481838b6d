import { treeValue as getNodeValue } from '../formats/parse.js';
import { catalog } from '../model/catalog.js';
import type { GroupEntry } from '../model/model.js';
import { spanInString } from '../formats/parse.js';
import { defineRule } from './rule.js';
import { matchersOf } from './util.js';
import { mayReach } from '../model/version.js';
import { targetOf } from './version-util.js';

/** The build's removed tool names (SPEC.md §13.4). */
const REMOVED = new Set(catalog.removedToolNames.names);

/** The handlers of a group as plain JSON text, to compare groups (undefined when `hooks` is not an array). */
function handlersText(g: GroupEntry): string | undefined {
  return g.hooks?.type === 'array' ? JSON.stringify(getNodeValue(g.hooks)) : undefined;
}

/**
 * RULES.md §4 `legacy-tool-name`; SPEC.md §2.4: `Task` was renamed `Agent` in
 * v2.1.63 and a `Task` matcher no longer fires (the payload says `Agent`);
 * `MultiEdit` is legacy and probably never fires [uncertain: warning only];
 * the build's removed tools (SPEC.md §13.4: `TeamCreate`, `TeamDelete`,
 * `BashOutput`, ...; catalog `removedToolNames`) no longer exist, so a matcher
 * naming only them never fires (not "did you mean TaskCreate").
 *
 * Reported only for a matcher that can no longer match anything: every name of
 * its exact list is legacy. A legacy name beside a live one (`Edit|MultiEdit|Write`)
 * still fires for the live ones, and real configs keep such names on purpose
 * for older CLIs; so does a `Task` group kept beside an `Agent` group with the
 * same handlers (support for CLIs before 2.1.63): neither is reported. The safe
 * fix renames `Task` to `Agent`.
 */
export default defineRule({
  meta: {
    id: 'legacy-tool-name',
    type: 'problem',
    severity: 'warning',
    section: 4,
    fixable: 'safe',
    description: 'A matcher that names only legacy or removed tools (Task, renamed Agent in 2.1.63; MultiEdit; TeamCreate, BashOutput, ...): it no longer fires',
    messages: {
      renamed: '"{{value}}" was renamed "{{now}}" (Claude Code 2.1.63): {{where}}this matcher no longer fires',
      legacy: '"{{value}}" is a legacy tool that current Claude Code no longer calls: {{where}}this matcher probably never fires',
      removed: '"{{value}}" was removed in Claude Code {{until}}: {{where}}this matcher no longer fires',
      gone: '"{{value}}" is a tool current Claude Code has removed: {{where}}this matcher no longer fires',
    },
  },
  check(ctx) {
    for (const { ev, g, m, e } of matchersOf(ctx, 'tool')) {
      if (e.kind !== 'exact' || e.items.length === 0) continue;
      const target = targetOf(ctx);
      // Legacy for the target: `Task` from 2.1.63, `TaskOutput` from 2.1.277; `MultiEdit` always.
      const legacy = (name: string) => Object.hasOwn(catalog.legacyToolNames, name) && (!catalog.toolNameRanges[name]?.until || mayReach(target, catalog.toolNameRanges[name]!.until!));
      if (!e.items.every((i) => legacy(i.value))) continue;
      const names = new Set(e.items.map((i) => i.value));
      const mine = handlersText(g);
      // A sibling group that matches the new names and runs the same handlers: kept for older CLIs.
      const backCompat = ev.groups.some((other) => {
        if (other === g || handlersText(other) !== mine) return false;
        const om = matchersOf(ctx, 'tool').find((x) => x.g === other);
        if (!om || om.e.kind !== 'exact') return false;
        const theirs = new Set(om.e.items.map((i) => i.value));
        return e.items.some((i) => {
          const now = catalog.legacyToolNames[i.value];
          return now !== null && now !== undefined && theirs.has(now);
        });
      });
      if (backCompat) continue;
      for (const item of e.items) {
        const now = catalog.legacyToolNames[item.value];
        const span = spanInString(ctx.doc.text, m.node, item.offset, item.offset + item.value.length);
        // Renaming to a name already in the list would duplicate it: report without a fix.
        const fix = now && !names.has(now) ? { safety: 'safe' as const, title: `replace "${item.value}" with "${now}"`, edits: [{ range: [span.offset, span.offset + span.length] as [number, number], text: now }] } : undefined;
        const until = catalog.toolNameRanges[item.value]?.until;
        const messageId = now ? 'renamed' : until ? 'removed' : REMOVED.has(item.value) ? 'gone' : 'legacy';
        ctx.report({ messageId, data: { value: item.value, now: now ?? '', until: until ?? '' }, span, ...(fix ? { fix } : {}), ...(messageId === 'legacy' ? { note: 'match "Edit" instead' } : {}) });
      }
    }
  },
});
