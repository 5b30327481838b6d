/**
 * The examples of the rule docs (`docs/rules/<id>.md`), run through the real
 * linter. A page holds an "## Example" and a "## Fixed" section, each made of
 * fenced files (```json title="path" [mode=755] [crlf]```), and after the
 * example a ```text output``` block: the compact lines hooklint prints for
 * that rule. Used by `npm run docs:update` (rewrites the output blocks) and by
 * the docs test (fails when a page and hooklint disagree).
 */
import { posix } from 'node:path';
import { claimContext, targetOfText } from './node/files.js';
import { PluginLayout } from './node/claims.js';
import { lintText } from './lint/lint.js';
import { parseTarget } from './model/version.js';
import type { Rule, ScriptHost } from './rules/rule.js';

/** Where example files live: a virtual project (and plugin) root; nothing is read from disk. */
const ROOT = '/docs-example';

/** One fenced file of an example. */
export interface ExampleFile {
  path: string;
  text: string;
  mode: number;
}

const FENCE = /^(`{3,})(\w+) title="([^"]+)"([^\n]*)\n([\s\S]*?)^\1[ \t]*$/gm;

/** The fenced files of one section of a page. */
export function filesOf(section: string): ExampleFile[] {
  const out: ExampleFile[] = [];
  for (const m of section.matchAll(FENCE)) {
    const attrs = m[4]!;
    const mode = /mode=([0-7]{3,4})/.exec(attrs);
    let text = m[5]!;
    if (/\bcrlf\b/.test(attrs)) text = text.replace(/\n/g, '\r\n');
    out.push({ path: m[3]!, text, mode: mode ? Number.parseInt(mode[1]!, 8) : 0o644 });
  }
  return out;
}

/** The sections of a page: the example, its printed output block, and the fixed example. */
export function sectionsOf(page: string): { example: string; output: string | undefined; fixed: string } {
  const ex = page.indexOf('\n## Example');
  const fx = page.indexOf('\n## Fixed');
  const end = page.indexOf('\n## ', fx + 1);
  const example = ex < 0 || fx < 0 ? '' : page.slice(ex, fx);
  const out = /```text output\n([\s\S]*?)```/.exec(example);
  return { example: example.replace(/```text output\n[\s\S]*?```/, ''), output: out?.[1], fixed: fx < 0 ? '' : page.slice(fx, end < 0 ? undefined : end) };
}

/**
 * Lint the config files of a section with an in-memory script host and
 * return the compact lines of `ruleId`, paths relative to the example root.
 */
export function runExample(files: ExampleFile[], ruleId: string): string[] {
  const disk = new Map(files.map((f) => [posix.join(ROOT, f.path), f]));
  const host: ScriptHost = {
    stat: (p) => {
      const f = disk.get(p);
      return f ? { isFile: true, mode: 0o100000 | f.mode } : undefined;
    },
    readHead: (p, bytes) => disk.get(p)?.text.slice(0, bytes),
  };
  const env = { CLAUDE_CONFIG_DIR: '/docs-example-user' };
  const claims = claimContext(env, ROOT, new PluginLayout({ exists: (p) => disk.has(p), read: (p) => disk.get(p)?.text }));
  const lines: string[] = [];
  for (const f of files) {
    if (!/\.(json|md)$/.test(f.path)) continue;
    const t = targetOfText(posix.join(ROOT, f.path), f.text, claims);
    if ('skipped' in t) continue;
    const target = t.claudeVersion ? parseTarget(t.claudeVersion, 'engines') : undefined;
    const { diagnostics } = lintText(f.text, { filePath: t.path, kind: t.kind, projectRoot: t.projectRoot ?? ROOT, pluginRoot: t.pluginRoot ?? ROOT, unloaded: t.unloaded, inPlace: t.inPlace !== false, host, ...(target ? { target } : {}) });
    for (const d of diagnostics) if (d.ruleId === ruleId) lines.push(`${f.path}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.ruleId}]`);
  }
  return lines;
}

const CATEGORIES: Record<number, string> = {
  1: 'File and structure (Claude Code skips the whole file)',
  2: 'Events',
  3: 'Handler fields',
  4: 'Matchers',
  5: 'Commands (static shell analysis; never executed)',
  6: 'Scripts the command runs (read from disk; off with --no-scripts)',
  7: 'Plugins and locations',
  8: 'Claude Code versions (--claude-version, "claudeVersion", a plugin\'s "engines")',
};

/** The short category names of the rule pages' header line. */
const PAGE_CATEGORIES: Record<number, string> = { ...CATEGORIES, 1: 'File and structure', 5: 'Commands', 6: 'Scripts the command runs' };

/** Where a rule runs, as its page and `hooklint rules` say it (`RuleMeta.frontmatter`). */
export function frontmatterText(rule: Rule): string {
  const f = rule.meta.frontmatter;
  return f === 'only' ? 'skill and agent frontmatter only' : f === false ? 'JSON files only, not skill or agent frontmatter' : 'also in skill and agent frontmatter';
}

/**
 * The header line of a rule page (`docs/rules/<id>.md`, under its title),
 * generated from the rule's metadata: severity, fix, category, whether it
 * needs the scripts on disk, and whether it checks skill and agent frontmatter.
 */
export function pageHeader(rule: Rule): string {
  const m = rule.meta;
  const scripts = m.needsHost ? ' · needs the scripts on disk (off with `--no-scripts`)' : '';
  return `**Severity:** ${m.severity} · **Fix:** ${m.fixable ?? 'none'} · **Category:** ${PAGE_CATEGORIES[m.section]}${scripts} · **Runs:** ${frontmatterText(rule)}`;
}

/** Where the unknown-event page states the number of events (`npm run docs:update` writes the catalog's count). */
export const EVENT_COUNT_IN_PAGE = /\b\d+ ((?:Claude Code )?hook events)/g;

/** The README's rule table, generated from the rules' metadata (one table per category). */
export function rulesTable(list: readonly Rule[]): string {
  const out: string[] = [];
  for (const [section, title] of Object.entries(CATEGORIES)) {
    const rs = list.filter((r) => r.meta.section === Number(section));
    if (rs.length === 0) continue;
    out.push(`### ${title}`, '', '| rule | severity | fix | what it catches |', '|---|---|---|---|');
    for (const r of rs) out.push(`| [\`${r.meta.id}\`](docs/rules/${r.meta.id}.md) | ${r.meta.severity} | ${r.meta.fixable ?? '—'} | ${r.meta.description.replace(/\|/g, '\\|')} |`);
    out.push('');
  }
  return out.join('\n');
}

/** Markers around the generated table in README.md. */
export const README_MARKERS = ['<!-- rules:start (generated by npm run docs:update) -->', '<!-- rules:end -->'] as const;
