import { realpathSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { CLAUDE_CODE_VERSION, HOOKLINT_VERSION } from '../model/about.js';
import { jsonSafe } from './text.js';
import type { Formatter } from './types.js';

/** A path's URI relative to the source root, or an absolute file URI when it lies outside. */
function artifactUri(path: string, root: string): { uri: string; uriBaseId?: string } {
  let real = path;
  try {
    real = realpathSync(path);
  } catch {
    // A virtual path (stdin): keep it.
  }
  const rel = relative(root, real);
  if (rel && !rel.startsWith('..') && !rel.startsWith(sep)) return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  return { uri: pathToFileURL(real).href };
}

/**
 * SARIF 2.1.0 for GitHub code scanning (ECOSYSTEM.md §7): one run, every rule
 * of hooklint in `tool.driver.rules` (so `ruleIndex` is stable), results with
 * `ruleId`, `ruleIndex`, `level`, and a region whose columns are UTF-16 code
 * units (`columnKind`); URIs relative to the working directory under
 * `%SRCROOT%` (symlinks resolved first); `tool.driver.version` is hooklint's and
 * `tool.driver.properties.claudeCodeVersion` the newest Claude Code its catalog
 * knows. Message text is the config's text
 * as it is (JSON-escaped; DEL, C1 and U+2028/U+2029 as `\uXXXX`).
 */
export const sarif: Formatter = (results, ctx) => {
  let root = ctx.cwd;
  try {
    root = realpathSync(ctx.cwd);
  } catch {
    // keep cwd
  }
  const ids = [...ctx.rulesMeta.keys()];
  const index = new Map(ids.map((id, i) => [id, i]));
  const rules: ReportingDescriptor[] = [...ctx.rulesMeta.values()].map((m) => ({
    id: m.id,
    name: m.id.replace(/(^|-)([a-z0-9])/g, (_, _d: string, c: string) => c.toUpperCase()),
    shortDescription: { text: m.description },
    fullDescription: { text: `${m.description}. Severity ${m.severity}; fix: ${m.fixable ?? 'none'}.` },
    help: { text: `${m.description}. See ${m.url} for why, examples and the fix.`, markdown: `${m.description}. [Documentation](${m.url}): why, an example with hooklint's output, the fixed example and fix safety.` },
    helpUri: m.url,
    defaultConfiguration: { level: m.severity },
    properties: { tags: ['claude-code', 'hooks', m.type], precision: 'very-high', 'problem.severity': m.severity === 'error' ? 'error' : 'warning' },
  }));
  const out: Result[] = [];
  for (const r of results)
    for (const m of r.messages)
      out.push({
        ruleId: m.ruleId,
        ruleIndex: index.get(m.ruleId) ?? -1,
        level: m.severity,
        message: { text: m.note ? `${m.message}. ${m.note}` : m.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: artifactUri(r.filePath, root),
              region: { startLine: m.line, startColumn: m.column, endLine: m.endLine, endColumn: Math.max(m.endColumn, m.endLine === m.line ? m.column : 1) },
            },
          },
        ],
      });
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'hooklint', semanticVersion: HOOKLINT_VERSION, version: HOOKLINT_VERSION, informationUri: 'https://github.com/hooklint/hooklint', properties: { claudeCodeVersion: CLAUDE_CODE_VERSION }, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(root + sep).href } },
        columnKind: 'utf16CodeUnits',
        results: out,
      },
    ],
  };
  return jsonSafe(JSON.stringify(log, null, 2)) + '\n';
};
