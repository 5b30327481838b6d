import { catalog, eventDetails, EVENTS } from '../model/catalog.js';
import { envReads } from '../analysis/script-reads.js';
import { scriptLanguage, scriptsOf, scriptText } from '../analysis/scripts.js';
import { keyOf, properties, propertyValue } from '../formats/parse.js';
import { closest } from '../model/suggest.js';
import { isSettingsKind } from '../model/types.js';
import { defineRule } from './rule.js';
import { commandHandlers, wordLocation } from './util.js';

const env = catalog.environment;
/** Every `CLAUDE*` variable Claude Code sets for some hook process (SPEC.md §4.3). */
const SET: ReadonlySet<string> = new Set([...env.always, ...env.pluginOnly, env.envFile, ...Object.keys(env.sometimes), ...env.userSettable]);
/** The events whose hooks get CLAUDE_ENV_FILE. */
const ENV_FILE_EVENTS = [...EVENTS.values()].filter((e) => e.envFile).map((e) => e.name);

/**
 * Names people use for the hook input as if it arrived in a variable; it arrives
 * as JSON on stdin. (`$ARGUMENTS` is the placeholder of prompt and agent hooks.)
 */
const CARRIERS = /^(?:STDIN_(?:JSON|DATA|INPUT)|HOOK_(?:INPUT|JSON|DATA|PAYLOAD|EVENT)|TOOL_(?:INPUT|NAME|OUTPUT|RESPONSE|ARGS?)|INPUT_JSON|EVENT_JSON|ARGUMENTS)$|^TOOL_(?:INPUT|OUTPUT|RESPONSE)_\w+$/;

/**
 * A `CLAUDE_*` name a script reads as if Claude Code passed it the hook's
 * context: `CLAUDE_` (or `CLAUDE_HOOK_`) and the name of a hook-input field
 * (`CLAUDE_SESSION_ID`, `CLAUDE_TRANSCRIPT_PATH`, `CLAUDE_HOOK_EVENT_NAME`), a
 * tool or file name (`CLAUDE_TOOL_NAME`, `CLAUDE_FILE_PATHS`), or the agent's
 * or event's name. Other `CLAUDE_*` names in scripts are left alone: scripts
 * read their own settings that way (`CLAUDE_MPM_HOOK_DEBUG`, `CLAUDE_MAX_CONTEXT`).
 */
function contextName(name: string): string | undefined {
  const m = /^CLAUDE_(?:HOOK_)?([A-Z][A-Z0-9_]*)$/.exec(name);
  if (!m) return undefined;
  const rest = m[1]!;
  if (/^(?:TOOL_[A-Z0-9_]+|FILE_PATHS?|AGENT_NAME|EVENT(?:_NAME)?|HOOK_EVENT(?:_NAME)?)$/.test(rest)) return rest.toLowerCase();
  return inputFieldNames().has(rest.toLowerCase()) ? rest.toLowerCase() : undefined;
}

/** Every field name of every event's input (catalog input tables, read when first needed). */
function inputFieldNames(): ReadonlySet<string> {
  return (fieldNames ??= new Set([...EVENTS.values()].flatMap((e) => Object.keys(eventDetails(e).input ?? {}))));
}
let fieldNames: Set<string> | undefined;

/**
 * Beyond RULES.md (SPEC.md §4.3, §5): a shell-form command that reads a
 * variable Claude Code never sets for hooks silently gets an empty string: a
 * made-up `CLAUDE_*` name (`$CLAUDE_TOOL_INPUT_FILE_PATH`, `$CLAUDE_FILE_PATH`,
 * `$CLAUDE_MODEL`) or a carrier of the hook input (`$STDIN_JSON`,
 * `$TOOL_INPUT`), since the input arrives as JSON on stdin; and
 * `CLAUDE_ENV_FILE` on an event whose hooks do not get it. Variables the
 * user sets are not findings: those the same command assigns, those the
 * settings file's `env` defines, `CLAUDE_CODE_*` settings variables, any
 * expansion with a default (`${X:-…}`), and every name not shaped like these.
 */
