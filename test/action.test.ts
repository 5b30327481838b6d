/**
 * The GitHub Action as a user meets it (issue 24): action.yml parses as YAML and passes
 * action-validator (the schema GitHub's runner applies to an action's metadata), its inputs
 * are the ones README documents with the same defaults, and its two steps, run as the runner
 * runs a composite action (bash -e, `${{ … }}` expanded, step outputs through GITHUB_OUTPUT),
 * install the packed package with no build and no dev tree and lint with it. The registry
 * install itself is the same `npm install` with `hooklint@<version>` instead of the tarball
 * (hooklint is not published from here). test/integrations.test.ts covers fail-on and SARIF
 * against the development build.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { childEnv, ROOT, spawnSyncTimed } from './helpers.js';

interface Step { name: string; id?: string; shell: string; env?: Record<string, string>; run: string }
interface Action { name: string; description: string; inputs: Record<string, { description: string; default?: string }>; runs: { using: string; steps: Step[] } }

const text = readFileSync(join(ROOT, 'action.yml'), 'utf8');

function action(): Action {
  const doc = parseDocument(text, { uniqueKeys: true, strict: true });
  assert.deepEqual(doc.errors.map((e) => e.message), []);
  return doc.toJS() as Action;
}

/** README's table of the Action's inputs: name -> default, as written (`.`, `''`, ...). */
function readmeInputs(): Map<string, string> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('**GitHub Actions**'), readme.indexOf('**pre-commit**'));
  const rows = new Map<string, string>();
  for (const m of section.matchAll(/^\| `([a-z-]+)` \| ([^|]*) \|/gm)) rows.set(m[1]!, m[2]!.trim().replace(/^`|`$/g, ''));
  return rows;
}

