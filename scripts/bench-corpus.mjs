#!/usr/bin/env node
/**
 * `npm run bench:corpus [-- units] [-- --out dir]`: write a synthetic tree of
 * hook configuration for benchmarks, built from the event catalog
 * (schemas/events.json). Each unit is a project with `.claude/settings.json`
 * and a plugin with `.claude-plugin/plugin.json`, `hooks/hooks.json` and two
 * scripts (shell, Python or JavaScript, named from word lists, their text
 * specific to the plugin, like real ones): 5 files, so 2000 units (the
 * default) are 10,000 files. About one
 * config in three carries a real mistake (missing or millisecond timeout,
 * lower-case matcher, unquoted variable, flat handler, trailing comma,
 * comment, legacy tool name). Deterministic: the same units give the same
 * bytes. Prints the directory.
 */
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const units = Number(args.find((a) => /^\d+$/.test(a)) ?? 2000);
const outIdx = args.indexOf('--out');
const root = outIdx >= 0 ? args[outIdx + 1] : new URL(`../.bench/tree-${units}`, import.meta.url).pathname;
const catalog = JSON.parse(readFileSync(new URL('../schemas/events.json', import.meta.url), 'utf8'));

// mulberry32: a small deterministic PRNG.
let seed = 0x9e3779b9 ^ units;
const rand = () => {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

// Scripts vary like real ones: names from word lists, three languages, per-plugin text,
// so no cache keyed by a command or a script's text sees more repetition than real
// repositories do (about 14% of the corpus's commands repeat).
const VERBS = ['format', 'lint', 'guard', 'check', 'log', 'notify', 'audit', 'validate', 'sync', 'record', 'block', 'scan', 'track', 'save', 'load', 'clean', 'review', 'test', 'index', 'report'];
const NOUNS = ['edits', 'bash', 'prompt', 'session', 'files', 'secrets', 'deps', 'commits', 'context', 'tools', 'output', 'changes', 'branch', 'todos', 'paths', 'env', 'usage', 'errors', 'tasks', 'docs'];
const LANGS = [
  { ext: 'sh', run: (p) => (rand() < 0.5 ? p : `bash ${p}`) },
  { ext: 'py', run: (p) => `${rand() < 0.7 ? 'python3' : 'uv run'} ${p}` },
  { ext: 'js', run: (p) => `node "${p}"` },
];

function scripts(u) {
  const own = [0, 1].map(() => ({ name: `${pick(VERBS)}-${pick(NOUNS)}`, lang: pick(LANGS), unit: u }));
  if (own[1].name === own[0].name && own[1].lang === own[0].lang) own[1].name += '-2';
  return own;
}

function scriptText(s) {
  const code = rand() < 0.1 ? 1 : rand() < 0.3 ? 2 : 0;
  if (s.lang.ext === 'py')
    return `#!/usr/bin/env python3\n"""${s.name} hook of plugin-${s.unit}."""\nimport json\nimport sys\n\ndata = json.load(sys.stdin)\nif data.get("tool_name") == "${pick(['Bash', 'Edit', 'Write'])}" and "${s.name.split('-')[1]}" in json.dumps(data):\n    print("${s.name}: blocked", file=sys.stderr)\n    sys.exit(${code})\nsys.exit(0)\n`;
  if (s.lang.ext === 'js')
    return `#!/usr/bin/env node\n// ${s.name} hook of plugin-${s.unit}\nlet raw = '';\nprocess.stdin.on('data', (c) => (raw += c));\nprocess.stdin.on('end', () => {\n  const input = JSON.parse(raw || '{}');\n  if (String(input.tool_name) === '${pick(['Bash', 'Edit', 'Write'])}') process.exit(${code});\n  process.exit(0);\n});\n`;
  const body = `#!/bin/bash\n# ${s.name} hook of plugin-${s.unit}\ninput=$(cat)\n[ -n "$input" ] || exit ${code}\necho "$input" | grep -q '${s.name.split('-')[1]}' && echo "${s.name}" >&2\nexit 0\n`;
  return rand() < 0.05 ? body.replace(/\n/g, '\r\n') : body;
}

function handler(event, base, plugin, own) {
  const type = pick(event.handlerTypes.filter((t) => t !== 'prompt' && t !== 'agent').concat(rand() < 0.15 ? event.handlerTypes : []));
  const h = { type };
  const dir = plugin ? '${CLAUDE_PLUGIN_ROOT}' : '"$CLAUDE_PROJECT_DIR"/plugin';
  if (type === 'command') {
    const s = pick(own);
    let command = rand() < 0.1 ? `${base}/hooks/guard.sh` : s.lang.run(`${dir}/scripts/${s.name}.${s.lang.ext}`);
    const r = rand();
    if (r < 0.15) command += ` --event ${event.name}`;
    else if (r < 0.25) command += ' 2>/dev/null || true';
    else if (r < 0.3) command += ' | tee -a /tmp/claude-hooks.log';
    h.command = command;
  } else if (type === 'http') h.url = 'https://hooks.example.com/event';
  else if (type === 'mcp_tool') Object.assign(h, { server: 'audit', tool: 'record' });
  else h.prompt = 'Check $ARGUMENTS';
  const r = rand();
  if (r < 0.7) h.timeout = event.recommendedTimeout;
  else if (r < 0.8) h.timeout = event.recommendedTimeout * 1000;
  return h;
}

function eventMap(plugin, own) {
  const events = {};
  for (let i = 0; i < 1 + Math.floor(rand() * 4); i++) {
    const e = pick(catalog.events);
    const group = { hooks: [handler(e, plugin ? '${CLAUDE_PLUGIN_ROOT}' : '$CLAUDE_PROJECT_DIR', plugin, own)] };
    if (e.matcher && e.matcher.knownValues.length && rand() < 0.6) {
      const v = pick(e.matcher.knownValues);
      group.matcher = rand() < 0.05 ? v.toLowerCase() : rand() < 0.05 && e.toolEvent ? 'Task' : v;
    }
    events[e.name] = [...(events[e.name] ?? []), rand() < 0.03 ? group.hooks[0] : group];
  }
  return events;
}

function text(value) {
  let s = JSON.stringify(value, null, 2) + '\n';
  const r = rand();
  if (r < 0.03) s = s.replace(/\n\}\n$/, ',\n}\n'); // trailing comma
  else if (r < 0.06) s = s.replace('{\n', '{\n  // generated\n'); // comment
  return s;
}

