import { basename } from '../analysis/command.js';
import { defineRule } from './rule.js';
import { scriptsOf, scriptText } from '../analysis/scripts.js';
import { commandHandlers, wordLocation } from './util.js';

/** PEP 723 inline script metadata. */
const INLINE_METADATA = /^#\s*\/\/\/\s*script\s*$/m;

/** Options that keep `uv run` out of the user's project, or name the project on purpose. */
const OK_OPTIONS = /^(--script|--no-project|--project|--directory|--isolated|--no-config)(=|$)/;

/**
 * RULES.md §5 `uv-run-project`; SPEC.md §9 #12: hooks run in the user's
 * directory, and `uv run` discovers the project there: it resolves and may
 * build it, writing `.venv` and `uv.lock` into the user's repository.
 * Not reported with `--script`, `--no-project`, an explicit `--project` /
 * `--directory`. For `uv run x.py` the script decides: one with inline
 * `# /// script` metadata runs isolated, so it is reported only when the
 * script was read and has none (no false error without `--scripts`).
 */
export default defineRule({
  meta: {
    id: 'uv-run-project',
    type: 'problem',
    severity: 'warning',
    section: 5,
    description: '"uv run" without --script or --no-project (resolves, and may build, the user\'s project)',
    messages: {
      project: '"uv run" resolves the project of the directory the hook runs in (the user\'s): it may build it and write .venv and uv.lock there; add --script (or --no-project)',
    },
  },
  check(ctx) {
    for (const { h, node, commands } of commandHandlers(ctx)) {
      for (const cmd of commands) {
        if (basename(cmd.program) !== 'uv' || cmd.args[0] !== 'run') continue;
        const opts = cmd.args.slice(1);
        const firstPositional = opts.findIndex((a) => !a.startsWith('-'));
        const before = firstPositional < 0 ? opts : opts.slice(0, firstPositional);
        if (before.some((a) => OK_OPTIONS.test(a))) continue;
        const target = cmd.written[firstPositional + 2];
        if (target !== undefined && /\.pyw?$/.test(target)) {
          // A script with inline metadata runs isolated: report only a script read and found without it.
          const s = ctx.options.host ? scriptsOf(h, ctx.options).find((x) => x.written === target) : undefined;
          const text = s && scriptText(ctx.options, s.absolute);
          if (text === undefined || INLINE_METADATA.test(text)) continue;
        }
        ctx.report({ messageId: 'project', ...wordLocation(ctx, node, cmd.words[0]) });
      }
    }
  },
});