describe('action.yml', () => {
  it('parses as YAML (no duplicate keys), runs composite bash steps, and every input has a description and a default', () => {
    const a = action();
    assert.equal(a.runs.using, 'composite');
    for (const [name, input] of Object.entries(a.inputs)) {
      assert.ok(input.description, name);
      assert.equal(typeof input.default, 'string', `${name} has a default`);
    }
    for (const s of a.runs.steps) assert.equal(s.shell, 'bash', s.name);
  });
  it('passes action-validator', () => {
    const bin = join(ROOT, 'node_modules', '.bin', 'action-validator');
    const r = spawnSyncTimed(bin, [join(ROOT, 'action.yml')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    // It does fail on a broken action (the plain scalar with ": " of the past).
    const dir = mkdtempSync(join(tmpdir(), 'hooklint-action-'));
    writeFileSync(join(dir, 'action.yml'), text.replace(/description: 'Files or directories to lint, separated by spaces \(default: the whole repository\)'/, 'description: Files or directories to lint (default: the whole repository)'));
    assert.notEqual(spawnSyncTimed(bin, [join(dir, 'action.yml')], { encoding: 'utf8' }).status, 0);
  });
  it('README\'s workflow, which uses the action, passes action-validator and sets only inputs the action has', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('**GitHub Actions**'));
    const workflow = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
    const dir = mkdtempSync(join(tmpdir(), 'hooklint-workflow-'));
    mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
    const path = join(dir, '.github', 'workflows', 'hooklint.yml');
    writeFileSync(path, workflow);
    const r = spawnSyncTimed(join(ROOT, 'node_modules', '.bin', 'action-validator'), [path], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const steps = (parseDocument(workflow).toJS() as { jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }> }).jobs.hooklint!.steps;
    const ours = steps.find((st) => st.uses?.startsWith('hooklint/hooklint@'))!;
    assert.match(ours.uses!, /@v\d+\.\d+\.\d+$/, 'pins a release tag');
    for (const k of Object.keys(ours.with ?? {})) assert.ok(k in action().inputs, k);
  });
  it('has exactly the inputs README documents, with the same defaults', () => {
    const a = action();
    const documented = readmeInputs();
    assert.deepEqual([...documented.keys()].sort(), Object.keys(a.inputs).sort());
    for (const [name, input] of Object.entries(a.inputs)) assert.equal(documented.get(name), input.default === '' ? "''" : input.default, name);
  });
  it('never installs the dev tree: no npm ci, and the package comes from the registry at the action\'s version', () => {
    assert.doesNotMatch(text, /npm ci\b/);
    assert.match(text, /spec="hooklint@\$spec"/);
    assert.match(text, /require\(process\.argv\[1\]\)\.version' "\$HL_ACTION_PATH\/package\.json"/);
  });
});

describe('the Action\'s steps, run as the runner runs them', () => {
  /** Expand `${{ inputs.x }}`, `${{ github.action_path }}` and `${{ steps.<id>.outputs.<name> }}`. */
  function expand(s: string, inputs: Record<string, string>, outputs: Record<string, Record<string, string>>): string {
    return s.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
      let m;
      if ((m = /^inputs\.([a-z-]+)$/.exec(expr))) return inputs[m[1]!] ?? '';
      if (expr === 'github.action_path') return ROOT;
      if ((m = /^steps\.([a-z-]+)\.outputs\.([a-z-]+)$/.exec(expr))) return outputs[m[1]!]?.[m[2]!] ?? '';
      throw new Error(`an expression the test does not know: ${expr}`);
    });
  }
  /** Run every step in order in `cwd`; returns the last step's result and each step's outputs. */
  function runAction(given: Record<string, string>, cwd: string, temp: string) {
    const a = action();
    const inputs = Object.fromEntries(Object.entries(a.inputs).map(([k, v]) => [k, given[k] ?? v.default ?? '']));
    const outputs: Record<string, Record<string, string>> = {};
    let last;
    for (const s of a.runs.steps) {
      const outFile = join(temp, `output-${s.id}`);
      writeFileSync(outFile, '');
      const env = Object.fromEntries(Object.entries(s.env ?? {}).map(([k, v]) => [k, expand(v, inputs, outputs)]));
      last = spawnSyncTimed('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', expand(s.run, inputs, outputs)], {
        cwd,
        encoding: 'utf8',
        timeout: 240_000,
        env: { ...childEnv(), GITHUB_ACTIONS: 'true', RUNNER_TEMP: temp, GITHUB_OUTPUT: outFile, npm_config_prefer_offline: 'true', ...env },
      });
      if (s.id) outputs[s.id] = Object.fromEntries(readFileSync(outFile, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
      if (last.status !== 0) return { result: last, outputs, step: s.name };
    }
    return { result: last!, outputs, step: '' };
  }

  it('installs the packed package into RUNNER_TEMP (no build), lints, writes SARIF and maps fail-on', () => {
    const temp = mkdtempSync(join(tmpdir(), 'hooklint-action-run-'));
    const pack = spawnSyncTimed(process.execPath, [join(ROOT, 'scripts', 'release.mjs'), 'pack', '--out', temp], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(pack.status, 0, pack.stderr);
    const tarball = pack.stdout.trim();
    const repo = join(temp, 'repo');
    mkdirSync(join(repo, '.claude'), { recursive: true });
    mkdirSync(join(repo, '.claude', 'skills', 'fmt'), { recursive: true });
    writeFileSync(join(repo, 'package.json'), '{"name": "user-project", "private": true}\n');
    writeFileSync(join(repo, '.claude', 'settings.json'), '{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "echo done"}]}]}}\n');
    writeFileSync(join(repo, '.claude', 'skills', 'fmt', 'SKILL.md'), '---\nname: fmt\ndescription: x\nhooks:\n  postToolUse:\n    - hooks:\n        - type: command\n          command: echo hi\n          timeout: 5\n---\nbody\n');

    const errorRun = runAction({ version: tarball, 'sarif-file': 'hooklint.sarif' }, repo, temp);
    assert.equal(errorRun.step, 'Run hooklint', `${errorRun.step}: ${errorRun.result.stderr}`);
    assert.equal(errorRun.result.status, 1, errorRun.result.stderr);
    assert.match(errorRun.result.stdout, /^::error file=\.claude\/skills\/fmt\/SKILL\.md,line=5,.*\(unknown-event\)::/m);
    assert.match(errorRun.result.stdout, /^::warning file=\.claude\/settings\.json,.*\(missing-timeout\)::/m);
    assert.equal(errorRun.outputs.run?.['sarif-file'], 'hooklint.sarif');
    const sarif = JSON.parse(readFileSync(join(repo, 'hooklint.sarif'), 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    assert.deepEqual(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId).sort(), ['missing-timeout', 'unknown-event']);
    // The user's project is untouched; the package went into RUNNER_TEMP, with only its runtime dependencies.
    assert.ok(!existsSync(join(repo, 'node_modules')) && !existsSync(join(repo, 'package-lock.json')));
    const installed = join(temp, 'hooklint-action', 'node_modules');
    assert.ok(existsSync(join(installed, 'hooklint', 'dist', 'cli.cjs')));
    assert.ok(!existsSync(join(installed, 'esbuild')) && !existsSync(join(installed, 'typescript')));
    // The published manifest (scripts/release.mjs): no scripts (no prepare), no dev tree, only the lazily required runtime dependencies.
    const manifest = JSON.parse(readFileSync(join(installed, 'hooklint', 'package.json'), 'utf8'));
    assert.equal(manifest.scripts, undefined);
    assert.equal(manifest.devDependencies, undefined);
    assert.deepEqual(Object.keys(manifest.dependencies).sort(), ['@lezer/javascript', '@lezer/python', '@vscode/tree-sitter-wasm', 'picomatch', 'semver', 'write-file-atomic', 'yaml']);

    const warningsOnly = { version: tarball, paths: '.claude/settings.json' };
    assert.equal(runAction(warningsOnly, repo, temp).result.status, 0, 'fail-on: error passes warnings');
    assert.equal(runAction({ ...warningsOnly, 'fail-on': 'warning' }, repo, temp).result.status, 1);
    assert.equal(runAction({ version: tarball, 'fail-on': 'never' }, repo, temp).result.status, 0);
  });
});
