import { join } from 'node:path';
import { keyOf, parseDocument, properties, propertyValue, spanInString, stringValue, type TreeNode } from '../formats/parse.js';
import { defineRule, type LintOptions } from './rule.js';
import { matchersOf } from './util.js';
import { isPluginFile } from '../model/types.js';
import { catalog } from '../model/catalog.js';

const TOOLS = new Set(catalog.toolNames);

/**
 * The plugin's name and the MCP servers it bundles (`.mcp.json` at the plugin
 * root, or `mcpServers` inline in plugin.json), read through the host; undefined
 * without a host or a plugin root.
 */
function pluginServers(options: LintOptions): { name: string | undefined; servers: Set<string> } | undefined {
  const { host, pluginRoot } = options;
  if (!host || !pluginRoot) return undefined;
  const read = (p: string) => {
    const text = host.stat(p)?.isFile ? host.readHead(p, 1 << 20) : undefined;
    return text === undefined ? undefined : parseDocument(text).root;
  };
  const manifest = read(join(pluginRoot, '.claude-plugin', 'plugin.json'));
  const servers = new Set<string>();
  const add = (obj: TreeNode | undefined) => {
    for (const p of properties(propertyValue(obj, 'mcpServers'))) servers.add(keyOf(p));
  };
  add(manifest);
  add(read(join(pluginRoot, '.mcp.json')));
  return { name: stringValue(propertyValue(manifest, 'name')), servers };
}

/**
 * RULES.md §4 `mcp-matcher-incomplete`; SPEC.md §3: MCP tools are named
 * `mcp__<server>__<tool>`; the exact name `mcp__memory` matches nothing.
 * The safe fix (`mcp__memory__.*`) is offered only when it is the matcher's
 * only item, because adding regex characters turns the whole list into a
 * regex. Inside a plugin, a matcher on a server the plugin bundles (from its
 * `.mcp.json` or plugin.json `mcpServers`, read only when scripts are checked)
 * must use the plugin-scoped name `mcp__plugin_<plugin>_<server>__`.
 * An exact `server__tool` without the `mcp__` prefix (SPEC.md §13.4) matches
 * nothing either: the suggestion adds `mcp__`, or `mcp__plugin_<plugin>_` for a
 * server the plugin bundles. A regex (`github__.*`) is unanchored and matches
 * the prefixed name: not reported.
 */
export default defineRule({
  meta: {
    id: 'mcp-matcher-incomplete',
    type: 'problem',
    severity: 'warning',
    section: 4,
    fixable: 'safe',
    description: 'mcp__<server> without __<tool> or __.*, or server__tool without mcp__ (matches nothing)',
    messages: {
      incomplete: '"{{value}}" names a server, not a tool: MCP tools are named mcp__<server>__<tool>, so this matches nothing; use "{{value}}__.*" for every tool of the server',
      pluginServer: '"{{server}}" is a server this plugin bundles: its tools are named mcp__plugin_{{plugin}}_{{server}}__<tool>, so "{{value}}" never matches',
      noPrefix: '"{{value}}" lacks the mcp__ prefix: MCP tools are named {{expected}}, so this matches nothing',
    },
  },
  check(ctx) {
    const matchers = matchersOf(ctx, 'tool');
    // The plugin's server list costs two file reads: only when some matcher names an MCP tool.
    const plugin = isPluginFile(ctx.model.kind, ctx.options.pluginRoot) && matchers.some(({ m }) => m.value.includes('__')) ? pluginServers(ctx.options) : undefined;
    for (const { m, e } of matchers) {
      if (plugin?.servers.size)
        for (const server of plugin.servers) {
          const at = m.value.indexOf(`mcp__${server}__`);
          if (at < 0 || (at > 0 && /[A-Za-z0-9_]/.test(m.value[at - 1]!))) continue;
          const span = spanInString(ctx.doc.text, m.node, at, at + 5 + server.length);
          const name = plugin.name ?? '<plugin>';
          ctx.report({
            messageId: 'pluginServer',
            data: { server, plugin: name, value: m.value },
            span,
            ...(plugin.name ? { suggestions: [{ title: `use mcp__plugin_${name}_${server}`, edits: [{ range: [span.offset, span.offset + span.length] as [number, number], text: `mcp__plugin_${name}_${server}` }] }] } : {}),
          });
        }
      if (e.kind !== 'exact') continue;
      for (const item of e.items) {
        // `server__tool` without the prefix (SPEC.md §13.4): an exact name no tool has.
        const bare = /^([A-Za-z0-9][A-Za-z0-9_-]*?)__([A-Za-z0-9][\w-]*)$/.exec(item.value);
        if (bare && !item.value.startsWith('mcp__') && !TOOLS.has(item.value)) {
          const [, server, tool] = bare;
          const bundled = plugin?.name !== undefined && plugin.servers.has(server!);
          const expected = bundled ? `mcp__plugin_${plugin!.name}_${server}__${tool}` : `mcp__${item.value}`;
          const span = spanInString(ctx.doc.text, m.node, item.offset, item.offset + item.value.length);
          ctx.report({
            messageId: 'noPrefix',
            data: { value: item.value, expected: bundled ? `mcp__plugin_<plugin>_<server>__<tool> for a server the plugin bundles` : 'mcp__<server>__<tool>' },
            span,
            suggestions: [{ title: `use ${expected}`, edits: [{ range: [span.offset, span.offset + span.length] as [number, number], text: expected }] }],
          });
          continue;
        }
        if (!/^mcp__[A-Za-z0-9-]/.test(item.value) || item.value.slice(5).includes('__')) continue;
        const span = spanInString(ctx.doc.text, m.node, item.offset, item.offset + item.value.length);
        const fix =
          e.items.length === 1 ? { safety: 'safe' as const, title: `match every tool of the server`, edits: [{ range: [span.offset, span.offset + span.length] as [number, number], text: `${item.value}__.*` }] } : undefined;
        ctx.report({ messageId: 'incomplete', data: { value: item.value }, span, ...(fix ? { fix } : {}) });
      }
    }
  },
});
