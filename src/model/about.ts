import pkg from '../../package.json' with { type: 'json' };
import { catalog } from './catalog.js';

/** hooklint's own version (package.json `version`), e.g. `0.1.0`. */
export const HOOKLINT_VERSION: string = pkg.version;

/** The newest Claude Code version the event catalog knows (`schemas/events.json` `newestVersion`), e.g. `2.1.337`. */
export const CLAUDE_CODE_VERSION: string = catalog.newestVersion;

/**
 * What `hooklint --version` prints and the language server's `serverInfo`
 * carries: `hooklint 0.1.0 (Claude Code 2.1.337)`, no trailing newline. A bug
 * report with it says which hooklint and which Claude Code its catalog knows.
 */
export function versionLine(): string {
  return `hooklint ${HOOKLINT_VERSION} (Claude Code ${CLAUDE_CODE_VERSION})`;
}
