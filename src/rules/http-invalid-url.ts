import { field } from '../model/model.js';
import { stringValue } from '../formats/parse.js';
import { defineRule } from './rule.js';

/**
 * SPEC.md §12.2: an http hook's `url` is validated as a URL, and an invalid
 * URL fails the entry (under a guard event the whole file, §12.6). A URL must
 * parse (WHATWG `URL`; the scheme is not checked [uncertain]); placeholders are not expanded
 * in `url` (only `headers` interpolate variables), so `http://localhost:$PORT`
 * is invalid too. Reported with the structural errors (RULES.md §1), so the
 * first one carries the blast radius.
 */
export default defineRule({
  meta: {
    id: 'http-invalid-url',
    type: 'problem',
    severity: 'error',
    section: 1,
    description: 'An http hook "url" that is not a valid URL (the entry fails to load)',
    messages: {
      invalid: '"url" {{url}} is not a valid URL: {{where}}Claude Code rejects this hook entry',
    },
  },
  check(ctx) {
    for (const h of ctx.model.handlers) {
      if (h.type !== 'http') continue;
      const node = field(h, 'url');
      const url = stringValue(node);
      if (node === undefined || url === undefined || url === '') continue; // missing or empty: the schema rule
      let parsed: URL | undefined;
      try {
        parsed = new URL(url);
      } catch {
        parsed = undefined;
      }
      const shown = JSON.stringify(url.length > 80 ? url.slice(0, 77) + '...' : url);
      if (!parsed) ctx.report({ messageId: 'invalid', data: { url: shown }, node, ...(/\$\{?\w/.test(url) ? { note: 'variables are expanded only in "headers" (with "allowedEnvVars"), never in "url"' } : {}) });
    }
  },
});
