import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type ImportFormat, isSlug, NEW_ID_PATTERN, newId } from '@ondeck/shared';
import { ApiErrors } from '../errors.ts';
import { isSqlite } from './showcaseDatabase.ts';
import { isZip } from './showcaseZip.ts';

/** What an upload is, by its first bytes (never by its name or Content-Type). */
export type UploadKind = 'sqlite' | 'zip' | 'csv';

/** An uploaded file waiting for the organiser to read its preview and commit or discard it. */
export interface PendingImport {
  id: string;
  eventId: string;
  format: ImportFormat;
  kind: UploadKind;
  fileName: string;
  size: number;
  uploadedAt: string;
  /** The uploaded bytes on the server's disk. */
  path: string;
}

/** Ids of pending imports are `newId()`'s: 12 lowercase letters and digits, safe as a file name. */
const IMPORT_ID = new RegExp(NEW_ID_PATTERN);
/** An upload nobody committed or discarded is dropped after a day. */
const PENDING_FOR_MS = 24 * 3600_000;
const PENDING_PER_EVENT = 5;

export function importTooLarge(maxBytes: number, size?: number) {
  const mb = (n: number) => `${Math.round((n / 1_048_576) * 10) / 10} MB`;
  return new ApiErrors.IMPORT_TOO_LARGE(
    `${size === undefined ? 'The file is larger than' : `The file is ${mb(size)}, more than`} the ${mb(maxBytes)} an import may be (ONDECK_MAX_IMPORT_BYTES).`,
  );
}

const isControl = (code: number) => code < 0x20 || code === 0x7f;

/** A file name as people see it: its last path part, printable, at most 200 characters. */
export function cleanFileName(name: string | undefined, fallback: string): string {
  const last = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = [...last]
    .filter((char) => !isControl(char.charCodeAt(0)))
    .join('')
    .trim();
  return clean === '' ? fallback : clean.slice(0, 200);
}

/** The refusal of a file that is not what its format needs, saying what it looks like instead. */
function notWhatWasAsked(format: ImportFormat, head: Uint8Array) {
  if (format === 'csv') return new ApiErrors.NOT_CSV(isSqlite(head) ? 'a SQLite database' : 'a ZIP file');
  const looks =
    head[0] === 0x1f && head[1] === 0x8b
      ? 'it is gzip-compressed (a backup?): decompress it first'
      : head.length === 0
        ? 'the file is empty'
        : head.every((byte) => byte === 0x09 || byte === 0x0a || byte === 0x0d || !isControl(byte))
          ? 'it is text (a CSV spreadsheet is imported as a spreadsheet)'
          : 'its first bytes are neither';
  return new ApiErrors.NOT_SQLITE(looks);
}

/**
 * Uploads kept on the server's disk between preview and commit, under
 * `<data dir>/imports/<event>/<id>.upload` with a `<id>.json` beside it.
 */
export class PendingImports {
  constructor(private readonly dir: string) {}

  private eventDir(eventId: string): string {
    if (!isSlug(eventId)) throw new Error(`not an event id: ${JSON.stringify(eventId)}`);
    return join(this.dir, eventId);
  }

  /**
   * Streams an upload to disk, counting its bytes as they come (a body over `maxBytes` is
   * refused without being held anywhere), then checks by its first bytes that it is what the
   * format needs.
   */
  async receive(
    eventId: string,
    format: ImportFormat,
    fileName: string,
    body: AsyncIterable<Uint8Array>,
    maxBytes: number,
  ): Promise<PendingImport> {
    this.prune(eventId);
    // A few uploads wait per event; the oldest go first, so uploads cannot fill the disk.
    for (const old of this.list(eventId).slice(0, -(PENDING_PER_EVENT - 1))) this.remove(eventId, old.id);
    const dir = this.eventDir(eventId);
    mkdirSync(dir, { recursive: true });
    const id = newId();
    const path = join(dir, `${id}.upload`);
    let size = 0;
    async function* counted() {
      for await (const chunk of body) {
        size += chunk.byteLength;
        if (size > maxBytes) throw importTooLarge(maxBytes);
        yield chunk;
      }
    }
    try {
      await pipeline(Readable.from(counted()), createWriteStream(path));
      const head = new Uint8Array(16);
      const file = await open(path);
      const { bytesRead } = await file.read(head, 0, head.length, 0).finally(() => file.close());
      const start = head.subarray(0, bytesRead);
      const kind: UploadKind | null =
        format === 'csv'
          ? isSqlite(start) || isZip(start)
            ? null
            : 'csv'
          : isSqlite(start)
            ? 'sqlite'
            : isZip(start)
              ? 'zip'
              : null;
      if (!kind) throw notWhatWasAsked(format, start);
      const pending: PendingImport = {
        id,
        eventId,
        format,
        kind,
        fileName,
        size,
        uploadedAt: new Date().toISOString(),
        path,
      };
      const { path: _path, ...meta } = pending;
      writeFileSync(join(dir, `${id}.json`), JSON.stringify(meta));
      return pending;
    } catch (error) {
      rmSync(path, { force: true });
      throw error;
    }
  }

  get(eventId: string, id: string): PendingImport | null {
    if (!IMPORT_ID.test(id)) return null;
    const dir = this.eventDir(eventId);
    const metaPath = join(dir, `${id}.json`);
    const path = join(dir, `${id}.upload`);
    if (!existsSync(metaPath) || !existsSync(path)) return null;
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as Omit<PendingImport, 'path'>;
    return { ...meta, path };
  }

  list(eventId: string): PendingImport[] {
    const dir = this.eventDir(eventId);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .flatMap((name) => {
        const pending = this.get(eventId, name.slice(0, -'.json'.length));
        return pending ? [pending] : [];
      })
      .sort((a, b) => a.uploadedAt.localeCompare(b.uploadedAt));
  }

  remove(eventId: string, id: string): void {
    if (!IMPORT_ID.test(id)) return;
    const dir = this.eventDir(eventId);
    rmSync(join(dir, `${id}.upload`), { force: true });
    rmSync(join(dir, `${id}.json`), { force: true });
  }

  /** Drops the event's uploads older than a day, and what an upload cut off a day ago left behind. */
  private prune(eventId: string, now = Date.now()): void {
    const dir = this.eventDir(eventId);
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const id = name.replace(/\.(upload|json)$/, '');
      const pending = this.get(eventId, id);
      const since = pending ? Date.parse(pending.uploadedAt) : statSync(join(dir, name)).mtimeMs;
      if (now - since > PENDING_FOR_MS) this.remove(eventId, id);
    }
  }
}
