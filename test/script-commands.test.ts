/**
 * The programs a hook's shell script runs (src/analysis/script-commands.ts) and
 * the two rules that judge them inside scripts (issue 25): `prefer-python3` and
 * `path-dependent-command`. Only command position counts; what makes a missing
 * program deliberate or harmless (a lookup, a condition, `||`, discarded stderr,
 * the background, a PATH the script sets up) keeps the rules quiet.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runsWithArgument, scriptCommands } from '../src/analysis/script-commands.js';
import { lintFiles } from '../src/node/lint-files.js';
import { commandGroup, hookProject } from './helpers.js';

const programs = (text: string) => scriptCommands(text).calls.map((c) => `${c.line}:${c.program}`);
const call = (text: string, program: string) => scriptCommands(text).calls.find((c) => c.program === program)!;

describe('script-commands: what a shell script runs', () => {
  it('command position only: not strings, comments, here-document bodies, bash -c or a variable program', () => {
    const text = [
      '#!/bin/bash',
      '# python old.py',
      'echo "run python x.py or npx y"',
      'cat <<EOF',
      'python inside.py',
      'EOF',
      "bash -c 'python in_string.py'",
      'PY=python; $PY computed.py',
      'FIELD=$(echo "$INPUT" | python -c "import json" 2>/dev/null)',
      '"terminal-notifier" -message done',
      '',
    ].join('\n');
    assert.deepEqual(
      programs(text).filter((p) => !/:(echo|cat|bash)$/.test(p)),
      ['9:python', '10:terminal-notifier'],
    );
  });

  it('wrappers are skipped to the program; PATH given to one command is its own', () => {
    const text = 'timeout 5 npx a\nif true; then exec nohup bun b; fi\nenv -u X PATH=/opt/bin uv c\nPATH=/x:$PATH pnpm d\ncommand -v yarn\n';
    assert.deepEqual(programs(text), ['1:npx', '2:true', '2:bun', '3:uv', '4:pnpm', '5:command']);
    assert.equal(call(text, 'uv').ownPath, true);
    assert.equal(call(text, 'pnpm').ownPath, true);
    assert.equal(call(text, 'npx').ownPath, false);
    assert.deepEqual([...scriptCommands(text).lookups], ['yarn']);
    // PATH for one command does not set up the rest of the script.
    assert.equal(scriptCommands(text).environment, undefined);
  });

  it('what acts on a failure: conditions, negation, a || after it (also around a substitution); && alone does not', () => {
    const c = (text: string, p = 'npx') => call(text, p).checked;
    assert.equal(c('if npx a; then :; fi'), true);
    assert.equal(c('while ! npx a; do sleep 1; done'), true);
    assert.equal(c('npx a || true'), true);
    assert.equal(c('npx a && echo ok || echo failed'), true);
    assert.equal(c('out=$(npx a) || out=""'), true);
    assert.equal(c('npx a && echo ok'), false);
    assert.equal(c('npx a | tee log'), false);
  });

  it('stderr sent away: 2>/dev/null, &>, >/dev/null 2>&1, a redirected block, exec 2>/dev/null; 2>&1 alone keeps it', () => {
    const away = (text: string) => call(text, 'npx').stderrAway;
    assert.equal(away('npx a 2>/dev/null'), true);
    assert.equal(away('npx a &>/dev/null'), true);
    assert.equal(away('npx a >/dev/null 2>&1'), true);
    assert.equal(away('npx a 2>>"$LOG"'), true);
    assert.equal(away('{ npx a; } 2>/dev/null'), true);
    assert.equal(away('exec 2>/dev/null\nnpx a'), true);
    assert.equal(away('npx a 2>&1 >/dev/null'), false);
    assert.equal(away('npx a 2>&1 | grep x'), false);
    assert.equal(away('npx a >/dev/null'), false);
  });

  it('after a lookup: in a branch of an if whose condition looks a program up, or later in its && / || list', () => {
    assert.equal(call('if ! command -v jq >/dev/null; then brew install jq; fi', 'brew').afterLookup, true);
    assert.equal(call('if which jq; then :; elif true; then brew install jq; fi', 'brew').afterLookup, true);
    assert.equal(call('command -v jq >/dev/null || brew install jq', 'brew').afterLookup, true);
    assert.equal(call('if [ -f package.json ]; then npx tsc; fi', 'npx').afterLookup, false);
    assert.equal(call('if ! command -v jq; then exit 0; fi\nnpx tsc', 'npx').afterLookup, false);
  });

  it('background, fallbacks and alternatives', () => {
    assert.equal(call('terminal-notifier -m x &', 'terminal-notifier').background, true);
    const sets = (xs: readonly Iterable<string>[]) => xs.map((x) => [...x].sort());
    assert.deepEqual(sets(call('python3 a.py || python a.py', 'python').fallbackFor), [['python3']]);
    assert.deepEqual(sets(call('if command -v python3 >/dev/null; then python3 a.py; else python a.py; fi', 'python').fallbackFor), [['command', 'python3']]);
    assert.deepEqual(sets(call('case "$OSTYPE" in msys*) python a.py ;; *) python3 a.py ;; esac', 'python').alternatives), [['python3']]);
    assert.deepEqual(sets(call('if [ -n "$W" ]; then python a.py; else echo none; fi', 'python').alternatives), [['echo']]);
    assert.deepEqual(call('python a.py', 'python').alternatives, []);
    // A program both branches run is another branch's too; one only this branch runs is not.
    assert.deepEqual(sets(call('if [ -n "$W" ]; then python3 -V; python a.py; else python3 b.py; fi', 'python').alternatives), [['python3']]);
    assert.deepEqual(sets(call('if [ -n "$W" ]; then python3 -V; python a.py; else echo none; fi', 'python').alternatives), [['echo']]);
    assert.equal(scriptCommands('case "$OSTYPE" in darwin*) terminal-notifier -m x ;; esac').platformCheck, true);
    assert.equal(scriptCommands('[ "$(uname)" = Darwin ] || exit 0\nterminal-notifier -m x').platformCheck, true);
  });

  it('what sets up PATH for the rest: an assignment, export, eval, an environment manager, a login shebang; sources are listed', () => {
    const env = (text: string) => scriptCommands(text).environment?.what;
    assert.equal(env('export PATH="$HOME/.local/bin:$PATH"\nuv run x'), 'an assignment to PATH');
    assert.equal(env('PATH="$HOME/.bun/bin:$PATH"\nbun x'), 'an assignment to PATH');
    assert.equal(env('eval "$(/opt/homebrew/bin/brew shellenv)"\nterminal-notifier -m x'), '"eval"');
    assert.equal(env('conda activate tools\npython x.py'), '"conda"');
    assert.equal(env('#!/bin/bash -l\nnpx x'), 'a login shell');
    assert.equal(env('#!/bin/bash\nnpx x'), undefined);
    assert.equal(env('#!/usr/bin/env zsh\ncargo fmt'), 'zsh, which reads ~/.zshenv');
    assert.equal(env('#!/bin/bash\n[ "$CLAUDE_CODE_REMOTE" = true ] || exit 0\nnpm ci'), 'a check of $CLAUDE_CODE_REMOTE');
    assert.deepEqual(scriptCommands('source .venv/bin/activate\n. "$(dirname "$0")/lib.sh"\npython x.py').sources.map((s) => s.line), [1, 2]);
  });

  it('case "$1" in: the items the hook\'s first argument selects run; in a function $1 is its own', () => {
    const text = 'case "${1:-stop}" in\n  install|setup) brew install terminal-notifier ;;\n  st*) terminal-notifier -m done ;;\n  "$OTHER") npx x ;;\nesac\nf() { case "$1" in a) uv run x ;; esac; }\n';
    const at = (p: string) => call(text, p);
    assert.deepEqual([runsWithArgument(at('brew'), undefined), runsWithArgument(at('brew'), 'install'), runsWithArgument(at('brew'), 'setup'), runsWithArgument(at('brew'), 'stop')], [false, true, true, false]);
    assert.deepEqual([runsWithArgument(at('terminal-notifier'), undefined), runsWithArgument(at('terminal-notifier'), 'start'), runsWithArgument(at('terminal-notifier'), 'install')], [true, true, false]);
    // A pattern that expands, a call in a function: no pruning.
    assert.equal(runsWithArgument(at('npx'), 'anything'), true);
    assert.deepEqual(at('uv').argumentCases, []);
  });

  it('nothing after a top-level exit or exec runs', () => {
    assert.deepEqual(programs('#!/bin/bash\nexit 0 # disabled\nterminal-notifier -m x\nnotify() { npx y; }\n'), ['2:exit']);
    assert.deepEqual(programs('exec python3 "$(dirname "$0")/hook.py" "$@"\npython fallback.py\n'), ['1:python3', '1:dirname']);
    assert.deepEqual(programs('[ -n "$X" ] || exit 0\nnpx y\n'), ['1:[', '1:exit', '2:npx']);
  });

  it('functions: defined names, and the function each call is in', () => {
    const sc = scriptCommands('notify() {\n  terminal-notifier -m "$1"\n}\nalias python=python3\nnotify done\n');
    assert.deepEqual([...sc.defines].sort(), ['notify', 'python']);
    assert.equal(call('notify() {\n  terminal-notifier -m "$1"\n}\n', 'terminal-notifier').fn, 'notify');
  });
});

/** The prefer-python3 and path-dependent-command findings (message and line) of a project with these hooks and files. */
function findings(hooks: object, files: Record<string, string>, settings: object = {}): string[] {
  const dir = hookProject(hooks, files, 'hooklint-script-commands-');
  if (Object.keys(settings).length) writeFileSync(join(dir, '.claude', 'settings.json'), JSON.stringify({ ...settings, hooks }, null, 2));
  const out = lintFiles([dir], { useConfig: false });
  return out.results
    .flatMap((r) => r.messages)
    .filter((m) => m.ruleId === 'prefer-python3' || m.ruleId === 'path-dependent-command')
    .map((m) => `${m.line} ${m.ruleId}: ${m.message}`);
}

