import { mayReach } from '../model/version.js';
import { targetOf } from './version-util.js';
import { HANDLER_TYPES, type HandlerType } from '../model/catalog.js';
import { field } from '../model/model.js';
import { defineRule } from './rule.js';

/**
 * RULES.md §2 `handler-type-unsupported`; SPEC.md §1.2 column "Handler types",
 * §8.1: the config loads, but the hook fails every time it fires ("use a
 * command-type hook instead"). Where SPEC.md is [uncertain] the catalog allows
 * the type, so this rule gives no false error. On PreSkillShellCommand a
 * prompt or agent handler does worse (SPEC.md §13.3): it yields a blocking
 * error, so every inline command it matches is refused (catalog
 * `unsupportedHandlerTypesBlock`).
 */
export default defineRule({
  meta: {
    id: 'handler-type-unsupported',
    type: 'problem',
    severity: 'error',
    section: 2,
    description: 'A handler type the event cannot run',
    messages: {
      unsupported: '"{{type}}" handlers are not supported on {{event}}, which runs only {{allowed}} handlers: {{where}}this hook fails every time it fires',
      blocks: '"{{type}}" handlers are not supported on {{event}}, which runs only {{allowed}} handlers: {{where}}this hook fails as a blocking error, so it blocks every inline command it matches',
    },
  },
  check(ctx) {
    for (const h of ctx.model.handlers) {
      const spec = h.event.spec;
      if (!spec || !h.type || !HANDLER_TYPES.includes(h.type as HandlerType)) continue;
      if (spec.handlerTypes.includes(h.type as HandlerType)) continue;
      // A type the event ran until some version (agent on PermissionRequest until 2.1.280): fine for a target entirely before it.
      const ran = spec.handlerTypeRanges?.[h.type as HandlerType];
      if (ran?.until && !mayReach(targetOf(ctx), ran.until)) continue;
      ctx.report({
        messageId: spec.unsupportedHandlerTypesBlock?.includes(h.type as HandlerType) ? 'blocks' : 'unsupported',
        data: { type: h.type, event: spec.name, allowed: spec.handlerTypes.join(', ') },
        node: field(h, 'type')!,
      });
    }
  },
});
