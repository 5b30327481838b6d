import { createRequire } from 'node:module';
import type { Node } from 'jsonc-parser';
import type { Document as YamlDocument, Node as YamlNode, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { yamlNodes, yamlStyles, type ParsedDocument, type Span, type SyntaxProblem } from './parse.js';

/**
 * The YAML front end (issue "Hooks in skill and agent frontmatter"): the
 * frontmatter of a skill's `SKILL.md` or an agent's `.md` (SPEC.md §4.1), parsed
 * with the `yaml` package and turned into the same tree the JSONC front end
 * gives (jsonc-parser's `Node`: type, value, 0-based offset and length into the
 * whole file, children, parent), so every rule reads both the same way.
 *
 * The `yaml` module is loaded only when a Markdown file is linted.
 */

/** Where the frontmatter sits in a Markdown file: its YAML text and the offset of that text in the file. */
export interface FrontmatterBlock {
  yaml: string;
  /** 0-based offset of `yaml` in the file. */
  offset: number;
  /** 0-based offset just past the closing `---` line. */
  end: number;
}

/**
 * The frontmatter block of a Markdown text: a first line `---`, YAML, a line
 * `---` (or `...`). Undefined when the text has none (a Markdown file without
 * frontmatter holds no hooks). A BOM before the first `---` is allowed.
 */
export function findFrontmatter(text: string): FrontmatterBlock | undefined {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const open = /^---[ \t]*\r?\n/.exec(text.slice(start));
  if (!open) return undefined;
  const offset = start + open[0].length;
  const close = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;
  // The closing line: the first `---`/`...` line after the opening one.
  const re = new RegExp(close.source, 'gm');
  re.lastIndex = offset;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index >= offset && (m.index === offset || text[m.index - 1] === '\n')) return { yaml: text.slice(offset, m.index), offset, end: m.index + m[0].length };
  }
  return undefined;
}

/** A top-level `hooks:` key line in frontmatter YAML (plain or quoted key). */
const HOOKS_KEY = /^(?:hooks|"hooks"|'hooks')[ \t]*:/m;

/**
 * True when a frontmatter's YAML text declares hooks (a top-level `hooks` key),
 * judged on the text so it holds for a frontmatter that does not parse: the
 * content check that makes a skill, agent or command one of hooklint's files.
 */
export function declaresHooks(yaml: string): boolean {
  return HOOKS_KEY.test(yaml);
}

/** How a YAML scalar was written, for mapping offsets inside it (`stringOffsets`). */
export type ScalarStyle = 'plain' | 'single' | 'double' | 'block';

/** The `yaml` module's type (required lazily by callers). */
export type { YamlModule };

/** The parse of one frontmatter block. */
export interface ParsedFrontmatter {
  block: FrontmatterBlock;
  /** The tree of the frontmatter's top-level mapping; undefined when it is not a mapping. */
  root: Node | undefined;
  /** YAML errors (yaml-syntax), as file spans. */
  errors: SyntaxProblem[];
  /** Where aliases (`*name`) stand: their copies' nodes all have these spans, and no fix may edit them. */
  aliases: Span[];
}

/** Most nodes alias expansion may add to one tree (a YAML alias bomb stops there). */
const MAX_ALIAS_NODES = 100_000;

type YamlModule = typeof import('yaml');

/**
 * The `yaml` package, required when the first Markdown file is parsed: a JSON
 * run never loads it (nor makes the require). It is a runtime dependency, not
 * bundled, like `semver`.
 */
export function loadYaml(): YamlModule {
  return createRequire(import.meta.url)('yaml') as YamlModule;
}
/** jsonc-parser's Node with its fields writable, while the tree is built. */
type Mutable = { -readonly [K in keyof Node]: K extends 'children' ? Mutable[] | undefined : K extends 'parent' ? Mutable | undefined : Node[K] };
let yamlModule: YamlModule | undefined;
/** The `yaml` package, required on first use (it is not needed to lint JSON). */
function yamlLib(load: () => YamlModule): YamlModule {
  yamlModule ??= load();
  return yamlModule;
}

/**
 * Parse a frontmatter block into a jsonc-parser-shaped tree with file offsets.
 * `load` returns the `yaml` module (default `loadYaml`). Never throws:
 * YAML errors come back in `errors` with what parsed.
 */
