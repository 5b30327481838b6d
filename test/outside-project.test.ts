/**
 * Scripts named outside the project (issue 25, `script-outside-project`): the
 * home-directory forms of a script path, the hard-coded checkout that resolves
 * to the project's own file for every script rule (`scriptsOf`), the file-name
 * search, the switches that gate a Python print (`script-flags.ts`), and the
 * string variables a Python print reads (`script-output.ts`). In-memory hosts:
 * nothing is read from disk.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkoutOf, fileNamesUnder, homePathOf, type ScriptHost } from '../src/analysis/scripts.js';
import { gatesHold, pythonFlagGates } from '../src/analysis/script-flags.js';
import { scriptOutput } from '../src/analysis/script-output.js';
import { lintText } from '../src/lint/lint.js';

/** A host over a set of files (every folder above a file exists and lists its entries). */
function hostOf(files: Record<string, string>): ScriptHost {
  const dirs = new Map<string, Map<string, boolean>>();
  for (const f of Object.keys(files)) {
    const parts = f.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/') || '/';
      if (!dirs.has(dir)) dirs.set(dir, new Map());
      dirs.get(dir)!.set(parts[i]!, i < parts.length - 1);
    }
  }
  return {
    stat: (p) => (p in files ? { isFile: true, mode: 0o100755 } : dirs.has(p) ? { isFile: false, mode: 0o40755 } : undefined),
    readHead: (p, bytes) => files[p]?.slice(0, bytes),
    list: (d) => (dirs.has(d) ? [...dirs.get(d)!].map(([name, dir]) => ({ name, dir })) : undefined),
  };
}

describe('home-directory script paths', () => {
  it('homePathOf: absolute homes, ~ and $HOME forms; other paths, .. and expansions are none', () => {
    assert.deepEqual(homePathOf('/home/claude/manager/.claude/hooks/pre_tool_use.py'), { form: 'absolute', home: '/home/claude', segments: ['manager', '.claude', 'hooks', 'pre_tool_use.py'] });
    assert.deepEqual(homePathOf('/Users/me/x.sh'), { form: 'absolute', home: '/Users/me', segments: ['x.sh'] });
    assert.deepEqual(homePathOf('/root/.claude/hooks/x.sh')?.home, '/root');
    assert.deepEqual(homePathOf('C:\\Users\\me\\hooks\\x.ps1'), { form: 'absolute', home: 'C:\\Users\\me', segments: ['hooks', 'x.ps1'] });
    assert.deepEqual(homePathOf('$HOME/.claude/hooks/huddle/huddle-poll.sh'), { form: 'home', home: '$HOME', segments: ['.claude', 'hooks', 'huddle', 'huddle-poll.sh'] });
    assert.equal(homePathOf('${HOME}/x.sh')?.form, 'home');
    assert.equal(homePathOf('~/x.sh')?.home, '~');
    for (const p of ['/usr/local/bin/x.sh', '/Users/Shared/x.sh', '/home/linuxbrew/.linuxbrew/bin/x', '~/../etc/x', '$HOME/$TOOL/x.sh', '$CLAUDE_PROJECT_DIR/x.sh', 'x.sh', undefined])
      assert.equal(homePathOf(p), undefined, String(p));
  });

  it('checkoutOf: the longest tail of two segments or more that the project holds, below a folder that is neither ~ nor a dot-folder of it', () => {
    const host = hostOf({ '/p/.claude/hooks/guard.py': '', '/p/guard.py': '', '/plug/scripts/x.sh': '' });
    const options = { kind: 'project-settings' as const, projectRoot: '/p', host };
    assert.deepEqual(checkoutOf(homePathOf('/home/claude/manager/.claude/hooks/guard.py')!, options), {
      root: '/home/claude/manager',
      tail: '.claude/hooks/guard.py',
      base: '/p',
      placeholder: 'CLAUDE_PROJECT_DIR',
      absolute: '/p/.claude/hooks/guard.py',
    });
    assert.equal(checkoutOf(homePathOf('~/work/shop/.claude/hooks/guard.py')!, options)?.root, '~/work/shop');
    // One file name alone may be any file; ~ itself and its dot-folders are install places, not checkouts.
    assert.equal(checkoutOf(homePathOf('/Users/me/proj/guard.py')!, options), undefined);
    assert.equal(checkoutOf(homePathOf('/Users/me/.claude/hooks/guard.py')!, options), undefined);
    assert.equal(checkoutOf(homePathOf('~/.claude/hooks/guard.py')!, options), undefined);
    assert.equal(checkoutOf(homePathOf('/home/u/other/.claude/hooks/missing.py')!, options), undefined);
    const plugin = { kind: 'plugin-hooks' as const, pluginRoot: '/plug', host };
    assert.equal(checkoutOf(homePathOf('/Users/dana/dev/tool/scripts/x.sh')!, plugin)?.placeholder, 'CLAUDE_PLUGIN_ROOT');
    // hooklint run inside the author's own checkout: the path is inside the root, and is its own tail.
    const own = { kind: 'project-settings' as const, projectRoot: '/home/claude/manager', host: hostOf({ '/home/claude/manager/x.py': '' }) };
    assert.deepEqual(checkoutOf(homePathOf('/home/claude/manager/x.py')!, own)?.tail, 'x.py');
  });

  it('a checkout path in a shared file resolves to the project file for every script rule; local settings read it as written', () => {
    const host = hostOf({ '/p/.claude/hooks/pre_compact.py': '#!/usr/bin/env python3\nprint("Transcript backed up to the logs folder")\n' });
    const text = JSON.stringify({ hooks: { PreCompact: [{ hooks: [{ type: 'command', command: '/home/claude/manager/.claude/hooks/pre_compact.py --verbose', timeout: 30 }] }] } });
    const rulesOf = (kind: 'project-settings' | 'local-settings') =>
      lintText(text, { filePath: `/p/.claude/${kind === 'local-settings' ? 'settings.local.json' : 'settings.json'}`, kind, projectRoot: '/p', host })
        .diagnostics.map((d) => d.ruleId)
        .sort();
    // Shared: reported as a checkout path, and stdout-unread reads the project's pre_compact.py.
    assert.deepEqual(rulesOf('project-settings'), ['script-outside-project', 'stdout-unread']);
    // Local settings run on the author's machine: the path is read as written (and is missing here).
    assert.deepEqual(rulesOf('local-settings'), ['script-not-found']);
  });

  it('fileNamesUnder: every file name below a root, dependency folders skipped; nothing without list()', () => {
    const host = hostOf({ '/r/install/hook.sh': '', '/r/node_modules/x/notify.sh': '', '/r/a/b/c/deep.py': '' });
    assert.deepEqual([...fileNamesUnder(host, '/r')].sort(), ['deep.py', 'hook.sh']);
    assert.equal(fileNamesUnder({ stat: () => undefined, readHead: () => undefined }, '/r').size, 0);
  });
});

