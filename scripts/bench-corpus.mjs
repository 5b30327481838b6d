#!/usr/bin/env node
/**
 * `npm run bench:corpus [-- units] [-- --out dir]`: write a synthetic tree of
 * hook configuration for benchmarks, built from the event catalog
 * (schemas/events.json). Each unit is a project with `.claude/settings.json`
 * and a plugin with `.claude-plugin/plugin.json`, `hooks/hooks.json` and two
 * scripts: 5 files, so 2000 units (the default) are 10,000 files. About one
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

function handler(event, base, plugin) {
  const type = pick(event.handlerTypes.filter((t) => t !== 'prompt' && t !== 'agent').concat(rand() < 0.15 ? event.handlerTypes : []));
  const h = { type };
  const dir = plugin ? '${CLAUDE_PLUGIN_ROOT}' : '"$CLAUDE_PROJECT_DIR"/plugin';
  if (type === 'command') h.command = rand() < 0.1 ? `${base}/hooks/guard.sh` : `${dir}/scripts/hook-${Math.floor(rand() * 2)}.sh`;
  else if (type === 'http') h.url = 'https://hooks.example.com/event';
  else if (type === 'mcp_tool') Object.assign(h, { server: 'audit', tool: 'record' });
  else h.prompt = 'Check $ARGUMENTS';
  const r = rand();
  if (r < 0.7) h.timeout = event.recommendedTimeout;
  else if (r < 0.8) h.timeout = event.recommendedTimeout * 1000;
  return h;
}

function eventMap(plugin) {
  const events = {};
  for (let i = 0; i < 1 + Math.floor(rand() * 4); i++) {
    const e = pick(catalog.events);
    const group = { hooks: [handler(e, plugin ? '${CLAUDE_PLUGIN_ROOT}' : '$CLAUDE_PROJECT_DIR', plugin)] };
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
  mkdirSync(join(dir, '.claude'), { recursive: true });
  writeFileSync(join(dir, '.claude', 'settings.json'), text({ permissions: { allow: ['Bash(git status)'] }, hooks: eventMap(false) }));
  const plugin = join(dir, 'plugin');
  mkdirSync(join(plugin, '.claude-plugin'), { recursive: true });
  mkdirSync(join(plugin, 'hooks'), { recursive: true });
  mkdirSync(join(plugin, 'scripts'), { recursive: true });
  writeFileSync(join(plugin, '.claude-plugin', 'plugin.json'), JSON.stringify({ name: `plugin-${u}`, version: '1.0.0', description: 'Synthetic plugin' }, null, 2) + '\n');
  writeFileSync(join(plugin, 'hooks', 'hooks.json'), text({ description: 'Synthetic hooks', hooks: eventMap(true) }));
  for (let i = 0; i < 2; i++) {
    const f = join(plugin, 'scripts', `hook-${i}.sh`);
    writeFileSync(f, rand() < 0.05 ? '#!/bin/bash\r\nexit 0\r\n' : `#!/bin/bash\ninput=$(cat)\n[ -n "$input" ] || exit ${rand() < 0.1 ? 1 : 0}\nexit 0\n`);
    chmodSync(f, rand() < 0.1 ? 0o644 : 0o755);
  }
}
console.log(root);
