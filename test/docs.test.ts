/**
 * Rule docs: every rule has docs/rules/<id>.md; its example, run through the
 * linter, prints exactly the page's output block; its fixed example no longer
 * triggers the rule; and no page documents a rule that does not exist.
 * (`npm run docs:update` rewrites the output blocks after a message change.)
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { filesOf, pageHeader, README_MARKERS, rulesTable, runExample, sectionsOf } from '../src/docs-examples.js';
import { rules, rulesById } from '../src/rules/index.js';
import { eventsDocument } from '../src/model/event-docs.js';
import { catalog } from '../src/model/catalog.js';
import { ROOT, runCli } from './helpers.js';

const DOCS = join(ROOT, 'docs', 'rules');

describe('rule docs', () => {
  for (const rule of rules) {
    const id = rule.meta.id;
    it(`${id}: page exists, example output matches, fixed example is clean`, () => {
      const file = join(DOCS, `${id}.md`);
      assert.ok(existsSync(file), `docs/rules/${id}.md is missing`);
      const page = readFileSync(file, 'utf8');
      assert.match(page, new RegExp(`^# \`${id}\``));
      // Severity, fix, category and where it runs (JSON files, skill and agent frontmatter) come from the metadata.
      assert.equal(page.split('\n').find((l) => l.startsWith('**Severity:**')), pageHeader(rule), `${id}: the header line is stale (npm run docs:update)`);
      for (const heading of ['## Why', '## Example', '## Fixed', '## Fix safety']) assert.ok(page.includes(`\n${heading}\n`), `${id}: no "${heading}" section`);
      const { example, output, fixed } = sectionsOf(page);
      assert.ok(output !== undefined, `${id}: no \`\`\`text output block`);
      const printed = runExample(filesOf(example), id);
      assert.ok(printed.length > 0, `${id}: the example triggers nothing`);
      assert.deepEqual(printed, output.split('\n').filter(Boolean), `${id}: the page's output differs from hooklint's (npm run docs:update)`);
      assert.ok(filesOf(fixed).length > 0, `${id}: the fixed example has no files`);
      assert.deepEqual(runExample(filesOf(fixed), id), [], `${id}: the fixed example still triggers the rule`);
    });
  }
  it('documents no rule that does not exist', () => {
    const orphans = readdirSync(DOCS).filter((f) => f.endsWith('.md') && !rulesById.has(f.slice(0, -3)));
    assert.deepEqual(orphans, []);
  });
  it("README's rule table is the one generated from the rules' metadata", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const [start, end] = README_MARKERS;
    const table = readme.slice(readme.indexOf(start) + start.length, readme.indexOf(end));
    assert.equal(table.trim(), rulesTable(rules).trim(), 'README.md rule table is stale (npm run docs:update)');
  });
  it('hooklint explain <id> prints the page', async () => {
    const { code, stdout } = await runCli(['explain', 'missing-timeout']);
    assert.equal(code, 0);
    assert.equal(stdout, readFileSync(join(DOCS, 'missing-timeout.md'), 'utf8'));
  });
  it('hooklint explain <unknown id> exits 2 with a suggestion', async () => {
    const { code, stderr } = await runCli(['explain', 'missing-timout']);
    assert.equal(code, 2);
    assert.match(stderr, /unknown rule or event "missing-timout"; did you mean "missing-timeout"\?/);
    const ev = await runCli(['explain', 'PreSkilShellCommand']);
    assert.equal(ev.code, 2);
    assert.match(ev.stderr, /did you mean "PreSkillShellCommand"\?/);
  });
});

describe('the unknown-event page', () => {
  it('states the catalog\'s event count (npm run docs:update writes it) and that only case-only renames are fixed', async () => {
    const { catalog } = await import('../src/model/catalog.js');
    const page = readFileSync(join(ROOT, 'docs', 'rules', 'unknown-event.md'), 'utf8');
    const counts = [...page.matchAll(/\b(\d+) (?:Claude Code )?hook events/g)].map((m) => Number(m[1]));
    assert.ok(counts.length >= 2);
    assert.deepEqual(new Set(counts), new Set([catalog.events.length]));
    assert.match(page, /only when the name differs from an event in letter case alone/);
  });
});

describe('no hand-written count of events, and the newest version everywhere (issue 22)', () => {
  /** Markdown and TypeScript of the project, without what is generated from the catalog. */
  const files = (dir: string): string[] =>
    readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? (d.name === 'generated' || d.name === 'node_modules' ? [] : files(join(dir, d.name))) : /\.(md|ts)$/.test(d.name) ? [join(dir, d.name)] : []));
  it('README, docs, src and test never write the number of events by hand (it is derived from the catalog)', () => {
    const hits: string[] = [];
    for (const f of ['README.md', ...files('docs'), ...files('src'), ...files('test')]) {
      if (f === join('docs', 'events.md')) continue; // generated from the catalog
      if (f === join('docs', 'rules', 'unknown-event.md')) continue; // its count is written by npm run docs:update (tested above)
      let text = readFileSync(join(ROOT, f), 'utf8');
      if (f === 'README.md') text = text.slice(0, text.indexOf(README_MARKERS[0])) + text.slice(text.indexOf(README_MARKERS[1])); // the generated rules table
      for (const m of text.matchAll(/\b[1-9]\d (?:Claude Code )?(?:hook )?(?:lifecycle )?events\b/g)) hits.push(`${f}: ${m[0]}`);
    }
    assert.deepEqual(hits, []);
  });
  it(`the README names the catalog's newest version (${catalog.newestVersion})`, () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    assert.match(readme, new RegExp(`knows Claude Code up to ${catalog.newestVersion.replace(/\./g, '\\.')} `));
    assert.match(readme, new RegExp(`every hook event of Claude Code up to ${catalog.newestVersion.replace(/\./g, '\\.')} `));
  });
  it('hooklint explain Interrupt: its matcher, no blocking, ignored output, 30 s, since 2.1.335, and the catalog version', async () => {
    const { code, stdout } = await runCli(['explain', 'Interrupt']);
    assert.equal(code, 0);
    assert.match(stdout, /\*\*Added in:\*\* 2\.1\.335/);
    assert.match(stdout, /\*\*Matcher:\*\* filters on `source`: `user`, `session`, `system`/);
    assert.match(stdout, /\*\*Blocking:\*\* no: output and exit codes are ignored/);
    assert.match(stdout, /default 30 s/);
    assert.ok(stdout.endsWith(`hooklint's catalog: Claude Code up to ${catalog.newestVersion}.\n`));
  });
});

