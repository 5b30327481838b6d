import { createScanner, getNodeValue, parseTree, printParseErrorCode, SyntaxKind, type JSONPath, type Node, type ParseError } from 'jsonc-parser';

/**
 * The front ends (formats layer). A hook config is read into one small tree,
 * whatever it was written in: `TreeNode` (jsonc-parser's node shape): `type`
 * (object, array, property, string, number, boolean, null), `value` for
 * scalars, `children` (a property's are its key and its value), `parent`,
 * and `offset`/`length`, 0-based UTF-16 offsets into the whole file text.
 * `parseDocument` below is the JSONC front end (jsonc-parser); the YAML front
 * end (`formats/frontmatter.ts`) builds the same tree from a skill's or
 * agent's frontmatter, registering its nodes in `yamlNodes` and its string
 * styles in `yamlStyles`, so edits (`fix/edits.ts`) know to write YAML there.
 * The helpers here (`properties`, `propertyValue`, `stringOffsets`, ...) read
 * both kinds of tree; the model, the analysis and the rules see only them.
 */
export type TreeNode = Node;

/** A path of keys and indices from the root of a tree (jsonc-parser's). */
export type TreePath = JSONPath;

/** The plain value a tree node stands for (objects, arrays, scalars), of either front end's tree. */
export const treeValue: (node: TreeNode) => unknown = getNodeValue;

/** The node at `path` below `root`, of either front end's tree; undefined when there is none. */
export { findNodeAtLocation as nodeAtPath } from 'jsonc-parser';

/** A span in the text: 0-based UTF-16 offset and length. */
export interface Span {
  offset: number;
  length: number;
}

/** A syntax problem found while parsing (RULES.md §1 `json-syntax`). */
export interface SyntaxProblem extends Span {
  message: string;
}

/** Everything the rules need from the parse of one file. */
export interface ParsedDocument {
  text: string;
  /** The tree, or undefined when nothing parsed (empty file, garbage). */
  root: Node | undefined;
  syntaxErrors: SyntaxProblem[];
  /** `//` and `/* *\/` comments, with their full spans. */
  comments: Span[];
  /** Trailing commas (a `,` followed only by trivia and then `}` or `]`), span of the comma. */
  trailingCommas: Span[];
  /** True when the text starts with a UTF-8 byte order mark (U+FEFF). */
  bom: boolean;
  /**
   * The front end that built `root`: `json` (jsonc-parser) or `yaml` (a Markdown
   * file's frontmatter, `formats/frontmatter.ts`; offsets are still into the whole
   * file). Absent means `json`.
   */
  format?: 'json' | 'yaml';
  /** YAML errors of the frontmatter (`yaml-syntax`), for `format: 'yaml'`. */
  yamlErrors?: SyntaxProblem[];
  /** For `format: 'yaml'`: the frontmatter's span in the file (0-based), or undefined when the file has none. */
  frontmatter?: Span;
  /** For `format: 'yaml'`: the spans of aliases (`*name`), where the nodes of their copies sit; fixes never edit them. */
  aliases?: Span[];
}

/** How each string node of a YAML tree was written (set by the YAML front end): `stringOffsets` maps inside plain and quoted scalars only. */
export const yamlStyles = new WeakMap<Node, 'plain' | 'single' | 'double' | 'block'>();

/** Every node a YAML front end built (edit builders choose YAML edits for them). */
export const yamlNodes = new WeakSet<Node>();

const ERROR_TEXT: Record<string, string> = {
  InvalidSymbol: 'invalid symbol',
  InvalidNumberFormat: 'invalid number format',
  PropertyNameExpected: 'property name expected',
  ValueExpected: 'value expected',
  ColonExpected: 'colon expected',
  CommaExpected: 'comma expected',
  CloseBraceExpected: 'closing brace "}" expected',
  CloseBracketExpected: 'closing bracket "]" expected',
  EndOfFileExpected: 'end of file expected',
  InvalidCommentToken: 'invalid comment token',
  UnexpectedEndOfComment: 'unexpected end of comment',
  UnexpectedEndOfString: 'unexpected end of string',
  UnexpectedEndOfNumber: 'unexpected end of number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in string',
};

function describeParseError(e: ParseError): string {
  const code = printParseErrorCode(e.error);
  return ERROR_TEXT[code] ?? code;
}

/**
 * Parse a JSONC text, tolerating comments and trailing commas (both are
 * reported by their own rules), and keep exact offsets.
 *
 * A leading BOM is parsed as if it were a space so that offsets stay those of
 * the original text. Whether Claude Code accepts a BOM is not documented
 * [uncertain]; hooklint does not report it (no false error).
 *
 * Never throws; a text that is not JSON yields `syntaxErrors` and perhaps no root.
 */
