import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  applyMarks,
  applyProgramPlan,
  type DocName,
  databaseReferences,
  describeProblem,
  hasErrors,
  type ImportFormat,
  type ImportMusic,
  type ImportPlan,
  type ImportPreview,
  type ImportProblem,
  type ImportResult,
  type ImportStatus,
  type ImportTable,
  importCsvProgram,
  mapShowcase,
  marksCsv,
  type ProgramData,
  parseDocName,
  planImport,
  plural,
  readMarksAndCleared,
  readProgram,
  type Score,
  type ShowcaseMusic,
  scoresDocName,
} from '@ondeck/shared';
import type { FastifyBaseLogger } from 'fastify';
import { ApiErrors, AppError } from '../errors.ts';
import type { EventRegistry } from '../loadedEvents/eventRegistry.ts';
import { DocumentUnavailableError, type LoadedEvent } from '../loadedEvents/loadedEvent.ts';
import type { EventFiles } from '../music/eventFiles.ts';
import { storeUpload } from '../music/upload.ts';
import { isStorageError, type ObjectStore } from '../objectStore/index.ts';
import { type PendingImport, PendingImports } from './pendingImports.ts';
import { openSqliteBytes, readShowcaseDatabase } from './showcaseDatabase.ts';
import { type ExportCounts, writeMarksToShowcase } from './showcaseExport.ts';
import { openShowcaseZip, type ShowcaseZip } from './showcaseZip.ts';

export interface EventImportsDeps {
  dataDir: string;
  store: ObjectStore;
  registry: EventRegistry;
  files: EventFiles;
  /** Largest upload (a database, a ZIP with its music, a CSV). */
  maxImportBytes: number;
  /** Largest music file, as for uploads. */
  maxUploadBytes: number;
  log: FastifyBaseLogger;
}

type Incoming = ProgramData & { scoresByJudge?: Record<string, Score[]> };

/** An upload read and mapped: what it would bring into the event. */
interface ReadSource {
  incoming: Incoming;
  problems: ImportProblem[];
  tables: ImportTable[];
  skipped: string[];
  database?: { name: string; schemaVersion?: string };
  /** Attached music, and the ZIP holding the files when the upload was one. */
  music: ShowcaseMusic[];
  zip?: ShowcaseZip;
  /** The bytes to keep as this event's source: the database (not the ZIP), or the CSV. */
  keep: Uint8Array;
  close(): void;
}

/** Where the last committed source of each format is kept: the base of the next re-import. */
function sourceKey(eventId: string, format: ImportFormat): string {
  return `events/${eventId}/imports/${format === 'showcase' ? 'showcase.sqlite3' : 'program.csv'}`;
}

const storageUnavailable = (error: unknown): never => {
  if (isStorageError(error)) throw new ApiErrors.STORAGE_UNAVAILABLE();
  throw error;
};

/**
 * Importing an event and taking its marks out (issue 14): uploads wait on disk for the
 * organiser's decision; a preview maps the upload and plans the merge against the event as it
 * is; a commit writes through the loaded event — the server acting as the organiser for the
 * program and as each judge's document's keeper for marks — so connected devices get the
 * change live and it is committed like any other.
 */
export class EventImports {
  readonly pending: PendingImports;
  private readonly locks = new Map<string, Promise<unknown>>();
  /**
   * NOTE: reading and mapping the largest event's database is most of an import's time (about
   * half of a preview, measured with bench:import), so an upload read for its preview is kept
   * for its commit, and each event's last committed source for its next re-import; a few of
   * each, the oldest dropped first.
   */
  private readonly readUploads = new Map<string, Remembered<ReadSource>>();
  private readonly bases = new Map<string, Remembered<{ version: string; incoming: Incoming }>>();

  constructor(private readonly deps: EventImportsDeps) {
    this.pending = new PendingImports(join(deps.dataDir, 'imports'));
  }

  /** Takes an upload and answers with its preview; a file that is not what `format` needs is refused. */
  async upload(
    eventId: string,
    format: ImportFormat,
    fileName: string,
    body: AsyncIterable<Uint8Array>,
  ): Promise<ImportPreview> {
    const pending = await this.pending.receive(eventId, format, fileName, body, this.deps.maxImportBytes);
    try {
      return await this.preview(eventId, pending.id);
    } catch (error) {
      // A file that cannot even be read is not kept for a later commit.
      this.forget(eventId, pending.id);
      throw error;
    }
  }

