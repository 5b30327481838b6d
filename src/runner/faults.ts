import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, statSync, symlinkSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { stringField } from '../model/model.js';
import type { PlannedHook } from './plan.js';

/**
 * `hooklint test --faults` (issue 26 item 7): each guard runs again once per
 * fault a user's machine can have, and a guard that fails and lets the action
 * through gets `guard-fails-open`. Claude Code fails open on a hook error unless
 * the handler says `"onFailure": "block"` (SPEC.md §12.2, command handlers since
 * 2.1.295).
 */

/** One fault a guard is run under. */
export interface Fault {
  /** How the report names it, after "when": `jq is missing from PATH`, `its script has no execute bit`, ... */
  label: string;
  /** Short name for the table's column. */
  short: string;
  /** A program taken off PATH (the hook's PATH is a folder of links to everything else). */
  without?: string;
  /** A script of the project (in the temporary copy) whose execute bit is cleared for the run. */
  noExec?: string;
  /** stdin instead of the payload. */
  stdin?: string;
  /** Killed as soon as it starts, as at its timeout. */
  killed?: boolean;
}

/** Programs hooks call that a machine may lack (interpreters, jq, package runners). */
const PROGRAMS = ['jq', 'python3', 'python', 'node', 'uv', 'uvx', 'bun', 'npx', 'deno', 'ruby', 'perl', 'yq'];

/** Events whose hooks guard an action: they block it (PreToolUse, PermissionRequest, PreSkillShellCommand) or keep Claude working (Stop, SubagentStop). */
export function isGuard(hook: PlannedHook): boolean {
  const ev = hook.event;
  return !!ev && hook.type === 'command' && (ev.guard || ev.name === 'Stop' || ev.name === 'SubagentStop');
}

/**
 * The faults to try on one guard: each program it or its script calls (and its
 * script's interpreter) missing from PATH, its script without the execute bit
 * (only when it runs from a temporary copy), killed at its timeout, stdin empty,
 * stdin not JSON.
 *
 * @param projectDir where the hook runs (the copy), for `$CLAUDE_PROJECT_DIR`
 * @param pluginRoot `${CLAUDE_PLUGIN_ROOT}` (the copy)
 * @param copy true when the hook runs in a temporary copy (the execute bit may be cleared there)
 */
export function faultsFor(hook: PlannedHook, projectDir: string, pluginRoot: string | undefined, copy: boolean): Fault[] {
  const command = stringField(hook.handler, 'command') ?? '';
  const sub = (s: string) =>
    s
      .replace(/\$\{?CLAUDE_PROJECT_DIR\}?/g, projectDir)
      .replace(/\$\{?CLAUDE_PLUGIN_ROOT\}?/g, pluginRoot ?? '')
      .replace(/["']/g, '');
  // The script it runs: the first word that is a file in the project or plugin.
  const script = command
    .split(/\s+/)
    .map(sub)
    .map((w) => (isAbsolute(w) ? w : join(projectDir, w)))
    .find((p) => /\.(sh|bash|py|js|mjs|cjs|ts|rb|pl)$|\/[^/.]+$/.test(p) && isFile(p));
  let text = command;
  if (script) {
    try {
      text += '\n' + readFileSync(script, 'utf8').slice(0, 200_000);
    } catch {
      // unreadable: the command alone
    }
  }
  const faults: Fault[] = [];
  for (const p of PROGRAMS) if (new RegExp(`(?:^|[\\s/;|&(\`'"!])${p}(?:[\\s;|&)\`'"]|$)`, 'm').test(text)) faults.push({ label: `${p} is missing from PATH`, short: `no ${p}`, without: p });
  // Only a file of the copy itself: a linked folder (node_modules) is the project's own.
  if (script && copy && [projectDir, pluginRoot].some((r) => r && realpathSync(script).startsWith(realpathSync(r) + '/'))) {
    try {
      if (statSync(script).mode & 0o111) faults.push({ label: `its script has no execute bit`, short: 'no +x', noExec: script });
    } catch {
      // gone
    }
  }
  faults.push({ label: 'it is killed at its timeout', short: 'timeout', killed: true });
  faults.push({ label: 'stdin is empty', short: 'stdin ""', stdin: '' });
  faults.push({ label: 'stdin is not JSON', short: 'stdin !json', stdin: 'not json\n' });
  return faults;
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * A PATH without `program`: one folder of links to every other program on
 * `path` (first match wins, as PATH lookup does), made once per program under
 * `dir`.
 */
export function pathWithout(program: string, path: string, dir: string): string {
  const bin = join(dir, `without-${program}`);
  if (existsSync(bin)) return bin;
  mkdirSync(bin, { recursive: true });
  for (const d of path.split(delimiter)) {
    if (!d) continue;
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      continue;
    }
    for (const n of names) {
      // python3.11 stays when python3 goes: only the exact name is taken away.
      if (n === program || existsSync(join(bin, n))) continue;
      try {
        symlinkSync(join(d, n), join(bin, n));
      } catch {
        // a name twice
      }
    }
  }
  return bin;
}
