import type { ErrorObject } from 'ajv';
import type { TreePath as JSONPath, TreeNode as Node } from '../formats/parse.js';
import { validatePluginHooks, validatePluginManifest, validateSettings } from '../generated/validators.js';
import { findProperty, properties } from '../formats/parse.js';
import type { FileKind } from '../model/types.js';
import { isFrontmatterKind, isSettingsKind } from '../model/types.js';

/** One shape problem found by the JSON Schema, mapped onto the exact node. */
export interface SchemaProblem {
  node: Node;
  message: string;
  /** JSON path of the instance the problem is about. */
  path: JSONPath;
}

/** Split an ajv `instancePath` (a JSON Pointer) into a jsonc-parser path. */
export function pointerToPath(pointer: string): JSONPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

/** What the value at `path` is, in the words of SPEC.md §0 (`eventMapPath` locates the event map). */
function roleOf(path: JSONPath, eventMapPath: JSONPath): string {
  if (path.length === 0) return 'the top level';
  const last = path[path.length - 1];
  const inMap = eventMapPath.length <= path.length && eventMapPath.every((seg, i) => seg === path[i]);
  if (!inMap) return `"${String(last)}"`;
  const rel = path.length - eventMapPath.length;
  if (rel === 0) return '"hooks"';
  if (rel === 1) return `event "${String(last)}"`;
  if (rel === 2) return 'matcher group';
  if (rel === 3) return `"${String(last)}" of the matcher group`;
  if (rel === 4 && path[path.length - 2] === 'hooks') return 'handler';
  return `"${String(last)}"`;
}

/**
 * Validate a parsed file against hooklint's JSON Schema (precompiled) and map
 * every ajv error to one problem on the exact node (ECOSYSTEM.md §9.6):
 * the value for a wrong type or value, the object for a missing required field.
 *
 * Noise is removed so that each real problem yields one message:
 * - `if` errors of the per-type dispatch are dropped (the `then` errors say what is wrong);
 * - `additionalProperties` errors are dropped: unknown events, handler keys and
 *   hooks.json keys are reported by their own rules with Claude Code's real
 *   reaction (SPEC.md §8);
 * - problems under `skip` paths (flat handlers, a missing hooks wrapper) are
 *   dropped because another rule reports the shape;
 * - one problem per (path, keyword).
 */
