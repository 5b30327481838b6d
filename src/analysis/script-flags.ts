/**
 * Command-line switches that gate a line of a Python hook script
 * (`if args.verbose:` around a `print`), read from the text by indentation,
 * so a rule can tell whether the hook's own command turns that line on
 * (`pre_compact.py --verbose`). Nothing is executed.
 */

/** One enclosing `if` that tests a switch: `if args.verbose:` → `{ flag: "verbose", negated: false }`. */
export interface FlagGate {
  /** The attribute tested (`args.<flag>`, `options.<flag>`, `opts.<flag>`), as written in Python. */
  flag: string;
  /** `if not args.<flag>:`: the line runs when the switch is absent. */
  negated: boolean;
}

/** `if [not] args.x:` (also `options.`, `opts.`, `ns.`), alone on its line. */
const GATE = /^if\s+(not\s+)?(?:args|options|opts|ns|parsed|cli)\.([A-Za-z_]\w*)\s*:\s*(?:#.*)?$/;

/**
 * The switch tests among the `if` statements enclosing 1-based line `line` of
 * a Python text, innermost first; any other enclosing condition is not one.
 * Read by indentation (a block's header is the nearest line above with less
 * indentation); an `elif` or `else` header in between ends the search upward
 * for that level, since its condition is not the switch.
 */
export function pythonFlagGates(text: string, line: number): FlagGate[] {
  const lines = text.split('\n');
  const indentOf = (l: string) => l.length - l.trimStart().length;
  const out: FlagGate[] = [];
  const at = lines[line - 1];
  if (at === undefined) return out;
  let indent = indentOf(at);
  for (let i = line - 2; i >= 0 && indent > 0; i--) {
    const l = lines[i]!;
    const t = l.trim();
    if (t === '' || t.startsWith('#')) continue;
    const d = indentOf(l);
    if (d >= indent) continue;
    indent = d;
    const m = GATE.exec(t);
    if (m) out.push({ flag: m[2]!, negated: m[1] !== undefined });
  }
  return out;
}

/**
 * True when every gate holds for a command's arguments: `args.dry_run` is the
 * switch `--dry-run` (or `--dry_run`); a negated gate holds when it is absent.
 */
export function gatesHold(gates: readonly FlagGate[], args: readonly string[]): boolean {
  return gates.every((g) => {
    const names = new Set([`--${g.flag}`, `--${g.flag.replace(/_/g, '-')}`]);
    const given = args.some((a) => names.has(a.split('=')[0]!));
    return given !== g.negated;
  });
}
