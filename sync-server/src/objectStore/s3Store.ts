import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, ReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import { objectNotFound, StorageError } from './errors.ts';
import { assertValidKey, assertValidMetadata, assertValidPrefix } from './keys.ts';
import type { ByteRange, ListedObject, ObjectInfo, ObjectStore, ObjectStream, PutOptions } from './objectStore.ts';
import { DEFAULT_CONTENT_TYPE, resolveRange } from './range.ts';
import { toStorageError } from './s3Errors.ts';
import type { S3Settings } from './storageConfig.ts';

export interface S3StoreOptions extends S3Settings {
  /** Give up connecting after this long (default 5 s): an unreachable service fails fast. */
  connectionTimeoutMs?: number;
  /** Give up on a connection that sends nothing for this long (default 60 s). */
  idleTimeoutMs?: number;
  /** Attempts per request including the first (default 3); callers retry further with backoff. */
  maxAttempts?: number;
  /** Where streams of unknown length are spooled before upload (default: the OS temp dir). */
  tempDir?: string;
}

type S3Sdk = typeof import('@aws-sdk/client-s3');

const ignore = () => {};
const SILENT_LOGGER = { trace: ignore, debug: ignore, info: ignore, warn: ignore, error: ignore };

/** Objects in one bucket of an S3-compatible service, through the AWS SDK. */
export class S3Store implements ObjectStore {
  readonly kind = 's3';
  readonly location: string;
  private readonly clientConfig: S3ClientConfig;
  /** The SDK and its client, from the first request on (see `connect`). */
  private connected: Promise<{ s3: S3Client; sdk: S3Sdk }> | null = null;
  private readonly bucket: string;
  private readonly region: string;
  private readonly endpoint: string | undefined;
  private readonly tempDir: string;

  constructor(options: S3StoreOptions) {
    this.bucket = options.bucket;
    this.region = options.region;
    this.endpoint = options.endpoint;
    this.tempDir = options.tempDir ?? tmpdir();
    this.location = `${options.endpoint ?? `s3.${options.region}.amazonaws.com`}/${options.bucket}`;
    this.clientConfig = {
      region: options.region,
      ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
      forcePathStyle: options.forcePathStyle,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      maxAttempts: options.maxAttempts ?? 3,
      // NOTE: since early 2025 the SDK adds CRC checksums to every upload by default, which many
      // S3-compatible services (Ceph among them) refuse or mishandle. Only send them when the API
      // demands it; our backups carry their own SHA-256 anyway.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      // NOTE: every failure reaches the caller as a StorageError and is logged there, with the
      // event and the setting at fault; the SDK's own console lines would only repeat it.
      logger: SILENT_LOGGER,
      requestHandler: {
        connectionTimeout: options.connectionTimeoutMs ?? 5_000,
        socketTimeout: options.idleTimeoutMs ?? 60_000,
      },
    };
  }

  /**
   * NOTE: the AWS SDK is loaded on the first request, not with the server: it takes ~23 MiB of
   * a process that only ever uses directory storage (issue 19), and a server configured for S3
   * checks its store at start, so it still loads there at once.
   */
  private connect(): Promise<{ s3: S3Client; sdk: S3Sdk }> {
    this.connected ??= import('@aws-sdk/client-s3').then((sdk) => ({ s3: new sdk.S3Client(this.clientConfig), sdk }));
    return this.connected;
  }

