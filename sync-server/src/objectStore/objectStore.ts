import type { Readable } from 'node:stream';

/**
 * Where backups and music live: a local directory by default, or any S3-compatible service.
 * Both implementations accept the same keys (see keys.ts), behave the same for every method, and
 * throw `StorageError` with a stable code for every failure.
 */
export interface ObjectStore {
  /** `dir` or `s3`, for logs and /up. */
  readonly kind: 'dir' | 's3';
  /** Where objects go, without secrets: a path, or an endpoint and bucket. */
  readonly location: string;

  /**
   * Stores `body` under `key`, replacing what was there; readers see the old object or the new
   * one, never a mix. A stream is read to its end (a file stream with `contentLength` is sent
   * as it is; any other stream is first spooled to a temporary file where the store needs the
   * length up front).
   */
  put(key: string, body: Uint8Array | Readable, options?: PutOptions): Promise<void>;
  /** The whole object. Throws STORAGE_NOT_FOUND when there is none. */
  get(key: string): Promise<Uint8Array>;
  /**
   * The object (or one byte range of it, as HTTP Range needs) as a stream. Throws
   * STORAGE_NOT_FOUND, or STORAGE_RANGE_NOT_SATISFIABLE when the range starts past the end.
   */
  getStream(key: string, options?: { range?: ByteRange }): Promise<ObjectStream>;
  /**
   * Stores a copy of the object under `from` (bytes, type and metadata) under `to`, replacing
   * what was there, without its bytes passing through this process where the store can help it.
   * Throws STORAGE_NOT_FOUND when there is nothing under `from`.
   */
  copy(from: string, to: string): Promise<void>;
  /** Size, type and metadata, or null when there is no such object. */
  head(key: string): Promise<ObjectInfo | null>;
  /** Every object whose key starts with `prefix`, sorted by key (pagination is handled here). */
  list(prefix: string): Promise<ListedObject[]>;
  /** Removes the object; removing one that does not exist is not an error. */
  delete(key: string): Promise<void>;
  /** Proves the store is usable (reachable, credentials accepted, bucket present). */
  check(): Promise<void>;
}

export interface PutOptions {
  /** Defaults to application/octet-stream. */
  contentType?: string;
  /** Lowercase names (S3 lowercases them), printable ASCII values, about 1.8 KB in all. */
  metadata?: Record<string, string>;
  /** The stream's length in bytes, when known. */
  contentLength?: number;
}

/** Inclusive byte positions, as in HTTP `Range: bytes=start-end`; no `end` means to the end. */
export interface ByteRange {
  start: number;
  end?: number;
}

export interface ObjectInfo {
  key: string;
  size: number;
  lastModified: Date;
  contentType: string;
  metadata: Record<string, string>;
}

export interface ObjectStream {
  body: Readable;
  /** The whole object's details (its `size` is the whole size, not the range's). */
  info: ObjectInfo;
  /** The inclusive range actually sent, clamped to the object; absent when the whole object is. */
  range?: { start: number; end: number };
}

export interface ListedObject {
  key: string;
  size: number;
  lastModified: Date;
}
