/**
 * Issue 6: hooklint on hostile input and --fix write safety. Every case states
 * its expected outcome: a diagnostic with a position (exit 1), or exit 2 with
 * one line naming the file; never a stack trace, never a write.
 * Time bounds for the large inputs are measured by `npm run bench`, not here.
 */
import assert from 'node:assert/strict';
import fs, { chmodSync, chownSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applyFixes } from '../src/lint/fix.js';
import { lintText } from '../src/lint/lint.js';
import { getNodeValue } from 'jsonc-parser';
import { documentValue, parseDocument } from '../src/formats/parse.js';
import { decode, discoverTargets, lintFiles, lintTargets, manifestHookFiles } from '../src/node/lint-files.js';
import { exitCodes } from '../src/analysis/script-exits.js';
import { forEachChild, parse as parseShell, type SyntaxNode } from 'unbash';
import { walkTree } from '../src/node/files.js';
import { walkDirectory } from '../src/node/walk.js';
import { assertNotWritten, assertProperty, runCli, snapshot, spawnSyncTimed } from './helpers.js';

const isRoot = process.getuid?.() === 0;

function project(content: string | Buffer, name = '.claude/settings.json'): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hooklint-hostile-'));
  const file = join(dir, name);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
  return { dir, file };
}

/** The CLI's outcome on one input: exit code, compact lines, stderr; asserts no stack trace. */
async function outcome(args: string[], cwd: string) {
  const r = await runCli(['check', '-f', 'compact', ...args], { cwd });
  assert.doesNotMatch(r.stderr, /\n\s+at |Error:/, r.stderr);
  return { code: r.code, lines: r.stdout.trimEnd().split('\n').filter(Boolean), stderr: r.stderr };
}

const CLEAN = '{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "echo done", "timeout": 30}]}]}}\n';

