import { isAbsolute } from 'node:path';
import { basename, scriptOf } from '../analysis/command.js';
import { cwdPaths } from '../analysis/script-paths.js';
import { scriptLanguage, scriptsOf, scriptText } from '../analysis/scripts.js';
import { field } from '../model/model.js';
import { defineRule, type RuleContext } from './rule.js';
import { commandHandlers, wordLocation } from './util.js';
import { isPluginFile } from '../model/types.js';

/**
 * RULES.md §5 `relative-script-path`; SPEC.md §4.3: hooks run in the current
 * directory, which follows Claude's `cd`, so `./x.sh` or `scripts/x.py` stops
 * resolving as soon as the session changes directory. Not reported after a
 * `cd` earlier in the same command (the author pinned the directory).
 *
 * The scripts a handler runs are read too (issue 25): a file a script opens
 * by a cwd-relative path (`>> .claude/hooks.log`, `Path(".cattoolkit/x.log")`,
 * `fs.readFileSync("logs/x.json")`) drifts the same way. Only paths the file
 * proves are the project's: under `.claude/`, or where a command of the same
 * file names that file or its folder under `$CLAUDE_PROJECT_DIR`. Left alone:
 * SessionStart and Setup hooks (they run where the session started), a script
 * that changes directory itself (`cd`, `os.chdir`,
 * `process.chdir`), a handler whose command does (`cd "$CLAUDE_PROJECT_DIR" &&
 * x.sh`), and a path built at run time.
 */
export default defineRule({
  meta: {
    id: 'relative-script-path',
    type: 'problem',
    severity: 'warning',
    section: 5,
    fixable: 'suggest',
    description: 'A script referenced by a relative path (breaks once the session changes directory)',
    messages: {
      relative: '"{{script}}" is relative to the directory the hook runs in, which follows Claude\'s cd; write {{suggestion}}',
      inScript: 'script "{{script}}" opens "{{path}}" relative to the directory the hook runs in ({{at}}), which follows Claude\'s cd: after a cd into a subfolder it reaches another file, or none',
    },
  },
  check(ctx) {
    const plugin = isPluginFile(ctx.model.kind, ctx.options.pluginRoot);
    if (ctx.options.host) checkScripts(ctx);
    const root = plugin ? '${CLAUDE_PLUGIN_ROOT}' : '"$CLAUDE_PROJECT_DIR"';
    for (const { h, node, commands } of commandHandlers(ctx)) {
      const exec = field(h, 'args') !== undefined;
      for (const cmd of commands) {
        const prog = basename(cmd.program);
        if (prog === 'cd' || prog === 'pushd') break;
        const s = scriptOf(cmd);
        if (!s?.path || isAbsolute(s.path) || /^[A-Za-z]:[\\/]/.test(s.path)) continue;
        const rel = s.path.replace(/^\.\//, '');
        const suggestion = exec ? `\${CLAUDE_${plugin ? 'PLUGIN_ROOT' : 'PROJECT_DIR'}}/${rel}` : `${root}/${rel}`;
        const loc = wordLocation(ctx, node, s.word);
        const raw = loc.span ? ctx.doc.text.slice(loc.span.offset, loc.span.offset + loc.span.length) : undefined;
        ctx.report({
          messageId: 'relative',
          data: { script: s.written, suggestion },
          ...loc,
          ...(loc.span && raw === s.written
            ? { suggestions: [{ title: `use ${suggestion}`, edits: [{ range: [loc.span.offset, loc.span.offset + loc.span.length] as [number, number], text: JSON.stringify(suggestion).slice(1, -1) }] }] }
            : {}),
        });
      }
    }
  },
});

/**
 * The project paths a file's commands name under `$CLAUDE_PROJECT_DIR`
 * (`>> "$CLAUDE_PROJECT_DIR/.cattoolkit/context/context.log"`), as relative
 * paths: a script of the same file that opens one of them, or a file in the
 * same folder, by a cwd-relative path means the project's file.
 */
function projectPaths(ctx: RuleContext): string[] {
  const out: string[] = [];
  for (const { node } of commandHandlers(ctx)) {
    const text = (node as { value?: unknown }).value;
    if (typeof text !== 'string') continue;
    for (const m of text.matchAll(/\$\{?CLAUDE_PROJECT_DIR\}?"?\/([\w.@+-][\w.@+/-]*)/g)) out.push(m[1]!.replace(/\/+$/, ''));
  }
  return out;
}

/** The project's file written in each language (the variable reaches every hook, SPEC.md §4.3). */
const ANCHORED = {
  shell: (p: string) => `"$CLAUDE_PROJECT_DIR/${p}"`,
  python: (p: string) => `os.path.join(os.environ["CLAUDE_PROJECT_DIR"], "${p}")`,
  javascript: (p: string) => `path.join(process.env.CLAUDE_PROJECT_DIR, "${p}")`,
};

/** Where a project path's file sits: its folder, or '' at the top. */
const folderOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');

/** The cwd-relative paths the scripts of the file's command handlers open (see the rule's docstring). */
function checkScripts(ctx: RuleContext<'inScript'>): void {
  const named = projectPaths(ctx);
  const project = (p: string) => p.startsWith('.claude/') || named.some((x) => p === x || (folderOf(p) !== '' && folderOf(p) === folderOf(x)));
  for (const { h, node, commands } of commandHandlers(ctx)) {
    // SessionStart and Setup run as the session starts, in the folder it started in (the project's);
    // a SessionStart after /clear or compaction may follow a cd [uncertain]: left alone.
    if (h.event.name === 'SessionStart' || h.event.name === 'Setup') continue;
    if (commands.some((c) => basename(c.program) === 'cd' || basename(c.program) === 'pushd')) continue;
    const seen = new Set<string>();
    for (const s of scriptsOf(h, ctx.options)) {
      if (seen.has(s.absolute)) continue;
      seen.add(s.absolute);
      const text = scriptText(ctx.options, s.absolute);
      if (text === undefined) continue;
      const language = scriptLanguage(s, text);
      const found = cwdPaths(text, language);
      if (found.changesDir) continue;
      const hit = found.paths.find((p) => project(p.path));
      if (!hit) continue;
      ctx.report({
        messageId: 'inScript',
        data: { script: s.written, path: hit.path, at: `line ${hit.line}` },
        ...wordLocation(ctx, node, s.word),
        note: `anchor it to the project: ${ANCHORED[language as keyof typeof ANCHORED]?.(hit.path) ?? `"$CLAUDE_PROJECT_DIR/${hit.path}"`} (or the input's "cwd" when the current folder is meant)`,
      });
    }
  }
}
