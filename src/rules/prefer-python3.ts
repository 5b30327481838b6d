import { basename } from '../analysis/command.js';
import { someProgram } from '../analysis/script-commands.js';
import { spanInString } from '../formats/parse.js';
import { defineRule } from './rule.js';
import { callPlace, commandHandlers, scriptRunsOf, wordLocation } from './util.js';

/** `python3`, `python3.12`. */
const PYTHON3 = /^python3(\.\d+)?$/;

/**
 * RULES.md §5 `prefer-python3`: `python` is absent on current macOS and many
 * Linux images (only `python3` is installed), so the hook fails with
 * "command not found". A `python` that runs only when `python3` failed
 * (`python3 x || python x`, an `if`'s `else`) is the portable fallback: quiet.
 * The unsafe fix renames the program word.
 *
 * Inside the shell scripts a handler runs (issue 25; `analysis/script-commands.ts`,
 * with what they source and exec), a `python` in command position is reported
 * once per handler and script, at the handler, naming its line (no fix: the
 * script is the author's to change). Quiet where `python` is planned for or
 * provided: the `python3` fallback, a lookup (`command -v python`), a call in a
 * condition or before `||`, a fallback for a program the script looked for
 * (`command -v jq && jq … || python …`), a function or alias named `python`, a
 * `python` on a branch whose sibling runs python3 (a platform switch), and a script
 * (or hook command) that sets up its environment first (`source .venv/bin/activate`,
 * `conda activate`, `export PATH=…`, a sourced file hooklint does not read, a
 * login or zsh shell), and a script for cloud sessions (`$CLAUDE_CODE_REMOTE`).
 * A discarded stderr (`python -c … 2>/dev/null`) is not a guard: the value read
 * is empty and the script goes on as if the field were missing.
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
      script: 'script "{{script}}" runs "python" ({{place}}), which does not exist on current macOS and many Linux images, where only python3 is installed: there the call fails with "command not found"',
    },
  },
  check(ctx) {
    for (const { node, commands } of commandHandlers(ctx)) {
      for (const cmd of commands) {
        const w = cmd.words[0]!;
        if (basename(cmd.program) !== 'python' || basename(w.written) !== 'python') continue;
        // `python3 x || python x`: the portable fallback for machines with only `python`.
        if (cmd.fallbackFor.some((c) => PYTHON3.test(basename(c.program)))) continue;
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
    for (const { run, lookups } of scriptRunsOf(ctx)) {
      if (run.environment || lookups.has('python') || run.lookups.has('python') || run.defines.has('python')) continue;
      const first = run.calls.find(
        (c) =>
          c.program === 'python' &&
          !c.checked &&
          !c.ownPath &&
          // `python3 x || python x`, `case "$OSTYPE" in msys*) python …;; *) python3 …;; esac`: python where python3 is not.
          !someProgram([...c.fallbackFor, ...c.alternatives], (p) => PYTHON3.test(p)) &&
          // `command -v jq && jq … || python -c …`, `if ! command -v jq …; then python -c …`: a stand-in for a program the script looked for.
          !c.afterLookup,
      );
      if (!first) continue;
      ctx.report({
        messageId: 'script',
        data: { script: run.script.written, place: callPlace(run, first) },
        ...wordLocation(ctx, run.script.node, run.script.word),
        note: 'use python3 there (or python3 … || python … where Windows matters)',
      });
    }
  },
});
