/**
 * The script analyses on the parse trees (src/analysis/script-parse.ts, issue 25
 * part 2): exit codes, decisions, exit-1 paths and `stop_hook_active` reads are
 * found by the parsers (unbash, Lezer), so what a comment, a docstring, a string
 * or a here-document spells is not code, and what the old line scans could not
 * follow (a call split over lines, an exit in a function called on the default
 * path, a callback's `.catch`) is. Rule-level cases run the CLI on a temporary
 * project.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { exitOnePaths } from '../src/analysis/exit-paths.js';
import { codeFacts, exitCodes, mentionsInCode, printsDecision } from '../src/analysis/script-exits.js';
import { localImports } from '../src/analysis/script-links.js';
import { scriptOutput } from '../src/analysis/script-output.js';
import { codeText } from '../src/analysis/script-parse.js';
import type { ScriptOptions } from '../src/analysis/scripts.js';
import { commandGroup, hookProject, runCli } from './helpers.js';

describe('exit codes and decisions, from the parse', () => {
  it('an exit in a comment, a docstring, a string or a here-document is no exit', () => {
    const py = ['"""Blocks with sys.exit(2)."""', 'import sys', '# sys.exit(2)', 'msg = "sys.exit(2)"', 'sys.exit(1)', ''].join('\n');
    assert.deepEqual([...exitCodes(py, 'python')], [[1, [5]]]);
    const js = ['// process.exit(2)', '/* process.exit(2) */', 'const s = `process.exit(2)`;', "console.log('process.exit(2)');", 'process.exit(1);', ''].join('\n');
    assert.deepEqual([...exitCodes(js, 'javascript')], [[1, [5]]]);
    const sh = ['#!/bin/bash', '# exit 2', 'cat <<EOF', 'exit 2', 'EOF', 'echo "exit 2"', 'exit 1', ''].join('\n');
    assert.deepEqual([...exitCodes(sh, 'shell')], [[1, [7]]]);
  });

  it('a call split over lines, raise SystemExit and process.exitCode are exits', () => {
    assert.deepEqual([...exitCodes('import sys\nsys.exit(\n    2)\nraise SystemExit(3)\n', 'python')], [[2, [2]], [3, [4]]]);
    assert.deepEqual([...exitCodes('process.exitCode = 2;\n', 'javascript')], [[2, [1]]]);
  });

  it('a decision is a key the code sets, not a word in a comment or in prose', () => {
    assert.equal(printsDecision('# prints permissionDecision: deny\nprint("ok")\n', 'python'), false);
    assert.equal(printsDecision('print("a server failure, not a user decision: restart it")\n', 'python'), false);
    assert.equal(printsDecision('print(json.dumps({"decision": "block"}))\n', 'python'), true);
    assert.equal(printsDecision('out = {}\nout["decision"] = "block"\n', 'python'), true);
    assert.equal(printsDecision('if data.get("decision") == "x":\n    pass\n', 'python'), false);
    assert.equal(printsDecision('class Out(TypedDict):\n    decision: Literal["block"]\n', 'python'), true);
    assert.equal(printsDecision('// permissionDecision: "deny"\nconsole.log("ok");\n', 'javascript'), false);
    assert.equal(printsDecision('out.decision = "block";\n', 'javascript'), true);
    assert.equal(printsDecision("console.log('{\"decision\": \"block\"}');\n", 'javascript'), true);
    assert.equal(printsDecision('#!/bin/bash\n# {"decision": "block"}\necho ok\n', 'shell'), false);
    assert.equal(printsDecision('#!/bin/bash\necho \'{"decision": "block"}\'\n', 'shell'), true);
    assert.equal(codeFacts('#!/bin/bash\ncat <<EOF\n{"decision": "block", "reason": "x"}\nEOF\n', 'shell').blocks, true);
    assert.equal(codeFacts('decision = "block"\nprint(json.dumps({"decision": decision}))\n', 'python').blocks, true);
    assert.equal(codeFacts('print(json.dumps({"decision": "approve"}))\n', 'python').blocks, false);
  });

  it('stop_hook_active is read in code, not in a comment', () => {
    assert.equal(mentionsInCode('#!/bin/bash\n# TODO: check stop_hook_active\nexit 2\n', 'shell', 'stop_hook_active'), false);
    assert.equal(mentionsInCode('#!/bin/bash\nA=$(jq -r .stop_hook_active)\n', 'shell', 'stop_hook_active'), true);
    assert.equal(mentionsInCode('#!/bin/bash\npython3 - <<EOF\nprint(d["stop_hook_active"])\nEOF\n', 'shell', 'stop_hook_active'), true);
    assert.equal(mentionsInCode('# stop_hook_active is ignored\nimport sys\n', 'python', 'stop_hook_active'), false);
    assert.equal(mentionsInCode('if data.get("stop_hook_active"):\n    sys.exit(0)\n', 'python', 'stop_hook_active'), true);
    assert.equal(mentionsInCode('/** stop_hook_active */\nprocess.exit(2);\n', 'javascript', 'stop_hook_active'), false);
  });

  it('stop_hook_active read in a shell test, a case word or a JS template\'s ${…} is read; in a comment inside a branch it is not', () => {
    const test = '#!/bin/bash\nINPUT=$(cat)\nif [[ "$(echo "$INPUT" | jq -r .stop_hook_active)" == "true" ]]; then exit 0; fi\nexit 2\n';
    assert.equal(mentionsInCode(test, 'shell', 'stop_hook_active'), true);
    assert.equal(mentionsInCode('case "$(jq -r .stop_hook_active)" in true) exit 0;; esac\nexit 2\n', 'shell', 'stop_hook_active'), true);
    assert.equal(mentionsInCode('if true; then\n  # stop_hook_active\n  exit 2\nfi\n', 'shell', 'stop_hook_active'), false);
    assert.equal(mentionsInCode('const x = `${input.stop_hook_active}`;\n', 'javascript', 'stop_hook_active'), true);
    assert.equal(mentionsInCode('const x = `stop_hook_active`;\n', 'javascript', 'stop_hook_active'), false);
  });
  it('shell: exec >&2 from its parse; a comment, a here-document line or exec 3>&2 is no redirection of stdout', () => {
    const streams = (text: string) => scriptOutput(text, 'shell').emissions.map((e) => e.stream);
    assert.deepEqual(streams('#!/bin/bash\necho a\nexec >&2\necho b\n'), ['stdout', 'stderr']);
    assert.deepEqual(streams('#!/bin/bash\necho a\nexec 1>&2 # all to stderr\necho b\n'), ['stdout', 'stderr']);
    assert.deepEqual(streams('#!/bin/bash\n# exec >&2\necho a\nexec 3>&2\necho b\n'), ['stdout', 'stdout']);
    // A here-document's line is data, not a command (a line scan took it for one).
    assert.deepEqual(streams("#!/bin/bash\ncat <<'EOF' >/dev/null\nexec >&2\nEOF\necho b\n"), ['stdout']);
  });
  it('codeText blanks comments and docstrings, keeps strings, offsets and lines', () => {
    const text = 'a = 1  # c\n"""doc\nmore"""\nb = "# not a comment"\n';
    const code = codeText(text, 'python');
    assert.equal(code.length, text.length);
    assert.ok(code.includes('"# not a comment"') && !code.includes('more') && !code.includes('# c'));
  });
});