const run = (script: string, extra: Record<string, string> = {}, command = '"$CLAUDE_PROJECT_DIR"/.claude/hooks/hook.sh') =>
  findings({ Stop: [commandGroup(command)] }, { '.claude/hooks/hook.sh': `#!/bin/bash\n${script}`, ...extra });

describe('prefer-python3 and path-dependent-command inside scripts', () => {
  it('report the first unguarded call once per handler and script, at the handler, naming the script and line', () => {
    const got = findings(
      { TeammateIdle: [commandGroup('"$CLAUDE_PROJECT_DIR"/.claude/hooks/gate.sh')], TaskCompleted: [commandGroup('"$CLAUDE_PROJECT_DIR"/.claude/hooks/gate.sh')] },
      {
        '.claude/hooks/gate.sh': [
          '#!/bin/bash',
          'INPUT=$(cat)',
          'TEAM=$(echo "$INPUT" | python -c "import sys,json; print(json.load(sys.stdin).get(\'team_name\',\'\'))" 2>/dev/null)',
          'TASK=$(echo "$INPUT" | python -c "import sys,json; print(json.load(sys.stdin).get(\'task_name\',\'\'))" 2>/dev/null)',
          'npx prettier --check .',
          'terminal-notifier -message "$TEAM"',
          '',
        ].join('\n'),
      },
    );
    // Two handlers run the script: each gets one finding per rule, at its own command.
    assert.equal(got.length, 4, got.join('\n'));
    const messages = [...new Set(got.map((g) => g.replace(/^\d+ /, '')))].sort();
    assert.equal(messages.length, 2, messages.join('\n'));
    assert.match(messages[0]!, /^path-dependent-command: script "\$CLAUDE_PROJECT_DIR\/\.claude\/hooks\/gate\.sh" runs "npx" \(line 5\)/);
    assert.match(messages[1]!, /^prefer-python3: script "\$CLAUDE_PROJECT_DIR\/\.claude\/hooks\/gate\.sh" runs "python" \(line 3\)/);
  });

  it('quiet where the author planned for the program being absent', () => {
    // The same calls unguarded are reported (the quiet cases below are quiet for their guard).
    for (const script of ['terminal-notifier -message done', 'npx eslint .', 'uv run x.py', 'bun y.ts', 'python check.py', 'npx tsc --noEmit', 'notify() { terminal-notifier -message "$1"; }\nnotify done'])
      assert.equal(run(script).length, 1, script);
    for (const script of [
      'command -v terminal-notifier >/dev/null && terminal-notifier -message done',
      'if command -v npx >/dev/null 2>&1; then\n  npx prettier --write "$F"\nfi',
      'which uv >/dev/null || exit 0\nuv run tool.py',
      'hash bun 2>/dev/null || exit 0\nbun x.ts',
      'npx eslint . || true',
      'npx eslint . 2>/dev/null',
      'terminal-notifier -message done >/dev/null 2>&1',
      'terminal-notifier -message done &',
      'if [[ "$(uname)" == "Darwin" ]]; then\n  terminal-notifier -message done\nfi',
      'case "$OSTYPE" in darwin*) terminal-notifier -message done ;; esac',
      'command -v node >/dev/null || exit 0\nnpx tsc --noEmit',
      'notify() { terminal-notifier -message "$1"; }',
      'notify() { terminal-notifier -message "$1"; }\nnotify done || true',
      'npx() { echo "no npx here"; }\nnpx tsc',
      'export PATH="$HOME/.local/bin:$HOME/.bun/bin:$PATH"\nuv run x.py\nbun y.ts',
      'source ~/.nvm/nvm.sh\nnpx tsc',
      '[ -s "$NVM_DIR/nvm.sh" ] && . "$NVM_DIR/nvm.sh"\nnpx tsc',
      'eval "$(/opt/homebrew/bin/brew shellenv)"\nterminal-notifier -message done',
      'PATH=/opt/homebrew/bin:$PATH terminal-notifier -message done',
      '"$HOME"/.local/bin/uv run x.py',
      'echo "run: npx tsc --noEmit"',
      'python3 check.py || python check.py',
      'if command -v python3 >/dev/null; then python3 c.py; else python c.py; fi',
      'command -v jq >/dev/null && jq -r .x || python -c "import json"',
      'source .venv/bin/activate\npython check.py',
      'conda activate tools\npython check.py',
      'uv run python check.py 2>/dev/null',
      'poetry run python check.py || true',
      'PYTHON=$(command -v python3 || command -v python)\n"$PYTHON" check.py',
      'if python -c "import yaml" 2>/dev/null; then echo ok; fi',
      'if ! command -v jq >/dev/null 2>&1; then\n  brew install jq\nfi',
      'if ! command -v jq >/dev/null; then\n  FIELD=$(python -c "import json,sys; print(json.load(sys.stdin)[\'x\'])")\nfi',
      '[ "$CLAUDE_CODE_REMOTE" = "true" ] || exit 0\nnpm install\npip install -r requirements.txt\npython manage.py check',
    ])
      assert.deepEqual(run(script), [], script);
  });

  it('a login or zsh shebang, a hook command that sets PATH up or lets the script fail, and settings env PATH keep the scripts quiet', () => {
    assert.deepEqual(findings({ Stop: [commandGroup('"$CLAUDE_PROJECT_DIR"/h.sh')] }, { 'h.sh': '#!/bin/bash -l\nnpx tsc\n' }), []);
    assert.deepEqual(findings({ Stop: [commandGroup('"$CLAUDE_PROJECT_DIR"/h.sh')] }, { 'h.sh': '#!/usr/bin/env zsh\ncargo fmt\n' }), []);
    for (const command of [
      'export PATH="$HOME/.bun/bin:$PATH"; "$CLAUDE_PROJECT_DIR"/h.sh',
      'PATH="$HOME/.npm-global/bin:$PATH" "$CLAUDE_PROJECT_DIR"/h.sh',
      'env PATH=/opt/homebrew/bin:/usr/bin:/bin "$CLAUDE_PROJECT_DIR"/h.sh',
      'bash -l "$CLAUDE_PROJECT_DIR"/h.sh',
      'zsh "$CLAUDE_PROJECT_DIR"/h.sh',
      'source ~/.zshrc && "$CLAUDE_PROJECT_DIR"/h.sh',
      'command -v npx >/dev/null && "$CLAUDE_PROJECT_DIR"/h.sh',
      '"$CLAUDE_PROJECT_DIR"/h.sh || true',
      '"$CLAUDE_PROJECT_DIR"/h.sh 2>/dev/null',
      '"$CLAUDE_PROJECT_DIR"/h.sh &',
    ])
      assert.deepEqual(findings({ Stop: [commandGroup(command)] }, { 'h.sh': '#!/bin/bash\nnpx tsc\n' }), [], command);
    // A tolerant command does not make python safe: the script still reads nothing.
    assert.equal(findings({ Stop: [commandGroup('"$CLAUDE_PROJECT_DIR"/h.sh || true')] }, { 'h.sh': '#!/bin/bash\nX=$(python -c "print(1)")\n' }).length, 1);
    const hooks = { Stop: [commandGroup('"$CLAUDE_PROJECT_DIR"/h.sh')] };
    assert.deepEqual(findings(hooks, { 'h.sh': '#!/bin/bash\nnpx tsc\n' }, { env: { PATH: '/opt/homebrew/bin:/usr/bin:/bin' } }), []);
    assert.equal(findings(hooks, { 'h.sh': '#!/bin/bash\nnpx tsc\n' }, { env: { DEBUG: '1' } }).length, 1);
  });

  it('follows what the script sources, naming the file of the call; a function called from the top level counts', () => {
    const got = run('. "$(dirname "$0")/lib.sh"\nformat_all\n', { '.claude/hooks/lib.sh': 'format_all() {\n  npx prettier --write .\n}\nunused() {\n  python x.py\n}\n' });
    assert.equal(got.length, 1, got.join('\n'));
    assert.match(got[0]!, /runs "npx" \(lib\.sh line 2\)/);
  });

  it('a case "$1" item the hook\'s argument does not select is not read', () => {
    const script = 'case "$1" in\n  --install) brew install terminal-notifier ;;\n  *) echo "$(jq -r .message)" >&2 ;;\nesac\n';
    assert.deepEqual(run(script), []);
    assert.equal(run(script, {}, '"$CLAUDE_PROJECT_DIR"/.claude/hooks/hook.sh --install').length, 1);
  });

  it('python behind a discarded stderr is still reported (the value read is empty)', () => {
    const got = run('X=$(python -c "print(1)" 2>/dev/null)\n');
    assert.equal(got.length, 1);
    assert.match(got[0]!, /prefer-python3: script .* runs "python" \(line 2\)/);
  });

  it('scripts in other languages are not read for commands', () => {
    assert.deepEqual(findings({ Stop: [commandGroup('python3 "$CLAUDE_PROJECT_DIR"/h.py')] }, { 'h.py': 'import os\nos.system("npx tsc")\n# terminal-notifier\n' }), []);
  });
});
