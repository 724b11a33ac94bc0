import type { CollectionName } from '../docs/program.ts';

/**
 * REST payloads of importing and exporting an event (README "Importing an event"):
 * `POST /api/events/:id/imports?format=showcase|csv&name=<file name>` with the file as the
 * body answers with an `ImportPreview`; `POST …/imports/:importId/commit` with an
 * `ImportResult`.
 */
export type ImportFormat = 'showcase' | 'csv';

/** The query of an upload: what the file is meant to be, its name for people, and a token. */
export interface ImportUploadQuery {
  format: ImportFormat;
  name?: string;
  token?: string;
}

/** A table of the uploaded Showcase database: its rows, and whether ondeck takes them. */
export interface ImportTable {
  table: string;
  rows: number;
  imported: boolean;
  /** Why a table is left out. */
  reason?: string;
}

/** Music attached to songs and solos in Showcase (Active Storage), and what the upload holds of it. */
export interface ImportMusic {
  attached: number;
  /** Files found in the ZIP's storage folder. */
  found: number;
  /** Attached in Showcase but not in the upload (or the upload was the database alone). */
  missing: number;
}

export interface ImportPreview {
  /** Names the upload in the commit and discard calls. */
  id: string;
  format: ImportFormat;
  fileName: string;
  size: number;
  uploadedAt: string;
  /** The Showcase database: its file name (inside a ZIP, its path there) and schema version. */
  database?: { name: string; schemaVersion?: string };
  /** Showcase: rows per table. CSV: one row, the lines read. */
  tables: ImportTable[];
  /** Whatever is left out as a whole, with why ("3 recordings: …"). */
  skipped: string[];
  /** Every problem, with the row it concerns. Any error keeps the import from being committed. */
  problems: ImportProblem[];
  music?: ImportMusic;
  /** Whether this event was imported from a source of this format before (a re-import). */
  reimport: boolean;
  /** What committing would change in the event now. */
  changes: ImportChanges;
  canCommit: boolean;
}

export interface ImportResult {
  changes: ImportChanges;
  /** Music files stored from the ZIP, and those that could not be (with why). */
  music?: { stored: number; skipped: string[] };
  committedAt: string;
}

/** `GET /api/events/:id/imports`: uploads waiting for a decision, and what was last committed. */
export interface ImportStatus {
  pending: Array<Pick<ImportPreview, 'id' | 'format' | 'fileName' | 'size' | 'uploadedAt'>>;
  /** The Showcase database the marks can be exported into, when the event came from one. */
  showcase?: { fileName: string; committedAt: string };
  maxImportBytes: number;
}

/**
 * Something an import found wrong with its input. An error keeps the import from being
 * committed (the event stays as it was); a warning says what was left out or assumed.
 */
export interface ImportProblem {
  severity: 'error' | 'warning';
  /** The Showcase table (`heats`), `csv`, or `program` for how the records fit together. */
  table: string;
  /** The row: a Showcase id (a fixture's label), or a CSV line number. */
  row?: string;
  /** The column: a Showcase column (`entry_id`), or a CSV heading and its letter. */
  column?: string;
  message: string;
}

/** Counts of one collection's records in an import. */
export interface CollectionChanges {
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
}

export interface MarkChanges {
  added: number;
  /** Marks newer in the source than in ondeck (or cleared in ondeck and changed since). */
  updated: number;
  /** Marks entered in ondeck after the source's: ondeck's stay. */
  keptNewer: number;
  unchanged: number;
}

/** One record the import adds, changes or removes, for people to read before they commit. */
export interface RecordChange {
  collection: CollectionName;
  id: string;
  change: 'added' | 'changed' | 'removed';
  label: string;
  /** The fields that change. */
  fields?: string[];
}

/** What committing an import will change (the preview) or changed (the result). */
export interface ImportChanges {
  settings: Array<{ key: string; from: unknown; to: unknown }>;
  collections: Partial<Record<CollectionName, CollectionChanges>>;
  /** The records that change, the first `RECORD_CHANGES_LISTED`; `moreRecords` counts the rest. */
  records: RecordChange[];
  moreRecords: number;
  marks: MarkChanges & { byJudge: Record<string, MarkChanges> };
}
