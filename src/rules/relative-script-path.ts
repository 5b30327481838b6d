import { isAbsolute } from 'node:path';
import { basename, scriptOf } from '../analysis/command.js';
import { field } from '../model/model.js';
import { defineRule } from './rule.js';
import { commandHandlers, wordLocation } from './util.js';
import { isPluginFile } from '../model/types.js';

/**
 * RULES.md §5 `relative-script-path`; SPEC.md §4.3: hooks run in the current
 * directory, which follows Claude's `cd`, so `./x.sh` or `scripts/x.py` stops
 * resolving as soon as the session changes directory. Not reported after a
 * `cd` earlier in the same command (the author pinned the directory).
 */
export default defineRule({
  meta: {
    id: 'relative-script-path',
    type: 'problem',
    severity: 'warning',
    section: 5,
    fixable: 'suggest',
    description: 'A script referenced by a relative path (breaks once the session changes directory)',
    messages: {
      relative: '"{{script}}" is relative to the directory the hook runs in, which follows Claude\'s cd; write {{suggestion}}',
    },
  },
  check(ctx) {
    const plugin = isPluginFile(ctx.model.kind, ctx.options.pluginRoot);
    const root = plugin ? '${CLAUDE_PLUGIN_ROOT}' : '"$CLAUDE_PROJECT_DIR"';
    for (const { h, node, commands } of commandHandlers(ctx)) {
      const exec = field(h, 'args') !== undefined;
      for (const cmd of commands) {
        const prog = basename(cmd.program);
        if (prog === 'cd' || prog === 'pushd') break;
        const s = scriptOf(cmd);
        if (!s?.path || isAbsolute(s.path) || /^[A-Za-z]:[\\/]/.test(s.path)) continue;
        const rel = s.path.replace(/^\.\//, '');
        const suggestion = exec ? `\${CLAUDE_${plugin ? 'PLUGIN_ROOT' : 'PROJECT_DIR'}}/${rel}` : `${root}/${rel}`;
        const loc = wordLocation(ctx, node, s.word);
        const raw = loc.span ? ctx.doc.text.slice(loc.span.offset, loc.span.offset + loc.span.length) : undefined;
        ctx.report({
          messageId: 'relative',
          data: { script: s.written, suggestion },
          ...loc,
          ...(loc.span && raw === s.written
            ? { suggestions: [{ title: `use ${suggestion}`, edits: [{ range: [loc.span.offset, loc.span.offset + loc.span.length] as [number, number], text: JSON.stringify(suggestion).slice(1, -1) }] }] }
            : {}),
        });
      }
    }
  },
});
