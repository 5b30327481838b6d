import { defineRule } from './rule.js';
import { codeFacts, mentionsInCode } from '../analysis/script-exits.js';
import { handlerPrints } from '../analysis/script-output.js';
import { linkedTexts } from '../analysis/script-links.js';
import { fileLanguage, forwardedArgs, placeholdersOf, scriptLanguage, scriptsOf, scriptText } from '../analysis/scripts.js';
import { wordLocation } from './util.js';

/** A file write in a script: shell redirection or mv/sed -i/touch/tee, Python open(…, 'w')/write_text/json.dump, Node writeFile. */
const WRITES = /(^|[^<>&0-9])>>?\s*["']?[$\w./~-]|\b(mv|touch|tee|cp)\s|\bsed\s+-i\b|\bopen\([^)]*,\s*['"][wax]b?\+?['"]|\.write_text\(|\.write_bytes\(|\bjson\.dump\(|\.touch\(|\b(write|append)FileSync\(|\bfs(\.promises)?\.(write|append)File\(|\bwriteFile\(/;
/** A file read or test: shell -f/-e tests, cat/grep/read of a file; Python exists/open/read_text/json.load; Node existsSync/readFileSync. */
const READS = /\[\[?\s+!?\s*-[efs]\s|\btest\s+-[efs]\s|\bcat\s+["']?\$|\$\(<|\bgrep\b.*["']\$\w+|\bread\b.*<\s*["']?\$|\.exists\(\)|os\.path\.(exists|isfile)\(|\bopen\(|\.read_text\(|\bjson\.load\(|\bexistsSync\(|\breadFileSync\(|\bfs(\.promises)?\.readFile\(/;
/** Names of a retry count, phase or marker kept in a file. */
const STATE = /state|count|counter|attempt|retr(y|ies)|iteration|phase|tries|marker|sentinel|flag|once|blocked|last[_-]?(run|block|stop)|cooldown|loop/i;

/**
 * True when a script keeps its own count, phase or marker in a file and reads
 * it back: a line names state (`STATE_FILE`, `retry_count`, `.phase`) next to a
 * file read or write, and the script both writes and reads files. Such a Stop
 * hook bounds itself (it blocks once per phase, or N times), whatever
 * `stop_hook_active` says.
 */
export function keepsStateFile(text: string): boolean {
  if (!WRITES.test(text) || !READS.test(text)) return false;
  return text.split('\n').some((l) => STATE.test(l) && (WRITES.test(l) || READS.test(l)));
}

/**
 * RULES.md §6 `stop-hook-loop`; SPEC.md §1.2 (Stop), §9 #14: a Stop hook
 * that blocks makes Claude continue, which ends in another Stop; a script
 * that can block and never reads `stop_hook_active` loops until the block cap
 * (8 by default). The script is read with what it runs: the scripts it execs
 * and its local modules (`import`/`from` of a sibling Python module,
 * `require`/`import` of a relative path, shell `source`/`.`), so a check or a
 * block in a helper module counts. A script that keeps its own retry count or
 * phase in a state file (`keepsStateFile`) is bounded: quiet. One finding per
 * handler.
 */
export default defineRule({
  meta: {
    id: 'stop-hook-loop',
    type: 'problem',
    severity: 'warning',
    section: 6,
    needsHost: true,
    description: 'A Stop/SubagentStop script that can block and never reads stop_hook_active',
    messages: {
      loop: 'script "{{script}}" can block {{event}} ({{how}}) but never reads "stop_hook_active": {{where}}it blocks again on every retry, up to the block cap',
    },
  },
  check(ctx) {
    for (const h of ctx.model.handlers) {
      if (h.event.name !== 'Stop' && h.event.name !== 'SubagentStop') continue;
      for (const s of scriptsOf(h, ctx.options)) {
        const text = scriptText(ctx.options, s.absolute);
        if (text === undefined) continue;
        const language = scriptLanguage(s, text);
        const files = linkedTexts({ path: s.absolute, text, language }, forwardedArgs(s, ctx.options), ctx.options, fileLanguage, placeholdersOf(ctx.options));
        // A literal `"decision": "block"` anywhere in the code, or a print the script-output analysis reads as one.
        const printsBlock = () =>
          files.some((f) => codeFacts(f.text, f.language).blocks) ||
          handlerPrints(h, ctx.options).some((p) => p.script === s && p.emissions.some((e) => e.stream === 'stdout' && e.json?.decision === 'block'));
        const how = files.some((f) => codeFacts(f.text, f.language).exits.has(2)) ? 'exit 2' : printsBlock() ? '"decision": "block"' : undefined;
        // Only a script that can block needs its reads of stop_hook_active (a parse, for what is code and what is a comment).
        if (!how || files.some((f) => mentionsInCode(f.text, f.language, 'stop_hook_active')) || files.some((f) => keepsStateFile(f.text))) continue;
        ctx.report({
          messageId: 'loop',
          data: { script: s.written, event: h.event.name, how },
          ...wordLocation(ctx, s.node, s.word),
          note: 'read stop_hook_active from the hook input and exit 0 when it is true',
        });
        break;
      }
    }
  },
});
