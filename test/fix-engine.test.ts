/**
 * applyFixes and applyEdits (src/lint/fix.ts) on their own, with test-only
 * rules whose fixes do exactly what a case needs: the pass limit, overlapping
 * fixes taken over several passes, script edits collected once, safety
 * classes, a file that does not parse, and edit application.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HooklintError } from '../src/lint/lint.js';
import { applyEdits, applyFixes, MAX_FIX_PASSES } from '../src/lint/fix.js';
import { rulesById } from '../src/rules/index.js';
import { defineRule, type Rule } from '../src/rules/rule.js';
import type { FileEdit, FixSafety } from '../src/model/types.js';

const OPTIONS = { filePath: '/p/.claude/settings.json', kind: 'project-settings' as const, projectRoot: '/p' };

/** A rule reporting the first `"x"` string value and replacing it with `"y"` (`safety`): one fix per pass. */
function xToY(id: string, safety: FixSafety): Rule {
  return defineRule({
    meta: { id, type: 'problem', severity: 'warning', section: 3, fixable: safety, description: 'test only', messages: { m: 'an x' } },
    check(ctx) {
      const i = ctx.doc.text.indexOf('"x"');
      if (i >= 0) ctx.report({ messageId: 'm', span: { offset: i, length: 3 }, fix: { safety, title: 'x to y', edits: [{ range: [i, i + 3], text: '"y"' }] } });
    },
  });
}
const oneAPass = xToY('test-one-a-pass', 'safe');

/** A config with `n` string values "x". */
const xs = (n: number) => `{"hooks": {}, "list": [${Array(n).fill('"x"').join(', ')}]}\n`;

/** A rule that reports the root object on every pass with a fix of script edits only (no text edit). */
function scriptFix(id: string, safety: FixSafety, fileEdit: FileEdit): Rule {
  return defineRule({
    meta: { id, type: 'problem', severity: 'warning', section: 6, fixable: safety, description: 'test only', messages: { m: 'm' } },
    check(ctx) {
      ctx.report({ messageId: 'm', node: ctx.doc.root!, fix: { safety, title: id, edits: [], fileEdits: [fileEdit] } });
    },
  });
}

