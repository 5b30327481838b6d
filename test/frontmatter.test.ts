/**
 * Hooks in skill and agent frontmatter (issue "Hooks in skill and agent
 * frontmatter"): the same findings as in settings, at the YAML lines; --fix
 * in YAML keeping the file's own layout, comments and Markdown body, and never
 * writing a frontmatter it could not parse; discovery of skills, agents and
 * commands; and a run over the skill and agent files of ../shared/corpus/repos.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { applyFixes } from '../src/lint/fix.js';
import { lintText } from '../src/lint/lint.js';
import { findFrontmatter } from '../src/formats/frontmatter.js';
import type { FileKind } from '../src/model/types.js';
import { assertProperty, runCli, SHARED } from './helpers.js';

const REPOS = join(SHARED, 'corpus', 'repos');

/** A temporary project with `files` (path → text) written in it. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hooklint-fm-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

interface JsonMessage {
  ruleId: string;
  line: number;
  column: number;
  message: string;
  note?: string;
}

async function check(dir: string, args: string[] = []): Promise<{ code: number; results: { filePath: string; messages: JsonMessage[] }[]; stderr: string }> {
  const r = await runCli(['check', '-f', 'json', ...args, '.'], { cwd: dir });
  return { code: r.code, results: JSON.parse(r.stdout), stderr: r.stderr };
}

const SKILL = `---
name: deploy
description: Deploys the current branch # the one checked out
hooks:
  PreTooluse:
    - matcher: "Bash"
      hooks:
        - type: command
          command: echo checking
  PostToolUse:
    - matcher: 'Bash(git push:*)'
      hooks:
        - type: command
          command: echo pushed
          timeout: 5000
---

# Deploy

Run the deploy, then *check* the dashboard.
`;

const SETTINGS = `{
  "hooks": {
    "PreTooluse": [
      { "matcher": "Bash", "hooks": [ { "type": "command", "command": "echo checking" } ] }
    ],
    "PostToolUse": [
      { "matcher": "Bash(git push:*)", "hooks": [ { "type": "command", "command": "echo pushed", "timeout": 5000 } ] }
    ]
  }
}
`;

describe('a skill gets the findings the same hooks get in settings', () => {
  it('a misspelt event, a millisecond timeout and a permission-rule matcher: the same three findings, at the YAML lines', async () => {
    const dir = project({ '.claude/skills/deploy/SKILL.md': SKILL, '.claude/settings.json': SETTINGS });
    const { code, results, stderr } = await check(dir);
    assert.equal(stderr, '');
    assert.equal(code, 1);
    const of = (suffix: string) => results.find((r) => r.filePath.endsWith(suffix))!.messages;
    const skill = of('SKILL.md');
    const settings = of('settings.json');
    const picked = ['unknown-event', 'timeout-in-milliseconds', 'matcher-permission-syntax'];
    const view = (ms: JsonMessage[]) => ms.filter((m) => picked.includes(m.ruleId)).map((m) => `${m.ruleId}: ${m.message}`);
    assert.deepEqual(view(skill), view(settings));
    assert.deepEqual(
      skill.filter((m) => picked.includes(m.ruleId)).map((m) => [m.ruleId, m.line, m.column]),
      [
        ['unknown-event', 5, 3],
        ['matcher-permission-syntax', 11, 16],
        ['timeout-in-milliseconds', 15, 20],
      ],
    );
    // The other rules agree too (missing-timeout on the same handler).
    assert.deepEqual(
      skill.map((m) => m.ruleId).sort(),
      settings.map((m) => m.ruleId).sort(),
    );
  });

  it('--fix inserts the recommended timeout with the file\'s indentation, renames the event, and keeps the rest byte for byte', async () => {
    const dir = project({ '.claude/skills/deploy/SKILL.md': SKILL });
    const file = join(dir, '.claude/skills/deploy/SKILL.md');
    const r = await runCli(['check', '--fix', '-f', 'compact', '.'], { cwd: dir });
    assert.equal(r.stderr, '');
    const fixed = readFileSync(file, 'utf8');
    assert.equal(
      fixed,
      SKILL.replace('  PreTooluse:', '  PreToolUse:').replace('          command: echo checking\n', '          command: echo checking\n          timeout: 10\n'),
    );
    // Idempotent: a second run changes nothing.
    await runCli(['check', '--fix', '.'], { cwd: dir });
    assert.equal(readFileSync(file, 'utf8'), fixed);
  });
});

type Layout = typeof layout extends fc.Arbitrary<infer T> ? T : never;

/** The frontmatter of a skill, built from layout choices, with one handler lacking a timeout. */
const layout = fc.record({
  indent: fc.constantFrom('  ', '    ', '   '),
  dash: fc.constantFrom('- ', '-   '),
  quote: fc.constantFrom('', "'", '"'),
  eol: fc.constantFrom('\n', '\r\n'),
  comment: fc.boolean(),
  flowHandler: fc.boolean(),
  bom: fc.boolean(),
  extraKeys: fc.boolean(),
});