rmSync(root, { recursive: true, force: true });
for (let u = 0; u < units; u++) {
  const dir = join(root, `unit-${String(u).padStart(5, '0')}`);
  const own = scripts(u);
  mkdirSync(join(dir, '.claude'), { recursive: true });
  writeFileSync(join(dir, '.claude', 'settings.json'), text({ permissions: { allow: ['Bash(git status)'] }, hooks: eventMap(false, own) }));
  const plugin = join(dir, 'plugin');
  mkdirSync(join(plugin, '.claude-plugin'), { recursive: true });
  mkdirSync(join(plugin, 'hooks'), { recursive: true });
  mkdirSync(join(plugin, 'scripts'), { recursive: true });
  writeFileSync(join(plugin, '.claude-plugin', 'plugin.json'), JSON.stringify({ name: `plugin-${u}`, version: '1.0.0', description: 'Synthetic plugin' }, null, 2) + '\n');
  writeFileSync(join(plugin, 'hooks', 'hooks.json'), text({ description: 'Synthetic hooks', hooks: eventMap(true, own) }));
  for (const s of own) {
    const f = join(plugin, 'scripts', `${s.name}.${s.lang.ext}`);
    writeFileSync(f, scriptText(s));
    chmodSync(f, rand() < 0.1 ? 0o644 : 0o755);
  }
}
console.log(root);
