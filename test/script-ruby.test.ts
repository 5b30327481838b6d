/**
 * Ruby hook scripts (src/analysis/ruby-parser.ts, script-output-ruby.ts,
 * script-reads-ruby.ts): what a Ruby script's text proves it prints, how it
 * exits, and what it reads, in the model script-output.ts builds for the other
 * languages; the parser loads only when asked, and Ruby is unknown until then.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadRuby, rubyLoaded, rubyMisses } from '../src/analysis/ruby-parser.js';
import { runsByDefault, scriptOutput } from '../src/analysis/script-output.js';
import { envReads, inputReads } from '../src/analysis/script-reads.js';
import { exitCodes } from '../src/analysis/script-exits.js';
import { exitOnePaths } from '../src/analysis/exit-paths.js';
import { localImports } from '../src/analysis/script-links.js';
import { scriptLanguage } from '../src/analysis/scripts.js';
import { lintFiles, lintTargetsAsync, withRuby } from '../src/node/lint-files.js';
import { UNKNOWN_VALUE } from '../src/model/contract.js';

/** The claude_hooks entrypoint template's error path (rafath/claude-workspace, .claude/hooks/entrypoints/session_start.rb). */
const ENTRYPOINT = [
  '#!/usr/bin/env ruby',
  "require 'claude_hooks'",
  "require 'json'",
  "require_relative '../handlers/session_start/context_loader'",
  'begin',
  '  input_data = JSON.parse($stdin.read)',
  '  context_loader = ContextLoader.new(input_data)',
  '  context_loader.call',
  '  context_loader.output_and_exit',
  'rescue StandardError => e',
  '  STDERR.puts JSON.generate({',
  '                              continue: false,',
  '                              stopReason: "Hook execution error: #{e.message}",',
  '                              suppressOutput: false',
  '                            })',
  '  exit 2',
  'end',
  '',
].join('\n');

