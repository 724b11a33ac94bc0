import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CSV_TEMPLATE, readProgram, syncRoomName } from '@ondeck/shared';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { stockProvider, waitFor, waitForSynced } from './support/clients.ts';
import { serverProgram } from './support/imports.ts';
import { startServer } from './support/server.ts';
import { fixtureRows, showcaseDatabase } from './support/showcaseDb.ts';

const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');
const run = promisify(execFile);

describe('the import and export commands', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ondeck-cli-import-'));
  const files = mkdtempSync(join(tmpdir(), 'ondeck-cli-files-'));
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(files, { recursive: true, force: true });
  });
  // A port nothing listens on, unless a test starts the server there.
  const env = (port = '1') => ({
    PATH: process.env.PATH,
    ONDECK_DATA_DIR: dataDir,
    ONDECK_PORT: port,
    ONDECK_LOG_LEVEL: 'silent',
  });
  const cli = (args: string[], port?: string) => run(process.execPath, [CLI, ...args], { env: env(port) });
  const failing = async (args: string[]) => {
    try {
      await cli(args);
    } catch (error) {
      return error as { code: number; stderr: string };
    }
    throw new Error(`${args.join(' ')} succeeded`);
  };

  it('previews, commits and exports with no server running, through the same routes', async () => {
    await cli(['create-event', 'cli-spring', '--name', 'Spring']);
    const database = join(files, 'spring.sqlite3');
    writeFileSync(database, showcaseDatabase(fixtureRows(new Date(Date.UTC(2026, 10, 22))).rows));

    const preview = await cli(['import', 'cli-spring', database]);
    expect(preview.stdout).toMatch(/Importing into cli-spring through this data directory/);
    expect(preview.stdout).toMatch(/^ {2}heats: 8$/m);
    expect(preview.stdout).toMatch(/heats: 8 added, 0 changed, 0 removed/);
    expect(preview.stdout).toMatch(/marks: 2 added/);
    expect(preview.stdout).toMatch(/Not committed: run again with --commit/);

    const committed = await cli(['import', 'cli-spring', database, '--commit']);
    expect(committed.stdout).toMatch(/Committed at /);

    const out = join(files, 'out.sqlite3');
    const csv = join(files, 'marks.csv');
    const exported = await cli(['export', 'cli-spring', '--showcase', out, '--csv', csv]);
    expect(exported.stdout).toMatch(/Wrote .*out\.sqlite3/);
    const db = new Database(out, { readonly: true });
    expect(db.prepare("SELECT count(*) AS n FROM scores WHERE value = 'G'").get()).toEqual({ n: 2 });
    db.close();
    expect(readFileSync(csv, 'utf8')).toMatch(/Judy Sheindlin/);

    const server = await startServer({}, { dataDir });
    const invite = await cli(['invite', 'cli-spring', '--role', 'organizer']);
    const token = /Token: (\S+)/.exec(invite.stdout)?.[1] as string;
    expect((await serverProgram(server, 'cli-spring', token)).heats.size).toBe(8);
    await server.close();
  });

  it('goes through the running server, so devices see the import live', async () => {
    await cli(['create-event', 'cli-live', '--name', 'Live']);
    const server = await startServer({}, { dataDir });
    const port = new URL(server.url).port;
    const token = /Token: (\S+)/.exec((await cli(['invite', 'cli-live', '--role', 'organizer'])).stdout)?.[1] as string;
    const laptop = stockProvider(server.syncUrl, syncRoomName('cli-live', 'program'), token);
    await waitForSynced(laptop);
    const sheet = join(files, 'program.csv');
    writeFileSync(sheet, CSV_TEMPLATE);
    const result = await cli(['import', 'cli-live', sheet, '--commit'], port);
    expect(result.stdout).toMatch(/through the running server at http:\/\/127\.0\.0\.1:\d+/);
    await waitFor(() => readProgram(laptop.doc).heats.size === 2, 10_000, 'the heats on the laptop');
    laptop.destroy();
    await server.close();
  });

  it('says what is wrong with a file or a command', async () => {
    const notes = join(files, 'notes.txt');
    writeFileSync(notes, 'just some notes');
    const refused = await failing(['import', 'cli-spring', notes]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^NOT_SQLITE: This is not a Showcase database/m);
    expect((await failing(['import', 'cli-spring'])).stderr).toMatch(/import needs an event id and a file/);
    expect((await failing(['import', 'nope', notes])).stderr).toMatch(/no event "nope" here/);
    expect((await failing(['export', 'cli-spring'])).stderr).toMatch(/export needs --showcase/);
  });
});
