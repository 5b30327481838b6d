import { findNodeAtLocation, getLocation, type JSONPath, type Node } from 'jsonc-parser';
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { catalog, EVENTS, HANDLER_TYPES, recommendedTimeout, type EventSpec, type HandlerType } from '../model/catalog.js';
import { explainEvent } from '../model/event-docs.js';
import { buildModel } from '../model/model.js';
import { findProperty, keyOf, parseDocument, properties, propertyValue, stringValue } from '../formats/parse.js';
import { isFrontmatterKind, type FileKind } from '../model/types.js';
import { fieldPage, handlerTypePage } from './docs.js';
import { frontmatterCompletionsAt } from './frontmatter-completion.js';

/** Options of a completion request: what the client can take. */
export interface CompletionOptions {
  /** The client takes snippets (`completionItem.snippetSupport`): keys come with a value placeholder. */
  snippets?: boolean;
}

/**
 * The handler fields worth offering on `event` in a file of `kind`, in catalog order: the
 * common fields and the type's own (none internal), without `if` where Claude Code does not
 * evaluate it (all but the tool events and PreSkillShellCommand, the catalog's `ifEvaluated`;
 * an unknown event gets no `if`) and without `once` where it is ignored (outside skill
 * frontmatter, the catalog's `frontmatter.onceHonouredIn`).
 */
export function handlerFields(type: string | undefined, event: EventSpec | undefined, kind: FileKind): string[] {
  const known = HANDLER_TYPES.includes(type as HandlerType);
  const fields = known
    ? Object.keys({ ...catalog.commonHandlerFields, ...catalog.handlerTypes[type as HandlerType].fields }).filter((f) => !catalog.handlerTypes[type as HandlerType].internalFields?.includes(f))
    : Object.keys(catalog.commonHandlerFields);
  return fields.filter((f) => (f !== 'if' || event?.ifEvaluated === true) && (f !== 'once' || (catalog.frontmatter.onceHonouredIn as readonly string[]).includes(kind)));
}

/** A field's JSON schema in the catalog (common or the type's own). */
function fieldSchema(field: string, type: string | undefined): { type?: string; enum?: unknown[] } | undefined {
  const own = HANDLER_TYPES.includes(type as HandlerType) ? (catalog.handlerTypes[type as HandlerType].fields as Record<string, unknown>)[field] : undefined;
  return (own ?? (catalog.commonHandlerFields as Record<string, unknown>)[field]) as { type?: string; enum?: unknown[] } | undefined;
}

/**
 * The value placeholder a key's completion inserts after `"key": ` (a snippet, JSON or YAML):
 * a choice of the handler types for `type`, the recommended timeout for `timeout`, a choice of
 * true/false for booleans, `"$1"` for strings, `[$1]`/`{$1}` for arrays and objects. `$`, `}`
 * and `\` in the choices are escaped.
 */
export function valueSnippet(field: string, type: string | undefined, event: EventSpec | undefined, yaml = false): string {
  const q = (v: string) => (yaml ? v : JSON.stringify(v));
  const esc = (v: string) => v.replace(/[$}\\|,]/g, (c) => `\\${c}`);
  if (field === 'type') return `\${1|${(event ? event.handlerTypes : HANDLER_TYPES).map((t) => esc(q(t))).join(',')}|}`;
  if (field === 'timeout') return `\${1:${event && HANDLER_TYPES.includes(type as HandlerType) ? recommendedTimeout(event, type as HandlerType) : event?.recommendedTimeout ?? 30}}`;
  if (field === 'matcher') return '"$1"';
  if (field === 'hooks') return yaml ? '\n  - type: ${1:command}' : '[$0]';
  const schema = fieldSchema(field, type);
  if (schema?.enum?.length) return `\${1|${schema.enum.map((v) => esc(typeof v === 'string' ? q(v) : String(v))).join(',')}|}`;
  if (schema?.type === 'boolean') return '${1|true,false|}';
  if (schema?.type === 'number' || schema?.type === 'integer') return '$1';
  if (schema?.type === 'array') return '[$1]';
  if (schema?.type === 'object') return '{$1}';
  return yaml ? '$1' : '"$1"';
}

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
export function completionsAt(doc: TextDocument, kind: FileKind, offset: number, options: CompletionOptions = {}): CompletionItem[] {
  // Skill and agent frontmatter is YAML: its own, line-based completion.
  if (isFrontmatterKind(kind)) return frontmatterCompletionsAt(doc, kind, offset, options);
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
  /**
   * A key's completion: with snippets, where no ":" follows yet, the whole key (quotes
   * included) becomes `"key": <value snippet>`; otherwise only the name is written.
   */
  const keyItem = (name: string, value: string): Pick<CompletionItem, 'textEdit' | 'insertTextFormat'> => {
    const node = loc.previousNode;
    const inKey = node && (node.type === 'string' || node.type === 'property') && offset > node.offset && offset <= node.offset + node.length;
    const after = inKey ? node.offset + node.length : offset;
    if (!options.snippets || /^\s*:/.test(text.slice(after, after + 200))) return { textEdit: edit(name) };
    const start = inKey ? node.offset : offset;
    return { textEdit: { range: { start: doc.positionAt(start), end: doc.positionAt(after) }, newText: `${JSON.stringify(name)}: ${value}` }, insertTextFormat: InsertTextFormat.Snippet };
  };
  const eventName = typeof rel[0] === 'string' ? rel[0] : undefined;
  const event = eventName ? EVENTS.get(eventName) : undefined;
  if (loc.isAtPropertyKey && rel.length === 1) {
    const present = new Set(model.events.map((e) => e.name));
    return catalog.events
      .filter((e) => !present.has(e.name) || e.name === eventName)
      .map((e, i) => ({ label: e.name, kind: CompletionItemKind.Event, detail: e.description, documentation: markdown(explainEvent(e.name)), sortText: String(i).padStart(3, '0'), ...keyItem(e.name, '[$0]') }));
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
  // A matcher only where the event has one (a group of another event needs just "hooks").
  const groupKeys = event && !event.matcher ? ['hooks'] : ['matcher', 'hooks'];
  if (isGroup) return groupKeys.filter((k) => !written.has(k)).map((k) => ({ label: k, kind: CompletionItemKind.Property, ...keyItem(k, valueSnippet(k, undefined, event)) }));
  const type = stringValue(propertyValue(object, 'type'));
  return handlerFields(type, event, kind)
    .filter((f) => !written.has(f))
    .map((f, i) => ({ label: f, kind: CompletionItemKind.Property, documentation: markdown(fieldPage(f, type, eventName)), sortText: String(i).padStart(3, '0'), ...keyItem(f, valueSnippet(f, type, event)) }));
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
