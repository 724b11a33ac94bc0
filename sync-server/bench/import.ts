import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, gzip } from 'node:zlib';
import {
  type CreateEventResponse,
  encodeProgram,
  type ImportPreview,
  type ImportResult,
  type JoinResponse,
} from '@ondeck/shared';
import { generateEvent } from '@ondeck/shared/testkit';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { largeShowcase } from '../test/support/largeShowcase.ts';
import { fmt, median } from './stats.ts';

/**
 * `pnpm --filter @ondeck/sync-server bench:import`: how long the server takes to import a
 * Showcase database the size of the largest real event (≈4,300 heat rows, ≈600 people, 6
 * judges, marks in every scale; target ≤ 2 s), and how large the program document it makes
 * is next to the generator's large event, written the way `create-event --template large`
 * writes it. Each run imports into a fresh event (upload + preview, then commit, over HTTP on
 * loopback), then once more into the same event (a re-import that changes nothing).
 */
const RUNS = Number(process.env.IMPORT_BENCH_RUNS ?? 5);
const TARGET_S = 2;
const ADMIN = 'bench-admin-token-0123456789';

const dataDir = mkdtempSync(join(tmpdir(), 'ondeck-bench-import-'));
const config = loadConfig(
  {
    ONDECK_DATA_DIR: dataDir,
    ONDECK_PORT: '0',
    ONDECK_HOST: '127.0.0.1',
    ONDECK_ADMIN_TOKEN: ADMIN,
    ONDECK_CLIENT_DIR: 'none',
    ONDECK_LOG_LEVEL: 'warn',
  },
  { defaultClientDir: null },
);
const { app } = await buildApp(config);
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

async function json<T>(path: string, init: RequestInit & { token?: string } = {}): Promise<{ ms: number; body: T }> {
  const started = performance.now();
  const response = await fetch(`${base}${path}`, {
    ...init,
    headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.headers ?? {}) },
  });
  const body = (await response.json()) as T;
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
  return { ms: performance.now() - started, body };
}

async function newEvent(id: string): Promise<string> {
  const created = await json<CreateEventResponse>('/api/events', {
    method: 'POST',
    token: ADMIN,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id, name: id }),
  });
  const joined = await json<JoinResponse>('/api/join', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: created.body.organizerInvite.code }),
  });
  return joined.body.token;
}

async function importOnce(eventId: string, token: string, bytes: Uint8Array) {
  const upload = await json<ImportPreview>(`/api/events/${eventId}/imports?format=showcase&name=large.sqlite3`, {
    method: 'POST',
    token,
    headers: { 'content-type': 'application/octet-stream' },
    body: bytes,
  });
  const commit = await json<ImportResult>(`/api/events/${eventId}/imports/${upload.body.id}/commit`, {
    method: 'POST',
    token,
  });
  return { previewMs: upload.ms, commitMs: commit.ms, preview: upload.body, result: commit.body };
}

try {
  const built = performance.now();
  const large = largeShowcase();
  const bytes = new Uint8Array(large.bytes);
  const heats = large.rows.heats?.length ?? 0;
  console.log(
    `Showcase database: ${fmt.mb(bytes.length)}, ${fmt.int(heats)} heat rows, ${fmt.int(large.rows.people?.length ?? 0)} people, ` +
      `${large.rows.judges?.length ?? 0} judges, ${fmt.int(large.rows.scores?.length ?? 0)} score rows (${fmt.int(large.marks)} marks); ` +
      `built in ${fmt.ms(performance.now() - built)}`,
  );

  // The reference, measured in the same run: creating the generator's large event on the same
  // server (generate, encode, write), as `create-event --template large` does.
  const reference: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const created = await json<CreateEventResponse>('/api/events', {
      method: 'POST',
      token: ADMIN,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: `generated-large-${run}`, name: 'Generated', template: 'large' }),
    });
    reference.push(created.ms);
  }

  const first: number[] = [];
  const previews: number[] = [];
  const commits: number[] = [];
  const again: number[] = [];
  let eventId = '';
  let token = '';
  for (let run = 0; run < RUNS; run++) {
    eventId = `large-import-${run}`;
    token = await newEvent(eventId);
    const once = await importOnce(eventId, token, bytes);
    previews.push(once.previewMs);
    commits.push(once.commitMs);
    first.push(once.previewMs + once.commitMs);
    if (once.result.changes.marks.added !== large.marks) throw new Error('not every mark was imported');
    const repeat = await importOnce(eventId, token, bytes);
    if (repeat.result.changes.records.length > 0) throw new Error('a re-import of the same file changed records');
    again.push(repeat.previewMs + repeat.commitMs);
  }
  const total = median(first);
  console.log(`\nImport of the large database (median of ${RUNS}, HTTP on loopback):`);
  console.log(`  upload + preview   ${fmt.ms(median(previews))}`);
  console.log(`  commit             ${fmt.ms(median(commits))}`);
  console.log(
    `  total              ${fmt.ms(total)}   target ≤ ${TARGET_S} s: ${total <= TARGET_S * 1000 ? 'met' : 'NOT met'} (${fmt.ratio(total, TARGET_S * 1000)} of it)`,
  );
  console.log(`  re-import, no change ${fmt.ms(median(again))}`);
  console.log(
    `  reference: creating the generator's large event on this server ${fmt.ms(median(reference))}; import / reference ${fmt.ratio(total, median(reference))}`,
  );
  console.log(
    `  load average while measuring: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')} on ${availableParallelism()} cores`,
  );

  const state = await fetch(`${base}/api/events/${eventId}/docs/program`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const imported = new Uint8Array(await state.arrayBuffer());
  const generated = encodeProgram(generateEvent({ size: 'large' }));
  const br = promisify(brotliCompress);
  const gz = promisify(gzip);
  const sizes = async (data: Uint8Array) => ({
    raw: data.length,
    gzip: (await gz(data)).length,
    br: (await br(data)).length,
  });
  const [ours, theirs] = await Promise.all([sizes(imported), sizes(generated)]);
  console.log('\nProgram document:                raw        gzip       brotli');
  const row = (label: string, s: { raw: number; gzip: number; br: number }) =>
    console.log(
      `  ${label.padEnd(30)} ${fmt.kb(s.raw).padStart(10)} ${fmt.kb(s.gzip).padStart(10)} ${fmt.kb(s.br).padStart(10)}`,
    );
  row('imported large database', ours);
  row("generator's large event", theirs);
  console.log(
    `  ratio (imported / generated)   ${fmt.ratio(ours.raw, theirs.raw).padStart(10)} ${fmt.ratio(ours.gzip, theirs.gzip).padStart(10)} ${fmt.ratio(ours.br, theirs.br).padStart(10)}`,
  );
} finally {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
