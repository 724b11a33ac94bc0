/**
 * Where a loaded event's documents are kept, as the commit path sees it: a log of updates per
 * document, folded now and then into a snapshot. SQLite (`EventDatabase`) is the one the
 * server uses; anything that passes the contract test (test/eventStore.test.ts) would do, as
 * tldraw sync's storage and hocuspocus's database extension let a server choose.
 */
export interface EventStore {
  /** One document's latest snapshot and the updates after it, in commit order. */
  loadDoc(doc: string): StoredDoc;
  /**
   * Appends updates in one transaction — all of them or, when it throws, none — and returns
   * the last sequence number written. Numbers only grow, and are never reused.
   */
  append(rows: readonly PendingRow[]): number;
  /**
   * Replaces a document's log up to `uptoSeq` by a snapshot of its state at that point; keeps
   * `keep` older snapshots besides it.
   */
  compact(doc: string, state: Uint8Array, uptoSeq: number, keep: number): void;
  /** Every document with a log or a snapshot here, sorted. */
  docNames(): string[];
  /** The highest sequence number ever written (0 for a new store). */
  lastSeq(): number;
  /** Upkeep after a commit, once it is confirmed (SQLite: the WAL policy); never part of one. */
  afterCommit(): void;
  /** Makes the store complete on its own and releases it. */
  close(): void;
}

export interface StoredDoc {
  /** Latest snapshot, if the document was ever compacted. */
  snapshot: Uint8Array | null;
  /** Updates after the snapshot, in commit order. */
  updates: Uint8Array[];
  /** Highest sequence number read, for compaction bookkeeping. */
  lastSeq: number;
}

export interface PendingRow {
  doc: string;
  data: Uint8Array;
}
