/**
 * Release hooklint without a build at install time: the published package and the release
 * commit carry the built `dist/` and a manifest with no `scripts` and no `devDependencies`
 * (the bundles in dist/ hold every runtime dependency except the four the code requires lazily,
 * on first use, for start-up speed: yaml, semver, picomatch and write-file-atomic).
 *
 *   node scripts/release.mjs pack [--out DIR]    # DIR/hooklint-<version>.tgz, for `npm publish <tgz>`
 *   node scripts/release.mjs commit [--tag NAME] # a commit object: HEAD + dist/ + that manifest
 *
 * Why: the repository's package.json keeps `prepare` (a fresh clone's `npm install` builds,
 * as README's set-up promises), but a package with `prepare` cannot be installed as a git
 * dependency by pre-commit (4.x runs `npm install -g git+file://…`, whose nested prepare finds
 * no dev tree; 3.0.4 reads `npm pack`'s stdout, where npm prints the lifecycle banner, as the
 * tarball's name). The release commit, tagged, is what `.pre-commit-config.yaml` pins
 * (`rev: v<version>`) and what the GitHub Action's `uses: hooklint/hooklint@v<version>` runs.
 *
 * `commit` never touches the working tree, the index or a branch: it writes the tree through a
 * temporary index and prints the new commit's id (tagged when `--tag` is given). Run both after
 * `npm ci` (which builds) on a clean checkout; a dirty tree is refused, since dist/ would not
 * match the commit's sources. Errors: exits 1 with one line on stderr.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/**
 * The manifest a release carries: package.json without `scripts` (no `prepare`, no lifecycle
 * banner in `npm pack`, nothing run at install) and without `devDependencies`.
 * @returns {string} the JSON text, two-space indented, with a final newline
 */
export function releaseManifest(manifest = pkg) {
  const { scripts: _scripts, devDependencies: _dev, ...rest } = manifest;
  return JSON.stringify(rest, null, 2) + '\n';
}

function fail(message) {
  process.stderr.write(`release: ${message}\n`);
  process.exit(1);
}

const git = (args, opts = {}) => execFileSync('git', args, { cwd: root, encoding: 'utf8', ...opts }).trim();

function checkBuilt() {
  for (const f of ['dist/cli.cjs', 'dist/hooklint.cjs', 'dist/lsp.cjs', 'dist/runner.cjs', 'dist/index.js', 'dist/types/index.d.ts'])
    if (!existsSync(join(root, f))) fail(`${f} is missing: run npm ci (or npm run build) first`);
}

function pack(outDir) {
  checkBuilt();
  const stage = mkdtempSync(join(tmpdir(), 'hooklint-release-'));
  try {
    for (const entry of [...pkg.files, 'LICENSE']) if (existsSync(join(root, entry))) cpSync(join(root, entry), join(stage, entry), { recursive: true });
    writeFileSync(join(stage, 'package.json'), releaseManifest());
    const out = execFileSync('npm', ['pack', stage, '--json', '--pack-destination', outDir, '--loglevel=error'], { cwd: outDir, encoding: 'utf8' });
    return join(outDir, JSON.parse(out)[0].filename);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

function commit(tag) {
  checkBuilt();
  const dirty = git(['status', '--porcelain', '--untracked-files=no']);
  if (dirty) fail(`the working tree has uncommitted changes, so dist/ would not match the commit:\n${dirty}`);
  const tmp = mkdtempSync(join(tmpdir(), 'hooklint-release-'));
  const env = { ...process.env, GIT_INDEX_FILE: join(tmp, 'index') };
  try {
    git(['read-tree', 'HEAD'], { env });
    git(['add', '--force', '--', 'dist'], { env });
    // src/generated/validators.js is not needed (dist/ holds it bundled); the lock file describes the dev tree.
    git(['update-index', '--force-remove', '--', 'package-lock.json'], { env });
    const blob = git(['hash-object', '-w', '--stdin'], { input: releaseManifest() });
    git(['update-index', '--add', '--cacheinfo', `100644,${blob},package.json`], { env });
    const tree = git(['write-tree'], { env });
    const id = git(['commit-tree', tree, '-p', 'HEAD', '-m', `release ${pkg.version}: dist/ built, manifest without scripts or devDependencies`]);
    if (tag) git(['tag', tag, id]);
    return id;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [cmd, ...args] = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  try {
    if (cmd === 'pack') process.stdout.write(pack(resolve(opt('--out') ?? '.')) + '\n');
    else if (cmd === 'commit') process.stdout.write(commit(opt('--tag')) + '\n');
    else fail('usage: node scripts/release.mjs pack [--out DIR] | commit [--tag NAME]');
  } catch (e) {
    fail(e.stderr?.toString().trim() || e.message);
  }
}
