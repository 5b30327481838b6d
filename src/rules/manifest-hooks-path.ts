import { isAbsolute, join, normalize } from 'node:path';
import type { TreeNode as Node } from '../formats/parse.js';
import { propertyValue } from '../formats/parse.js';
import { defineRule } from './rule.js';

/**
 * Beyond RULES.md (SPEC.md §4.1, §7): a plugin.json `"hooks"` path must be
 * relative, start with `./`, stay inside the plugin, and name a file that
 * exists (`claude plugin validate` checks that custom component paths exist).
 * A path that escapes the plugin root (`../../x.json`) is reported and never
 * followed by hooklint. The existence check runs only with script checks on
 * (it reads the disk); a path naming a folder or a special file (a FIFO, a
 * device) is reported as not a file, and hooklint does not follow it.
 */
export default defineRule({
  meta: {
    id: 'manifest-hooks-path',
    type: 'problem',
    severity: 'error',
    section: 7,
    frontmatter: false,
    description: 'A plugin.json "hooks" path that is not ./-relative, leaves the plugin, or names no file',
    messages: {
      notRelative: '"{{path}}" must be a relative path starting with "./" (relative to the plugin root)',
      escapes: '"{{path}}" points outside the plugin: plugin files must stay inside the plugin root, and hooklint does not follow it',
      missing: '"{{path}}" does not exist in the plugin: its hooks never load',
      notFile: '"{{path}}" is a folder or a special file, not a hook file: "hooks" names JSON files such as "./hooks/extra.json"',
    },
  },
  check(ctx) {
    if (ctx.model.kind !== 'plugin-manifest') return;
    const hooks = propertyValue(ctx.model.root, 'hooks');
    const nodes: Node[] = hooks?.type === 'string' ? [hooks] : hooks?.type === 'array' ? (hooks.children ?? []).filter((c) => c.type === 'string') : [];
    for (const node of nodes) {
      const path = node.value as string;
      const rel = normalize(path.replace(/\\/g, '/'));
      if (isAbsolute(path) || /^[A-Za-z]:[\\/]/.test(path) || rel === '..' || rel.startsWith('../')) ctx.report({ messageId: 'escapes', data: { path }, node });
      else if (!path.startsWith('./')) ctx.report({ messageId: 'notRelative', data: { path }, node });
      else if (ctx.options.host && ctx.options.pluginRoot) {
        const st = ctx.options.host.stat(join(ctx.options.pluginRoot, rel));
        if (!st) ctx.report({ messageId: 'missing', data: { path }, node });
        else if (!st.isFile) ctx.report({ messageId: 'notFile', data: { path }, node });
      }
    }
  },
});