  async preview(eventId: string, importId: string): Promise<ImportPreview> {
    const pending = this.find(eventId, importId);
    const source = await this.read(pending);
    try {
      const base = await this.base(eventId, pending.format);
      const changes = await this.withEvent(eventId, (event) => this.plan(event, source.incoming, base).changes);
      return {
        id: pending.id,
        format: pending.format,
        fileName: pending.fileName,
        size: pending.size,
        uploadedAt: pending.uploadedAt,
        ...(source.database ? { database: source.database } : {}),
        tables: source.tables,
        skipped: source.skipped,
        problems: source.problems,
        ...(pending.format === 'showcase' ? { music: musicSummary(source) } : {}),
        reimport: base !== undefined,
        changes,
        canCommit: !hasErrors(source.problems),
      };
    } finally {
      source.close();
    }
  }

  /** Commits an upload into the event; refused (the event unchanged) while its preview has errors. */
  commit(eventId: string, importId: string): Promise<ImportResult> {
    return this.exclusive(eventId, async () => {
      const pending = this.find(eventId, importId);
      const source = await this.read(pending);
      try {
        const errors = source.problems.filter((p) => p.severity === 'error');
        if (errors.length > 0)
          throw new ApiErrors.IMPORT_HAS_ERRORS(
            plural(errors.length, 'problem'),
            describeProblem(errors[0] as ImportProblem),
          );
        // The base is read before this source replaces it; storage trouble stops here, event unchanged.
        const base = await this.base(eventId, pending.format);
        const music = await this.storeMusic(eventId, source);
        const committedAt = new Date().toISOString();
        const key = sourceKey(eventId, pending.format);
        await this.deps.store
          .put(key, source.keep, {
            metadata: { 'file-name': encodeURIComponent(pending.fileName), 'committed-at': committedAt },
          })
          .catch(storageUnavailable);
        remember(this.bases, key, { version: `${source.keep.byteLength}/${committedAt}`, incoming: source.incoming });
        const changes = await this.withEvent(eventId, (event) => {
          const plan = this.plan(event, source.incoming, base);
          applyProgramPlan(event.room('program').doc, plan);
          for (const [judgeId, marks] of Object.entries(plan.marks))
            applyMarks(event.room(scoresDocName(judgeId)).doc, marks);
          if (!event.flush()) throw new ApiErrors.NOT_SAVED_YET();
          return plan.changes;
        });
        this.forget(eventId, importId);
        this.deps.log.info(
          {
            event: eventId,
            format: pending.format,
            file: pending.fileName,
            collections: changes.collections,
            marks: changes.marks,
          },
          'import committed',
        );
        return { changes, ...(music ? { music } : {}), committedAt: new Date().toISOString() };
      } finally {
        source.close();
      }
    });
  }

  discard(eventId: string, importId: string): void {
    this.find(eventId, importId);
    this.forget(eventId, importId);
  }

  private forget(eventId: string, importId: string): void {
    this.readUploads.delete(`${eventId}/${importId}`);
    this.pending.remove(eventId, importId);
  }

  async status(eventId: string): Promise<ImportStatus> {
    const pending = this.pending
      .list(eventId)
      .map(({ id, format, fileName, size, uploadedAt }) => ({ id, format, fileName, size, uploadedAt }));
    const head = await this.deps.store.head(sourceKey(eventId, 'showcase')).catch(storageUnavailable);
    return {
      pending,
      ...(head
        ? {
            showcase: {
              fileName: decodeURIComponent(head.metadata['file-name'] ?? 'showcase.sqlite3'),
              committedAt: head.metadata['committed-at'] ?? head.lastModified.toISOString(),
            },
          }
        : {}),
      maxImportBytes: this.deps.maxImportBytes,
    };
  }

  /** The event's marks written into a copy of the Showcase database it was imported from. */
  async exportShowcase(eventId: string): Promise<{ bytes: Buffer; fileName: string; counts: ExportCounts }> {
    const key = sourceKey(eventId, 'showcase');
    const head = await this.deps.store.head(key).catch(storageUnavailable);
    if (!head) throw new ApiErrors.NO_SHOWCASE_SOURCE();
    const stored = await this.deps.store.get(key).catch(storageUnavailable);
    const db = openSqliteBytes(stored);
    try {
      const counts = await this.withEvent(eventId, (event) => {
        const program = readProgram(event.room('program').doc);
        return writeMarksToShowcase(db, {
          marksByJudge: this.allMarks(event),
          assignments: program.assignments,
          assignJudges: program.settings.assignJudges,
        });
      });
      const name = decodeURIComponent(head.metadata['file-name'] ?? `${eventId}.sqlite3`).replace(
        /(\.sqlite3?)?$/i,
        '',
      );
      return { bytes: db.serialize(), fileName: `${name}-ondeck-marks.sqlite3`, counts };
    } finally {
      db.close();
    }
  }

