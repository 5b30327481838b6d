import { UNKNOWN_VALUE } from '../model/contract.js';

/**
 * The values a script's printed objects hold, as the print analyses read them
 * (script-output.ts for Python, JavaScript and shell; script-output-ruby.ts
 * for Ruby): literals, `UNKNOWN_VALUE` for what is computed, and `VarRef` for
 * a variable a helper's call may give (SPEC.md §13.4: a helper `deny(reason)`
 * counts where it is called).
 */

/** A value that is a variable of the script (a helper's parameter, perhaps): unknown until a call gives it. */
export class VarRef {
  constructor(readonly name: string) {}
}

/** A value of a printed object that comes from a variable: its path in the object and the variable's name. */
export interface ValueRef {
  path: string[];
  name: string;
}

/** A call argument's value for `Call.args`: a literal, or `UNKNOWN_VALUE` (variables included). */
export function argValue(v: unknown): unknown {
  if (v instanceof VarRef) return UNKNOWN_VALUE;
  if (Array.isArray(v)) return v.map(argValue);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, argValue(x)]));
  return v;
}

/** An object with its variables replaced by `UNKNOWN_VALUE`, and where each was (`refs`, in object order). */
export function withoutRefs(json: Record<string, unknown>): { json: Record<string, unknown>; refs: ValueRef[] } {
  const refs: ValueRef[] = [];
  const clean = (v: unknown, path: string[]): unknown => {
    if (v instanceof VarRef) {
      refs.push({ path, name: v.name });
      return UNKNOWN_VALUE;
    }
    if (Array.isArray(v)) return v.map((x) => (x instanceof VarRef ? UNKNOWN_VALUE : x));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clean(x, [...path, k])]));
    return v;
  };
  return { json: clean(json, []) as Record<string, unknown>, refs };
}
