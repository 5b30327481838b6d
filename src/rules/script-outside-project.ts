import { dirname, join } from 'node:path';
import { basename, scriptOf, type ScriptRef, type SimpleCommand } from '../analysis/command.js';
import { checkoutOf, fileNamesUnder, homePathOf, machineLocal, scriptsOf, scriptText, type Checkout, type HomePath, type ScriptHost } from '../analysis/scripts.js';
import { stringValue } from '../formats/parse.js';
import { isFrontmatterKind, isPluginFile, type Suggestion } from '../model/types.js';
import { eventContract } from '../model/contract.js';
import { defineRule, type RuleContext } from './rule.js';
import { commandHandlers, exitTwoReader, jsonInner, wordLocation, type CommandHandler } from './util.js';

/**
 * RULES.md §6 `script-outside-project`; SPEC.md §4.1 (which files are shared),
 * §5.1 (a missing script exits 127: a non-blocking hook error, "so a policy gate
 * is silently off"). A shared file (committed project settings, a plugin's hooks,
 * a skill's or agent's frontmatter in a project or plugin) runs on every user's
 * machine, so a script it names must come with it. Reported, for a script path:
 *
 * - one checkout of the project written out (`/home/me/proj/.claude/hooks/x.py`,
 *   `~/work/proj/…`) whose tail is a file of the project: the suggestion is
 *   `"$CLAUDE_PROJECT_DIR"/<tail>` (`${CLAUDE_PLUGIN_ROOT}` in a plugin), and the
 *   script analysis already reads the project's file (`checkoutOf`);
 * - under a home directory (`/Users/<u>/…`, `/home/<u>/…`, `/root/…`,
 *   `C:\Users\<u>\…`, `~/…`, `$HOME/…`) and provided nowhere by the project.
 *
 * Left alone, as deliberate: user, local and managed settings and a user's own
 * skills (`machineLocal`); copies and templates Claude Code does not read where
 * they sit; a path whose tail, or whose file name, the project ships anywhere
 * (a dotfiles repository installed into `~`, an installer that copies the
 * script there); a project that is a home-directory mirror (dotfiles markers);
 * calls the command guards (`[ -f … ] &&`, `test -x`, `command -v`, `|| true`,
 * `|| exit 0`, a later `exit 0`); programs that are no script (no interpreter,
 * no script extension, not under `.claude/` or a `hooks/` folder:
 * `~/.local/bin/tool`, found like any installed program).
 */
export default defineRule({
  meta: {
    id: 'script-outside-project',
    type: 'problem',
    severity: 'warning',
    section: 6,
    needsHost: true,
    fixable: 'suggest',
    description: 'A shared config runs a script from a home directory that the project does not provide (missing on every other machine)',
    messages: {
      checkout:
        '"{{script}}" is the path of one checkout of this {{scope}} ({{root}}): on every other machine the file is missing and {{failure}}; write {{suggestion}}',
      missing: '"{{script}}" is {{whose}}, and this {{scope}} does not provide it: {{shared}} run on every machine, and wherever the file is missing {{failure}}',
    },
  },
  check(ctx) {
    const o = ctx.options;
    const host = o.host!;
    if (!sharedFile(ctx)) return;
    const plugin = isPluginFile(ctx.model.kind, o.pluginRoot);
    const scope = plugin ? 'plugin' : 'project';
    const shared = plugin ? "a plugin's hooks" : isFrontmatterKind(ctx.model.kind) ? `the hooks of a ${ctx.model.kind} the project ships` : 'committed project settings';
    let mirror: boolean | undefined;
    for (const ch of commandHandlers(ctx)) {
      const commandText = stringValue(ch.node);
      ch.commands.forEach((cmd, i) => {
        const s = scriptOf(cmd);
        const home = s && homePathOf(s.written);
        if (!s || !home || !scriptLike(s, home) || guarded(ch, cmd, i, s.written, commandText)) return;
        const failure = failureOf(s, ch.h.event.name, !!ch.h.event.spec?.canBlock);
        const loc = wordLocation(ctx, ch.node, s.word);
        // A home-directory mirror (a dotfiles repository) is meant to be installed into `~`: its paths
        // under the home directory are where it lives, even through a checkout named like the project.
        mirror ??= homeMirror(host, [o.projectRoot, o.pluginRoot]);
        if (mirror) return;
        const checkout = checkoutOf(home, o);
        if (checkout) {
          const suggestion = placeholderPath(checkout, ch.shell === undefined, quotedWord(s, commandText));
          ctx.report({
            messageId: 'checkout',
            data: { script: s.written, scope, root: checkout.root, failure, suggestion },
            ...loc,
            note: `the ${scope}'s own file is ${checkout.absolute}`,
            ...suggestionFor(ctx, ch, s, commandText, checkout, suggestion),
          });
          return;
        }
        if (provided(host, o, home, ctx.options.filePath) || installedByConfig(ctx, home)) return;
        ctx.report({
          messageId: 'missing',
          data: {
            script: s.written,
            whose: home.form === 'home' ? "in the home directory of whoever runs the hook" : `in one user's home directory (${home.home})`,
            scope,
            shared,
            failure,
          },
          ...loc,
          note: plugin
            ? 'ship the script in the plugin and run it as ${CLAUDE_PLUGIN_ROOT}/…, or guard the call (if [ -f … ]; then …; fi)'
            : 'ship the script in the project and run it as "$CLAUDE_PROJECT_DIR"/…, guard the call (if [ -f … ]; then …; fi), or move this hook to ~/.claude/settings.json or .claude/settings.local.json, which are not shared',
        });
      });
    }
  },
});

