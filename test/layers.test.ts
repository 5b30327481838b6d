/**
 * The layout of src/ (ARCHITECTURE.md in ../shared/, the frontmatter issue):
 * a folder is a layer, and a module imports only from its own folder or from
 * lower layers. Type-only imports count too, since they couple the layers as
 * much as values do. Imports outside src/ (the catalog JSON, package.json)
 * are data, not layers.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from './helpers.js';

const SRC = join(ROOT, 'src');

/** Bottom first: what each folder of src/ may build on. */
const LAYERS: Record<string, number> = {
  formats: 1, // JSONC and YAML front ends, the tree interface, positions
  generated: 1, // precompiled schema validators (build output)
  model: 2, // catalog, hook model, matchers, shared types, versions
  analysis: 3, // shell and script analysis
  schema: 3, // validation against the generated JSON Schemas
  fix: 3, // format-preserving edits (JSONC and YAML)
  rules: 4,
  lint: 5, // lintText and applyFixes
  node: 6, // discovery, config, files, threads
  formatters: 6,
  runner: 7, // hooklint test
  lsp: 7, // hooklint lsp
  hooks: 7, // hooklint hooks
  cli: 8,
};
/** Files at the top of src/: the entry points. */
const TOP = 9;

function files(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) files(p, out);
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** The folder of src/ a path is in (undefined outside src/), and its layer. */
function placeOf(path: string): { folder: string; layer: number } | undefined {
  const rel = relative(SRC, path);
  if (rel.startsWith('..')) return undefined;
  const [first, ...rest] = rel.split(sep);
  if (rest.length === 0) return { folder: '.', layer: TOP };
  const layer = LAYERS[first!];
  assert.ok(layer !== undefined, `src/${first}/ has no layer in this test's table`);
  return { folder: first!, layer };
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*'(\.[^']+)'|(?:^|\n)\s*declare module '(\.[^']+)'/g;

describe('src/ layers', () => {
  it('every module imports only from its own folder or a lower layer', () => {
    const wrong: string[] = [];
    for (const file of files(SRC)) {
      const from = placeOf(file)!;
      for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
        const spec = m[1] ?? m[2]!;
        const target = normalize(join(dirname(file), spec));
        const to = placeOf(target);
        if (!to || to.folder === from.folder || to.layer < from.layer) continue;
        wrong.push(`${relative(ROOT, file)} -> ${relative(ROOT, target)} (layer ${from.layer} -> ${to.layer})`);
      }
    }
    assert.deepEqual(wrong, []);
  });
  it('the table names every folder of src/, and the old core/ is gone', () => {
    const folders = readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    assert.deepEqual(folders, Object.keys(LAYERS).sort());
  });
});
