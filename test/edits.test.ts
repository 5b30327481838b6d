/**
 * The edit builders of src/fix/edits.ts called directly, on the layouts the
 * rules' fixtures never produce: empty objects, colon and comma spacing with
 * tabs or two spaces, comments after the last property, comma-first leads,
 * removing the only member, and the helpers' line and indentation answers
 * (offsets 0-based). test/fix-layout.test.ts covers the common layouts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTree, type Node } from 'jsonc-parser';
import { detectEol, detectIndentUnit, indentAt, insertProperty, lineStartOf, reindent, removeArrayItem, removeProperty, replaceNode } from '../src/fix/edits.js';
import { applyEdits } from '../src/lint/fix.js';

/** The node at `path` (object keys, array indices) of `text`. */
function nodeAt(text: string, path: (string | number)[]): Node {
  let n = parseTree(text, [], { allowTrailingComma: true })!;
  for (const p of path) n = typeof p === 'number' ? n.children![p]! : n.children!.find((c) => c.children![0]!.value === p)!.children![1]!;
  return n;
}

/** `text` with `"z": 9` appended to the object at `path`, or undefined when insertProperty declines. */
function inserted(text: string, path: (string | number)[] = []): string | undefined {
  const edits = insertProperty(text, nodeAt(text, path), 'z', '9');
  return edits && applyEdits(text, edits);
}

/** `text` without member `index` of the container at `path`. */
function removed(text: string, index: number, path: (string | number)[] = []): string {
  const n = nodeAt(text, path);
  return applyEdits(text, [n.type === 'object' ? removeProperty(text, n, n.children![index]!) : removeArrayItem(text, n, index)]);
}

describe('insertProperty', () => {
  const cases: [what: string, text: string, want: string, path?: (string | number)[]][] = [
    ['into {}', '{}', '{ "z": 9 }'],
    ['into { }', '{ }', '{ "z": 9 }'],
    ['into an empty multi-line object: its own line, one unit deeper than the brace', '{\n  "a": {\n  }\n}', '{\n  "a": {\n    "z": 9\n  }\n}', ['a']],
    ['into an empty one-line object inside a tab-indented file', '{\n\t"a": {}\n}', '{\n\t"a": { "z": 9 }\n}', ['a']],
    ['after the only property, one line', '{"a": 1}', '{"a": 1, "z": 9}'],
    ['the colon as the first property writes it: a tab', '{"a":\t1}', '{"a":\t1, "z":\t9}'],
    ['the colon as the first property writes it: two spaces', '{"a":  1}', '{"a":  1, "z":  9}'],
    ['a comment after the colon is not copied', '{"a": /* c */ 1}', '{"a": /* c */ 1, "z": 9}'],
    ['the separator before the last property: a tab after the comma', '{"a": 1 ,\t"b": 2}', '{"a": 1 ,\t"b": 2,\t"z": 9}'],
    ['a comment in the separator is not copied', '{"a": 1, /* c */ "b": 2}', '{"a": 1, /* c */ "b": 2, "z": 9}'],
    ['after a line comment ending the last line (two spaces before it)', '{\n  "a": 1,\n  "b": 2  // about b\n}', '{\n  "a": 1,\n  "b": 2,  // about b\n  "z": 9\n}'],
    ['after a block comment ending the last line', '{\n  "a": 1,\n  "b": 2 /* about b */\n}', '{\n  "a": 1,\n  "b": 2, /* about b */\n  "z": 9\n}'],
    ['after a block comment and spaces ending the last line', '{\n  "a": 1,\n  "b": 2 /* b */  \n}', '{\n  "a": 1,\n  "b": 2, /* b */  \n  "z": 9\n}'],
    ['a block comment followed by the closing brace: the new line goes before the comment', '{\n  "a": 1,\n  "b": 2 /* b */ }', '{\n  "a": 1,\n  "b": 2,\n  "z": 9 /* b */ }'],
    ['comma-first with a tab after the comma', '{\n  "a": 1\n  ,\t"b": 2\n}', '{\n  "a": 1\n  ,\t"b": 2\n  ,\t"z": 9\n}'],
    ['comma-first with two spaces after the comma', '{\n  "a": 1\n  ,  "b": 2\n}', '{\n  "a": 1\n  ,  "b": 2\n  ,  "z": 9\n}'],
  ];
  for (const [what, text, want, path] of cases) it(what, () => assert.equal(inserted(text, path), want));
  it('declines an object whose last property has a trailing comma (the comma is fixed first)', () => {
    assert.equal(inserted('{\n  "a": 1,\n}'), undefined);
    assert.equal(inserted('{"a": 1, }'), undefined);
  });
});

