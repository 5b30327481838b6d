/**
 * The files a hook script opens by a cwd-relative path (src/analysis/script-paths.ts)
 * and `relative-script-path`'s reading of them (issue 25): only file operands in
 * code count, and a script or command that changes directory keeps the rule quiet.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cwdPaths } from '../src/analysis/script-paths.js';

const paths = (text: string, language: 'shell' | 'python' | 'javascript') => cwdPaths(text, language).paths.map((p) => `${p.line}:${p.path}`);

describe('script-paths: files a script opens relative to the current directory', () => {
  it('shell: redirection targets, file programs\' operands and test operands; not messages, comments, options or expansions', () => {
    const text = [
      '#!/bin/bash',
      '# >> .claude/commented.log',
      'echo "see .claude/message.log" >&2',
      'echo x >> .claude/hooks.log',
      'mkdir -p ./.claude/data',
      '[ -f .claude/flag ] && cat .claude/notes.md',
      'echo y > "$LOG_DIR/x.log"',
      'echo z > /tmp/abs.log',
      'tee -a logs/run.log </dev/null',
      'cat <<EOF',
      'cat .claude/in-heredoc',
      'EOF',
    ].join('\n');
    assert.deepEqual(paths(text, 'shell'), ['4:.claude/hooks.log', '5:.claude/data', '6:.claude/flag', '6:.claude/notes.md', '9:logs/run.log']);
    assert.equal(cwdPaths(text, 'shell').changesDir, false);
    assert.equal(cwdPaths('cd "$CLAUDE_PROJECT_DIR"\necho x >> .claude/hooks.log\n', 'shell').changesDir, true);
  });

  it('python: the first argument of open, Path and os/shutil file calls when it is a literal; os.chdir changes directory', () => {
    const text = [
      'import os, json',
      'from pathlib import Path',
      '"""Writes .claude/docstring.log"""',
      'log = Path(".cattoolkit/context.log")',
      'open("notes.md", "a").write("x")',
      'open(f"{base}/x.md")',
      'os.makedirs(".claude/data", exist_ok=True)',
      'print(".claude/printed.log")',
      'os.path.exists(os.path.join(".claude", "x"))',
    ].join('\n');
    assert.deepEqual(paths(text, 'python'), ['4:.cattoolkit/context.log', '5:notes.md', '7:.claude/data']);
    assert.equal(cwdPaths('import os\nos.chdir(os.environ["CLAUDE_PROJECT_DIR"])\n', 'python').changesDir, true);
  });

  it('javascript: fs methods with a literal first argument; process.chdir changes directory', () => {
    const text = [
      "const fs = require('fs');",
      "const { appendFileSync } = require('fs');",
      "fs.appendFileSync('.claude/a.md', 'x');",
      "appendFileSync('./logs/b.log', 'y');",
      "fs.promises.writeFile('.claude/c.json', '{}');",
      "console.log('.claude/printed.md');",
      "fs.readFileSync(`${root}/x`);",
      "fs.existsSync('/etc/abs');",
    ].join('\n');
    assert.deepEqual(paths(text, 'javascript'), ['3:.claude/a.md', '4:logs/b.log', '5:.claude/c.json']);
    assert.equal(cwdPaths("process.chdir(process.env.CLAUDE_PROJECT_DIR);\n", 'javascript').changesDir, true);
  });

  it('other languages: nothing', () => {
    assert.deepEqual(cwdPaths('File.write(".claude/x", "y")\n', 'ruby'), { changesDir: false, paths: [] });
  });
});
