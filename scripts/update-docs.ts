// Rewrites the header line (severity, fix, category, where the rule runs) and the
// ```text output``` block of every docs/rules/<id>.md from the rule's metadata
// and what hooklint reports for the page's example. Review the diff before committing.
// Usage: npm run docs:update
import { readFileSync, writeFileSync } from 'node:fs';
import { EVENT_COUNT_IN_PAGE, filesOf, pageHeader, README_MARKERS, rulesTable, runExample, sectionsOf } from '../src/docs-examples.js';
import { catalog } from '../src/model/catalog.js';
import { rules } from '../src/rules/index.js';
import { eventsDocument } from '../src/model/event-docs.js';

for (const rule of rules) {
  const path = new URL(`../docs/rules/${rule.meta.id}.md`, import.meta.url);
  const page = readFileSync(path, 'utf8');
  const lines = runExample(filesOf(sectionsOf(page).example), rule.meta.id);
  if (lines.length === 0) console.error(`${rule.meta.id}: the example reports nothing`);
  const withHeader = page.replace(/^\*\*Severity:\*\*.*$/m, pageHeader(rule));
  writeFileSync(path, withHeader.replace(/```text output\n[\s\S]*?```/, '```text output\n' + lines.map((l) => l + '\n').join('') + '```'));
}

// The unknown-event page's event count, from the catalog.
{
  const path = new URL('../docs/rules/unknown-event.md', import.meta.url);
  writeFileSync(path, readFileSync(path, 'utf8').replace(EVENT_COUNT_IN_PAGE, (_, hook: string) => `${catalog.events.length} ${hook}`));
}

// The README's rule table.
const readmePath = new URL('../README.md', import.meta.url);
const readme = readFileSync(readmePath, 'utf8');
const [start, end] = README_MARKERS;
const a = readme.indexOf(start);
const b = readme.indexOf(end);
if (a < 0 || b < a) throw new Error('README.md lacks the rules table markers');
writeFileSync(readmePath, readme.slice(0, a + start.length) + '\n\n' + rulesTable(rules) + '\n' + readme.slice(b));

// The event pages, from the catalog.
writeFileSync(new URL('../docs/events.md', import.meta.url), eventsDocument());
