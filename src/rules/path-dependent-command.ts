import { basename } from '../analysis/command.js';
import { defineRule } from './rule.js';
import { callPlace, commandHandlers, directScripts, jsonInner, LOOKUP_PROGRAMS, scriptRunsOf, wordLocation } from './util.js';

/** Programs usually found only through a login PATH (RULES.md §5); `terminal-notifier` is Homebrew's alone (absent from Linux). */
export const PATH_DEPENDENT = ['uv', 'uvx', 'bun', 'bunx', 'deno', 'npx', 'pnpm', 'yarn', 'pip', 'pipx', 'poetry', 'cargo', 'brew', 'terminal-notifier'];

/** Programs installed beside another, so that a lookup of that one vouches for them (`command -v node` for npx). */
const SAME_PLACE: Readonly<Record<string, readonly string[]>> = { npx: ['node', 'npm'], bunx: ['bun'], uvx: ['uv'] };

/** Programs of one platform only (macOS): a script that checks the platform (`uname`, `$OSTYPE`) may run them there alone. */
const ONE_PLATFORM = new Set(['terminal-notifier']);

/**
 * What the suggestion offers instead (RULES.md §5: an absolute path, or python3): where
 * each program's own installer puts it, written for the shell (`$HOME` quoted), or
 * `python3 -m pip`. A suggestion, never applied: the user checks it with `command -v`.
 * Programs whose place depends on a version manager (npx, pnpm, yarn under nvm) or
 * the platform (brew) get none.
 */
const USUAL: Readonly<Record<string, { text: string; why: string }>> = {
  uv: { text: '"$HOME"/.local/bin/uv', why: "uv's installer puts it there" },
  uvx: { text: '"$HOME"/.local/bin/uvx', why: "uv's installer puts it there" },
  pipx: { text: '"$HOME"/.local/bin/pipx', why: 'pip install --user puts it there' },
  poetry: { text: '"$HOME"/.local/bin/poetry', why: "Poetry's installer puts it there" },
  bun: { text: '"$HOME"/.bun/bin/bun', why: "Bun's installer puts it there" },
  bunx: { text: '"$HOME"/.bun/bin/bunx', why: "Bun's installer puts it there" },
  deno: { text: '"$HOME"/.deno/bin/deno', why: "Deno's installer puts it there" },
  cargo: { text: '"$HOME"/.cargo/bin/cargo', why: 'rustup puts it there' },
  pip: { text: 'python3 -m pip', why: 'python3 is on the system PATH' },
};

/**
 * RULES.md §5 `path-dependent-command`; SPEC.md §4.3, §9 #11: hooks run in a
 * non-login, non-interactive shell with Claude Code's PATH, which lacks
 * `~/.local/bin`, nvm and Homebrew when Claude Code starts from an IDE or app.
 * Users extend or trim the list with `knownCommands` in config. A program
 * whose presence the command checks first (`command -v uv && …`) is not reported.
 * Suggestion: the program's usual absolute path (`USUAL`), in shell form.
 *
 * Inside the shell scripts a handler runs (issue 25; `analysis/script-commands.ts`,
 * with what they source and exec), the same programs in command position are
 * reported once per handler and script, at the handler, naming the first call's
 * line. Quiet where the author planned for the program's absence or provided
 * it: a lookup anywhere (`command -v x`, `which x`, `type x`, `hash x`; `node`
 * vouches for `npx`), a call in a condition or before `||` (`x || true`) or
 * standing in for a program the script looked for, with stderr discarded
 * (`x 2>/dev/null`) or in the background, a function or alias of that name, a
 * script (or hook command, or settings `env`) that sets PATH up itself
 * (`export PATH=…`, `source ~/.nvm/nvm.sh` or any file hooklint does not read,
 * `eval "$(brew shellenv)"`, `conda activate`, a login or zsh shell), a script for
 * cloud sessions (`$CLAUDE_CODE_REMOTE`), and a hook command that lets the script
 * fail quietly (`x.sh || true`, `x.sh 2>/dev/null`, `x.sh &`). A macOS-only
 * program (`terminal-notifier`) in a script that checks the platform is quiet too.
 */
/**
 * The program a `#!/usr/bin/env` shebang looks up on PATH (`#!/usr/bin/env bun`,
 * `#!/usr/bin/env -S uv run --script` → bun, uv) with the words after it, or undefined for an absolute
 * interpreter (`#!/bin/bash`) or no shebang. `env`'s own options are skipped.
 */
