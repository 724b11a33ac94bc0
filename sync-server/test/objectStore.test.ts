import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contentKey,
  createObjectStore,
  DirectoryStore,
  type ObjectStore,
  putContentAddressed,
  S3Store,
  StorageError,
} from '../src/objectStore/index.ts';
import { type TestCeph, useCeph } from './support/sharedCeph.ts';

const encode = (value: string) => new TextEncoder().encode(value);
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

async function rejection(promise: Promise<unknown>): Promise<StorageError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StorageError);
  return error as StorageError;
}

/** The same expectations for every implementation: code written against one works on the other. */
function contract(name: string, open: () => Promise<ObjectStore>) {
  describe(`${name}: the ObjectStore contract`, () => {
    let store: ObjectStore;
    beforeAll(async () => {
      store = await open();
      await store.check();
    });

    it('puts bytes and gets them back, with content type and metadata', async () => {
      await store.put('a/b/hello.txt', encode('hello'), { contentType: 'text/plain', metadata: { 'made-by': 'test' } });
      expect(decode(await store.get('a/b/hello.txt'))).toBe('hello');
      const info = await store.head('a/b/hello.txt');
      expect(info).toMatchObject({
        key: 'a/b/hello.txt',
        size: 5,
        contentType: 'text/plain',
        metadata: { 'made-by': 'test' },
      });
      expect(info?.lastModified.getTime()).toBeGreaterThan(Date.now() - 60_000);
    });

    it('replaces an object whole, metadata included', async () => {
      await store.put('replace/me', encode('first version'), { metadata: { version: '1' } });
      await store.put('replace/me', encode('second'));
      expect(decode(await store.get('replace/me'))).toBe('second');
      expect(await store.head('replace/me')).toMatchObject({
        size: 6,
        contentType: 'application/octet-stream',
        metadata: {},
      });
    });

    it('puts a stream of unknown length and a file stream of known length', async () => {
      await store.put('streams/generated', Readable.from([encode('one '), encode('two '), encode('three')]));
      expect(decode(await store.get('streams/generated'))).toBe('one two three');

      const dir = await mkdtemp(join(tmpdir(), 'ondeck-test-'));
      const path = join(dir, 'file');
      await writeFile(path, 'from a file');
      await store.put('streams/file', createReadStream(path), { contentLength: 11 });
      await rm(dir, { recursive: true });
      expect(decode(await store.get('streams/file'))).toBe('from a file');
    });

    it('copies an object whole, content type and metadata included', async () => {
      await store.put('copy/from', encode('copied bytes'), {
        contentType: 'application/gzip',
        metadata: { 'made-by': 'test' },
      });
      await store.put('copy/to', encode('old'));
      await store.copy('copy/from', 'copy/to');
      expect(decode(await store.get('copy/to'))).toBe('copied bytes');
      expect(await store.head('copy/to')).toMatchObject({
        size: 12,
        contentType: 'application/gzip',
        metadata: { 'made-by': 'test' },
      });
      expect(decode(await store.get('copy/from'))).toBe('copied bytes');
      expect((await rejection(store.copy('missing/object', 'copy/nowhere'))).code).toBe('STORAGE_NOT_FOUND');
      expect(await store.head('copy/nowhere')).toBeNull();
      expect((await rejection(store.copy('copy/from', '../escape'))).code).toBe('STORAGE_INVALID_KEY');
    });

    it('streams a whole object or a byte range of it (HTTP Range)', async () => {
      await store.put('range/digits', encode('0123456789'), { contentType: 'audio/mpeg' });
      const whole = await store.getStream('range/digits');
      expect(await text(whole.body)).toBe('0123456789');
      expect(whole.range).toBeUndefined();
      expect(whole.info).toMatchObject({ size: 10, contentType: 'audio/mpeg' });

      const middle = await store.getStream('range/digits', { range: { start: 2, end: 5 } });
      expect(await text(middle.body)).toBe('2345');
      expect(middle.range).toEqual({ start: 2, end: 5 });
      expect(middle.info.size).toBe(10);

      const tail = await store.getStream('range/digits', { range: { start: 7 } });
      expect(await text(tail.body)).toBe('789');
      expect(tail.range).toEqual({ start: 7, end: 9 });

      const clamped = await store.getStream('range/digits', { range: { start: 8, end: 100 } });
      expect(await text(clamped.body)).toBe('89');
      expect(clamped.range).toEqual({ start: 8, end: 9 });

      const past = await rejection(store.getStream('range/digits', { range: { start: 10 } }));
      expect(past.code).toBe('STORAGE_RANGE_NOT_SATISFIABLE');
    });

    it('says clearly when there is no such object', async () => {
      expect(await store.head('missing/object')).toBeNull();
      expect((await rejection(store.get('missing/object'))).code).toBe('STORAGE_NOT_FOUND');
      expect((await rejection(store.getStream('missing/object'))).code).toBe('STORAGE_NOT_FOUND');
    });

    it('lists by prefix, sorted, across many pages', async () => {
      const keys = Array.from({ length: 1_005 }, (_, i) => `many/item-${String(i).padStart(4, '0')}`);
      for (let i = 0; i < keys.length; i += 50)
        await Promise.all(keys.slice(i, i + 50).map((key) => store.put(key, encode(key))));
      await store.put('many-other/x', encode('x'));
      const listed = await store.list('many/');
      expect(listed.map((o) => o.key)).toEqual(keys);
      expect(listed[0]).toMatchObject({ key: 'many/item-0000', size: 'many/item-0000'.length });

      expect((await store.list('many/item-100')).map((o) => o.key)).toEqual([
        'many/item-1000',
        'many/item-1001',
        'many/item-1002',
        'many/item-1003',
        'many/item-1004',
      ]);
      expect((await store.list('many')).length).toBe(1_006);
      expect(await store.list('nothing/here/')).toEqual([]);
    });

    it('deletes, and deleting what is not there is fine', async () => {
      await store.put('delete/me', encode('x'));
      await store.delete('delete/me');
      expect(await store.head('delete/me')).toBeNull();
      expect(await store.list('delete/')).toEqual([]);
      await store.delete('delete/me');
    });

    it('refuses keys that could escape or are not portable', async () => {
      for (const key of [
        '../escape',
        'a/../../b',
        '/absolute',
        'a//b',
        'trailing/',
        '.hidden',
        'a/.tmp/x',
        'back\\slash',
        'sp ace',
        '',
      ])
        expect((await rejection(store.put(key, encode('x')))).code, key).toBe('STORAGE_INVALID_KEY');
      expect((await rejection(store.get('../etc/passwd'))).code).toBe('STORAGE_INVALID_KEY');
      expect((await rejection(store.list('../'))).code).toBe('STORAGE_INVALID_KEY');
      expect((await rejection(store.put('ok', encode('x'), { metadata: { Upper: 'x' } }))).code).toBe(
        'STORAGE_INVALID_KEY',
      );
    });

    it('stores files by content: same bytes, same key, uploaded once', async () => {
      const song = encode('pretend this is a waltz');
      const sha = createHash('sha256').update(song).digest('hex');
      expect(await putContentAddressed(store, song, { contentType: 'audio/mpeg' })).toBe(sha);
      const first = await store.head(contentKey(sha));
      expect(first).toMatchObject({ key: `files/${sha}`, size: song.byteLength, contentType: 'audio/mpeg' });

      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect(await putContentAddressed(store, Readable.from([song.slice(0, 5), song.slice(5)]))).toBe(sha);
      const again = await store.head(contentKey(sha));
      expect(again?.lastModified.getTime(), 'not uploaded a second time').toBe(first?.lastModified.getTime());
      expect(decode(await store.get(contentKey(sha)))).toBe('pretend this is a waltz');

      const other = await putContentAddressed(store, Readable.from([encode('a tango')]));
      expect(other).toBe(createHash('sha256').update('a tango').digest('hex'));
      expect(() => contentKey('not-a-hash')).toThrow(StorageError);
    });
  });
}

