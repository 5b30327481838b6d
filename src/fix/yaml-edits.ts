import type { TreeNode as Node } from '../formats/parse.js';
import { stringOffsets, yamlStyles, type Span } from '../formats/parse.js';
import type { Fix, Suggestion, TextEdit } from '../model/types.js';
import { detectEol, lineEndOf, lineStartOf, nextLineStart } from './lines.js';

/**
 * Edits of YAML frontmatter that keep the file's own layout (issue "Hooks in
 * skill and agent frontmatter" §3): a key goes on a line of its own at its
 * siblings' indentation, a removed key or sequence item takes its whole lines,
 * flow collections (`{...}`, `[...]`) get flow syntax, and nothing else of the
 * file moves (comments on other lines, the Markdown body, line endings). The
 * nodes are the YAML front end's (`formats/frontmatter.ts`); offsets are 0-based
 * into the whole file. `fix/edits.ts` calls these for YAML nodes.
 */

/** Edits these builders made: already YAML, kept as they are by `yamlFix`. */
const built = new WeakSet<TextEdit>();
function yamlEdit(edit: TextEdit): TextEdit {
  built.add(edit);
  return edit;
}

/** The last offset of a node's own text (a block scalar's range may end on the next line). */
function lastCharOf(text: string, node: Node): number {
  let i = node.offset + Math.max(node.length, 1) - 1;
  while (i > node.offset && (text[i] === '\n' || text[i] === '\r')) i--;
  return i;
}

function isFlow(text: string, node: Node): boolean {
  return text[node.offset] === '{' || text[node.offset] === '[';
}

/** Where a YAML key (a plain or quoted scalar) can be written plainly, else JSON-quoted (a valid YAML double-quoted scalar). */
function yamlKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : JSON.stringify(key);
}

/**
 * Insert `key: <valueText>` as the last entry of a mapping. `valueText` is JSON
 * (a number, string, boolean or null: all valid YAML scalars). Block mappings
 * get a new line at the indentation of their first key; flow mappings `, key: v`.
 */
export function yamlInsertProperty(text: string, obj: Node, key: string, valueText: string): TextEdit[] {
  const props = obj.children ?? [];
  const member = `${yamlKey(key)}: ${valueText}`;
  if (isFlow(text, obj)) {
    const close = obj.offset + obj.length - 1;
    if (props.length === 0) return [yamlEdit({ range: [obj.offset + 1, close], text: ` ${member} ` })];
    const last = props[props.length - 1]!;
    const end = last.offset + last.length;
    return [yamlEdit({ range: [end, end], text: `, ${member}` })];
  }
  const first = props[0]!;
  const indent = first.offset - lineStartOf(text, first.offset);
  const last = props[props.length - 1]!;
  const at = lineEndOf(text, lastCharOf(text, last));
  return [yamlEdit({ range: [at, at], text: `${detectEol(text)}${' '.repeat(indent)}${member}` })];
}

/**
 * Remove one entry of a mapping. In a block mapping its lines go; when the key
 * shares its line with a sequence dash (`- type: command`), the text from the
 * key to the next key goes instead, so the dash stays with the next key. The
 * only entry of a mapping becomes `{}`.
 */
export function yamlRemoveProperty(text: string, obj: Node, prop: Node): TextEdit {
  const props = obj.children ?? [];
  const i = props.indexOf(prop);
  const last = lastCharOf(text, prop);
  if (props.length === 1) return yamlEdit({ range: [prop.offset, last + 1], text: '{}' });
  if (isFlow(text, obj)) {
    // `{a: 1, b: 2}`: the entry and the comma after it, or before it for the last one.
    if (i < props.length - 1) return yamlEdit({ range: [prop.offset, props[i + 1]!.offset], text: '' });
    const prev = props[i - 1]!;
    return yamlEdit({ range: [prev.offset + prev.length, prop.offset + prop.length], text: '' });
  }
  const start = lineStartOf(text, prop.offset);
  const before = text.slice(start, prop.offset);
  if (/-\s*$/.test(before) && i < props.length - 1) return yamlEdit({ range: [prop.offset, props[i + 1]!.offset], text: '' });
  return yamlEdit({ range: [start, nextLineStart(text, last)], text: '' });
}

/** Remove one item of a sequence: its `- ` lines in a block sequence, the item and a comma in a flow one; the only item leaves `[]`. */
export function yamlRemoveArrayItem(text: string, arr: Node, index: number): TextEdit {
  const items = arr.children ?? [];
  const item = items[index]!;
  const last = lastCharOf(text, item);
  if (items.length === 1) return yamlEdit({ range: [isFlow(text, arr) ? arr.offset : lineStartOf(text, item.offset) + (text.slice(lineStartOf(text, item.offset), item.offset).search(/-/)), last + 1], text: '[]' });
  if (isFlow(text, arr)) {
    if (index < items.length - 1) return yamlEdit({ range: [item.offset, items[index + 1]!.offset], text: '' });
    const prev = items[index - 1]!;
    return yamlEdit({ range: [prev.offset + prev.length, item.offset + item.length], text: '' });
  }
  return yamlEdit({ range: [lineStartOf(text, item.offset), nextLineStart(text, last)], text: '' });
}

