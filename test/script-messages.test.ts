/**
 * What a shell hook script says through the commands it runs
 * (src/analysis/script-messages.ts): its message helpers' calls with their
 * text and the exit that follows, and the checkers whose report stays on the
 * hook's stdout (SPEC.md §13.4).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkerOf, commandStdout, scriptMessages, underDebugSwitch } from '../src/analysis/script-messages.js';

const sh = (...lines: string[]) => lines.join('\n') + '\n';

describe('script-messages: message helpers', () => {
  it('a helper that echoes "$1" to stderr speaks at each call, with the text and the exit that follows', () => {
    const { messages } = scriptMessages(
      sh(
        '#!/bin/bash',
        'log_warning() { echo -e "${YELLOW}[scan]${NC} $1" >&2; }',
        'log_error() { echo -e "${RED}[scan]${NC} $1" >&2; }',
        'if [[ -z "$RUNTIME" ]]; then',
        '  log_warning "No scanner available - skipping secret scan"',
        '  exit 0',
        'fi',
        'log_error "Commit blocked: secrets found in $file"',
        'exit 2',
      ),
    );
    assert.deepEqual(
      messages.map((m) => [m.helper, m.stream, m.text, m.line, m.exit, m.conditional, m.debug]),
      [
        ['log_warning', 'stderr', 'No scanner available - skipping secret scan', 5, 0, true, false],
        ['log_error', 'stderr', 'Commit blocked: secrets found in …', 8, 2, false, false],
      ],
    );
  });

  it('a helper that exits itself gives its own code; `warn "…" && exit 0` counts; a helper printing to stdout stays on stdout', () => {
    const { messages } = scriptMessages(
      sh('die() { printf "%s\\n" "$*" >&2; exit 2; }', 'say() { echo "$1"; }', 'warn() { echo "WARN: $1" >&2; }', 'die "blocked"', 'say "hello"', 'warn "jq missing" && exit 0'),
    );
    assert.deepEqual(
      messages.map((m) => [m.helper, m.stream, m.exit]),
      [
        ['die', 'stderr', 2],
        ['say', 'stdout', undefined],
        ['warn', 'stderr', 0],
      ],
    );
  });

  it('a call whose output is captured, silenced or sent to a file says nothing; `say "x" >&2` moves a stdout helper to stderr', () => {
    const { messages } = scriptMessages(
      sh('warn() { echo "$1" >&2; }', 'say() { echo "$1"; }', 'x=$(warn "captured")', 'warn "silenced" 2>/dev/null', 'say "to a file" > out.log', 'say "moved" >&2'),
    );
    assert.deepEqual(
      messages.map((m) => [m.text, m.stream]),
      [['moved', 'stderr']],
    );
  });

  it('a call under a debug or verbose switch is marked, in an `if` branch or after `&&`', () => {
    const { messages, debugLines } = scriptMessages(
      sh('warn() { echo "$1" >&2; }', 'if [ -n "$HOOK_DEBUG" ]; then', '  warn "debugging"', 'else', '  warn "not debugging"', 'fi', '[[ $VERBOSE == 1 ]] && warn "verbose"', '[[ $VERBOSE == 1 ]] && echo "Warning: verbose" >&2'),
    );
    assert.deepEqual(
      messages.map((m) => [m.text, m.debug]),
      [
        ['debugging', true],
        ['not debugging', false],
        ['verbose', true],
      ],
    );
    assert.deepEqual([...debugLines], [8]);
  });
});

describe('script-messages: checker reports', () => {
  it('a checker run at the top level with its stdout left alone is a report, in a branch too; the exit that follows is kept', () => {
    const { reports } = scriptMessages(
      sh('if [ -f package.json ]; then', '  npx eslint --quiet "$FILE" 2>/dev/null', 'elif [ -f pyproject.toml ]; then', '  uv run ruff check "$FILE"', 'fi', 'npx tsc --noEmit | head -20', 'exit 0'),
    );
    assert.deepEqual(
      reports.map((r) => [r.tool, r.line, r.exit]),
      [
        ['eslint', 2, 0],
        ['ruff check', 4, 0],
        ['tsc', 6, 0],
      ],
    );
  });

  it('a report sent to stderr, a file or /dev/null, captured, piped into another program, run in a function or after `exec >&2` is none', () => {
    const quiet = [
      'npx eslint "$f" >&2',
      'npx eslint "$f" > lint.log',
      'npx eslint "$f" &>/dev/null',
      'out=$(npx eslint "$f")',
      'npx eslint -f json "$f" | jq length',
      'npx eslint "$f" | grep -q error',
      '{ npx eslint "$f"; } >&2',
      'lint() { npx eslint "$1"; }',
    ];
    for (const line of quiet) assert.deepEqual(scriptMessages(sh('#!/bin/bash', line)).reports, [], line);
    assert.equal(scriptMessages(sh('#!/bin/bash', 'exec >&2', 'npx eslint "$f"')).stdoutMoved, true);
    assert.equal(scriptMessages(sh('#!/bin/bash', 'exec 1>>"$LOG"', 'npx eslint "$f"')).stdoutMoved, true);
    assert.equal(scriptMessages(sh('#!/bin/bash', 'exec 2>/dev/null', 'npx eslint "$f"')).stdoutMoved, false);
  });

  it('checkerOf: wrappers are looked through; fixing, formatting, silent and meta runs are not reports', () => {
    const yes: [string[], string][] = [
      [['npx', '--yes', 'eslint', 'src'], 'eslint'],
      [['pnpm', 'exec', 'tsc', '--noEmit'], 'tsc'],
      [['python3', '-m', 'pytest', '-q'], 'pytest'],
      [['xargs', '-0', 'ruff', 'check'], 'ruff check'],
      [['./node_modules/.bin/eslint', 'x.ts'], 'eslint'],
      [['shellcheck', 'x.sh'], 'shellcheck'],
      [['golangci-lint', 'run'], 'golangci-lint'],
    ];
    for (const [words, tool] of yes) assert.equal(checkerOf(words), tool, words.join(' '));
    const no = [
      ['npx', 'eslint', '--fix', 'x.ts'],
      ['ruff', 'check', '--fix', 'x.py'],
      ['ruff', 'format', 'x.py'],
      ['ruff', 'check', '--silent', 'x.py'],
      ['tsc', '--version'],
      ['shellcheck', '-f', 'quiet', 'x.sh'],
      ['prettier', '--write', 'x.ts'],
      ['black', 'x.py'],
      ['npm', 'test'],
      ['mypy', '--output', 'json', 'x.py'],
    ];
    for (const words of no) assert.equal(checkerOf(words), undefined, words.join(' '));
  });

  it('a package script (npm test, pnpm run lint) is a report only with stderr merged into stdout (2>&1, |&)', () => {
    assert.equal(checkerOf(['npm', 'test'], true), 'npm test');
    assert.equal(checkerOf(['pnpm', 'run', 'lint:ts'], true), 'pnpm run lint:ts');
    assert.equal(checkerOf(['npm', 'run', 'build'], true), undefined);
    assert.deepEqual(scriptMessages(sh('npm test 2>&1 | tail -20')).reports.map((r) => r.tool), ['npm test']);
    assert.deepEqual(scriptMessages(sh('npm test |& tail -20')).reports.map((r) => r.tool), ['npm test']);
    assert.deepEqual(scriptMessages(sh('npm test | tail -20')).reports, []);
  });
});

describe('script-messages: underDebugSwitch (Python, JavaScript)', () => {
  it('the line tests a switch, or a block header above it does', () => {
    const py = ['import sys', 'if DEBUG:', '    print("Warning: x", file=sys.stderr)', 'if args.verbose and bad:', '    for f in files:', '        print("Warning: y", file=sys.stderr)', 'print("Warning: z", file=sys.stderr)', ''].join('\n');
    assert.deepEqual([3, 6, 7].map((l) => underDebugSwitch(py, l)), [true, true, false]);
    const js = ['if (process.env.HOOK_DEBUG) {', '  console.error("Warning: a");', '}', 'VERBOSE && console.error("Warning: b");', 'console.error("Warning: debug mode is off");', ''].join('\n');
    assert.deepEqual([2, 4, 5].map((l) => underDebugSwitch(js, l)), [true, true, false]);
  });

  it('a function header ends the search: a helper called from a debug branch is judged where it is called', () => {
    const py = ['if DEBUG:', '    def warn(m):', '        print(m, file=sys.stderr)', 'def main():', '    print("Warning: x", file=sys.stderr)', ''].join('\n');
    assert.equal(underDebugSwitch(py, 5), false);
  });
});

describe('script-messages: commandStdout (where a handler\'s command sends its script\'s stdout)', () => {
  it('left alone, to stderr, or elsewhere (a file, /dev/null, a program it is piped into, a substitution)', () => {
    const cases: [string, string][] = [
      ['"$CLAUDE_PROJECT_DIR"/.claude/hooks/x.sh', 'hook'],
      ['x.sh 2>/dev/null || true', 'hook'],
      ['cd "$CLAUDE_PROJECT_DIR" && x.sh', 'hook'],
      ['x.sh | tee -a hook.log', 'hook'],
      ['bash x.sh >&2', 'stderr'],
      ['{ x.sh; } >&2', 'stderr'],
      ['python3 x.sh > /dev/null 2>&1', 'elsewhere'],
      ['x.sh | jq .', 'elsewhere'],
      ['echo "$(x.sh)"', 'elsewhere'],
    ];
    for (const [command, to] of cases) assert.equal(commandStdout(command, command.indexOf('x.sh')), to, command);
  });
});
