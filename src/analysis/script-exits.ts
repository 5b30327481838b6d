import type { SyntaxNode as LezerNode } from '@lezer/common';
import { forEachChild, type SyntaxNode } from 'unbash';
import { codeText, jsTree, kids, lineIndex, pythonTree, shellTree, stringValue, STRING_NODES } from './script-parse.js';
import type { ScriptLanguage } from './scripts.js';
import { rubyExitSites } from './script-output-ruby.js';

/**
 * How a hook script can decide, read from its parse tree (never executed):
 * the literal exit codes it uses and whether it writes a JSON decision. Shell
 * by unbash, Python and JavaScript/TypeScript by Lezer (`script-parse.ts`), so
 * an `exit 2` or a `"decision"` inside a comment, or an exit inside a string,
 * counts for nothing. Computed once per text (bounded cache).
 */
export interface CodeFacts {
  /** Literal exit code -> the 1-based lines of its exit statements. */
  exits: ReadonlyMap<number, readonly number[]>;
  /**
   * The script sets a decision key: `"decision"` or `permissionDecision` as a
   * key of an object or dict literal, an assigned subscript or property
   * (`out["decision"] = …`, `out.decision = …`), a keyword argument
   * (`dict(decision=…)`), a variable named `decision` it assigns, a declared
   * output shape (`decision: Literal["block"]`, a TypeScript interface's
   * `decision: "block"`), or in JSON text
   * it holds (`'{"decision": "block"}'`, a shell word, a here-document).
   */
  decides: boolean;
  /** One of those decision keys is given the literal value `"block"`. */
  blocks: boolean;
}

const NONE: CodeFacts = { exits: new Map(), decides: false, blocks: false };

/** The code facts of a script's text in `language` (`other` has none). */
export function codeFacts(text: string, language: ScriptLanguage): CodeFacts {
  // Ruby: from its tree (script-output-ruby.ts, its own cache); no exits while its parser is not loaded.
  if (language === 'ruby') return rubyFacts(text);
  const cache = factsCache[language];
  let out = cache.get(text);
  if (!out) {
    if (cache.size >= FACTS_CACHE_SIZE) cache.clear();
    // Most scripts neither exit with a literal code nor decide: skip parsing them. Every fact
    // the walk finds needs one of these spellings (a superset: comments and strings match too).
    try {
      if (!(language === 'shell' ? /exit|[dD]ecision/ : MAY_DECIDE).test(text)) out = NONE;
      else if (language === 'shell') out = shellFacts(text);
      else if (language === 'python' || language === 'javascript') out = lezerFacts(text, language);
      else out = NONE;
    } catch {
      // A text the walk cannot take (nesting deeper than the stack): nothing claimed.
      out = NONE;
    }
    cache.set(text, out);
  }
  return out;
}

