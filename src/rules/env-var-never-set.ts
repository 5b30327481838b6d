import { catalog, EVENTS } from '../model/catalog.js';
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
const CARRIERS = /^(?:STDIN_(?:JSON|DATA|INPUT)|HOOK_(?:INPUT|JSON|DATA|PAYLOAD|EVENT)|TOOL_(?:INPUT|NAME|OUTPUT|RESPONSE|ARGS?)|INPUT_JSON|EVENT_JSON|ARGUMENTS)$/;

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
  },
});
