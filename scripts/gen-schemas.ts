/**
 * Write the JSON Schemas derived from the event catalog (schemas/events.json)
 * to schemas/*.schema.json. Run after editing the catalog: `npm run gen`.
 * test/schemas.test.ts fails when the committed files are out of date.
 */
import { writeFileSync } from 'node:fs';
import { configSchema } from '../src/schema/config-schema.js';
import { generateSchemas } from '../src/schema/schema-gen.js';
import { rules } from '../src/rules/index.js';
import { testsSchema } from '../src/runner/tests-file.js';

for (const [name, schema] of Object.entries(generateSchemas())) {
  writeFileSync(new URL(`../schemas/${name}.schema.json`, import.meta.url), JSON.stringify(schema, null, 2) + '\n');
}
writeFileSync(new URL('../schemas/hooklint.config.schema.json', import.meta.url), JSON.stringify(configSchema(rules.map((r) => r.meta.id)), null, 2) + '\n');
writeFileSync(new URL('../schemas/hooklint.tests.schema.json', import.meta.url), JSON.stringify(testsSchema(), null, 2) + '\n');
