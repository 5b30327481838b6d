import { defineRule } from './rule.js';
import { type HandlerEmission } from '../analysis/script-output.js';
import { eventContract, isAsyncAnswer } from '../model/contract.js';
import { scriptPrinters, wordLocation } from './util.js';

/**
 * SPEC.md §13.4 "What counts as JSON": Claude Code reads stdout as JSON only
 * when the whole of it, trimmed, starts with `{` and ends with `}`. Text
 * printed before or after the JSON on the same path (`Checking…`, then the
 * decision) makes the whole output plain text: the decision is never read.
 *
 * Reported when the text proves both prints are on one path: in the same
 * function (or both at the top level), the second later than the first, no
 * exit, `return` or `raise` ends the first's path, and one of the two runs on
 * every path of the function (not under a condition).
 * The async first-line protocol (`{"async": true}` on the first line, the
 * answer after it) is left alone, and so are prints to stderr, which is where
 * progress text belongs.
 */
export default defineRule({
  meta: {
    id: 'output-not-json',
    type: 'problem',
    severity: 'warning',
    section: 6,
    needsHost: true,
    description: 'A script prints text before or after its JSON answer on the same path: Claude Code reads it all as plain text',
    messages: {
      mixed: 'script "{{script}}" prints text ({{text}}) {{order}} its JSON answer ({{json}}): the whole stdout is then plain text, so Claude Code {{where}}never reads the answer{{effect}}',
    },
  },
  check(ctx) {
    for (const { spec, prints } of scriptPrinters(ctx)) {
      const row = eventContract(spec.name);
      if (row.ignoresOutput || row.plainStdout === 'path') continue;
      for (const p of prints) {
        if (p.emissions.some((e) => e.kind === 'json' && e.json && isAsyncAnswer(e.json))) continue;
        const out = p.emissions.filter((e) => e.stream === 'stdout' && e.file === p.script.absolute);
        const pair = mixedPair(out);
        if (!pair) continue;
        const [first, second] = pair;
        const text = first.kind === 'text' ? first : second;
        const json = first.kind === 'json' ? first : second;
        const deciding = json.json && ['decision', 'continue', 'hookSpecificOutput'].some((k) => k in json.json!);
        ctx.report({
          messageId: 'mixed',
          data: {
            script: p.script.written,
            text: `line ${text.line}`,
            json: `line ${json.line}`,
            order: text === first ? 'before' : 'after',
            effect: deciding ? ' and its decision has no effect' : '',
          },
          ...wordLocation(ctx, p.script.node, p.script.word),
          note: 'print only the JSON object on stdout; write progress and logs to stderr',
        });
      }
    }
  },
});

/** The first pair of a text print and a JSON print (either order) that one path of the script makes. */
function mixedPair(out: readonly HandlerEmission[]): [HandlerEmission, HandlerEmission] | undefined {
  for (const a of out) {
    if (a.exit !== undefined || a.endsPath || (a.kind !== 'text' && a.kind !== 'json')) continue;
    if (a.kind === 'text' && !/[A-Za-z]{2}/.test(a.text ?? '')) continue;
    for (const b of out) {
      // One of the two runs on every path of their function: after a (which does not end its path), b runs too.
      if (b.line <= a.line || b.fn !== a.fn || (a.conditional && b.conditional)) continue;
      if (a.kind === 'text' ? b.kind === 'json' : b.kind === 'text' && /[A-Za-z]{2}/.test(b.text ?? '')) return [a, b];
    }
  }
  return undefined;
}
