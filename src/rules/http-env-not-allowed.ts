import { treeValue as getNodeValue } from '../formats/parse.js';
import { field } from '../model/model.js';
import { keyOf, properties, spanInString } from '../formats/parse.js';
import { defineRule } from './rule.js';

/**
 * RULES.md §3 `http-env-not-allowed`; SPEC.md §2.2, §9 #23: `$VAR`/`${VAR}`
 * in http `headers` expands only for variables listed in the handler's
 * `allowedEnvVars`; any other variable becomes an empty string.
 */
export default defineRule({
  meta: {
    id: 'http-env-not-allowed',
    type: 'problem',
    severity: 'warning',
    section: 3,
    description: 'A $VAR in http headers that is not listed in allowedEnvVars (it expands to an empty string)',
    messages: {
      notAllowed: '${{name}} in header "{{header}}" is not listed in "allowedEnvVars", so it expands to an empty string',
    },
  },
  check(ctx) {
    for (const h of ctx.model.handlers) {
      if (h.type !== 'http' || h.group.flat) continue;
      const headers = field(h, 'headers');
      if (headers?.type !== 'object') continue;
      const allowedNode = field(h, 'allowedEnvVars');
      const allowedValue = allowedNode?.type === 'array' ? (getNodeValue(allowedNode) as unknown[]) : [];
      const allowed = new Set(allowedValue.filter((v) => typeof v === 'string'));
      for (const prop of properties(headers)) {
        const value = prop.children?.[1];
        if (value?.type !== 'string') continue;
        const re = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;
        for (let m = re.exec(value.value as string); m; m = re.exec(value.value as string)) {
          const name = (m[1] ?? m[2])!;
          if (allowed.has(name)) continue;
          ctx.report({
            messageId: 'notAllowed',
            data: { name, header: keyOf(prop) },
            span: spanInString(ctx.doc.text, value, m.index, m.index + m[0].length),
            note: `add "allowedEnvVars": ["${name}"] to the handler (and to httpHookAllowedEnvVars if that setting is used)`,
          });
        }
      }
    }
  },
});
