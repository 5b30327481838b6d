import { detectEol, detectIndentUnit, indentAt, reindent } from '../fix/edits.js';
import { defineRule } from './rule.js';

/**
 * RULES.md §1 `missing-hooks-wrapper`; SPEC.md §0, §8.3: a plugin hooks.json
 * must wrap its events as `{"hooks": {...}}`; without it the plugin's hooks
 * fail to load. Safe fix when the event keys are contiguous: wrap them.
 */
export default defineRule({
  meta: {
    id: 'missing-hooks-wrapper',
    type: 'problem',
    severity: 'error',
    section: 1,
    frontmatter: false,
    fixable: 'safe',
    description: 'Plugin hooks.json with events at the top level instead of under "hooks"',
    messages: { wrapper: 'events must sit under a top-level "hooks" key in a plugin hooks.json: {{where}}without it none of these hooks load' },
  },
  check(ctx) {
    const { model, doc } = ctx;
    if (!model.wrapperMissing || !model.eventMap || model.events.length === 0) return;
    const text = doc.text;
    const props = model.eventMap.children ?? [];
    const first = model.events[0]!.property;
    const last = model.events[model.events.length - 1]!.property;
    const i0 = props.indexOf(first);
    const i1 = props.indexOf(last);
    const contiguous = i1 - i0 + 1 === model.events.length;
    let fix;
    if (contiguous) {
      const start = first.offset;
      const end = last.offset + last.length;
      const slice = text.slice(start, end);
      let replacement: string;
      if (!/[\r\n]/.test(text.slice(model.eventMap.offset, model.eventMap.offset + model.eventMap.length))) replacement = `"hooks": { ${slice} }`;
      else {
        const eol = detectEol(text);
        const unit = detectIndentUnit(text);
        const ind = indentAt(text, start);
        replacement = `"hooks": {${eol}${ind}${unit}${reindent(slice, unit)}${eol}${ind}}`;
      }
      fix = { safety: 'safe' as const, title: 'wrap the events in "hooks"', edits: [{ range: [start, end] as [number, number], text: replacement }] };
    }
    ctx.report({ messageId: 'wrapper', node: first.children![0]!, fix });
  },
});