export function parseFrontmatter(block: FrontmatterBlock, load: () => YamlModule = loadYaml): ParsedFrontmatter {
  const Y = yamlLib(load);
  const options = { keepSourceTokens: true, prettyErrors: false, uniqueKeys: false, strict: false } as const;
  let doc: YamlDocument = Y.parseDocument(block.yaml, options);
  let source = block.yaml;
  if (doc.errors.length > 0) {
    // Claude Code's reading of a frontmatter that is not valid YAML: retried with its top-level values quoted (see `lenientText`).
    const lenient = lenientText(block.yaml);
    if (lenient !== block.yaml) {
      const retry = Y.parseDocument(lenient, options);
      if (retry.errors.length === 0) {
        doc = retry;
        source = lenient;
      }
    }
  }
  const base = block.offset;
  const styles = yamlStyles;
  // One error per line: after the first, yaml's errors on the same line mostly restate it.
  const errors: SyntaxProblem[] = [];
  // Not -1: that is the first line's own value (no line break before it), whose errors must be reported too.
  let lastLine: number | undefined;
  for (const e of [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0])) {
    // The line, as the offset of its start in the frontmatter.
    const line = block.yaml.lastIndexOf('\n', e.pos[0] - 1);
    if (line === lastLine) continue;
    lastLine = line;
    errors.push({ offset: base + e.pos[0], length: Math.max(1, e.pos[1] - e.pos[0]), message: yamlMessage(e.message) });
  }
  // Aliases being expanded (a recursive alias stops there) and the nodes expansions made (a bound, against alias bombs).
  const expanding = new Set<YamlNode>();
  let expanded = 0;
  const aliases: Span[] = [];
  const convert = (n: YamlNode | null | undefined, parent: Mutable | undefined): Mutable | undefined => {
    if (!n || !n.range) return undefined;
    const [start, valueEnd] = n.range;
    const node: Mutable = { type: 'null', offset: base + start, length: valueEnd - start, parent, children: undefined };
    yamlNodes.add(node as Node);
    if (Y.isMap(n)) {
      node.type = 'object';
      node.children = [];
      for (const pair of (n as YAMLMap).items as Pair[]) {
        const prop = pairNode(pair, node);
        if (prop) node.children.push(prop);
      }
    } else if (Y.isSeq(n)) {
      node.type = 'array';
      node.children = [];
      for (const item of (n as YAMLSeq).items as YamlNode[]) {
        const c = convert(item, node);
        if (c) node.children.push(c);
      }
    } else if (Y.isScalar(n)) {
      const v = (n as Scalar).value;
      if (typeof v === 'string') {
        node.type = 'string';
        node.value = v;
        styles.set(node as Node, styleOf((n as Scalar).type));
      } else if (typeof v === 'number') (node.type = 'number'), (node.value = v);
      else if (typeof v === 'boolean') (node.type = 'boolean'), (node.value = v);
      else if (v === null) node.type = 'null';
      else (node.type = 'string'), (node.value = String(v));
    } else if (Y.isAlias(n)) {
      // An alias stands for its anchor's value: converted again, and every node of the copy
      // located at the alias itself (a finding inside it points there; no fix edits it).
      const target = (n as unknown as { resolve(d: YamlDocument): YamlNode | undefined }).resolve(doc);
      if (!target || expanding.has(target) || expanded > MAX_ALIAS_NODES) return node;
      expanding.add(target);
      const c = convert(target, parent);
      expanding.delete(target);
      if (!c) return node;
      const span = { offset: base + start, length: valueEnd - start };
      const stack: Mutable[] = [c];
      while (stack.length > 0) {
        const x = stack.pop()!;
        x.offset = span.offset;
        x.length = span.length;
        if (x.colonOffset !== undefined) x.colonOffset = span.offset;
        expanded++;
        for (const ch of x.children ?? []) stack.push(ch);
      }
      aliases.push(span);
      return c;
    }
    return node;
  };
  const pairNode = (pair: Pair, parent: Mutable): Mutable | undefined => {
    const key = pair.key as YamlNode | null;
    if (!key || !Y.isScalar(key) || !key.range) return undefined;
    const prop: Mutable = { type: 'property', offset: base + key.range[0], length: 0, parent, children: [] };
    yamlNodes.add(prop as Node);
    const keyNode: Mutable = { type: 'string', value: String((key as Scalar).value), offset: base + key.range[0], length: key.range[1] - key.range[0], parent: prop, children: undefined };
    styles.set(keyNode as Node, styleOf((key as Scalar).type));
    yamlNodes.add(keyNode as Node);
    prop.children!.push(keyNode);
    const value = convert(pair.value as YamlNode | null, prop);
    const end = value ? value.offset + value.length : keyNode.offset + keyNode.length;
    prop.length = end - prop.offset;
    // The colon: the first ':' after the key.
    const colon = source.indexOf(':', key.range[1]);
    if (colon >= 0) prop.colonOffset = base + colon;
    if (value) prop.children!.push(value);
    else prop.children!.push({ type: 'null', offset: end, length: 0, parent: prop, children: undefined });
    return prop;
  };
  const root = doc.contents && Y.isMap(doc.contents) ? (convert(doc.contents, undefined) as Node | undefined) : undefined;
  return { block, root, errors, aliases };
}

