import { randomBytes } from 'node:crypto';
import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import {
  apiPath,
  describeProblem,
  type ImportFormat,
  type ImportPreview,
  type ImportResult,
  plural,
} from '@ondeck/shared';
import { buildApp } from '../app.ts';
import { openTokenService } from '../auth/serverTokens.ts';
import type { IndexDatabase } from '../catalog/indexDatabase.ts';
import type { Config } from '../config.ts';

/** One HTTP exchange with the server: the running one, or one built in this process. */
type Call = (
  method: 'GET' | 'POST',
  path: string,
  body?: { stream: Readable; length: number },
) => Promise<{ status: number; body: Buffer }>;

interface Session {
  call: Call;
  /** Where the calls go, to say so. */
  where: string;
  close(): Promise<void>;
}

/** An organiser token for this command (the shortest lifetime there is), signed with the server's own key. */
async function organizerToken(config: Config, catalog: IndexDatabase, eventId: string): Promise<string> {
  const tokens = await openTokenService(catalog, { ...config, tokenTtlDays: 1 });
  return (await tokens.sign({ eventId, role: 'organizer', inviteId: 'cli' })).token;
}

/**
 * The server this data directory belongs to. When one answers on ONDECK_PORT on this machine,
 * the command goes through it — the event it has loaded takes the import, and devices connected
 * to it get the change live. Otherwise the command builds the same server in this process (not
 * listening) and sends it the same requests; closing it commits, unloads and backs up as a
 * stopping server does.
 */
async function openSession(config: Config, token: string): Promise<Session> {
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const base = `http://${host}:${config.port}`;
  const running = await fetch(`${base}${apiPath('health', {})}`, { signal: AbortSignal.timeout(1_500) }).then(
    (response) => response.ok,
    () => false,
  );
  const headers = { authorization: `Bearer ${token}` };
  if (running && config.port !== 0) {
    return {
      where: `the running server at ${base}`,
      async call(method, path, body) {
        const response = await fetch(`${base}${path}`, {
          method,
          headers: body ? { ...headers, 'content-length': String(body.length) } : headers,
          ...(body ? { body: Readable.toWeb(body.stream) as ReadableStream, duplex: 'half' } : {}),
        } as RequestInit);
        return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
      },
      close: async () => {},
    };
  }
  // NOTE: a configured admin token keeps this build from generating (and never printing) one.
  const built = await buildApp({
    ...config,
    clientDir: null,
    logLevel: 'warn',
    adminToken: config.adminToken ?? randomBytes(24).toString('hex'),
  });
  return {
    where: `this data directory (${config.dataDir}); no server answered at ${base}`,
    async call(method, path, body) {
      const response = await built.app.inject({
        method,
        url: path,
        headers: body
          ? { ...headers, 'content-type': 'application/octet-stream', 'content-length': String(body.length) }
          : headers,
        ...(body ? { payload: body.stream } : {}),
      });
      return { status: response.statusCode, body: response.rawPayload };
    },
    close: () => built.app.close(),
  };
}

function failure(status: number, body: Buffer): Error {
  try {
    const { error } = JSON.parse(body.toString('utf8')) as { error: { code: string; message: string } };
    return Object.assign(new Error(error.message), { code: error.code });
  } catch {
    return new Error(`the server answered ${status}`);
  }
}

function printPreview(preview: ImportPreview): void {
  const lines = [
    `${preview.fileName}: ${preview.size} bytes, ${preview.format === 'csv' ? 'a CSV spreadsheet' : 'a Showcase event'}`,
  ];
  if (preview.database)
    lines.push(
      `  database ${preview.database.name}${preview.database.schemaVersion ? `, schema ${preview.database.schemaVersion}` : ''}`,
    );
  for (const table of preview.tables.filter((t) => t.imported && t.rows > 0))
    lines.push(`  ${table.table}: ${table.rows}`);
  for (const skipped of preview.skipped) lines.push(`  left out: ${skipped}`);
  if (preview.music)
    lines.push(`  music: ${preview.music.found} of ${preview.music.attached} attached files in the upload`);
  const { collections, marks, settings } = preview.changes;
  lines.push(preview.reimport ? 'Changes (a re-import):' : 'Changes:');
  for (const [name, c] of Object.entries(collections))
    if (c.added + c.changed + c.removed > 0)
      lines.push(`  ${name}: ${c.added} added, ${c.changed} changed, ${c.removed} removed`);
  if (settings.length > 0) lines.push(`  settings: ${settings.map((s) => s.key).join(', ')}`);
  lines.push(
    `  marks: ${marks.added} added, ${marks.updated} updated, ${marks.keptNewer} newer in ondeck kept, ${marks.unchanged} unchanged`,
  );
  if (preview.problems.length > 0) {
    lines.push(`${plural(preview.problems.length, 'problem')}:`);
    for (const problem of preview.problems) lines.push(`  ${problem.severity}: ${describeProblem(problem)}`);
  }
  console.log(lines.join('\n'));
}

/**
 * `import <event> <file> [--format showcase|csv] [--commit]`: uploads the file, prints its
 * preview, and with --commit brings it in (refused, with its problems, when it has errors).
 */
export async function importCommand(
  config: Config,
  catalog: IndexDatabase,
  input: { eventId: string; file: string; format: ImportFormat; commit: boolean },
): Promise<void> {
  const size = statSync(input.file).size;
  const session = await openSession(config, await organizerToken(config, catalog, input.eventId));
  try {
    console.log(`Importing into ${input.eventId} through ${session.where}.`);
    const path = apiPath(
      'uploadImport',
      { eventId: input.eventId },
      { format: input.format, name: basename(input.file) },
    );
    const uploaded = await session.call('POST', path, {
      stream: createReadStream(input.file),
      length: size,
    });
    if (uploaded.status !== 201) throw failure(uploaded.status, uploaded.body);
    const preview = JSON.parse(uploaded.body.toString('utf8')) as ImportPreview;
    printPreview(preview);
    if (!input.commit) {
      console.log(`Not committed: run again with --commit to bring it in (upload ${preview.id} waits for a day).`);
      return;
    }
    const committed = await session.call(
      'POST',
      apiPath('commitImport', { eventId: input.eventId, importId: preview.id }),
    );
    if (committed.status !== 200) throw failure(committed.status, committed.body);
    const result = JSON.parse(committed.body.toString('utf8')) as ImportResult;
    console.log(
      `Committed at ${result.committedAt}.${result.music ? ` ${plural(result.music.stored, 'music file')} stored.` : ''}`,
    );
    for (const skipped of result.music?.skipped ?? []) console.log(`  music left out: ${skipped}`);
  } finally {
    await session.close();
  }
}

/** `export <event> (--showcase <file> | --csv <file>)`: the marks, into a Showcase database copy or a CSV. */
export async function exportCommand(
  config: Config,
  catalog: IndexDatabase,
  input: { eventId: string; showcase?: string; csv?: string },
): Promise<void> {
  const session = await openSession(config, await organizerToken(config, catalog, input.eventId));
  try {
    for (const [route, file] of [
      ['exportShowcase', input.showcase],
      ['exportMarksCsv', input.csv],
    ] as const) {
      if (!file) continue;
      const response = await session.call('GET', apiPath(route, { eventId: input.eventId }));
      if (response.status !== 200) throw failure(response.status, response.body);
      writeFileSync(file, response.body);
      console.log(`Wrote ${file} (${response.body.length} bytes).`);
    }
  } finally {
    await session.close();
  }
}
