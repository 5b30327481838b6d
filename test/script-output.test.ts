/**
 * The script-output analysis (src/analysis/script-output.ts) and the output
 * contract's judge (src/model/contract.ts): what a script's text proves it
 * prints, and how Claude Code reads it (SPEC.md §13.4).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventsNamed, runsByDefault, scriptOutput } from '../src/analysis/script-output.js';
import { EVENTS } from '../src/model/catalog.js';
import { decisionOf, judgeOutputObject, UNKNOWN_VALUE } from '../src/model/contract.js';

describe('script-output', () => {
  it('Python: json.dumps of a literal, of a variable grown later, plain text, stderr, and the exit that ends the path', () => {
    const out = scriptOutput(
      ['import json, sys', 'out = {"result": "block"}', 'out["reason"] = msg', 'print("Checking...")', 'if bad:', '    print(json.dumps(out))', 'print("x", file=sys.stderr)', 'sys.exit(1)', ''].join('\n'),
      'python',
    );
    const [text, json, err] = out.emissions;
    assert.deepEqual([text!.kind, text!.text, text!.exit, text!.conditional], ['text', 'Checking...', 1, false]);
    assert.deepEqual([json!.kind, json!.json, json!.exit, json!.conditional], ['json', { result: 'block', reason: UNKNOWN_VALUE }, 1, true]);
    assert.equal(err!.stream, 'stderr');
  });

  it('Python: a helper prints where it is called, with the literal arguments; an else branch is a default path', () => {
    const out = scriptOutput(
      [
        'import json, sys',
        'def decide(d, why):',
        '    print(json.dumps({"hookSpecificOutput": {"hookEventName": "PreToolUse", "permissionDecision": d, "permissionDecisionReason": why}}))',
        '    sys.exit(0)',
        'def main():',
        '    if danger:',
        '        decide("deny", reason)',
        '    else:',
        '        decide("allow", "ok")',
        'if __name__ == "__main__":',
        '    main()',
        '',
      ].join('\n'),
      'python',
    );
    assert.equal(out.emissions.length, 1);
    assert.deepEqual(out.emissions[0]!.refs?.map((r) => r.name), ['d', 'why']);
    assert.deepEqual(out.params.get('decide'), ['d', 'why']);
    const calls = out.calls.get('decide')!;
    assert.deepEqual(calls.map((c) => [c.line, c.fn, c.conditional, c.args?.[0]]), [
      [7, 'main', true, 'deny'],
      [9, 'main', false, 'allow'],
    ]);
    assert.equal(runsByDefault({ ...out.emissions[0]!, fn: 'main', conditional: false }, out.calls), true);
  });

  it('JavaScript: JSON.stringify of an object with shorthand and spread, console.error, process.exit', () => {
    const out = scriptOutput('const r = "x";\nconsole.log(JSON.stringify({ decision: "block", reason }));\nconsole.error(`warn ${r}`);\nprocess.exit(2);\nconsole.log(JSON.stringify({ ...base, a: 1 }));\n', 'javascript');
    const [a, b, c] = out.emissions;
    assert.deepEqual([a!.json, a!.exit], [{ decision: 'block', reason: UNKNOWN_VALUE }, 2]);
    assert.deepEqual([b!.stream, b!.kind, b!.text], ['stderr', 'text', 'warn …']);
    assert.equal(c!.open, true);
  });

  it('JavaScript: `if (require.main === module)` runs whenever the script is run, like `if __name__ == "__main__":`', () => {
    const out = scriptOutput(
      ['function main() {', '  process.stderr.write("⚠️ degraded\\n");', '  process.exit(0);', '}', 'if (require.main === module) {', '  main();', '} else {', '  other();', '}', ''].join('\n'),
      'javascript',
    );
    assert.deepEqual(out.calls.get('main')!.map((c) => [c.line, c.conditional]), [[6, false]]);
    assert.deepEqual(out.calls.get('other')!.map((c) => [c.line, c.conditional]), [[8, true]]);
    assert.equal(runsByDefault(out.emissions[0]!, out.calls), true);
  });

  it('eventsNamed: quoted names and shell case labels name events; a property read does not', () => {
    const names = ['PreToolUse', 'Stop', 'SessionStart'];
    assert.deepEqual([...eventsNamed([{ text: 'case "$e" in\n  Stop) exit 0 ;;\nesac\nif e == "SessionStart": pass' }], names)].sort(), ['SessionStart', 'Stop']);
    assert.deepEqual([...eventsNamed([{ text: 'const pre = collect(settings?.hooks?.PreToolUse);' }], names)], []);
  });

  it('shell: echo, jq -n and here-documents print; pipes, substitutions and files do not; exec >&2 moves later prints', () => {
    const out = scriptOutput(
      [
        '#!/bin/bash',
        'cmd=$(echo "$input" | jq -r .x)',
        'echo "$input" | grep -q rm && echo \'{"decision": "block", "reason": "rm"}\' && exit 0',
        'jq -n --arg r "$cmd" \'{hookSpecificOutput: {hookEventName: "PreToolUse", permissionDecisionReason: $r}}\'',
        'echo "log" > /tmp/log',
        '{ echo "Blocked: $cmd"; } >&2',
        'exec >&2',
        'echo "late"',
        'exit 2',
        '',
      ].join('\n'),
      'shell',
    );
    assert.deepEqual(
      out.emissions.map((e) => [e.line, e.stream, e.kind, e.exit]),
      [
        [3, 'stdout', 'json', 0],
        [4, 'stdout', 'json', 2],
        [6, 'stderr', 'text', 2],
        [8, 'stderr', 'text', 2],
      ],
    );
    assert.equal(out.emissions[0]!.conditional, true);
    assert.deepEqual(out.emissions[1]!.json, { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecisionReason: UNKNOWN_VALUE } });
  });
});

describe('output contract', () => {
  const pre = EVENTS.get('PreToolUse')!;
  const stop = EVENTS.get('Stop')!;
  it('strips unknown keys, places misplaced ones, rejects wrong values and event names', () => {
    const codes = (o: Record<string, unknown>, ev = pre) => judgeOutputObject(o, ev).map((p) => `${p.code}:${p.key}`);
    assert.deepEqual(codes({ ok: false }), ['key-stripped:ok']);
    assert.deepEqual(codes({ additionalContext: 'x' }), ['key-misplaced:additionalContext']);
    assert.deepEqual(codes({ decision: 'ask' }), ['wrong-type:decision']);
    assert.deepEqual(codes({ decision: UNKNOWN_VALUE }), []);
    assert.deepEqual(codes({ hookSpecificOutput: { permissionDecision: 'deny' } }), ['event-name-missing:hookSpecificOutput.hookEventName']);
    assert.deepEqual(codes({ hookSpecificOutput: { hookEventName: 'Stop' } }), ['event-name-mismatch:hookSpecificOutput.hookEventName']);
    assert.deepEqual(codes({ metrics: {} }), []);
    assert.deepEqual(codes({ continue: false, decision: 'block', reason: 'r' }, stop), ['continue-overrides-block:continue']);
    assert.deepEqual(codes({ stopReason: 'r' }, stop), ['stop-reason-unread:stopReason']);
  });
  it('decides: approve allows on PreToolUse only, permissionDecision wins, continue false stops', () => {
    assert.equal(decisionOf({ decision: 'approve' }, pre), 'allow');
    assert.equal(decisionOf({ decision: 'approve' }, stop), 'none');
    assert.equal(decisionOf({ decision: 'approve', hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny' } }, pre), 'block');
    assert.equal(decisionOf({ continue: false, decision: 'block' }, stop), 'stop');
    assert.equal(decisionOf({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: UNKNOWN_VALUE } }, pre), 'unknown');
  });
});
