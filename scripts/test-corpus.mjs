#!/usr/bin/env node
/**
 * `hooklint test` over the shared corpus (../shared/corpus/repos and repos2),
 * as a new user would run it: in each repository, with a fresh empty HOME,
 * without network (a network namespace with loopback only, when `unshare -n`
 * works: run as root), short timeouts. Writes every finding to
 * <out>/findings.tsv and each repository's stylish report to <out>/<repo>.txt,
 * and reports processes left running after each repository.
 *
 * Usage: node scripts/test-corpus.mjs [out-dir] [--faults] [--stylish] [repo-name-filter]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = join(root, '..', 'shared', 'corpus');
const args = process.argv.slice(2);
const out = args.find((a) => !a.startsWith('--') && a.includes('/')) ?? join(tmpdir(), 'hooklint-test-corpus');
const filter = args.find((a) => !a.startsWith('--') && !a.includes('/'));
const extra = args.includes('--faults') ? ['--faults'] : [];
mkdirSync(out, { recursive: true });
const cli = join(root, 'dist', 'cli.cjs');
const netns = spawnSync('unshare', ['-n', 'true']).status === 0;
const rows = ['repo\tfile\tline\tseverity\trule\tmessage'];
const leftovers = [];

/** Processes whose environment names a hooklint test session or whose cwd is in a hooklint copy. */
function stray(name) {
  const found = [];
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e) || Number(e) === process.pid) continue;
    try {
      const env = readFileSync(`/proc/${e}/environ`, 'latin1');
      const cmd = readFileSync(`/proc/${e}/cmdline`, 'latin1').replace(/\0/g, ' ');
      let cwd = '';
      try {
        cwd = readlinkSync(`/proc/${e}/cwd`);
      } catch {
        // another user's
      }
      // By its environment, or (a process that cleared it: env -i) by its working directory in the copy.
      const copy = new RegExp(`/hooklint-test-[^/]+/copies/\\d+/${name}`);
      if ((env.includes('CLAUDE_CODE_SESSION_ID=') && copy.test(env)) || copy.test(cwd)) found.push(`${e} ${cmd}`);
    } catch {
      // gone
    }
  }
  return found;
}

for (const set of ['repos', 'repos2']) {
  for (const name of readdirSync(join(corpus, set)).sort()) {
    const repo = join(corpus, set, name);
    if (!statSync(repo).isDirectory() || (filter && !name.includes(filter))) continue;
    const home = mkdtempSync(join(tmpdir(), 'hooklint-home-'));
    const env = { ...process.env, HOME: home, NO_COLOR: '1' };
    const run = (format) => {
      const argv = [cli, 'test', '-f', format, '--max-timeout', '10', ...extra];
      const r = netns
        ? spawnSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up 2>/dev/null; exec "$@"', 'sh', process.execPath, ...argv], { cwd: repo, env, encoding: 'utf8', maxBuffer: 64 << 20 })
        : spawnSync(process.execPath, argv, { cwd: repo, env, encoding: 'utf8', maxBuffer: 64 << 20 });
      return r;
    };
    const t0 = Date.now();
    const json = run('json');
    const took = Date.now() - t0;
    let results = [];
    try {
      results = JSON.parse(json.stdout);
    } catch {
      console.log(`${name}: no JSON (exit ${json.status}): ${json.stderr.slice(0, 400)}`);
    }
    for (const r of results) for (const m of r.messages) rows.push([`${set}/${name}`, r.filePath.slice(repo.length + 1), m.line, m.severityName, m.ruleId, m.message.replace(/\s+/g, ' ')].join('\t'));
    const left = stray(name);
    if (left.length) leftovers.push(`${name}: ${left.join('; ')}`);
    const summary = /Hooks: .*/.exec(json.stderr)?.[0] ?? '';
    console.log(`${set}/${name}: exit ${json.status}, ${took} ms, ${results.reduce((n, r) => n + r.messages.length, 0)} findings; ${summary}${left.length ? `; LEFT RUNNING: ${left.length}` : ''}`);
    if (args.includes('--stylish')) {
      const stylish = run('stylish');
      writeFileSync(join(out, `${name}.txt`), stylish.stdout + '\n--- stderr ---\n' + stylish.stderr);
    }
    rmSync(home, { recursive: true, force: true });
  }
}
writeFileSync(join(out, 'findings.tsv'), rows.join('\n') + '\n');
console.log(`\n${rows.length - 1} findings in ${join(out, 'findings.tsv')}; network namespace: ${netns ? 'yes (loopback only)' : 'no'}; left running: ${leftovers.length ? leftovers.join('\n') : 'none'}`);
