import type { Span } from './parse.js';

/**
 * `# hooklint-disable-next-line <rule>[, <rule>...] -- <reason>` in a skill's or agent's YAML
 * frontmatter: the findings of those rules that start on the next line are not reported. The
 * reason is required (as agnix requires one): a directive without it, or without a rule id,
 * suppresses nothing and `disable-directive-invalid` reports it. Only whole-line comments
 * inside the frontmatter count.
 */
export interface DisableDirective {
  /** 1-based line of the comment; it applies to `line + 1`. */
  line: number;
  /** The rule ids named, in order (may be empty, or name unknown rules: the rule reports those). */
  rules: string[];
  /** The text after ` -- `, trimmed; undefined when there is none. */
  reason: string | undefined;
  /** The comment's span in the file (0-based offsets), from `#` to the end of the line. */
  span: Span;
}

const DIRECTIVE = /^[ \t]*(#[ \t]*hooklint-disable-next-line(?![\w-])(.*?))[ \t]*\r?$/;

/**
 * Every directive comment of the frontmatter whose span (into the whole file) is `frontmatter`.
 * @param text the whole file
 * @returns the directives in file order
 */
export function frontmatterDirectives(text: string, frontmatter: Span): DisableDirective[] {
  const out: DisableDirective[] = [];
  const end = frontmatter.offset + frontmatter.length;
  // Line numbers count from the file's start; the frontmatter starts after its `---` line.
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < frontmatter.offset; i = text.indexOf('\n', i + 1)) line++;
  let start = frontmatter.offset;
  while (start < end) {
    let stop = text.indexOf('\n', start);
    if (stop < 0 || stop > end) stop = end;
    const m = DIRECTIVE.exec(text.slice(start, stop));
    if (m && m[1]!.length > 0) {
      const rest = m[2]!;
      const dash = /(?:^|[ \t])--(?:[ \t]|$)/.exec(rest);
      const ids = dash ? rest.slice(0, dash.index) : rest;
      const reason = dash ? rest.slice(dash.index + dash[0].length).trim() : '';
      const col = m[0].indexOf('#');
      out.push({ line, rules: ids.split(/[\s,]+/).filter(Boolean), reason: reason || undefined, span: { offset: start + col, length: m[1]!.length } });
    }
    start = stop + 1;
    line++;
  }
  return out;
}
