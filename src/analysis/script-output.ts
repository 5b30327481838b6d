import type { SyntaxNode as LezerNode, Tree } from '@lezer/common';
import { forEachChild, type SyntaxNode } from 'unbash';
import { UNKNOWN_VALUE } from '../model/contract.js';
import { jsTree, kids, lineIndex, pythonTree, shellTree, stringValue } from './script-parse.js';
import { linkedTexts } from './script-links.js';
import { execRedirects } from './script-messages.js';
import { argValue, VarRef, withoutRefs, type ValueRef } from './script-values.js';
import { rubyOutput } from './script-output-ruby.js';
import { fileLanguage, forwardedArgs, placeholdersOf, scriptLanguage, scriptsOf, scriptText, type ResolvedScript, type ScriptLanguage, type ScriptOptions } from './scripts.js';
import type { HandlerEntry } from '../model/model.js';

/**
 * What a hook script prints and how it exits, read statically from its text
 * (SPEC.md §13.4; never executed). Each print is an `Emission`: the stream,
 * the JSON object it prints with its literal keys and values (computed values
 * are `UNKNOWN_VALUE`), or plain text, and the literal exit code of the
 * statement that ends its block, when the block ends in one.
 *
 * Parsers: shell is parsed by unbash (already the project's shell parser);
 * Python and JavaScript/TypeScript by Lezer (`@lezer/python`,
 * `@lezer/javascript`). Lezer rather than tree-sitter's WASM build: Lezer's
 * parsers are plain JavaScript and parse synchronously, so the rules (which are
 * synchronous) can call them with no WebAssembly instantiation or async
 * start-up; they are error-tolerant (a script with a syntax error still yields
 * a tree for the parts that parse), small (~200 KB each, no native or WASM
 * binary to ship), and kept by the CodeMirror project. They are required only
 * when a run reads a Python or JavaScript script, so `check` on a settings file
 * never loads them.
 *
 * What is computed stays unknown: an object built at run time is `open`
 * (keys may be added), a printed variable that holds no literal object is
 * `unknown`, and a rule reports only what the text proves.
 */

/** One thing a script writes to stdout or stderr. */
export interface Emission {
  stream: 'stdout' | 'stderr';
  /** `json`: an object literal (after `json.dumps`/`JSON.stringify`, or JSON text); `text`: literal text; `unknown`: a computed value. */
  kind: 'json' | 'text' | 'unknown';
  /** For `json`: the object, keys literal, values literal or `UNKNOWN_VALUE` (nested objects kept). */
  json?: Record<string, unknown>;
  /** For `json`: keys may be added at run time (`out[key] = …`, `**extra`, `...rest`, `out.update(…)`). */
  open?: boolean;
  /** For `text`: the literal parts (computed parts as `…`). */
  text?: string;
  /** 1-based line of the print. */
  line: number;
  /** The literal exit code that ends the print's path (`print(...); sys.exit(2)`), when there is one. */
  exit?: number;
  /** The print's path leaves its function or the script by other means before anything else runs (`return`, `raise`, `exit "$code"`). */
  endsPath?: boolean;
  /** The print's path ends in `exec prog …` (shell): the program replaces the script, so its exit code is the program's. */
  handsOver?: boolean;
  /** The function (helper) the print is inside, when it is inside one: `deny(reason)` counts where it is called. */
  fn?: string;
  /**
   * The print runs only on some guarded paths of its function (or of the
   * script's top level): it sits in the branch of an `if`/`elif` taken when its
   * test holds, a loop, a `case`/`switch`, an `except`/`catch`, after
   * `&&`/`||`. An `else` branch (where a check that found nothing falls
   * through) and `if __name__ == "__main__":` do not count.
   */
  conditional: boolean;
  /** Values of `json` that are variables (`"permissionDecision": decision`): a helper's call can give them. */
  refs?: ValueRef[];
}

/** One call of a function the script may define, with where it is made. */
export interface Call {
  line: number;
  /** The call's arguments: literal values, or `UNKNOWN_VALUE`. */
  args?: unknown[];
  /** Keyword arguments (Python), literal values or `UNKNOWN_VALUE`. */
  kwargs?: Record<string, unknown>;
  /** The function the call is inside (undefined: the top level). */
  fn?: string;
  conditional: boolean;
}

export type { ValueRef } from './script-values.js';

/** An emission before its place is known (line, function, paths). */
type Printed = Omit<Emission, 'line' | 'conditional' | 'fn' | 'endsPath'>;

/** What a script prints, and the lines where each function is called. */
export interface ScriptOutput {
  emissions: Emission[];
  /** Function name -> its calls. */
  calls: ReadonlyMap<string, readonly Call[]>;
  /** Function name -> its parameter names, in order. */
  params: ReadonlyMap<string, readonly string[]>;
}

const EMPTY: ScriptOutput = { emissions: [], calls: new Map(), params: new Map() };

/**
 * The emissions of a script's text in `language` (cached per text; bounded).
 * `other` languages yield none.
 */
export function scriptOutput(text: string, language: ScriptLanguage): ScriptOutput {
  // Ruby: its own module and cache (nothing is cached while its parser is not loaded).
  if (language === 'ruby') return rubyOutput(text) ?? EMPTY;
  const key = language + '\0' + text;
  let out = cache.get(key);
  if (!out) {
    if (cache.size >= CACHE_SIZE) cache.clear();
    try {
      out = language === 'shell' ? shellOutput(text) : language === 'python' ? pythonOutput(text) : language === 'javascript' ? jsOutput(text) : EMPTY;
    } catch {
      out = EMPTY;
    }
    cache.set(key, out);
  }
  return out;
}
const CACHE_SIZE = 256;
const cache = new Map<string, ScriptOutput>();

// ---------------------------------------------------------------------------
// Lezer (trees from script-parse.ts, parsed once per text)

