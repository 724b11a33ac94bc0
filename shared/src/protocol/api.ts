import type { Role } from './roles.ts';

/**
 * REST payloads shared by client and server. Every error body is `ApiError`: a stable code
 * for programs and a sentence for people.
 */
export interface ApiError {
  error: { code: string; message: string };
}

export interface EventSummary {
  id: string;
  name: string;
  createdAt: string;
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

export interface CreateInviteRequest {
  role: Role;
  personId?: string;
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