describe('Ruby scripts', () => {
  // These two run first: the parser is not loaded yet in this process (each test file runs in its own).
  it('is unknown until the parser is loaded: no prints, no reads, the miss counted', () => {
    assert.equal(rubyLoaded(), false);
    const before = rubyMisses();
    assert.deepEqual(scriptOutput(ENTRYPOINT, 'ruby').emissions, []);
    assert.deepEqual(inputReads("input = JSON.parse($stdin.read)\nx = input['tool_name']\n", 'ruby'), []);
    assert.equal(rubyMisses(), before + 2);
  });

  it('the node layer: a file whose hook runs a Ruby script waits for the parser, then is linted (and fixed) once', async () => {
    assert.equal(rubyLoaded(), false);
    const dir = mkdtempSync(join(tmpdir(), 'hooklint-rb-'));
    mkdirSync(join(dir, '.claude', 'hooks'), { recursive: true });
    writeFileSync(join(dir, '.claude', 'hooks', 'session_start.rb'), ENTRYPOINT, { mode: 0o755 });
    const settings = join(dir, '.claude', 'settings.json');
    // No timeout: missing-timeout's safe fix adds one.
    writeFileSync(settings, JSON.stringify({ hooks: { SessionStart: [{ hooks: [{ type: 'command', command: '"$CLAUDE_PROJECT_DIR"/.claude/hooks/session_start.rb' }] }] } }, null, 2) + '\n');
    const target = { path: settings, kind: 'project-settings' as const, projectRoot: dir, discovered: false, inPlace: true };
    const out = await lintTargetsAsync([target], { useConfig: false, fix: 'safe' });
    assert.ok(rubyLoaded());
    assert.equal(out.results.length, 1);
    assert.deepEqual([out.fixed, out.changes.length, out.errors, out.notices], [1, 1, [], []]);
    assert.match(readFileSync(settings, 'utf8'), /"timeout": \d+/);
    const found = out.results[0]!.messages.filter((m) => m.ruleId === 'stdout-unread');
    assert.equal(found.length, 1, JSON.stringify(out.results[0]!.messages));
    assert.match(found[0]!.message, /writes its JSON answer to stderr \(line 11\).*"continue", "stopReason", "suppressOutput" are never applied; exit 2 cannot block SessionStart/);
    // The synchronous API reads it too once the parser is loaded.
    assert.equal(lintFiles([settings], { useConfig: false }).results[0]!.messages.filter((m) => m.ruleId === 'stdout-unread').length, 1);
  });

  it('withRuby runs a lint once when it meets no unread Ruby script', async () => {
    let runs = 0;
    assert.equal(await withRuby(() => (runs++, scriptOutput(ENTRYPOINT, 'ruby').emissions.length)), 2);
    assert.equal(runs, 1);
  });

  it('loads once: every call answers the same promise', async () => {
    assert.equal(loadRuby(), loadRuby());
    assert.equal(await loadRuby(), true);
  });

  it('the claude_hooks entrypoint: JSON.generate of a hash literal on STDERR in the rescue path, then exit 2', async () => {
    await loadRuby();
    const [gem, e, ...rest] = scriptOutput(ENTRYPOINT, 'ruby').emissions;
    assert.equal(rest.length, 0);
    // The gem's output_and_exit prints the merged answer: unknown, and the path ends there.
    assert.deepEqual([gem!.stream, gem!.kind, gem!.line, gem!.endsPath, gem!.conditional], ['stdout', 'unknown', 9, true, false]);
    assert.deepEqual([e!.stream, e!.kind, e!.line, e!.exit, e!.conditional, e!.open], ['stderr', 'json', 11, 2, true, false]);
    assert.deepEqual(e!.json, { continue: false, stopReason: UNKNOWN_VALUE, suppressOutput: false });
  });

  it('streams: puts/print/$stdout/STDOUT on stdout; warn/$stderr/STDERR/abort on stderr; p is unknown', async () => {
    await loadRuby();
    const out = scriptOutput(
      ["puts 'a'", "print 'b'", "$stdout.puts 'c'", "STDOUT.write('d')", "$stdout << 'e'", "warn 'f'", "$stderr.puts 'g'", "STDERR.print 'h'", "$stderr.write('i')", 'p x', 'puts', "abort 'j'", ''].join('\n'),
      'ruby',
    );
    assert.deepEqual(
      out.emissions.map((e) => `${e.line}:${e.stream}:${e.kind}:${e.text ?? ''}`),
      ['1:stdout:text:a', '2:stdout:text:b', '3:stdout:text:c', '4:stdout:text:d', '5:stdout:text:e', '6:stderr:text:f', '7:stderr:text:g', '8:stderr:text:h', '9:stderr:text:i', '10:stdout:unknown:', '11:stdout:text:', '12:stderr:text:j'],
    );
    // abort prints and exits 1 itself.
    assert.equal(out.emissions.at(-1)!.exit, 1);
  });

  it('JSON: symbol and string keys, => pairs, nested hashes, to_json of a variable grown later, pretty_generate, JSON.dump to $stdout; splats make it open', async () => {
    await loadRuby();
    const out = scriptOutput(
      [
        "out = { 'decision' => 'block', :reason => :unsafe }",
        "out[:systemMessage] = 'stopped'",
        'puts out.to_json',
        "puts JSON.pretty_generate(hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny' })",
        'JSON.dump({ continue: true, n: 1, x: nil, l: [1, "a"] }, $stdout)',
        "puts JSON.generate({ **base, decision: 'block' })",
        "puts '{\"decision\": \"approve\"}'",
        'puts "{\\"reason\\": \\"#{why}\\"}"',
        'puts computed.to_json',
        '',
      ].join('\n'),
      'ruby',
    );
    const [a, b, c, d, e, f, g] = out.emissions;
    assert.deepEqual(a!.json, { decision: 'block', reason: 'unsafe', systemMessage: 'stopped' });
    assert.deepEqual(b!.json, { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny' } });
    assert.deepEqual(c!.json, { continue: true, n: 1, x: null, l: [1, 'a'] });
    assert.deepEqual([d!.json, d!.open], [{ decision: 'block' }, true]);
    assert.deepEqual(e!.json, { decision: 'approve' });
    // Interpolated JSON text and a computed object are unknown, never guessed.
    assert.deepEqual([f!.kind, g!.kind], ['unknown', 'unknown']);
  });

  it('paths: if/else, unless, modifiers, case, loops, rescue/ensure; the exit that ends each print', async () => {
    await loadRuby();
    const out = scriptOutput(
      [
        'if bad', //                 1
        "  warn 'blocked'", //       2
        '  exit 2', //               3
        'else', //                   4
        "  puts 'fine'", //          5
        'end', //                    6
        "puts 'maybe' if x", //      7
        'unless ok', //              8
        "  $stderr.puts 'no'", //    9
        'end', //                    10
        'case kind', //              11
        "when 'a' then puts 'A'", // 12
        'end', //                    13
        'items.each do |i|', //      14
        "  puts 'item'", //          15
        'end', //                    16
        'begin', //                  17
        "  puts 'main'", //          18
        'rescue => e', //            19
        "  warn 'oops'", //          20
        '  exit 1', //               21
        'ensure', //                 22
        "  puts 'always'", //        23
        'end', //                    24
        'exit 0', //                 25
        '',
      ].join('\n'),
      'ruby',
    );
    const at = (line: number) => out.emissions.find((e) => e.line === line)!;
    assert.deepEqual([at(2).conditional, at(2).exit], [true, 2]);
    assert.deepEqual([at(5).conditional, at(5).exit], [false, 0]);
    assert.equal(at(7).conditional, true);
    assert.equal(at(9).conditional, true);
    assert.equal(at(12).conditional, true);
    // A loop body does not fall through to the statements after the loop.
    assert.deepEqual([at(15).conditional, at(15).exit], [true, undefined]);
    assert.deepEqual([at(18).conditional, at(18).exit], [false, 0]);
    assert.deepEqual([at(20).conditional, at(20).exit], [true, 1]);
    assert.deepEqual([at(23).conditional, at(23).exit], [false, 0]);
  });

  it('exits: exit, exit!, exit true/false, Kernel.exit(n); return and raise end a path with no code', async () => {
    await loadRuby();
    const exitAfter = (stmt: string) => scriptOutput(`puts 'x'\n${stmt}\n`, 'ruby').emissions[0]!;
    assert.equal(exitAfter('exit').exit, 0);
    assert.equal(exitAfter('exit!').exit, 1);
    assert.equal(exitAfter('exit true').exit, 0);
    assert.equal(exitAfter('exit(false)').exit, 1);
    assert.equal(exitAfter('Kernel.exit(2)').exit, 2);
    assert.equal(exitAfter('exit code').exit, undefined);
    assert.deepEqual([exitAfter("raise 'boom'").exit, exitAfter("raise 'boom'").endsPath], [undefined, true]);
  });

  it('exit codes and the intent of each exit 1 path: a refusal, an error path, a helper judged by its calls', async () => {
    await loadRuby();
    const text = [
      'input = JSON.parse($stdin.read)', //                        1
      "command = input.dig('tool_input', 'command').to_s", //     2
      "if command.include?('rm -rf')", //                          3
      "  warn 'Blocked: rm -rf is not allowed'", //                4
      '  exit 1', //                                               5
      'end', //                                                    6
      "abort 'Use trash instead' if command =~ /\\brm\\b/", //      7
      'unless File.exist?(path)', //                               8
      "  warn 'config missing'", //                                9
      '  exit 1', //                                               10
      'end', //                                                    11
      'def deny(msg)', //                                          12
      '  warn msg', //                                             13
      '  exit 1', //                                               14
      'end', //                                                    15
      "deny('Dangerous command refused') if command.start_with?('sudo')", // 16
      'begin', //                                                  17
      '  x = 1', //                                                18
      'rescue JSON::ParserError', //                               19
      '  exit 1', //                                               20
      'end', //                                                    21
      '# exit 2 in a comment', //                                  22
      'exit 0', //                                                 23
      '',
    ].join('\n');
    assert.deepEqual([...exitCodes(text, 'ruby')].map(([code, lines]) => `${code}:${lines.join(',')}`), ['1:5,7,10,14,20', '0:23']);
    assert.deepEqual(
      exitOnePaths(text, 'ruby').map((p) => `${p.line}:${p.intent}`),
      ['5:refusal', '7:refusal', '10:error', '16:refusal', '20:error'],
    );
  });

  it('methods: a helper prints where it is called, with its literal arguments; main if __FILE__ == $0 is the default path', async () => {
    await loadRuby();
    const out = scriptOutput(
      [
        'def respond(decision, reason:)',
        '  puts JSON.generate(hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision: decision, permissionDecisionReason: reason })',
        '  exit 0',
        'end',
        'def main',
        "  respond('allow', reason: 'ok')",
        'end',
        'main if __FILE__ == $0',
        '',
      ].join('\n'),
      'ruby',
    );
    const [e] = out.emissions;
    assert.deepEqual([e!.fn, e!.exit, e!.conditional], ['respond', 0, false]);
    assert.deepEqual(e!.refs, [
      { path: ['hookSpecificOutput', 'permissionDecision'], name: 'decision' },
      { path: ['hookSpecificOutput', 'permissionDecisionReason'], name: 'reason' },
    ]);
    assert.deepEqual(out.params.get('respond'), ['decision', 'reason']);
    assert.deepEqual(out.calls.get('respond')![0], { line: 6, fn: 'main', conditional: false, args: ['allow'], kwargs: { reason: 'ok' } });
    assert.equal(runsByDefault(e!, out.calls), true);
  });

  it('comments, strings and heredoc text are never counted as code', async () => {
    await loadRuby();
    const out = scriptOutput(
      ['# puts "in a comment"', "s = 'puts \"in a string\"'", '=begin', 'STDERR.puts JSON.generate(decision: "block")', '=end', 'x = <<~EOS', '  exit 2', '  puts "in a heredoc"', 'EOS', ''].join('\n'),
      'ruby',
    );
    assert.deepEqual(out.emissions, []);
    assert.deepEqual(envReads("# ENV['CLAUDE_SESSION_ID']\nx = \"ENV['CLAUDE_X']\"\n", 'ruby'), []);
  });

  it('a heredoc printed is its text; a script that reopens $stdout prints nothing known', async () => {
    await loadRuby();
    const [h] = scriptOutput(['warn <<~MSG', '  Remember to run the tests', 'MSG', ''].join('\n'), 'ruby').emissions;
    assert.deepEqual([h!.stream, h!.kind], ['stderr', 'text']);
    assert.match(h!.text!, /Remember to run the tests/);
    assert.deepEqual(scriptOutput("$stdout = File.open('log', 'a')\nputs 'x'\n", 'ruby').emissions, []);
    assert.deepEqual(scriptOutput("STDOUT.reopen('/dev/null')\nputs 'x'\n", 'ruby').emissions, []);
  });

  it('reads: input fields through [], dig, fetch (not the ones it stores); ENV[] and ENV.fetch with their fallbacks', async () => {
    await loadRuby();
    const text = [
      'input = JSON.parse($stdin.read)',
      "tool = input['tool_name']",
      "path = input.dig('tool_input', 'file_path')",
      'sid = input.fetch(:session_id, nil)',
      "input['seen'] = true",
      "seen = input['seen']",
      "a = ENV['CLAUDE_SESSION_ID']",
      "b = ENV.fetch('CLAUDE_TOOL_NAME', '')",
      "c = ENV['CLAUDE_FILE'] || input['cwd']",
      "ok = ENV.key?('CLAUDE_X')",
      '',
    ].join('\n');
    assert.deepEqual(
      inputReads(text, 'ruby').map((r) => `${r.name}:${r.line}`),
      ['tool_name:2', 'tool_input:3', 'session_id:4', 'cwd:9'],
    );
    assert.deepEqual(
      envReads(text, 'ruby').map((r) => `${r.name}:${r.line}:${r.fallback}`),
      ['CLAUDE_SESSION_ID:7:false', 'CLAUDE_TOOL_NAME:8:true', 'CLAUDE_FILE:9:true'],
    );
    // Rebound to a part of the input: later reads are of that part.
    assert.deepEqual(inputReads("input = JSON.parse($stdin.read)\ninput = input['tool_input']\npath = input['file_path']\n", 'ruby').map((r) => r.name), ['tool_input']);
    // Raw input held first, then parsed.
    assert.deepEqual(inputReads("raw = STDIN.read\ndata = JSON.parse(raw)\nx = data['prompt']\n", 'ruby').map((r) => r.name), ['prompt']);
  });

  it('language: .rb, a ruby interpreter, a ruby shebang', () => {
    assert.equal(scriptLanguage({ path: 'a.rb', written: 'a.rb', interpreter: undefined }, ''), 'ruby');
    assert.equal(scriptLanguage({ path: 'x', written: 'x', interpreter: 'ruby' }, ''), 'ruby');
    assert.equal(scriptLanguage({ path: 'x', written: 'x', interpreter: undefined }, '#!/usr/bin/env ruby\n'), 'ruby');
    assert.equal(scriptLanguage({ path: 'x.sh', written: 'x.sh', interpreter: undefined }, '#!/bin/bash\n'), 'shell');
    // The interpreter, then the shebang, then the last extension: a word that merely starts with "ruby" is no Ruby.
    assert.equal(scriptLanguage({ path: 'ruby-lint.sh', written: 'ruby-lint.sh', interpreter: undefined }, '#!/bin/bash\n'), 'shell');
    assert.equal(scriptLanguage({ path: 'check.rb.sh', written: 'check.rb.sh', interpreter: undefined }, ''), 'shell');
  });

  it('a modifier exit has only its own words; an earlier constant says nothing about it', async () => {
    await loadRuby();
    const text = "require 'json'\nHEADER = 'Never edit this log by hand: it is the team policy audit trail'\ninput = JSON.parse($stdin.read)\nexit 1 unless ENV['CLAUDE_PROJECT_DIR']\nexit 0\n";
    assert.deepEqual(exitOnePaths(text, 'ruby').map((p) => p.intent), ['unknown']);
  });

  it('a print under a Ruby debug modifier is logging: stdout-unread stays quiet', async () => {
    await loadRuby();
    const dir = mkdtempSync(join(tmpdir(), 'hooklint-rb-'));
    mkdirSync(join(dir, '.claude', 'hooks'), { recursive: true });
    writeFileSync(join(dir, '.claude', 'hooks', 'trace.rb'), "require 'json'\ninput = JSON.parse($stdin.read)\nputs \"tool=#{input['tool_name']} checked by the guard\" if DEBUG\nputs \"the guard saw this call\" if ENV['HOOK_DEBUG']\nexit 0\n", { mode: 0o755 });
    const settings = join(dir, '.claude', 'settings.json');
    writeFileSync(settings, JSON.stringify({ hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: '"$CLAUDE_PROJECT_DIR"/.claude/hooks/trace.rb', timeout: 10 }] }] } }, null, 2) + '\n');
    const out = lintFiles([settings], { useConfig: false });
    assert.deepEqual(out.results[0]!.messages.filter((m) => m.ruleId === 'stdout-unread'), []);
  });

  it('require_relative and require File.join(__dir__, …) follow local files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hooklint-rb-'));
    mkdirSync(join(dir, 'lib'));
    writeFileSync(join(dir, 'lib', 'out.rb'), '');
    writeFileSync(join(dir, 'helpers.rb'), '');
    const host = { stat: (p: string) => ({ isFile: p.endsWith('.rb'), mode: 0o644 }), readHead: () => '' };
    const found = localImports(join(dir, 'main.rb'), "require 'json'\nrequire_relative 'lib/out'\nrequire File.join(__dir__, 'helpers')\n", 'ruby', { kind: 'project-settings', host });
    assert.deepEqual(found, [join(dir, 'lib', 'out.rb'), join(dir, 'helpers.rb')]);
  });
});