describe('DirectoryStore', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'ondeck-objects-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  contract('directory', async () => createObjectStore({ kind: 'dir', dir: join(root, 'objects') }));

  it('keeps objects as plain files inside its root and nothing outside', async () => {
    const store = new DirectoryStore(join(root, 'plain'));
    await store.put('backups/x/latest', encode('plain bytes'));
    expect(await readdir(join(root, 'plain', 'backups', 'x'))).toEqual(['latest']);
    await rejection(store.put('../outside', encode('x')));
    expect((await readdir(root)).sort()).toEqual(['objects', 'plain']);
    // NOTE: no temporary file is left behind by a put.
    expect(await readdir(join(root, 'plain', '.tmp'))).toEqual([]);
  });
});

describe('S3Store on Ceph', () => {
  let ceph: TestCeph;
  beforeAll(async () => {
    ceph = await useCeph();
  });
  afterAll(async () => {
    await ceph?.release();
  });

  contract('s3', async () => createObjectStore(await ceph.newBucket()));

  it('names ONDECK_S3_SECRET_ACCESS_KEY when the secret is wrong, without showing it', async () => {
    const settings = await ceph.newBucket();
    const store = createObjectStore({ ...settings, secretAccessKey: 'not-the-secret-at-all' });
    for (const attempt of [() => store.check(), () => store.put('x', encode('x')), () => store.get('x')]) {
      const error = await rejection(attempt());
      expect(error.code).toBe('STORAGE_CREDENTIALS_REJECTED');
      expect(error.setting).toBe('ONDECK_S3_SECRET_ACCESS_KEY');
      expect(error.message).toBe(
        'ONDECK_S3_SECRET_ACCESS_KEY is not accepted by the storage service (SignatureDoesNotMatch)',
      );
      expect(error.message).not.toContain('not-the-secret-at-all');
    }
  });

  it('names ONDECK_S3_ACCESS_KEY_ID when the key id is unknown', async () => {
    const settings = await ceph.newBucket();
    const error = await rejection(createObjectStore({ ...settings, accessKeyId: 'NOSUCHKEY0000000' }).check());
    expect(error).toMatchObject({ code: 'STORAGE_CREDENTIALS_REJECTED', setting: 'ONDECK_S3_ACCESS_KEY_ID' });
    expect(error.message).toContain('ONDECK_S3_ACCESS_KEY_ID');
  });

  it('names ONDECK_S3_BUCKET when the bucket does not exist', async () => {
    const settings = await ceph.newBucket();
    const store = createObjectStore({ ...settings, bucket: 'no-such-bucket-here' });
    for (const attempt of [() => store.check(), () => store.put('x', encode('x')), () => store.get('x')]) {
      const error = await rejection(attempt());
      expect(error).toMatchObject({ code: 'STORAGE_BUCKET_MISSING', setting: 'ONDECK_S3_BUCKET' });
      expect(error.message).toContain('no-such-bucket-here');
    }
  });

  it('names ONDECK_S3_ENDPOINT when nothing answers there', async () => {
    const settings = await ceph.newBucket();
    const store = new S3Store({ ...settings, endpoint: 'http://127.0.0.1:9', maxAttempts: 1 });
    const error = await rejection(store.check());
    expect(error).toMatchObject({ code: 'STORAGE_UNREACHABLE', setting: 'ONDECK_S3_ENDPOINT' });
    expect(error.message).toContain('ONDECK_S3_ENDPOINT (http://127.0.0.1:9) cannot be reached (ECONNREFUSED)');
  });
});
