#!/usr/bin/env node
// The commands of the README: `npm start`, `npm test` and `npm run ondeck -- <command>`. Each
// works on a fresh clone of a machine with only Node ≥ 20 and npm, so this script installs what
// it needs first.
// NOTE: plain JavaScript on purpose: it runs before any dependency (TypeScript included) exists.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = '12.21.0';
const toolsDir = join(root, '.tools');
const bin = join(root, 'node_modules', '.bin');

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: buildEnv(), ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    console.error(`\n✗ ${[command, ...args].join(' ')} exited with ${result.status ?? result.signal}`);
    process.exit(result.status ?? 1);
  }
}

function buildEnv() {
  const env = { ...process.env, PATH: `${bin}:${join(toolsDir, 'node_modules', '.bin')}:${process.env.PATH}` };
  // NOTE: better-sqlite3 compiles here (its prebuilt download is unreachable) and node-gyp finds
  // Node's headers only through this variable; pnpm 12 ignores `nodedir` in rc files.
  if (!env.npm_config_nodedir && existsSync('/usr/include/node/node.h')) env.npm_config_nodedir = '/usr';
  return env;
}

function pnpmPath() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8', env: buildEnv() });
  if (probe.status === 0 && probe.stdout.trim() === PNPM_VERSION) return 'pnpm';
  step(`installing pnpm ${PNPM_VERSION} into .tools/`);
  run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', toolsDir, `pnpm@${PNPM_VERSION}`]);
  return join(toolsDir, 'node_modules', '.bin', 'pnpm');
}

function step(message) {
  console.log(`\n▶ ${message}`);
}

function install() {
  const pnpm = pnpmPath();
  step('installing dependencies');
  run(pnpm, ['install', '--frozen-lockfile', '--reporter=append-only']);
  if (Number(process.versions.node.split('.')[0]) < 22)
    console.log('  (on Node 20, an "Unsupported engine … node >=22" warning above is expected: see the README)');
  return pnpm;
}

/**
 * Debian packages the tests need, installed together in one apt run when any is missing:
 * Chromium for the end-to-end tests, and Ceph (RADOS Gateway, monitor, OSD) because the sync
 * server's storage tests run against a real S3 service: a throwaway cluster that
 * sync-server/test/support/ceph.ts starts. HAProxy routes the cluster test's nodes by event id
 * (sync-server/test/support/cluster.ts), as the README's "Several nodes" tells an operator to.
 */
const TEST_PACKAGES = [
  { binary: '/usr/bin/chromium', packages: ['chromium'] },
  { binary: '/usr/bin/radosgw', packages: ['radosgw', 'ceph-mon', 'ceph-osd'] },
  { binary: '/usr/sbin/haproxy', packages: ['haproxy'] },
];

function ensureTestPackages() {
  const missing = TEST_PACKAGES.filter((p) => !existsSync(p.binary)).flatMap((p) => p.packages);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    console.error(`Missing Debian packages: ${missing.join(' ')}. Install them (needs root), then run again.`);
    process.exit(1);
  }
  step(`installing ${missing.join(', ')} from Debian`);
  const env = { ...buildEnv(), DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env });
}

/**
 * NOTE: how glibc's malloc gives memory back, for the server. Two arenas instead of one per
 * thread that ever allocated (SQLite's checkpoint worker, V8's helpers): memory freed after
 * events unload goes back to fewer, emptier arenas. A fixed trim threshold (which also fixes
 * the mmap threshold at 128 KiB instead of letting it rise to 32 MiB): with 200 large events
 * unloaded, 2–88 MiB stayed resident 5 s later over five runs without it, none over three with
 * it, at the same CPU per write (`bench -- --memory`, `--writers` with CPU profiles).
 * The Dockerfile sets the same.
 */
const MALLOC_ENV = { MALLOC_ARENA_MAX: '2', MALLOC_TRIM_THRESHOLD_: '131072' };

/** Where `npm start` keeps its data, and so where `npm run ondeck` works, unless ONDECK_DATA_DIR says otherwise. */
const START_DATA_DIR = join(root, '.data');
const CLI = join(root, 'sync-server', 'dist', 'cli.js');

const command = process.argv[2];
if (command === 'start') {
  const pnpm = install();
  step('building client and server');
  run(pnpm, ['--filter', '@ondeck/client', '--filter', '@ondeck/sync-server', 'run', 'build']);
  step('starting ondeck');
  const env = { ONDECK_DATA_DIR: START_DATA_DIR, ONDECK_DEMO: 'true', ...MALLOC_ENV, ...buildEnv() };
  run(process.execPath, [join(root, 'sync-server', 'dist', 'main.js')], { env });
} else if (command === 'cli') {
  // NOTE: builds only what the CLI needs, and never starts the server: on a new machine the
  // index must be restored before the first start (README "Restoring").
  if (!existsSync(CLI)) {
    const pnpm = install();
    step('building the server and its CLI');
    run(pnpm, ['--filter', '@ondeck/sync-server', 'run', 'build']);
  }
  const env = { ONDECK_DATA_DIR: START_DATA_DIR, ...process.env };
  const result = spawnSync(process.execPath, [CLI, ...process.argv.slice(3)], { cwd: root, stdio: 'inherit', env });
  process.exit(result.status ?? 1);
} else if (command === 'test') {
  const started = Date.now();
  const pnpm = install();
  ensureTestPackages();
  step('lint and format (biome)');
  run(join(bin, 'biome'), ['check', '--error-on-warnings', '.']);
  step('import cycles between folders');
  run(process.execPath, [join(root, 'scripts', 'check-import-cycles.mjs')]);
  step('typecheck (tsc -b)');
  run(join(bin, 'tsc'), ['-b']);
  step('building client and server');
  run(pnpm, ['--filter', '@ondeck/client', '--filter', '@ondeck/sync-server', 'run', 'build']);
  step('unit and integration tests (vitest)');
  run(join(bin, 'vitest'), ['run']);
  step('end-to-end tests (Playwright, Chromium)');
  run(join(bin, 'playwright'), ['test']);
  console.log(`\n✓ all tests passed in ${Math.round((Date.now() - started) / 1000)} s`);
} else {
  console.error('usage: node scripts/ondeck.mjs start|test|cli <command>');
  process.exit(2);
}
