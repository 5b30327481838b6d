import { basename } from '../analysis/command.js';
import { spanInString } from '../formats/parse.js';
import { defineRule } from './rule.js';
import { commandHandlers } from './util.js';

/**
 * RULES.md §5 `prefer-python3`: `python` is absent on current macOS and many
 * Linux images (only `python3` is installed), so the hook fails with
 * "command not found". A `python` that runs only when `python3` failed
 * (`python3 x || python x`, an `if`'s `else`) is the portable fallback: quiet.
 * The unsafe fix renames the program word.
 */
export default defineRule({
  meta: {
    id: 'prefer-python3',
    type: 'problem',
    severity: 'warning',
    section: 5,
    fixable: 'unsafe',
    description: 'A hook that runs "python" (absent on current macOS and many Linux images)',
    messages: {
      python: '"{{program}}" does not exist on current macOS and many Linux images, where only python3 is installed',
    },
  },
  check(ctx) {
    for (const { node, commands } of commandHandlers(ctx)) {
      for (const cmd of commands) {
        const w = cmd.words[0]!;
        if (basename(cmd.program) !== 'python' || basename(w.written) !== 'python') continue;
        // `python3 x || python x`: the portable fallback for machines with only `python`.
        if (cmd.fallbackFor.some((c) => /^python3(\.\d+)?$/.test(basename(c.program)))) continue;
        const exec = w.pos === undefined;
        const span = exec ? { offset: node.offset, length: node.length } : spanInString(ctx.doc.text, node, w.pos!, w.end!);
        const raw = ctx.doc.text.slice(span.offset, span.offset + span.length);
        // Fix only a word written plainly (`python`, `/usr/bin/python`), never one built from quotes or escapes.
        const plain = exec ? raw === JSON.stringify(w.written) : raw === w.written;
        ctx.report({
          messageId: 'python',
          data: { program: w.written },
          span,
          ...(plain ? { fix: { safety: 'unsafe' as const, title: 'use python3', edits: [{ range: [span.offset + span.length - (exec ? 1 : 0), span.offset + span.length - (exec ? 1 : 0)] as [number, number], text: '3' }] } } : {}),
        });
      }
    }
  },
});
