import { DOCS_BASE_URL, type RuleMeta } from '../rules/rule.js';
import type { Severity } from '../model/types.js';

/** The public ids of `hooklint test`'s findings (RULES.md §8). */
export type RuntimeRuleId =
  | 'hook-timed-out'
  | 'hook-hangs'
  | 'hook-slow'
  | 'hook-failed-to-start'
  | 'hook-environment'
  | 'guard-fails-open'
  | 'hook-error-exit'
  | 'hook-invalid-json'
  | 'hook-output-field'
  | 'hook-stop-loop'
  | 'hook-test-failed';

/** Where the runtime findings are documented (the README's `hooklint test` section). */
const README_TEST_SECTION = DOCS_BASE_URL.replace(/docs\/rules\/$/, 'README.md#hooklint-test-run-the-hooks');

function meta(id: RuntimeRuleId, severity: Severity, description: string): RuleMeta {
  // Runtime findings carry their whole message; `text` is the only template.
  return { id, type: 'problem', severity, section: 8, description, messages: { text: '{{text}}' }, url: `${README_TEST_SECTION}` };
}

/**
 * Metadata of the runtime findings, for the formatters (SARIF's rule table,
 * help links). They are not lint rules: `check` never produces them.
 */
export const RUNTIME_RULES: ReadonlyMap<RuntimeRuleId, RuleMeta> = new Map(
  (
    [
      ['hook-timed-out', 'error', 'A hook still running at its timeout, with no output before: Claude Code cancels it and discards everything'],
      ['hook-hangs', 'error', 'A hook that wrote its output but did not exit, or exited while a process it started held stdout or stderr open'],
      ['hook-slow', 'warning', 'A hook on an event the user waits for that took longer than the threshold (--slow-ms)'],
      ['hook-failed-to-start', 'error', 'A hook that could not start: command not found, not executable, bad interpreter (exit 126/127, spawn errors)'],
      ['hook-environment', 'warning', 'A hook that could not run on this machine: a program not installed, a file outside the project or made on setup, a package the project installs, no network (not a defect of the hook)'],
      ['guard-fails-open', 'warning', 'With --faults: a guard (PreToolUse, PermissionRequest, PreSkillShellCommand, Stop/SubagentStop) that fails under a fault of the machine (a program missing, no execute bit, killed at its timeout, bad stdin) and lets the action through'],
      ['hook-error-exit', 'error', 'A hook that exited with a code other than 0 and 2: a non-blocking error (exit 1 does not block)'],
      ['hook-invalid-json', 'error', 'Output that starts with "{" and ends with "}" but does not parse: a hook error'],
      ['hook-output-field', 'error', 'A JSON output field the event does not read, of the wrong type or value, or a hookSpecificOutput.hookEventName that does not match'],
      ['hook-stop-loop', 'error', 'A Stop/SubagentStop hook that still blocks when stop_hook_active is true (Claude never gets to stop)'],
      ['hook-test-failed', 'error', 'An expectation of a hooklint.tests.json test that the hooks did not meet'],
    ] as const
  ).map(([id, severity, description]) => [id, meta(id, severity, description)]),
);
