import { catalog, HANDLER_TYPES, type Catalog } from '../model/catalog.js';

/**
 * Generate hooklint's JSON Schemas (draft-07, for ajv and for editors) from
 * the event catalog, so the schema never drifts from the catalog. SPEC.md §0,
 * §2, §4.2, §8.3. Three root schemas share the same definitions:
 * - `settings`: any settings file; hook keys typed, other settings left open.
 * - `plugin-hooks`: a plugin `hooks/hooks.json`; top level closed.
 * - `plugin-manifest`: `.claude-plugin/plugin.json`; only `hooks` is typed.
 *
 * Handler objects and matcher groups are closed (`additionalProperties: false`)
 * so editors flag unknown keys; hooklint's own `schema` rule leaves those to
 * the dedicated rules (`unknown-event`, `no-suppress-output`, ...), which know
 * Claude Code's real reaction (SPEC.md §8).
 */
export function generateSchemas(cat: Catalog = catalog): Record<'settings' | 'plugin-hooks' | 'plugin-manifest', object> {
  const common = cat.commonHandlerFields;
  const definitions: Record<string, object> = {};
  for (const type of HANDLER_TYPES) {
    const spec = cat.handlerTypes[type];
    definitions[`${type}Handler`] = {
      description: `A "${type}" handler (SPEC.md §2.2).`,
      type: 'object',
      required: ['type', ...spec.required],
      properties: { ...common, type: { const: type }, ...spec.fields },
      additionalProperties: false,
    };
  }
  definitions.handler = {
    description: 'One hook handler: its "type" selects the fields it takes.',
    type: 'object',
    required: ['type'],
    properties: { type: common.type },
    allOf: HANDLER_TYPES.map((type) => ({
      if: { properties: { type: { const: type } }, required: ['type'] },
      then: { $ref: `#/definitions/${type}Handler` },
    })),
  };
  definitions.matcherGroup = {
    description: 'A matcher group: the only keys are "matcher" and "hooks" (SPEC.md §0).',
    type: 'object',
    required: ['hooks'],
    properties: {
      matcher: { type: 'string', description: 'Filters on the event\'s one field: "*", "" or omitted match all; [A-Za-z0-9_ ,|-] is an exact list; anything else is an unanchored JavaScript regex.' },
      hooks: { type: 'array', items: { $ref: '#/definitions/handler' } },
    },
    additionalProperties: false,
  };
  const eventProps: Record<string, object> = {};
  for (const e of cat.events) {
    const m = e.matcher ? `Matcher filters on ${e.matcher.field}.` : 'No matcher support: a matcher is ignored.';
    eventProps[e.name] = {
      description: `${e.description}. ${m} Handler types: ${e.handlerTypes.join(', ')}.${e.since ? ` Added in ${e.since}.` : ''}`,
      type: 'array',
      items: { $ref: '#/definitions/matcherGroup' },
    };
  }
  definitions.eventMap = {
    description: 'Hook events (PascalCase, case-sensitive) mapped to matcher groups.',
    type: 'object',
    properties: eventProps,
    additionalProperties: false,
  };
  const stringArray = { type: 'array', items: { type: 'string' } };
  const base = { $schema: 'http://json-schema.org/draft-07/schema#', definitions };
  return {
    settings: {
      ...base,
      $id: 'https://hooklint.dev/schemas/settings.schema.json',
      title: 'Claude Code settings (hook keys)',
      type: 'object',
      properties: {
        hooks: { $ref: '#/definitions/eventMap' },
        disableAllHooks: { type: 'boolean' },
        allowManagedHooksOnly: { type: 'boolean' },
        allowedHttpHookUrls: stringArray,
        httpHookAllowedEnvVars: stringArray,
      },
    },
    'plugin-hooks': {
      ...base,
      $id: 'https://hooklint.dev/schemas/plugin-hooks.schema.json',
      title: 'Claude Code plugin hooks/hooks.json',
      type: 'object',
      properties: {
        $schema: { type: 'string', description: 'Accepted and ignored since Claude Code 2.1.274.' },
        description: { type: 'string' },
        hooks: { $ref: '#/definitions/eventMap' },
        modules: { ...stringArray, maxItems: cat.pluginHooksFile.maxModules, description: 'Function-hook modules (early access); at most one entry.' },
        surface: { not: {}, description: 'No longer accepted: Claude Code 2.1.332 and later fail to load a hooks.json with "surface".' },
      },
      // The file needs "hooks", or "modules" instead (SPEC.md §12.4).
      anyOf: [{ required: ['hooks'] }, { required: ['modules'] }],
      additionalProperties: false,
    },
    'plugin-manifest': {
      ...base,
      $id: 'https://hooklint.dev/schemas/plugin-manifest.schema.json',
      title: 'Claude Code plugin manifest (hooks field)',
      type: 'object',
      properties: {
        hooks: {
          description: 'A path ("./…"), an array of paths, or an inline event map.',
          type: ['string', 'array', 'object'],
          items: { type: 'string' },
          properties: eventProps,
          additionalProperties: false,
        },
      },
    },
  };
}
