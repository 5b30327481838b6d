/**
 * hooklint's programmatic API: lint hook configuration text (pure) or files
 * on disk, and read the rule list and the event catalog.
 */
export { lintText, HooklintError, compareDiagnostics, type LintTextOptions, type RuleLevel } from './lint/lint.js';
export { lintFiles, lintStdin, type FileChange, type LintFilesOptions, type LintFilesOutput } from './node/lint-files.js';
/** Ruby hook scripts are read once the Ruby parser is loaded: `await loadRuby()` before a synchronous lint (the CLI and language server load it when a lint meets one). */
export { loadRuby } from './analysis/ruby-parser.js';
export { applyFixes, applyEdits, MAX_FIX_PASSES, type FixOutput } from './lint/fix.js';
export { loadConfig, ConfigResolver, ConfigError, CONFIG_FILE, type HooklintConfig, type LoadedConfig } from './node/config.js';
export { rules, rulesById } from './rules/index.js';
export { effectiveHooks, whichFire, otherSourcesOf, type EffectiveSet, type EffectiveHandler, type EffectiveOptions, type HookSource, type Drop, type DropReason, type Firing } from './node/effective.js';
export { catalog, EVENTS, EVENT_NAMES, HANDLER_TYPES, recommendedTimeout, type EventSpec, type HandlerType } from './model/catalog.js';
export type { Rule, RuleMeta, LintOptions, ScriptHost } from './rules/rule.js';
export type * from './model/types.js';
