/**
 * What a failed hook's stderr says (src/runner/cause.ts): the line that says
 * what failed, and whether this machine or the hook is the cause.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { machineCause, whatFailed } from '../src/runner/cause.js';

const dir = mkdtempSync(join(tmpdir(), 'hooklint-cause-'));
const roots = { projectDir: join(dir, 'proj'), pluginRoot: join(dir, 'proj', 'kit'), home: join(dir, 'home') };
mkdirSync(join(roots.projectDir, 'scripts', 'hooks'), { recursive: true });
mkdirSync(join(roots.projectDir, 'hookpkg'), { recursive: true });
writeFileSync(join(roots.projectDir, 'scripts', 'hooks', 'run.js'), '');

describe('whatFailed', () => {
  it("a Node trace's error line, not node:internal; Python's exception line; npm's first error; else the last line; paths shortened", () => {
    const node = `node:internal/modules/cjs/loader:1210\n  throw err;\n  ^\n\nError: Cannot find module '${roots.projectDir}/dist/x.js'\n    at Module._resolveFilename (node:internal/modules/cjs/loader:1207:15)\n\nNode.js v20.11.0\n`;
    assert.equal(whatFailed(node, roots), "Error: Cannot find module './dist/x.js'");
    assert.equal(whatFailed('Traceback (most recent call last):\n  File "x.py", line 1\nValueError: bad value\n'), 'ValueError: bad value');
    assert.equal(whatFailed('npm error code ENOENT\nnpm error enoent Could not read package.json\nnpm error A complete log of this run can be found in: x.log\n'), 'npm error enoent Could not read package.json');
    assert.equal(whatFailed('step one\nstep two failed\n\n'), 'step two failed');
    assert.equal(whatFailed(`cannot read ${roots.pluginRoot}/cfg and ${roots.home}/.x`, roots), 'cannot read ${CLAUDE_PLUGIN_ROOT}/cfg and ~/.x');
    assert.equal(whatFailed(''), '');
  });
});

describe('machineCause', () => {
  it('what this machine lacks', () => {
    assert.equal(machineCause('bash: line 1: uv: command not found\n', roots)?.missing, 'the program uv');
    assert.equal(machineCause('sh: 1: jq: not found\n', roots)?.missing, 'the program jq');
    assert.equal(machineCause("/usr/bin/env: 'bun': No such file or directory\n", roots)?.missing, 'the program bun');
    assert.equal(machineCause("Error: Cannot find module '@scope/pkg/lib'\n", roots)?.missing, 'the npm package @scope/pkg');
    assert.equal(machineCause("ModuleNotFoundError: No module named 'requests.adapters'\n", roots)?.missing, 'the Python package requests');
    assert.match(machineCause(`python3: can't open file '${roots.home}/.claude/hooks/x.py': [Errno 2] No such file or directory\n`, roots)!.missing, /^~\/\.claude\/hooks\/x\.py \(outside the project and plugin\)$/);
    assert.match(machineCause(`Error: Cannot find module '${roots.projectDir}/node_modules/x/index.js'\n`, roots)!.missing, /made when the project is set up/);
    assert.match(machineCause(`Error: Cannot find module '../lib/flags'\nRequire stack:\n- ${roots.projectDir}/scripts/hooks/run.js\n`, roots)!.missing, /^\.\/scripts\/lib\/ \(a folder of the project that is not here\)$/);
    assert.equal(machineCause('curl: (6) Could not resolve host: api.example.com\n', roots)?.missing, 'the network');
    assert.match(machineCause('fatal: not a git repository (or any of the parent directories): .git\n', roots)!.missing, /git repository/);
    // A redirection into a folder of the project that is not there (exit 1); the same words for a program (exit 127) are the hook's.
    assert.equal(machineCause('bash: line 1: logs/run.log: No such file or directory\n', roots, undefined, 1)?.missing, './logs/ (a folder of the project that is not here)');
    assert.equal(machineCause('bash: line 1: logs/run.sh: No such file or directory\n', roots, undefined, 127), undefined);
    assert.equal(machineCause('bash: line 1: scripts/run.log: No such file or directory\n', roots, undefined, 1), undefined, 'the folder is there: a typo, or a file the hook should create');
  });

  it("a defect of the project stays the hook's: its own script missing, a module of its own, a typo in a folder that is there", () => {
    assert.equal(machineCause(`bash: line 1: ${roots.projectDir}/.claude/hooks/x.sh: No such file or directory\n`, roots), undefined);
    assert.equal(machineCause("ModuleNotFoundError: No module named 'hookpkg'\n", roots), undefined);
    assert.equal(machineCause(`Error: Cannot find module './helper'\nRequire stack:\n- ${roots.projectDir}/scripts/hooks/run.js\n`, roots), undefined);
    assert.equal(machineCause('Error: something else broke\n', roots), undefined);
  });
});
