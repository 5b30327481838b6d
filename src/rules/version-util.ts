import { NEWEST, targetText, type Target } from '../model/version.js';
import type { RuleContext } from './rule.js';

/** The version target of a lint (`LintOptions.target`, default the newest version the catalog knows). */
export function targetOf(ctx: RuleContext): Target {
  return ctx.options.target ?? NEWEST;
}

/** The note of a version finding: which target was checked and where it came from. */
export function targetNote(ctx: RuleContext): string {
  const t = targetOf(ctx);
  const how = t.origin === 'default' ? 'the newest version hooklint knows' : t.origin === 'engines' ? 'from the plugin\'s plugin.json "engines"' : t.origin === 'config' ? 'from "claudeVersion" in hooklint.config.json' : 'from --claude-version';
  return `checked against ${targetText(t)} (${how})`;
}
