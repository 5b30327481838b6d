import escapedShebang from './escaped-shebang.js';
import flatHandler from './flat-handler.js';
import handlerTypeUnsupported from './handler-type-unsupported.js';
import jsonSyntax from './json-syntax.js';
import missingHooksWrapper from './missing-hooks-wrapper.js';
import missingTimeout from './missing-timeout.js';
import noComments from './no-comments.js';
import noDuplicateKeys from './no-duplicate-keys.js';
import noSuppressOutput from './no-suppress-output.js';
import noTrailingCommas from './no-trailing-commas.js';
import pathDependentCommand from './path-dependent-command.js';
import type { Rule } from './rule.js';
import schema from './schema.js';
import scriptNotExecutable from './script-not-executable.js';
import scriptNotFound from './script-not-found.js';
import unknownEvent from './unknown-event.js';

/** Every rule hooklint ships, in RULES.md order. A plain list: no registration by side effect. */
export const rules: readonly Rule[] = [
  jsonSyntax,
  noComments,
  noTrailingCommas,
  noDuplicateKeys,
  schema,
  flatHandler,
  missingHooksWrapper,
  unknownEvent,
  handlerTypeUnsupported,
  missingTimeout,
  noSuppressOutput,
  pathDependentCommand,
  scriptNotFound,
  scriptNotExecutable,
  escapedShebang,
] as Rule[];

/** Rules by id. */
export const rulesById: ReadonlyMap<string, Rule> = new Map(rules.map((r) => [r.meta.id, r]));
