import { field } from '../model/model.js';
import { defineRule } from './rule.js';

/** True for loopback hosts (`localhost`, `*.localhost`, 127.0.0.0/8, ::1). */
export function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * RULES.md §3 `http-insecure-url`; SPEC.md §2.2: an http hook POSTs the whole
 * event JSON (prompts, tool input, file contents) to its URL; over plain
 * http to another host that travels unencrypted.
 */
export default defineRule({
  meta: {
    id: 'http-insecure-url',
    type: 'suggestion',
    severity: 'warning',
    section: 3,
    description: 'An http:// hook URL to a host other than localhost',
    messages: {
      insecure: 'the hook POSTs every event (prompts, tool input, file contents) to {{host}} over unencrypted http; use https',
    },
  },
  check(ctx) {
    for (const h of ctx.model.handlers) {
      if (h.type !== 'http' || h.group.flat) continue;
      const node = field(h, 'url');
      if (node?.type !== 'string') continue;
      if ((node.value as string).includes('$')) continue;
      let url: URL;
      try {
        url = new URL(node.value as string);
      } catch {
        continue;
      }
      if (url.protocol === 'http:' && !isLoopback(url.hostname)) ctx.report({ messageId: 'insecure', data: { host: url.host }, node });
    }
  },
});