export default defineRule({
  meta: {
    id: 'env-var-never-set',
    type: 'problem',
    severity: 'warning',
    section: 5,
    description: 'A command reading a variable Claude Code never sets for hooks ($CLAUDE_TOOL_INPUT_FILE_PATH, $STDIN_JSON): the input arrives on stdin',
    messages: {
      claude: '${{name}} is not set for hook commands: {{where}}it expands to an empty string; the hook input arrives as JSON on stdin',
      claudeDidYouMean: '${{name}} is not set for hook commands: {{where}}it expands to an empty string; did you mean ${{suggestion}}?',
      carrier: '${{name}} is not set by Claude Code: {{where}}it expands to an empty string; the hook input arrives as JSON on stdin',
      envFile: '$CLAUDE_ENV_FILE is set only for {{events}} hooks: {{where}}on {{event}} it is empty',
      script: 'script "{{script}}" reads ${{name}} (line {{line}}), which Claude Code never sets for hooks: {{where}}it is empty{{hint}}',
    },
  },
  check(ctx) {
    const settingsEnv = isSettingsKind(ctx.options.kind) ? new Set(properties(propertyValue(ctx.model.root, 'env')).map(keyOf)) : new Set<string>();
    for (const { h, node, shell } of commandHandlers(ctx)) {
      if (!shell) continue;
      const seen = new Set<string>();
      for (const v of shell.variables) {
        if (v.guarded || shell.assigned.has(v.name) || settingsEnv.has(v.name) || seen.has(v.name)) continue;
        const at = wordLocation(ctx, node, { pos: v.pos, end: v.end });
        const note = 'read the input with jq, e.g. jq -r .tool_input.file_path';
        if (v.name === env.envFile) {
          if (!h.event.spec || h.event.spec.envFile) continue;
          seen.add(v.name);
          ctx.report({ messageId: 'envFile', data: { events: ENV_FILE_EVENTS.join(', '), event: h.event.name }, ...at });
        } else if (/^CLAUDE/.test(v.name)) {
          if (SET.has(v.name) || v.name.startsWith('CLAUDE_CODE_') || v.name.startsWith(env.pluginOptionPrefix)) continue;
          seen.add(v.name);
          const suggestion = closest(v.name, [...env.always, ...env.pluginOnly]);
          ctx.report({ messageId: suggestion ? 'claudeDidYouMean' : 'claude', data: { name: v.name, suggestion: suggestion ?? '' }, ...at, ...(suggestion ? {} : { note }) });
        } else if (CARRIERS.test(v.name)) {
          seen.add(v.name);
          ctx.report({ messageId: 'carrier', data: { name: v.name }, ...at, note });
        }
      }
    }
    // Reads inside the scripts the handlers run (issue 25): once per handler and script, at the first such name.
    if (!ctx.options.host) return;
    for (const h of ctx.model.handlers)
      for (const s of scriptsOf(h, ctx.options)) {
        const text = scriptText(ctx.options, s.absolute);
        if (text === undefined || !/CLAUDE_|TOOL_|STDIN_|HOOK_|INPUT_JSON|EVENT_JSON/.test(text)) continue;
        const language = scriptLanguage(s, text);
        const bad = envReads(text, language).find((r) => {
          if (r.fallback || settingsEnv.has(r.name)) return false;
          // Read only after checking that it is set (`if "X" in os.environ:`, `'X' in process.env`): a fallback path.
          if (new RegExp(`(['"])${r.name}\\1\\s+(?:not\\s+)?in\\s+(?:os\\.environ|environ|process\\.env)\\b|hasOwn(?:Property)?\\([^)]*['"]${r.name}['"]`).test(text)) return false;
          if (CARRIERS.test(r.name)) return true;
          if (SET.has(r.name) || r.name.startsWith('CLAUDE_CODE_') || r.name.startsWith(env.pluginOptionPrefix)) return false;
          const field = contextName(r.name);
          // A script that also reads the field from the input uses the variable as a second source.
          return field !== undefined && !new RegExp(`['"\`.]${field}\\b`).test(text);
        });
        if (!bad) continue;
        const field = contextName(bad.name);
        const suggestion = closest(bad.name, [...env.always, ...env.pluginOnly]);
        const hint = suggestion ? `; did you mean $${suggestion}?` : field && inputFieldNames().has(field) ? `; the hook input on stdin carries "${field}"` : '; the hook input arrives as JSON on stdin';
        ctx.report({ messageId: 'script', data: { script: s.written, name: bad.name, line: bad.line, hint }, ...wordLocation(ctx, s.node, s.word) });
      }
  },
});
