import { posix } from 'node:path';
import { removeArrayItem, removeProperty } from '../core/edits.js';
import { findProperty, propertyValue } from '../core/parse.js';
import { defineRule } from './rule.js';

/** True for a manifest path that resolves to the auto-loaded `hooks/hooks.json`. */
export function isDefaultHooksFile(path: string): boolean {
  return posix.normalize(path.replace(/\\/g, '/')) === 'hooks/hooks.json';
}

/**
 * RULES.md §7 `duplicate-hooks-file`; SPEC.md §4.1, §9 #15: a plugin's
 * `hooks/hooks.json` is loaded automatically; naming it again in
 * plugin.json `"hooks"` fails with "Duplicate hooks file detected". Safe fix:
 * remove the entry (the file still loads).
 */
export default defineRule({
  meta: {
    id: 'duplicate-hooks-file',
    type: 'problem',
    severity: 'error',
    section: 7,
    fixable: 'safe',
    description: 'plugin.json "hooks" naming ./hooks/hooks.json, which is loaded automatically',
    messages: {
      duplicate: '"{{path}}" is loaded automatically; listing it in "hooks" makes Claude Code fail with "Duplicate hooks file detected"',
    },
  },
  check(ctx) {
    if (ctx.model.kind !== 'plugin-manifest' || ctx.model.root?.type !== 'object') return;
    const root = ctx.model.root;
    const prop = findProperty(root, 'hooks');
    const value = propertyValue(root, 'hooks');
    if (!prop || !value) return;
    const remove = { safety: 'safe' as const, title: 'remove the entry' };
    if (value.type === 'string' && isDefaultHooksFile(value.value as string))
      ctx.report({ messageId: 'duplicate', data: { path: value.value as string }, node: value, fix: { ...remove, edits: [removeProperty(ctx.doc.text, root, prop)] } });
    else if (value.type === 'array') {
      const items = value.children ?? [];
      const dups = items.filter((c) => c.type === 'string' && isDefaultHooksFile(c.value as string));
      for (const item of dups) {
        // Removing every element would leave "hooks": []: remove the property instead.
        const edit = dups.length === items.length ? removeProperty(ctx.doc.text, root, prop) : removeArrayItem(ctx.doc.text, value, items.indexOf(item));
        ctx.report({ messageId: 'duplicate', data: { path: item.value as string }, node: item, fix: { ...remove, edits: [edit] } });
      }
    }
  },
});
