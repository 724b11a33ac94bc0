/**
 * Event ids and document names. Both reach file paths and SQL on the server, so they are
 * validated against these patterns before anything else happens (DESIGN.md: slugs only).
 */

/** Lowercase letters, digits and inner hyphens, 1–64 characters: safe as a file name. */
export const SLUG_PATTERN = '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$';
/** Record ids: letters, digits, `-` and `_`, 1–64 characters. */
export const RECORD_ID_PATTERN = '^[A-Za-z0-9_-]{1,64}$';
/** A music file's name: the SHA-256 of its bytes, in lowercase hex. */
export const SHA256_HEX_PATTERN = '^[0-9a-f]{64}$';
/**
 * A web origin as a browser writes it: http(s), a host name or address (IPv6 in brackets), an
 * optional port — no path, no credentials, nothing to smuggle into a policy header.
 */
export const ORIGIN_PATTERN =
  '^https?://(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}\\])(?::[0-9]{1,5})?$';
// NOTE: the patterns are strings so that the server's JSON schemas check exactly what these do.
const SLUG = new RegExp(SLUG_PATTERN);
const RECORD_ID = new RegExp(RECORD_ID_PATTERN);

export function isSlug(value: string): boolean {
  return SLUG.test(value);
}

/**
 * The event id a name suggests ("Spring Showcase 2027" → `spring-showcase-2027`): accents
 * dropped, anything else but letters and digits a hyphen, cut to the slug's 64 characters.
 * Empty when the name has no letter or digit to go on.
 */
export function slugFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 64)
    .replace(/^-+|-+$/g, '');
}

const ORIGIN = new RegExp(ORIGIN_PATTERN);

export function isWebOrigin(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 300 && ORIGIN.test(value);
}

export function isRecordId(value: string): boolean {
  return RECORD_ID.test(value);
}

export type DocName = 'program' | 'live' | `scores/${string}`;

export type ParsedDocName = { kind: 'program' } | { kind: 'live' } | { kind: 'scores'; judgeId: string };

/** Parses `program`, `live` or `scores/<judgeId>`; anything else is null. */
export function parseDocName(name: string): ParsedDocName | null {
  if (name === 'program') return { kind: 'program' };
  if (name === 'live') return { kind: 'live' };
  if (name.startsWith('scores/')) {
    const judgeId = name.slice('scores/'.length);
    if (isRecordId(judgeId)) return { kind: 'scores', judgeId };
  }
  return null;
}

export function scoresDocName(judgeId: string): DocName {
  return `scores/${judgeId}`;
}

/** What `newId` makes: 12 lowercase letters and digits (an upload waiting for its import, say). */
export const NEW_ID_PATTERN = '^[a-z0-9]{12}$';

/** A fresh random record id (URL-safe, 12 characters, ~71 bits). */
export function newId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  let id = '';
  for (const b of bytes) id += alphabet[b % alphabet.length];
  return id;
}
