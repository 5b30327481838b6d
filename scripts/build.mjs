/**
 * Build hooklint: precompile the JSON Schema validators (ajv standalone code,
 * so no schema is compiled at run time), then bundle the CLI and the library
 * with esbuild. Runs on `npm install` through the `prepare` script.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url);
const read = (p) => JSON.parse(readFileSync(new URL(p, root), 'utf8'));
// The three schemas share their definitions: compile them once, from a common schema, so
// the generated code holds one copy (a third of the size; less to parse at start-up).
const COMMON = 'https://hooklint.dev/schemas/common.json';
const schemas = ['settings', 'plugin-hooks', 'plugin-manifest'].map((n) => read(`schemas/${n}.schema.json`));
/**
 * The validators check an event map (the `eventMap` definition, and the inline one of a
 * plugin manifest's `hooks`) through one `patternProperties` entry naming every event
 * instead of 33 copies of the same `properties` entry: the same instances pass and fail
 * with the same keywords and instance paths (test/schemas.test.ts compares them), and
 * the generated code is less than half the size, less for V8 to compile in every run.
 * The published schemas keep one entry per event, with its description, for editors.
 */
const EVENTS = Object.keys(schemas[0].definitions.eventMap.properties);
function compactEventMaps(v) {
  if (Array.isArray(v)) return v.map(compactEventMaps);
  if (!v || typeof v !== 'object') return v;
  // Values under these keywords are schemas keyed by name: compact each, never the name map itself.
  const byName = (x) => Object.fromEntries(Object.entries(x).map(([name, schema]) => [name, compactEventMaps(schema)]));
  const out = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, ['properties', 'patternProperties', 'definitions'].includes(k) ? byName(x) : compactEventMaps(x)]));
  const props = v.properties;
  if (!props || typeof props !== 'object' || Object.keys(props).join() !== EVENTS.join()) return out;
  const strip = ({ description, ...rest }) => rest;
  const value = JSON.stringify(strip(props[EVENTS[0]]));
  for (const name of EVENTS) {
    if (!/^[A-Za-z]+$/.test(name)) throw new Error(`event name ${name} cannot go into the event-map pattern as it is`);
    if (JSON.stringify(strip(props[name])) !== value) throw new Error(`the schema of event ${name} differs from the other events'`);
  }
  if (out.patternProperties) throw new Error('an event map with patternProperties of its own');
  delete out.properties;
  out.patternProperties = { [`^(?:${EVENTS.join('|')})$`]: compactEventMaps(JSON.parse(value)) };
  return out;
}
const commonSchema = { $id: COMMON, definitions: compactEventMaps(schemas[0].definitions) };
const toCommon = (v) =>
  Array.isArray(v) ? v.map(toCommon)
  : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'definitions').map(([k, x]) => [k, k === '$ref' && typeof x === 'string' && x.startsWith('#/definitions/') ? COMMON + x : toCommon(x)]))
  : v;
