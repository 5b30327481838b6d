import { findProperty } from '../formats/parse.js';
import { defineRule } from './rule.js';
import { isTrue } from './util.js';

/**
 * SPEC.md §12.2: the command-handler keys `rewakeMessage` and `rewakeSummary`
 * (used by Anthropic's own security-guidance plugin) shape the message shown
 * when an `asyncRewake` hook's exit 2 wakes Claude; without
 * `"asyncRewake": true` nothing wakes Claude and they have no effect.
 */
export default defineRule({
  meta: {
    id: 'rewake-ignored',
    type: 'problem',
    severity: 'warning',
    section: 3,
    description: '"rewakeMessage" or "rewakeSummary" without "asyncRewake": true (no effect)',
    messages: {
      ignored: '"{{key}}" takes effect only with "asyncRewake": true; {{where}}this hook never wakes Claude, so it is not used',
    },
  },
  check(ctx) {
    for (const h of ctx.model.handlers) {
      if (h.type !== 'command' || isTrue(h, 'asyncRewake')) continue;
      for (const key of ['rewakeMessage', 'rewakeSummary']) {
        const p = findProperty(h.node, key);
        if (p) ctx.report({ messageId: 'ignored', data: { key }, node: p.children![0]!, note: 'add "asyncRewake": true if exit code 2 should wake Claude, or remove the key' });
      }
    }
  },
});