  async put(key: string, body: Uint8Array | Readable, options: PutOptions = {}): Promise<void> {
    assertValidKey(key);
    const metadata = options.metadata ?? {};
    assertValidMetadata(metadata);
    const send = (Body: Uint8Array | Readable, ContentLength: number) =>
      this.run(`write ${key}`, (s3, sdk) =>
        s3.send(
          new sdk.PutObjectCommand({
            Bucket: this.bucket,
            Key: key,
            Body,
            ContentLength,
            ContentType: options.contentType ?? DEFAULT_CONTENT_TYPE,
            Metadata: metadata,
          }),
        ),
      );
    if (body instanceof Uint8Array) {
      await send(body, body.byteLength);
      return;
    }
    // NOTE: S3 needs the length before the first byte, and signing a plain-HTTP request needs the
    // payload's hash, which the SDK can only take from a file it can read twice. A file stream of
    // known length goes as it is; anything else is spooled to a temporary file first.
    if (body instanceof ReadStream && options.contentLength !== undefined) {
      await send(body, options.contentLength);
      return;
    }
    const dir = await mkdtemp(join(this.tempDir, 'ondeck-upload-'));
    try {
      const path = join(dir, randomUUID());
      await pipeline(body, createWriteStream(path));
      const { size } = await stat(path);
      await send(createReadStream(path), size);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async get(key: string): Promise<Uint8Array> {
    assertValidKey(key);
    return this.run(`read ${key}`, async (s3, sdk) => {
      const response = await s3.send(new sdk.GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!response.Body) throw objectNotFound(key);
      return response.Body.transformToByteArray();
    });
  }

  async getStream(key: string, options: { range?: ByteRange } = {}): Promise<ObjectStream> {
    assertValidKey(key);
    const requested = options.range;
    if (requested !== undefined) resolveRange(key, requested, Number.MAX_SAFE_INTEGER);
    const response = await this.run(`read ${key}`, (s3, sdk) =>
      s3.send(
        new sdk.GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          ...(requested === undefined ? {} : { Range: `bytes=${requested.start}-${requested.end ?? ''}` }),
        }),
      ),
    );
    if (!(response.Body instanceof Readable)) throw objectNotFound(key);
    const contentRange = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(response.ContentRange ?? '');
    const size = contentRange ? Number(contentRange[3]) : (response.ContentLength ?? 0);
    const info: ObjectInfo = {
      key,
      size,
      lastModified: response.LastModified ?? new Date(0),
      contentType: response.ContentType ?? DEFAULT_CONTENT_TYPE,
      metadata: response.Metadata ?? {},
    };
    if (requested === undefined) return { body: response.Body, info };
    // NOTE: a service that ignores Range answers 200 with the whole object; say so truthfully.
    const range = contentRange ? { start: Number(contentRange[1]), end: Number(contentRange[2]) } : undefined;
    return range ? { body: response.Body, info, range } : { body: response.Body, info };
  }

  async copy(from: string, to: string): Promise<void> {
    assertValidKey(from);
    assertValidKey(to);
    await this.run(`copy ${from}`, (s3, sdk) =>
      s3.send(
        new sdk.CopyObjectCommand({
          Bucket: this.bucket,
          Key: to,
          // NOTE: keys hold only URL-safe characters (keys.ts), so the source needs no escaping.
          CopySource: `${this.bucket}/${from}`,
          MetadataDirective: 'COPY',
        }),
      ),
    );
  }

  async head(key: string): Promise<ObjectInfo | null> {
    assertValidKey(key);
    try {
      const response = await this.run(`read ${key}`, (s3, sdk) =>
        s3.send(new sdk.HeadObjectCommand({ Bucket: this.bucket, Key: key })),
      );
      return {
        key,
        size: response.ContentLength ?? 0,
        lastModified: response.LastModified ?? new Date(0),
        contentType: response.ContentType ?? DEFAULT_CONTENT_TYPE,
        metadata: response.Metadata ?? {},
      };
    } catch (error) {
      if (error instanceof StorageError && error.code === 'STORAGE_NOT_FOUND') return null;
      throw error;
    }
  }

  async list(prefix: string): Promise<ListedObject[]> {
    assertValidPrefix(prefix);
    const found: ListedObject[] = [];
    let token: string | undefined;
    do {
      const continuation = token;
      const page = await this.run(`list ${prefix || 'objects'}`, (s3, sdk) =>
        s3.send(
          new sdk.ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: prefix,
            ...(continuation === undefined ? {} : { ContinuationToken: continuation }),
          }),
        ),
      );
      for (const item of page.Contents ?? []) {
        if (item.Key === undefined) continue;
        found.push({ key: item.Key, size: item.Size ?? 0, lastModified: item.LastModified ?? new Date(0) });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    return found;
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    await this.run(`delete ${key}`, (s3, sdk) =>
      s3.send(new sdk.DeleteObjectCommand({ Bucket: this.bucket, Key: key })),
    );
  }

  async check(): Promise<void> {
    // NOTE: a listing (unlike HEAD) answers with an error body, so a wrong secret, an unknown
    // key id and a missing bucket each get their own message.
    await this.run('list objects', (s3, sdk) =>
      s3.send(new sdk.ListObjectsV2Command({ Bucket: this.bucket, MaxKeys: 1 })),
    );
  }

  /** Closes the SDK's sockets (for tests and shutdown). */
  destroy(): void {
    void this.connected?.then(({ s3 }) => s3.destroy(), ignore);
  }

  private async run<T>(action: string, call: (s3: S3Client, sdk: S3Sdk) => Promise<T>): Promise<T> {
    try {
      const { s3, sdk } = await this.connect();
      return await call(s3, sdk);
    } catch (error) {
      throw toStorageError(error, {
        action,
        bucket: this.bucket,
        region: this.region,
        ...(this.endpoint === undefined ? {} : { endpoint: this.endpoint }),
      });
    }
  }
}