for (const s of schemas) if (JSON.stringify(s.definitions) !== JSON.stringify(schemas[0].definitions)) throw new Error(`${s.$id}: definitions differ from the settings schema's`);
// Inside the common definitions, refs stay local ("#/definitions/..." resolves against COMMON).
// inlineRefs: false keeps each definition in a function of its own: the handler check
// is then ~6 KB calling one function per handler type instead of one 31 KB function,
// and V8 optimises the small hot ones quickly and never compiles those a run does not use
// (with the event-map pattern above: 130 KB of generated code -> 53 KB).
const ajv = new Ajv({ allErrors: true, inlineRefs: false, strict: false, code: { source: true, esm: true }, schemas: [commonSchema, ...schemas.map((s) => compactEventMaps(toCommon(s)))] });
const code = standaloneCode(ajv, {
  validateSettings: 'https://hooklint.dev/schemas/settings.schema.json',
  validatePluginHooks: 'https://hooklint.dev/schemas/plugin-hooks.schema.json',
  validatePluginManifest: 'https://hooklint.dev/schemas/plugin-manifest.schema.json',
});
mkdirSync(new URL('src/generated/', root), { recursive: true });
// ajv's standalone code requires its runtime helpers even in ESM mode; import them instead.
const imports = [];
const esm = code.replace(/require\("(ajv\/dist\/runtime\/[a-z0-9]+)"\)\.default/g, (_, mod) => {
  const name = `__ajvRuntime${imports.length}`;
  // Node gives the CJS exports object, esbuild the __esModule default: accept both.
  imports.push(`import ${name}Module from "${mod}.js";\nconst ${name} = typeof ${name}Module === 'function' ? ${name}Module : ${name}Module.default;`);
  return name;
});
if (/require\(/.test(esm)) throw new Error('unexpected require() left in the generated validators');
writeFileSync(new URL('src/generated/validators.js', root), '// Generated by scripts/build.mjs from schemas/*.schema.json. Do not edit.\n' + imports.join('\n') + '\n' + esm.replace(/^"use strict";/, ''));
// hooklint.tests.json's validator, in a module of its own: only `hooklint test` loads it (compiling
// the schema with ajv at run time took a quarter of `hooklint test --list`'s start-up).
{
  const testsAjv = new Ajv({ allErrors: false, strict: false, code: { source: true, esm: true } });
  testsAjv.addSchema(JSON.parse(readFileSync(new URL('schemas/hooklint.tests.schema.json', root), 'utf8')));
  const testsImports = [];
  const testsEsm = standaloneCode(testsAjv, { validateTests: 'https://hooklint.dev/schemas/hooklint.tests.schema.json' }).replace(/require\("(ajv\/dist\/runtime\/[a-z0-9]+)"\)\.default/g, (_, mod) => {
    const name = `__ajvRuntime${testsImports.length}`;
    testsImports.push(`import ${name}Module from "${mod}.js";\nconst ${name} = typeof ${name}Module === 'function' ? ${name}Module : ${name}Module.default;`);
    return name;
  });
  if (/require\(/.test(testsEsm)) throw new Error('unexpected require() left in the generated tests validator');
  writeFileSync(new URL('src/generated/tests-validator.js', root), '// Generated by scripts/build.mjs from schemas/hooklint.tests.schema.json. Do not edit.\n' + testsImports.join('\n') + '\n' + testsEsm.replace(/^"use strict";/, ''));
}

if (process.argv.includes('--validators-only')) process.exit(0);

// hooklint always gives chalk its colour level (from --color, NO_COLOR, FORCE_COLOR and
// whether stdout is a terminal); chalk's own detection would load node:tty, and with it
// Node's net and stream modules, in every run (~0.05 G instructions, ~10% of `node -e 0`).
// Its browser variant detects nothing and loads nothing.
const chalkWithoutTty = {
  name: 'chalk-without-tty',
  setup(b) {
    b.onResolve({ filter: /^#supports-color$/ }, (args) => ({ path: join(dirname(args.importer), 'vendor', 'supports-color', 'browser.js') }));
  },
};
// The check program leaves out of the event catalog what only `hooklint explain` and the runner
// read (each event's input and output, the runner key, the output contract): src/model/catalog.ts eventDetails reads
// them from schemas/events.json when asked. The runner's and language server's bundles keep all.
const catalogForCheck = {
  name: 'catalog-for-check',
  setup(b) {
    b.onLoad({ filter: /[\\/]schemas[\\/]events\.json$/ }, (args) => {
      const cat = JSON.parse(readFileSync(args.path, 'utf8'));
      delete cat.runner;
      // The output contract (src/model/contract.ts outputContract) is read only by runs that read scripts.
      delete cat.outputContract;
      for (const e of cat.events) {
        delete e.input;
        delete e.output;
      }
      cat.$detailsOmitted = true;
      return { contents: JSON.stringify(cat), loader: 'json' };
    });
  },
};
const common = { plugins: [chalkWithoutTty], bundle: true, platform: 'node', mainFields: ['module', 'main'], format: 'esm', target: 'node20', logLevel: 'warning', legalComments: 'none', minifyWhitespace: true, minifySyntax: true,
  // CJS dependencies bundled into ESM need a require().
  banner: { js: "import { createRequire as __hlCreateRequire } from 'node:module'; import { fileURLToPath as __hlToPath } from 'node:url'; const require = __hlCreateRequire(import.meta.url); const __filename = __hlToPath(import.meta.url);" } };
// Chunk names carry a content hash: drop the previous build's chunks.
rmSync(new URL('dist/chunks/', root), { recursive: true, force: true });
await build({ ...common, entryPoints: { index: 'src/index.ts', worker: 'src/node/worker.ts' }, outdir: 'dist', splitting: true, chunkNames: 'chunks/[name]-[hash]' });
// The program is a CommonJS bundle: Node loads it faster than ESM (no ESM loader jobs,
// no ESM facades of builtins, which for node:fs also load fs/promises and readline).
// Everything optional (yargs, formatters, the diff printer) stays lazily initialised inside
// it, and it holds no import(): dist/cli.cjs runs it from a V8 code cache (see below).
await build({
  ...common,
  format: 'cjs',
  entryPoints: { hooklint: 'src/cli.ts' },
  plugins: [chalkWithoutTty, catalogForCheck],
  outExtension: { '.js': '.cjs' },
  outdir: 'dist',
  define: { 'import.meta.url': '__hlMetaUrl' },
  banner: { js: "const __hlMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});
// `hooklint test` (src/runner): a CommonJS bundle of its own, required by the CLI only when `test`
// runs, so that `check`'s program holds none of it (checked below).
await build({
  ...common,
  format: 'cjs',
  entryPoints: { runner: 'src/runner/index.ts' },
  outExtension: { '.js': '.cjs' },
  outdir: 'dist',
  define: { 'import.meta.url': '__hlMetaUrl' },
  banner: { js: "const __hlMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});
// `hooklint hooks` (src/hooks): a CommonJS bundle of its own, required by the CLI only when `hooks`
// runs, so that `check`'s program holds none of the effective hook set.
await build({
  ...common,
  format: 'cjs',
  entryPoints: { hooks: 'src/hooks/index.ts' },
  outExtension: { '.js': '.cjs' },
  outdir: 'dist',
  define: { 'import.meta.url': '__hlMetaUrl' },
  banner: { js: "const __hlMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});
// The language server (src/lsp/main.ts, `hooklint lsp`): a CommonJS bundle of its own, which the
// CLI requires by a path computed at run time, so the check bundle never holds LSP code.
await build({
  ...common,
  format: 'cjs',
  entryPoints: { lsp: 'src/lsp/main.ts' },
  outExtension: { '.js': '.cjs' },
  outdir: 'dist',
  define: { 'import.meta.url': '__hlMetaUrl' },
  banner: { js: "const __hlMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});
// The reader thread (src/reader.ts): a small CommonJS file of its own, so it starts fast.
await build({ ...common, format: 'cjs', banner: {}, entryPoints: { reader: 'src/node/reader.ts' }, outExtension: { '.js': '.cjs' }, outdir: 'dist' });
const program = readFileSync(new URL('dist/hooklint.cjs', root), 'utf8');
for (const id of ['hook-timed-out', 'hook-stop-loop', 'hooklint.tests.json'])
  if (program.includes(id)) throw new Error(`dist/hooklint.cjs contains runner code ("${id}"): src/runner must be reached only through dist/runner.cjs`);
if (program.includes('plugin-name-clash')) throw new Error('dist/hooklint.cjs contains the effective hook set: src/hooks/ and src/node/effective.ts must be reached only through dist/hooks.cjs');
if (/textDocument\/publishDiagnostics|\$\/cancelRequest/.test(program)) throw new Error('dist/hooklint.cjs contains language server code: src/lsp/ must stay in dist/lsp.cjs');
if (/\bimport\(/.test(program.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, ''))) throw new Error('dist/hooklint.cjs contains import(), which cannot run from the code cache');

// The executable: a small launcher that compiles dist/hooklint.cjs with the V8 code cache
// made at build time (dist/hooklint.cjs.cache), so start-up skips most parsing and compiling.
// A missing or rejected cache (another Node version) just means a normal compile.
const launcher = `#!/usr/bin/env node
'use strict';
// hooklint's executable (generated by scripts/build.mjs): runs ./hooklint.cjs, with the V8
// code cache made at build time when it matches this Node. Never writes the cache unless
// HOOKLINT_WRITE_CODE_CACHE=1 (the build does that once).
const fs = require('node:fs');
const path = require('node:path');
const file = path.join(__dirname, 'hooklint.cjs');
const cacheFile = file + '.cache';
// WebAssembly (the Ruby parser, src/analysis/ruby-parser.ts) is compiled by V8's baseline compiler
// only: otherwise a run that loads it waits ~0.5 s at exit for V8's optimising recompilation of the
// grammar. Set in every run, before the cache is read: V8 checks the flags a cache was made under.
require('node:v8').setFlagsFromString('--liftoff-only');
let script;
try {
  const vm = require('node:vm');
  const Module = require('node:module');
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {}
  // The bundle keeps src/cli.ts's shebang line; blank it (same line numbers) inside the wrapper.
  const source = fs.readFileSync(file, 'utf8').replace(/^#!.*/, '');
  script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  // With the cache accepted, most functions arrive as bytecode: Sparkplug would compile the hot ones
  // again on the main thread, which a short run never earns back (callgrind, one file: 203 M instructions
  // with it, 180-190 M without). Set only now: V8 checks the flags a cache was made under.
  if (cachedData && !script.cachedDataRejected && process.env.HOOKLINT_WRITE_CODE_CACHE !== '1') require('node:v8').setFlagsFromString('--no-sparkplug');
  const run = script.runInThisContext();
  const mod = { exports: {}, filename: file, id: file, loaded: false };
  run.call(mod.exports, mod.exports, Module.createRequire(file), mod, file, __dirname);
} catch (e) {
  if (script) throw e;
  require(file);
}
if (process.env.HOOKLINT_WRITE_CODE_CACHE === '1' && script)
  process.on('exit', () => fs.writeFileSync(cacheFile, script.createCachedData()));
`;
const cli = new URL('dist/cli.cjs', root);
writeFileSync(cli, launcher);
chmodSync(cli, 0o755);
// The runner's code cache, from `test --list` on a fixture project (the runner's start-up path); made
// first, since that run would also rewrite the check program's cache, made next.
rmSync(new URL('dist/runner.cjs.cache', root), { force: true });
spawnSync(process.execPath, [fileURLToPath(cli), 'test', '--list'], { cwd: fileURLToPath(new URL('fixtures/runner/good/', root)), env: { ...process.env, HOOKLINT_WRITE_RUNNER_CACHE: '1', GITHUB_ACTIONS: '' }, stdio: 'ignore' });
// Make the code cache from a run that exercises the usual paths (every rule, the stylish report).
rmSync(new URL('dist/hooklint.cjs.cache', root), { force: true });
spawnSync(process.execPath, [fileURLToPath(cli), 'check', fileURLToPath(new URL('fixtures/', root))], { env: { ...process.env, HOOKLINT_WRITE_CODE_CACHE: '1', GITHUB_ACTIONS: '' }, stdio: 'ignore' });
