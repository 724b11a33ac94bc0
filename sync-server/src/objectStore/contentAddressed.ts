import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SHA256_HEX_PATTERN } from '@ondeck/shared';
import { digestTap } from './digestTap.ts';
import { StorageError } from './errors.ts';
import type { ObjectStore } from './objectStore.ts';

/** A SHA-256 digest as lowercase hex: the name of a file's content. */
const SHA256_HEX = new RegExp(SHA256_HEX_PATTERN);

export function isSha256Hex(value: string): boolean {
  return SHA256_HEX.test(value);
}

/** The key of a file (music and the like): `files/<sha256 hex>`. */
export function contentKey(sha256: string): string {
  if (!isSha256Hex(sha256))
    throw new StorageError('STORAGE_INVALID_KEY', `${JSON.stringify(sha256)} is not a lowercase SHA-256 hex digest`);
  return `files/${sha256}`;
}

/**
 * Stores a file under the SHA-256 of its bytes and returns that hash. The same song uploaded
 * twice is stored once: when the key already holds an object of the same size, nothing is sent.
 * A stream is spooled to a temporary file first, since its key is known only at its end.
 */
export async function putContentAddressed(
  store: ObjectStore,
  body: Uint8Array | Readable,
  options: { contentType?: string; tempDir?: string } = {},
): Promise<string> {
  const putOptions = options.contentType === undefined ? {} : { contentType: options.contentType };
  if (body instanceof Uint8Array) {
    const sha256 = createHash('sha256').update(body).digest('hex');
    const existing = await store.head(contentKey(sha256));
    if (existing?.size !== body.byteLength) await store.put(contentKey(sha256), body, putOptions);
    return sha256;
  }
  const dir = await mkdtemp(join(options.tempDir ?? tmpdir(), 'ondeck-file-'));
  try {
    const path = join(dir, randomUUID());
    const tap = digestTap();
    await pipeline(body, tap.stage, createWriteStream(path));
    const sha256 = tap.sha256();
    const size = tap.size();
    const existing = await store.head(contentKey(sha256));
    if (existing?.size !== size)
      await store.put(contentKey(sha256), createReadStream(path), { ...putOptions, contentLength: size });
    return sha256;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
