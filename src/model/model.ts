import type { TreePath as JSONPath, TreeNode as Node } from '../formats/parse.js';
import { catalog, EVENTS, EVENT_NAMES, type EventSpec } from './catalog.js';
import { findProperty, keyOf, properties, propertyValue, stringValue } from '../formats/parse.js';
import type { FileKind } from './types.js';

/**
 * A typed view of the hooks in one file (SPEC.md §0): event → matcher group →
 * handler, each with its jsonc-parser node so rules can report exact positions.
 * Built from whatever parsed; shapes that are wrong are skipped here (the
 * `schema` rule reports them).
 */
export interface HookModel {
  kind: FileKind;
  root: Node | undefined;
  /** The object node holding the event names, if any. */
  eventMap: Node | undefined;
  /** JSON path of `eventMap` (e.g. `["hooks"]`, or `[]` for a hooks.json without the wrapper). */
  eventMapPath: JSONPath;
  /** True for a plugin hooks.json whose events sit at the top level (no `"hooks"` wrapper). */
  wrapperMissing: boolean;
  events: EventEntry[];
  /** Every handler of every event, in document order. */
  handlers: HandlerEntry[];
}

/** One `"<EventName>": [...]` entry. */
export interface EventEntry {
  name: string;
  /**
   * The catalog row of the event the hooks run on, undefined for unknown event
   * names. For `Stop` in an agent's frontmatter this is `SubagentStop`'s row
   * (SPEC.md §4.1: Claude Code converts it), with `runsAs` set.
   */
  spec: EventSpec | undefined;
  /** The event Claude Code runs these hooks on when it is not `name` (`SubagentStop` for an agent's `Stop`). */
  runsAs?: string;
  property: Node;
  keyNode: Node;
  valueNode: Node | undefined;
  path: JSONPath;
  groups: GroupEntry[];
}

/** One matcher group `{ "matcher"?, "hooks": [...] }`, or a flat handler standing in for one. */
export interface GroupEntry {
  event: EventEntry;
  node: Node;
  index: number;
  path: JSONPath;
  /** The `matcher` value node, when present. */
  matcher: Node | undefined;
  /** The `hooks` value node, when present. */
  hooks: Node | undefined;
  /** True when this array item is a handler written without the group wrapper (`flat-handler`). */
  flat: boolean;
  handlers: HandlerEntry[];
}

/** One handler object `{ "type": ..., ... }`. */
export interface HandlerEntry {
  event: EventEntry;
  group: GroupEntry;
  node: Node;
  index: number;
  path: JSONPath;
  /** The `type` string, when it is a string. */
  type: string | undefined;
  /**
   * What several rules derive from the handler, computed on first use within one lint
   * (analysis/scripts.ts: `shellOf`, `commandsOf`, `scriptsOf`). Fields on the entry, not
   * WeakMaps keyed by it: tens of thousands of entries per large run made the
   * WeakMaps' ephemerons a cost in every garbage collection.
   */
  readonly memo: HandlerMemo;
}

/**
 * See `HandlerEntry.memo`. The model knows nothing of what is kept there: the
 * analysis layer declares its slots (analysis/scripts.ts augments this
 * interface), so the model does not import the layer above it. Every slot
 * starts `undefined`, meaning not computed yet.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface HandlerMemo {}

/** The value node of a handler's field (last one wins, as JSON.parse). */
export function field(h: HandlerEntry, key: string): Node | undefined {
  return propertyValue(h.node, key);
}

/** The string value of a handler's field, if it is a string. */
export function stringField(h: HandlerEntry, key: string): string | undefined {
  return stringValue(field(h, key));
}

/** Does this object look like a handler (has `type` or `command`, and no `hooks`)? */
function looksLikeHandler(node: Node): boolean {
  if (node.type !== 'object') return false;
  return !findProperty(node, 'hooks') && (!!findProperty(node, 'type') || !!findProperty(node, 'command'));
}

const LOWER_EVENTS = new Set(EVENT_NAMES.map((n) => n.toLowerCase()));

