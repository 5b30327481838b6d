import asyncMisuse from './async-misuse.js';
import deadSchemaUrl from './dead-schema-url.js';
import duplicateHandler from './duplicate-handler.js';
import duplicateHooksFile from './duplicate-hooks-file.js';
import emptyHooks from './empty-hooks.js';
import escapedShebang from './escaped-shebang.js';
import execFormMisuse from './exec-form-misuse.js';
import exit1DoesNotBlock from './exit-1-does-not-block.js';
import fileChangedMatcher from './file-changed-matcher.js';
import frontmatterEventNeverFires from './frontmatter-event-never-fires.js';
import flatHandler from './flat-handler.js';
import handlerTypeUnsupported from './handler-type-unsupported.js';
import httpEnvNotAllowed from './http-env-not-allowed.js';
import httpInsecureUrl from './http-insecure-url.js';
import ifMisplaced from './if-misplaced.js';
import ifOnNonToolEvent from './if-on-non-tool-event.js';
import inputFieldMissing from './input-field-missing.js';
import invalidMatcherRegex from './invalid-matcher-regex.js';
import jsonSyntax from './json-syntax.js';
import yamlSyntax from './yaml-syntax.js';
import disableDirectiveInvalid from './disable-directive-invalid.js';
import skillHooksOverCap from './skill-hooks-over-cap.js';
import legacyToolName from './legacy-tool-name.js';
import manifestHooksPath from './manifest-hooks-path.js';
import matcherIgnored from './matcher-ignored.js';
import matcherOverbroad from './matcher-overbroad.js';
import matcherPermissionSyntax from './matcher-permission-syntax.js';
import mcpMatcherIncomplete from './mcp-matcher-incomplete.js';
import missingHooksWrapper from './missing-hooks-wrapper.js';
import missingShebang from './missing-shebang.js';
import missingTimeout from './missing-timeout.js';
import noComments from './no-comments.js';
import noDuplicateKeys from './no-duplicate-keys.js';
import noSuppressOutput from './no-suppress-output.js';
import noTrailingCommas from './no-trailing-commas.js';
import onceIgnored from './once-ignored.js';
import newerThanTarget from './newer-than-target.js';
import ignoredByTarget from './ignored-by-target.js';
import envVarNeverSet from './env-var-never-set.js';
import httpInvalidUrl from './http-invalid-url.js';
import rewakeIgnored from './rewake-ignored.js';
import onFailureIgnored from './on-failure-ignored.js';
import outputFieldInConfig from './output-field-in-config.js';
import outputKeyIgnored from './output-key-ignored.js';
import hookEventNameMismatch from './hook-event-name-mismatch.js';
import approveSkipsPermission from './approve-skips-permission.js';
import stdoutUnread from './stdout-unread.js';
import worktreePathMissing from './worktree-path-missing.js';
import continueFalseMisuse from './continue-false-misuse.js';
import outputNotJson from './output-not-json.js';
import pathDependentCommand from './path-dependent-command.js';
import pluginHooksUnknownKey from './plugin-hooks-unknown-key.js';
import pluginRootOutsidePlugin from './plugin-root-outside-plugin.js';
import pluginSelfImport from './plugin-self-import.js';
import preferPython3 from './prefer-python3.js';
import relativeScriptPath from './relative-script-path.js';
import remoteCodeExecution from './remote-code-execution.js';
import schema from './schema.js';
import scriptNotExecutable from './script-not-executable.js';
import scriptNotFound from './script-not-found.js';
import scriptOutsideProject from './script-outside-project.js';
import secretInConfig from './secret-in-config.js';
import shellSyntaxError from './shell-syntax-error.js';
import shebangCrlf from './shebang-crlf.js';
import shebangPython from './shebang-python.js';
import slowSyncCommand from './slow-sync-command.js';
import stopHookLoop from './stop-hook-loop.js';
import timeoutInMilliseconds from './timeout-in-milliseconds.js';
import timeoutOverBudget from './timeout-over-budget.js';
import unknownEvent from './unknown-event.js';
import unknownGroupKey from './unknown-group-key.js';
import unknownHandlerKey from './unknown-handler-key.js';
import unknownMatcherValue from './unknown-matcher-value.js';
import unloadedLocation from './unloaded-location.js';
import unquotedPathVariable from './unquoted-path-variable.js';
import userConfigInShellForm from './user-config-in-shell-form.js';
import uvRunProject from './uv-run-project.js';
import windowsBackslashPath from './windows-backslash-path.js';
import type { Rule } from './rule.js';

/** Every rule hooklint ships, in RULES.md order. A plain list: no registration by side effect. */
export const rules: readonly Rule[] = [
  jsonSyntax,
  yamlSyntax,
  disableDirectiveInvalid,
  noComments,
  noTrailingCommas,
  noDuplicateKeys,
  schema,
  flatHandler,
  missingHooksWrapper,
  httpInvalidUrl,
  unknownEvent,
  handlerTypeUnsupported,
  missingTimeout,
  timeoutInMilliseconds,
  timeoutOverBudget,
  noSuppressOutput,
  outputFieldInConfig,
  outputKeyIgnored,
  hookEventNameMismatch,
  approveSkipsPermission,
  stdoutUnread,
  worktreePathMissing,
  continueFalseMisuse,
  outputNotJson,
  unknownHandlerKey,
  unknownGroupKey,
  asyncMisuse,
  onceIgnored,
  skillHooksOverCap,
  frontmatterEventNeverFires,
  onFailureIgnored,
  rewakeIgnored,
  ifOnNonToolEvent,
  ifMisplaced,
  execFormMisuse,
  httpEnvNotAllowed,
  httpInsecureUrl,
  matcherIgnored,
  invalidMatcherRegex,
  unknownMatcherValue,
  legacyToolName,
  matcherPermissionSyntax,
  mcpMatcherIncomplete,
  matcherOverbroad,
  fileChangedMatcher,
  pathDependentCommand,
  preferPython3,
  uvRunProject,
  unquotedPathVariable,
  pluginRootOutsidePlugin,
  relativeScriptPath,
  windowsBackslashPath,
  slowSyncCommand,
  remoteCodeExecution,
  shellSyntaxError,
  secretInConfig,
  userConfigInShellForm,
  envVarNeverSet,
  scriptNotFound,
  scriptOutsideProject,
  scriptNotExecutable,
  escapedShebang,
  missingShebang,
  shebangCrlf,
  shebangPython,
  exit1DoesNotBlock,
  stopHookLoop,
  inputFieldMissing,
  pluginHooksUnknownKey,
  duplicateHooksFile,
  manifestHooksPath,
  pluginSelfImport,
  deadSchemaUrl,
  unloadedLocation,
  duplicateHandler,
  emptyHooks,
  newerThanTarget,
  ignoredByTarget,
] as Rule[];

/** Rules by id. */
export const rulesById: ReadonlyMap<string, Rule> = new Map(rules.map((r) => [r.meta.id, r]));