describe('bad input matrix', () => {
  const cases: [name: string, content: string | Buffer, expect: RegExp][] = [
    ['empty file', '', /^\.claude\/settings\.json:1:1: error: invalid JSON: the file is empty; expected a JSON object \[json-syntax\]$/],
    ['only whitespace', ' \n\t\n', /:1:1: error: invalid JSON: the file is empty; expected a JSON object \[json-syntax\]$/],
    ['a JSON array at the top level', '[{"hooks": {}}]\n', /:1:1: error: the top level must be an object, got an array \[schema\]$/],
    ['a JSON string at the top level', '"hooks"\n', /:1:1: error: the top level must be an object, got a string \("hooks"\) \[schema\]$/],
    ['a JSON number at the top level', '42\n', /:1:1: error: the top level must be an object, got a number \(42\) \[schema\]$/],
    ['binary data', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), /:1:1: error: invalid JSON: .* \[json-syntax\]$/],
    ['UTF-16 with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CLEAN, 'utf16le')]), /:1:1: error: the file is encoded as UTF-16 \(UTF-16LE\); Claude Code reads settings and hooks as UTF-8/],
    ['nesting 100,000 levels deep', '['.repeat(100000) + ']'.repeat(100000), /:1:1001: error: invalid JSON: nesting deeper than 1000 levels \[json-syntax\]$/],
  ];
  for (const [name, content, expect] of cases)
    it(`${name} → a positioned finding, exit 1`, async () => {
      const { dir } = project(content);
      const { code, lines } = await outcome(['.'], dir);
      assert.equal(code, 1);
      assert.ok(lines.some((l) => expect.test(l)), lines.join('\n'));
    });
  it('binary data: each parse error at its position, exit 1', async () => {
    const { dir } = project(Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 256)));
    const { code, lines } = await outcome(['.'], dir);
    assert.equal(code, 1);
    assert.deepEqual(
      lines.filter((l) => l.endsWith('[json-syntax]')),
      ['1:1: error: invalid JSON: invalid symbol', '1:51: error: invalid JSON: invalid symbol', '1:81: error: invalid JSON: invalid symbol', '1:82: error: invalid JSON: end of file expected'].map((l) => `.claude/settings.json:${l} [json-syntax]`),
    );
  });
  it('150 bad values report 100 parse errors and a 101st saying that further ones are not reported', async () => {
    const { dir } = project(`{"hooks": [${'@, '.repeat(150)}]}\n`);
    const { code, lines } = await outcome(['.'], dir);
    assert.equal(code, 1);
    const syntax = lines.filter((l) => l.endsWith('[json-syntax]'));
    assert.equal(syntax.length, 101);
    assert.deepEqual(syntax.map((l) => l.includes('(further parse errors are not reported)')), [...Array(100).fill(false), true]);
  });
  it('a UTF-8 BOM is accepted, and kept by --fix', async () => {
    const { dir, file } = project('\ufeff{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "echo done"}]}]}}\n');
    const { code, lines } = await outcome(['--fix', '.'], dir);
    assert.equal(code, 0, lines.join('\n'));
    assert.equal(readFileSync(file, 'utf8'), '\ufeff{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "echo done", "timeout": 30}]}]}}\n');
  });
  it('invalid UTF-8 is linted (as Claude Code decodes it) and never rewritten by --fix', async () => {
    const bytes = Buffer.from('{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "echo \xe9"}]}]}}\n', 'latin1');
    const { dir, file } = project(bytes);
    const before = snapshot(file);
    const { code, lines, stderr } = await outcome(['--fix', '.'], dir);
    assert.equal(code, 0);
    assert.match(lines.join('\n'), /missing-timeout/);
    assert.match(stderr, /not fixed: the file is not valid UTF-8/);
    assertNotWritten(file, before);
  });
  it('decode: the same text and verdict as a strict UTF-8 TextDecoder, for any bytes', () => {
    const reference = (buf: Buffer) => {
      try {
        return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf), encoding: undefined };
      } catch {
        return { text: buf.toString('utf8'), encoding: 'invalid-utf-8' };
      }
    };
    // Mostly ASCII with some multi-byte characters, a BOM, and arbitrary bytes.
    const chunk = fc.oneof(fc.string(), fc.constantFrom('\ufeff', 'é', '€', '😀', '"\u00e9"'), fc.uint8Array({ maxLength: 8 }));
    assertProperty(
      fc.property(fc.array(chunk, { maxLength: 12 }), (parts) => {
        const buf = Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
        if (buf[0] === 0xff || buf[0] === 0xfe) return; // UTF-16 BOMs: their own branch, tested above
        assert.deepEqual(decode(buf), reference(buf));
      }),
      { seed: 601, numRuns: 2000 },
    );
  });
  it('a 20 MB file is linted (one finding, correct position)', async () => {
    const big = `{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "echo ${'x'.repeat(20 * 2 ** 20)}", "timeout": 30}]}]}, "x": 1,}\n`;
    const { dir } = project(big);
    const { code, lines } = await outcome(['.'], dir);
    assert.equal(code, 1);
    assert.deepEqual(lines, [`.claude/settings.json:1:${big.length - 2}: error: trailing comma is not allowed: Claude Code reads this file as strict JSON [no-trailing-commas]`]);
  });
  it('a 1 MB single line: the code frame is clipped', async () => {
    const line = `{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "${'y'.repeat(2 ** 20)}"}]}]}}`;
    const { dir } = project(line);
    const r = await runCli(['check', '.'], { cwd: dir });
    assert.equal(r.code, 0);
    assert.ok(r.stdout.length < 4000, `report of ${r.stdout.length} bytes`);
    assert.match(r.stdout, /missing-timeout/);
  });
  it('a hooks map with 50,000 handlers: every one is checked', async () => {
    const handlers = Array.from({ length: 50_000 }, (_, i) => `{"type": "command", "command": "echo ${i}"}`).join(',');
    const { dir } = project(`{"hooks": {"Stop": [{"hooks": [${handlers}]}]}}\n`);
    const r = await runCli(['check', '-f', 'json', '.'], { cwd: dir });
    assert.equal(r.code, 0);
    assert.equal(JSON.parse(r.stdout)[0].warningCount, 50_000);
  });
  it('a directory named settings.json is walked as a directory (exit 0, nothing to lint)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hooklint-hostile-'));
    mkdirSync(join(dir, '.claude', 'settings.json'), { recursive: true });
    const { code, lines } = await outcome(['.claude/settings.json'], dir);
    assert.equal(code, 0);
    assert.deepEqual(lines, []);
  });
  it('a file without read permission → exit 2 naming it', { skip: isRoot && 'root can read every file' }, async () => {
    const { dir, file } = project(CLEAN);
    chmodSync(file, 0);
    const { code, stderr } = await outcome(['.'], dir);
    assert.equal(code, 2);
    assert.match(stderr, /settings\.json: permission denied/);
  });
  it('a file without read permission → an error naming it (simulated EACCES, so it also runs as root)', () => {
    const { dir, file } = project(CLEAN);
    // Config files are opened (never read whole blindly: src/node/read-file.ts): the open fails.
    const open = fs.openSync;
    fs.openSync = ((p: fs.PathLike, ...rest: unknown[]) => {
      if (p === file) throw Object.assign(new Error(`EACCES: permission denied, open '${file}'`), { code: 'EACCES' });
      return (open as (...a: unknown[]) => number)(p, ...rest);
    }) as typeof fs.openSync;
    syncBuiltinESMExports();
    try {
      const out = lintFiles([dir], { scripts: false, useConfig: false });
      assert.deepEqual(out.errors, [`${file}: permission denied`]);
      assert.deepEqual(out.results, []);
    } finally {
      fs.openSync = open;
      syncBuiltinESMExports();
    }
  });
  it('a broken symlink → exit 2 naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hooklint-hostile-'));
    mkdirSync(join(dir, '.claude'));
    symlinkSync(join(dir, 'nowhere.json'), join(dir, '.claude', 'settings.json'));
    const { code, stderr } = await outcome(['.'], dir);
    assert.equal(code, 2);
    assert.equal(stderr, `hooklint: ${join(dir, '.claude', 'settings.json')}: no such file or directory\n`);
  });
  it('a symlink loop → exit 2 naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hooklint-hostile-'));
    symlinkSync('b.json', join(dir, 'a.json'));
    symlinkSync('a.json', join(dir, 'b.json'));
    const { code, stderr } = await outcome(['a.json'], dir);
    assert.equal(code, 2);
    assert.equal(stderr, 'hooklint: a.json: too many levels of symbolic links\n');
  });
  it('a directory with a symlink loop inside is walked without hanging', async () => {
    const { dir } = project(CLEAN);
    symlinkSync(dir, join(dir, 'loop'));
    const { code } = await outcome(['.'], dir);
    assert.equal(code, 0);
  });
  it('a file that disappears between discovery and read → an error naming it (exit 2 in the CLI)', () => {
    const { dir, file } = project(CLEAN);
    const found = discoverTargets([dir]);
    rmSync(file);
    const out = lintTargets(found.targets);
    assert.deepEqual(out.errors, [`${file}: no such file or directory`]);
    assert.deepEqual(out.results, []);
  });
  it('a path argument that does not exist → exit 2 naming it', async () => {
    const { dir } = project(CLEAN);
    const { code, stderr } = await outcome(['missing/settings.json'], dir);
    assert.equal(code, 2);
    assert.equal(stderr, 'hooklint: missing/settings.json: no such file or directory\n');
  });
});