describe('removeProperty and removeArrayItem: the only member', () => {
  it('a one-line object becomes {}', () => assert.equal(removed('{ "a": 1 }', 0), '{}'));
  it('a multi-line object keeps its closing brace on its own line, at the opening line\'s indent', () => {
    assert.equal(removed('{\n  "a": 1\n}', 0), '{\n}');
    assert.equal(removed('{\n  "x": {\n    "a": 1\n  }\n}', 0, ['x']), '{\n  "x": {\n  }\n}');
  });
  it('a multi-line array becomes []', () => assert.equal(removed('[\n  1\n]', 0), '[]'));
  it('the last element before a trailing comma goes with the comma before it', () => assert.equal(removed('[1, 2,]', 1), '[1,]'));
});

describe('removeArrayItem and removeProperty mid-line: which spaces and commas go', () => {
  const cases: [text: string, index: number, want: string][] = [
    ['[1  , 2 ]', 1, '[1 ]'],
    ['[1 ,2]', 1, '[1 ]'],
    ['[1 , 2]', 0, '[2]'],
    ['[1, 2]', 1, '[1]'],
    ['[1, 2 ,3]', 1, '[1, 3]'],
    ['[1 /* c */, 2]', 0, '[ /* c */2]'],
    ['[1, /* c */ 2]', 1, '[1 /* c */ ]'],
    ['[1 /* c */ , 2 ]', 0, '[ /* c */ 2 ]'],
    ['[ 1 , /* c */ 2 ]', 1, '[ 1 /* c */ ]'],
    ['{ "a": 1 , "b": 2 }', 1, '{ "a": 1 }'],
    ['[\n  1,\n  2\n]', 1, '[\n  1\n]'],
    ['[\n  1\n  , 2\n]', 1, '[\n  1\n]'],
  ];
  for (const [text, index, want] of cases) it(`${JSON.stringify(text)} without member ${index}`, () => assert.equal(removed(text, index), want));
});

describe('insertProperty after one property or a comma-first one without a space', () => {
  const cases: [text: string, want: string][] = [
    ['{\n  "a": 1\n}', '{\n  "a": 1,\n  "z": 9\n}'],
    ['{\n  "a": 1 // c\n}', '{\n  "a": 1, // c\n  "z": 9\n}'],
    ['{\n  "a": 1, "b": 2\n}', '{\n  "a": 1, "b": 2,\n  "z": 9\n}'],
    ['{\n  "a": 1\n  ,"b": 2\n}', '{\n  "a": 1\n  ,"b": 2\n  ,"z": 9\n}'],
  ];
  for (const [text, want] of cases) it(JSON.stringify(text), () => assert.equal(inserted(text), want));
});

describe('line and indentation helpers', () => {
  it('detectEol: the first line break of the file, \\n when there is none', () => {
    assert.equal(detectEol('\r\nabc'), '\r\n');
    assert.equal(detectEol('a\rb'), '\r');
    assert.equal(detectEol('a\r\nb\nc'), '\r\n');
    assert.equal(detectEol('a\nb\r\nc'), '\n');
    assert.equal(detectEol('ab'), '\n');
  });
  it('detectIndentUnit: the least-indented indented line, the first of equals; two spaces when nothing is indented', () => {
    assert.equal(detectIndentUnit('\t{\n}'), '\t', 'the first line counts');
    assert.equal(detectIndentUnit('{\n    a\n}'), '    ');
    assert.equal(detectIndentUnit('{\n    a\n  b\n}'), '  ', 'a later, smaller indent wins');
    assert.equal(detectIndentUnit('{\n\t\ta\n  b\n}'), '\t\t', 'of two as long, the first');
    assert.equal(detectIndentUnit('{\n \tx\n}'), ' \t');
    assert.equal(detectIndentUnit('{}'), '  ');
  });
  it('lineStartOf: after the last \\n, \\r\\n or \\r before the offset; 0 on the first line', () => {
    assert.equal(lineStartOf('\nabc', 0), 0);
    assert.equal(lineStartOf('a\rbc', 3), 2);
    assert.equal(lineStartOf('a\r\nbc', 4), 3);
    assert.equal(lineStartOf('ab\rcd', 2), 0, 'a line break at the offset itself is not before it');
    assert.equal(lineStartOf('ab\ncd', 5), 3);
  });
  it('indentAt: the spaces and tabs starting the line, up to the offset', () => {
    assert.equal(indentAt('x\n \t y', 5), ' \t ');
    assert.equal(indentAt('x\n  y', 3), ' ');
  });
  it('reindent: every line after the first gets the extra indent, empty lines none', () => {
    assert.equal(reindent('a\nb\r\nc\n\nd', '  '), 'a\n  b\r\n  c\n\n  d');
  });
  it('replaceNode: the node\'s whole range', () => {
    const text = '{"a": "x"}';
    assert.deepEqual(replaceNode(nodeAt(text, ['a']), '"y"'), { range: [6, 9], text: '"y"' });
  });
});
