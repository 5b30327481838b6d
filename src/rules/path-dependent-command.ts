import { basename } from '../core/command.js';
import { field } from '../core/model.js';
import { commandsOf } from './scripts.js';
import { defineRule } from './rule.js';

/** Programs usually found only through a login PATH (RULES.md §5). */
export const PATH_DEPENDENT = ['uv', 'uvx', 'bun', 'bunx', 'deno', 'npx', 'pnpm', 'yarn', 'pip', 'pipx', 'poetry', 'cargo', 'brew'];

/**
 * RULES.md §5 `path-dependent-command`; SPEC.md §4.3, §9 #11: hooks run in a
 * non-login, non-interactive shell with Claude Code's PATH, which lacks
 * `~/.local/bin`, nvm and Homebrew when Claude Code starts from an IDE or app.
 * Users extend or trim the list with `knownCommands` in config.
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
    for (const h of ctx.model.handlers) {
      const reported = new Set<string>();
      for (const cmd of commandsOf(h, ctx.options)) {
        if (cmd.program.includes('/')) continue;
        const program = basename(cmd.program);
        if (!PATH_DEPENDENT.includes(program) || known.has(program) || reported.has(program)) continue;
        reported.add(program);
        const node = field(h, 'command');
        if (!node) continue;
        const raw = ctx.doc.text.slice(node.offset, node.offset + node.length);
        const m = new RegExp(`(^"|[\\s;&|(\`])(${program.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})(?=[\\s;&|)\`"]|$)`).exec(raw);
        const span = m ? { offset: node.offset + m.index + m[1]!.length, length: program.length } : { offset: node.offset, length: node.length };
        ctx.report({ messageId: 'pathDependent', data: { program }, span });
      }
    }
  },
});