describe('directory walks', () => {
  it('candidates sorted by path; node_modules and .git skipped; links listed as files, never followed; FIFOs ignored; config files found first', () => {
    const root = mkdtempSync(join(tmpdir(), 'hooklint-walk-'));
    const put = (rel: string, text = '{}') => {
      mkdirSync(dirname(join(root, rel)), { recursive: true });
      writeFileSync(join(root, rel), text);
    };
    put('real/.claude/settings.json');
    put('a-b/.claude/settings.json');
    put('node_modules/x/.claude/settings.json');
    put('.git/.claude/settings.json');
    put('p/hooks/hooks.json');
    put('p/.claude-plugin/plugin.json');
    put('p/scripts/notes.json');
    put('hooklint.config.json');
    put('sub/hooklint.config.json');
    mkdirSync(join(root, 'a/.claude'), { recursive: true });
    symlinkSync(join(root, 'real/.claude/settings.json'), join(root, 'a/.claude/settings.json'));
    symlinkSync(join(root, 'real'), join(root, 'linkdir'));
    assert.equal(spawnSyncTimed('mkfifo', [join(root, 'a/.claude/settings.local.json')]).status, 0);
    const seen: string[] = [];
    walkDirectory(root, { file: (p) => seen.push(`file ${p.slice(root.length + 1)}`), config: (p) => seen.push(`config ${p.slice(root.length + 1)}`) });
    // A directory's config comes before anything in it or below it.
    assert.ok(seen.indexOf('config hooklint.config.json') === 0);
    const { files, configFiles } = walkTree(root);
    assert.deepEqual({ files, configFiles }, {
      files: ['a-b/.claude/settings.json', 'a/.claude/settings.json', 'p/.claude-plugin/plugin.json', 'p/hooks/hooks.json', 'real/.claude/settings.json'].map((f) => join(root, f)),
      configFiles: ['hooklint.config.json', 'sub/hooklint.config.json'].map((f) => join(root, f)),
    });
  });
});

