import { randomUUID } from 'node:crypto';
import { constants, createWriteStream, type Dirent } from 'node:fs';
import { access, mkdir, open, readdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { syncDirectory } from '../storage/syncDirectory.ts';
import { objectNotFound, StorageError } from './errors.ts';
import { assertValidKey, assertValidMetadata, assertValidPrefix } from './keys.ts';
import type { ByteRange, ListedObject, ObjectInfo, ObjectStore, ObjectStream, PutOptions } from './objectStore.ts';
import { DEFAULT_CONTENT_TYPE, resolveRange } from './range.ts';

const SETTING = 'ONDECK_STORAGE_DIR';

interface Sidecar {
  contentType: string;
  metadata: Record<string, string>;
}

/**
 * Objects as plain files under one root directory: `<root>/<key>` holds the bytes, so an
 * operator can copy or gunzip a backup with ordinary tools. Content type and metadata live in
 * `<root>/.meta/<key>.json`; writes go through `<root>/.tmp/`. Keys cannot start with a dot, so
 * neither is reachable through a key.
 *
 * NOTE: a file system cannot hold both an object `a` and an object `a/b`; such a put is refused
 * with STORAGE_INVALID_KEY. Our key layouts never need both.
 */
export class DirectoryStore implements ObjectStore {
  readonly kind = 'dir';
  readonly root: string;
  readonly location: string;

  constructor(root: string) {
    this.root = resolve(root);
    this.location = this.root;
  }

  async put(key: string, body: Uint8Array | Readable, options: PutOptions = {}): Promise<void> {
    const target = this.pathOf(key);
    const metadata = options.metadata ?? {};
    assertValidMetadata(metadata);
    const sidecar: Sidecar = { contentType: options.contentType ?? DEFAULT_CONTENT_TYPE, metadata };
    const tmpDir = join(this.root, '.tmp');
    const tmpData = join(tmpDir, randomUUID());
    const tmpMeta = `${tmpData}.json`;
    try {
      await mkdir(tmpDir, { recursive: true });
      await writeDurably(tmpData, body);
      await writeDurably(tmpMeta, new TextEncoder().encode(JSON.stringify(sidecar)));
      const metaPath = this.sidecarPathOf(key);
      await mkdir(dirname(metaPath), { recursive: true });
      await mkdir(dirname(target), { recursive: true });
      // NOTE: each rename is atomic, so a reader sees whole files only. The pair is not: for a
      // moment new metadata can sit next to old bytes. Backups check a checksum from the
      // metadata against the bytes, so that moment can only cause a refused (and retried)
      // restore, never a wrong one. S3 stores both in one request.
      await rename(tmpMeta, metaPath);
      await rename(tmpData, target);
      await syncDirectory(dirname(target));
    } catch (error) {
      await rm(tmpData, { force: true });
      await rm(tmpMeta, { force: true });
      throw this.fileError(error, key, 'write');
    }
  }

  async get(key: string): Promise<Uint8Array> {
    const path = this.pathOf(key);
    try {
      const bytes = await readFile(path);
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } catch (error) {
      throw this.fileError(error, key, 'read');
    }
  }

  async getStream(key: string, options: { range?: ByteRange } = {}): Promise<ObjectStream> {
    const path = this.pathOf(key);
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(path, 'r');
    } catch (error) {
      throw this.fileError(error, key, 'read');
    }
    try {
      // NOTE: size comes from the open file, so a concurrent put (a rename) cannot make the
      // range disagree with the bytes being sent.
      const stats = await handle.stat();
      if (!stats.isFile()) throw objectNotFound(key);
      const info: ObjectInfo = { key, size: stats.size, lastModified: stats.mtime, ...(await this.readSidecar(key)) };
      if (options.range === undefined) return { body: handle.createReadStream(), info };
      const range = resolveRange(key, options.range, stats.size);
      return { body: handle.createReadStream({ start: range.start, end: range.end }), info, range };
    } catch (error) {
      await handle.close();
      throw error instanceof StorageError ? error : this.fileError(error, key, 'read');
    }
  }

  async copy(from: string, to: string): Promise<void> {
    const { body, info } = await this.getStream(from);
    try {
      await this.put(to, body, { contentType: info.contentType, metadata: info.metadata });
    } finally {
      // NOTE: a refused `to` leaves the source unread; this closes its file either way.
      body.destroy();
    }
  }

  async head(key: string): Promise<ObjectInfo | null> {
    const path = this.pathOf(key);
    try {
      const stats = await stat(path);
      if (!stats.isFile()) return null;
      return { key, size: stats.size, lastModified: stats.mtime, ...(await this.readSidecar(key)) };
    } catch (error) {
      const mapped = this.fileError(error, key, 'read');
      if (mapped.code === 'STORAGE_NOT_FOUND') return null;
      throw mapped;
    }
  }

  async list(prefix: string): Promise<ListedObject[]> {
    assertValidPrefix(prefix);
    const slash = prefix.lastIndexOf('/');
    const baseKey = slash === -1 ? '' : prefix.slice(0, slash);
    const found: ListedObject[] = [];
    const walk = async (dir: string, dirKey: string): Promise<void> => {
      let entries: Dirent[];
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (error) {
        if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return;
        throw this.fileError(error, prefix, 'list');
      }
      for (const entry of entries) {
        if (entry.name.startsWith('.')) continue;
        const key = dirKey === '' ? entry.name : `${dirKey}/${entry.name}`;
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (`${key}/`.startsWith(prefix) || prefix.startsWith(`${key}/`)) await walk(path, key);
        } else if (entry.isFile() && key.startsWith(prefix)) {
          try {
            const stats = await stat(path);
            found.push({ key, size: stats.size, lastModified: stats.mtime });
          } catch (error) {
            // NOTE: deleted between readdir and stat: it is simply no longer listed.
            if (!isCode(error, 'ENOENT')) throw this.fileError(error, key, 'list');
          }
        }
      }
    };
    await walk(baseKey === '' ? this.root : join(this.root, ...baseKey.split('/')), baseKey);
    return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    for (const file of [path, this.sidecarPathOf(key)]) {
      try {
        await unlink(file);
      } catch (error) {
        // NOTE: EISDIR/ENOTDIR mean the key names a "folder" of other keys: there is no object.
        if (!isCode(error, 'ENOENT') && !isCode(error, 'ENOTDIR') && !isCode(error, 'EISDIR'))
          throw this.fileError(error, key, 'delete');
      }
    }
  }

  async check(): Promise<void> {
    try {
      await mkdir(this.root, { recursive: true });
      await access(this.root, constants.R_OK | constants.W_OK);
    } catch (error) {
      throw this.fileError(error, '', 'write');
    }
  }

  private pathOf(key: string): string {
    assertValidKey(key);
    const path = join(this.root, ...key.split('/'));
    // NOTE: assertValidKey already rules out escapes; this is the belt to its braces.
    const inside = relative(this.root, path);
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside))
      throw new StorageError('STORAGE_INVALID_KEY', `object key ${key} escapes ${this.root}`);
    return path;
  }

  private sidecarPathOf(key: string): string {
    return `${join(this.root, '.meta', ...key.split('/'))}.json`;
  }

  private async readSidecar(key: string): Promise<Sidecar> {
    try {
      const parsed = JSON.parse(await readFile(this.sidecarPathOf(key), 'utf8')) as Partial<Sidecar>;
      return { contentType: parsed.contentType ?? DEFAULT_CONTENT_TYPE, metadata: parsed.metadata ?? {} };
    } catch {
      // NOTE: a file copied in by hand has no sidecar; it is still an object.
      return { contentType: DEFAULT_CONTENT_TYPE, metadata: {} };
    }
  }

  private fileError(error: unknown, key: string, action: 'read' | 'write' | 'list' | 'delete'): StorageError {
    if (error instanceof StorageError) return error;
    const code = (error as NodeJS.ErrnoException).code;
    if (action === 'read' && (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR')) return objectNotFound(key);
    if (action === 'write' && (code === 'ENOTDIR' || code === 'EISDIR' || code === 'EEXIST'))
      return new StorageError(
        'STORAGE_INVALID_KEY',
        `object key ${key} clashes with another key in ${this.root} (a key cannot also be a folder of keys here)`,
        undefined,
        { cause: error },
      );
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
      return new StorageError(
        'STORAGE_ACCESS_DENIED',
        `${SETTING} (${this.root}) cannot be ${action === 'read' || action === 'list' ? 'read' : 'written'} by this process (${code})`,
        SETTING,
        { cause: error },
      );
    return new StorageError(
      'STORAGE_FAILED',
      `could not ${action} ${key || 'objects'} in ${SETTING} (${this.root}): ${(error as Error).message}`,
      SETTING,
      { cause: error },
    );
  }
}

function isCode(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === code;
}

/** Writes a whole file and flushes it to disk before it is renamed into place. */
async function writeDurably(path: string, body: Uint8Array | Readable): Promise<void> {
  if (body instanceof Uint8Array) await writeFile(path, body, { flag: 'wx', flush: true });
  else await pipeline(body, createWriteStream(path, { flags: 'wx', flush: true }));
}
