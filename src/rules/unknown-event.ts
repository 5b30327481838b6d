import { catalog, EVENT_NAMES } from '../model/catalog.js';
import { closest } from '../model/suggest.js';
import { defineRule } from './rule.js';

/**
 * RULES.md §2 `unknown-event`; SPEC.md §1.1: event names are case-sensitive
 * PascalCase, and the catalog lists them all (SPEC.md §13.1). Claude Code skips an unknown event (v2.1.101+;
 * older versions dropped the whole file, SPEC.md §8.1).
 * Safe fix when only letter case differs; otherwise a suggestion.
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
    for (const e of ctx.model.events) {
      if (e.spec) continue;
      const suggestion = closest(e.name, EVENT_NAMES);
      const key = e.keyNode;
      if (!suggestion) {
        ctx.report({ messageId: 'unknown', data: { name: e.name }, node: key });
        continue;
      }
      const edit = { range: [key.offset, key.offset + key.length] as [number, number], text: JSON.stringify(suggestion) };
      const caseOnly = suggestion.toLowerCase() === e.name.toLowerCase();
      const title = `rename to "${suggestion}"`;
      ctx.report({
        messageId: 'didYouMean',
        data: { name: e.name, suggestion },
        node: key,
        ...(caseOnly ? { fix: { safety: 'safe' as const, title, edits: [edit] } } : { suggestions: [{ title, edits: [edit] }] }),
      });
    }
  },
});
