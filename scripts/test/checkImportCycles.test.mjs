import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { findImportCycles } from '../check-import-cycles.mjs';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), '..', 'check-import-cycles.mjs');
const made = [];

/** A throwaway workspace with the given files (path → source). */
function workspace(files) {
  const root = mkdtempSync(join(tmpdir(), 'ondeck-cycles-'));
  made.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

afterEach(() => {
  for (const root of made.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('the import-cycle check', () => {
  it('finds two folders that import each other, type imports included, and names the imports', () => {
    const root = workspace({
      'sync-server/src/sync/server.ts': "import { Room } from '../rooms/room.ts';\nexport const s = Room;\n",
      'sync-server/src/rooms/room.ts': "import type { Server } from '../sync/server.ts';\nexport class Room {}\n",
    });
    const [cycle, ...others] = findImportCycles(root);
    expect(others).toEqual([]);
    expect(cycle.path).toEqual(['sync-server/src/rooms', 'sync-server/src/sync', 'sync-server/src/rooms']);
    expect(cycle.steps).toEqual([
      'sync-server/src/rooms/room.ts imports ../sync/server.ts',
      'sync-server/src/sync/server.ts imports ../rooms/room.ts',
    ]);
  });

  it('finds a longer circle, and one through a package imported by name', () => {
    const root = workspace({
      'client/src/a/a.ts': "export * from '../b/b.ts';\n",
      'client/src/b/b.ts': "import '../c/c.ts';\n",
      'client/src/c/c.ts': "const a = await import('../a/a.ts');\n",
      'shared/src/index.ts': "export { x } from './docs/x.ts';\n",
      'shared/src/docs/x.ts': "import { y } from '@ondeck/shared';\nexport const x = y;\n",
    });
    const cycles = findImportCycles(root).map((c) => c.path);
    expect(cycles).toContainEqual(['client/src/a', 'client/src/b', 'client/src/c', 'client/src/a']);
    expect(cycles).toContainEqual(['shared/src/docs', 'shared/src/index.ts', 'shared/src/docs']);
  });

  it('lets files at a package root compose folders that import the root’s small modules', () => {
    const files = {
      'sync-server/src/app.ts': "import { routes } from './http/routes.ts';\nexport const app = routes;\n",
      'sync-server/src/errors.ts': 'export class AppError extends Error {}\n',
      'sync-server/src/http/routes.ts':
        "import { AppError } from '../errors.ts';\n// import { app } from '../app.ts';\nexport const routes = AppError;\n",
    };
    expect(findImportCycles(workspace(files))).toEqual([]);
    // …but a folder that imports the file composing it is a cycle.
    files['sync-server/src/http/routes.ts'] = "import { app } from '../app.ts';\nexport const routes = app;\n";
    expect(findImportCycles(workspace(files)).map((c) => c.path)).toEqual([
      ['sync-server/src/app.ts', 'sync-server/src/http', 'sync-server/src/app.ts'],
    ]);
  });

  it('fails the command on a deliberate cycle and passes on a tree without one', () => {
    const cyclic = workspace({
      'e2e/pages/page.ts': "import { fixture } from '../support/fixture.ts';\nexport const page = fixture;\n",
      'e2e/support/fixture.ts': "import { page } from '../pages/page.ts';\nexport const fixture = page;\n",
    });
    const failed = spawnSync(process.execPath, [SCRIPT, cyclic], { encoding: 'utf8' });
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/import cycle: e2e\/pages → e2e\/support → e2e\/pages/);
    expect(failed.stderr).toMatch(/e2e\/pages\/page\.ts imports \.\.\/support\/fixture\.ts/);

    const clean = workspace({ 'e2e/pages/page.ts': "import { fixture } from '../support/fixture.ts';\n" });
    const passed = spawnSync(process.execPath, [SCRIPT, clean], { encoding: 'utf8' });
    expect(passed.status).toBe(0);
  });
});