describe('plugin manifests', () => {
  it('the hooks paths a manifest names are found however the key is spelled; none without the key', () => {
    assert.deepEqual(manifestHookFiles('{"name": "p", "hooks": "./extra/hooks.json"}'), ['./extra/hooks.json']);
    assert.deepEqual(manifestHookFiles('{"name": "p", "\\u0068ooks": ["./a.json", 3, "./b.json"]}'), ['./a.json', './b.json']);
    assert.deepEqual(manifestHookFiles('{"name": "p", "version": "1.0.0"}'), []);
  });
});

describe('fuzzing (fast-check)', () => {
  const options = { filePath: '/p/.claude/settings.json', kind: 'project-settings' as const, projectRoot: '/p' };
  const pieces = ['{', '}', '[', ']', ',', ':', '"', '\\', '//', '/*', '*/', '\n', '\r\n', ' ', 'hooks', 'matcher', 'type', 'command', 'timeout', 'PreToolUse', 'Stop', '"hooks"', '"type"', '"command"', '"echo $CLAUDE_PROJECT_DIR"', '1e999', '-0', 'null', 'true', '\u2028', '\ud83d\ude00', '\ufeff', '\u0000'];
  const seed = '{\n  // comment\n  "hooks": {\n    "PreToolUse": [ { "matcher": "bash", "hooks": [ { "type": "command", "command": "$CLAUDE_PROJECT_DIR/x.sh", "timeout": 5000, }, ] } ],\n    "Stop": [ { "type": "command", "command": "echo" } ]\n  }\n}\n';
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...pieces) }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 8 }) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ unit: 'binary', maxLength: 6 }) }),
  );
  const mutate = (text: string, ms: { kind: 'insert' | 'delete'; at: number; text?: string; len?: number }[]) =>
    ms.reduce((t, m) => {
      const at = m.at % (t.length + 1);
      return m.kind === 'insert' ? t.slice(0, at) + m.text + t.slice(at) : t.slice(0, at) + t.slice(at + m.len!);
    }, text);
  it('lintText never throws; --fix output equals the input or parses with no fixable finding left', () => {
    assertProperty(
      fc.property(fc.array(mutation, { maxLength: 12 }), (ms) => {
        const text = mutate(seed, ms);
        lintText(text, options);
        const { output } = applyFixes(text, options, 'unsafe');
        if (output === text) return;
        assert.equal(parseDocument(output).syntaxErrors.length, 0, 'the fixed text parses');
        assert.deepEqual(
          lintText(output, options).diagnostics.filter((d) => d.fix).map((d) => d.ruleId),
          [],
          'no fixable finding left',
        );
      }),
      { seed: 602, numRuns: 1000 },
    );
  });
  it('documentValue is what JSON.parse gives whenever JSON.parse accepts the text, the tree value otherwise', () => {
    assertProperty(
      fc.property(fc.array(mutation, { maxLength: 12 }), fc.boolean(), (ms, strip) => {
        // Half the runs start from strict JSON, so the native fast path is exercised too.
        const base = strip ? seed.replace('  // comment\n', '').replace(/, \}/g, ' }').replace(/, \]/g, ' ]') : seed;
        const text = mutate(base, ms);
        const doc = parseDocument(text);
        let parsed: { value: unknown } | undefined;
        try {
          parsed = { value: JSON.parse(doc.bom ? text.slice(1) : text) };
        } catch {
          parsed = undefined;
        }
        if (parsed && doc.syntaxErrors.length === 0) assert.deepEqual(documentValue(doc), parsed.value);
        else if (doc.root) assert.deepEqual(documentValue(doc), getNodeValue(doc.root));
      }),
      { seed: 603, numRuns: 1000 },
    );
  });
  it('exitCodes of Python and JavaScript scripts: an exit counts where the parser sees a call, never in a comment or a string', () => {
    // Statements of each language, each with the exit code it really runs (undefined: none).
    const statements = {
      python: [
        (n: number) => [`sys.exit(${n})`, n],
        (n: number) => [`raise SystemExit(${n})`, n],
        (n: number) => [`os._exit( ${n} )`, n],
        (n: number) => [`if x:\n    exit(${n})`, n],
        (n: number) => [`def f():\n    quit(${n})`, n],
        (n: number) => [`sys.exit(\n    ${n})`, n],
        (n: number) => [`# sys.exit(${n})`, undefined],
        (n: number) => [`print("sys.exit(${n})")  # exit(${n})`, undefined],
        (n: number) => [`x = 'exit(${n})'`, undefined],
        (n: number) => [`"""\nsys.exit(${n})\n"""`, undefined],
        (n: number) => [`sys.exit(code${n})`, undefined],
      ],
      javascript: [
        (n: number) => [`process.exit(${n});`, n],
        (n: number) => [`process.exitCode = ${n};`, n],
        (n: number) => [`if (x) { process.exit(${n}); }`, n],
        (n: number) => [`function f() {\n  process.exit(\n    ${n});\n}`, n],
        (n: number) => [`// process.exit(${n})`, undefined],
        (n: number) => [`/* process.exit(${n}) */`, undefined],
        (n: number) => [`console.log("process.exit(${n})");`, undefined],
        (n: number) => [`const s = \`process.exit(${n})\`;`, undefined],
        (n: number) => [`process.exit(code${n});`, undefined],
      ],
    } as const;
    assertProperty(
      fc.property(
        fc.constantFrom('python' as const, 'javascript' as const),
        fc.array(fc.tuple(fc.nat({ max: 100 }), fc.nat({ max: 4 })), { maxLength: 12 }),
        (language, picks) => {
          const list = statements[language];
          let text = '';
          const expected = new Map<number, number[]>();
          for (const [i, n] of picks) {
            const [code, exit] = list[i % list.length]!(n) as [string, number | undefined];
            // The line of the exit call itself (a function or an `if` opens on the line before).
            const line = text.split('\n').length + code.slice(0, code.search(/sys\.exit|SystemExit|os\._exit|\bexit\(|quit|process\.exit/)).split('\n').length - 1;
            if (exit !== undefined) expected.set(exit, [...(expected.get(exit) ?? []), line]);
            text += code + '\n';
          }
          assert.deepEqual(new Map(exitCodes(text, language)), expected, JSON.stringify(text));
        },
      ),
      { seed: 604, numRuns: 500 },
    );
  });
  it('exitCodes of shell scripts: skipping words without a substitution finds what a walk of every node finds', () => {
    // The reference walks the whole tree, every word's parts included.
    const reference = (text: string) => {
      const out = new Map<number, number[]>();
      if (!/exit|SystemExit/.test(text)) return out;
      let script;
      try {
        script = parseShell(text);
      } catch {
        return out;
      }
      const starts = [0];
      for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
      const lineOf = (pos: number) => starts.filter((s) => s <= pos).length;
      const visit = (n: SyntaxNode) => {
        if (n.type === 'Command' && n.name?.value === 'exit') {
          const arg = n.suffix.find((a) => a.type === 'Word');
          if (arg && arg.type === 'Word' && /^\d+$/.test(arg.value)) out.set(Number(arg.value), [...(out.get(Number(arg.value)) ?? []), lineOf(n.pos)]);
        }
        forEachChild(n, visit);
      };
      visit(script);
      return out;
    };
    // Exits in every place a word can hide a command: $( ), $(( )), ${ ; }, ${| ; }, backticks
    // (escaped too), process substitution, here-documents, assignments, redirections, case words.
    const pieces = ['exit 1', 'exit 2', '$(exit 3)', '"$(exit 4)"', '$(( $(exit 5) ))', '${ exit 6; }', '${| exit 7; }', '`exit 8`', '"`exit 9`"', '\\`exit 10\\`', '<(exit 11)', '>(exit 12)', 'x=$(exit 13)', '> $(exit 14)', 'cat <<EOF\n$(exit 15)\nEOF\n', 'case $(exit 16) in *) exit 17;; esac', 'f() { exit 18; }', '( exit 19 )', '${VAR}', '"$HOME"', "'$(exit 20)'", 'echo', ' ', '\n', ';', '|', '&&', '#', 'if true; then exit 21; fi'];
    assertProperty(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 16 }), (parts) => {
        const text = parts.join(' ');
        assert.deepEqual(new Map(exitCodes(text, 'shell')), reference(text), JSON.stringify(text));
      }),
      { seed: 605, numRuns: 1500 },
    );
  });
  it('arbitrary JSON values anywhere in a hook config never make lintText throw', () => {
    const slot = fc.jsonValue({ maxDepth: 4 });
    assertProperty(
      fc.property(slot, slot, slot, fc.constantFrom('project-settings', 'plugin-hooks', 'plugin-manifest', 'managed-settings') as fc.Arbitrary<'project-settings'>, (a, b, c, kind) => {
        for (const v of [{ hooks: a }, { hooks: { PreToolUse: a, Stop: [{ hooks: b }], SessionEnd: [b, c] } }, { hooks: { PostToolUse: [{ matcher: a, hooks: [{ type: 'command', command: b, args: c, timeout: a }] }] } }, a])
          lintText(JSON.stringify(v), { ...options, kind });
      }),
      { seed: 606, numRuns: 500 },
    );
  });
});

