import type { TreeNode as Node } from '../formats/parse.js';
import { explainEvent } from '../model/event-docs.js';
import { buildModel } from '../model/model.js';
import { findProperty, keyOf, parseDocument, properties } from '../formats/parse.js';
import { parseMarkdownDocument } from '../formats/frontmatter.js';
import { isFrontmatterKind, type FileKind } from '../model/types.js';
import { fieldPage, handlerTypePage, matcherPage } from './docs.js';

/** What a hover shows: Markdown, and the span it is about (0-based UTF-16 offset and length into the text). */
export interface HoverInfo {
  markdown: string;
  offset: number;
  length: number;
}

/** True when the 0-based `offset` falls on one of `node`'s characters. */
function on(node: Node | undefined, offset: number): node is Node {
  return node !== undefined && offset >= node.offset && offset < node.offset + node.length;
}

/**
 * The hover at a 0-based UTF-16 `offset` of a hook config of `kind`, read the
 * way the linter reads it (the hook model): an event name gives its
 * `hooklint explain` page, a handler's `"type"` value the handler type's page,
 * a handler's key that field's page (with what holds for this handler's type
 * and event), a group's `matcher` how matchers work and what this event's
 * filters on. On an event name, `othersOf` (the server's, from the effective hook set)
 * may add a line on the handlers other sources add to that event. Undefined anywhere else (and for unknown event names, which
 * `unknown-event` reports).
 */
export function hoverAt(text: string, kind: FileKind, offset: number, othersOf?: (event: string) => string | undefined): HoverInfo | undefined {
  // Skills and agents: the tree of their frontmatter, with offsets into the whole file.
  const model = buildModel(kind, (isFrontmatterKind(kind) ? parseMarkdownDocument(text) : parseDocument(text)).root);
  const at = (node: Node, markdown: string | undefined) => (markdown === undefined ? undefined : { markdown, offset: node.offset, length: node.length });
  for (const h of model.handlers) {
    if (!on(h.node, offset)) continue;
    for (const p of properties(h.node)) {
      const [key, value] = p.children ?? [];
      if (on(key, offset)) return at(key, fieldPage(keyOf(p), h.type, h.event.name));
      if (keyOf(p) === 'type' && value?.type === 'string' && on(value, offset)) return at(value, handlerTypePage(value.value as string));
    }
  }
  for (const e of model.events) {
    if (on(e.keyNode, offset)) {
      const page = explainEvent(e.runsAs ?? e.name);
      const others = page === undefined ? undefined : othersOf?.(e.runsAs ?? e.name);
      return at(e.keyNode, page === undefined || others === undefined ? page : `${others}\n\n---\n\n${page}`);
    }
    for (const g of e.groups) {
      if (g.flat || !on(g.node, offset)) continue;
      const matcher = findProperty(g.node, 'matcher');
      if (matcher && on(matcher, offset)) return at(matcher, matcherPage(e.name));
    }
  }
  return undefined;
}

/**
 * The hover line on what other sources add to an event (`hooklint hooks`'s effective
 * set, counted by `otherSourcesOf`): `Other sources add 3 handlers to PreToolUse that
 * load: managed 1, user 2`, or that none does.
 */
export function othersLine(event: string, counts: ReadonlyMap<string, number>): string {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return `**No other source adds a handler to ${event}** (managed, user, project and local settings, enabled plugins, skills, agents: \`hooklint hooks --event ${event}\`).`;
  return `**Other sources add ${total} ${total === 1 ? 'handler' : 'handlers'} to ${event}** that ${total === 1 ? 'loads' : 'load'}: ${[...counts].map(([label, n]) => `${label} ${n}`).join(', ')} (\`hooklint hooks --event ${event}\` says which fire).`;
}
