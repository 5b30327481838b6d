import { defineRule } from './rule.js';
import { handlerPrints, uncheckedShellCommand } from '../analysis/script-output.js';
import { scriptLanguage } from '../analysis/scripts.js';
import { eventContract } from '../model/contract.js';
import { wordLocation } from './util.js';

/**
 * SPEC.md §12.3, §13.4: a WorktreeCreate command hook replaces Claude Code's
 * own `git worktree add`, and Claude Code takes the new worktree's path from
 * the last non-empty line of its stdout. A script whose text proves it prints
 * no path fails every worktree creation:
 *
 * - everything it prints on stdout is a JSON object (`print("{}")`): Claude
 *   Code takes that text as the path;
 * - a Python or JavaScript script (with the modules it loads) that prints
 *   nothing on stdout and starts no program that could print to it
 *   (`subprocess.run(...)` without `stdout=`/`capture_output`, `os.system`,
 *   `stdio: "inherit"`).
 *
 * Shell scripts that print nothing themselves are left alone: the programs
 * they run (`git worktree add`, `pwd`) write to the hook's stdout.
 *
 * A warning, too, for a shell script that runs `git worktree add` as a plain
 * statement (not in an `if`, not before `||`/`&&`), never checks how commands
 * end (no `set -e`, no `$?`, no `trap … ERR`), and then prints the path
 * unconditionally: when the add fails the hook still exits 0 with a path, and
 * Claude Code is handed a worktree that does not exist.
 */
export default defineRule({
  meta: {
    id: 'worktree-path-missing',
    type: 'problem',
    severity: 'error',
    section: 6,
    needsHost: true,
    description: 'A WorktreeCreate command hook whose script prints no path on stdout (worktree creation fails), or prints one even when its git worktree add failed',
    messages: {
      json: 'script "{{script}}" prints only JSON on stdout ({{at}}): a WorktreeCreate hook must print the new worktree\'s path as its last stdout line, so Claude Code {{where}}takes the JSON as the path and worktree creation fails',
      nothing: 'script "{{script}}" prints nothing on stdout: a WorktreeCreate hook must print the new worktree\'s path as its last stdout line, so worktree creation {{where}}fails',
      masked: 'script "{{script}}" never checks whether `git worktree add` (line {{line}}) succeeded and prints the path anyway ({{at}}): when the add fails, the hook still exits 0 and Claude Code {{where}}is handed a worktree that does not exist',
    },
  },
  check(ctx) {
    if (!ctx.options.host) return;
    for (const h of ctx.model.handlers) {
      if (h.type !== 'command' || !h.event.spec || h.event.name !== 'WorktreeCreate') continue;
      const prints = handlerPrints(h, ctx.options);
      if (prints.length === 0 || eventContract(h.event.name).plainStdout !== 'path') continue;
      for (const p of prints) {
        const out = p.emissions.filter((e) => e.stream === 'stdout');
        const note = 'create the worktree (for example `git worktree add "$path"`) and print its absolute path as the last line of stdout; log to stderr';
        if (out.length > 0 && out.every((e) => e.kind === 'json')) {
          ctx.report({ messageId: 'json', data: { script: p.script.written, at: `line ${out[out.length - 1]!.line}` }, ...wordLocation(ctx, p.script.node, p.script.word), note });
          continue;
        }
        if (out.length > 0) {
          if (scriptLanguage(p.script, p.texts[0]?.text ?? '') !== 'shell') continue;
          const add = uncheckedShellCommand(p.texts[0]!.text, (w) => w[0] === 'git' && w.includes('worktree') && w[w.indexOf('worktree') + 1] === 'add');
          const path = add === undefined ? undefined : out.find((e) => e.file === p.script.absolute && e.line > add && !e.conditional && e.fn === undefined && e.kind !== 'json');
          if (add !== undefined && path)
            ctx.report({
              messageId: 'masked',
              severity: 'warning',
              data: { script: p.script.written, line: add, at: `line ${path.line}` },
              ...wordLocation(ctx, p.script.node, p.script.word),
              note: 'stop when the add fails (`set -e`, or `git worktree add … || exit 1`) so Claude Code reports the failure',
            });
          continue;
        }
        const languages = p.texts.map((t, i) => (i === 0 ? scriptLanguage(p.script, t.text) : undefined));
        if (languages[0] !== 'python' && languages[0] !== 'javascript') continue;
        if (p.texts.some((t) => mayPrintThroughOthers(t.text))) continue;
        ctx.report({ messageId: 'nothing', data: { script: p.script.written }, ...wordLocation(ctx, p.script.node, p.script.word), note });
      }
    }
  },
});

/**
 * True when a Python or JavaScript text may write to stdout through something
 * other than its own prints: a child process that inherits stdout, `os.system`,
 * `exec*`, a `pty`, writing to file descriptor 1, or `print` called by another
 * name.
 */
function mayPrintThroughOthers(text: string): boolean {
  if (/\bos\.(system|popen|exec\w*|spawn\w*|write)\s*\(|\bpty\b|\bstdio\s*:\s*(['"]inherit|\[[^\]]*inherit)|\bfs\.writeSync\s*\(\s*1\b|\bsys\.__stdout__|\bpprint\b|\bfileno\(\)/.test(text)) return true;
  for (const m of text.matchAll(/\bsubprocess\.(run|call|check_call|Popen)\s*\(/g)) {
    const call = text.slice(m.index, m.index + 600);
    if (!/\bstdout\s*=|\bcapture_output\s*=\s*True/.test(call)) return true;
  }
  return /\b(execSync|spawnSync|execFileSync)\s*\(/.test(text) && /stdio/.test(text);
}