function skillText(l: Layout): string {
  const i = l.indent;
  const d = l.dash;
  const pad = ' '.repeat(d.length);
  const q = (s: string) => `${l.quote}${s}${l.quote}`;
  const handler = l.flowHandler
    ? [`${i}${i}${pad}${i}${d}{type: command, command: ${q('echo ok')}}`]
    : [`${i}${i}${pad}${i}${d}type: command`, `${i}${i}${pad}${i}${pad}command: ${q('echo ok')}${l.comment ? '  # runs fast' : ''}`];
  const lines = [
    '---',
    `name: ${q('lint')}`,
    ...(l.extraKeys ? ['allowed-tools: Bash(npm run lint:*), Read', 'argument-hint: [path] [mode]'] : []),
    ...(l.comment ? ['# hooks while the skill runs'] : []),
    'hooks:',
    `${i}PostToolUse:`,
    `${i}${i}${d}matcher: ${q('Edit')}`,
    `${i}${i}${pad}hooks:`,
    ...handler,
    '---',
    '',
    '# Lint',
    '',
    'Body with `code`, --- and: colons.',
    '',
  ];
  return (l.bom ? '\uFEFF' : '') + lines.join(l.eol);
}

describe('--fix in frontmatter, over generated layouts', () => {
  it('inserts "timeout": 30 and nothing else: the YAML reads back with it, the body and every other line are kept, a second pass changes nothing', () => {
    assertProperty(
      fc.property(layout, (l) => {
        const text = skillText(l);
        const options = { filePath: '/p/.claude/skills/lint/SKILL.md', kind: 'skill' as FileKind, projectRoot: '/p' };
        const { output } = applyFixes(text, options);
        const before = findFrontmatter(text)!;
        const after = findFrontmatter(output)!;
        // The Markdown body and the BOM are byte for byte the same.
        assert.equal(output.slice(after.end), text.slice(before.end));
        assert.equal(output.charCodeAt(0) === 0xfeff, l.bom);
        // Only added text: every line of the input is still there, in order; one line was added unless the handler is a flow mapping.
        const inLines = text.split(l.eol);
        const outLines = output.split(l.eol);
        assert.equal(outLines.length, inLines.length + (l.flowHandler ? 0 : 1));
        if (!l.flowHandler) assert.deepEqual(outLines.filter((line) => !/^\s*timeout: 30$/.test(line)), inLines);
        // The YAML means what it meant, plus the timeout (the lenient reading, as Claude Code's, for the bracketed hint).
        const value = (yaml: string) => parseYaml(l.extraKeys ? yaml.replace(/^argument-hint: .*$/m, 'argument-hint: x') : yaml);
        const expected = value(before.yaml) as { hooks: { PostToolUse: { hooks: Record<string, unknown>[] }[] } };
        expected.hooks.PostToolUse[0]!.hooks[0]!.timeout = 30;
        assert.deepEqual(value(after.yaml), expected);
        assert.equal(applyFixes(output, options).output, output);
        assert.deepEqual(lintText(output, options).diagnostics.filter((d) => d.ruleId === 'yaml-syntax' || d.ruleId === 'missing-timeout'), []);
      }),
      { seed: 17, numRuns: 200 },
    );
  });
});