describe('applyFixes', () => {
  it(`converges within MAX_FIX_PASSES (${MAX_FIX_PASSES}) passes: one fix a pass, ${MAX_FIX_PASSES} of them, all applied`, () => {
    const res = applyFixes(xs(MAX_FIX_PASSES), { ...OPTIONS, rules: [oneAPass] });
    assert.equal(res.output, xs(MAX_FIX_PASSES).replaceAll('"x"', '"y"'));
    assert.equal(res.fixed, MAX_FIX_PASSES);
    assert.deepEqual(res.diagnostics, []);
  });
  it('one fix more than the passes allow: HooklintError naming the file, no half-fixed output', () => {
    assert.throws(
      () => applyFixes(xs(MAX_FIX_PASSES + 1), { ...OPTIONS, rules: [oneAPass] }),
      (e) => e instanceof HooklintError && e.message === `fixes for ${OPTIONS.filePath} did not converge after ${MAX_FIX_PASSES} passes`,
    );
  });
  it('overlapping fixes: the first by position is taken; the other is left for the next pass, where its finding is gone', () => {
    const text = '{"hooks": {}, "a": "x"}\n';
    /** Rewrites the value "x" (and, for `wide`, the space before it): both fixes start at or cover the same value. */
    const rewrite = (id: string, wide: boolean) =>
      defineRule({
        meta: { id, type: 'problem', severity: 'warning', section: 3, fixable: 'safe', description: 'test only', messages: { m: 'm' } },
        check(ctx) {
          const i = ctx.doc.text.indexOf('"x"');
          if (i >= 0) ctx.report({ messageId: 'm', span: { offset: i, length: 3 }, fix: { safety: 'safe', title: id, edits: [{ range: [wide ? i - 1 : i, i + 3], text: wide ? ' "w"' : '"y"' }] } });
        },
      });
    const res = applyFixes(text, { ...OPTIONS, rules: [rewrite('test-narrow', false), rewrite('test-wide', true)] });
    assert.equal(res.output, '{"hooks": {}, "a": "w"}\n', 'the fix starting first (the wide one) wins');
    assert.equal(res.fixed, 1);
    assert.deepEqual(res.diagnostics, []);
  });
  it('a fix starting where the one before it ends waits for the next pass (here its finding is then gone)', () => {
    const text = '{"hooks": {}, "a": "x"}\n';
    const append = defineRule({
      meta: { id: 'test-append', type: 'problem', severity: 'warning', section: 3, fixable: 'safe', description: 'test only', messages: { m: 'm' } },
      check(ctx) {
        const i = ctx.doc.text.indexOf('"x"');
        if (i >= 0) ctx.report({ messageId: 'm', span: { offset: i, length: 3 }, fix: { safety: 'safe', title: 'append b', edits: [{ range: [i + 3, i + 3], text: ', "b": 1' }] } });
      },
    });
    const res = applyFixes(text, { ...OPTIONS, rules: [oneAPass, append] });
    assert.equal(res.output, '{"hooks": {}, "a": "y"}\n');
    assert.equal(res.fixed, 1);
  });
  it('a fix of two edits blocks a fix inside its span, up to its last edit', () => {
    const text = '{"hooks": {}, "list": ["p", "q", "r"]}\n';
    const at = (s: string) => text.indexOf(s);
    // Rewrites "p" and "r" in one fix; the other rewrites "q", "r" together while both are there.
    const outer = defineRule({
      meta: { id: 'test-outer', type: 'problem', severity: 'warning', section: 3, fixable: 'safe', description: 'test only', messages: { m: 'm' } },
      check(ctx) {
        if (ctx.doc.text.includes('"p"')) ctx.report({ messageId: 'm', span: { offset: at('"p"'), length: 3 }, fix: { safety: 'safe', title: 'P and R', edits: [{ range: [at('"p"'), at('"p"') + 3], text: '"P"' }, { range: [at('"r"'), at('"r"') + 3], text: '"R"' }] } });
      },
    });
    const inner = defineRule({
      meta: { id: 'test-inner', type: 'problem', severity: 'warning', section: 3, fixable: 'safe', description: 'test only', messages: { m: 'm' } },
      check(ctx) {
        const i = ctx.doc.text.indexOf('"q", "r"');
        if (i >= 0) ctx.report({ messageId: 'm', span: { offset: i, length: 8 }, fix: { safety: 'safe', title: 'qr', edits: [{ range: [i, i + 8], text: '"qr"' }] } });
      },
    });
    const res = applyFixes(text, { ...OPTIONS, rules: [outer, inner] });
    assert.equal(res.output, '{"hooks": {}, "list": ["P", "q", "R"]}\n');
    assert.equal(res.fixed, 1);
  });
  it('script edits are collected once (from the first pass), a fix of script edits only counts once, unsafe ones only with "unsafe"', () => {
    // The script rules report on every pass; oneAPass makes the run take three passes.
    const text = xs(2);
    const chmod: FileEdit = { kind: 'chmod-executable', path: '/p/scripts/gate.sh' };
    const lf: FileEdit = { kind: 'to-lf', path: '/p/scripts/crlf.sh' };
    const rules = [scriptFix('test-chmod', 'safe', chmod), scriptFix('test-lf', 'unsafe', lf), oneAPass];
    const safe = applyFixes(text, { ...OPTIONS, rules });
    assert.deepEqual(safe.fileEdits, [chmod]);
    assert.equal(safe.fixed, 1 + 2);
    assert.equal(safe.output, xs(2).replaceAll('"x"', '"y"'));
    const unsafe = applyFixes(text, { ...OPTIONS, rules }, 'unsafe');
    assert.deepEqual(unsafe.fileEdits, [chmod, lf]);
    assert.equal(unsafe.fixed, 2 + 2);
  });
  it('a fix with text and script edits: the script edit is collected once, the text fix counted once', () => {
    const text = '{"hooks": {}, "a": "x"}\n';
    const at = text.indexOf('"x"');
    const edit: FileEdit = { kind: 'rewrite-head', path: '/p/s.py', from: '#!/usr/bin/env python\n', to: '#!/usr/bin/env python3\n' };
    const both = defineRule({
      meta: { id: 'test-both', type: 'problem', severity: 'warning', section: 3, fixable: 'safe', description: 'test only', messages: { m: 'm' } },
      check(ctx) {
        const i = ctx.doc.text.indexOf('"x"');
        if (i >= 0) ctx.report({ messageId: 'm', span: { offset: i, length: 3 }, fix: { safety: 'safe', title: 'both', edits: [{ range: [at, at + 3], text: '"y"' }], fileEdits: [edit] } });
      },
    });
    const res = applyFixes(text, { ...OPTIONS, rules: [both] });
    assert.equal(res.output, '{"hooks": {}, "a": "y"}\n');
    assert.deepEqual(res.fileEdits, [edit]);
    assert.equal(res.fixed, 1);
  });
  it('an unsafe text fix applies only with "unsafe"; suggestions never', () => {
    const text = '{"hooks": {}, "a": "x"}\n';
    const unsafe = xToY('test-unsafe', 'unsafe');
    const suggesting = defineRule({
      meta: { id: 'test-suggest', type: 'suggestion', severity: 'warning', section: 3, fixable: 'suggest', description: 'test only', messages: { m: 'm' } },
      check(ctx) {
        ctx.report({ messageId: 'm', node: ctx.doc.root!, suggestions: [{ title: 'drop a', edits: [{ range: [12, 21], text: '' }] }] });
      },
    });
    const safeRun = applyFixes(text, { ...OPTIONS, rules: [unsafe, suggesting] });
    assert.equal(safeRun.output, text);
    assert.equal(safeRun.fixed, 0);
    assert.deepEqual(safeRun.diagnostics.map((d) => d.ruleId), ['test-suggest', 'test-unsafe']);
    const unsafeRun = applyFixes(text, { ...OPTIONS, rules: [unsafe, suggesting] }, 'unsafe');
    assert.equal(unsafeRun.output, '{"hooks": {}, "a": "y"}\n');
    assert.equal(unsafeRun.fixed, 1);
  });
  it('a text with a JSON syntax error: returned as it is, no fix counted, no script edit collected, its findings kept', () => {
    const text = '{"hooks": {}, "a": "x",, }\n';
    const chmod: FileEdit = { kind: 'chmod-executable', path: '/p/scripts/gate.sh' };
    const res = applyFixes(text, { ...OPTIONS, rules: [scriptFix('test-chmod', 'safe', chmod), oneAPass, rulesById.get('json-syntax')!] });
    assert.equal(res.output, text);
    assert.equal(res.fixed, 0);
    assert.deepEqual(res.fileEdits, []);
    assert.deepEqual(res.notApplied, []);
    assert.ok(res.diagnostics.some((d) => d.ruleId === 'json-syntax'));
    assert.ok(res.diagnostics.some((d) => d.ruleId === 'test-one-a-pass'), 'the other findings stay');
  });
});

