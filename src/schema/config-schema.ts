import { EVENT_NAMES } from '../model/catalog.js';

/**
 * The JSON Schema of `hooklint.config.json`, generated from the rule ids and
 * the event catalog (written to schemas/hooklint.config.schema.json by
 * `npm run gen`; editors use it for completion).
 */
export function configSchema(ruleIds: readonly string[]): object {
  const level = { enum: ['off', 'warn', 'error'] };
  const rules = { type: 'object', propertyNames: { enum: [...ruleIds] }, additionalProperties: level, description: 'Rule levels by rule id: "off", "warn" or "error".' };
  const globs = { type: 'array', items: { type: 'string', minLength: 1 } };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://hooklint.dev/schemas/hooklint.config.schema.json',
    title: 'hooklint configuration (hooklint.config.json)',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      rules,
      ignores: { ...globs, description: 'Globs (relative to this file) of files hooklint never lints.' },
      overrides: {
        type: 'array',
        description: 'Rule levels for the files matching each entry\'s globs; later entries win.',
        items: { type: 'object', additionalProperties: false, required: ['files', 'rules'], properties: { files: { ...globs, minItems: 1 }, rules } },
      },
      recommendedTimeouts: {
        type: 'object',
        description: 'Seconds that missing-timeout\'s fix inserts, by event (command, http and mcp_tool handlers).',
        propertyNames: { enum: [...EVENT_NAMES] },
        additionalProperties: { type: 'number', exclusiveMinimum: 0 },
      },
      knownCommands: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Programs your hooks may rely on without path-dependent-command.' },
      claudeVersion: { type: 'string', minLength: 1, description: 'The Claude Code version or range (semver syntax, e.g. "2.1.290" or ">=2.1.280") the files are checked against. Default: the newest version hooklint knows; a plugin\'s plugin.json "engines" range for its files.' },
    },
  };
}
