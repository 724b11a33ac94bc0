import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { djPlaylist, putRecord, readProgram, syncRoomName } from '@ondeck/shared';
import { toneWav } from '@ondeck/shared/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromBuffer as openZip } from 'yauzl';
import type { StorageSettings } from '../src/objectStore/index.ts';
import { stockProvider, waitForSynced } from './support/clients.ts';
import { waitForConfirmed } from './support/confirmations.ts';
import { createTestEvent, startServer, storageEnv, type TestEvent, type TestServer } from './support/server.ts';
import { type TestCeph, useCeph } from './support/sharedCeph.ts';

type Uploaded = { sha256: string; size: number; type: string };
type ErrorBody = { error: { code: string; message: string } };
const MAX_UPLOAD = 64 * 1024;

async function upload(server: TestServer, eventId: string, token: string, body: Uint8Array, contentType?: string) {
  const response = await fetch(`${server.url}/api/events/${eventId}/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, ...(contentType ? { 'content-type': contentType } : {}) },
    body,
  });
  return { status: response.status, body: (await response.json()) as Uploaded & ErrorBody };
}

function get(server: TestServer, path: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, { headers });
}

/** The entries of a ZIP, name → bytes. */
function unzip(zip: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    openZip(zip, { lazyEntries: true }, (error, file) => {
      if (error || !file) return reject(error);
      const entries = new Map<string, Buffer>();
      file.on('entry', (entry) =>
        file.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          buffer(stream).then((bytes) => {
            entries.set(entry.fileName, bytes);
            file.readEntry();
          }, reject);
        }),
      );
      file.on('end', () => resolve(entries));
      file.on('error', reject);
      file.readEntry();
    });
  });
}

function musicSuite(name: string, storage: () => Promise<StorageSettings>) {
  describe(`music on ${name}`, () => {
    let server: TestServer;
    let event: TestEvent;
    const songs = [440, 494, 523].map((frequency) => toneWav({ seconds: 0.5, frequency }));
    const uploaded: Uploaded[] = [];

    beforeAll(async () => {
      server = await startServer({ ...storageEnv(await storage()), ONDECK_MAX_UPLOAD_BYTES: String(MAX_UPLOAD) });
      event = await createTestEvent(server, 'music-demo', 'demo');
      for (const [i, song] of songs.entries()) {
        // The Content-Type a browser claims is ignored: the content says what it is.
        const result = await upload(server, event.id, event.organizerToken, song, i === 0 ? 'text/plain' : undefined);
        expect(result.status).toBe(201);
        uploaded.push(result.body);
      }
    });
    afterAll(() => server.close());

    it('stores uploads content-addressed and says what they are', async () => {
      expect(uploaded[0]).toEqual({
        sha256: createHash('sha256')
          .update(songs[0] as Uint8Array)
          .digest('hex'),
        size: songs[0]?.byteLength,
        type: 'audio/wav',
      });
      const again = await upload(server, event.id, event.organizerToken, songs[0] as Uint8Array);
      expect(again.body.sha256).toBe(uploaded[0]?.sha256);
      const listed = await get(server, `/api/events/${event.id}/files`, {
        authorization: `Bearer ${event.organizerToken}`,
      });
      const list = (await listed.json()) as { files: Uploaded[]; maxUploadBytes: number };
      expect(list.maxUploadBytes).toBe(MAX_UPLOAD);
      expect(list.files).toEqual(expect.arrayContaining(uploaded.map((file) => expect.objectContaining(file))));
    });

    it('serves a file whole or by range, cacheable, to a token in a header or the query', async () => {
      const dj = await event.tokenFor('dj');
      const { sha256, size } = uploaded[0] as Uploaded;
      const path = `/api/events/${event.id}/files/${sha256}`;
      const whole = await get(server, `${path}?token=${dj.token}`);
      expect(whole.status).toBe(200);
      expect(whole.headers.get('content-type')).toBe('audio/wav');
      expect(whole.headers.get('accept-ranges')).toBe('bytes');
      expect(whole.headers.get('etag')).toBe(`"${sha256}"`);
      expect(whole.headers.get('cache-control')).toMatch(/private.*immutable/);
      expect(Buffer.from(await whole.arrayBuffer()).equals(Buffer.from(songs[0] as Uint8Array))).toBe(true);

      const auth = { authorization: `Bearer ${dj.token}` };
      const part = await get(server, path, { ...auth, range: 'bytes=100-199' });
      expect(part.status).toBe(206);
      expect(part.headers.get('content-range')).toBe(`bytes 100-199/${size}`);
      expect(
        Buffer.from(await part.arrayBuffer()).equals(Buffer.from((songs[0] as Uint8Array).subarray(100, 200))),
      ).toBe(true);
      const tail = await get(server, path, { ...auth, range: 'bytes=-10' });
      expect(tail.headers.get('content-range')).toBe(`bytes ${size - 10}-${size - 1}/${size}`);
      expect((await tail.arrayBuffer()).byteLength).toBe(10);
      const past = await get(server, path, { ...auth, range: `bytes=${size}-` });
      expect(past.status).toBe(416);
      expect(past.headers.get('content-range')).toBe(`bytes */${size}`);
      expect((await get(server, path, { ...auth, 'if-none-match': `"${sha256}"` })).status).toBe(304);
    });

    it('refuses non-audio, oversize files and other events’ tokens with clear errors', async () => {
      const text = await upload(server, event.id, event.organizerToken, new TextEncoder().encode('<html>not a song'));
      expect(text.status).toBe(415);
      expect(text.body.error.code).toBe('NOT_AUDIO');
      expect(text.body.error.message).toMatch(/not an audio file/);
      expect((await upload(server, event.id, event.organizerToken, new Uint8Array())).body.error.code).toBe(
        'NOT_AUDIO',
      );

      const big = await upload(server, event.id, event.organizerToken, toneWav({ seconds: 2, frequency: 300 }));
      expect(big.status).toBe(413);
      expect(big.body.error).toMatchObject({ code: 'FILE_TOO_LARGE' });
      expect(big.body.error.message).toMatch(/ONDECK_MAX_UPLOAD_BYTES/);

      const other = await createTestEvent(server, 'music-other');
      const { sha256 } = uploaded[0] as Uploaded;
      const foreign = await get(server, `/api/events/${event.id}/files/${sha256}?token=${other.organizerToken}`);
      expect(foreign.status).toBe(403);
      expect(((await foreign.json()) as ErrorBody).error.message).toMatch(/another event/);
      // Knowing the hash is not enough: the file belongs to the event that uploaded it.
      const byHash = await get(server, `/api/events/${other.id}/files/${sha256}?token=${other.organizerToken}`);
      expect(byHash.status).toBe(404);
      expect(((await byHash.json()) as ErrorBody).error.code).toBe('FILE_NOT_FOUND');

      const dj = await event.tokenFor('dj');
      const djUpload = await upload(server, event.id, dj.token, songs[1] as Uint8Array);
      expect(djUpload.status).toBe(403);
      const publicToken = await event.tokenFor('public');
      expect((await get(server, `/api/events/${event.id}/files/${sha256}?token=${publicToken.token}`)).status).toBe(
        403,
      );
      expect((await get(server, `/api/events/${event.id}/files/${sha256}`)).status).toBe(401);
    });

    it('streams the playlist ZIP: every song by running order, an index that plays them, a README', async () => {
      const organizer = stockProvider(server.syncUrl, syncRoomName(event.id, 'program'), event.organizerToken);
      await waitForSynced(organizer);
      const before = readProgram(organizer.doc);
      const [firstSong, secondSong] = [...before.songs.values()];
      const [firstSolo] = [...before.solos.values()].sort((a, b) => a.order - b.order);
      if (!firstSong || !secondSong || !firstSolo) throw new Error('the demo event has songs and solos');
      const [one, two, three] = uploaded.map((file) => file.sha256) as [string, string, string];
      organizer.doc.transact(() => {
        putRecord(organizer.doc, 'songs', { ...firstSong, songFile: one });
        putRecord(organizer.doc, 'songs', { ...secondSong, songFile: two });
        putRecord(organizer.doc, 'solos', { ...firstSolo, songFile: three });
      });
      await waitForConfirmed(organizer);
      const expected = djPlaylist(readProgram(organizer.doc)).filter((entry) => entry.songFile);
      organizer.destroy();

      const dj = await event.tokenFor('dj');
      const response = await get(server, `/api/events/${event.id}/playlist.zip?token=${dj.token}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/zip');
      expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="music-demo-dj-playlist.zip"/);
      const zip = Buffer.from(await response.arrayBuffer());
      expect(Number(response.headers.get('content-length'))).toBe(zip.byteLength);

      const entries = await unzip(zip);
      const tracks = [...entries.keys()].filter((name) => name.endsWith('.wav'));
      expect(tracks).toHaveLength(expected.length);
      expect(tracks[0]).toMatch(/^001 - Heat \d+ - .+ - .+\.wav$/);
      expect(tracks.some((name) => / - Solo /.test(name))).toBe(true);
      const bySha = new Map(uploaded.map((file, i) => [file.sha256, Buffer.from(songs[i] as Uint8Array)]));
      for (const [i, name] of tracks.entries()) {
        expect(name.startsWith(String(i + 1).padStart(3, '0'))).toBe(true);
        expect(entries.get(name)?.equals(bySha.get(expected[i]?.songFile as string) as Buffer)).toBe(true);
      }
      const index = entries.get('index.html')?.toString('utf8') ?? '';
      for (const name of tracks) expect(index).toContain(`src="${encodeURIComponent(name)}"`);
      expect(index).toContain('No music file');
      expect(entries.get('README.txt')?.toString('utf8')).toMatch(/Open index\.html/);

      const staff = await event.tokenFor('staff');
      expect((await get(server, `/api/events/${event.id}/playlist.zip?token=${staff.token}`)).status).toBe(403);
    });
  });
}

musicSuite('the directory store', async () => ({ kind: 'dir', dir: mkdtempSync(join(tmpdir(), 'ondeck-music-')) }));

describe('S3 on a real Ceph gateway', () => {
  let ceph: TestCeph;
  beforeAll(async () => {
    ceph = await useCeph();
  });
  afterAll(() => ceph.release());
  musicSuite('S3', () => ceph.newBucket());
});
