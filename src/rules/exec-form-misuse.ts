import { field, stringField } from '../model/model.js';
import { findProperty } from '../formats/parse.js';
import { defineRule } from './rule.js';

/**
 * RULES.md §3 `exec-form-misuse`; SPEC.md §2.2: with `args` the command is
 * spawned directly (exec form): `shell` is ignored, and `command` must be the
 * executable alone; a bare name with whitespace cannot be spawned.
 */
export default defineRule({
  meta: {
    id: 'exec-form-misuse',
    type: 'problem',
    severity: 'warning',
    section: 3,
    description: '"shell" together with "args" (ignored), or a command with spaces in exec form (spawn fails)',
    messages: {
      shell: '"shell" is ignored when "args" is set: exec form spawns the command directly, without a shell',
      spaces: 'with "args", "command" is the executable alone; "{{command}}" contains spaces, so spawning it fails',
    },
  },
  check(ctx) {
    for (const h of ctx.model.handlers) {
      if (h.type !== 'command' || h.group.flat || field(h, 'args')?.type !== 'array') continue;
      const shell = findProperty(h.node, 'shell');
      if (shell) ctx.report({ messageId: 'shell', node: shell.children![0]! });
      const command = stringField(h, 'command');
      // A path may contain spaces (`/Applications/My App/bin/x`); a bare name may not.
      if (command !== undefined && /\s/.test(command.trim()) && !/[\\/]/.test(command))
        ctx.report({ messageId: 'spaces', data: { command }, node: field(h, 'command')!, note: 'move the arguments into "args", one element each' });
    }
  },
});