describe('links, from the parse', () => {
  const files = new Set(['/p/lib.py', '/p/helpers.py', '/p/data_types.py', '/p/shared.js', '/p/old.js', '/p/common.sh', '/p/notes.sh']);
  const options = { host: { stat: (p: string) => (files.has(p) ? { isFile: true } : undefined) } } as unknown as ScriptOptions;
  it('Python: a multi-line import links its module; an import in a docstring or a comment links nothing', () => {
    const text = ['"""Usage:', '    import helpers', '"""', '# import lib', 'from .data_types import (', '    Out,', ')', ''].join('\n');
    assert.deepEqual(localImports('/p/hook.py', text, 'python', options), ['/p/data_types.py']);
  });
  it('JavaScript: require, import and export … from; not a specifier in a comment or a string', () => {
    const text = ["// require('./old')", 'const s = "require(\'./old\')";', "const a = require('./shared');", "export * from './shared';", ''].join('\n');
    assert.deepEqual(localImports('/p/hook.js', text, 'javascript', options), ['/p/shared.js']);
  });
  it('Python: imports the cheap scan must not miss (names on later lines of a list, after ;, over a backslash, in a folder without __init__.py)', () => {
    const dirs = new Set(['/q/pkg']);
    const qFiles = new Set(['/q/helpers.py', '/q/pkg/mod.py', '/q/util.py']);
    const q = { host: { stat: (p: string) => (qFiles.has(p) ? { isFile: true } : dirs.has(p) ? { isFile: false } : undefined) } } as unknown as ScriptOptions;
    assert.deepEqual(localImports('/q/hook.py', 'from . import (\n    helpers,\n)\n', 'python', q), ['/q/helpers.py']);
    assert.deepEqual(localImports('/q/hook.py', 'from pkg import (\n    mod,\n)\n', 'python', q), ['/q/pkg/mod.py']);
    assert.deepEqual(localImports('/q/hook.py', 'import os, \\\n    util\n', 'python', q), ['/q/util.py']);
    assert.deepEqual(localImports('/q/hook.py', 'x = 1; import helpers\n', 'python', q), ['/q/helpers.py']);
  });
  it('JavaScript: bundler output without spaces, and a require of a template without ${…}', () => {
    assert.deepEqual(localImports('/p/hook.mjs', 'import{deny}from"./shared.js";deny();\n', 'javascript', options), ['/p/shared.js']);
    assert.deepEqual(localImports('/p/hook.js', 'const s = require(`./shared`);\n', 'javascript', options), ['/p/shared.js']);
  });
  it('shell: source and ., not in a here-document or a comment', () => {
    const text = ['#!/bin/bash', '# source ./notes.sh', 'cat <<EOF', 'source ./notes.sh', 'EOF', '. "$(dirname "$0")/common.sh"', ''].join('\n');
    assert.deepEqual(localImports('/p/hook.sh', text, 'shell', options), ['/p/common.sh']);
  });
});

