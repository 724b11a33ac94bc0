import type { Principal, Role } from './roles.ts';

/**
 * REST payloads shared by client and server; the route table (`routes.ts`) says which route
 * takes and answers which. Every error body is an `ApiError` (`apiErrors.ts`).
 */

export interface EventSummary {
  id: string;
  name: string;
  createdAt: string;
}

export interface EventList {
  events: EventSummary[];
}

/** An event as a token of it sees it: the event, and who the token acts as. */
export interface EventAccess extends Principal {
  event: EventSummary;
}

export interface Invite {
  id: string;
  eventId: string;
  role: Role;
  personId?: string;
  label: string;
  code: string;
  /** Absolute link to open on the device (or encode as a QR code). */
  link: string;
  createdAt: string;
  revokedAt?: string;
  /** How many devices joined with it. */
  joins: number;
  lastJoinedAt?: string;
}

export interface InviteResponse {
  invite: Invite;
}

export interface InviteList {
  invites: Invite[];
}

export interface CreateInviteRequest {
  role: Role;
  personId?: string;
  label?: string;
}

/** An organiser invite the admin makes for an event (to open it, or to hand to its organiser). */
export interface CreateOrganizerInviteRequest {
  /** Who it is for, e.g. "Organiser Ann"; "Organiser" when left out. */
  label?: string;
}

export interface JoinRequest {
  code: string;
}

export interface JoinResponse {
  token: string;
  eventId: string;
  eventName: string;
  role: Role;
  personId?: string;
  label: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

export interface CreateEventRequest {
  id: string;
  name: string;
  /** Fill the program from the generator: a small demo or a large realistic event. */
  template?: 'empty' | 'demo' | 'large';
}

export interface CreateEventResponse {
  event: EventSummary;
  /** A first organiser invite, so the new event can be opened at once. */
  organizerInvite: Invite;
}

/** An uploaded music file (`POST /api/events/:id/files` answers with one). */
export interface MusicFile {
  /** Its SHA-256 (hex): the `songFile` of a `Song` or `Solo`. */
  sha256: string;
  size: number;
  /** The audio type the server found in its content, e.g. `audio/mpeg`. */
  type: string;
}

/** `GET /api/events/:id/files`: the event's music, and the largest file an upload may be. */
export interface MusicFileList {
  files: MusicFile[];
  maxUploadBytes: number;
}

/** A token in the query string, where a browser cannot send a header: `<audio src>`, a download link. */
export interface TokenQuery {
  token?: string;
}

/** `GET /up`: the server is serving, whether its disk is full, and how far behind each backup is. */
export interface HealthReport {
  /** `storage-full`: reads and committed changes are still served, new changes cannot be saved. */
  status: 'ok' | 'storage-full';
  /** Set while the disk is full: the `STORAGE_FULL` code and what it means. */
  error?: { code: 'STORAGE_FULL'; message: string };
  /** Free space where the event databases are, in bytes (null where it cannot be read). */
  diskFreeBytes: number | null;
  /** Events whose commits fail for lack of space, since when, and how many changes wait. */
  storageFull: StorageFullEvent[];
  loadedEvents: number;
  connections: number;
  storage: 'dir' | 's3';
  /** How many backups have failed since their last good copy. */
  backupsBehind: number;
  backups: BackupHealth[];
  /** On a node of a cluster (README "Several nodes"): the events it holds the lease of. */
  cluster?: ClusterHealth;
}

export interface ClusterHealth {
  node: string;
  /** This run of the node: a restarted node holds no lease of its earlier run. */
  incarnation: string;
  leaseMs: number;
  shipMs: number;
  eventsHeld: number;
  /** `releasing`: stopped serving, backing up before it lets go. `validForMs`: left without another renewal. */
  leases: Array<{ event: string; state: 'held' | 'releasing'; generation: number; validForMs: number }>;
}

export interface StorageFullEvent {
  event: string;
  since: string;
  waitingChanges: number;
}

export interface BackupHealth {
  /** An event id, or `index`. */
  name: string;
  lastGoodBackupAt: string | null;
  ageSeconds: number | null;
  pendingSeconds: number | null;
  consecutiveFailures: number;
  lastError?: { code: string; message: string };
}
