import { posix } from 'node:path';
import { catalog } from '../model/catalog.js';
import { removeArrayItem, removeProperty } from '../fix/edits.js';
import { findProperty, propertyValue } from '../formats/parse.js';
import { mayPredate } from '../model/version.js';
import { targetNote, targetOf } from './version-util.js';
import { defineRule } from './rule.js';

/** A manifest hook path as the plugin resolves it (`./a/../hooks/x.json` → `hooks/x.json`). */
function normalizedRef(path: string): string {
  return posix.normalize(path.replace(/\\/g, '/'));
}

/**
 * RULES.md §7 `duplicate-hooks-file`; SPEC.md §12.4 (which replaces §4.1 and
 * §9 #15 for current versions): Claude Code 2.1.332 and later load a
 * `plugin.json` `"hooks": "./hooks/hooks.json"` once, with only a debug note;
 * "Duplicate hooks file detected" remains when the manifest lists the same
 * file twice. Reported on the second listing; the safe fix removes it (the
 * file still loads once). Naming the default file once was an error before
 * 2.1.332 [uncertain version]: version targeting reports that for older targets.
 */
export default defineRule({
  meta: {
    id: 'duplicate-hooks-file',
    type: 'problem',
    severity: 'error',
    section: 7,
    frontmatter: false,
    fixable: 'safe',
    description: 'plugin.json "hooks" listing the same hook file twice ("Duplicate hooks file detected")',
    messages: {
      defaultFile: '"{{path}}" is loaded automatically; {{older}} that also name it in "hooks" {{what}}',
      duplicate: '"{{path}}" is listed in "hooks" already (line {{line}}): {{where}}Claude Code fails to load the plugin\'s hooks with "Duplicate hooks file detected"',
    },
  },
  check(ctx) {
    if (ctx.model.kind !== 'plugin-manifest' || ctx.model.root?.type !== 'object') return;
    const root = ctx.model.root;
    const prop = findProperty(root, 'hooks');
    const value = propertyValue(root, 'hooks');
    // Before 2.1.332 [uncertain version] naming the auto-loaded hooks/hooks.json at all was the error.
    const old = catalog.pluginManifest.defaultHooksFileListed;
    if (prop && value && old.until && mayPredate(targetOf(ctx), old.until)) {
      const data = { older: `Claude Code versions before ${old.until}`, what: old.during ?? '' };
      const remove = { safety: 'safe' as const, title: 'remove the entry' };
      if (value.type === 'string' && normalizedRef(value.value as string) === 'hooks/hooks.json')
        ctx.report({ messageId: 'defaultFile', data: { path: value.value as string, ...data }, node: value, fix: { ...remove, edits: [removeProperty(ctx.doc.text, root, prop)] }, note: targetNote(ctx) });
      else if (value.type === 'array') {
        const items = value.children ?? [];
        const dflt = items.filter((c) => c.type === 'string' && normalizedRef(c.value as string) === 'hooks/hooks.json');
        for (const item of dflt.slice(0, 1))
          ctx.report({ messageId: 'defaultFile', data: { path: item.value as string, ...data }, node: item, fix: { ...remove, edits: [dflt.length === items.length ? removeProperty(ctx.doc.text, root, prop) : removeArrayItem(ctx.doc.text, value, items.indexOf(item))] }, note: targetNote(ctx) });
      }
    }
    if (value?.type !== 'array') return;
    const items = value.children ?? [];
    const first = new Map<string, number>();
    items.forEach((item, i) => {
      if (item.type !== 'string') return;
      const ref = normalizedRef(item.value as string);
      const seen = first.get(ref);
      if (seen === undefined) {
        first.set(ref, i);
        return;
      }
      ctx.report({
        messageId: 'duplicate',
        data: { path: item.value as string, line: ctx.lines.position(items[seen]!.offset).line },
        node: item,
        fix: { safety: 'safe', title: 'remove the second listing', edits: [removeArrayItem(ctx.doc.text, value, i)] },
      });
    });
  },
});