/**
 * Locate the event map of a file (SPEC.md §0, §4.1, §8.3):
 * settings files and plugin manifests use their `hooks` key; a plugin
 * hooks.json uses its `hooks` wrapper, or its top level when the wrapper is
 * missing and the top level holds event names. An inline manifest `hooks`
 * object written with its own `hooks` wrapper is accepted too [uncertain: the
 * docs show the bare event map; both are read so neither gives a false error].
 */
function locateEventMap(kind: FileKind, root: Node | undefined): { node: Node | undefined; path: JSONPath; wrapperMissing: boolean } {
  if (!root || root.type !== 'object') return { node: undefined, path: [], wrapperMissing: false };
  const hooks = propertyValue(root, 'hooks');
  if (kind === 'plugin-hooks' && !hooks) {
    const keys = properties(root).map(keyOf);
    if (keys.some((k) => LOWER_EVENTS.has(k.toLowerCase()))) return { node: root, path: [], wrapperMissing: true };
    return { node: undefined, path: ['hooks'], wrapperMissing: false };
  }
  if (kind === 'plugin-manifest' && hooks?.type === 'object') {
    const inner = propertyValue(hooks, 'hooks');
    if (inner?.type === 'object' && properties(hooks).length === 1) return { node: inner, path: ['hooks', 'hooks'], wrapperMissing: false };
  }
  return { node: hooks?.type === 'object' ? hooks : undefined, path: ['hooks'], wrapperMissing: false };
}

/** Build the hook model of a parsed file. Never throws. */
export function buildModel(kind: FileKind, root: Node | undefined): HookModel {
  const { node: eventMap, path: eventMapPath, wrapperMissing } = locateEventMap(kind, root);
  const events: EventEntry[] = [];
  const handlers: HandlerEntry[] = [];
  for (const prop of properties(eventMap)) {
    const name = keyOf(prop);
    if (wrapperMissing && !LOWER_EVENTS.has(name.toLowerCase()) && !looksLikeEventValue(prop.children![1])) continue;
    const valueNode = prop.children![1];
    const path = [...eventMapPath, name];
    const runsAs = kind === 'agent' ? catalog.frontmatter.agentEventAliases[name] : undefined;
    const event: EventEntry = { name, spec: EVENTS.get(runsAs ?? name), property: prop, keyNode: prop.children![0]!, valueNode, path, groups: [] };
    if (runsAs) event.runsAs = runsAs;
    events.push(event);
    if (valueNode?.type !== 'array') continue;
    valueNode.children!.forEach((item, gi) => {
      if (item.type !== 'object') return;
      const flat = looksLikeHandler(item);
      const group: GroupEntry = {
        event,
        node: item,
        index: gi,
        path: [...path, gi],
        matcher: propertyValue(item, 'matcher'),
        hooks: propertyValue(item, 'hooks'),
        flat,
        handlers: [],
      };
      event.groups.push(group);
      const add = (node: Node, index: number, hpath: JSONPath) => {
        const h: HandlerEntry = {
          event,
          group,
          node,
          index,
          path: hpath,
          type: stringValue(propertyValue(node, 'type')),
          // The slots analysis/scripts.ts declares, present from the start (one object shape for every entry).
          memo: { shell: undefined, commands: undefined, scripts: undefined } as HandlerMemo,
        };
        group.handlers.push(h);
        handlers.push(h);
      };
      if (flat) add(item, gi, group.path);
      else if (group.hooks?.type === 'array')
        group.hooks.children!.forEach((hn, hi) => {
          if (hn.type === 'object') add(hn, hi, [...group.path, 'hooks', hi]);
        });
    });
  }
  return { kind, root, eventMap, eventMapPath, wrapperMissing, events, handlers };
}

/** An unknown top-level key of a wrapper-less hooks.json still counts as an event if its value is an array of groups. */
function looksLikeEventValue(node: Node | undefined): boolean {
  return node?.type === 'array' && (node.children ?? []).some((c) => c.type === 'object' && (!!findProperty(c, 'hooks') || looksLikeHandler(c)));
}

/** A canonical text of a JSON value (object keys sorted), for equality of handlers (`duplicate-handler`, the effective hook set's deduplication). */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}
