#!/usr/bin/env node
// Rewrites fixtures/<rule>/invalid/<case>/expected.out from what the built CLI
// (dist/cli.cjs) prints for that rule. Review the diff before committing: the
// golden files are the contract, this only saves typing them.
// Usage: npm run build && node scripts/update-fixtures.mjs [rule-id ...]
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.cjs');
const only = new Set(process.argv.slice(2));
// The modes some cases depend on (fixtures/modes.json), whatever the checkout's umask made them.
for (const [path, mode] of Object.entries(JSON.parse(readFileSync(join(root, 'fixtures', 'modes.json'), 'utf8'))))
  if (path !== '$comment') chmodSync(join(root, 'fixtures', path), Number.parseInt(mode, 8));
for (const rule of readdirSync(join(root, 'fixtures'))) {
  if (only.size && !only.has(rule)) continue;
  const dir = join(root, 'fixtures', rule, 'invalid');
  if (!existsSync(dir)) continue;
  for (const c of readdirSync(dir)) {
    const cwd = join(dir, c);
    let out;
    try {
      out = execFileSync(process.execPath, [cli, 'check', '--no-config-lookup', '-f', 'compact', '.'], { cwd, encoding: 'utf8' });
    } catch (e) {
      out = e.stdout;
    }
    const lines = out.split('\n').filter((l) => l.endsWith(`[${rule}]`));
    writeFileSync(join(cwd, 'expected.out'), lines.length ? lines.join('\n') + '\n' : '');
    if (!lines.length) console.error(`${rule}/invalid/${c}: no finding`);
  }
}