export function validateShape(
  kind: FileKind,
  value: unknown,
  locate: (path: JSONPath) => Node | undefined,
  eventMapPath: JSONPath,
  skip: JSONPath[],
): SchemaProblem[] {
  // Frontmatter `hooks` has the settings shape (SPEC.md §4.1); the caller passes `{ hooks }` alone.
  const validate = isSettingsKind(kind) || isFrontmatterKind(kind) ? validateSettings : kind === 'plugin-hooks' ? validatePluginHooks : validatePluginManifest;
  if (validate(value)) return [];
  const errors: ErrorObject[] = validate.errors ?? [];
  const out: SchemaProblem[] = [];
  const seen = new Set<string>();
  const skipped = (p: JSONPath) => skip.some((s) => s.length <= p.length && s.every((seg, i) => seg === p[i]));
  for (const err of errors) {
    if (err.keyword === 'if' || err.keyword === 'additionalProperties') continue;
    // The top-level anyOf of a plugin hooks.json (hooks or modules) is said once, by its own error.
    if (err.schemaPath.startsWith('#/anyOf/')) continue;
    const path = pointerToPath(err.instancePath);
    if (skipped(path)) continue;
    const node = locate(path);
    if (!node) continue;
    const key = `${err.instancePath}|${err.keyword}|${err.keyword === 'required' ? (err.params as { missingProperty: string }).missingProperty : ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const problem = (kind === 'plugin-manifest' && describeManifestHooks(err, path, node)) || describe(err, path, node, eventMapPath);
    if (problem) out.push(problem);
  }
  // A type error on a node makes errors below it meaningless; keep the outermost.
  return out.filter((p) => !out.some((q) => q !== p && q.message.includes(' must be ') && isStrictPrefix(q.path, p.path)));
}

function isStrictPrefix(a: JSONPath, b: JSONPath): boolean {
  return a.length < b.length && a.every((seg, i) => seg === b[i]);
}

/**
 * A plugin manifest's `"hooks"` is a path, an array of paths or an inline
 * event map (SPEC.md §4.1): a type error on it, or on an entry of its array,
 * is about hook files, not events (`"hooks": [5]` is not an event named "0").
 * Undefined for every other error.
 */
function describeManifestHooks(err: ErrorObject, path: JSONPath, node: Node): SchemaProblem | undefined {
  if (err.keyword !== 'type' || path[0] !== 'hooks') return undefined;
  if (path.length === 1) return { node, path, message: `"hooks" must be a path to a hook file (a string starting with "./"), an array of such paths, or an inline event map, got ${describeActual(node)}` };
  if (path.length === 2 && typeof path[1] === 'number') return { node, path, message: `"hooks" entries must be paths to hook files (strings starting with "./"), got ${describeActual(node)}` };
  return undefined;
}

function describe(err: ErrorObject, path: JSONPath, node: Node, eventMapPath: JSONPath): SchemaProblem | undefined {
  const role = roleOf(path, eventMapPath);
  const at = (target: Node, message: string): SchemaProblem => ({ node: target, message, path });
  const p = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'type': {
      const expected = Array.isArray(p.type) ? (p.type as string[]).join(' or ') : String(p.type);
      const article = /^[aeiou]/.test(expected) ? 'an' : 'a';
      return at(node, `${role} must be ${article} ${expected}, got ${describeActual(node)}`);
    }
    case 'required': {
      const missing = String(p.missingProperty);
      if (role === 'handler') {
        const type = node.type === 'object' ? findProperty(node, 'type')?.children?.[1]?.value : undefined;
        return at(node, typeof type === 'string' ? `"${type}" handler is missing required field "${missing}"` : `handler is missing required field "${missing}"`);
      }
      if (role === 'matcher group' && missing === 'hooks') return at(node, 'matcher group is missing its "hooks" array of handlers');
      return at(node, `${role} is missing required field "${missing}"`);
    }
    case 'enum':
    case 'const': {
      const allowed = (err.keyword === 'enum' ? (p.allowedValues as unknown[]) : [p.allowedValue]).map((v) => JSON.stringify(v)).join(', ');
      const name = role === '"type"' ? 'handler type' : role.startsWith('"') ? `${role} value` : role;
      return at(node, `${name} ${JSON.stringify(node.value)} is not valid; expected one of ${allowed}`);
    }
    case 'minLength':
      return at(node, `${role} must not be empty`);
    case 'maxItems':
      return path.length === 1 && path[0] === 'modules'
        ? at(node, `"modules" takes at most ${String(p.limit)} module, got ${node.children?.length ?? 0}: Claude Code loads none of this file's modules`)
        : at(node, `${role} must have at most ${String(p.limit)} items`);
    case 'not':
      if (path.length === 1 && path[0] === 'surface') return at(node.parent?.children?.[0] ?? node, '"surface" is no longer accepted: Claude Code 2.1.332 and later fail to load this hooks.json ("hooks.json `surface` is gone")');
      return at(node, `${role} is not allowed`);
    case 'anyOf':
      if (path.length === 0) return at(node, 'a plugin hooks.json needs "hooks" (or "modules"): there is nothing for Claude Code to load');
      return at(node, `${role} ${err.message ?? 'is invalid'}`);
    case 'exclusiveMinimum':
    case 'minimum':
      return at(node, `${role} must be a positive number of seconds, got ${JSON.stringify(node.value)}`);
    default:
      return at(node, `${role} ${err.message ?? 'is invalid'}`);
  }
}

function describeActual(node: Node): string {
  switch (node.type) {
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'null':
      return 'null';
    case 'string':
      return `a string (${JSON.stringify(node.value).slice(0, 40)})`;
    default:
      return `a ${node.type} (${JSON.stringify(node.value)})`;
  }
}

/** Number of top-level keys other than the hooks key (for the blast-radius note). */
export function otherSettingsCount(root: Node | undefined): number {
  return properties(root).filter((p) => p.children![0]!.value !== 'hooks').length;
}

