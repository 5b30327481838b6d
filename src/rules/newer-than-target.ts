import { catalog } from '../model/catalog.js';
import { field } from '../model/model.js';
import { isSettingsKind } from '../model/types.js';
import { mayPredate, olderThan } from '../model/version.js';
import { defineRule } from './rule.js';
import { targetNote, targetOf } from './version-util.js';

/**
 * RULES.md §8 (SPEC.md §12): a feature the target Claude Code is too old for,
 * where those versions reject or skip it: an event added after them
 * (PreSkillShellCommand in 2.1.332; older versions skip its entry since
 * 2.1.101, or open a settings dialog), or a handler type they do not know
 * (mcp_tool before 2.1.118). The target is `--claude-version`,
 * `"claudeVersion"` in hooklint.config.json, or a plugin's
 * `engines["claude-code"]`; a range target reports what any version in it
 * mishandles. On the default target (the newest version the catalog knows)
 * nothing is too new.
 */
export default defineRule({
  meta: {
    id: 'newer-than-target',
    type: 'problem',
    severity: 'error',
    section: 8,
    description: 'An event or handler type newer than the target Claude Code version (--claude-version, claudeVersion, a plugin\'s engines)',
    messages: {
      event: '{{event}} needs Claude Code {{since}}; {{older}} {{what}}',
      handlerType: 'the {{type}} handler type needs Claude Code {{since}}; {{older}} {{what}}',
    },
  },
  check(ctx) {
    const target = targetOf(ctx);
    if (target.origin === 'default') return;
    for (const ev of ctx.model.events) {
      const since = ev.spec?.since;
      if (!since || !mayPredate(target, since)) continue;
      // The event's own older behaviour is said of settings files (SPEC.md §12.1); plugins get the loader's.
      const what = (isSettingsKind(ctx.options.kind) && ev.spec!.olderVersions) || catalog.loader.unknownEvent.before;
      ctx.report({ messageId: 'event', data: { event: ev.name, since, older: olderThan(since), what }, node: ev.keyNode, note: targetNote(ctx) });
    }
    for (const h of ctx.model.handlers) {
      const r = h.type && h.type in catalog.handlerTypes ? catalog.handlerTypes[h.type as keyof typeof catalog.handlerTypes].sinceRange : undefined;
      if (!r?.since || !mayPredate(target, r.since)) continue;
      ctx.report({ messageId: 'handlerType', data: { type: h.type!, since: r.since, older: olderThan(r.since), what: r.before ?? 'do not know it' }, node: field(h, 'type')!, note: targetNote(ctx) });
    }
  },
});
