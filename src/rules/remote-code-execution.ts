import { basename, filesWritten, scriptOf, type SimpleCommand } from '../analysis/command.js';
import { defineRule } from './rule.js';
import { commandHandlers, wordLocation } from './util.js';

const FETCHERS = new Set(['curl', 'wget']);
const RUNNERS = /^(sh|bash|zsh|dash|ksh|fish|python\d*(\.\d+)?|node|perl|ruby|php|eval|source|\.)$/;

/** True when `cmd` runs code it downloads: `curl … | sh`, `eval "$(curl …)"`, `bash <(wget -O- …)`. */
export function runsDownloadedCode(cmd: SimpleCommand): boolean {
  if (FETCHERS.has(basename(cmd.program)) && cmd.pipedTo && RUNNERS.test(basename(cmd.pipedTo.program))) return true;
  if (!RUNNERS.test(basename(cmd.program))) return false;
  return cmd.written.slice(1).some((w) => /(\$\(|<\(|`)\s*(curl|wget)\b/.test(w));
}

/** The files a download command saves (`curl -o f`, `curl -O URL`, `wget URL`, `curl URL > f`); none for other commands. */
function downloads(cmd: SimpleCommand): string[] {
  return FETCHERS.has(basename(cmd.program)) ? filesWritten(cmd) : [];
}

/** The file among `saved` that `cmd` runs (as its program, or as the script of an interpreter), if any. */
function runsSaved(cmd: SimpleCommand, saved: ReadonlySet<string>): string | undefined {
  const strip = (p: string) => p.replace(/^\.\//, '');
  const candidates = [cmd.program, scriptOf(cmd)?.path].filter((p): p is string => p !== undefined);
  if (RUNNERS.test(basename(cmd.program))) candidates.push(...cmd.args.filter((a) => !a.startsWith('-')).slice(0, 1));
  return candidates.map(strip).find((p) => saved.has(p));
}

/**
 * RULES.md §5 `remote-code-execution`: a hook that pipes a download into an
 * interpreter, or downloads a file and then runs it (`curl -o f URL && bash f`),
 * runs whatever the server returns, on every event, with the user's
 * permissions and no review.
 */
export default defineRule({
  meta: {
    id: 'remote-code-execution',
    type: 'problem',
    severity: 'warning',
    section: 5,
    description: 'A hook that runs downloaded code (curl ... | sh, eval "$(curl ...)", curl -o f ... && sh f)',
    messages: {
      rce: 'this hook runs code downloaded at run time ({{what}}): {{where}}whatever the server returns executes with your permissions on every {{event}}',
    },
  },
  check(ctx) {
    for (const { h, node, commands } of commandHandlers(ctx)) {
      const saved = new Set<string>();
      for (const cmd of commands) {
        const file = runsDownloadedCode(cmd) ? undefined : runsSaved(cmd, saved);
        for (const f of downloads(cmd)) saved.add(f.replace(/^\.\//, ''));
        if (!runsDownloadedCode(cmd) && file === undefined) continue;
        const what = file !== undefined ? `${basename(cmd.program)} of the downloaded ${file}` : cmd.pipedTo && FETCHERS.has(basename(cmd.program)) ? `${basename(cmd.program)} | ${basename(cmd.pipedTo.program)}` : `${basename(cmd.program)} of a download`;
        ctx.report({ messageId: 'rce', data: { what, event: h.event.name }, ...wordLocation(ctx, node, cmd.words[0]), note: 'download the script once, review it, and commit it with the config' });
      }
    }
  },
});