/** The literal parts of a string, f-string or template (computed parts as `…`), or undefined for other nodes. */
function textOf(n: LezerNode, text: string): string | undefined {
  const src = text.slice(n.from, n.to);
  if (n.name === 'String' || n.name === 'TemplateString' || n.name === 'FormatString') {
    const v = stringValue(src);
    if (v !== undefined) return v;
    return src.replace(/^[rRbBuUfF]{0,2}('''|"""|'|"|`)|('''|"""|'|"|`)$/g, '').replace(/\$\{[^}]*\}|\{[^{}]*\}/g, '…');
  }
  if (n.name === 'BinaryExpression' || n.name === 'ConcatenatedString' || n.name === 'ContinuedString') {
    const parts = kids(n).map((c) => (c.name === 'ArithOp' || c.name === '+' ? '' : (textOf(c, text) ?? '…')));
    return parts.join('');
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Python

/** A Python value as the contract judge sees it: literals, dicts and lists; anything else unknown. */
function pyValue(n: LezerNode, text: string, open: { v: boolean }): unknown {
  switch (n.name) {
    case 'String': {
      const v = stringValue(text.slice(n.from, n.to));
      return v === undefined ? UNKNOWN_VALUE : v;
    }
    case 'Number':
      return Number(text.slice(n.from, n.to));
    case 'Boolean':
      return text.slice(n.from, n.to) === 'True';
    case 'None':
      return null;
    case 'DictionaryExpression':
      return pyDict(n, text, open);
    case 'ArrayExpression':
      return kids(n).filter((c) => !/^[[\],]$/.test(c.name)).map((c) => pyValue(c, text, { v: false }));
    case 'VariableName':
      return new VarRef(text.slice(n.from, n.to));
    default:
      return UNKNOWN_VALUE;
  }
}

function pyDict(n: LezerNode, text: string, open: { v: boolean }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const cs = kids(n).filter((c) => c.name !== '{' && c.name !== '}' && c.name !== ',');
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i]!;
    if (c.name === '**') {
      open.v = true;
      i++;
      continue;
    }
    if (cs[i + 1]?.name !== ':') {
      open.v = true;
      continue;
    }
    const key = c.name === 'String' ? stringValue(text.slice(c.from, c.to)) : undefined;
    const value = cs[i + 2];
    i += 2;
    if (key === undefined) {
      open.v = true;
      continue;
    }
    out[key] = value ? pyValue(value, text, { v: false }) : UNKNOWN_VALUE;
  }
  return out;
}

/** `a.b` of a MemberExpression, or a VariableName, as text. */
function calleeName(n: LezerNode, text: string): string {
  return text.slice(n.from, n.to).replace(/\s+/g, '');
}

/** The literal exit code of a Python statement (`sys.exit(2)`, `exit(2)`, `os._exit(2)`, `raise SystemExit(2)`), `0` for `sys.exit()`, undefined otherwise. */
function pyExit(stmt: LezerNode, text: string): number | undefined {
  const src = text.slice(stmt.from, stmt.to).trim();
  const m = /^(?:raise\s+SystemExit|(?:sys\.)?exit|os\._exit|quit)\s*\(\s*(\d*)\s*\)$/.exec(src);
  return m ? (m[1] ? Number(m[1]) : 0) : undefined;
}

/** Statements that end a block without a known code: `return`, `raise`, `break`, `continue`. */
const PY_ENDS = /^(ReturnStatement|RaiseStatement|BreakStatement|ContinueStatement|ThrowStatement)$/;

function pythonOutput(text: string): ScriptOutput {
  if (!/print|stdout|stderr|json\.dump/.test(text)) return EMPTY;
  const tree = pythonTree(text);
  const lineOf = lineIndex(text);
  currentText = text;
  exitOf = (s) => pyExit(s, text);
  const emissions: Emission[] = [];
  const calls = new Map<string, Call[]>();
  const params = new Map<string, string[]>();
  // Assignments of dict literals by name, in text order: a printed variable takes the last one before the print.
  const dicts: { name: string; at: number; node: LezerNode }[] = [];
  const grows: { name: string; at: number; key?: string; value?: LezerNode }[] = [];
  const strings = /\bprint\(\s*[A-Za-z_]\w*\s*[,)]/.test(text) ? pyStringVariables(tree, text) : undefined;
  tree.iterate({
    enter: (ref) => {
      const n = ref.node;
      if (n.name === 'FunctionDefinition') {
        const name = kids(n).find((c) => c.name === 'VariableName');
        if (name) params.set(text.slice(name.from, name.to), paramNames(kids(n).find((c) => c.name === 'ParamList'), text));
      }
      if (n.name === 'AssignStatement') {
        // `out = {…}` and `out: HookOutput = {…}`.
        const cs = kids(n).filter((c) => c.name !== 'TypeDef');
        const [target, op, value] = cs;
        if (target?.name === 'VariableName' && op?.name === 'AssignOp' && value?.name === 'DictionaryExpression') dicts.push({ name: text.slice(target.from, target.to), at: n.from, node: value });
        if (target?.name === 'MemberExpression' && op?.name === 'AssignOp') {
          const [obj, br, key] = kids(target);
          if (obj?.name === 'VariableName' && br?.name === '[')
            grows.push({ name: text.slice(obj.from, obj.to), at: n.from, key: key?.name === 'String' ? stringValue(text.slice(key.from, key.to)) : undefined, value });
        }
      }
      if (n.name === 'CallExpression') {
        const callee = n.firstChild;
        if (callee?.name === 'VariableName') {
          const name = text.slice(callee.from, callee.to);
          const list = calls.get(name) ?? [];
          list.push({ line: lineOf(n.from), ...context(n), ...callArgs(n.lastChild, text, (x) => pyValue(x, text, { v: false })) });
          calls.set(name, list);
        }
        if (callee?.name === 'MemberExpression' && /\.(update|setdefault)$/.test(calleeName(callee, text))) {
          const obj = callee.firstChild;
          if (obj?.name === 'VariableName') grows.push({ name: text.slice(obj.from, obj.to), at: n.from });
        }
        const e = pyEmission(n, text);
        if (e) emissions.push(finish(e, n, lineOf));
      }
    },
  });
  function objectOf(arg: LezerNode): { json: Record<string, unknown>; open: boolean } | undefined {
    const open = { v: false };
    if (arg.name === 'DictionaryExpression') return { json: pyDict(arg, text, open), open: open.v };
    if (arg.name !== 'VariableName') return undefined;
    const name = text.slice(arg.from, arg.to);
    const def = dicts.filter((d) => d.name === name && d.at < arg.from).pop();
    if (!def) return undefined;
    const json = pyDict(def.node, text, open);
    for (const g of grows) {
      if (g.name !== name || g.at < def.at || g.at > arg.from) continue;
      if (g.key === undefined) open.v = true;
      else json[g.key] = g.value ? pyValue(g.value, text, { v: false }) : UNKNOWN_VALUE;
    }
    return { json, open: open.v };
  }
  function pyEmission(call: LezerNode, text: string): Printed | undefined {
    const callee = call.firstChild;
    const args = call.lastChild;
    if (!callee || args?.name !== 'ArgList') return undefined;
    const name = calleeName(callee, text);
    const argNodes = kids(args).filter((c) => !/^[(),]$/.test(c.name));
    let stream: 'stdout' | 'stderr';
    let payload: LezerNode | undefined;
    if (name === 'print') {
      // print(x, file=sys.stderr)
      const fileIdx = argNodes.findIndex((c, i) => c.name === 'VariableName' && text.slice(c.from, c.to) === 'file' && argNodes[i + 1]?.name === 'AssignOp');
      let file = 'sys.stdout';
      if (fileIdx >= 0) file = text.slice(argNodes[fileIdx + 2]!.from, argNodes[fileIdx + 2]!.to);
      if (!/^sys\.(stdout|stderr)$/.test(file)) return undefined;
      stream = file === 'sys.stderr' ? 'stderr' : 'stdout';
      payload = fileIdx === 0 ? undefined : argNodes[0];
      if (!payload) return { stream, kind: 'text', text: '' };
    } else if (name === 'sys.stdout.write' || name === 'sys.stderr.write') {
      stream = name === 'sys.stderr.write' ? 'stderr' : 'stdout';
      payload = argNodes[0];
    } else if (name === 'json.dump') {
      const file = argNodes[1] ? text.slice(argNodes[1].from, argNodes[1].to) : '';
      if (!/^sys\.(stdout|stderr)$/.test(file)) return undefined;
      stream = file === 'sys.stderr' ? 'stderr' : 'stdout';
      const o = argNodes[0] && objectOf(argNodes[0]);
      return o ? { stream, kind: 'json', json: o.json, open: o.open } : { stream, kind: 'unknown' };
    } else return undefined;
    if (!payload) return undefined;
    if (payload.name === 'CallExpression' && payload.firstChild && calleeName(payload.firstChild, text) === 'json.dumps') {
      const inner = payload.lastChild ? kids(payload.lastChild).find((c) => !/^[(),]$/.test(c.name)) : undefined;
      const o = inner && objectOf(inner);
      return o ? { stream, kind: 'json', json: o.json, open: o.open } : { stream, kind: 'unknown' };
    }
    const t = textOf(payload, text) ?? (payload.name === 'VariableName' ? strings?.(payload) : undefined);
    if (t !== undefined) {
      const j = jsonText(t);
      return j ? { stream, kind: 'json', ...j } : { stream, kind: 'text', text: t };
    }
    return { stream, kind: 'unknown' };
  }
  return { emissions, calls, params };
}

/**
 * The text a Python variable holds where it is printed (`message = f"Preparing… {x}"`,
 * `message += "…"`, then `print(message)`), when the text proves it: every
 * assignment to the name in the print's function (or at the top level) is a
 * string, f-string or concatenation of them, and the name is bound no other
 * way there (a parameter, a `for` or `with … as` target, tuple unpacking, `:=`,
 * `global`). The value is the last plain assignment before the print followed by
 * the `+=` after it, computed parts as `…`. Built by one walk of the tree.
 */
function pyStringVariables(tree: Tree, text: string): (v: LezerNode) => string | undefined {
  type Assign = { name: string; at: number; scope: number; op: '=' | '+='; text: string | undefined };
  const assigns: Assign[] = [];
  const scopes: { from: number; to: number }[] = [];
  const scopeOf = (n: LezerNode) => {
    for (let p = n.parent; p; p = p.parent) if (p.name === 'FunctionDefinition' || p.name === 'LambdaExpression') return p.from;
    return -1;
  };
  tree.iterate({
    enter: (ref) => {
      const n = ref.node;
      if (n.name === 'FunctionDefinition') scopes.push({ from: n.from, to: n.to });
      if (n.name !== 'AssignStatement' && n.name !== 'UpdateStatement') return;
      const cs = kids(n).filter((c) => c.name !== 'TypeDef');
      const [target, op, value, extra] = cs;
      if (target?.name !== 'VariableName' || !value) return;
      const name = text.slice(target.from, target.to);
      const opText = op ? text.slice(op.from, op.to) : '';
      // `a = b = "x"`, `x -= 1`: not a plain string assignment (recorded as one that is not text).
      const plain = extra === undefined && (opText === '=' || opText === '+=');
      assigns.push({ name, at: n.from, scope: scopeOf(n), op: opText === '+=' ? '+=' : '=', text: plain ? textOf(value, text) : undefined });
    },
  });
  return (v) => {
    const name = text.slice(v.from, v.to);
    const scope = scopeOf(v);
    const own = assigns.filter((a) => a.name === name && a.scope === scope);
    if (own.length === 0 || own.some((a) => a.text === undefined)) return undefined;
    const body = scope < 0 ? text : text.slice(scope, scopes.find((s) => s.from === scope)?.to ?? text.length);
    const other = new RegExp(
      `^\\s*def\\s+\\w+\\s*\\([^)]*\\b${name}\\b|\\bfor\\s+[^\\n:]*\\b${name}\\b[^\\n:]*\\bin\\b|\\bas\\s+${name}\\b|\\b${name}\\s*:=|\\b(?:global|nonlocal)\\s+[^\\n]*\\b${name}\\b|^[ \\t]*(?:[\\w*]+\\s*,\\s*)+${name}\\b|^[ \\t]*${name}\\s*,|\\bdel\\s+${name}\\b`,
      'm',
    );
    if (other.test(body)) return undefined;
    const before = own.filter((a) => a.at < v.from);
    let last = -1;
    before.forEach((a, i) => {
      if (a.op === '=') last = i;
    });
    if (last < 0) return undefined;
    return before.slice(last).map((a) => a.text).join('');
  };
}

/**
 * Fill in an emission's line, enclosing function and the exit code that ends
 * its block: the first later sibling statement (of the statement holding the
 * print) that exits with a literal code; none when a `return`/`raise`/`break`
 * or the block's end comes first.
 */
function finish(e: Printed, call: LezerNode, lineOf: (o: number) => number): Emission {
  const out: Emission = withRefs({ ...e, line: lineOf(call.from), conditional: false });
  // Fall through: the statements after the print's, then after each enclosing statement, up to its function.
  let stmt: LezerNode | null = call;
  search: while (stmt) {
    while (stmt && stmt.parent && !/^(Body|Script|Block)$/.test(stmt.parent.name)) stmt = stmt.parent;
    if (!stmt || !stmt.parent) break;
    for (let s: LezerNode | null = stmt.nextSibling; s; s = s.nextSibling) {
      const code = exitOf(s);
      if (code !== undefined) {
        out.exit = code;
        break search;
      }
      if (PY_ENDS.test(s.name)) {
        out.endsPath = true;
        break search;
      }
    }
    const block: LezerNode = stmt.parent;
    if (block.name === 'Script' || !block.parent || /^(FunctionDefinition|FunctionDeclaration|MethodDeclaration|ArrowFunction|FunctionExpression|ClassBody)$/.test(block.parent.name)) break;
    // Leaving a loop body goes back to the loop, not on: stop there.
    if (/^(ForStatement|WhileStatement|ForInStatement|ForOfStatement|DoStatement)$/.test(block.parent.name)) break;
    stmt = block.parent;
  }
  Object.assign(out, context(call));
  return out;
}

/** Replace the variables of an emission's object by `UNKNOWN_VALUE`, keeping where they were (`refs`). */
function withRefs(e: Emission): Emission {
  if (!e.json) return e;
  const { json, refs } = withoutRefs(e.json);
  return { ...e, json, ...(refs.length ? { refs } : {}) };
}

/** The parameter names of a Lezer function's ParamList (Python: without `self`, `*args`, `**kwargs`). */
function paramNames(list: LezerNode | undefined, text: string): string[] {
  if (!list) return [];
  const out: string[] = [];
  const cs = kids(list);
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i]!;
    const prev = cs[i - 1];
    if ((c.name === 'VariableName' || c.name === 'VariableDefinition') && prev?.name !== 'AssignOp' && prev?.name !== 'Equals' && !(prev && /^\*{1,2}$/.test(text.slice(prev.from, prev.to)))) {
      const name = text.slice(c.from, c.to);
      if (name !== 'self' && name !== 'cls') out.push(name);
    }
  }
  return out;
}

/** A call's positional and keyword arguments (literal values or `UNKNOWN_VALUE`). */
function callArgs(args: LezerNode | null, text: string, value: (n: LezerNode) => unknown): { args: unknown[]; kwargs: Record<string, unknown> } {
  const positional: unknown[] = [];
  const kwargs: Record<string, unknown> = {};
  if (!args) return { args: positional, kwargs };
  const cs = kids(args).filter((c) => !/^[(),]$/.test(c.name));
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i]!;
    if (c.name === 'VariableName' && cs[i + 1]?.name === 'AssignOp' && cs[i + 2]) {
      kwargs[text.slice(c.from, c.to)] = argValue(value(cs[i + 2]!));
      i += 2;
    } else positional.push(argValue(value(c)));
  }
  return { args: positional, kwargs };
}

/** Lezer nodes whose body runs only on some paths. */
const CONDITIONAL = /^(IfStatement|WhileStatement|ForStatement|ForInStatement|ForOfStatement|DoStatement|SwitchStatement|MatchStatement|CatchClause|ConditionalExpression)$/;

/**
 * The named function a Lezer node is inside (anonymous functions, such as
 * `process.stdin.on("end", () => …)` callbacks, are looked through) and whether
 * it runs only on some paths of that function.
 */
function context(node: LezerNode): { fn?: string; conditional: boolean } {
  let conditional = false;
  // Lezer hands out a new node object on each access: nodes are compared by position.
  let child: LezerNode = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (p.name === 'FunctionDefinition' || p.name === 'FunctionDeclaration' || p.name === 'MethodDeclaration') {
      const name = kids(p).find((c) => c.name === 'VariableName' || c.name === 'VariableDefinition' || c.name === 'PropertyDefinition');
      return { ...(name ? { fn: currentText.slice(name.from, name.to) } : {}), conditional };
    }
    if (p.name === 'ArrowFunction' || p.name === 'FunctionExpression') {
      // `const deny = (reason) => { … }` is a helper; other anonymous functions are looked through.
      const def = p.parent?.name === 'VariableDeclaration' ? kids(p.parent).find((c) => c.name === 'VariableDefinition') : undefined;
      if (def) return { fn: currentText.slice(def.from, def.to), conditional };
      continue;
    }
    if (p.name === 'IfStatement' && /__name__/.test(currentText.slice(p.from, Math.min(p.to, p.from + 60))) && /^\s*if\s+__name__\s*==/.test(currentText.slice(p.from, p.to))) {
      // `if __name__ == "__main__":` runs whenever the script is run; its condition is not a path.
      const firstBody = kids(p).find((c) => c.name === 'Body');
      if (firstBody && firstBody.from === child.from) continue;
    }
    if (p.name === 'IfStatement' && /^\s*if\s*\(\s*require\.main\s*===?\s*module\s*\)/.test(currentText.slice(p.from, Math.min(p.to, p.from + 60)))) {
      // Its JavaScript twin, `if (require.main === module)`: the script run directly (not loaded by a test).
      // Its `else` branch runs only when the script is loaded as a module: never as a hook.
      if (child.prevSibling?.name === 'else') conditional = true;
      if (child.name !== 'ParenthesizedExpression') continue;
    }
    // The `else` branch of an `if` is where a check that refuses nothing falls through: not a guarded path.
    if (CONDITIONAL.test(p.name) && !(p.name === 'IfStatement' && child.prevSibling?.name === 'else')) conditional = true;
    // Python: the `except`/`else` bodies of a `try` (every Body but the first).
    if (p.name === 'TryStatement' && child.name === 'Body' && kids(p).find((c) => c.name === 'Body')?.from !== child.from) conditional = true;
    // `a && print(…)`, `x or print(…)`: the right side runs on some paths.
    if (p.name === 'BinaryExpression' && child.from !== p.firstChild?.from && kids(p).some((c) => c.name === 'LogicOp' || c.name === 'and' || c.name === 'or')) conditional = true;
  }
  return { conditional };
}

// `finish` reads the text being analysed (set by each language's entry point before it walks).
let currentText = '';
let exitOf: (s: LezerNode) => number | undefined = () => undefined;

// ---------------------------------------------------------------------------
// JavaScript / TypeScript

function jsValue(n: LezerNode, text: string, open: { v: boolean }): unknown {
  switch (n.name) {
    case 'String': {
      const v = stringValue(text.slice(n.from, n.to));
      return v === undefined ? UNKNOWN_VALUE : v;
    }
    case 'Number':
      return Number(text.slice(n.from, n.to));
    case 'BooleanLiteral':
      return text.slice(n.from, n.to) === 'true';
    case 'null':
      return null;
    case 'ObjectExpression':
      return jsObject(n, text, open);
    case 'ArrayExpression':
      return kids(n).filter((c) => !/^[[\],]$/.test(c.name)).map((c) => jsValue(c, text, { v: false }));
    case 'VariableName':
      return new VarRef(text.slice(n.from, n.to));
    default:
      return UNKNOWN_VALUE;
  }
}

function jsObject(n: LezerNode, text: string, open: { v: boolean }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of kids(n)) {
    if (p.name !== 'Property') continue;
    const cs = kids(p);
    const k = cs[0];
    if (!k || k.name === 'Spread' || text.slice(p.from, p.from + 3) === '...') {
      open.v = true;
      continue;
    }
    const key = k.name === 'PropertyDefinition' ? text.slice(k.from, k.to) : k.name === 'String' ? stringValue(text.slice(k.from, k.to)) : undefined;
    if (key === undefined || cs[1]?.name === 'ParamList') {
      open.v = true;
      continue;
    }
    const colon = cs.findIndex((c) => c.name === ':');
    // `{ reason }` (shorthand): a computed value.
    out[key] = colon >= 0 && cs[colon + 1] ? jsValue(cs[colon + 1]!, text, { v: false }) : k.name === 'PropertyDefinition' ? new VarRef(key) : UNKNOWN_VALUE;
  }
  return out;
}

function jsExit(stmt: LezerNode, text: string): number | undefined {
  const src = text.slice(stmt.from, stmt.to).trim().replace(/;$/, '');
  const m = /^(?:return\s+)?process\.exit\s*\(\s*(\d*)\s*\)$/.exec(src);
  if (m) return m[1] ? Number(m[1]) : 0;
  const c = /^process\.exitCode\s*=\s*(\d+)$/.exec(src);
  return c ? Number(c[1]) : undefined;
}

function jsOutput(text: string): ScriptOutput {
  if (!/console\.|process\.std(out|err)/.test(text)) return EMPTY;
  const tree = jsTree(text);
  const lineOf = lineIndex(text);
  currentText = text;
  exitOf = (s) => jsExit(s, text);
  const emissions: Emission[] = [];
  const calls = new Map<string, Call[]>();
  const params = new Map<string, string[]>();
  const objects: { name: string; at: number; node: LezerNode }[] = [];
  const grows: { name: string; at: number; key?: string; value?: LezerNode }[] = [];
  tree.iterate({
    enter: (ref) => {
      const n = ref.node;
      if (n.name === 'FunctionDeclaration') {
        const name = kids(n).find((c) => c.name === 'VariableDefinition');
        if (name) params.set(text.slice(name.from, name.to), paramNames(kids(n).find((c) => c.name === 'ParamList'), text));
      }
      if (n.name === 'VariableDeclaration') {
        const cs = kids(n);
        const def = cs.find((c) => c.name === 'VariableDefinition');
        const fn = cs.find((c) => c.name === 'ArrowFunction' || c.name === 'FunctionExpression');
        if (def && fn) {
          const list = kids(fn).find((c) => c.name === 'ParamList');
          params.set(text.slice(def.from, def.to), list ? paramNames(list, text) : kids(fn).filter((c) => c.name === 'VariableDefinition').map((c) => text.slice(c.from, c.to)));
        }
        const i = cs.findIndex((c) => c.name === 'VariableDefinition');
        if (i >= 0 && cs[i + 1]?.name === 'Equals' && cs[i + 2]?.name === 'ObjectExpression') objects.push({ name: text.slice(cs[i]!.from, cs[i]!.to), at: n.from, node: cs[i + 2]! });
      }
      if (n.name === 'AssignmentExpression') {
        const [target, , value] = kids(n);
        if (target?.name === 'MemberExpression') {
          const [obj, dot, prop] = kids(target);
          if (obj?.name === 'VariableName') {
            const key = dot?.name === '.' && prop ? text.slice(prop.from, prop.to) : prop?.name === 'String' ? stringValue(text.slice(prop.from, prop.to)) : undefined;
            grows.push({ name: text.slice(obj.from, obj.to), at: n.from, key, value });
          }
        }
      }
      if (n.name === 'CallExpression') {
        const callee = n.firstChild;
        if (callee?.name === 'VariableName') {
          const name = text.slice(callee.from, callee.to);
          const list = calls.get(name) ?? [];
          list.push({ line: lineOf(n.from), ...context(n), ...callArgs(n.lastChild, text, (x) => jsValue(x, text, { v: false })) });
          calls.set(name, list);
        }
        if (callee && /^Object\.assign$/.test(calleeName(callee, text))) {
          const first = n.lastChild && kids(n.lastChild).find((c) => c.name === 'VariableName');
          if (first) grows.push({ name: text.slice(first.from, first.to), at: n.from });
        }
        const e = jsEmission(n);
        if (e) emissions.push(finish(e, n, lineOf));
      }
    },
  });
  function objectOf(arg: LezerNode): { json: Record<string, unknown>; open: boolean } | undefined {
    const open = { v: false };
    if (arg.name === 'ObjectExpression') return { json: jsObject(arg, text, open), open: open.v };
    if (arg.name !== 'VariableName') return undefined;
    const name = text.slice(arg.from, arg.to);
    const def = objects.filter((d) => d.name === name && d.at < arg.from).pop();
    if (!def) return undefined;
    const json = jsObject(def.node, text, open);
    for (const g of grows) {
      if (g.name !== name || g.at < def.at || g.at > arg.from) continue;
      if (g.key === undefined) open.v = true;
      else json[g.key] = g.value ? jsValue(g.value, text, { v: false }) : UNKNOWN_VALUE;
    }
    return { json, open: open.v };
  }
  function jsEmission(call: LezerNode): Printed | undefined {
    const callee = call.firstChild;
    const args = call.lastChild;
    if (!callee || args?.name !== 'ArgList') return undefined;
    const name = calleeName(callee, text);
    let stream: 'stdout' | 'stderr';
    if (name === 'console.log' || name === 'console.info' || name === 'process.stdout.write') stream = 'stdout';
    else if (name === 'console.error' || name === 'console.warn' || name === 'process.stderr.write') stream = 'stderr';
    else return undefined;
    const argNodes = kids(args).filter((c) => !/^[(),]$/.test(c.name));
    const payload = argNodes[0];
    if (!payload) return { stream, kind: 'text', text: '' };
    if (payload.name === 'CallExpression' && payload.firstChild && calleeName(payload.firstChild, text) === 'JSON.stringify') {
      const inner = payload.lastChild ? kids(payload.lastChild).find((c) => !/^[(),]$/.test(c.name)) : undefined;
      const o = inner && objectOf(inner);
      return o ? { stream, kind: 'json', json: o.json, open: o.open } : { stream, kind: 'unknown' };
    }
    const t = textOf(payload, text);
    if (t !== undefined && argNodes.length === 1) {
      const j = jsonText(t);
      return j ? { stream, kind: 'json', ...j } : { stream, kind: 'text', text: t };
    }
    return { stream, kind: 'unknown' };
  }
  return { emissions, calls, params };
}

// ---------------------------------------------------------------------------
// Shell

/** A marker for a computed part of a shell word (an expansion), inside JSON text. */
const COMPUTED = '\ue000';

/** A shell word's text, with its expansions replaced by COMPUTED. */
function shellWordText(w: SyntaxNode): string {
  const word = w as unknown as { value?: string; parts?: { type: string; value?: string; text?: string; parts?: unknown[] }[] };
  const parts = word.parts;
  if (!parts) return word.value ?? '';
  const flat = (ps: { type: string; value?: string; text?: string; parts?: unknown[] }[]): string =>
    ps
      .map((p) =>
        p.type === 'Literal' || p.type === 'SingleQuoted' || p.type === 'AnsiCQuoted'
          ? (p.value ?? '')
          : p.type === 'DoubleQuoted' || p.type === 'LocaleString'
            ? flat((p.parts ?? []) as typeof ps)
            : COMPUTED,
      )
      .join('');
  return flat(parts);
}

/**
 * A JSON object in printed text, with computed parts (`$VAR`, `…`) as
 * `UNKNOWN_VALUE`, or undefined when the text is not one whole JSON object.
 */
function jsonText(t: string): { json: Record<string, unknown>; open: boolean } | undefined {
  const s = t.trim();
  if (!s.startsWith('{') || !s.endsWith('}')) return undefined;
  // A computed part stands for a value: inside a string it taints the string; bare, it is a whole value.
  const marked = s.replace(/…/g, COMPUTED);
  let open = false;
  const bare = marked.replace(/("(?:[^"\\]|\\.)*")|\ue000+/g, (m, str: string | undefined) => (str ? str : '"\ue000"'));
  let value: unknown;
  try {
    value = JSON.parse(bare);
  } catch {
    return undefined;
  }
  const clean = (v: unknown): unknown => {
    if (typeof v === 'string') return v.includes(COMPUTED) ? UNKNOWN_VALUE : v;
    if (Array.isArray(v)) return v.map(clean);
    if (v && typeof v === 'object') {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        if (k.includes(COMPUTED)) open = true;
        else o[k] = clean(x);
      }
      return o;
    }
    return v;
  };
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return { json: clean(value) as Record<string, unknown>, open };
}

/** A jq object filter (`{decision: "block", reason: $r}`) as JSON text, when it is one literal object. */
function jqObject(filter: string): { json: Record<string, unknown>; open: boolean } | undefined {
  const s = filter.trim();
  if (!s.startsWith('{') || !s.endsWith('}')) return undefined;
  // Bare keys get quotes; `$var`, `.path` and `$__loc__` values are computed.
  const quoted = s
    .replace(/([{,]\s*)([A-Za-z_]\w*)(\s*:)/g, '$1"$2"$3')
    .replace(/([{,]\s*)\$?([A-Za-z_]\w*)(\s*[,}])/g, '$1"$2": "\ue000"$3')
    .replace(/(:\s*)(\$[A-Za-z_]\w*|\.[\w.[\]]*|env\.\w+|\$ENV\.\w+)/g, '$1"\ue000"');
  return jsonText(quoted);
}

const SHELL_PRINTERS = /^(echo|printf|cat|jq)$/;

function shellOutput(text: string): ScriptOutput {
  if (!/echo|printf|cat|jq/.test(text)) return EMPTY;
  const tree = shellTree(text);
  if (!tree) return EMPTY;
  const lineOf = lineIndex(text);
  const emissions: Emission[] = [];
  const calls = new Map<string, Call[]>();
  const functions = new Set<string>();
  const stack: SyntaxNode[] = [];
  /** Where each emission's command starts (0-based offset), to place it after an `exec` on the same line. */
  const starts: number[] = [];
  /** The `exec`s that move the script's later output, with where they end. */
  const moves: { end: number; stdout?: 'stderr' | 'elsewhere'; stderr?: 'stdout' | 'elsewhere' }[] = [];
  const visit = (n: SyntaxNode) => {
    if (n.type === 'Function') functions.add(n.name.value);
    if (n.type === 'Command' && n.name) {
      const name = n.name.value;
      const moved = execRedirects(n);
      if (moved && (moved.stdout || moved.stderr)) moves.push({ end: n.end, ...moved });
      const list = calls.get(name) ?? [];
      list.push({ line: lineOf(n.pos), ...shellContext(n, stack) });
      calls.set(name, list);
      const to = SHELL_PRINTERS.test(name) && reachesStdout(n, stack) ? redirectedTo(stack) : 'elsewhere';
      if (to !== 'elsewhere') {
        const e = shellEmission(n, name);
        if (e) {
          emissions.push(shellFinish(e, n, [...stack], lineOf, to));
          starts.push(n.pos);
        }
      }
    }
    stack.push(n);
    forEachChild(n, visit);
    stack.pop();
  };
  visit(tree);
  // Calls counted only for functions the script defines.
  for (const k of [...calls.keys()]) if (!functions.has(k)) calls.delete(k);
  if (moves.length === 0) return { emissions, calls, params: new Map() };
  // An `exec` that runs no program redirects everything written after it (wherever it sits: in a
  // branch it may not run, and then leaving the output alone says nothing wrong). `exec >&2`: later
  // stdout goes to stderr; `exec > log 2>&1`: to a file; a moved stderr (`exec 2>>log`, `exec 2>&1`)
  // is no message to anyone.
  const kept: Emission[] = [];
  emissions.forEach((e, i) => {
    for (const m of moves) {
      if (starts[i]! < m.end) continue;
      if (e.stream === 'stdout' && m.stdout === 'stderr') e.stream = 'stderr';
      else if ((e.stream === 'stdout' && m.stdout === 'elsewhere') || (e.stream === 'stderr' && m.stderr)) return;
    }
    kept.push(e);
  });
  return { emissions: kept, calls, params: new Map() };
}

function shellEmission(n: SyntaxNode & { type: 'Command' }, name: string): Printed | undefined {
  let stream: 'stdout' | 'stderr' = 'stdout';
  const words: SyntaxNode[] = [];
  let heredoc: string | undefined;
  for (const a of n.suffix) {
    if (a.type === 'Redirect') {
      const op = a.operator;
      const target = a.target && a.target.type === 'Word' ? a.target.value : '';
      if (toStderr(a)) stream = 'stderr';
      else if (/^>/.test(op) || op === '&>') return undefined; // written to a file or /dev/null
    } else if (a.type === 'HereDoc') heredoc = a.body.text;
    else if (a.type === 'Word') words.push(a);
  }
  if (name === 'cat') {
    if (heredoc === undefined || words.length > 0) return undefined;
    const j = (n.suffix.find((a) => a.type === 'HereDoc') as { delimiter?: { quoted?: boolean } } | undefined)?.delimiter?.quoted ? jsonText(heredoc) : jsonText(heredoc.replace(/\$\{[^}]*\}|\$\([^)]*\)|\$\w+/g, COMPUTED));
    return j ? { stream, kind: 'json', ...j } : { stream, kind: 'text', text: heredoc };
  }
  if (name === 'jq') {
    const flags = words.map((w) => shellWordText(w));
    if (!flags.some((f) => /^-\w*n/.test(f))) return undefined;
    // The filter: the first word that is not an option or an option's argument.
    let filter: string | undefined;
    for (let i = 0; i < flags.length; i++) {
      const f = flags[i]!;
      if (f === '--arg' || f === '--argjson' || f === '--slurpfile' || f === '--rawfile') i += 2;
      else if (f.startsWith('-')) continue;
      else {
        filter = f;
        break;
      }
    }
    if (filter === undefined) return undefined;
    const j = jqObject(filter);
    return j ? { stream, kind: 'json', ...j } : { stream, kind: 'unknown' };
  }
  let texts = words.map((w) => shellWordText(w));
  if (name === 'echo') {
    while (texts[0] && /^-[neE]+$/.test(texts[0])) texts = texts.slice(1);
    if (!texts.length) return { stream, kind: 'text', text: '' };
  } else {
    // printf FORMAT ARGS: `printf '%s\n' "$json"` prints its argument; a format with no % is the text.
    if (!texts.length) return undefined;
    if (texts[0] === '-v') return undefined;
    const fmt = texts[0]!;
    if (/%/.test(fmt)) {
      if (/^%s(\\n)?$/.test(fmt) && texts.length === 2) texts = [texts[1]!];
      else return { stream, kind: 'unknown' };
    } else texts = [fmt.replace(/\\n/g, '\n')];
  }
  const t = texts.join(' ');
  if (t === COMPUTED || /^\ue000+$/.test(t)) return { stream, kind: 'unknown' };
  const j = jsonText(t);
  if (j) return { stream, kind: 'json', ...j };
  if (t.trim().startsWith('{')) return { stream, kind: 'unknown' };
  return { stream, kind: 'text', text: t.replace(/\ue000/g, '…') };
}

/**
 * The 1-based line of the first top-level shell command (a statement of the
 * script itself: not in an `if`, a loop, a function, a pipeline or after
 * `&&`/`||`) whose words, name first, satisfy `test`, in a script that never
 * checks how commands end: no `set -e` (`-o errexit`), no `trap … ERR`, no
 * `$?` or `PIPESTATUS`. Undefined when there is none or the text does not parse.
 */
export function uncheckedShellCommand(text: string, test: (words: readonly string[]) => boolean): number | undefined {
  if (/^[ \t]*set[ \t]+(-[A-Za-z]*e|.*-o[ \t]+errexit)|\btrap\b[^\n]*\bERR\b|\$\?|\$\{\?\}|PIPESTATUS/m.test(text)) return undefined;
  const tree = shellTree(text);
  if (!tree) return undefined;
  const lineOf = lineIndex(text);
  for (const st of (tree as unknown as { commands?: SyntaxNode[] }).commands ?? []) {
    const c = st.type === 'Statement' ? (st as unknown as { command: SyntaxNode }).command : st;
    if (c.type !== 'Command' || !c.name) continue;
    if (test([c.name.value, ...c.suffix.filter((w) => w.type === 'Word').map((w) => (w as { value: string }).value)])) return lineOf(c.pos);
  }
  return undefined;
}

/** The literal code of a shell `exit N` statement, or `0` for a bare `exit`. */
function shellExit(s: SyntaxNode): number | undefined {
  const c = s.type === 'Statement' ? (s as unknown as { command: SyntaxNode }).command : s;
  if (c.type === 'Command' && c.name?.value === 'exit') {
    const arg = c.suffix.find((a) => a.type === 'Word');
    if (!arg) return undefined;
    return arg.type === 'Word' && /^\d+$/.test(arg.value) ? Number(arg.value) : undefined;
  }
  return undefined;
}

/**
 * False when a command's output goes elsewhere than the hook's stdout or
 * stderr: into a pipe (`echo "$x" | jq`, not the last command), or captured by
 * a command substitution (`out=$(jq -n …)`, `<(…)`).
 */
function reachesStdout(n: SyntaxNode, ancestors: readonly SyntaxNode[]): boolean {
  let child: SyntaxNode = n;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i]!;
    if (a.type === 'Pipeline' && a.commands.indexOf(child as never) !== a.commands.length - 1) return false;
    // Inside a word: a command or process substitution captures the output.
    if (a.type === 'Word' || (a.type as string) === 'CommandExpansion' || (a.type as string) === 'ProcessSubstitution') return false;
    child = a;
  }
  return true;
}

/** A redirection of stdout to stderr: `>&2`, `1>&2` (not `3>&2`, `2>&2`, nor `> 2`, a file named 2). */
function toStderr(r: SyntaxNode): boolean {
  if (r.type !== 'Redirect' || r.operator !== '>&') return false;
  const fd = r.descriptor;
  return r.target?.type === 'Word' && r.target.value === '2' && (fd === undefined || (fd.type === 'FileDescriptor' && fd.value === 1));
}

/** Where a redirected compound command (`{ …; } >&2`, `if …; fi > log`) sends the output of what it holds: `stderr`, `elsewhere`, or undefined. */
function redirectedTo(ancestors: readonly SyntaxNode[]): 'stderr' | 'elsewhere' | undefined {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i]!;
    if (a.type !== 'Redirected') continue;
    for (const r of a.redirects) {
      if (toStderr(r)) return 'stderr';
      if (/^>/.test(r.operator) || r.operator === '&>') return 'elsewhere';
    }
  }
  return undefined;
}

function shellFinish(e: Printed, n: SyntaxNode, ancestors: SyntaxNode[], lineOf: (o: number) => number, redirected?: 'stderr'): Emission {
  const out: Emission = { ...e, line: lineOf(n.pos), ...shellContext(n, ancestors) };
  if (redirected === 'stderr') out.stream = 'stderr';
  let child: SyntaxNode = n;
  // Fall through: the commands after the print's (or after `&&`), then after each enclosing command, up to its function.
  search: for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i]!;
    if (a.type === 'AndOr') {
      const idx = a.commands.findIndex((c) => c === child);
      if (idx >= 0 && a.operators[idx] === '&&') {
        const code = shellExit(a.commands[idx + 1]!);
        if (code !== undefined) {
          out.exit = code;
          break;
        }
      }
    }
    if (a.type === 'CompoundList' || a.type === 'Script') {
      const list = a.commands;
      const idx = list.findIndex((s) => s === child);
      for (let k = idx + 1; idx >= 0 && k < list.length; k++) {
        const code = shellExit(list[k]!);
        if (code !== undefined) {
          out.exit = code;
          break search;
        }
        const c = (list[k] as unknown as { command?: SyntaxNode }).command;
        if (c?.type === 'Command' && (c.name?.value === 'return' || c.name?.value === 'exit')) {
          out.endsPath = true;
          break search;
        }
        // `exec prog …`: the program replaces the script and decides its exit.
        if (c?.type === 'Command' && c.name?.value === 'exec' && c.suffix.some((a) => a.type === 'Word')) {
          out.endsPath = true;
          out.handsOver = true;
          break search;
        }
      }
    }
    if (a.type === 'While' || a.type === 'For' || a.type === 'ArithmeticFor' || a.type === 'Select') break;
    if (a.type === 'Function') break;
    child = a;
  }
  return out;
}

/** Shell nodes whose body runs only on some paths. */
const SHELL_CONDITIONAL = new Set(['If', 'Elif', 'While', 'For', 'ArithmeticFor', 'Select', 'Case', 'CaseItem']);

/** The function a shell command is inside and whether it runs only on some paths of it (`if`, loops, `case`, after `&&`/`||`). */
function shellContext(n: SyntaxNode, ancestors: readonly SyntaxNode[]): { fn?: string; conditional: boolean } {
  let conditional = false;
  let child: SyntaxNode = n;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i]!;
    if (a.type === 'Function') return { fn: a.name.value, conditional };
    if (SHELL_CONDITIONAL.has(a.type)) {
      // The condition of an `if` runs on every path through it; its `else` is where a check that refuses nothing falls through.
      if (!((a.type === 'If' || a.type === 'Elif') && a.clause === child) && !(a.type === 'If' && a.else === child)) conditional = true;
    }
    if (a.type === 'AndOr' && a.commands.indexOf(child as never) > 0) conditional = true;
    child = a;
  }
  return { conditional };
}

// ---------------------------------------------------------------------------
// Per handler

/** An emission of a script a handler runs, with the file it is in. */
export interface HandlerEmission extends Emission {
  /** Absolute path of the file holding the print (the script, a script it execs, or a module it loads). */
  file: string;
}

/** What the scripts a handler runs print: per script, its emissions and those of the files it links to. */
export interface ScriptPrints {
  script: ResolvedScript;
  emissions: HandlerEmission[];
  /** The texts read (the script's own first), for questions the emissions do not answer. */
  texts: { path: string; text: string }[];
  /** The function calls of every file read, merged by name. */
  calls: Map<string, Call[]>;
}

/**
 * The emissions of every script a command handler runs (`scriptsOf`), with
 * those of the scripts it execs and the local modules it loads (`linkedTexts`):
 * a helper module's `deny(reason)` prints where it is called. Scripts that
 * cannot be read are left out.
 */
export function handlerPrints(h: HandlerEntry, options: ScriptOptions): ScriptPrints[] {
  // Several rules ask for the same handler's prints: computed once per handler (entries are built
  // anew by every lint and the options are fixed within one, as for `scriptsOf`'s memo).
  const cached = h.memo.prints;
  if (cached) return cached;
  const out: ScriptPrints[] = [];
  for (const s of scriptsOf(h, options)) {
    const text = scriptText(options, s.absolute);
    if (text === undefined) continue;
    const language = scriptLanguage(s, text);
    const linked = linkedTexts({ path: s.absolute, text, language }, forwardedArgs(s, options), options, fileLanguage, placeholdersOf(options));
    const own: HandlerEmission[] = [];
    const calls = new Map<string, (Call & { file: string })[]>();
    const params = new Map<string, readonly string[]>();
    for (const f of linked) {
      const o = scriptOutput(f.text, f.language);
      for (const e of o.emissions) own.push({ ...e, file: f.path });
      for (const [name, cs] of o.calls) calls.set(name, [...(calls.get(name) ?? []), ...cs.map((c) => ({ ...c, file: f.path }))]);
      for (const [name, ps] of o.params) if (!params.has(name)) params.set(name, ps);
    }
    const emissions = own.flatMap((e) => atCalls(e, calls, params));
    out.push({ script: s, emissions, texts: linked.map((f) => ({ path: f.path, text: f.text })), calls });
  }
  h.memo.prints = out;
  return out;
}

// The handler memo's slot of this module (model/model.ts `HandlerMemo`).
declare module '../model/model.js' {
  interface HandlerMemo {
    prints: ScriptPrints[] | undefined;
  }
}

/**
 * Event names quoted in a script's texts, or used as a shell `case` label (`Stop)`): a script
 * that names several is a dispatcher whose prints depend on the event. A property read
 * (`settings.hooks?.PreToolUse)`) names no event the script runs on.
 */
export function eventsNamed(texts: readonly { text: string }[], names: readonly string[]): Set<string> {
  if (namedFor !== names) {
    namedFor = names;
    namedCache.clear();
    const alt = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    namedRe = new RegExp(`["'\`](${alt})(?=["'\`])|(?<![.\\w])(${alt})\\)`, 'g');
  }
  const out = new Set<string>();
  for (const { text } of texts) {
    // Per text: the same script (a dispatcher) is run by many handlers.
    let found = namedCache.get(text);
    if (!found) {
      found = new Set();
      for (const m of text.matchAll(namedRe!)) found.add((m[1] ?? m[2])!);
      if (namedCache.size >= 512) namedCache.clear();
      namedCache.set(text, found);
    }
    for (const n of found) out.add(n);
  }
  return out;
}
/** `eventsNamed`'s answers per text, for the names list it was last asked about (the rules pass one list). */
const namedCache = new Map<string, Set<string>>();
let namedFor: readonly string[] | undefined;
let namedRe: RegExp | undefined;

/**
 * True when a print runs on a script's default path: it is not conditional
 * within its function, and its function (if any) is called unconditionally
 * from the top level or from a function that is (`main()` under
 * `if __name__ == "__main__":`, `allow()` at the end of `main`). `calls` are
 * the calls of every file the script runs.
 */
export function runsByDefault(e: Emission, calls: ReadonlyMap<string, readonly Call[]>): boolean {
  if (e.conditional) return false;
  if (e.fn === undefined) return true;
  const reached = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, cs] of calls)
      if (!reached.has(name) && cs.some((c) => !c.conditional && (c.fn === undefined || reached.has(c.fn)))) {
        reached.add(name);
        changed = true;
      }
  }
  return reached.has(e.fn);
}

/**
 * A helper's print at each of its calls: `output_decision("allow", "safe")`
 * prints `permissionDecision: "allow"` where it is called, with the call's
 * place (line, file, function, whether conditional). A print with no
 * variable a parameter gives, or a helper never called, stays as it is.
 */
function atCalls(e: HandlerEmission, calls: ReadonlyMap<string, readonly (Call & { file: string })[]>, params: ReadonlyMap<string, readonly string[]>): HandlerEmission[] {
  const ps = e.fn ? params.get(e.fn) : undefined;
  const refs = ps ? e.refs?.filter((r) => ps.includes(r.name)) : undefined;
  const cs = e.fn ? calls.get(e.fn) : undefined;
  if (!ps || !refs?.length || !cs?.length) return [e];
  return cs.map((c) => {
    const json = copy(e.json) as Record<string, unknown>;
    for (const r of refs) {
      const v = c.kwargs && r.name in c.kwargs ? c.kwargs[r.name] : c.args?.[ps.indexOf(r.name)];
      if (v !== undefined) setPath(json, r.path, v);
    }
    const { refs: _refs, fn: _fn, ...rest } = e;
    return { ...rest, json, line: c.line, file: c.file, conditional: e.conditional || c.conditional, ...(c.fn !== undefined ? { fn: c.fn } : {}) };
  });
}

function copy(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(copy);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)]));
  return v;
}

function setPath(o: Record<string, unknown>, path: readonly string[], v: unknown): void {
  let cur: Record<string, unknown> = o;
  for (const k of path.slice(0, -1)) {
    const next = cur[k];
    if (!next || typeof next !== 'object') return;
    cur = next as Record<string, unknown>;
  }
  cur[path[path.length - 1]!] = v;
}
