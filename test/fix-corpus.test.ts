/**
 * --fix over the whole real corpus (../shared/corpus/real), copied: it changes
 * exactly the files check reports a safe fix in, leaves no safe fix, a second
 * --fix changes nothing, strict JSON stays strict, no comment and no key is
 * lost (except those a removal fix names).
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse as parseJsonc } from 'jsonc-parser';
import { EVENTS } from '../src/model/catalog.js';
import { parseDocument } from '../src/formats/parse.js';
import { CORPUS, runCli } from './helpers.js';

function walk(d: string): string[] {
  return readdirSync(d).flatMap((n) => {
    const p = join(d, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Every object key of a JSON value, counted. */
function keyCounts(v: unknown, out = new Map<string, number>()): Map<string, number> {
  if (Array.isArray(v)) for (const x of v) keyCounts(x, out);
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      out.set(k, (out.get(k) ?? 0) + 1);
      keyCounts(x, out);
    }
  return out;
}

describe('--fix over the real corpus (a copy)', () => {
  it('leaves no safe fix, converges, keeps strict JSON strict, loses no comment and no key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hooklint-corpus-fix-'));
    cpSync(CORPUS, dir, { recursive: true });
    const files = walk(dir).filter((f) => f.endsWith('.json'));
    const before = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));
    // What check reports fixable (a safe fix, in a file that parses) is what --fix must change.
    const pre = JSON.parse((await runCli(['check', '--no-scripts', '-f', 'json', dir])).stdout) as { filePath: string; messages: { ruleId: string; fix?: { safety: string } }[] }[];
    const fixable = pre.filter((r) => r.messages.some((m) => m.fix?.safety === 'safe') && !r.messages.some((m) => m.ruleId === 'json-syntax')).map((r) => r.filePath);
    const first = await runCli(['check', '--no-scripts', '--fix', '-f', 'json', dir]);
    assert.equal(first.stderr, '');
    const results = JSON.parse(first.stdout) as { filePath: string; messages: { ruleId: string; fix?: { safety: string } }[] }[];
    const leftover = results.flatMap((r) => r.messages.filter((m) => m.fix?.safety === 'safe' && m.ruleId !== 'missing-timeout').map((m) => `${r.filePath} ${m.ruleId}`));
    // The only file with a safe finding left is the one that does not parse (never rewritten).
    const unparsed = results.filter((r) => r.messages.some((m) => m.ruleId === 'json-syntax')).map((r) => r.filePath);
    assert.deepEqual(leftover, []);
    assert.deepEqual(results.filter((r) => r.messages.some((m) => m.fix?.safety === 'safe')).map((r) => r.filePath), unparsed);
    const after = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));
    const second = await runCli(['check', '--no-scripts', '--fix', '-f', 'compact', dir]);
    assert.equal(second.stderr, '');
    for (const f of files) assert.equal(readFileSync(f, 'utf8'), after.get(f), `second --fix changed ${f}`);
    const removals = new Set(['suppressOutput', 'matcher', 'hooks', ...EVENTS.keys()]);
    const changed: string[] = [];
    for (const f of files) {
      const a = before.get(f)!;
      const b = after.get(f)!;
      if (a === b) continue;
      changed.push(f);
      const da = parseDocument(a);
      const db = parseDocument(b);
      assert.equal(db.syntaxErrors.length, 0, `${f} parses after the fix`);
      assert.equal(db.comments.length, da.comments.length, `${f} keeps its comments`);
      const strict = (() => {
        try {
          JSON.parse(a.replace(/^\ufeff/, ''));
          return true;
        } catch {
          return false;
        }
      })();
      if (strict) JSON.parse(b.replace(/^\ufeff/, ''));
      const ka = keyCounts(JSON.parse(JSON.stringify(parseJsonc(a))));
      const kb = keyCounts(JSON.parse(JSON.stringify(parseJsonc(b))));
      for (const [k, n] of ka) if ((kb.get(k) ?? 0) < n) assert.ok(removals.has(k), `${f} lost key "${k}"`);
    }
    assert.deepEqual(changed.sort(), fixable.sort(), 'the files --fix changed are those check reported a safe fix in');
    assert.ok(changed.length > 0, 'the corpus has safe fixes');
  });
});
