import type { TreeNode as Node, Span } from '../formats/parse.js';
import { keyOf, properties } from '../formats/parse.js';
import type { Fix, TextEdit } from '../model/types.js';

/**
 * The fix engine's guarantees that hold whatever a rule's fix does
 * (issue 23 items 1 and 2; STYLE-ANCHORS.md §2 "Fixes"):
 *
 * - a safe fix never deletes a comment: a fix one of whose edits deletes or
 *   rewrites a JSONC or YAML comment (its text is not kept, as written, in
 *   the edit's new text) is downgraded to unsafe, and its title says so;
 * - no fix deletes or renames a key that has a duplicate in its object: with
 *   `"Stop": [...], "Stop": []` Claude Code runs only the later key's hooks,
 *   so removing either one changes which hooks run. Such a fix is dropped
 *   (`no-duplicate-keys` reports the duplicate with its own advice).
 *
 * A fix that would write a key twice is refused by `applyFixes` itself (it
 * counts `duplicateKeyNodes` before and after), so a rename onto an existing
 * sibling never applies, in JSON or in YAML (which refuses repeated keys).
 * All offsets are 0-based UTF-16 indices into the linted text.
 */

/** What `guardFix` needs of a document, each computed on first use (most fixes insert and never ask). */
export interface GuardInput {
  text: string;
  /** The document's comments (JSONC `//` and block comments, or the frontmatter's `#` comments). */
  comments: () => readonly Span[];
  /** The root of the document's tree, for its duplicate keys. */
  root: Node | undefined;
}

/** Title suffix of a fix downgraded because it deletes a comment. */
export const DELETES_COMMENT = ' (deletes a comment)';

/**
 * The fix as `lintText` attaches it to a diagnostic: `fix` itself, the same
 * fix made unsafe (title suffixed `DELETES_COMMENT`) when it is safe and
 * deletes a comment, or undefined when it deletes or renames a duplicated key.
 * Script edits (`fileEdits`) are not judged here. `cache` holds the
 * duplicated key nodes between calls on one document (pass the same object).
 */
export function guardFix(fix: Fix, doc: GuardInput, cache: { duplicated?: ReadonlySet<Node> }): Fix | undefined {
  const deleting = fix.edits.filter((e) => e.range[1] > e.range[0]);
  if (deleting.length > 0) {
    cache.duplicated ??= new Set(duplicateKeyNodes(doc.root));
    if (cache.duplicated.size > 0 && deleting.some((e) => dropsDuplicatedKey(doc.text, e, cache.duplicated!))) return undefined;
  }
  if (fix.safety === 'safe' && fix.edits.length > 0) {
    const comments = doc.comments();
    if (comments.length > 0 && fix.edits.some((e) => deletesComment(doc.text, e, comments))) return { ...fix, safety: 'unsafe', title: fix.title + DELETES_COMMENT };
  }
  return fix;
}

/**
 * True when edit `e` loses a comment: one it overlaps (or inserts into) that is
 * not kept whole, in order, in its new text. `comments` are sorted by offset
 * and do not overlap: a binary search finds the first that ends after the
 * edit starts, so a fix run over many comments stays linear.
 */
export function deletesComment(text: string, e: TextEdit, comments: readonly Span[]): boolean {
  const [from, to] = e.range;
  let lo = 0;
  let hi = comments.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (comments[mid]!.offset + comments[mid]!.length <= from) lo = mid + 1;
    else hi = mid;
  }
  let at = 0;
  for (let i = lo; i < comments.length; i++) {
    const c = comments[i]!;
    const end = c.offset + c.length;
    // An insertion strictly inside a comment changes its text.
    if (from === to) return c.offset < from && from < end;
    if (c.offset >= to) break;
    if (c.offset < from || end > to) return true;
    const j = e.text.indexOf(text.slice(c.offset, end), at);
    if (j < 0) return true;
    at = j + c.length;
  }
  return false;
}

/** True when edit `e` deletes or renames one of the `duplicated` keys (the key's text does not reappear in the new text). */
function dropsDuplicatedKey(text: string, e: TextEdit, duplicated: ReadonlySet<Node>): boolean {
  const [from, to] = e.range;
  for (const k of duplicated) if (k.offset < to && k.offset + k.length > from && !e.text.includes(text.slice(k.offset, k.offset + k.length))) return true;
  return false;
}

/**
 * The key nodes (a property's first child) of every object in the tree whose
 * key another property of the same object also has, in no particular order.
 * Iterative (a deep tree does not exhaust the stack); linear in the tree.
 */
export function duplicateKeyNodes(root: Node | undefined): Node[] {
  const out: Node[] = [];
  const stack: Node[] = root ? [root] : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'object') {
      const props = properties(node);
      if (props.length > 1 && props.length <= 16) {
        // Most objects are small (a handler, a group): compare pairwise, allocating nothing.
        for (let i = 0; i < props.length; i++) {
          const k = keyOf(props[i]!);
          for (let j = 0; j < props.length; j++)
            if (j !== i && keyOf(props[j]!) === k) {
              out.push(props[i]!.children![0]!);
              break;
            }
        }
      } else if (props.length > 16) {
        const byKey = new Map<string, Node[]>();
        for (const p of props) {
          const k = keyOf(p);
          const list = byKey.get(k);
          if (list) list.push(p);
          else byKey.set(k, [p]);
        }
        for (const list of byKey.values()) if (list.length > 1) for (const p of list) out.push(p.children![0]!);
      }
    }
    for (const c of node.children ?? []) stack.push(c);
  }
  return out;
}
