import { defineRule } from './rule.js';
import { directScripts, wordLocation } from './util.js';

/** Directories whose interpreters exist on every macOS and Linux system. */
const PORTABLE_DIRS = /^\/(usr\/)?bin\/[^/]+$/;

/**
 * RULES.md §6 `shebang-python`: `#!/usr/bin/env python` (or `/usr/bin/python`)
 * finds nothing where only python3 is installed (current macOS, many Linux
 * images); a hard-coded interpreter outside /bin and /usr/bin (Homebrew, a
 * virtualenv, a home directory) exists only on the author's machine.
 * Unsafe fix: `python` → `python3` in the shebang.
 */
export default defineRule({
  meta: {
    id: 'shebang-python',
    type: 'problem',
    severity: 'warning',
    section: 6,
    needsHost: true,
    fixable: 'unsafe',
    description: 'A shebang naming "python" or a non-portable interpreter path',
    messages: {
      python: 'script "{{script}}" starts with "{{shebang}}": "python" does not exist where only python3 is installed (current macOS, many Linux images)',
      hardcoded: 'script "{{script}}" starts with "{{shebang}}": that interpreter path exists only on some machines; use "#!/usr/bin/env {{name}}"',
    },
  },
  check(ctx) {
    const fixed = new Set<string>();
    for (const { s, text } of directScripts(ctx)) {
      const m = /^#!([^\r\n]*)/.exec(text);
      if (!m) continue;
      const shebang = m[0];
      const words = m[1]!.trim().split(/\s+/);
      const interp = words[0] ?? '';
      const name = interp.endsWith('/env') ? (words.find((w, i) => i > 0 && !w.startsWith('-') && !w.includes('=')) ?? '') : interp.slice(interp.lastIndexOf('/') + 1);
      const loc = wordLocation(ctx, s.node, s.word);
      if (name === 'python') {
        const first = !fixed.has(s.absolute);
        fixed.add(s.absolute);
        const to = shebang.replace(/python(?=\s|$)/, 'python3');
        ctx.report({
          messageId: 'python',
          data: { script: s.written, shebang },
          ...loc,
          ...(first ? { fix: { safety: 'unsafe' as const, title: `rewrite the shebang to "${to}"`, edits: [], fileEdits: [{ kind: 'rewrite-head' as const, path: s.absolute, from: shebang, to }] } } : {}),
        });
      } else if (interp.startsWith('/') && !interp.endsWith('/env') && !PORTABLE_DIRS.test(interp)) {
        ctx.report({ messageId: 'hardcoded', data: { script: s.written, shebang, name }, ...loc });
      }
    }
  },
});
