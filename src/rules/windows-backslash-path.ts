import { defineRule } from './rule.js';
import { commandHandlers, wordLocation } from './util.js';

/** A Windows-style path in unquoted text: `C:\…` or `dir\dir\…`. */
const WINDOWS_PATH = /[A-Za-z]:\\|(?:^|[^\\])\\[A-Za-z0-9_.-]+\\[A-Za-z0-9_.-]/;

/**
 * RULES.md §5 `windows-backslash-path`; SPEC.md §9 #10: shell-form hooks run
 * in Git Bash on Windows, where an unquoted backslash is an escape:
 * `C:\Users\me\hook.sh` becomes `C:Usersmehook.sh`. Quoted words keep their
 * backslashes and PowerShell hooks are not shell form, so neither is reported.
 */
export default defineRule({
  meta: {
    id: 'windows-backslash-path',
    type: 'problem',
    severity: 'warning',
    section: 5,
    description: 'A Windows backslash path in shell form (Git Bash removes the backslashes)',
    messages: {
      backslash: '"{{word}}" uses backslashes: the shell (Git Bash on Windows) treats them as escapes and removes them; use forward slashes',
    },
  },
  check(ctx) {
    for (const { node, shell } of commandHandlers(ctx)) {
      if (!shell) continue;
      const command = node.value as string;
      for (const cmd of shell.commands)
        for (const w of cmd.words) {
          if (w.pos === undefined) continue;
          const unquoted = command.slice(w.pos, w.end).replace(/'[^']*'|"(?:[^"\\]|\\.)*"/g, ' ');
          if (WINDOWS_PATH.test(unquoted)) ctx.report({ messageId: 'backslash', data: { word: command.slice(w.pos, w.end) }, ...wordLocation(ctx, node, w) });
        }
    }
  },
});
