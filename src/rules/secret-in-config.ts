import type { TreeNode as Node } from '../formats/parse.js';
import { field } from '../model/model.js';
import { properties, spanInString } from '../formats/parse.js';
import { defineRule } from './rule.js';

/** Credential shapes (prefixes published by each vendor). Order matters: the first match names the kind. */
const PATTERNS: [string, RegExp][] = [
  ['Anthropic API key', /\bsk-ant-[A-Za-z0-9_-]{20,}/g],
  ['OpenAI API key', /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{32,}/g],
  ['GitHub token', /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})/g],
  ['AWS access key id', /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g],
  ['Slack token', /\bxox[abposr]-[A-Za-z0-9-]{10,}/g],
  ['Slack webhook URL', /https:\/\/hooks\.slack\.com\/services\/T[A-Za-z0-9]+\/B[A-Za-z0-9]+\/[A-Za-z0-9]{16,}/g],
  ['bearer token', /\bBearer\s+(?![$<{%])[A-Za-z0-9._~+/-]{16,}=*/g],
];

/** Placeholder text in documentation-style examples: not a secret. */
function isPlaceholder(token: string): boolean {
  return /x{6,}|X{6,}|\*{4,}|\.{3}|your|example|placeholder|redacted|changeme|dummy|0{8,}/i.test(token);
}

/** Every literal credential in a string: kind and offsets inside the value. */
export function findSecrets(value: string): { kind: string; start: number; end: number; token: string }[] {
  // One cheap test for every prefix first: almost no string holds a credential.
  if (!/sk-|gh[pousr]_|github_pat_|AKIA|ASIA|xox|hooks\.slack\.com|Bearer/.test(value)) return [];
  const out: { kind: string; start: number; end: number; token: string }[] = [];
  const taken: [number, number][] = [];
  for (const [kind, re] of PATTERNS)
    for (const m of value.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (isPlaceholder(m[0]) || taken.some(([a, b]) => start < b && end > a)) continue;
      taken.push([start, end]);
      out.push({ kind, start, end, token: m[0] });
    }
  return out.sort((a, b) => a.start - b.start);
}

/** A token shown in a message: the first characters only. */
function redact(token: string): string {
  return token.length <= 10 ? '…' : `${token.slice(0, 8)}…`;
}

/**
 * RULES.md §5 `secret-in-config`: a literal API key or token in `command`,
 * `args`, `url` or `headers` is committed with the repository (or shared
 * with every plugin user). `$VAR` references are never reported.
 */
export default defineRule({
  meta: {
    id: 'secret-in-config',
    type: 'problem',
    severity: 'error',
    section: 5,
    description: 'A literal credential (API key, token, Bearer secret) in a hook',
    messages: {
      secret: 'this looks like a literal {{kind}} ({{redacted}}): anyone who can read this file can use it',
    },
  },
  check(ctx) {
    for (const h of ctx.model.handlers) {
      const nodes: Node[] = [];
      for (const key of ['command', 'url']) {
        const n = field(h, key);
        if (n?.type === 'string') nodes.push(n);
      }
      const args = field(h, 'args');
      if (args?.type === 'array') nodes.push(...(args.children ?? []).filter((c) => c.type === 'string'));
      for (const p of properties(field(h, 'headers'))) if (p.children?.[1]?.type === 'string') nodes.push(p.children[1]);
      for (const node of nodes)
        for (const s of findSecrets(node.value as string))
          ctx.report({
            messageId: 'secret',
            data: { kind: s.kind, redacted: redact(s.token) },
            span: spanInString(ctx.doc.text, node, s.start, s.end),
            note: 'revoke it, then read it from the environment ($VAR; for http headers list it in "allowedEnvVars")',
          });
    }
  },
});