export function shebangProgram(text: string): { program: string; shebang: string; rest: string[] } | undefined {
  const line = /^#!([^\r\n]*)/.exec(text)?.[1];
  if (line === undefined) return undefined;
  const words = line.trim().split(/\s+/);
  if (basename(words[0] ?? '') !== 'env') return undefined;
  let i = 1;
  while (i < words.length && words[i]!.startsWith('-')) i += words[i] === '-u' || words[i] === '--unset' || words[i] === '-C' || words[i] === '--chdir' ? 2 : 1;
  const program = words[i];
  return program && !program.includes('/') && !program.includes('=') ? { program, shebang: `#!${line.trim()}`, rest: words.slice(i + 1) } : undefined;
}

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
      script: 'script "{{script}}" runs "{{program}}" ({{place}}), which is usually installed in a directory (~/.local/bin, nvm, Homebrew) that is not on PATH when Claude Code starts from an IDE or app: there the script fails with "command not found"',
      shebang: 'script "{{script}}" runs through "{{program}}" (its shebang "{{shebang}}" looks it up on PATH), which is usually installed in a directory (~/.local/bin, Homebrew) that is not on PATH when Claude Code starts from an IDE or app',
    },
  },
  check(ctx) {
    const known = new Set(ctx.options.knownCommands ?? []);
    for (const { node, commands: cmds, shell } of commandHandlers(ctx)) {
      const reported = new Set<string>();
      // `command -v uv && uv …`, `which bun`: the author checks that the program exists.
      const guarded = new Set(cmds.filter((c) => LOOKUP_PROGRAMS.has(basename(c.program))).flatMap((c) => c.args.filter((a) => !a.startsWith('-'))));
      for (const cmd of cmds) {
        if (guarded.has(basename(cmd.program))) continue;
        if (cmd.program.includes('/')) continue;
        const program = basename(cmd.program);
        if (!PATH_DEPENDENT.includes(program) || known.has(program) || reported.has(program)) continue;
        reported.add(program);
        const at = wordLocation(ctx, node, cmd.words[0]);
        const usual = USUAL[program];
        // Shell form only ($HOME expands there), and only where the first word is the bare program name as written.
        const w = cmd.words[0];
        const suggestions =
          usual && shell && at.span && w?.written === program && w.pos !== undefined && w.end! - w.pos === program.length
            ? [{ title: `use ${usual.text} (${usual.why}${usual.text.startsWith('"$HOME"') ? `; check with command -v ${program}` : ''})`, edits: [{ range: [at.span.offset, at.span.offset + at.span.length] as [number, number], text: jsonInner(usual.text) }] }]
            : undefined;
        ctx.report({ messageId: 'pathDependent', data: { program }, ...at, ...(suggestions ? { suggestions } : {}) });
      }
    }
    // Scripts run directly: the kernel reads their shebang, and `env` looks the interpreter up on PATH.
    if (!ctx.options.host) return;
    for (const { h, s, text } of directScripts(ctx)) {
      const found = shebangProgram(text);
      if (!found || !PATH_DEPENDENT.includes(found.program) || known.has(found.program)) continue;
      // The command itself checks for the program first (`command -v uv && …`).
      if (commandHandlers(ctx).find((c) => c.h === h)?.commands.some((c) => LOOKUP_PROGRAMS.has(basename(c.program)) && c.args.includes(found.program))) continue;
      const usual = USUAL[found.program];
      ctx.report({
        messageId: 'shebang',
        data: { script: s.written, program: found.program, shebang: found.shebang },
        ...wordLocation(ctx, s.node, s.word),
        note: `name the interpreter in the command instead: ${[usual?.text ?? `/absolute/path/to/${found.program}`, ...found.rest, s.written].join(' ')}${usual ? ` (${usual.why})` : ''}`,
      });
    }
    // The programs the shell scripts run (issue 25): once per handler and script, at the first call
    // the script neither checks for (`command -v x`, `if x; then`, `x || …`), silences (`2>/dev/null`,
    // `&`) nor runs with a PATH of its own making (`export PATH=…`, `source ~/.nvm/nvm.sh`).
    for (const { run, lookups, tolerated } of scriptRunsOf(ctx)) {
      // `hook.sh || true`, `hook.sh 2>/dev/null`, `hook.sh &`: the command already lets the script fail quietly.
      if (run.environment || tolerated) continue;
      const unguarded = run.calls.filter(
        (c) =>
          PATH_DEPENDENT.includes(c.program) &&
          !known.has(c.program) &&
          !lookups.has(c.program) &&
          !run.lookups.has(c.program) &&
          !(SAME_PLACE[c.program] ?? []).some((p) => lookups.has(p) || run.lookups.has(p)) &&
          !c.afterLookup &&
          !run.defines.has(c.program) &&
          !c.checked &&
          !c.stderrAway &&
          !c.background &&
          !c.ownPath &&
          !(ONE_PLATFORM.has(c.program) && run.platformCheck),
      );
      const first = unguarded[0];
      if (!first) continue;
      const usual = USUAL[first.program];
      const others = [...new Set(unguarded.map((c) => c.program))].filter((p) => p !== first.program);
      ctx.report({
        messageId: 'script',
        data: { script: run.script.written, program: first.program, place: callPlace(run, first) },
        ...wordLocation(ctx, run.script.node, run.script.word),
        note: `check for it first (command -v ${first.program} >/dev/null || exit 0), or call it by its absolute path${usual ? ` (${usual.text}: ${usual.why})` : ''}${others.length ? `; the script also runs ${others.map((p) => `"${p}"`).join(', ')}` : ''}`,
      });
    }
  },
});