describe('event docs (docs/events.md, hooklint explain <EventName>)', () => {
  it('docs/events.md is the one generated from the catalog (npm run docs:update)', () => {
    assert.equal(readFileSync(join(ROOT, 'docs', 'events.md'), 'utf8'), eventsDocument());
  });
  it('hooklint explain PreSkillShellCommand prints its page: matcher, blocking, outputs, handler types, timeouts, versions', async () => {
    const { code, stdout } = await runCli(['explain', 'PreSkillShellCommand']);
    assert.equal(code, 0);
    assert.match(stdout, /^# PreSkillShellCommand\n/);
    assert.match(stdout, /\*\*Added in:\*\* 2\.1\.332/);
    assert.match(stdout, /\*\*Matcher:\*\* filters on `tool_name`: `Bash`, `PowerShell`/);
    assert.match(stdout, /\*\*Blocking:\*\* exit code 2 blocks/);
    assert.match(stdout, /`permissionDecision` \("allow" \| "deny" \| "ask" \| "defer"\)/);
    assert.match(stdout, /\*\*Handler types:\*\* `command`, `http`, `mcp_tool`\n/);
    assert.match(stdout, /\*\*`if`:\*\* evaluated/);
    assert.match(stdout, /default 600 s .*recommended 30 s/);
    assert.match(stdout, /\*\*Input \(stdin JSON\):\*\* .*`invoked_by` \("user" \| "claude" \| "other"\)/);
  });
  it('an event without matcher support says so, and PermissionRequest names the agent type it no longer runs', async () => {
    assert.match((await runCli(['explain', 'Stop'])).stdout, /\*\*Matcher:\*\* none: a matcher here is ignored/);
    assert.match((await runCli(['explain', 'PermissionRequest'])).stdout, /\(also `agent` before 2\.1\.280\)/);
  });
});
