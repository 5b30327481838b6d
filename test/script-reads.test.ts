/**
 * The small scanners of issue 25 (src/analysis/script-reads.ts and the helpers
 * of the rules built on them): what counts as a read of the hook input or of an
 * environment variable, and what does not (comments, docstrings, strings,
 * other JSON, writes, fallbacks); shebangs; curl's clustered options; regex
 * groups that are not permission rules.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeShell, filesWritten } from '../src/analysis/command.js';
import { envReads, inputReads, jqTopFields } from '../src/analysis/script-reads.js';
import { codeText } from '../src/analysis/script-parse.js';
import { permissionRule } from '../src/rules/matcher-permission-syntax.js';
import { shebangProgram } from '../src/rules/path-dependent-command.js';

const names = (reads: { name: string }[]) => reads.map((r) => r.name);

describe('script-reads: the hook input a script reads', () => {
  it('Python: reads of the parsed stdin by a literal name, not comments, docstrings, strings or writes', () => {
    const text = [
      '"""Docstring: data.get("in_docstring")."""',
      'import json, sys',
      'data = json.load(sys.stdin)',
      '# data.get("in_comment")',
      'x = data.get("tool_name", "")',
      'y = data["session_id"]',
      'z = data.get("tool_input", {}).get("nested")',
      's = \'data.get("in_string")\'',
      'data["logged_at"] = "now"',
      'print(data["logged_at"])',
      'other = json.load(open("config.json"))',
      'w = other.get("not_input")',
    ].join('\n');
    assert.deepEqual(names(inputReads(text, 'python')), ['tool_name', 'session_id', 'tool_input']);
    assert.deepEqual(inputReads(text, 'python')[0]!.line, 5);
  });

  it('JavaScript: only a JSON.parse of stdin, not another JSON or a parameter of the same name', () => {
    const text = [
      "const fs = require('fs');",
      "const input = JSON.parse(fs.readFileSync(0, 'utf8'));",
      "const config = JSON.parse(fs.readFileSync('c.json', 'utf8'));",
      'const { session_id, cwd } = input;',
      'if (input.tool_name === "Bash" && input?.tool_input) console.log(config.board);',
      '// input.in_comment',
      'const t = `input.in_template`;',
      'input.seen = true;',
      'console.log(input["prompt"], input.seen, input.toString());',
    ].join('\n');
    assert.deepEqual(new Set(names(inputReads(text, 'javascript'))), new Set(['session_id', 'cwd', 'tool_name', 'tool_input', 'prompt']));
    const shadowed = "let raw = '';\nprocess.stdin.on('data', (c) => { raw += c; });\nconst input = JSON.parse(raw);\nfunction f(input) { return input.length; }\nconsole.log(input.tool_name);";
    assert.deepEqual(inputReads(shadowed, 'javascript'), []);
  });

  it('shell: jq filters fed the saved input, and python -c on it; not jq on other JSON', () => {
    const text = [
      '#!/bin/bash',
      'INPUT=$(cat)',
      'TOOL=$(echo "$INPUT" | jq -r \'.tool_name // ""\')',
      'FILE=$(echo "$INPUT" | jq -r \'.tool_input.file_path\')',
      'EDITS=$(echo "$INPUT" | jq -r \'.tool_input.edits[].file_path\')',
      'NAME=$(echo "$INPUT" | python3 -c "import sys,json; print(json.load(sys.stdin).get(\'team_name\',\'\'))")',
      'V=$(jq -r .version package.json)',
      'R=$(gh api repos/x | jq -r .name)',
    ].join('\n');
    assert.deepEqual(names(inputReads(text, 'shell')), ['tool_name', 'tool_input', 'tool_input', 'team_name']);
    assert.deepEqual(inputReads('#!/bin/bash\nR=$(curl -s x | jq -r .name)\n', 'shell'), []);
  });

  it('jq: the top-level paths of the first stage only', () => {
    assert.deepEqual(jqTopFields('.tool_name // ""'), ['tool_name']);
    assert.deepEqual(jqTopFields('(.tool_input.file_path // .tool_input.path)'), ['tool_input', 'tool_input']);
    assert.deepEqual(jqTopFields('.tool_input.edits[] | .file_path'), ['tool_input']);
    assert.deepEqual(jqTopFields('"a.b"'), []);
  });
});

describe('script-reads: environment variables a script reads', () => {
  it('Python and JavaScript by literal name, with defaults and alternatives marked as fallbacks', () => {
    const py = 'import os\n# os.environ["IN_COMMENT"]\na = os.environ["CLAUDE_SESSION_ID"]\nb = os.environ.get("CLAUDE_MODEL", "x")\nc = data.get("session_id") or os.getenv("CLAUDE_SESSION_ID")\n';
    assert.deepEqual(envReads(py, 'python').map((r) => [r.name, r.line, r.fallback]), [['CLAUDE_SESSION_ID', 3, false], ['CLAUDE_MODEL', 4, true], ['CLAUDE_SESSION_ID', 5, true]]);
    const js = "const a = process.env.CLAUDE_TRANSCRIPT_PATH;\nconst b = input.session_id ?? process.env['CLAUDE_SESSION_ID'];\nconst s = 'process.env.IN_STRING';\n";
    assert.deepEqual(envReads(js, 'javascript').map((r) => [r.name, r.fallback]), [['CLAUDE_TRANSCRIPT_PATH', false], ['CLAUDE_SESSION_ID', true]]);
  });

  it('shell: unguarded expansions of names the script does not set; nothing when it sources a file', () => {
    const sh = '#!/bin/bash\n# $IN_COMMENT\nMINE=1\necho "$CLAUDE_AGENT_NAME $MINE ${CLAUDE_X:-default}"\necho \'$IN_SINGLE_QUOTES\'\n';
    assert.deepEqual(names(envReads(sh, 'shell')), ['CLAUDE_AGENT_NAME']);
    assert.deepEqual(envReads('#!/bin/bash\nsource ./env.sh\necho "$CLAUDE_AGENT_NAME"\n', 'shell'), []);
  });

  it('codeText keeps offsets and lines', () => {
    const text = 'a = 1  # c\n"""doc\nmore"""\nb = "# not a comment"\n';
    const masked = codeText(text, 'python');
    assert.equal(masked.length, text.length);
    assert.equal(masked.split('\n').length, text.split('\n').length);
    assert.ok(masked.includes('"# not a comment"') && !masked.includes('more') && !masked.includes('# c'));
  });
});

describe('the helpers of the extended rules', () => {
  it('shebangProgram: what #!/usr/bin/env looks up on PATH', () => {
    assert.deepEqual(shebangProgram('#!/usr/bin/env -S uv run --script\nx'), { program: 'uv', shebang: '#!/usr/bin/env -S uv run --script', rest: ['run', '--script'] });
    assert.equal(shebangProgram('#!/usr/bin/env bun\n')?.program, 'bun');
    assert.equal(shebangProgram('#!/bin/bash\n'), undefined);
    assert.equal(shebangProgram('#!/usr/bin/env FOO=1 /opt/x\n'), undefined);
    assert.equal(shebangProgram('echo hi\n'), undefined);
  });

  it('filesWritten: curl and wget short-option clusters', () => {
    const written = (command: string) => filesWritten(analyzeShell(command).commands[0]!);
    assert.deepEqual(written('curl -fsSLo /tmp/s.sh https://example.com/s.sh'), ['/tmp/s.sh']);
    assert.deepEqual(written('curl -fsSL -o/tmp/a.sh https://example.com/a.sh'), ['/tmp/a.sh']);
    assert.deepEqual(written('curl -fsSLH "Accept: x" https://example.com/s.json'), []);
    assert.deepEqual(written('curl -fsSLO https://example.com/i.sh'), ['i.sh']);
    assert.deepEqual(written('wget -qO /tmp/i.sh https://example.com/i.sh'), ['/tmp/i.sh']);
    assert.deepEqual(written('wget -qO- https://example.com/i.sh'), []);
  });

  it('permissionRule: a regex group that completes a tool name is not a permission rule', () => {
    assert.equal(permissionRule('mcp__codescout__(edit_code|edit_file|create_file)'), undefined);
    assert.equal(permissionRule('Task(Create|Update)'), undefined);
    assert.deepEqual(permissionRule('Bash(git commit*)'), { tool: 'Bash', rule: 'Bash(git commit*)' });
    assert.deepEqual(permissionRule('Bash(npm)'), { tool: 'Bash', rule: 'Bash(npm)' });
    assert.deepEqual(permissionRule('Edit(src/**)'), { tool: 'Edit', rule: 'Edit(src/**)' });
  });
});
