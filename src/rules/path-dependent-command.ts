import { basename } from '../analysis/command.js';
import { defineRule } from './rule.js';
import { commandHandlers, wordLocation } from './util.js';

/** Programs usually found only through a login PATH (RULES.md §5). */
export const PATH_DEPENDENT = ['uv', 'uvx', 'bun', 'bunx', 'deno', 'npx', 'pnpm', 'yarn', 'pip', 'pipx', 'poetry', 'cargo', 'brew'];

/** Programs that look another up (`command -v x`, `which x`, `type x`, `hash x`). */
const LOOKUPS = new Set(['command', 'which', 'type', 'hash']);

/**
 * RULES.md §5 `path-dependent-command`; SPEC.md §4.3, §9 #11: hooks run in a
 * non-login, non-interactive shell with Claude Code's PATH, which lacks
 * `~/.local/bin`, nvm and Homebrew when Claude Code starts from an IDE or app.
 * Users extend or trim the list with `knownCommands` in config. A program
 * whose presence the command checks first (`command -v uv && …`) is not reported.
 */
export default defineRule({
  meta: {
    id: 'path-dependent-command',
    type: 'suggestion',
    severity: 'warning',
    section: 5,
    fixable: 'suggest',
    description: 'A program usually found only through a login shell PATH (uv, npx, bun, ...)',
    messages: {
      pathDependent: '"{{program}}" is usually installed in a directory (~/.local/bin, nvm, Homebrew) that is not on PATH when Claude Code starts from an IDE or app; use an absolute path',
    },
  },
  check(ctx) {
    const known = new Set(ctx.options.knownCommands ?? []);
    for (const { node, commands: cmds } of commandHandlers(ctx)) {
      const reported = new Set<string>();
      // `command -v uv && uv …`, `which bun`: the author checks that the program exists.
      const guarded = new Set(cmds.filter((c) => LOOKUPS.has(basename(c.program))).flatMap((c) => c.args.filter((a) => !a.startsWith('-'))));
      for (const cmd of cmds) {
        if (guarded.has(basename(cmd.program))) continue;
        if (cmd.program.includes('/')) continue;
        const program = basename(cmd.program);
        if (!PATH_DEPENDENT.includes(program) || known.has(program) || reported.has(program)) continue;
        reported.add(program);
        ctx.report({ messageId: 'pathDependent', data: { program }, ...wordLocation(ctx, node, cmd.words[0]) });
      }
    }
  },
});