/** True when `v` can be written as a plain YAML scalar that reads back as the same string. */
function plainSafe(v: string): boolean {
  if (v === '' || v !== v.trim() || /[\x00-\x1f\x7f]/.test(v)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(v) || /: |\s#|:$/.test(v)) return false;
  // Not read back as a boolean, null or number.
  return !/^(?:true|false|yes|no|on|off|null|~|[-+]?(?:\d|\.\d|\.inf|\.nan)|0[xo])/i.test(v);
}

/** A string in a YAML scalar style: the node's own when it can hold the value, else double-quoted (JSON's string syntax is YAML's). */
function renderScalar(value: string, style: 'plain' | 'single' | 'double' | 'block'): string {
  if (style === 'plain' && plainSafe(value)) return value;
  if (style === 'single' && !/[\r\n]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  return JSON.stringify(value);
}

/** The deepest node of `root` whose text holds `[from, to)`. */
function nodeAround(root: Node | undefined, from: number, to: number): Node | undefined {
  if (!root || from < root.offset || to > root.offset + root.length) return undefined;
  for (const c of root.children ?? []) {
    const hit = nodeAround(c, from, to);
    if (hit) return hit;
  }
  return root;
}

/**
 * The edits of a fix or suggestion, rewritten for YAML frontmatter, or
 * undefined when they cannot be written there (the finding then keeps no fix).
 * Rules build edits for JSON: edits from the YAML builders above are kept;
 * edits of a number, boolean or null scalar are kept (a JSON scalar is a YAML
 * one); edits of a string (the whole of it, or inside it, where the inserted
 * text is JSON-escaped) become one replacement of that string, written in its
 * own style (plain, single- or double-quoted) when that style can hold the new
 * value, else double-quoted. Anything else (an object or array rewritten as
 * JSON text, an edit inside a block scalar or a scalar over several lines) does
 * not fit, nor does an edit at an alias (`aliases`: a copy's nodes sit there).
 * Offsets are 0-based into the whole file.
 */
export function yamlEdits(text: string, root: Node | undefined, edits: readonly TextEdit[], aliases: readonly Span[] = []): TextEdit[] | undefined {
  // An edit at an alias would change the alias, not the copy it stands for.
  if (edits.some((e) => aliases.some((a) => e.range[1] >= a.offset && e.range[0] <= a.offset + a.length))) return undefined;
  const out: TextEdit[] = [];
  const byString = new Map<Node, TextEdit[]>();
  for (const e of edits) {
    if (built.has(e)) {
      out.push(e);
      continue;
    }
    const node = nodeAround(root, e.range[0], e.range[1]);
    if (!node) return undefined;
    if (node.type === 'string' && yamlStyles.has(node)) {
      const list = byString.get(node) ?? [];
      list.push(e);
      byString.set(node, list);
    } else if ((node.type === 'number' || node.type === 'boolean' || node.type === 'null') && e.range[0] === node.offset && e.range[1] === node.offset + node.length) {
      out.push(e);
    } else return undefined;
  }
  for (const [node, list] of byString) {
    const value = String(node.value);
    const end = node.offset + node.length;
    let next = value;
    const whole = list.find((e) => e.range[0] === node.offset && e.range[1] === end);
    if (whole) {
      if (list.length > 1) return undefined;
      let parsed: unknown;
      try {
        parsed = JSON.parse(whole.text);
      } catch {
        return undefined;
      }
      if (typeof parsed !== 'string') {
        out.push(whole);
        continue;
      }
      next = parsed;
    } else {
      const at = stringOffsets(text, node);
      if (!at) return undefined;
      const index = (offset: number): number | undefined => {
        for (let i = 0; i <= value.length; i++) if (at(i) === offset) return i;
        return undefined;
      };
      // Last first, so earlier indices stay valid.
      for (const e of [...list].sort((a, b) => b.range[0] - a.range[0])) {
        const i = index(e.range[0]);
        const j = index(e.range[1]);
        if (i === undefined || j === undefined) return undefined;
        let literal: unknown;
        try {
          literal = JSON.parse(`"${e.text}"`);
        } catch {
          return undefined;
        }
        next = next.slice(0, i) + String(literal) + next.slice(j);
      }
    }
    out.push({ range: [node.offset, end], text: renderScalar(next, yamlStyles.get(node)!) });
  }
  return out.sort((a, b) => a.range[0] - b.range[0]);
}

/** `yamlEdits` for a fix: the fix with its edits rewritten, or undefined when they do not fit YAML. Script edits (`fileEdits`) are kept. */
export function yamlFix(text: string, root: Node | undefined, fix: Fix, aliases?: readonly Span[]): Fix | undefined {
  if (fix.edits.length === 0) return fix;
  const edits = yamlEdits(text, root, fix.edits, aliases);
  return edits ? { ...fix, edits } : undefined;
}

/** `yamlEdits` for suggestions: those that fit, rewritten. */
export function yamlSuggestions(text: string, root: Node | undefined, suggestions: readonly Suggestion[], aliases?: readonly Span[]): Suggestion[] {
  const out: Suggestion[] = [];
  for (const s of suggestions) {
    const edits = yamlEdits(text, root, s.edits, aliases);
    if (edits) out.push({ ...s, edits });
  }
  return out;
}
