import { defineRule } from './rule.js';
import { commandHandlers } from './util.js';

/**
 * The parser errors (unbash 6 messages) that bash reports too, so that the shell
 * Claude Code starts (`sh -c`, or bash; SPEC.md §4.3, [uncertain] which) fails
 * before running anything: a quote, substitution or expansion left open, a
 * compound command without its closing word, a token where none may stand, an
 * operator with nothing after it, a redirection without its target. Checked
 * against `bash -n -c` on every command of the corpora and on hand-written
 * cases (test/rules.test.ts). Left out: unbash's `[[ … ]]` errors, since bash
 * accepts some of what unbash refuses there (`[[ -f x && ]]`), and anything else
 * it may report, so a command bash runs is never called broken.
 */
const BASH_AGREES = [
  /^unterminated (single quote|double quote|command substitution|backtick|parameter expansion|arithmetic expansion|process substitution|ANSI-C quote)\b/,
  /^expected '(fi|then|do|done|esac|in|\}|\))' to close '?(if|elif|for|while|until|case|brace group|subshell|select)'?/,
  /^unexpected token '(\)|\||\|\||&&|;|;;|&|then|else|elif|fi|do|done|esac|\})'$/,
  /^expected '(then|do)'$/,
  /^expected command (after '(&&|\|\||\||then|else|do|if|elif|while|until)'|in (brace group|subshell))$/,
  /^expected redirect target$/,
];

/** True when unbash's error `message` is one bash reports for the same text. */
export function bashAgrees(message: string): boolean {
  return BASH_AGREES.some((re) => re.test(message));
}

/**
 * Beyond RULES.md (issue 25): a shell-form command that does not parse as
 * shell (a stray quote, an `if` without `fi`). The shell exits with a syntax
 * error (status 2 in bash, which Claude Code takes for a block on events that
 * can block, SPEC.md §5.1) before running any of it, every time the hook fires.
 * Only parser errors bash reports too (`bashAgrees`); exec form (`args`) and
 * PowerShell commands are not shell-parsed.
 */
export default defineRule({
  meta: {
    id: 'shell-syntax-error',
    type: 'problem',
    severity: 'error',
    section: 5,
    description: 'A command that does not parse as shell (a stray quote, an unclosed if): it fails every time it runs',
    messages: {
      syntax: 'this command does not parse as shell ({{error}}): {{where}}the shell stops with a syntax error before running any of it, every time the hook fires',
    },
  },
  check(ctx) {
    for (const { node, shell } of commandHandlers(ctx)) {
      const error = shell?.errors.find((e) => bashAgrees(e.message));
      if (!error) continue;
      ctx.report({ messageId: 'syntax', data: { error: `${error.message} at character ${error.pos + 1}` }, node, note: 'check the quotes and brackets; `bash -n -c \'<command>\'` shows the error' });
    }
  },
});