  /** Every mark and comment of every judge as CSV. */
  exportMarksCsv(eventId: string): Promise<string> {
    return this.withEvent(eventId, (event) => {
      const program = readProgram(event.room('program').doc);
      const marks = new Map<string, Map<string, Score>>();
      for (const [judgeId, judged] of this.allMarks(event))
        marks.set(judgeId, new Map([...judged].filter((entry): entry is [string, Score] => entry[1] !== null)));
      return marksCsv(program, marks);
    });
  }

  // --- reading uploads and sources ------------------------------------------------------

  private find(eventId: string, importId: string): PendingImport {
    const pending = this.pending.get(eventId, importId);
    if (!pending) throw new ApiErrors.IMPORT_NOT_FOUND();
    return pending;
  }

  private async read(pending: PendingImport): Promise<ReadSource> {
    const cacheKey = `${pending.eventId}/${pending.id}`;
    const cached = recall(this.readUploads, cacheKey);
    if (cached) return cached;
    if (pending.kind !== 'zip') {
      const bytes = await readFile(pending.path);
      const source = pending.kind === 'csv' ? readCsv(bytes) : readShowcase(bytes, { name: pending.fileName });
      remember(this.readUploads, cacheKey, source);
      return source;
    }
    const zip = await openShowcaseZip(pending.path, this.deps.maxImportBytes);
    try {
      const source = readShowcase(zip.database, { name: zip.databaseName, zip });
      if (zip.ignored.length > 0)
        source.skipped.push(
          `${zip.ignored.length} other file${zip.ignored.length > 1 ? 's' : ''} in the ZIP (${zip.ignored.slice(0, 3).join(', ')}${zip.ignored.length > 3 ? '…' : ''}): not a database or storage file`,
        );
      return source;
    } catch (error) {
      zip.close();
      throw error;
    }
  }

  /** What the source of this format held when it was last committed into the event, if ever. */
  private async base(eventId: string, format: ImportFormat): Promise<Incoming | undefined> {
    const key = sourceKey(eventId, format);
    const head = await this.deps.store.head(key).catch(storageUnavailable);
    if (!head) return undefined;
    const version = `${head.size}/${head.metadata['committed-at'] ?? head.lastModified.toISOString()}`;
    const cached = recall(this.bases, key);
    if (cached?.version === version) return cached.incoming;
    const bytes = await this.deps.store.get(key).catch(storageUnavailable);
    const source = format === 'csv' ? readCsv(bytes) : readShowcase(bytes, { name: key });
    source.close();
    remember(this.bases, key, { version, incoming: source.incoming });
    return source.incoming;
  }

  private plan(event: LoadedEvent, incoming: Incoming, base: Incoming | undefined): ImportPlan {
    const program = readProgram(event.room('program').doc);
    return planImport({
      incoming,
      base,
      current: program,
      currentMarks: (judgeId) => readMarksAndCleared(event.room(scoresDocName(judgeId)).doc),
    });
  }

  /** Every judge's marks in the event, cleared ones as null (committed first, so the file names every document). */
  private allMarks(event: LoadedEvent): Map<string, Map<string, Score | null>> {
    event.flush();
    const names = new Set<string>([...event.store.docNames(), ...event.rooms.keys()]);
    const out = new Map<string, Map<string, Score | null>>();
    for (const name of [...names].sort()) {
      const parsed = parseDocName(name);
      if (parsed?.kind !== 'scores') continue;
      out.set(parsed.judgeId, readMarksAndCleared(event.room(name as DocName).doc));
    }
    return out;
  }

  /**
   * Stores the music a ZIP holds, content-addressed like an upload (sniffed, within
   * ONDECK_MAX_UPLOAD_BYTES), and sets each song's or solo's `songFile` to it. A file that is
   * not audio or too large is skipped and said; storage trouble stops the commit.
   */
  private async storeMusic(eventId: string, source: ReadSource): Promise<ImportResult['music'] | undefined> {
    const { zip } = source;
    if (!zip) return undefined;
    const stored = new Map<string, string | null>();
    const skipped: string[] = [];
    for (const item of source.music) {
      const entry = zip.storage.get(item.key);
      if (!entry) continue;
      if (!stored.has(item.key)) {
        try {
          const info = await storeUpload(this.deps.store, await zip.open(entry), this.deps.maxUploadBytes);
          await this.deps.files.add(eventId, info);
          stored.set(item.key, info.sha256);
        } catch (error) {
          if (isStorageError(error)) storageUnavailable(error);
          if (!(error instanceof AppError)) throw error;
          skipped.push(`${item.filename}: ${error.message}`);
          stored.set(item.key, null);
        }
      }
      const sha256 = stored.get(item.key);
      const records = source.incoming[item.collection] as Array<{ id: string; songFile?: string }> | undefined;
      const record = records?.find((r) => r.id === item.recordId);
      if (record && sha256) record.songFile = sha256;
    }
    return { stored: [...stored.values()].filter((v) => v !== null).length, skipped };
  }

