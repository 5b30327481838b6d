import type { TreeNode as Node } from '../formats/parse.js';
import { keyOf, properties, propertyValue } from '../formats/parse.js';
import { defineRule } from './rule.js';

/**
 * RULES.md §1 `no-duplicate-keys`: JSON.parse keeps the last value, so the hooks under the earlier key are lost.
 * In frontmatter (YAML, where a repeated key is invalid, and a parser either keeps the last value or
 * rejects the frontmatter: the hooks are lost either way) only `hooks` and what is under it are checked;
 * the skill's or agent's other keys are not hooklint's.
 */
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
    const root = ctx.doc.root;
    const stack: Node[] = [];
    if (root && ctx.doc.format === 'yaml') {
      const hooks = properties(root).filter((p) => keyOf(p) === 'hooks');
      for (const p of hooks.slice(0, -1)) ctx.report({ messageId: 'duplicate', data: { key: 'hooks', line: ctx.lines.position(hooks.at(-1)!.offset).line }, node: p.children![0]! });
      const value = propertyValue(root, 'hooks');
      if (value) stack.push(value);
    } else if (root) stack.push(root);
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
