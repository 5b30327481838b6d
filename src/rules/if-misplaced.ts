import type { TreeNode as Node } from '../formats/parse.js';
import { field } from '../model/model.js';
import { findProperty } from '../formats/parse.js';
import { defineRule } from './rule.js';

/**
 * Why an `if` value is not one permission rule, or undefined when it is one.
 * A rule is `Tool` or `Tool(pattern)`; `&&`, `||`, `|`, `,`, `;` outside the
 * parentheses, or a second `Tool(...)`, make it a list Claude Code does not
 * understand (SPEC.md §2.1: "There is no &&, || or list syntax").
 */
export function ifListProblem(value: string): string | undefined {
  let depth = 0;
  let groups = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '(') {
      if (depth === 0) groups++;
      depth++;
    } else if (c === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      const two = value.slice(i, i + 2);
      if (two === '&&' || two === '||') return `"${two}"`;
      if (c === '|' || c === ',' || c === ';') return `"${c}"`;
    }
  }
  return groups > 1 ? 'several Tool(...) rules' : undefined;
}

/**
 * RULES.md §3 `if-misplaced`; SPEC.md §2.1, §3: `if` belongs on the handler
 * (on the matcher group it is ignored; Claude Code 2.1.268 warns), and holds
 * exactly one permission rule.
 */
export default defineRule({
  meta: {
    id: 'if-misplaced',
    type: 'problem',
    severity: 'warning',
    section: 3,
    description: '"if" on the matcher group instead of the handler, or several rules in one "if"',
    messages: {
      onGroup: '"if" on a matcher group is ignored: it belongs on each handler in "hooks"',
      list: '"if" holds one permission rule; {{what}} is not supported, so this condition never matches as intended',
    },
  },
  check(ctx) {
    for (const ev of ctx.model.events)
      for (const g of ev.groups) {
        if (g.flat) continue;
        const prop = findProperty(g.node, 'if');
        if (prop) ctx.report({ messageId: 'onGroup', node: prop.children![0]! });
      }
    for (const h of ctx.model.handlers) {
      if (h.group.flat) continue;
      const node: Node | undefined = field(h, 'if');
      if (node?.type !== 'string') continue;
      const what = ifListProblem(node.value as string);
      if (what) ctx.report({ messageId: 'list', data: { what }, node, note: 'use one handler per rule, or one matcher group per tool' });
    }
  },
});