  // --- the loaded event -------------------------------------------------------------------

  private async withEvent<T>(eventId: string, use: (event: LoadedEvent) => T): Promise<T> {
    const event = await this.deps.registry.acquire(eventId).catch((error: unknown) => {
      this.deps.log.error({ err: error, event: eventId }, 'event failed to load');
      throw new ApiErrors.DOCUMENT_UNAVAILABLE('the event could not be loaded; try again later');
    });
    try {
      return use(event);
    } catch (error) {
      if (error instanceof DocumentUnavailableError)
        throw new ApiErrors.DOCUMENT_UNAVAILABLE(`${error.message}; try again later`);
      throw error;
    } finally {
      this.deps.registry.release(event);
    }
  }

  /** One commit at a time per event: the second waits for the first and plans against its result. */
  private exclusive<T>(eventId: string, run: () => Promise<T>): Promise<T> {
    const before = this.locks.get(eventId) ?? Promise.resolve();
    const next = before.catch(() => {}).then(run);
    this.locks.set(eventId, next);
    return next.finally(() => {
      if (this.locks.get(eventId) === next) this.locks.delete(eventId);
    });
  }
}

/** A read source kept for a while: the large event's mapped records are some tens of megabytes. */
type Remembered<T> = { value: T; at: number };
const REMEMBERED = 2;
const REMEMBERED_FOR_MS = 10 * 60_000;

/** Keeps `value` under `key`, dropping the oldest entries past a few. */
function remember<T>(map: Map<string, Remembered<T>>, key: string, value: T): void {
  map.delete(key);
  map.set(key, { value, at: Date.now() });
  while (map.size > REMEMBERED) map.delete(map.keys().next().value as string);
}

/** What `remember` kept under `key`, unless it is older than a few minutes (then it is dropped). */
function recall<T>(map: Map<string, Remembered<T>>, key: string): T | undefined {
  for (const [k, entry] of map) if (Date.now() - entry.at > REMEMBERED_FOR_MS) map.delete(k);
  return map.get(key)?.value;
}

function musicSummary(source: ReadSource): ImportMusic {
  const keys = new Set(source.music.map((m) => m.key));
  const found = [...keys].filter((key) => source.zip?.storage.has(key)).length;
  return { attached: keys.size, found, missing: keys.size - found };
}

function readCsv(bytes: Uint8Array): ReadSource {
  const { data, problems, counts } = importCsvProgram(bytes);
  return {
    incoming: data,
    problems,
    tables: [{ table: 'lines', rows: counts.lines, imported: true }],
    skipped: [],
    music: [],
    keep: bytes,
    close() {},
  };
}

/** Reads a Showcase database's bytes (a file, or the one in a ZIP) into what it would import. */
function readShowcase(bytes: Uint8Array, from: { name: string; zip?: ShowcaseZip }): ReadSource {
  const db = openSqliteBytes(bytes);
  let database: ReturnType<typeof readShowcaseDatabase>;
  try {
    database = readShowcaseDatabase(db);
  } finally {
    db.close();
  }
  const mapping = mapShowcase(database.tables, databaseReferences(database.tables));
  const skipped: string[] = [];
  for (const table of database.counts)
    if (!table.imported && table.rows > 0)
      skipped.push(`${table.rows} ${table.table}: ${table.reason ?? 'not imported'}`);
  for (const [type, count] of Object.entries(mapping.otherAttachments))
    skipped.push(
      `${count} attached ${type === 'Event' ? 'counter picture' : `${type} file`}${count > 1 ? 's' : ''}: ondeck imports the music of songs and solos only`,
    );
  const attached = new Set(mapping.music.map((m) => m.key)).size;
  if (attached > 0 && !from.zip)
    skipped.push(
      `music of ${attached} song${attached > 1 ? 's' : ''} and solos: the upload is the database alone; upload a ZIP of the database and its storage folder to bring the music along`,
    );
  if (from.zip) {
    const missing = [...new Set(mapping.music.map((m) => m.key))].filter((key) => !from.zip?.storage.has(key));
    if (missing.length > 0)
      skipped.push(
        `music of ${missing.length} song${missing.length > 1 ? 's' : ''} and solos: not in the ZIP's storage folder`,
      );
  }
  return {
    incoming: mapping.data,
    problems: [...database.problems, ...mapping.problems],
    tables: database.counts,
    skipped,
    database: { name: from.name, ...(database.schemaVersion ? { schemaVersion: database.schemaVersion } : {}) },
    music: mapping.music,
    ...(from.zip ? { zip: from.zip } : {}),
    keep: bytes,
    close: () => from.zip?.close(),
  };
}
