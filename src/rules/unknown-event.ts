import { catalog, EVENT_NAMES } from '../model/catalog.js';
import { closest } from '../model/suggest.js';
import { defineRule } from './rule.js';

/**
 * RULES.md §2 `unknown-event`; SPEC.md §1.1: event names are case-sensitive
 * PascalCase, and the catalog lists them all (SPEC.md §13.1). Claude Code skips an unknown event (v2.1.101+;
 * older versions dropped the whole file, SPEC.md §8.1).
 * Safe fix when only letter case differs; otherwise a suggestion. Never a
 * fix onto a name another key of the event map already has or could get
 * (`PreToolUse` beside `pretooluse`, or `pretooluse` beside `PRETOOLUSE`): the
 * later key wins, so a rename there would silently drop the other key's hooks
 * (issue 23). Merging the two arrays by hand is the user's call: a suggestion.
 */
export default defineRule({
  meta: {
    id: 'unknown-event',
    type: 'problem',
    severity: 'error',
    section: 2,
    fixable: 'safe',
    description: `An event name that is not one of the ${EVENT_NAMES.length} Claude Code hook events (${catalog.newestVersion})`,
    messages: {
      unknown: 'unknown hook event "{{name}}": {{where}}its hooks never run',
      didYouMean: 'unknown hook event "{{name}}"; did you mean "{{suggestion}}"? Event names are case-sensitive',
    },
  },
  check(ctx) {
    // How many keys of the event map fold to each lower-cased name.
    const folded = new Map<string, number>();
    for (const e of ctx.model.events) folded.set(e.name.toLowerCase(), (folded.get(e.name.toLowerCase()) ?? 0) + 1);
    for (const e of ctx.model.events) {
      if (e.spec) continue;
      const suggestion = closest(e.name, EVENT_NAMES);
      const key = e.keyNode;
      if (!suggestion) {
        ctx.report({ messageId: 'unknown', data: { name: e.name }, node: key });
        continue;
      }
      const edit = { range: [key.offset, key.offset + key.length] as [number, number], text: JSON.stringify(suggestion) };
      // Another key already named (or about to be renamed) like the suggestion: a suggestion, which says so.
      const taken = (folded.get(suggestion.toLowerCase()) ?? 0) > (suggestion.toLowerCase() === e.name.toLowerCase() ? 1 : 0);
      const caseOnly = suggestion.toLowerCase() === e.name.toLowerCase() && !taken;
      const title = taken ? `rename to "${suggestion}" (another key is already named so: merge their matcher groups into one key)` : `rename to "${suggestion}"`;
      ctx.report({
        messageId: 'didYouMean',
        data: { name: e.name, suggestion },
        node: key,
        ...(caseOnly ? { fix: { safety: 'safe' as const, title, edits: [edit] } } : { suggestions: [{ title, edits: [edit] }] }),
      });
    }
  },
});