/** Shells: run on a missing file, or asked to run one directly, they exit 127. */
const SHELLS = /^(bash|sh|zsh|dash|ksh|fish)$/;

/**
 * What a missing script makes of the hook (SPEC.md §5.1, §9 #7, §13.3, §13.4):
 * the shell exits 127 when it runs it directly or through a shell; python exits
 * 2 (on an event that can block, it blocks every time; elsewhere Claude or the
 * user sees the error, per SPEC.md §1.2, or nothing happens); other
 * interpreters fail with codes SPEC.md does not settle. An exit other than 0
 * and 2 is a non-blocking hook error, fails WorktreeCreate and WorktreeRemove,
 * and is ignored by fire-and-forget events.
 */
function failureOf(s: ScriptRef, event: string, canBlock: boolean): string {
  const interp = s.interpreter ?? '';
  const row = eventContract(event);
  // python exits 2 on a missing file: what exit 2 does on the event (SPEC.md §1.2: who reads its stderr).
  if (/^python/.test(interp)) {
    const reader = row.ignoresOutput ? undefined : exitTwoReader(row.exitTwoStderr);
    if (!reader) return `${interp} exits 2 and the hook does nothing`;
    if (canBlock) return `${interp} exits 2 on a missing file, which blocks ${event} every time the hook runs and shows ${reader} the error`;
    return reader === 'Claude' ? `${interp} exits 2, and Claude is shown the error after every matching call` : `${interp} exits 2, and the user sees the error every time the hook runs`;
  }
  // [uncertain] How other interpreters exit on a missing file (node 1, uv run likely 2): only that they fail is said.
  if (interp !== '' && !SHELLS.test(interp)) return `${interp} fails every time the hook runs`;
  const exits = 'the command exits 127';
  if (row.ignoresOutput || row.otherExit === 'ignored') return `${exits} and the hook does nothing`;
  if (row.otherExit === 'fails') return `${exits}, which fails every ${event}`;
  return `${exits} (a non-blocking hook error on every ${event}), so the hook does nothing`;
}

/**
 * True when the file is shared with everyone who uses the project or plugin
 * and Claude Code reads it where it sits: committed project settings, a
 * plugin's hooks and manifest, a skill or agent of a project or plugin.
 */
function sharedFile(ctx: RuleContext): boolean {
  const o = ctx.options;
  if (o.inPlace === false || o.unloaded !== undefined || machineLocal(o)) return false;
  const kind = ctx.model.kind;
  // A hooks/hooks.json with no plugin manifest beside it may be no plugin at all (a copy of
  // ~/.claude, another tool's file): only a plugin that says it is one is known to be shared.
  if (kind === 'plugin-hooks') return o.pluginRoot !== undefined && o.host?.stat(join(o.pluginRoot, '.claude-plugin', 'plugin.json'))?.isFile === true;
  return kind === 'project-settings' || kind === 'plugin-manifest' || isFrontmatterKind(kind);
}

const SCRIPT_EXT = /\.(sh|bash|zsh|py|pyw|js|mjs|cjs|ts|mts|cts|rb|pl|php|ps1|nu|fish)$/i;

/**
 * A script rather than an installed program: run through an interpreter, named
 * with a script extension, or kept under `.claude/` or a `hooks/` folder.
 */
function scriptLike(s: ScriptRef, home: HomePath): boolean {
  return s.interpreter !== undefined || SCRIPT_EXT.test(home.segments[home.segments.length - 1]!) || home.segments.some((x) => x === '.claude' || x === 'hooks');
}

