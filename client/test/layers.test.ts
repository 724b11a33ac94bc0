import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The client's floors (biome.json, noRestrictedImports per folder): each probe below is a file
 * that imports across a floor, linted by the real Biome with the repository's configuration in
 * a scratch copy of the tree. A rule that stopped firing, or fired on an allowed import, fails.
 */
const root = resolve(import.meta.dirname, '../..');
const biome = join(root, 'node_modules/.bin/biome');

interface Probe {
  /** Where the file stands in the tree. */
  file: string;
  from: string;
  /** Part of the rule's message; null when the import is allowed. */
  refused: string | null;
  /** An `import()`: the shell loads features that way, and it is an import all the same. */
  dynamic?: true;
}

const PROBES: Probe[] = [
  // Features read and write through hooks: no Dexie, no Yjs, no storage/, and not the shell.
  { file: 'features/home/a.ts', from: 'dexie', refused: 'Features never touch Dexie' },
  { file: 'features/home/b.ts', from: 'yjs', refused: 'Features never touch Yjs' },
  { file: 'features/home/c.ts', from: 'y-websocket', refused: 'Features never touch Yjs' },
  { file: 'features/home/d.ts', from: 'y-protocols/sync', refused: 'Features never touch Yjs' },
  { file: 'features/home/e.ts', from: '../../storage/db.ts', refused: 'never storage/ itself' },
  { file: 'features/judge/controls/f.ts', from: '../../../storage/events.ts', refused: 'never storage/ itself' },
  { file: 'features/home/g.ts', from: '../../app/App.tsx', refused: 'app/ is the shell', dynamic: true },
  // Each floor's rule repeats the repository's own: the app never ships the testkit.
  ...['features/home', 'lib', 'sync'].map((dir, i) =>
    refused(`${dir}/kit${i}.ts`, '@ondeck/shared/testkit', 'test-only code'),
  ),
  ...['../../device/hooks.ts', '../../sync/hooks.ts', '../heats/schedule.ts'].map((from, i) =>
    allowed(`features/home/ok${i}.ts`, from),
  ),
  // The ground floor imports nothing of the client.
  ...['../sync/hooks.ts', '../components/Notice.tsx'].map((from, i) => refused(`lib/no${i}.ts`, from, 'ground floor')),
  ...['./format.ts', '@ondeck/shared'].map((from, i) => allowed(`lib/ok${i}.ts`, from)),
  // No lower floor reaches up, least of all into a feature.
  ...up('storage', ['features/heats/schedule.ts', 'sync/hooks.ts'], ['lib/coverage.ts']),
  ...up('device', ['features/home/mutations.ts', 'sync/session.ts'], ['storage/events.ts']),
  ...up('sync', ['features/judge/schedule.ts', 'components/Notice.tsx'], ['device/hooks.ts']),
  ...up('music', ['features/dj/Player.tsx'], ['sync/hooks.ts']),
  ...up('components', ['features/heats/HeatList.tsx'], ['lib/format.ts']),
  ...up('api', ['features/home/mutations.ts'], []),
  { file: 'components/z.ts', from: '../app/App.tsx', refused: 'never imports a higher one', dynamic: true },
];

function refused(file: string, from: string, message: string): Probe {
  return { file, from, refused: message };
}

function allowed(file: string, from: string): Probe {
  return { file, from, refused: null };
}

/** A floor's imports of the folders above it (refused) and below it (allowed). */
function up(floor: string, above: string[], below: string[]): Probe[] {
  return [
    ...above.map((to, i) => refused(`${floor}/no${i}.ts`, `../${to}`, 'never imports a higher one')),
    ...below.map((to, i) => allowed(`${floor}/ok${i}.ts`, `../${to}`)),
  ];
}

interface Diagnostic {
  category: string;
  message: string;
  location: { path: string };
}

let scratch: string;
let diagnostics: Diagnostic[];

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'ondeck-layers-'));
  const config = JSON.parse(readFileSync(join(root, 'biome.json'), 'utf8'));
  delete config.$schema;
  config.vcs = { enabled: false };
  writeFileSync(join(scratch, 'biome.json'), JSON.stringify(config));
  for (const probe of PROBES) {
    const path = join(scratch, 'client/src', probe.file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(
      path,
      probe.dynamic ? `export const load = () => import('${probe.from}');\n` : `export * from '${probe.from}';\n`,
    );
  }
  let output: string;
  try {
    output = execFileSync(biome, ['lint', '--reporter=json', '--max-diagnostics=none', 'client'], {
      cwd: scratch,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch (error) {
    // Biome exits 1 when it finds errors; its report is on stdout all the same.
    output = (error as { stdout: string }).stdout;
  }
  diagnostics = (JSON.parse(output) as { diagnostics: Diagnostic[] }).diagnostics;
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the client’s floors', () => {
  it.each(PROBES)('$file importing $from: $refused', ({ file, refused }) => {
    const found = diagnostics
      .filter((d) => d.location.path === `client/src/${file}` && d.category === 'lint/style/noRestrictedImports')
      .map((d) => d.message);
    if (refused === null) expect(found).toEqual([]);
    else expect(found).toEqual([expect.stringContaining(refused)]);
  });
});
