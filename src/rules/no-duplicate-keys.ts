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
        const props = properties(node);
        // The last property with the same key wins. Most objects are small: compare
        // pairwise there, and build a map only for large ones (linear, not quadratic).
        let last: Map<string, Node> | undefined;
        if (props.length > 16) {
          last = new Map();
          for (const p of props) last.set(keyOf(p), p);
        }
        for (let i = 0; i < props.length; i++) {
          const key = keyOf(props[i]!);
          let winner: Node | undefined;
          if (last) winner = last.get(key) === props[i] ? undefined : last.get(key);
          else for (let j = props.length - 1; j > i && !winner; j--) if (keyOf(props[j]!) === key) winner = props[j];
          if (winner) ctx.report({ messageId: 'duplicate', data: { key, line: ctx.lines.position(winner.offset).line }, node: props[i]!.children![0]! });
        }
      }
      for (const c of node.children ?? []) stack.push(c);
    }
  },
});