export function parseDocument(text: string): ParsedDocument {
  const bom = text.charCodeAt(0) === 0xfeff;
  const src = bom ? ' ' + text.slice(1) : text;
  const errors: ParseError[] = [];
  // jsonc-parser recurses per nesting level: refuse absurd depths before it overflows the stack.
  const deep = tooDeep(src);
  if (deep !== undefined)
    return { text, root: undefined, syntaxErrors: [{ offset: deep, length: 1, message: `nesting deeper than ${MAX_DEPTH} levels` }], comments: [], trailingCommas: [], bom };
  let root: Node | undefined;
  try {
    root = parseTree(src, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  } catch (e) {
    // A stack overflow `tooDeep` did not foresee (a smaller stack, a scanner case it reads otherwise): a finding, never a crash.
    if (!(e instanceof RangeError)) throw e;
    return { text, root: undefined, syntaxErrors: [{ offset: 0, length: 1, message: `nesting too deep to parse (${e.message})` }], comments: [], trailingCommas: [], bom };
  }
  const syntaxErrors: SyntaxProblem[] = [];
  const seen = new Set<number>();
  for (const e of errors) {
    // jsonc-parser reports a cascade at one offset; keep the first per offset.
    if (seen.has(e.offset)) continue;
    if (syntaxErrors.length === MAX_SYNTAX_ERRORS) {
      syntaxErrors.push({ offset: e.offset, length: Math.max(1, e.length), message: `${describeParseError(e)} (further parse errors are not reported)` });
      break;
    }
    seen.add(e.offset);
    syntaxErrors.push({ offset: e.offset, length: Math.max(1, e.length), message: describeParseError(e) });
  }
  if (src.trim() === '') {
    syntaxErrors.length = 0;
    syntaxErrors.push({ offset: 0, length: 0, message: 'the file is empty; expected a JSON object' });
  }

  const comments: Span[] = [];
  const trailingCommas: Span[] = [];
  // A second scan finds comments and trailing commas; skip it when the text cannot hold
  // either (no "/*", no "//" other than a URL's "://", no "," before "}" or "]").
  if (!/\/\*|(^|[^:])\/\/|,\s*[}\]]/.test(src)) return { text, root, syntaxErrors, comments, trailingCommas, bom };
  const scanner = createScanner(src, false);
  let pendingComma: Span | undefined;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    switch (kind) {
      case SyntaxKind.LineCommentTrivia:
      case SyntaxKind.BlockCommentTrivia:
        comments.push({ offset: scanner.getTokenOffset(), length: scanner.getTokenLength() });
        break;
      case SyntaxKind.Trivia:
      case SyntaxKind.LineBreakTrivia:
        break;
      case SyntaxKind.CommaToken:
        pendingComma = { offset: scanner.getTokenOffset(), length: 1 };
        break;
      case SyntaxKind.CloseBraceToken:
      case SyntaxKind.CloseBracketToken:
        if (pendingComma) trailingCommas.push(pendingComma);
        pendingComma = undefined;
        break;
      default:
        pendingComma = undefined;
    }
  }
  return { text, root, syntaxErrors, comments, trailingCommas, bom };
}

/**
 * The JavaScript value of the whole document, as Claude Code's `JSON.parse`
 * sees it (the last duplicate key wins). Strict JSON goes through the native
 * `JSON.parse` (much faster than walking the tree); text with comments,
 * trailing commas or syntax errors is rebuilt from the tree by jsonc-parser.
 * Undefined when nothing parsed.
 */
export function documentValue(doc: ParsedDocument): unknown {
  if (!doc.root) return undefined;
  if (doc.syntaxErrors.length === 0 && doc.comments.length === 0 && doc.trailingCommas.length === 0)
    try {
      return JSON.parse(doc.bom ? doc.text.slice(1) : doc.text) as unknown;
    } catch {
      // Not reached for text jsonc-parser accepted without errors; the tree is the fallback.
    }
  return getNodeValue(doc.root) as unknown;
}

/** Deepest nesting of objects and arrays parsed (real configs nest fewer than 10 levels). */
export const MAX_DEPTH = 1000;
/** Parse errors reported per file (a binary file would yield thousands). */
export const MAX_SYNTAX_ERRORS = 100;

/**
 * jsonc-parser's `parseTree`, refusing a text nested deeper than MAX_DEPTH (its
 * parser recurses per level and would overflow the stack): then undefined, as
 * for a text with no value. For the quick looks discovery takes at a file
 * (sniffing its kind, a plugin manifest's `hooks`); linting uses `parseDocument`,
 * which reports the depth as a syntax error with its position. Never throws.
 */
export function parseTreeBounded(text: string): Node | undefined {
  if (tooDeep(text) !== undefined) return undefined;
  try {
    return parseTree(text, [], { allowTrailingComma: true });
  } catch (e) {
    if (e instanceof RangeError) return undefined;
    throw e;
  }
}