/** `~`, `$HOME` and `${HOME}` written alike, quotes removed: for comparing paths as written. */
function canonical(path: string): string {
  return path.replace(/["']/g, '').replace(/^(\$HOME|\$\{HOME\})(?=\/|$)/, '~');
}

/** A file test's operand (`[ -f X ]`, `[[ -x X ]]`, `test -e X`), quotes kept for `canonical`. */
const FILE_TEST = /(?:\[\[?|\btest)\s+(?:!\s+)?-[efxrsdL]\s+((?:"[^"]*"|'[^']*'|[^\s\]"';&|)]+)+)/g;

/**
 * True when the command makes a missing script harmless or shows it expects
 * one: a file test on the script or a folder above it, `command -v`/`which`/
 * `type` on it, a fallback after it (`|| true`, `|| exit 0`, `|| other`), or a
 * later `exit 0` / `true` that sets the hook's exit status instead.
 */
function guarded(ch: CommandHandler, cmd: SimpleCommand, i: number, written: string, commandText: string | undefined): boolean {
  const target = canonical(written);
  const covers = (operand: string) => {
    const p = canonical(operand).replace(/\/+$/, '');
    return p !== '' && (p === target || target.startsWith(p + '/'));
  };
  if (commandText !== undefined) for (const m of commandText.matchAll(FILE_TEST)) if (covers(m[1]!)) return true;
  return ch.commands.some((c, j) => {
    if (c.fallbackFor.includes(cmd)) return true;
    const prog = basename(c.program);
    if ((prog === 'command' || prog === 'which' || prog === 'type') && c.written.slice(1).some((w) => covers(w))) return true;
    return j > i && !c.substituted && ((prog === 'exit' && c.args[0] === '0') || prog === 'true' || prog === ':');
  });
}

/**
 * True when the project, plugin or the config's own folders hold the script
 * at some tail of its path (`~/.claude/hooks/x.sh` from a repository that has
 * `.claude/hooks/x.sh` or `hooks/x.sh`: installed there), or a file of its name
 * anywhere (an installer copies it).
 */
function provided(host: ScriptHost, o: RuleContext['options'], home: HomePath, filePath: string): boolean {
  const roots = [o.projectRoot, o.pluginRoot].filter((r): r is string => r !== undefined);
  const bases = new Set(roots);
  // The config's own folder and those above it, up to a root: a skill names its own files from ~/.claude/skills/<name>/.
  for (let d = dirname(filePath); roots.some((r) => d.startsWith(r + '/')) && !bases.has(d); d = dirname(d)) bases.add(d);
  for (let k = 0; k < home.segments.length; k++)
    for (const base of bases) if (host.stat(join(base, ...home.segments.slice(k)))?.isFile) return true;
  const name = home.segments[home.segments.length - 1]!;
  return roots.some((r) => fileNamesUnder(host, r).has(name));
}

/** Programs that put files in a folder: a hook of the same config that runs one into the script's folder installs it. */
const WRITERS = new Set(['mkdir', 'cp', 'mv', 'install', 'ln', 'curl', 'wget', 'git', 'tar', 'unzip', 'rsync', 'tee']);

/**
 * True when the config itself puts the script in place: a hook command writes
 * into its folder (`mkdir -p ~/.tool && curl -o ~/.tool/hook.sh …`, `git clone …
 * ~/.tool`), or a script one of its hooks runs writes into that folder under
 * the home directory (`~/.tool/bin`, `$HOME/.tool/bin`, `${HOME}/.tool/bin`;
 * `writesInto`): a setup hook that downloads or copies it there.
 */
function installedByConfig(ctx: RuleContext, home: HomePath): boolean {
  if (home.segments.length < 2) return false;
  const dir = home.segments.slice(0, -1).join('/');
  const folder = canonical(home.form === 'home' ? `~/${dir}` : `${home.home}/${dir}`);
  const inFolder = (w: string) => {
    const p = canonical(w);
    return p === folder || p.startsWith(folder + '/');
  };
  for (const ch of commandHandlers(ctx)) for (const c of ch.commands) if (WRITERS.has(basename(c.program)) && c.written.slice(1).some(inFolder)) return true;
  const escaped = dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const named = home.form === 'home' ? new RegExp(`(?:~|\\$HOME|\\$\\{HOME\\}|"\\$HOME")/${escaped}(?![\\w.-])`) : new RegExp(`${home.home.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/${escaped}(?![\\w.-])`);
  for (const h of ctx.model.handlers)
    for (const s of scriptsOf(h, ctx.options)) {
      const text = scriptText(ctx.options, s.absolute);
      if (text !== undefined && named.test(text) && writesInto(text, named)) return true;
    }
  return false;
}

/** Words of code that put a file in place (shell, Python, Node). */
const WRITE = /\b(mkdir|cp|mv|install|ln|curl|wget|git\s+clone|rsync|tar|unzip|tee|makedirs|mkdirSync|copyFileSync|writeFileSync|copyfile|copy2|copytree|symlink|symlinkSync|urlretrieve|download)\b/;

/**
 * True when a script writes into the folder `named` matches: on a line (not a
 * comment) that names it, or through a variable set to it (`BIN="$HOME/.tool/bin"`,
 * then `mkdir -p "$BIN"`). A mention alone (a comment saying the script lives
 * elsewhere) is not an install.
 */
function writesInto(text: string, named: RegExp): boolean {
  const lines = text.split('\n').filter((l) => !/^\s*(#|\/\/|\/?\*)/.test(l));
  for (const line of lines) {
    if (!named.test(line)) continue;
    if (WRITE.test(line)) return true;
    const v = /^\s*(?:export\s+|local\s+|readonly\s+|const\s+|let\s+|var\s+)?([A-Za-z_]\w*)\s*=/.exec(line)?.[1];
    if (v === undefined) continue;
    const use = new RegExp(`\\$\\{?${v}\\b|\\b${v}\\b`);
    if (lines.some((l) => l !== line && use.test(l) && WRITE.test(l))) return true;
  }
  return false;
}

/** Files and folders only a home directory holds: a repository with them at its root is a dotfiles mirror of `~`. */
const HOME_MARKERS = ['.bashrc', '.bash_profile', '.zshrc', '.zprofile', '.zshenv', '.profile', '.gitconfig', '.vimrc', '.tmux.conf', '.inputrc', '.chezmoiroot', '.stowrc', '.stow-local-ignore'];

/**
 * True when the project is a copy of a home directory (a dotfiles repository,
 * whose `.claude/settings.json` is installed as the user's settings): a shell or
 * tool start-up file (`.zshrc`, `.gitconfig`, a stow or chezmoi marker) at its
 * root, or a folder named `dotfiles`. (`.config/` alone is no sign: projects keep
 * tool settings there.)
 */
function homeMirror(host: ScriptHost, roots: (string | undefined)[]): boolean {
  return roots.some((r) => r !== undefined && (/dot-?files/i.test(basename(r)) || HOME_MARKERS.some((m) => host.stat(join(r, m)) !== undefined)));
}

/**
 * The path of the project's file with the placeholder for its root, written as
 * the word was: shell form `"$CLAUDE_PROJECT_DIR"/<tail>` (in a plugin
 * `${CLAUDE_PLUGIN_ROOT}/<tail>`, as relative-script-path writes them), a word
 * in double quotes `"$CLAUDE_PROJECT_DIR/<tail>"`, exec form `${…}/<tail>`.
 */
function placeholderPath(c: Checkout, exec: boolean, quoted: boolean): string {
  const plugin = c.placeholder === 'CLAUDE_PLUGIN_ROOT';
  if (exec) return `\${${c.placeholder}}/${c.tail}`;
  if (quoted) return plugin ? `"\${${c.placeholder}}/${c.tail}"` : `"$${c.placeholder}/${c.tail}"`;
  return plugin ? `\${${c.placeholder}}/${c.tail}` : `"$${c.placeholder}"/${c.tail}`;
}

/** True when the script word is written in double quotes as a whole (`"/home/me/proj/x.py"`). */
function quotedWord(s: ScriptRef, commandText: string | undefined): boolean {
  const w = s.word;
  return commandText !== undefined && w?.pos !== undefined && w.end !== undefined && commandText.slice(w.pos, w.end) === `"${w.written}"`;
}

/**
 * The suggestion that rewrites the script word to `suggestion`, where the word
 * sits in a JSON string exactly as the command has it (written plainly or in
 * double quotes, with a tail that needs no quoting); none in frontmatter or
 * exec form.
 */
function suggestionFor(ctx: RuleContext, ch: CommandHandler, s: ScriptRef, commandText: string | undefined, c: Checkout, suggestion: string): { suggestions: Suggestion[] } | Record<string, never> {
  const w = s.word;
  if (isFrontmatterKind(ctx.model.kind) || commandText === undefined || ch.shell === undefined || w?.pos === undefined || w.end === undefined) return {};
  if (!/^[\w@%+=:,./-]+$/.test(c.tail)) return {};
  const slice = commandText.slice(w.pos, w.end);
  if (slice !== w.written && slice !== `"${w.written}"`) return {};
  const loc = wordLocation(ctx, ch.node, w);
  if (!loc.span || ctx.doc.text.slice(loc.span.offset, loc.span.offset + loc.span.length) !== jsonInner(slice)) return {};
  return { suggestions: [{ title: `use ${suggestion}`, edits: [{ range: [loc.span.offset, loc.span.offset + loc.span.length], text: jsonInner(suggestion) }] }] };
}
