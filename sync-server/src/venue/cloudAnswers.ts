import { isRole, isSlug, type MusicFile, parseDocName, RECORD_ID_PATTERN } from '@ondeck/shared';
import type { InviteRow } from '../catalog/indexDatabase.ts';
import { isSha256Hex } from '../objectStore/index.ts';

/**
 * What the venue takes from the cloud's answers, checked field by field: the cloud is trusted
 * with the event, yet its answers arrive over a network and go into this server's catalogue, so
 * anything that is not what an ondeck cloud sends is dropped rather than stored.
 */

const RECORD_ID = new RegExp(RECORD_ID_PATTERN);
const INVITE_CODE = /^[A-Za-z0-9_-]{8,64}$/;
const MAX_LABEL = 200;

const isText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= max && !/\p{Cc}/u.test(value);
const isTime = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= 40 && !Number.isNaN(Date.parse(value));

/** The cloud's invites of `eventId` that have the shape of invites; anything else is left out. */
export function cloudInvites(value: unknown, eventId: string): InviteRow[] {
  if (!Array.isArray(value)) return [];
  const invites: InviteRow[] = [];
  for (const item of value) {
    if (typeof item !== 'object' || item === null) continue;
    const { id, eventId: ev, role, personId, label, code, createdAt, revokedAt } = item as Record<string, unknown>;
    if (ev !== eventId || typeof id !== 'string' || !RECORD_ID.test(id) || !isRole(role)) continue;
    if (typeof code !== 'string' || !INVITE_CODE.test(code) || !isText(label, MAX_LABEL) || !isTime(createdAt))
      continue;
    if (personId !== undefined && (typeof personId !== 'string' || !RECORD_ID.test(personId))) continue;
    if (revokedAt !== undefined && !isTime(revokedAt)) continue;
    invites.push({
      id,
      eventId,
      role,
      ...(personId === undefined ? {} : { personId }),
      label,
      code,
      createdAt,
      ...(revokedAt === undefined ? {} : { revokedAt }),
      joins: 0,
    });
  }
  return invites;
}

/** The document names of the cloud's list that are documents of an event. */
export function cloudDocNames(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((name) => typeof name === 'string' && parseDocName(name) !== null) : [];
}

/** The music files of the cloud's list that name a file by its hash, with a size. */
export function cloudMusicFiles(value: unknown): MusicFile[] {
  if (typeof value !== 'object' || value === null || !Array.isArray((value as { files?: unknown }).files)) return [];
  return ((value as { files: unknown[] }).files as Array<Record<string, unknown>>).flatMap((file) =>
    typeof file === 'object' &&
    file !== null &&
    typeof file.sha256 === 'string' &&
    isSha256Hex(file.sha256) &&
    Number.isSafeInteger(file.size) &&
    (file.size as number) >= 0 &&
    typeof file.type === 'string' &&
    /^audio\/[\w.+-]{1,60}$/.test(file.type)
      ? [{ sha256: file.sha256, size: file.size as number, type: file.type }]
      : [],
  );
}

/** Whether the cloud's answer to the venue invite is a join of an event, with a token. */
export function isCloudJoin(
  value: unknown,
): value is { eventId: string; eventName: string; role: string; token: string; expiresAt: number } {
  if (typeof value !== 'object' || value === null) return false;
  const { eventId, eventName, role, token, expiresAt } = value as Record<string, unknown>;
  return (
    typeof eventId === 'string' &&
    isSlug(eventId) &&
    isText(eventName, MAX_LABEL) &&
    isRole(role) &&
    typeof token === 'string' &&
    token.length <= 4096 &&
    Number.isSafeInteger(expiresAt)
  );
}
