import { findNodeAtLocation, getLocation, type JSONPath, type Node } from 'jsonc-parser';
import { CompletionItemKind, MarkupKind, type CompletionItem } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { catalog, EVENTS, HANDLER_TYPES, type EventSpec, type HandlerType } from '../model/catalog.js';
import { explainEvent } from '../model/event-docs.js';
import { buildModel } from '../model/model.js';
import { findProperty, keyOf, parseDocument, properties, propertyValue, stringValue } from '../formats/parse.js';
import { isFrontmatterKind, type FileKind } from '../model/types.js';
import { fieldPage, handlerTypePage } from './docs.js';

/** A replacement of the text between two 0-based UTF-16 offsets. */
interface Replace {
  start: number;
  end: number;
}

/**
 * Where a completion goes: inside the string token under the cursor (its
 * contents, without the quotes), or at the cursor with quotes added when
 * there is no string yet.
 */
function stringSlot(text: string, node: Node | undefined, offset: number): { range: Replace; quote: boolean } {
  if (node && (node.type === 'string' || node.type === 'property') && offset > node.offset && offset <= node.offset + node.length) {
    const closed = node.length >= 2 && text[node.offset + node.length - 1] === '"';
    return { range: { start: node.offset + 1, end: node.offset + node.length - (closed ? 1 : 0) }, quote: false };
  }
  return { range: { start: offset, end: offset }, quote: true };
}

/** True when `path` starts with `prefix` (same keys and indices). */
function startsWith(path: JSONPath, prefix: JSONPath): boolean {
  return prefix.every((p, i) => path[i] === p);
}

/**
 * Completions at a 0-based `offset` of a hook config of `kind`: event names as
 * keys of the event map; handler types as the value of a handler's `"type"`
 * (the types the event runs, when the event is known); matcher values (the
 * event's known values: tool names on tool events) as the value of a group's
 * `"matcher"`, one `|`/`,`-separated name at a time; a handler's field names
 * (of its type, those not written yet) and a group's keys as keys. Works on
 * text that does not parse yet (jsonc-parser's tolerant location). Empty
 * anywhere else.
 */
export function completionsAt(doc: TextDocument, kind: FileKind, offset: number): CompletionItem[] {
  // Completion writes JSON; in skill and agent frontmatter (YAML) it offers nothing yet.
  if (isFrontmatterKind(kind)) return [];
  const text = doc.getText();
  const parsed = parseDocument(text);
  const model = buildModel(kind, parsed.root);
  const mapPath = model.eventMap ? model.eventMapPath : ['hooks'];
  const loc = getLocation(text, offset);
  const path = loc.path;
  if (!startsWith(path, mapPath)) return [];
  const rel = path.slice(mapPath.length);
  const slot = stringSlot(text, loc.previousNode, offset);
  const edit = (newText: string) => ({
    range: { start: doc.positionAt(slot.range.start), end: doc.positionAt(slot.range.end) },
    newText: slot.quote ? JSON.stringify(newText) : newText,
  });
  const markdown = (value: string | undefined) => (value === undefined ? undefined : { kind: MarkupKind.Markdown, value });
  const eventName = typeof rel[0] === 'string' ? rel[0] : undefined;
  const event = eventName ? EVENTS.get(eventName) : undefined;
  if (loc.isAtPropertyKey && rel.length === 1) {
    const present = new Set(model.events.map((e) => e.name));
    return catalog.events
      .filter((e) => !present.has(e.name) || e.name === eventName)
      .map((e, i) => ({ label: e.name, kind: CompletionItemKind.Event, detail: e.description, documentation: markdown(explainEvent(e.name)), sortText: String(i).padStart(3, '0'), textEdit: edit(e.name) }));
  }
  if (typeof rel[1] !== 'number') return [];
  const last = rel[rel.length - 1];
  if (!loc.isAtPropertyKey && rel.length === 3 && last === 'matcher') return matcherCompletions(doc, text, event, slot, offset);
  // The object the cursor is in: a handler ([event, group, "hooks", handler, key]) or a group or flat handler ([event, group, key]).
  const inHandlers = rel.length === 5 && rel[2] === 'hooks' && typeof rel[3] === 'number';
  if ((!inHandlers && rel.length !== 3) || typeof last !== 'string') return [];
  const object = parsed.root ? findNodeAtLocation(parsed.root, path.slice(0, -1)) : undefined;
  const isGroup = !inHandlers && !(findProperty(object, 'type') || findProperty(object, 'command'));
  if (!loc.isAtPropertyKey) {
    if (last !== 'type' || isGroup) return [];
    const types = event ? event.handlerTypes : HANDLER_TYPES;
    return types.map((t, i) => ({ label: t, kind: CompletionItemKind.EnumMember, detail: 'handler type', documentation: markdown(handlerTypePage(t)), sortText: String(i).padStart(3, '0'), textEdit: edit(t) }));
  }
  const written = new Set(properties(object).map(keyOf));
  written.delete(last);
  if (isGroup) return ['matcher', 'hooks'].filter((k) => !written.has(k)).map((k) => ({ label: k, kind: CompletionItemKind.Property, textEdit: edit(k) }));
  const type = stringValue(propertyValue(object, 'type'));
  const fields = HANDLER_TYPES.includes(type as HandlerType)
    ? Object.keys({ ...catalog.commonHandlerFields, ...catalog.handlerTypes[type as HandlerType].fields }).filter((f) => !catalog.handlerTypes[type as HandlerType].internalFields?.includes(f))
    : Object.keys(catalog.commonHandlerFields);
  return fields
    .filter((f) => !written.has(f))
    .map((f, i) => ({ label: f, kind: CompletionItemKind.Property, documentation: markdown(fieldPage(f, type, eventName)), sortText: String(i).padStart(3, '0'), textEdit: edit(f) }));
}

/**
 * The event's known matcher values (tool names on tool events) for the
 * matcher string under the cursor: in an exact list (`"Edit|Wr"`) only the
 * name under the cursor is replaced, from the separator before it to the one
 * after. Empty for an unknown event or one without matcher support.
 */
function matcherCompletions(doc: TextDocument, text: string, event: EventSpec | undefined, slot: { range: Replace; quote: boolean }, offset: number): CompletionItem[] {
  const values = event?.matcher?.knownValues ?? [];
  let range = slot.range;
  if (!slot.quote) {
    const inner = text.slice(slot.range.start, slot.range.end);
    const cursor = offset - slot.range.start;
    const before = Math.max(inner.lastIndexOf('|', cursor - 1), inner.lastIndexOf(',', cursor - 1)) + 1;
    const next = [inner.indexOf('|', cursor), inner.indexOf(',', cursor)].filter((i) => i >= 0);
    const after = next.length ? Math.min(...next) : inner.length;
    const lead = /^\s*/.exec(inner.slice(before))![0].length;
    range = { start: slot.range.start + Math.min(before + lead, after), end: slot.range.start + after };
  }
  return values.map((v, i) => ({
    label: v,
    kind: CompletionItemKind.EnumMember,
    detail: `${event!.name} matcher: ${event!.matcher!.field}`,
    sortText: String(i).padStart(3, '0'),
    textEdit: { range: { start: doc.positionAt(range.start), end: doc.positionAt(range.end) }, newText: slot.quote ? JSON.stringify(v) : v },
  }));
}
