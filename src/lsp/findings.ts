import { statSync } from 'node:fs';
import type { Diagnostic } from '../model/types.js';
import { findSuppressionsFile, readSuppressions, suppressionKey, suppressMessages, type Suppressions } from '../node/suppressions.js';
import { dirname } from 'node:path';

/**
 * What the language server shows of a file's findings:
 *
 * - While `json-syntax` fires, only its findings (as ESLint shows only the parse error): the
 *   other rules ran on the tree jsonc-parser recovered, whose structure is a guess until the
 *   text parses, so their findings would come and go with each keystroke.
 * - Without the findings `hooklint-suppressions.json` accepts (the nearest one in the file's
 *   folder or above, as `hooklint check` run from that folder reads it; src/node/suppressions.ts).
 *   `# hooklint-disable-next-line` comments in frontmatter are applied by lintText already.
 *
 * @param findings the file's findings, from lintText or lintStdin
 * @param filePath the file's absolute path (undefined for a document without one)
 */
export function shownFindings(findings: Diagnostic[], filePath: string | undefined): Diagnostic[] {
  const syntax = findings.filter((d) => d.ruleId === 'json-syntax');
  if (syntax.length) return syntax;
  if (!filePath) return findings;
  const file = findSuppressionsFile(filePath);
  const s = file && cachedSuppressions(file);
  if (!s) return findings;
  const key = suppressionKey(filePath, dirname(file));
  return suppressMessages(findings, s[key], key).messages;
}

/** The suppressions files read, by path, with the modification time they were read at. */
const cache = new Map<string, { mtimeMs: number; size: number; data: Suppressions | undefined }>();

/** A suppressions file's content, read again only when it changed; undefined when it does not parse (ignored). */
function cachedSuppressions(file: string): Suppressions | undefined {
  let st;
  try {
    st = statSync(file);
  } catch {
    return undefined;
  }
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.data;
  let data: Suppressions | undefined;
  try {
    data = readSuppressions(file);
  } catch {
    data = undefined;
  }
  cache.set(file, { mtimeMs: st.mtimeMs, size: st.size, data });
  return data;
}
