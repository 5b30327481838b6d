/**
 * Golden fixtures: fixtures/<rule-id>/{valid,invalid}/<case>/ hold config
 * files at realistic paths (and scripts where a rule needs them);
 * invalid cases hold expected.out, the rule's findings in compact form with
 * paths relative to the case directory. fixtures/modes.json lists the file
 * modes some cases depend on; they are set before any case runs.
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { rules } from '../src/rules/index.js';
import { ROOT, runCli } from './helpers.js';

const FIXTURES = join(ROOT, 'fixtures');

/** fixtures/modes.json: path under fixtures/ → the mode (octal string) its case needs. */
const MODES = Object.entries(JSON.parse(readFileSync(join(FIXTURES, 'modes.json'), 'utf8')) as Record<string, string>).filter(([k]) => k !== '$comment');
for (const [path, mode] of MODES) chmodSync(join(FIXTURES, path), Number.parseInt(mode, 8));

function cases(rule: string, kind: 'valid' | 'invalid'): string[] {
  const dir = join(FIXTURES, rule, kind);
  return existsSync(dir) ? readdirSync(dir).map((c) => join(dir, c)) : [];
}

function linesOf(output: string, rule: string): string[] {
  return output.split('\n').filter((l) => l.endsWith(`[${rule}]`));
}

describe('golden fixtures', () => {
  it('fixtures/modes.json names existing files and they have their modes', () => {
    assert.ok(MODES.length > 0);
    for (const [path, mode] of MODES) assert.equal((statSync(join(FIXTURES, path)).mode & 0o7777).toString(8), mode, path);
  });
  for (const rule of rules) {
    const id = rule.meta.id;
    describe(id, () => {
      it('has at least one valid and one invalid case', () => {
        assert.ok(cases(id, 'valid').length > 0, `fixtures/${id}/valid is missing`);
        assert.ok(cases(id, 'invalid').length > 0, `fixtures/${id}/invalid is missing`);
      });
      for (const dir of cases(id, 'invalid'))
        it(`invalid/${dir.split('/').pop()} reports exactly expected.out`, async () => {
          const expected = readFileSync(join(dir, 'expected.out'), 'utf8').split('\n').filter(Boolean);
          assert.ok(expected.length > 0, 'expected.out must list at least one finding');
          const { stdout, stderr } = await runCli(['check', '-f', 'compact', '.'], { cwd: dir });
          assert.equal(stderr, '');
          assert.deepEqual(linesOf(stdout, id), expected);
        });
      for (const dir of cases(id, 'valid'))
        it(`valid/${dir.split('/').pop()} does not trigger it`, async () => {
          const { stdout, stderr } = await runCli(['check', '-f', 'json', '.'], { cwd: dir });
          assert.equal(stderr, '');
          const results = JSON.parse(stdout) as { messages: { ruleId: string }[] }[];
          assert.ok(results.length > 0, 'the case must hold a hook config that is linted');
          assert.deepEqual(results.flatMap((r) => r.messages.filter((m) => m.ruleId === id)), []);
        });
    });
  }
});