function styleOf(t: string | undefined): ScalarStyle {
  return t === 'QUOTE_DOUBLE' ? 'double' : t === 'QUOTE_SINGLE' ? 'single' : t === 'BLOCK_LITERAL' || t === 'BLOCK_FOLDED' ? 'block' : 'plain';
}

/** A top-level `key: value` line whose value holds a character YAML treats specially (Claude Code's retry quotes these). */
const PROBLEM_LINE = /^([A-Za-z_-]+:[ \t]+)(?!["'])(.*[{}[\]*&#!|>%@`].*?)([ \t]*)$/gm;

/**
 * The frontmatter as Claude Code reads it when it is not valid YAML
 * [uncertain: not in the docs; SPEC.md §4.1 says only "YAML". Public reports
 * describe a lenient reader: after a YAML error, each top-level `key: value`
 * whose value has a special character (`[`, `{`, `*`, `#`, `|`, ...) and is
 * not quoted is quoted and the text parsed again, so `argument-hint: [a] [b]`
 * loads]. To keep every offset, each such value is replaced by a plain scalar
 * of the same length rather than quoted: its text is lost, which only matters
 * for `hooks` (then a string, as it would be for Claude Code). The caller
 * parses the result and uses it only when it has no error; otherwise the
 * errors of the text as written are reported (`yaml-syntax`).
 */
function lenientText(yaml: string): string {
  return yaml.replace(PROBLEM_LINE, (_line: string, key: string, value: string, trailing: string) => key + 'x'.repeat(value.length) + trailing);
}

/**
 * The comments (`# ...`, to the end of their line) of a Markdown text's
 * frontmatter, as 0-based spans into the whole text in order; none without
 * frontmatter. Read from the `yaml` package's concrete syntax tree, so a `#`
 * inside a quoted or block scalar is not one. For the fix engine's guard that
 * a safe fix never deletes a comment (`fix/guard.ts`).
 */
export function yamlCommentSpans(text: string, load: () => YamlModule = loadYaml): Span[] {
  const block = findFrontmatter(text);
  if (!block) return [];
  const Y = yamlLib(load);
  const out: Span[] = [];
  // An explicit stack: a deeply nested frontmatter must not exhaust the call stack.
  const stack: unknown[] = [...new Y.Parser().parse(block.yaml)];
  while (stack.length > 0) {
    const t = stack.pop();
    if (!t || typeof t !== 'object') continue;
    if (Array.isArray(t)) {
      stack.push(...t);
      continue;
    }
    const token = t as { type?: unknown; offset?: unknown; source?: unknown };
    if (token.type === 'comment' && typeof token.offset === 'number' && typeof token.source === 'string') out.push({ offset: block.offset + token.offset, length: token.source.length });
    for (const [k, v] of Object.entries(t)) if (k !== 'source' && v && typeof v === 'object') stack.push(v);
  }
  return out.sort((a, b) => a.offset - b.offset);
}

/** yaml's messages without their code suffix and source excerpt. */
function yamlMessage(m: string): string {
  return m.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').replace(/\.$/, '');
}

/**
 * The document of a Markdown file for the rules (`format: 'yaml'`): the tree
 * of its frontmatter with offsets into the whole text, its YAML errors as
 * `yamlErrors` (reported by `yaml-syntax`), no JSON syntax problems, comments
 * or trailing commas (YAML has its own rules for those). A file without
 * frontmatter gives no root.
 */
export function parseMarkdownDocument(text: string, load: () => YamlModule = loadYaml): ParsedDocument {
  const block = findFrontmatter(text);
  const bom = text.charCodeAt(0) === 0xfeff;
  if (!block) return { text, root: undefined, syntaxErrors: [], comments: [], trailingCommas: [], bom, format: 'yaml', yamlErrors: [] };
  const fm = parseFrontmatter(block, load);
  return { text, root: fm.root, syntaxErrors: [], comments: [], trailingCommas: [], bom, format: 'yaml', yamlErrors: fm.errors, frontmatter: { offset: block.offset, length: block.yaml.length }, aliases: fm.aliases };
}
