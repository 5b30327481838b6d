import type { Node } from 'jsonc-parser';
import { keyOf, properties } from '../core/parse.js';
import { defineRule } from './rule.js';

/** RULES.md §1 `no-duplicate-keys`: JSON.parse keeps the last value, so the hooks under the earlier key are lost. */
export default defineRule({
  meta: {
    id: 'no-duplicate-keys',
    type: 'problem',
    severity: 'error',
    section: 1,
    description: 'The same key twice in one object: the last one silently wins',
    messages: { duplicate: 'duplicate key "{{key}}": the later value at line {{line}} replaces this one, so everything under this key is lost' },
  },
  check(ctx) {
    const stack: Node[] = ctx.doc.root ? [ctx.doc.root] : [];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === 'object') {
        const last = new Map<string, Node>();
        for (const p of properties(node)) last.set(keyOf(p), p);
        for (const p of properties(node)) {
          const winner = last.get(keyOf(p))!;
          if (winner !== p) ctx.report({ messageId: 'duplicate', data: { key: keyOf(p), line: ctx.lines.position(winner.offset).line }, node: p.children![0]! });
        }
      }
      for (const c of node.children ?? []) stack.push(c);
    }
  },
});
