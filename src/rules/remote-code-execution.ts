import { basename, type SimpleCommand } from '../core/command.js';
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

/**
 * RULES.md §5 `remote-code-execution`: a hook that pipes a download into an
 * interpreter runs whatever the server returns, on every event, with the
 * user's permissions and no review.
 */
export default defineRule({
  meta: {
    id: 'remote-code-execution',
    type: 'problem',
    severity: 'warning',
    section: 5,
    description: 'A hook that runs downloaded code (curl ... | sh, eval "$(curl ...)")',
    messages: {
      rce: 'this hook runs code downloaded at run time ({{what}}): whatever the server returns executes with your permissions on every {{event}}',
    },
  },
  check(ctx) {
    for (const { h, node, commands } of commandHandlers(ctx)) {
      for (const cmd of commands) {
        if (!runsDownloadedCode(cmd)) continue;
        const what = cmd.pipedTo && FETCHERS.has(basename(cmd.program)) ? `${basename(cmd.program)} | ${basename(cmd.pipedTo.program)}` : `${basename(cmd.program)} of a download`;
        ctx.report({ messageId: 'rce', data: { what, event: h.event.name }, ...wordLocation(ctx, node, cmd.words[0]), note: 'download the script once, review it, and commit it with the config' });
      }
    }
  },
});