describe('switches that gate a Python print', () => {
  const script = ['def main():', '    args = p.parse_args()', '    if args.verbose:', '        if trigger == "manual":', '            message = "a"', '        print(message)', '    if not args.quiet:', '        print("b")', ''].join('\n');
  it('pythonFlagGates: the enclosing if args.<flag> tests, innermost first; other conditions are not switches', () => {
    assert.deepEqual(pythonFlagGates(script, 6), [{ flag: 'verbose', negated: false }]);
    assert.deepEqual(pythonFlagGates(script, 5), [{ flag: 'verbose', negated: false }]);
    assert.deepEqual(pythonFlagGates(script, 8), [{ flag: 'quiet', negated: true }]);
    assert.deepEqual(pythonFlagGates(script, 2), []);
  });
  it('gatesHold: --flag (underscores as dashes too) turns a gate on; a negated gate holds when it is absent', () => {
    assert.equal(gatesHold([{ flag: 'verbose', negated: false }], ['--backup', '--verbose']), true);
    assert.equal(gatesHold([{ flag: 'verbose', negated: false }], ['--backup']), false);
    assert.equal(gatesHold([{ flag: 'dry_run', negated: false }], ['--dry-run']), true);
    assert.equal(gatesHold([{ flag: 'quiet', negated: true }], []), true);
    assert.equal(gatesHold([{ flag: 'quiet', negated: true }], ['--quiet']), false);
  });
});

describe('Python string variables a print reads', () => {
  const emission = (lines: string[]) => scriptOutput(lines.join('\n') + '\n', 'python').emissions[0];
  it('the last plain assignment before the print and the += after it, as text', () => {
    const e = emission(['def main():', '    if m:', '        message = f"Preparing for compaction ({s})"', '    else:', '        message = "Auto-compaction triggered"', '    message += "!"', '    print(message)']);
    assert.deepEqual([e?.kind, e?.text], ['text', 'Auto-compaction triggered!']);
  });
  it('unknown when any assignment in the scope is not a string, or the name is bound another way', () => {
    for (const lines of [
      ['def main():', '    message = "a"', '    message = compute()', '    print(message)'],
      ['def main(message):', '    message = "a"', '    print(message)'],
      ['def main():', '    message = "a"', '    for message in items:', '        pass', '    print(message)'],
      ['def main():', '    message = "a"', '    with open(f) as message:', '        pass', '    print(message)'],
      ['def main():', '    message, other = "a", "b"', '    print(message)'],
      ['message = "a"', 'def main():', '    print(message)'],
    ])
      assert.equal(emission(lines)?.kind, 'unknown', lines.join(' / '));
  });
  it('a string that is JSON is a JSON answer', () => {
    const e = emission(['import sys', 'out = \'{"decision": "block", "reason": "no"}\'', 'print(out)']);
    assert.deepEqual([e?.kind, e?.json], ['json', { decision: 'block', reason: 'no' }]);
  });
});