describe('applyEdits', () => {
  it('applies edits given in any order, each on the original offsets (0-based, half-open), leaving the caller\'s array as it was', () => {
    const edits = [{ range: [4, 5] as [number, number], text: 'E' }, { range: [0, 0] as [number, number], text: '>' }, { range: [1, 3] as [number, number], text: '' }];
    const copy = structuredClone(edits);
    assert.equal(applyEdits('abcdef', edits), '>adEf');
    assert.deepEqual(edits, copy);
  });
  it('two insertions at one offset keep their order; an insertion before a replacement starting there comes first', () => {
    assert.equal(applyEdits('abc', [{ range: [1, 1], text: 'X' }, { range: [1, 1], text: 'Y' }]), 'aXYbc');
    assert.equal(applyEdits('abc', [{ range: [1, 2], text: 'B' }, { range: [1, 1], text: '+' }]), 'a+Bc');
  });
  it('edits that overlap throw a HooklintError', () => {
    assert.throws(() => applyEdits('abcdef', [{ range: [1, 4], text: '' }, { range: [3, 5], text: 'x' }]), (e) => e instanceof HooklintError && e.message === 'overlapping edits');
  });
  it('edits that touch (one ends where the next starts) do not overlap', () => {
    assert.equal(applyEdits('abcdef', [{ range: [1, 3], text: '1' }, { range: [3, 5], text: '2' }]), 'a12f');
  });
});