describe('write safety', () => {
  const FIXABLE = '{\n  "hooks": {\n    "Stop": [ { "hooks": [ { "type": "command", "command": "echo done" } ] } ]\n  }\n}\n';
  it('a failure between writing the temporary file and renaming it leaves the old file, and no temporary file', () => {
    const { dir, file } = project(FIXABLE);
    const before = snapshot(file);
    const rename = fs.renameSync;
    fs.renameSync = () => {
      throw Object.assign(new Error('simulated crash before rename'), { code: 'EIO' });
    };
    syncBuiltinESMExports();
    try {
      const out = lintFiles([dir], { fix: 'safe', scripts: false, useConfig: false });
      assert.equal(out.errors.length, 1);
      assert.match(out.errors[0]!, /settings\.json: cannot write the fix: /);
    } finally {
      fs.renameSync = rename;
      syncBuiltinESMExports();
    }
    assertNotWritten(file, before);
    assert.deepEqual(readdirSync(dirname(file)), ['settings.json']);
  });
  it('refuses to write a file that changed on disk after it was read', () => {
    const { dir, file } = project(FIXABLE);
    const before = snapshot(file);
    // The second open of the file (the check before writing) sees another text: an edit made meanwhile.
    const edited = join(dir, 'edited.json');
    writeFileSync(edited, FIXABLE.replace('done', 'edited meanwhile'));
    const open = fs.openSync;
    let opens = 0;
    fs.openSync = ((p: fs.PathLike, ...rest: unknown[]) => (open as (...a: unknown[]) => number)(p === file && ++opens === 2 ? edited : p, ...rest)) as typeof fs.openSync;
    syncBuiltinESMExports();
    let out;
    try {
      out = lintFiles([dir], { fix: 'safe', scripts: false, useConfig: false });
    } finally {
      fs.openSync = open;
      syncBuiltinESMExports();
    }
    assert.deepEqual(out.errors, [`${file}: changed on disk while hooklint was fixing it; not written (run again)`]);
    assertNotWritten(file, before);
  });
  it('keeps mode and ownership, and writes through a symlink to its target', async () => {
    const { dir, file } = project(FIXABLE, 'real/settings.json');
    chmodSync(file, 0o640);
    if (isRoot) chownSync(file, 1234, 5678);
    mkdirSync(join(dir, '.claude'));
    symlinkSync(file, join(dir, '.claude', 'settings.json'));
    const r = await runCli(['check', '--fix', '.claude/settings.json'], { cwd: dir });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.ok(lstatSync(join(dir, '.claude', 'settings.json')).isSymbolicLink(), 'the link is still a link');
    assert.equal(readlinkSync(join(dir, '.claude', 'settings.json')), file);
    assert.match(readFileSync(file, 'utf8'), /"timeout": 30/);
    const st = statSync(file);
    assert.equal(st.mode & 0o777, 0o640);
    if (isRoot) assert.deepEqual([st.uid, st.gid], [1234, 5678]);
  });
  it('does not touch files it does not change (content, inode and mtime kept)', async () => {
    const { dir, file } = project(CLEAN);
    const before = snapshot(file);
    await new Promise((r) => setTimeout(r, 20));
    const r = await runCli(['check', '--fix', '.'], { cwd: dir });
    assert.equal(r.code, 0);
    assertNotWritten(file, before);
  });
});