describe('fixes that YAML cannot take, and files --fix must not write', () => {
  const options = (kind: FileKind = 'skill') => ({ filePath: '/p/.claude/skills/x/SKILL.md', kind, projectRoot: '/p' });
  it('a rename keeps the scalar\'s own quoting: plain stays plain, single quotes stay single', () => {
    const text = "---\nhooks:\n  PreTooluse:\n    - matcher: 'Task'\n      hooks:\n        - {type: command, command: echo a, timeout: 5}\n---\n";
    const { output } = applyFixes(text, options(), 'unsafe');
    assert.equal(output, "---\nhooks:\n  PreToolUse:\n    - matcher: 'Agent'\n      hooks:\n        - {type: command, command: echo a, timeout: 5}\n---\n");
  });
  it('quoting a variable inside a plain command goes in as plain text when YAML allows it, else the scalar becomes double-quoted', () => {
    const plain = '---\nhooks:\n  PostToolUse:\n    - hooks:\n        - type: command\n          command: $CLAUDE_PROJECT_DIR/.claude/hooks/a.sh\n          timeout: 5\n---\n';
    const out = applyFixes(plain, options(), 'unsafe').output;
    const cmd = (parseYaml(findFrontmatter(out)!.yaml) as { hooks: { PostToolUse: { hooks: { command: string }[] }[] } }).hooks.PostToolUse[0]!.hooks[0]!.command;
    assert.equal(cmd, '"$CLAUDE_PROJECT_DIR"/.claude/hooks/a.sh');
    assert.match(out, /command: "\\"\$CLAUDE_PROJECT_DIR\\"\/\.claude\/hooks\/a\.sh"\n/);
  });
  it('a flat handler is reported without a fix (wrapping it is JSON text), and a block scalar command keeps its finding without one', () => {
    const text = '---\nhooks:\n  PreToolUse:\n    - type: command\n      command: echo a\n      timeout: 5\n  Stop:\n    - hooks:\n        - type: command\n          timeout: 5\n          command: >-\n            $CLAUDE_PROJECT_DIR/.claude/hooks/stop.sh\n---\n';
    const { diagnostics } = lintText(text, options());
    const flat = diagnostics.find((d) => d.ruleId === 'flat-handler')!;
    assert.equal(flat.fix, undefined);
    const unquoted = diagnostics.find((d) => d.ruleId === 'unquoted-path-variable')!;
    assert.equal(unquoted.line, 11); // positions inside a block scalar are unreliable: the finding points at the scalar
    assert.equal(unquoted.fix, undefined);
    assert.equal(applyFixes(text, options(), 'unsafe').output, text);
  });
  it('a handler reached through an alias is reported at the alias, and its fix is not applied there', () => {
    const text = '---\nhooks:\n  PreToolUse:\n    - &g\n      matcher: Bash\n      hooks:\n        - {type: command, command: echo a}\n  PostToolUse:\n    - *g\n---\n';
    const missing = lintText(text, options()).diagnostics.filter((d) => d.ruleId === 'missing-timeout');
    assert.deepEqual(missing.map((d) => [d.line, d.fix !== undefined]), [[7, true], [9, false]]);
    const { output } = applyFixes(text, options());
    assert.equal(output, text.replace('command: echo a}', 'command: echo a, timeout: 10}'));
  });
  it('a frontmatter that does not parse is never fixed, whatever else is wrong with it', () => {
    const text = '---\nhooks:\n  PreTooluse:\n    - hooks:\n        - type: command\n          command: "echo a\n---\n';
    assert.ok(lintText(text, options()).diagnostics.some((d) => d.ruleId === 'yaml-syntax'));
    assert.equal(applyFixes(text, options(), 'unsafe').output, text);
  });
  it('an agent\'s Stop hooks are judged as SubagentStop, and each finding there says so', () => {
    const text = '---\nname: builder\nhooks:\n  Stop:\n    - matcher: builder\n      hooks:\n        - type: command\n          command: echo built\n---\n';
    const agent = lintText(text, options('agent')).diagnostics;
    assert.deepEqual(agent.map((d) => d.ruleId), ['missing-timeout']);
    assert.match(agent[0]!.note!, /Stop hooks run as SubagentStop/);
    // In a skill the same Stop ignores its matcher.
    assert.ok(lintText(text, options()).diagnostics.some((d) => d.ruleId === 'matcher-ignored'));
  });
});

