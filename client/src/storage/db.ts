import type { CloudAccess, DocName, Role } from '@ondeck/shared';
import Dexie, { type Table } from 'dexie';

/** An event this device has joined: everything needed to open it with no network. */
export interface Membership {
  eventId: string;
  eventName: string;
  /** Origin of the sync server that issued the token (REST and WebSocket). */
  serverUrl: string;
  role: Role;
  personId?: string;
  /** What the invite called this device's person ("Judge Smith", "DJ"). */
  label: string;
  token: string;
  /** Seconds since the epoch. */
  expiresAt: number;
  /** Milliseconds since the epoch. */
  joinedAt: number;
  /**
   * Joined at a venue: the cloud the venue follows, and the cloud's token for the same invite —
   * the device syncs with both, and falls back to the cloud by itself (README "Venue server").
   */
  cloud?: CloudAccess;
}

/**
 * One stored Yjs update of one document. `pending` is 1 for a change made on this device that
 * no server state vector has covered yet; `ends` holds its end clock per client so coverage can
 * be checked without parsing it again.
 */
export interface StoredUpdate {
  id?: number;
  eventId: string;
  doc: DocName;
  update: Uint8Array;
  pending: 0 | 1;
  ends?: Array<[client: number, clock: number]>;
  /** A change made on this device: its own key, so a row written twice is stored once (leavingJournal.ts). */
  key?: string;
}

/** Per-document bookkeeping: when the server last confirmed a change from this device. */
export interface DocMeta {
  eventId: string;
  doc: DocName;
  savedAt?: number;
}

/** The DJ's downloaded music (see client/src/music), content-addressed like the server's store. */
export interface StoredSong {
  eventId: string;
  sha256: string;
  blob: Blob;
  storedAt: number;
}

export class OndeckDatabase extends Dexie {
  events!: Table<Membership, string>;
  updates!: Table<StoredUpdate, number>;
  docs!: Table<DocMeta, [string, string]>;
  music!: Table<StoredSong, [string, string]>;

  constructor(name = 'ondeck') {
    super(name);
    // NOTE: IndexedDB cannot index booleans, so `pending` is 0/1; the compound indexes answer
    // "this document's rows" and "this event's pending changes" without a scan.
    this.version(1).stores({
      events: 'eventId',
      updates: '++id, [eventId+doc], [eventId+doc+pending], [eventId+pending]',
      docs: '[eventId+doc], eventId',
      music: '[eventId+sha256], eventId',
    });
    this.version(2).stores({
      updates: '++id, [eventId+doc], [eventId+doc+pending], [eventId+pending], &key',
    });
  }
}

export const db = new OndeckDatabase();