const FACTS_CACHE_SIZE = 512;
/** Python and JavaScript text that may hold a literal exit or a decision key. */
const MAY_DECIDE = /(?:exit|quit|SystemExit)\s*\(\s*\d|exitCode\s*=\s*\d|permissionDecision|decision\\?["'`]?\]?\s*[:=]/;
const factsCache: Record<Exclude<ScriptLanguage, 'ruby'>, Map<string, CodeFacts>> = { shell: new Map(), python: new Map(), javascript: new Map(), other: new Map() };

/**
 * Exit codes a hook script uses: shell `exit N` (anywhere, also inside a
 * function or a substitution); Python `sys.exit(N)`, `exit(N)`, `quit(N)`,
 * `os._exit(N)`, `raise SystemExit(N)`; JavaScript `process.exit(N)`,
 * `process.exitCode = N`. Literal codes only. Returns the 1-based lines of
 * each code.
 */
export function exitCodes(text: string, language: ScriptLanguage): ReadonlyMap<number, readonly number[]> {
  return codeFacts(text, language).exits;
}

/** True when a script writes a JSON decision (see `CodeFacts.decides`): a decision, not the exit code, is how it means to decide. */
export function printsDecision(text: string, language: ScriptLanguage): boolean {
  return codeFacts(text, language).decides;
}

/** A decision key with a `block` value (quotes may be escaped inside a shell string: `echo "{\"decision\": \"block\"}"`). */
const BLOCK_TEXT = /\\?["']?decision\\?["']?\s*[:=]\s*\\?["']block/;
/** A decision key in shell code: JSON text in a word or here-document, a jq object, `decision=block`. */
const SHELL_DECISION = /permissionDecision|\\?["']?decision\\?["']?\s*[:=]/;
/** A decision key inside JSON text. */
const DECISION_TEXT = /permissionDecision|\\?["']decision\\?["']\s*:/;

/**
 * Raw word text that may contain a command (a superset): `$(…)` and `$((…))`, `${ …; }`
 * and `${| …; }`, backticks, `<(…)` and `>(…)`; these are the substitutions unbash 6
 * parses into a word's parts.
 */
const MAY_HOLD_COMMAND = /\$\(|\$\{[ \t\n|]|`|[<>]\(/;

function shellFacts(text: string): CodeFacts {
  const script = shellTree(text);
  if (!script) return NONE;
  const exits = new Map<number, number[]>();
  const lineOf = lineIndex(text);
  // The text of the commands and here-documents: what the shell runs or prints, never a comment.
  let code = '';
  let last = -1;
  const keep = (pos: number, end: number) => {
    if (end <= last) return;
    code += ' ' + text.slice(Math.max(pos, last), end);
    last = end;
  };
  const visit = (n: SyntaxNode) => {
    if (n.type === 'Command') {
      keep(n.pos, n.end);
      if (n.name?.value === 'exit') {
        const arg = n.suffix.find((a) => a.type === 'Word');
        if (arg && arg.type === 'Word' && /^\d+$/.test(arg.value)) {
          const c = Number(arg.value);
          (exits.get(c) ?? exits.set(c, []).get(c)!).push(lineOf(n.pos));
        }
      }
    }
    if (n.type === 'HereDoc') keep(n.body.pos, n.body.end);
    // A word holds commands only inside a substitution. Visiting any other word would make
    // unbash compute its parts (lazily built) for nothing: most of the walk's time.
    if (n.type === 'Word' && !MAY_HOLD_COMMAND.test(n.text)) return;
    forEachChild(n, visit);
  };
  visit(script);
  return { exits, decides: SHELL_DECISION.test(code), blocks: BLOCK_TEXT.test(code) };
}

/** Shell nodes that hold lists of statements (and so may hold comments between them). */
const SHELL_CONTAINERS = new Set(['Script', 'Statement', 'CompoundList', 'AndOr', 'Pipeline', 'If', 'Elif', 'While', 'For', 'ArithmeticFor', 'Select', 'Case', 'CaseItem', 'Function', 'BraceGroup', 'Subshell', 'Redirected', 'Coproc', 'Negation', 'Time']);

/** Python callees that exit with their argument (JavaScript's is `process.exit`). */
const PY_EXIT_CALLEES = new Set(['sys.exit', 'exit', 'quit', 'os._exit', 'SystemExit']);

function lezerFacts(text: string, language: 'python' | 'javascript'): CodeFacts {
  const tree = language === 'python' ? pythonTree(text) : jsTree(text);
  const lineOf = lineIndex(text);
  const exits = new Map<number, number[]>();
  const add = (code: number, at: number) => (exits.get(code) ?? exits.set(code, []).get(code)!).push(lineOf(at));
  let decides = false;
  let blocks = false;
  const src = (n: LezerNode) => text.slice(n.from, n.to);
  /** A decision key found at `key`: its value is the node after `:`/`=` (of the key, or of the subscript or member it is in). */
  const decisionKey = (key: LezerNode, name: string) => {
    decides = true;
    if (name !== 'decision') return;
    let at: LezerNode | null = key;
    if (at.parent?.name === 'MemberExpression' && at.parent.firstChild?.from !== at.from) at = at.parent;
    const op = at.nextSibling;
    if (!op || !/^(:|AssignOp|Equals)$/.test(op.name)) return;
    const value = op.nextSibling;
    if (value && STRING_NODES.test(value.name) && stringValue(src(value)) === 'block') blocks = true;
  };
  tree.iterate({
    enter: (ref) => {
      const name = ref.name;
      if (name === 'Comment' || name === 'LineComment' || name === 'BlockComment') return false;
      if (name === 'CallExpression') {
        const n = ref.node;
        const callee = n.firstChild;
        const args = n.lastChild;
        if (!callee || args?.name !== 'ArgList') return;
        const c = src(callee).replace(/\s+/g, '');
        const list = kids(args).filter((x) => !/^[(),]$/.test(x.name));
        if (list.length === 1 && list[0]!.name === 'Number' && /^\d+$/.test(src(list[0]!)) && (language === 'python' ? PY_EXIT_CALLEES.has(c) : c === 'process.exit')) add(Number(src(list[0]!)), n.from);
        return;
      }
      if (name === 'AssignmentExpression' && language === 'javascript') {
        const n = ref.node;
        const [target, op, value] = kids(n);
        if (target && src(target).replace(/\s+/g, '') === 'process.exitCode' && op?.name === 'Equals' && value?.name === 'Number' && /^\d+$/.test(src(value))) add(Number(src(value)), n.from);
        return;
      }
      if (STRING_NODES.test(name)) {
        const n = ref.node;
        const raw = src(n);
        const v = stringValue(raw);
        if (v === 'permissionDecision') decisionKey(n, v);
        else if (v === 'decision') {
          // A key (`{"decision": …}`, `out["decision"] = …`), not a read (`.get("decision")`).
          const next = n.nextSibling;
          const p = n.parent;
          if (next?.name === ':' || (p?.name === 'MemberExpression' && /^(AssignOp|Equals)$/.test(p.nextSibling?.name ?? ''))) decisionKey(n, v);
        } else if (DECISION_TEXT.test(raw)) {
          decides = true;
          if (BLOCK_TEXT.test(raw)) blocks = true;
        }
        return false;
      }
      if (name === 'PropertyDefinition' || name === 'PropertyName' || name === 'VariableName' || name === 'VariableDefinition') {
        const n = ref.node;
        const id = src(n);
        if (id === 'permissionDecision') decisionKey(n, id);
        else if (id === 'decision') {
          const next = n.nextSibling;
          const p = n.parent;
          // `{decision: …}`, `out.decision = …`, `dict(decision=…)`, `decision = …`.
          if (next && /^(:|AssignOp|Equals)$/.test(next.name)) decisionKey(n, id);
          // A declared output shape: `decision: Literal["block"]` (a TypedDict), `decision: "block"` (a TypeScript interface).
          else if (next && (next.name === 'TypeDef' || next.name === 'TypeAnnotation')) {
            decides = true;
            if (/^:\s*["']block["']$/.test(src(next).trim())) blocks = true;
          }
          else if (name === 'PropertyName' && p?.name === 'MemberExpression' && /^(AssignOp|Equals)$/.test(p.nextSibling?.name ?? '')) decisionKey(n, id);
        }
      }
      return;
    },
  });
  return { exits, decides, blocks };
}

/**
 * True when `name` occurs in a script's code: in Python and JavaScript
 * outside comments and prose (`codeText`; ordinary strings count:
 * `data.get("stop_hook_active")`, and a template's `${…}`), in shell inside a
 * command, a test, a word or a here-document (a `jq` filter, a `python3 -c`
 * program), not in a comment.
 * Found by the parsers, so a comment that mentions the name does not count.
 */
export function mentionsInCode(text: string, language: ScriptLanguage, name: string): boolean {
  if (!text.includes(name)) return false;
  if (language === 'python' || language === 'javascript') return codeText(text, language).includes(name);
  if (language !== 'shell') return true;
  const script = shellTree(text);
  if (!script) return true;
  const at: number[] = [];
  for (let i = text.indexOf(name); i !== -1; i = text.indexOf(name, i + 1)) at.push(i);
  let found = false;
  const visit = (n: SyntaxNode) => {
    if (found) return;
    const within = (pos: number, end: number) => at.some((i) => i >= pos && i + name.length <= end);
    if (n.type === 'Command') {
      // Nested commands (substitutions) lie within the command's span; here-documents after it.
      if (within(n.pos, n.end) || n.suffix.some((a) => a.type === 'HereDoc' && within(a.body.pos, a.body.end))) found = true;
      return;
    }
    // Only the nodes that hold lists of statements can hold a comment: any other node's span is
    // code (a `[[ … ]]` test, a `case` word, a `for … in` list, a redirection's target).
    if (!SHELL_CONTAINERS.has(n.type)) {
      if (within(n.pos, n.end)) found = true;
      return;
    }
    forEachChild(n, visit);
  };
  visit(script);
  return found;
}

/**
 * The code facts of a Ruby script: its literal exit codes and their lines
 * (`exit 2`, `exit`, `abort "…"`) from its tree, none while the Ruby parser is
 * not loaded; a decision key in its text (`decision: "block"`, `"decision" =>`).
 */
function rubyFacts(text: string): CodeFacts {
  const exits = new Map<number, number[]>();
  for (const s of rubyExitSites(text) ?? []) (exits.get(s.code) ?? exits.set(s.code, []).get(s.code)!).push(s.line);
  const code = text.replace(/^\s*#.*$/gm, '');
  return { exits, decides: SHELL_DECISION.test(code) || /["':]decision["']?\s*=>/.test(code), blocks: BLOCK_TEXT.test(code) || /(?:["']decision["']\s*=>|\bdecision:)\s*["':]block\b/.test(code) };
}