describe('which Markdown files are linted', () => {
  const hooks = 'hooks:\n  PostToolUse:\n    - matcher: Edit\n      hooks:\n        - {type: command, command: echo a, timeout: 5000}\n';
  it('skills, project agents (below agents/ too) and commands with hooks; not Markdown without frontmatter, frontmatter without hooks, or other .md files', async () => {
    const dir = project({
      '.claude/skills/a/SKILL.md': `---\nname: a\n${hooks}---\nBody.\n`,
      '.claude/skills/b/SKILL.md': '---\nname: b\ndescription: no hooks\n---\nBody.\n',
      '.claude/skills/c/SKILL.md': `# No frontmatter\n\n${hooks}`,
      '.claude/agents/team/builder.md': `---\nname: builder\n${hooks}---\n`,
      '.claude/commands/plan.md': `---\nargument-hint: [a] [b]\n${hooks}---\n`,
      'docs/notes.md': `---\n${hooks}---\n`,
      '.claude/skills/a/reference.md': `---\n${hooks}---\n`,
    });
    const { results, stderr } = await check(dir);
    assert.equal(stderr, '');
    assert.deepEqual(
      results.map((r) => [relative(dir, r.filePath), r.messages.map((m) => m.ruleId)]),
      [
        ['.claude/agents/team/builder.md', ['timeout-in-milliseconds']],
        ['.claude/commands/plan.md', ['timeout-in-milliseconds']],
        ['.claude/skills/a/SKILL.md', ['timeout-in-milliseconds']],
      ],
    );
  });
  it("a plugin's agent: its hooks are ignored, reported once at the hooks key; a plugin's skill is linted as the plugin's", async () => {
    const dir = project({
      '.claude-plugin/plugin.json': '{ "name": "kit", "version": "1.0.0" }',
      'agents/reviewer.md': `---\nname: reviewer\n${hooks}---\n`,
      'skills/review/SKILL.md': '---\nname: review\nhooks:\n  PostToolUse:\n    - hooks:\n        - {type: command, command: "\\"${CLAUDE_PLUGIN_ROOT}\\"/hooks/review.sh", timeout: 5}\n---\n',
    });
    const { results } = await check(dir, ['--no-scripts']);
    const agent = results.find((r) => r.filePath.endsWith('reviewer.md'))!.messages;
    assert.deepEqual(agent.filter((m) => m.ruleId === 'unloaded-location').map((m) => [m.line, m.column]), [[3, 1]]);
    assert.deepEqual(results.find((r) => r.filePath.endsWith('SKILL.md'))?.messages ?? [], []);
  });
  it('a named Markdown file whose frontmatter declares no hooks is skipped with a notice', async () => {
    const dir = project({ 'README.md': '# Hello\n' });
    const r = await runCli(['check', 'README.md'], { cwd: dir });
    assert.equal(r.code, 0);
    assert.match(r.stderr, /README\.md: skipped, its frontmatter declares no hooks/);
  });
});

describe('the skill and agent files of ../shared/corpus/repos', () => {
  /** Every Markdown file under a skills/, agents/ or commands/ folder. */
  function markdownFiles(dir: string, out: string[] = []): string[] {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) markdownFiles(p, out);
      else if (e.name.endsWith('.md') && /[\\/](skills|agents|commands)[\\/]/.test(p)) out.push(p);
    }
    return out;
  }
  const files = markdownFiles(REPOS);
  it('every one lints without a crash; a file without hooks in its frontmatter gives no result; one with hooks no yaml-syntax error', () => {
    assert.ok(files.length > 1000, `${files.length} files`);
    let withHooks = 0;
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      const kind: FileKind = /[\\/]agents[\\/]/.test(path) && !path.endsWith('SKILL.md') ? 'agent' : 'skill';
      const { diagnostics, handlerCount } = lintText(text, { filePath: path, kind });
      const block = findFrontmatter(text);
      if (!block || !/^hooks\s*:/m.test(block.yaml)) {
        assert.equal(handlerCount, 0, path);
        assert.deepEqual(diagnostics, [], path);
        continue;
      }
      withHooks++;
      assert.ok(handlerCount > 0, path);
      assert.deepEqual(diagnostics.filter((d) => d.ruleId === 'yaml-syntax'), [], path);
    }
    // The corpus's 37 skill, agent and command files with hooks in their frontmatter (the other 1,800-odd have none).
    assert.equal(withHooks, 37);
  });
  it('check claims exactly the ones whose frontmatter declares hooks, each with its kind', async () => {
    const r = await runCli(['check', '--no-config-lookup', '-f', 'json', REPOS]);
    const claimed = (JSON.parse(r.stdout) as { filePath: string; kind: string }[]).filter((x) => x.filePath.endsWith('.md')).map((x) => `${relative(REPOS, x.filePath)} ${x.kind}`).sort();
    const declaring = files
      .filter((p) => /^hooks\s*:/m.test(findFrontmatter(readFileSync(p, 'utf8'))?.yaml ?? ''))
      .map((p) => `${relative(REPOS, p)} ${/[\\/]agents[\\/]/.test(p) && !p.endsWith('SKILL.md') ? 'agent' : 'skill'}`)
      .sort();
    assert.deepEqual(claimed, declaring);
  });
});
