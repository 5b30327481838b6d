import { declaresHooks } from '../formats/frontmatter.js';
import { defineRule } from './rule.js';

/**
 * RULES.md §8 `yaml-syntax` (the frontmatter issue), the frontmatter's
 * `json-syntax`: every YAML error in the frontmatter of a skill or agent, with
 * its position, when the frontmatter declares hooks (a top-level `hooks` key;
 * others are not hook configurations). A frontmatter that does not parse loses its hooks (and
 * `--fix` never writes such a file); linting goes on with what parsed. A UTF-16
 * file is reported too: Claude Code reads skills and agents as UTF-8.
 */
export default defineRule({
  meta: {
    id: 'yaml-syntax',
    type: 'problem',
    severity: 'error',
    section: 1,
    frontmatter: 'only',
    description: 'The frontmatter of a skill or agent is not parseable as YAML',
    messages: {
      syntax: 'invalid YAML in the frontmatter: {{detail}}; {{where}}the hooks it declares do not load',
      utf16: 'the file is encoded as UTF-16 ({{encoding}}); {{where}}Claude Code reads skills and agents as UTF-8, so it cannot parse the frontmatter',
    },
  },
  check(ctx) {
    const fm = ctx.doc.frontmatter;
    // A frontmatter without hooks is the skill's or agent's business, not a hook configuration.
    if (ctx.doc.format !== 'yaml' || !fm || !declaresHooks(ctx.doc.text.slice(fm.offset, fm.offset + fm.length))) return;
    const enc = ctx.options.encoding;
    if (enc === 'utf-16le' || enc === 'utf-16be') ctx.report({ messageId: 'utf16', data: { encoding: enc.toUpperCase() }, span: { offset: 0, length: 1 } });
    for (const e of ctx.doc.yamlErrors ?? []) ctx.report({ messageId: 'syntax', data: { detail: e.message }, span: e });
  },
});