/** The offset where nesting first exceeds MAX_DEPTH (brackets in strings and comments ignored), or undefined. */
function tooDeep(src: string): number | undefined {
  if (src.length < MAX_DEPTH) return undefined;
  let depth = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // As jsonc-parser's scanner: a string ends at its closing quote or, unterminated, at a line break.
      for (i++; i < src.length; i++) {
        const d = src.charCodeAt(i);
        if (d === 0x22) break;
        if (d === 0x0a || d === 0x0d) {
          i--;
          break;
        }
        if (d === 0x5c) i++;
      }
    } else if (c === 0x2f /* / */ && src.charCodeAt(i + 1) === 0x2f) {
      while (i < src.length && src.charCodeAt(i) !== 10) i++;
    } else if (c === 0x2f && src.charCodeAt(i + 1) === 0x2a) {
      const end = src.indexOf('*/', i + 2);
      i = end < 0 ? src.length : end + 1;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_DEPTH) return i;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return undefined;
}

/** The value of a string node, or undefined for any other node. */
export function stringValue(node: Node | undefined): string | undefined {
  return node && node.type === 'string' ? (node.value as string) : undefined;
}

/**
 * The property nodes of an object node (each has children `[key, value]`).
 * The node's own children array when every child is a property (always, for
 * trees from jsonc-parser): read it, never mutate it.
 */
export function properties(node: Node | undefined): readonly Node[] {
  if (!node || node.type !== 'object' || !node.children) return NONE;
  const children = node.children;
  for (let i = 0; i < children.length; i++) if (!isProperty(children[i]!)) return children.filter(isProperty);
  return children;
}

const NONE: readonly Node[] = Object.freeze([]);

function isProperty(c: Node): boolean {
  return c.type === 'property' && !!c.children && c.children.length >= 1;
}

/** The key string of a property node. */
export function keyOf(prop: Node): string {
  return String(prop.children![0]!.value);
}

/** The last property with this key (JSON.parse semantics: the last one wins). Allocates nothing. */
export function findProperty(node: Node | undefined, key: string): Node | undefined {
  if (!node || node.type !== 'object' || !node.children) return undefined;
  const children = node.children;
  for (let i = children.length - 1; i >= 0; i--) {
    const p = children[i]!;
    if (!isProperty(p)) continue;
    const k = p.children![0]!.value as unknown;
    if ((typeof k === 'string' ? k : String(k)) === key) return p;
  }
  return undefined;
}

/** The value node of the last property with this key. */
export function propertyValue(node: Node | undefined, key: string): Node | undefined {
  return findProperty(node, key)?.children?.[1];
}

/**
 * Map offsets inside a string node's decoded value to offsets in the file
 * text: returns `at(i)`, the 0-based file offset of the UTF-16 unit `i` of
 * the value (`at(value.length)` is the closing quote). Escapes (`\"`, `\n`,
 * `\uXXXX`) take several source characters for one decoded unit.
 * Returns undefined for a node that is not a string.
 */
export function stringOffsets(text: string, node: Node): ((i: number) => number) | undefined {
  if (node.type !== 'string') return undefined;
  const style = yamlStyles.get(node);
  if (style !== undefined) return yamlStringOffsets(text, node, style);
  const starts: number[] = [];
  const end = node.offset + node.length - 1;
  for (let o = node.offset + 1; o < end; ) {
    starts.push(o);
    if (text.charCodeAt(o) === 0x5c /* \ */) o += text[o + 1] === 'u' ? 6 : 2;
    else o++;
  }
  return (i) => starts[i] ?? end;
}

/** The file span of `[pos, end)` inside a string node's decoded value (falls back to the whole node). */
export function spanInString(text: string, node: Node, pos: number, end: number): Span {
  const at = stringOffsets(text, node);
  if (!at) return { offset: node.offset, length: node.length };
  const from = at(pos);
  return { offset: from, length: Math.max(1, at(end) - from) };
}

/**
 * `stringOffsets` for a YAML scalar on one line: plain (one source character per
 * character), single-quoted (`''` is one quote) or double-quoted (backslash
 * escapes). Undefined for block scalars and scalars over several lines, whose
 * folding makes positions inside them unreliable (rules then point at the node).
 */
function yamlStringOffsets(text: string, node: Node, style: 'plain' | 'single' | 'double' | 'block'): ((i: number) => number) | undefined {
  const src = text.slice(node.offset, node.offset + node.length);
  if (style === 'block' || /[\r\n]/.test(src)) return undefined;
  const starts: number[] = [];
  const first = style === 'plain' ? node.offset : node.offset + 1;
  const end = style === 'plain' ? node.offset + node.length : node.offset + node.length - 1;
  for (let o = first; o < end; ) {
    starts.push(o);
    if (style === 'single' && text[o] === "'" && text[o + 1] === "'") o += 2;
    else if (style === 'double' && text[o] === '\\') o += text[o + 1] === 'x' ? 4 : text[o + 1] === 'u' ? 6 : text[o + 1] === 'U' ? 10 : 2;
    else o++;
  }
  if (starts.length !== String(node.value).length) return undefined;
  return (i) => starts[i] ?? end;
}