describe('exit-1 paths, from the parse', () => {
  it('Python: a refusal, an except block, and an exit 1 in a comment or string', () => {
    const text = [
      'import json, sys',
      'try:',
      '    data = json.load(sys.stdin)',
      'except ValueError:',
      '    sys.exit(1)',
      'command = data["tool_input"]["command"]',
      '# sys.exit(1) when blocked',
      'note = "Blocked: sys.exit(1)"',
      'if "rm -rf" in command:',
      '    print("Blocked: rm -rf is not allowed", file=sys.stderr)',
      '    sys.exit(1)',
      '',
    ].join('\n');
    assert.deepEqual(exitOnePaths(text, 'python'), [
      { line: 5, intent: 'error' },
      { line: 11, intent: 'refusal' },
    ]);
  });

  it('Python: an exit in a helper called on the default path is judged by its calls', () => {
    const text = ['import sys', 'def refuse(msg):', '    print(msg, file=sys.stderr)', '    sys.exit(1)', '', 'def main():', '    refuse("Blocked: use trash instead of rm")', '', 'main()', ''].join('\n');
    assert.deepEqual(exitOnePaths(text, 'python'), [{ line: 7, intent: 'refusal' }]);
  });

  it('JavaScript: a callback handed to .catch is an error path; a one-line if is a refusal', () => {
    const text = [
      'main().catch((err) => {',
      '  process.stderr.write(`hook failed: ${err.message}`);',
      '  process.exit(1);',
      '});',
      'if (input.tool_input.command.includes("rm -rf")) { console.error("Blocked: dangerous command"); process.exit(1); }',
      '// process.exit(1)',
      '',
    ].join('\n');
    assert.deepEqual(exitOnePaths(text, 'javascript'), [
      { line: 3, intent: 'error' },
      { line: 5, intent: 'refusal' },
    ]);
  });
});

describe('rules on the parse', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const findings = async (hooks: object, files: Record<string, string>) => {
    const dir = hookProject(hooks, files, 'hooklint-parse-');
    dirs.push(dir);
    const { stdout } = await runCli(['check', '-f', 'json', dir]);
    return (JSON.parse(stdout) as { messages: { ruleId: string; message: string }[] }[]).flatMap((f) => f.messages);
  };

  it('exit-1-does-not-block: a docstring that mentions sys.exit(2) does not make a refusing script block', async () => {
    const script = ['#!/usr/bin/env python3', '"""Guard. To block for real it would need sys.exit(2)."""', 'import json, sys', 'data = json.load(sys.stdin)', 'if "rm -rf" in data["tool_input"]["command"]:', '    print("Blocked: rm -rf is not allowed", file=sys.stderr)', '    sys.exit(1)', ''].join('\n');
    const found = await findings({ PreToolUse: [{ matcher: 'Bash', ...commandGroup('python3 "$CLAUDE_PROJECT_DIR"/.claude/hooks/guard.py') }] }, { '.claude/hooks/guard.py': script });
    assert.deepEqual(
      found.filter((m) => m.ruleId === 'exit-1-does-not-block').map((m) => /line 7/.test(m.message)),
      [true],
    );
  });

  it('stop-hook-loop: a comment that names stop_hook_active is not a check of it', async () => {
    const script = ['#!/bin/bash', '# stop_hook_active: we should check it one day', 'if ! npm test >&2; then', '  echo "tests fail: fix them" >&2', '  exit 2', 'fi', ''].join('\n');
    const found = await findings({ Stop: [commandGroup('"$CLAUDE_PROJECT_DIR"/.claude/hooks/gate.sh')] }, { '.claude/hooks/gate.sh': script });
    assert.equal(found.filter((m) => m.ruleId === 'stop-hook-loop').length, 1);
    const checked = script.replace('# stop_hook_active: we should check it one day', '[ "$(jq -r .stop_hook_active)" = true ] && exit 0');
    const quiet = await findings({ Stop: [commandGroup('"$CLAUDE_PROJECT_DIR"/.claude/hooks/gate.sh')] }, { '.claude/hooks/gate.sh': checked });
    assert.equal(quiet.filter((m) => m.ruleId === 'stop-hook-loop').length, 0);
  });
});