describe('security', () => {
  it('a plugin manifest path that escapes the plugin root is reported and not followed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hooklint-hostile-'));
    mkdirSync(join(dir, 'outside'), { recursive: true });
    writeFileSync(join(dir, 'outside', 'hooks.json'), '{"hooks": {"preToolUse": []}}\n');
    mkdirSync(join(dir, 'plugin', '.claude-plugin'), { recursive: true });
    writeFileSync(join(dir, 'plugin', '.claude-plugin', 'plugin.json'), '{"name": "p", "hooks": "../../outside/hooks.json"}\n');
    const { code, lines } = await outcome(['plugin'], dir);
    assert.equal(code, 1);
    assert.deepEqual(lines, ['plugin/.claude-plugin/plugin.json:1:24: error: "../../outside/hooks.json" points outside the plugin: plugin files must stay inside the plugin root, and hooklint does not follow it [manifest-hooks-path]']);
  });
  it('an ANSI escape in a command is shown escaped in every human format', async () => {
    const { dir } = project('{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": "echo \\u001b[31mred\\u001b[0m \\u001b]0;title\\u0007"}]}], "bogus\\u001b[2J": []}}\n');
    for (const format of ['stylish', 'compact']) {
      const r = await runCli(['check', '-f', format, '--color', '.'], { cwd: dir });
      // chalk's own colours are allowed; the config's sequences must never appear raw.
      for (const raw of ['\x1b[31mred', '\x1b]0;title', '\x1b[2J']) assert.ok(!r.stdout.includes(raw), `${format} lets ${JSON.stringify(raw)} through`);
      assert.match(r.stdout, /\\u001b/);
    }
  });
});
