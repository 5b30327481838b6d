import type { SyntaxNode as LezerNode } from '@lezer/common';
import { forEachChild, type SyntaxNode } from 'unbash';
import { analyzeShell, basename, type ShellAnalysis, type SimpleCommand } from './command.js';
import { codeText, jsTree, kids, lineIndex, perText, pythonTree, shellTree, stringValue } from './script-parse.js';
import type { ScriptLanguage } from './scripts.js';
import { rubyEnvReads, rubyInputReads } from './script-reads-ruby.js';

/**
 * What a hook script reads from Claude Code, found statically (never run):
 * the environment variables it reads and the fields of the hook input (the
 * JSON on stdin) it reads. Read from the parse trees of `script-parse.ts`:
 * Python and JavaScript/TypeScript by Lezer (a read is a member, subscript or
 * call node, so a comment, a docstring or a string that spells one is no
 * read), shell by unbash (`analyzeShell`: expansions, pipelines into `jq`,
 * `python3 -c` programs, which are parsed as Python in turn). `jq` filters are
 * read by `jqTopFields`, a small reader of their first stage. A read counts
 * only when the text proves it: a computed name (`os.environ[name]`) or a
 * field read through anything but the parsed input itself is not reported.
 */

/** One read, with its 1-based line in the script. */
export interface ScriptRead {
  name: string;
  line: number;
  /**
   * The read says what happens when the value is unset. Environment reads: a default or an
   * alternative (`os.environ.get("X", "")`, `env.X || input.x`). Input reads: the read is itself
   * the alternative of another (`data.get("tool_name", data.get("tool"))`, `a or data.get("b")`).
   */
  fallback: boolean;
}

/** Source text of a Lezer node, whitespace removed (for comparing callees: `os.environ .get`). */
function compact(text: string, n: LezerNode): string {
  return text.slice(n.from, n.to).replace(/\s+/g, '');
}

/** The arguments of a call (its ArgList's children but punctuation). */
function argsOf(call: LezerNode): LezerNode[] {
  const list = call.lastChild;
  return list?.name === 'ArgList' ? kids(list).filter((c) => !/^[(),]$/.test(c.name)) : [];
}

/** The literal string value of a node, when it is a plain string literal holding an identifier. */
function nameValue(text: string, n: LezerNode | undefined): string | undefined {
  if (!n || n.name !== 'String') return undefined;
  const v = stringValue(text.slice(n.from, n.to));
  return v !== undefined && /^[A-Za-z_]\w*$/.test(v) ? v : undefined;
}

/** True when a member or subscript node is the target of an assignment (`x["k"] = …`, `x.k = …`, `x.k += …`). */
function assigned(n: LezerNode): boolean {
  const next = n.nextSibling;
  return !!next && /^(AssignOp|Equals|UpdateOp)$/.test(next.name) && /^(AssignStatement|AssignmentExpression|UpdateStatement)$/.test(n.parent?.name ?? '');
}

/** True when a node is the callee of a call (`x.get(…)`, `input.toString()`). */
function isCallee(n: LezerNode): boolean {
  const p = n.parent;
  return p?.name === 'CallExpression' && p.firstChild?.from === n.from && p.firstChild.to === n.to;
}

/** `obj["key"]` / `obj.key` / `obj?.key`: the object node and the key, when the key is literal. */
function memberKey(text: string, m: LezerNode): { obj: LezerNode; key: string } | undefined {
  if (m.name !== 'MemberExpression') return undefined;
  const cs = kids(m);
  const obj = cs[0];
  if (!obj) return undefined;
  if (cs[1]?.name === '[') {
    const key = nameValue(text, cs[2]);
    return key !== undefined && cs[3]?.name === ']' ? { obj, key } : undefined;
  }
  if ((cs[1]?.name === '.' || cs[1]?.name === '?.') && cs[2]?.name === 'PropertyName') return { obj, key: text.slice(cs[2].from, cs[2].to) };
  return undefined;
}

