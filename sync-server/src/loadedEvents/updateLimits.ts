/**
 * What an update may hold, from the documents' real shape (DESIGN.md, shared/src/docs): flat
 * records — plain JSON values in root `Y.Map`s keyed by id — and nothing nested in Yjs types.
 *
 * NOTE: measured on the generator's large event (the size of the largest real showcase): the
 * program is 532 KB with 5,882 records in 18 root maps, its largest record 144 bytes of JSON;
 * a judge who marked every heat holds 4,573 marks in 333 KB. Each limit leaves an order of
 * magnitude above that, and sits far below what stalled the server (issue 11: a 10,000-deep
 * chain of maps blocked it 9.8 s; 200,000 entries in one message 1.1 s; a 2,000-deep chain
 * overflowed the stack when it was replaced). A judge offline all day hands back all its marks
 * in one update, so the per-update count must hold a whole scores document — about twice the
 * largest; and it bounds what one message costs: reading 1,000 entries took ~7 ms and applying
 * them ~25 ms here on a busy machine, 20,000 took 127 ms and 582 ms.
 */
/*
 * NOTE: what the checks cost (`pnpm --filter @ondeck/sync-server bench -- --validation`, against
 * a control that applies updates unread, as the server did before issue 11): in a CPU profile of
 * the checked server under 50 saturating judges, reading and checking each update took 2.6 % of
 * its time (reading it 2.1 %) and these limits (shape, waiting, budgets) 0.9 % — against 13 % for
 * applying them and 18 % for the confirmations. The reader then built every record's value; it
 * now walks them in place (decodeUpdate.ts: 3.67 → 0.26 µs per judge's mark). In three pairs of
 * runs before and after that, both servers writing at once (load average 15–27), the checked
 * server's writes/s over the control's went from medians 0.90, 0.78, 0.89 to 0.99, 0.81, 0.95,
 * and its writes per CPU-second from 0.87, 0.85, 0.80 to 0.98, 0.86, 0.90 — while two runs of
 * the checked server against itself (`--validation-noise`) read 1.26 and 1.05, 1.09 and 1.06:
 * within the noise of this machine busy, to be read again on a quiet one. After the merge, at a
 * load average of 25: 0.83 and 0.84, beside a noise run of 0.94 and 0.95. The reading and checks
 * themselves now take ~0.5 µs of a write that costs the server 250–700 µs of CPU here.
 */
export interface UpdateLimits {
  /** Structs plus deletion ranges in one update: bounds the CPU one message may cost to decode and apply. */
  maxStructs: number;
  /** Bytes of one item's content (a record's value, as encoded). */
  maxContentBytes: number;
  /** Nesting of a JSON value inside a record (arrays and objects). */
  maxJsonDepth: number;
  /** Levels of Yjs types: 1 is a root type; the documents use only that. */
  maxTypeDepth: number;
  /** Entries in a document's root types (records, and the length of any root list). */
  maxRecords: number;
  /** Root types (named collections) in a document; the program has 20. */
  maxRootTypes: number;
  /**
   * Bytes of changes a document may hold waiting for what they lack (Yjs's pending structs).
   * NOTE: Yjs merges every later update with all that waits (`mergeUpdates`, re-encoding it),
   * and none of it is stored or counted in a budget: in a profile of the hostile suite, a few
   * writers sending changes out of order made that merge 70 % of the server's time (with 64 KiB
   * allowed to wait, still a quarter of what their updates cost). Our devices send a change
   * only after what it depends on, so little ever waits: a judge's mark is ~60 bytes.
   */
  maxPendingBytes: number;
}

// NOTE: a device hands back everything the server lacks in one sync step 2 — an organiser who
// set up or changed the program offline, or any writer after a full disk, when the server's
// confirmation (its committed state vector) makes the provider re-send its whole backlog. At
// 10,000 such a device was refused on every reconnect, for ever (the disk-full test found it).
// 50,000 holds the largest program (5,882 records) eight times over; deeper or costlier
// shapes are still refused by the other limits.
export const UPDATE_LIMITS: UpdateLimits = {
  maxStructs: 50_000,
  maxContentBytes: 64 * 1024,
  maxJsonDepth: 16,
  maxTypeDepth: 4,
  maxRecords: 100_000,
  maxRootTypes: 64,
  maxPendingBytes: 16 * 1024,
};

/** Why an update was refused for its shape or size: each a metric reason. */
export type LimitReason =
  | 'too-many-structs'
  | 'record-too-large'
  | 'record-too-deep'
  | 'types-too-deep'
  | 'too-many-records'
  | 'too-many-collections'
  | 'too-much-waiting'
  | 'document-budget'
  | 'event-budget';

/** A well-formed update that would take a document past what its shape or budget allows. */
export class UpdateOverLimit extends Error {
  constructor(
    readonly reason: LimitReason,
    message: string,
  ) {
    super(message);
  }
}
