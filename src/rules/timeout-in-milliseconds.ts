import { field } from '../model/model.js';
import { defineRule } from './rule.js';
import { humanSeconds } from './util.js';

/**
 * True for a timeout that reads as milliseconds: 1000 or more and either a
 * multiple of 500 (5000, 1500, 30000) or 10000 and above. Round values in
 * seconds such as 1200, 1800 or 3600 (20 min, 30 min, 1 hour) are taken as
 * meant (a long test gate), and so is every whole number of hours (a multiple
 * of 3600: 7200, 36000, 86400, 259200 for a multi-day job): no finding, and no
 * fix that would turn a deliberate long timeout into minutes.
 */
export function looksLikeMilliseconds(value: number): boolean {
  // A literal too large for a double (1e999) reads as Infinity: no unit mistake, and no number to write back.
  if (!Number.isFinite(value) || value < 1000 || value % 3600 === 0) return false;
  return value % 500 === 0 || value >= 10000;
}

/**
 * RULES.md §3 `timeout-in-milliseconds`; SPEC.md §2.3, §9 #1: `timeout` is in
 * seconds everywhere in configuration, so 5000 means 83 minutes. Values that
 * read as milliseconds (see `looksLikeMilliseconds`) are reported; the unsafe fix divides by 1000.
 */
export default defineRule({
  meta: {
    id: 'timeout-in-milliseconds',
    type: 'problem',
    severity: 'warning',
    section: 3,
    fixable: 'unsafe',
    description: 'A timeout written in milliseconds (5000 means 83 minutes: the unit is seconds)',
    messages: {
      millis: '"timeout": {{value}} is in seconds, so {{where}}this hook may run for {{human}}; for {{seconds}} seconds write {{seconds}}',
    },
  },
  check(ctx) {
    for (const h of ctx.model.handlers) {
      const node = field(h, 'timeout');
      if (node?.type !== 'number' || typeof node.value !== 'number' || !looksLikeMilliseconds(node.value)) continue;
      const seconds = node.value / 1000;
      ctx.report({
        messageId: 'millis',
        data: { value: node.value, human: humanSeconds(node.value), seconds },
        node,
        fix: { safety: 'unsafe', title: `replace ${node.value} with ${seconds}`, edits: [{ range: [node.offset, node.offset + node.length], text: String(seconds) }] },
      });
    }
  },
});
