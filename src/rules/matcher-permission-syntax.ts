import { catalog } from '../model/catalog.js';
import { insertProperty, replaceNode } from '../fix/edits.js';
import { findProperty, stringValue } from '../formats/parse.js';
import type { TextEdit } from '../model/types.js';
import { defineRule } from './rule.js';
import { matcherOf } from './util.js';

const TOOLS = new Set(catalog.toolNames);

/**
 * `Tool(pattern)` with a known tool (or an MCP tool): a permission rule, not a matcher.
 * A regex group that completes a tool name is a matcher, not a rule:
 * `mcp__codescout__(edit_code|edit_file)` matches `mcp__codescout__edit_code`,
 * `Task(Create|Update)` matches `TaskCreate`. That is a group of word
 * alternatives (`.*`, `?` allowed) after an MCP prefix, or one whose
 * alternatives complete a known tool's name.
 */
export function permissionRule(matcher: string): { tool: string; rule: string } | undefined {
  const m = /^\s*([A-Za-z][A-Za-z0-9_]*)\((.*)\)\s*$/s.exec(matcher);
  if (!m || !(TOOLS.has(m[1]!) || m[1]!.startsWith('mcp__'))) return undefined;
  if (/^[\w|.*+?-]+$/.test(m[2]!)) {
    const alternatives = m[2]!.split('|');
    if (m[1]!.startsWith('mcp__') || alternatives.some((a) => TOOLS.has(m[1]! + a))) return undefined;
  }
  return { tool: m[1]!, rule: matcher.trim() };
}

/**
 * RULES.md §4 `matcher-permission-syntax`; SPEC.md §3, §9 #2: a matcher
 * filters only on the tool name; `Bash(git commit*)` is parsed as a regex
 * that never matches `Bash`. The argument filter belongs in the handler's `if`.
 * The unsafe fix sets the matcher to the tool and moves the rule into `if` on
 * every handler of the group (only when none has an `if` yet).
 *
 * A flat handler (`flat-handler`: written without its group) that carries the
 * matcher is reported too, without a fix: `flat-handler` cannot wrap a handler
 * that has a matcher, so the author moves it by hand, and the note says what
 * the group's matcher and the handler's `if` should be once it is moved.
 */
export default defineRule({
  meta: {
    id: 'matcher-permission-syntax',
    type: 'problem',
    severity: 'error',
    section: 4,
    fixable: 'unsafe',
    description: 'A permission rule like Bash(git commit*) used as a matcher: it never matches',
    messages: {
      permission: 'matcher "{{matcher}}" is a permission rule: a matcher only compares the tool name, so this never matches and the hooks never run',
    },
  },
  check(ctx) {
    for (const ev of ctx.model.events) {
      // Tool events and PreSkillShellCommand: the matcher compares a tool name.
      if (ev.spec?.matcher?.field !== 'tool_name') continue;
      for (const g of ev.groups) {
        if (g.flat) {
          const value = stringValue(g.matcher);
          const p = value === undefined ? undefined : permissionRule(value);
          if (p)
            ctx.report({
              messageId: 'permission',
              data: { matcher: value! },
              node: g.matcher!,
              note: `when this handler moves into a matcher group, give the group "matcher": "${p.tool}" and the handler "if": "${p.rule}"`,
            });
          continue;
        }
        const m = matcherOf(g);
        const p = m && permissionRule(m.value);
        if (!m || !p) continue;
        const edits: TextEdit[] = [replaceNode(m.node, JSON.stringify(p.tool))];
        let fixable = g.handlers.length > 0;
        for (const h of g.handlers) {
          const ins = findProperty(h.node, 'if') ? undefined : insertProperty(ctx.doc.text, h.node, 'if', JSON.stringify(p.rule));
          if (!ins) fixable = false;
          else edits.push(...ins);
        }
        ctx.report({
          messageId: 'permission',
          data: { matcher: m.value },
          node: m.node,
          note: `write "matcher": "${p.tool}" and put "if": "${p.rule}" on each handler`,
          ...(fixable ? { fix: { safety: 'unsafe' as const, title: `move "${p.rule}" to "if"`, edits } } : {}),
        });
      }
    }
  },
});
