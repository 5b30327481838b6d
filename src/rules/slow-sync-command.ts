import { basename, type SimpleCommand } from '../analysis/command.js';
import { handlerScriptRuns } from '../analysis/script-commands.js';
import { defineRule } from './rule.js';
import { callPlace, commandHandlers, isTrue, wordLocation } from './util.js';

const EVENTS = new Set(['SessionEnd', 'Stop', 'SessionStart']);
const INSTALLERS = new Set(['npm', 'pnpm', 'yarn', 'bun']);

/**
 * `claude -p …`, `claude --print`, `claude --agent x`: a nested Claude Code
 * session, which runs a whole agent turn (minutes) and the hooks of its own
 * session. `args`: the words after the program; an expanded one is undefined.
 */
export function nestedSession(args: readonly (string | undefined)[]): boolean {
  return args.some((a) => a !== undefined && /^(?:-p|--print|--agent(?:=.*)?)$/.test(a));
}

/** Why a simple command is slow (network or long work), or undefined. */
export function slowWork(cmd: SimpleCommand): string | undefined {
  const prog = basename(cmd.program);
  const a = cmd.args;
  if (prog === 'claude' && nestedSession(a)) return 'a nested Claude Code session (claude)';
  if (prog === 'curl' || prog === 'wget') {
    // A bounded transfer is deliberate.
    if (a.some((x) => /^(-m|--max-time|--connect-timeout|-T|--timeout)(=|$)/.test(x) || /^-[A-Za-z]*m$/.test(x))) return undefined;
    return `${prog} (network)`;
  }
  if (prog === 'git' && ['push', 'pull', 'fetch', 'clone'].includes(a[0] ?? '')) return `git ${a[0]} (network)`;
  if (INSTALLERS.has(prog) && ['install', 'i', 'ci', 'add', 'update'].includes(a[0] ?? '')) return `${prog} ${a[0]}`;
  if ((prog === 'pip' || prog === 'pip3') && a[0] === 'install') return `${prog} install`;
  if (prog === 'uv' && (a[0] === 'sync' || (a[0] === 'pip' && a[1] === 'install'))) return `uv ${a[0]}`;
  if (prog === 'sleep') {
    const n = Number.parseFloat(a[0] ?? '');
    if (!(n < 1)) return `sleep ${a[0] ?? ''}`.trim();
  }
  return undefined;
}

/**
 * RULES.md §5 `slow-sync-command`; SPEC.md §2.3, §9 #13: SessionEnd hooks
 * share a 1.5 s budget and are cancelled after it ("Hook cancelled"); Stop
 * and SessionStart hooks hold up the session while they run. Network and
 * install work belongs in the background (`async: true`, or `( … ) &`).
 *
 * In the shell scripts a handler runs (`handlerScriptRuns`: with what they
 * source and exec), only a nested Claude Code session (`claude -p`,
 * `claude --agent x`) is reported, once per handler and script, unless it runs
 * in the background or under `timeout`: there network and install steps are
 * often what the hook is for (a SessionStart hook that installs the project's
 * dependencies, a Stop hook that posts a notification), while a whole agent
 * turn started from a hook is minutes of waiting every time.
 */
export default defineRule({
  meta: {
    id: 'slow-sync-command',
    type: 'suggestion',
    severity: 'warning',
    section: 5,
    description: 'Network or long work run synchronously in a SessionEnd, Stop or SessionStart hook',
    messages: {
      sessionEnd: '{{what}} runs synchronously in a SessionEnd hook, which has a 1.5 s budget: {{where}}it is likely cancelled ("Hook cancelled")',
      blocking: '{{what}} runs synchronously in a {{event}} hook: {{where}}the session waits for it every time',
      scriptSessionEnd: 'script "{{script}}" starts a nested Claude Code session ({{place}}) in a SessionEnd hook, which has a 1.5 s budget: {{where}}it is cancelled long before the session ends ("Hook cancelled")',
      scriptBlocking: 'script "{{script}}" starts a nested Claude Code session ({{place}}) synchronously in a {{event}} hook: {{where}}the session waits for a whole agent turn every time',
    },
  },
  check(ctx) {
    for (const { h, node, commands } of commandHandlers(ctx)) {
      if (!EVENTS.has(h.event.spec?.name ?? h.event.name) || isTrue(h, 'async') || isTrue(h, 'asyncRewake')) continue;
      for (const cmd of commands) {
        if (cmd.background) continue;
        const what = slowWork(cmd);
        if (!what) continue;
        ctx.report({
          messageId: h.event.name === 'SessionEnd' ? 'sessionEnd' : 'blocking',
          data: { what, event: h.event.name },
          ...wordLocation(ctx, node, cmd.words[0]),
          note: 'add "async": true to the handler, or run it in the background: ( … ) >/dev/null 2>&1 &',
        });
        break;
      }
      if (!ctx.options.host) continue;
      for (const run of handlerScriptRuns(h, ctx.options)) {
        const call = run.calls.find((c) => basename(c.program) === 'claude' && !c.background && !c.bounded && nestedSession(c.args));
        if (!call) continue;
        ctx.report({
          messageId: h.event.name === 'SessionEnd' ? 'scriptSessionEnd' : 'scriptBlocking',
          data: { script: run.script.written, place: callPlace(run, call), event: h.event.name },
          ...wordLocation(ctx, run.script.node, run.script.word),
          note: 'add "async": true to the handler, or start the session in the background: ( claude -p … ) >/dev/null 2>&1 &',
        });
      }
    }
  },
});
