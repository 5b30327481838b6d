import { nodeAtPath as findNodeAtLocation, treeValue as getNodeValue, type TreePath as JSONPath, type TreeNode as Node } from '../formats/parse.js';
import { documentValue, keyOf, properties, propertyValue } from '../formats/parse.js';
import { validateShape } from '../schema/validate.js';
import { catalog } from '../model/catalog.js';
import { mayReach } from '../model/version.js';
import { targetOf } from './version-util.js';
import { defineRule } from './rule.js';

/**
 * RULES.md §1 `schema`: shape and type errors against hooklint's JSON Schema
 * (generated from the event catalog), one diagnostic per real problem.
 * SPEC.md §8.1: Claude Code skips the whole settings file on such an error.
 */
export default defineRule({
  meta: {
    id: 'schema',
    type: 'problem',
    severity: 'error',
    section: 1,
    description: 'Shape or type error against the hook configuration schema',
    messages: { shape: '{{detail}}' },
  },
  check(ctx) {
    const { root } = ctx.doc;
    if (!root) return;
    const { model } = ctx;
    const skip: JSONPath[] = [];
    for (const e of model.events) for (const g of e.groups) if (g.flat) skip.push(g.path);
    // In frontmatter only `hooks` is Claude Code's hook configuration; the other keys are the skill's or agent's.
    let value = ctx.doc.format === 'yaml' ? hooksOnly(root) : documentValue(ctx.doc);
    let locate = (path: JSONPath): Node | undefined => (path.length === 0 ? root : findNodeAtLocation(root, path));
    let eventMapPath = model.eventMapPath;
    if (model.wrapperMissing) {
      // Validate the events as if they were wrapped, and map paths back to the file.
      const events = new Set(model.events.map((e) => e.name));
      const top: Record<string, unknown> = {};
      const hooks: Record<string, unknown> = {};
      for (const p of properties(root)) {
        // A property whose value did not parse (`"Stop": "x{…`, json-syntax reports it) has no value node.
        const value = p.children![1];
        if (value) (events.has(keyOf(p)) ? hooks : top)[keyOf(p)] = getNodeValue(value);
      }
      value = { ...top, hooks };
      locate = (path) => (path.length === 0 ? root : findNodeAtLocation(root, path[0] === 'hooks' ? path.slice(1) : path));
      eventMapPath = ['hooks'];
      skip.push(...skip.splice(0).map((p) => ['hooks', ...p]));
    }
    // The schema describes the newest version; a fact that changed keeps its older truth for older targets.
    const surface = catalog.pluginHooksFile.topKeys.surface;
    const surfaceRejected = !surface?.until || mayReach(targetOf(ctx), surface.until);
    for (const problem of validateShape(model.kind, value, locate, eventMapPath, skip)) {
      if (!surfaceRejected && model.kind === 'plugin-hooks' && problem.path.length === 1 && problem.path[0] === 'surface') continue;
      ctx.report({ messageId: 'shape', data: { detail: problem.message }, node: problem.node });
    }
  },
});

/** `{ hooks }` of a frontmatter tree (empty when it has none). */
function hooksOnly(root: Node): Record<string, unknown> {
  const hooks = propertyValue(root, 'hooks');
  return hooks ? { hooks: getNodeValue(hooks) as unknown } : {};
}