/**
 * The environment variables a script reads by a literal name: Python
 * `os.environ["X"]`, `os.environ.get("X")`, `os.getenv("X")`; JavaScript
 * `process.env.X`, `process.env["X"]`, `Bun.env.X`, `Deno.env.get("X")`;
 * shell `$X` / `${X}` expansions without a default (`${X:-…}` says what happens
 * when unset) of names the script does not assign. A shell script that
 * sources another file (which may set anything) yields nothing. Assignments
 * (`os.environ["X"] = …`, `process.env.X = …`) are writes, not reads.
 */
export function envReads(text: string, language: ScriptLanguage): ScriptRead[] {
  // Ruby: read from its tree (script-reads-ruby.ts); nothing while its parser is not loaded.
  if (language === 'ruby') return rubyEnvReads(text) ?? [];
  return perText(envMemo[language], text, () => envReadsUncached(text, language), MEMO_SIZE, () => []);
}

function envReadsUncached(text: string, language: ScriptLanguage): ScriptRead[] {
  if (language === 'shell') {
    if (!/\$\{?[A-Za-z_]/.test(text)) return [];
    const a = shellAnalysis(text);
    if (a.hasErrors || a.commands.some((c) => c.program === 'source' || c.program === '.' || (c.program === 'set' && c.args.some((x) => /^-\w*a/.test(x))))) return [];
    const lineOf = lineIndex(text);
    return a.variables.filter((v) => !v.guarded && !a.assigned.has(v.name)).map((v) => ({ name: v.name, line: lineOf(v.pos), fallback: false }));
  }
  if (language !== 'python' && language !== 'javascript') return [];
  if (!/environ|getenv|\.env\b/.test(text)) return [];
  const tree = language === 'python' ? pythonTree(text) : jsTree(text);
  const lineOf = lineIndex(text);
  const code = codeText(text, language);
  const out: ScriptRead[] = [];
  const push = (name: string, at: LezerNode, defaulted: boolean) => {
    // A default (`os.environ.get("X", "")`) or an alternative on the same line (`env.X || input.x`,
    // `… or data.get("x")`, `?? …`) says what happens when it is unset, like `${X:-…}` in shell.
    const start = code.lastIndexOf('\n', at.from - 1) + 1;
    const end = code.indexOf('\n', at.from);
    const line = code.slice(start, end === -1 ? code.length : end);
    out.push({ name, line: lineOf(at.from), fallback: defaulted || /\|\||\?\?|\bor\b/.test(line) || hasAlternative(text, at) });
  };
  const ENV_OBJECTS = language === 'python' ? /^os\.environ$/ : /^(?:process|Bun)\.env$/;
  const ENV_CALLS = language === 'python' ? /^(?:os\.environ\.get|os\.getenv)$/ : /^Deno\.env\.get$/;
  tree.iterate({
    enter: (ref) => {
      if (ref.name === 'CallExpression') {
        const n = ref.node;
        const callee = n.firstChild;
        if (!callee || !ENV_CALLS.test(compact(text, callee))) return;
        const args = argsOf(n);
        const name = nameValue(text, args[0]);
        if (name) push(name, n, args.length > 1);
      } else if (ref.name === 'MemberExpression') {
        const n = ref.node;
        // Python reads the environment by subscript only (`os.environ.get` is a method); a callee is a method either way.
        if (language === 'python' && n.firstChild?.nextSibling?.name !== '[') return;
        const m = memberKey(text, n);
        if (!m || !ENV_OBJECTS.test(compact(text, m.obj)) || assigned(n) || isCallee(n)) return;
        push(m.key, n, false);
      }
    },
  });
  return out.sort((a, b) => a.line - b.line);
}

/**
 * True when a read is an operand of `||`, `??` or `or` (also inside a template's
 * `${…}`, which the line test cannot see: `${process.env.X || 'unknown'}`), up to
 * its statement.
 */
function hasAlternative(text: string, n: LezerNode): boolean {
  for (let p = n.parent; p && !/Statement$|Declaration$|^(Script|Body|Block)$/.test(p.name); p = p.parent)
    if (p.name === 'BinaryExpression' && kids(p).some((c) => c.name === 'or' || (c.name === 'LogicOp' && /^(\|\||\?\?)$/.test(text.slice(c.from, c.to))))) return true;
  return false;
}

/**
 * True when a read is the alternative of another (`data.get("tool_name", data.get("tool"))`,
 * `data.get("a") or data.get("b")`, `input.a ?? input.b`): the script says what it uses when
 * that field is absent.
 */
function isAlternative(text: string, n: LezerNode): boolean {
  let child = n;
  for (let p = n.parent; p && !/Statement$|Declaration$|^(Script|Body|Block)$/.test(p.name); child = p, p = p.parent) {
    if (p.name === 'BinaryExpression') {
      const op = kids(p).find((c) => c.name === 'or' || (c.name === 'LogicOp' && /^(\|\||\?\?)$/.test(text.slice(c.from, c.to))));
      if (op && child.from >= op.to) return true;
    }
    if (p.name === 'ArgList' && p.parent?.name === 'CallExpression' && /\.get$/.test(compact(text, p.parent.firstChild!))) {
      const first = kids(p).find((c) => !/^[(),]$/.test(c.name));
      if (first && child.from > first.from) return true;
    }
  }
  return false;
}

/** The start of each top-level path in a jq filter's first stage (`.tool_name // ""`, `.tool_input.command` → tool_name, tool_input). */
export function jqTopFields(filter: string): string[] {
  const first = filter.split('|')[0]!;
  const out: string[] = [];
  for (const m of first.matchAll(/(^|[^\w.\])"'$])\.([A-Za-z_]\w*)/g)) out.push(m[2]!);
  return out;
}

/** jq options that take a value (the filter is the first other word). */
const JQ_VALUE_OPTS = new Set(['--arg', '--argjson', '--slurpfile', '--rawfile', '--args', '--jsonargs', '-f', '--from-file', '--indent', '-L']);

function jqFilter(cmd: SimpleCommand): string | undefined {
  for (let i = 0; i < cmd.args.length; i++) {
    const a = cmd.args[i]!;
    if (a === '--arg' || a === '--argjson' || a === '--slurpfile' || a === '--rawfile') {
      i += 2;
      continue;
    }
    if (JQ_VALUE_OPTS.has(a)) return undefined;
    if (a.startsWith('-')) continue;
    return a;
  }
  return undefined;
}

/**
 * The fields of the hook input a script reads directly, by a literal name:
 * Python `data.get("x")` / `data["x"]` where `data = json.load(sys.stdin)` (or
 * `json.loads(sys.stdin.read())`), and `json.load(sys.stdin).get("x")` (also
 * in a shell script's `python3 -c` fed the saved input); JavaScript `input.x`,
 * `input?.x`, `input["x"]`, `const { x } = input` where `input = JSON.parse(…)`
 * of a read of stdin (fd 0, `/dev/stdin`, or a string the stdin `data` handler
 * appends to); shell `jq` filters fed the saved input (`INPUT=$(cat)`, then
 * `echo "$INPUT" | jq -r '.x'`). Only the top level:
 * `data.get("tool_input", {}).get("command")` reads `tool_input`. Fields the
 * script stores itself (`data["logged_at"] = …`) are not read from Claude Code.
 */
export function inputReads(text: string, language: ScriptLanguage): ScriptRead[] {
  if (language === 'ruby') return rubyInputReads(text) ?? [];
  return perText(inputMemo[language], text, () => inputReadsUncached(text, language), MEMO_SIZE, () => []);
}

function inputReadsUncached(text: string, language: ScriptLanguage): ScriptRead[] {
  if (language === 'python') return pythonInputReads(text, 0, text);
  if (language === 'javascript') return jsInputReads(text);
  if (language === 'shell') return shellInputReads(text);
  return [];
}

/** `json.load(sys.stdin)` / `json.loads(sys.stdin.read())`, whitespace removed. */
const PY_STDIN_JSON = /^json\.loads?\(sys\.stdin(?:\.read\(\))?\)$/;

/**
 * Python reads of the input (see `inputReads`) in `code`, a program that
 * starts at offset `base` of `text` (a `python3 -c` program inside a shell
 * script), with lines of `text`.
 */
function pythonInputReads(code: string, base: number, text: string): ScriptRead[] {
  if (!/json\.loads?/.test(code) || !/stdin/.test(code)) return [];
  const tree = pythonTree(code);
  const lineOf = lineIndex(text);
  const vars = new Set<string>();
  const written = new Map<string, Set<string>>();
  const found: { v: string | undefined; key: string; at: number; alt: boolean }[] = [];
  const src = (n: LezerNode) => code.slice(n.from, n.to);
  tree.iterate({
    enter: (ref) => {
      const n = ref.node;
      if (ref.name === 'AssignStatement') {
        const [target, op, value] = kids(n).filter((c) => c.name !== 'TypeDef');
        if (target?.name === 'VariableName' && op?.name === 'AssignOp' && value && PY_STDIN_JSON.test(compact(code, value))) vars.add(src(target));
      } else if (ref.name === 'CallExpression') {
        // `x.get("k")`: x a name, or the parse of stdin itself.
        const callee = n.firstChild;
        if (callee?.name !== 'MemberExpression' || !/\.get$/.test(compact(code, callee))) return;
        const obj = callee.firstChild!;
        const key = nameValue(code, argsOf(n)[0]);
        if (key === undefined) return;
        const alt = isAlternative(code, n);
        if (obj.name === 'VariableName') found.push({ v: src(obj), key, at: n.from, alt });
        else if (PY_STDIN_JSON.test(compact(code, obj))) found.push({ v: undefined, key, at: n.from, alt });
      } else if (ref.name === 'MemberExpression') {
        // A dict is read by subscript (`data["x"]`); `data.get` is a method.
        if (n.firstChild?.nextSibling?.name !== '[') return;
        const m = memberKey(code, n);
        if (!m) return;
        if (m.obj.name === 'VariableName') {
          if (assigned(n)) {
            const set = written.get(src(m.obj)) ?? new Set();
            set.add(m.key);
            written.set(src(m.obj), set);
          } else found.push({ v: src(m.obj), key: m.key, at: n.from, alt: isAlternative(code, n) });
        } else if (PY_STDIN_JSON.test(compact(code, m.obj))) found.push({ v: undefined, key: m.key, at: n.from, alt: isAlternative(code, n) });
      }
    },
  });
  // A name bound to anything else as well (`data = {}` in an except) still holds the input on the main path.
  return found
    .filter((f) => f.v === undefined || (vars.has(f.v) && !written.get(f.v)?.has(f.key)))
    .map((f) => ({ name: f.key, line: lineOf(base + f.at), fallback: f.alt }))
    .sort((a, b) => a.line - b.line);
}

/** A read of stdin in JavaScript: `readFileSync(0 | '/dev/stdin' | process.stdin.fd, …)`, maybe `await`ed or `.toString()`ed. */
function jsStdinRead(text: string, n: LezerNode | null | undefined): boolean {
  while (n && (n.name === 'AwaitExpression' || n.name === 'ParenthesizedExpression')) n = n.lastChild?.name === ')' ? kids(n)[1] : n.lastChild;
  if (!n || n.name !== 'CallExpression') return false;
  const callee = n.firstChild;
  if (!callee) return false;
  const c = compact(text, callee);
  if (/\.(?:toString|trim)$/.test(c) && callee.name === 'MemberExpression') return jsStdinRead(text, callee.firstChild);
  if (!/(?:^|\.)readFileSync$/.test(c)) return false;
  const first = argsOf(n)[0];
  if (!first) return false;
  const a = compact(text, first);
  return a === '0' || a === 'process.stdin.fd' || (first.name === 'String' && stringValue(a) === '/dev/stdin');
}

function jsInputReads(text: string): ScriptRead[] {
  const code = codeText(text, 'javascript');
  if (!/process\.stdin|readFileSync\(\s*(?:0|['"]\/dev\/stdin['"]|process\.stdin\.fd)|Bun\.stdin/.test(code)) return [];
  const tree = jsTree(text);
  const lineOf = lineIndex(text);
  const src = (n: LezerNode) => text.slice(n.from, n.to);
  const onData = /process\.stdin\.on\(\s*['"]data['"]/.test(code);
  // What holds the raw input (a read of fd 0, or what the stdin 'data' handler appends to), then what parses it.
  const raw = new Set<string>();
  const parsed: { name: string; arg: LezerNode }[] = [];
  const params = new Set<string>();
  const members: LezerNode[] = [];
  const patterns: { pattern: LezerNode; from: string }[] = [];
  tree.iterate({
    enter: (ref) => {
      const n = ref.node;
      if (ref.name === 'VariableDeclaration') {
        const cs = kids(n);
        for (let i = 0; i < cs.length; i++) {
          const def = cs[i]!;
          if (cs[i + 1]?.name === 'TypeAnnotation') i++;
          const value = cs[i + 1]?.name === 'Equals' ? cs[i + 2] : undefined;
          if (!value) continue;
          if (def.name === 'VariableDefinition') {
            if (jsStdinRead(text, value)) raw.add(src(def));
            else if (value.name === 'CallExpression' && value.firstChild && compact(text, value.firstChild) === 'JSON.parse') {
              const arg = argsOf(value)[0];
              if (arg) parsed.push({ name: src(def), arg });
            }
          } else if (def.name === 'ObjectPattern' && value.name === 'VariableName') patterns.push({ pattern: def, from: src(value) });
        }
      } else if (ref.name === 'AssignmentExpression') {
        const [target, op, value] = kids(n);
        if (onData && target?.name === 'VariableName' && op && src(op) === '+=') raw.add(src(target));
        // `raw = fs.readFileSync(0, 'utf8')` after `let raw;`.
        if (target?.name === 'VariableName' && op?.name === 'Equals' && jsStdinRead(text, value)) raw.add(src(target));
      } else if (ref.name === 'ParamList') {
        for (const c of kids(n)) if (c.name === 'VariableDefinition') params.add(src(c));
        // `input => …`: a lone parameter without parentheses is a ParamList too, possibly.
      } else if (ref.name === 'ArrowFunction') {
        const first = n.firstChild;
        if (first?.name === 'VariableDefinition') params.add(src(first));
      } else if (ref.name === 'MemberExpression') members.push(n);
    },
  });
  // A name that is also a parameter somewhere (`function f(input)`, `input =>`) may be another value there: not judged.
  for (const p of params) raw.delete(p);
  const vars = new Set<string>();
  for (const { name, arg } of parsed) {
    if (jsStdinRead(text, arg)) vars.add(name);
    else {
      // `JSON.parse(raw)`, `JSON.parse(raw.trim())`: the raw input by name.
      let a: LezerNode | null = arg;
      while (a && a.name !== 'VariableName') a = a.firstChild;
      if (a && a.from === arg.from && raw.has(src(a))) vars.add(name);
    }
  }
  // A name that is also a parameter somewhere (`function f(input)`, `input =>`) may be another value there: not judged.
  for (const p of params) vars.delete(p);
  if (vars.size === 0) return [];
  const out: ScriptRead[] = [];
  const written = new Map<string, Set<string>>();
  const reads: { v: string; key: string; at: number; alt: boolean }[] = [];
  for (const n of members) {
    const m = memberKey(text, n);
    if (!m || m.obj.name !== 'VariableName' || !vars.has(src(m.obj))) continue;
    const v = src(m.obj);
    if (assigned(n)) {
      const set = written.get(v) ?? new Set();
      set.add(m.key);
      written.set(v, set);
    } else if (isCallee(n)) continue; // a method call: `input.toString()`
    else reads.push({ v, key: m.key, at: n.from, alt: isAlternative(text, n) });
  }
  for (const r of reads) if (!written.get(r.v)?.has(r.key)) out.push({ name: r.key, line: lineOf(r.at), fallback: r.alt });
  for (const { pattern, from } of patterns) {
    if (!vars.has(from)) continue;
    for (const p of kids(pattern)) {
      if (p.name !== 'PatternProperty') continue;
      const k = p.firstChild;
      if (k && (k.name === 'PropertyName' || k.name === 'VariableDefinition')) out.push({ name: src(k), line: lineOf(pattern.from), fallback: false });
    }
  }
  return out.sort((a, b) => a.line - b.line);
}

/** Words that are the whole saved input: `$(cat)`, `"$(cat -)"`, `$(cat /dev/stdin)`. */
const READS_STDIN = /^["']?\$\(\s*cat(?:\s+-|\s+\/dev\/stdin)?\s*\)["']?$/;

function shellInputReads(text: string): ScriptRead[] {
  if (!/\bjq\b|json\.load/.test(text)) return [];
  const tree = shellTree(text);
  if (!tree) return [];
  // Variables that hold the hook input: `INPUT=$(cat)`, also after `local`/`readonly`/`export`.
  const inputVars = new Set<string>();
  const visit = (n: SyntaxNode) => {
    if (n.type === 'Assignment' && !n.append && !n.index && n.value.type === 'Word' && READS_STDIN.test(n.value.text)) inputVars.add(n.name);
    if (n.type === 'Command' && n.name && /^(local|readonly|export|declare|typeset)$/.test(n.name.value))
      for (const a of n.suffix) {
        const m = a.type === 'Word' ? /^([A-Za-z_]\w*)=(.*)$/s.exec(a.text) : undefined;
        if (m && READS_STDIN.test(m[2]!)) inputVars.add(m[1]!);
      }
    if (n.type === 'Word') return;
    forEachChild(n, visit);
  };
  visit(tree);
  if (inputVars.size === 0) return [];
  const lineOf = lineIndex(text);
  const out: ScriptRead[] = [];
  const fedInput = (cmd: SimpleCommand) => (cmd.program === 'echo' || cmd.program === 'printf') && cmd.written.slice(1).some((w) => [...inputVars].some((v) => w === `$${v}` || w === `\${${v}}`));
  for (const cmd of shellAnalysis(text).commands) {
    const next = cmd.pipedTo;
    if (!next || !fedInput(cmd)) continue;
    const program = basename(next.program);
    if (program === 'jq') {
      const filter = jqFilter(next);
      if (filter !== undefined) for (const f of jqTopFields(filter)) out.push({ name: f, line: lineOf(next.words[0]?.pos ?? 0), fallback: false });
    } else if (next.args.includes('-c')) {
      // `echo "$INPUT" | python3 -c "…json.load(sys.stdin).get('x')…"` (also `"$PYTHON" -c …`): the program is parsed as Python.
      const i = next.args.indexOf('-c');
      // `words` holds the program name first: argument k is word k + 1.
      const word = i >= 0 ? next.words[i + 2] : undefined;
      const source = i >= 0 ? next.args[i + 1] : undefined;
      if (word?.pos === undefined || source === undefined) continue;
      const at = text.slice(word.pos, word.end).indexOf(source.slice(0, 20));
      out.push(...pythonInputReads(source, at >= 0 ? word.pos + at : word.pos, text));
    }
  }
  return out.sort((x, y) => x.line - y.line);
}

/** `analyzeShell` of a script's text, once per text (env reads and input reads both ask). */
function shellAnalysis(text: string): ShellAnalysis {
  return perText(analyses, text, () => analyzeShell(text), MEMO_SIZE);
}

// Several rules and handlers read the same script: each reader runs once per text
// (per language), in caches that start over when full, as `scriptOutput`'s does.
const MEMO_SIZE = 256;
const analyses = new Map<string, ShellAnalysis>();
// Ruby's reads come from script-reads-ruby.ts (its own tree cache), not these maps.
const byLanguage = <T>(): Record<Exclude<ScriptLanguage, 'ruby'>, Map<string, T>> => ({ shell: new Map(), python: new Map(), javascript: new Map(), other: new Map() });
const envMemo = byLanguage<ScriptRead[]>();
const inputMemo = byLanguage<ScriptRead[]>();
