import { field } from '../model/model.js';
import { defineRule } from './rule.js';
import { scriptLanguage, scriptsOf, scriptText } from '../analysis/scripts.js';
import { wordLocation } from './util.js';

/** Magic numbers of native executables (ELF, Mach-O, PE): they need no shebang. */
const BINARY = /^(\x7fELF|\xcf\xfa\xed\xfe|\xce\xfa\xed\xfe|\xfe\xed\xfa[\xce\xcf]|\xca\xfe\xba\xbe|MZ)/;

/**
 * RULES.md §6 `missing-shebang`: a script run directly needs a `#!` line for
 * the kernel to know its interpreter. In shell form, a shebang-less file is
 * run by the shell itself (the ENOEXEC fallback), which works for shell
 * scripts, so those are not reported (no false error); Python, JavaScript
 * and Ruby scripts then fail with syntax errors (scripts of other languages are
 * left alone in shell form), and exec form cannot spawn any of them.
 */
export default defineRule({
  meta: {
    id: 'missing-shebang',
    type: 'problem',
    severity: 'error',
    section: 6,
    needsHost: true,
    description: 'A script run directly with no #! line',
    messages: {
      shell: 'script "{{script}}" has no "#!" line: {{where}}run directly it is executed by /bin/sh, which cannot run {{language}}',
      exec: 'script "{{script}}" has no "#!" line: {{where}}exec form cannot spawn it (exec format error)',
    },
  },
  check(ctx) {
    for (const h of ctx.model.handlers) {
      const exec = field(h, 'args') !== undefined;
      for (const s of scriptsOf(h, ctx.options)) {
        if (s.interpreter) continue;
        const text = scriptText(ctx.options, s.absolute);
        if (text === undefined || text.startsWith('#!') || text.startsWith('#\\!') || BINARY.test(text)) continue;
        const language = scriptLanguage(s, text);
        if (!exec && (language === 'shell' || language === 'other')) continue;
        ctx.report({ messageId: exec ? 'exec' : 'shell', data: { script: s.written, language: language === 'python' ? 'Python' : language === 'ruby' ? 'Ruby' : 'JavaScript' }, ...wordLocation(ctx, s.node, s.word) });
      }
    }
  },
});
