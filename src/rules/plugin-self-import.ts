import { basename, join } from 'node:path';
import { codeText } from '../analysis/script-parse.js';
import { scriptLanguage, scriptsOf, scriptText } from '../analysis/scripts.js';
import { isPluginFile } from '../model/types.js';
import { defineRule } from './rule.js';
import { wordLocation } from './util.js';

/**
 * Beyond RULES.md (issue 25; anthropics/claude-code#13792): a plugin's Python
 * script that puts the folder above the plugin on `sys.path` and imports the
 * plugin's own code through the plugin folder's name (`from hookify.core
 * import …` in a plugin at `…/hookify/`). That works in the source tree, but
 * Claude Code installs a plugin into a versioned cache folder
 * (`…/plugins/cache/<marketplace>/hookify/<version>/`), so the folder is no
 * longer named `hookify` and the import fails: the hook errors, or, with the
 * usual `except ImportError`, silently does nothing, every time.
 * Reported only when the import's name is the plugin folder's name, no folder
 * of that name sits inside the plugin (which `sys.path` could reach), the
 * script edits `sys.path` (so it is not an installed package), and either the
 * module after the name exists inside the plugin (its own code) or the script
 * puts the folder above `CLAUDE_PLUGIN_ROOT` on `sys.path` (`addsPluginParent`).
 */
/**
 * True when a Python script puts the folder above the plugin root on `sys.path`
 * (`os.path.dirname(PLUGIN_ROOT)` or `Path(PLUGIN_ROOT).parent` of a name read
 * from `CLAUDE_PLUGIN_ROOT`): it means to import the plugin by its folder's name.
 */
function addsPluginParent(masked: string): boolean {
  const ENV = `os\\.(?:environ(?:\\.get)?\\s*[[(]|getenv\\s*\\()\\s*['"]CLAUDE_PLUGIN_ROOT['"]`;
  const names = [...masked.matchAll(new RegExp(`^[ \\t]*([A-Za-z_]\\w*)\\s*=\\s*(?:Path\\()?${ENV}`, 'gm'))].map((m) => m[1]!);
  const roots = [ENV, ...names.map((n) => `\\b${n}\\b`)].join('|');
  return new RegExp(`os\\.path\\.dirname\\(\\s*(?:${roots})|Path\\(\\s*(?:${roots})[^)]*\\)\\s*\\.parent\\b`).test(masked) && /\bsys\.path\.(?:insert|append)\b/.test(masked);
}

export default defineRule({
  meta: {
    id: 'plugin-self-import',
    type: 'problem',
    severity: 'error',
    section: 7,
    needsHost: true,
    description: "A plugin script importing the plugin's own code through the plugin folder's name, which the versioned install folder breaks",
    messages: {
      selfImport:
        'script "{{script}}" imports the plugin\'s own code as "{{module}}" (line {{line}}), through the plugin folder\'s name: {{where}}Claude Code installs the plugin in a versioned folder (…/{{name}}/<version>/), where no folder is named "{{name}}", so the import fails every time',
    },
  },
  check(ctx) {
    const root = ctx.options.pluginRoot;
    if (!root || !isPluginFile(ctx.model.kind, root)) return;
    const name = basename(root);
    if (!/^[A-Za-z_]\w*$/.test(name)) return;
    const exists = (p: string) => ctx.options.host!.stat(p) !== undefined;
    // A folder of that name inside the plugin would satisfy the import from the plugin root itself.
    if (exists(join(root, name))) return;
    for (const h of ctx.model.handlers) {
      // `python3 x || python x` names one script twice: one finding per handler and script.
      const seen = new Set<string>();
      for (const s of scriptsOf(h, ctx.options)) {
        const text = scriptText(ctx.options, s.absolute);
        if (text === undefined || !text.includes(name) || scriptLanguage(s, text) !== 'python' || !/\bsys\.path\b/.test(text)) continue;
        const masked = codeText(text, 'python');
        const re = new RegExp(`^[ \\t]*(?:from[ \\t]+${name}\\.([A-Za-z_]\\w*)[\\w.]*[ \\t]+import\\b|import[ \\t]+${name}\\.([A-Za-z_]\\w*))`, 'm');
        const m = re.exec(masked);
        if (!m) continue;
        const sub = m[1] ?? m[2]!;
        if (!exists(join(root, sub)) && !exists(join(root, `${sub}.py`)) && !addsPluginParent(masked)) continue;
        if (seen.has(s.absolute)) continue;
        seen.add(s.absolute);
        const line = masked.slice(0, m.index).split('\n').length;
        ctx.report({
          messageId: 'selfImport',
          data: { script: s.written, module: `${name}.${sub}`, line, name },
          ...wordLocation(ctx, s.node, s.word),
          note: `put \${CLAUDE_PLUGIN_ROOT} itself on sys.path and import "${sub}" (from ${sub}… import …)`,
        });
      }
    }
  },
});
