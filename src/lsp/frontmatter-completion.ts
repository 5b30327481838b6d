import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { catalog, EVENTS, type EventSpec } from '../model/catalog.js';
import { explainEvent } from '../model/event-docs.js';
import type { FileKind } from '../model/types.js';
import { handlerFields, valueSnippet, type CompletionOptions } from './completion.js';
import { fieldPage, handlerTypePage } from './docs.js';

/** One line of block YAML as the completion reads it. */
interface YamlLine {
  /** Spaces before the content (before a `- ` of a sequence entry). */
  indent: number;
  /** Whether the line starts a sequence entry (`- `). */
  item: boolean;
  /** Column of the first key or value after `- ` (equal to `indent` without one). */
  content: number;
  /** The key the line holds (`key:`), if any. */
  key?: string;
  /** The value after `key: ` on the same line, trimmed (comments not removed). */
  value?: string;
}

const LINE = /^( *)(?:(-)( +|$))?(?:([A-Za-z_][\w.-]*)[ \t]*:(?:[ \t]+(.*))?)?/;

function readLine(line: string): YamlLine | undefined {
  if (/^\s*(#|$)/.test(line)) return undefined;
  const m = LINE.exec(line)!;
  const indent = m[1]!.length;
  const item = m[2] !== undefined;
  const out: YamlLine = { indent, item, content: item ? indent + 1 + m[3]!.length : indent };
  if (m[4] !== undefined) out.key = m[4];
  if (m[5] !== undefined) out.value = m[5].trim();
  return out;
}

/**
 * The block-YAML path to a mapping whose keys sit at column `col`: keys and `-` for sequence
 * entries, outermost first (`['hooks', 'PostToolUse', '-', 'hooks', '-']` is a handler), from
 * the lines above it (`lines[0]` is the frontmatter's first line, `at` the cursor's line index).
 * `item`: the cursor's line starts a sequence entry at `col`'s entry. Also returns the line
 * indexes of the mapping's own keys (siblings), for what is written already.
 */
function pathAt(lines: (YamlLine | undefined)[], at: number, col: number, item: boolean, itemIndent: number): { path: string[]; siblings: number[] } {
  const path: string[] = [];
  const siblings: number[] = [];
  let mode: 'map' | 'seq' = 'map';
  let inOwn = true;
  if (item) {
    path.push('-');
    col = itemIndent;
    mode = 'seq';
    inOwn = false;
  }
  // The cursor's mapping continues below the cursor too: its keys there are siblings.
  for (let i = at + 1; inOwn && i < lines.length; i++) {
    const l = lines[i];
    if (!l) continue;
    if (l.content < col || (l.item && l.content === col) || (l.item && l.indent < col)) break;
    if (l.content === col && !l.item && l.key) siblings.push(i);
  }
  for (let i = at - 1; i >= 0; i--) {
    const l = lines[i];
    if (!l) continue;
    if (mode === 'map') {
      if (l.content > col) continue;
      if (l.content === col) {
        if (inOwn && l.key) siblings.push(i);
        if (l.item) {
          // The first key of a sequence entry: the mapping is that entry.
          path.push('-');
          col = l.indent;
          mode = 'seq';
          inOwn = false;
        }
        continue;
      }
    } else {
      if (l.indent > col || (l.item && l.indent === col)) continue;
      if (l.indent === col && !l.key) continue;
    }
    // A key above, further left: the container of the mapping (or of the sequence).
    if (!l.key || l.value) return { path: [], siblings };
    path.push(l.key);
    inOwn = false;
    col = l.content;
    mode = 'map';
    if (l.item) {
      path.push('-');
      col = l.indent;
      mode = 'seq';
    }
  }
  return { path: path.reverse(), siblings };
}

/**
 * Completions in the YAML frontmatter of a skill, agent or command (`kind` skill or agent), at
 * a 0-based `offset`: event names as keys of `hooks:`, `matcher`/`hooks` in a matcher group,
 * handler fields (filtered as in JSON: `if` on the events that evaluate it, `once` where it is
 * honoured; those written already left out) in a handler, handler types after `type:` and the
 * event's known matcher values after `matcher:`. A key is inserted as `key: ` with a value
 * placeholder when the client takes snippets. Block YAML only (flow mappings get nothing);
 * works on frontmatter that does not parse yet, since it reads lines and indentation.
 */
export function frontmatterCompletionsAt(doc: TextDocument, kind: FileKind, offset: number, options: CompletionOptions = {}): CompletionItem[] {
  const text = doc.getText();
  const open = /^\uFEFF?---[ \t]*\r?\n/.exec(text);
  if (!open) return [];
  const start = open[0].length;
  const close = /^---[ \t]*\r?$/m.exec(text.slice(start));
  const end = close ? start + close.index : text.length;
  if (offset < start || offset > end) return [];
  const raw = text.slice(start, end).split('\n').map((l) => l.replace(/\r$/, ''));
  const here = doc.positionAt(offset);
  const at = here.line - doc.positionAt(start).line;
  const lineText = raw[at] ?? '';
  const before = lineText.slice(0, here.character);
  const lines = raw.map((l, i) => (i === at ? undefined : readLine(l)));
  const markdown = (value: string | undefined) => (value === undefined ? undefined : { kind: MarkupKind.Markdown, value });
  const lineStart = offset - here.character;

  // A value: `type: com|` or `matcher: Ed|`.
  const valueAt = /^( *)(- +)?(type|matcher)[ \t]*:[ \t]*([\w|.*-]*)$/.exec(before);
  if (valueAt) {
    const col = valueAt[1]!.length + (valueAt[2]?.length ?? 0);
    const { path } = pathAt(lines, at, col, valueAt[2] !== undefined, valueAt[1]!.length);
    const event = path[0] === 'hooks' && path[1] ? EVENTS.get(path[1]) : undefined;
    const word = valueAt[4]!;
    const wordStart = valueAt[3] === 'matcher' ? lineStart + here.character - (word.length - word.lastIndexOf('|') - 1) : lineStart + here.character - word.length;
    const range = { start: doc.positionAt(wordStart), end: doc.positionAt(offset + (/^[\w.*-]*/.exec(lineText.slice(here.character))![0].length)) };
    if (valueAt[3] === 'type' && path.length === 5 && path[2] === '-' && path[3] === 'hooks' && path[4] === '-')
      return (event ? event.handlerTypes : Object.keys(catalog.handlerTypes)).map((t, i) => ({ label: t, kind: CompletionItemKind.EnumMember, detail: 'handler type', documentation: markdown(handlerTypePage(t as never)), sortText: String(i).padStart(3, '0'), textEdit: { range, newText: t } }));
    if (valueAt[3] === 'matcher' && path.length === 3 && path[2] === '-')
      return (event?.matcher?.knownValues ?? []).map((v, i) => ({ label: v, kind: CompletionItemKind.EnumMember, detail: `${event!.name} matcher: ${event!.matcher!.field}`, sortText: String(i).padStart(3, '0'), textEdit: { range, newText: v } }));
    return [];
  }

  // A key: `  Pre|`, `- ty|`, or an empty line at some indentation.
  const keyAt = /^( *)(- +)?([A-Za-z_]*)$/.exec(before);
  if (!keyAt) return [];
  const col = keyAt[1]!.length + (keyAt[2]?.length ?? 0);
  const { path, siblings } = pathAt(lines, at, col, keyAt[2] !== undefined, keyAt[1]!.length);
  const rest = /^[\w]*/.exec(lineText.slice(here.character))![0];
  const range = { start: doc.positionAt(offset - keyAt[3]!.length), end: doc.positionAt(offset + rest.length) };
  const colonFollows = /^[\w]*[ \t]*:/.test(lineText.slice(here.character));
  const keyItem = (name: string, value: string): Pick<CompletionItem, 'textEdit' | 'insertTextFormat'> =>
    options.snippets && !colonFollows ? { textEdit: { range, newText: `${name}: ${value}` }, insertTextFormat: InsertTextFormat.Snippet } : { textEdit: { range, newText: name } };
  const written = new Set(siblings.map((i) => lines[i]!.key!));
  const event: EventSpec | undefined = path[0] === 'hooks' && path[1] ? EVENTS.get(path[1]) : undefined;

  if (path.length === 1 && path[0] === 'hooks')
    return catalog.events
      .filter((e) => !written.has(e.name))
      .map((e, i) => ({ label: e.name, kind: CompletionItemKind.Event, detail: e.description, documentation: markdown(explainEvent(e.name)), sortText: String(i).padStart(3, '0'), ...(options.snippets && !colonFollows ? { textEdit: { range, newText: `${e.name}:\n${' '.repeat(col + 2)}- $0` }, insertTextFormat: InsertTextFormat.Snippet } : { textEdit: { range, newText: e.name } }) }));
  if (path.length === 3 && path[0] === 'hooks' && path[2] === '-') {
    const keys = event && !event.matcher ? ['hooks'] : ['matcher', 'hooks'];
    return keys.filter((k) => !written.has(k)).map((k) => ({ label: k, kind: CompletionItemKind.Property, ...keyItem(k, k === 'hooks' ? `\n${' '.repeat(col + 2)}- type: \${1:command}` : valueSnippet(k, undefined, event, true)) }));
  }
  if (path.length === 5 && path[0] === 'hooks' && path[2] === '-' && path[3] === 'hooks' && path[4] === '-') {
    const typeLine = siblings.map((i) => lines[i]!).find((l) => l.key === 'type');
    const type = typeLine?.value?.replace(/^["']|["']$/g, '');
    return handlerFields(type, event, kind)
      .filter((f) => !written.has(f))
      .map((f, i) => ({ label: f, kind: CompletionItemKind.Property, documentation: markdown(fieldPage(f, type, path[1])), sortText: String(i).padStart(3, '0'), ...keyItem(f, valueSnippet(f, type, event, true)) }));
  }
  return [];
}
