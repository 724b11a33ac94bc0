import { type DocName, parseDocName } from './ids.ts';

/**
 * `venue` is no person: it is the credential of a venue server following the event (README
 * "Venue server"). It relays every device's changes, so it writes every document, and it
 * manages nothing.
 */
export const ROLES = ['organizer', 'judge', 'dj', 'emcee', 'staff', 'public', 'venue'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who a connection acts as: the role and, for a judge, the judge's person id. */
export interface Principal {
  role: Role;
  personId?: string;
}

export type Access = 'none' | 'read' | 'write';

/**
 * The permission matrix of DESIGN.md "One event, a few documents": each document has one
 * clear writer, so permission is a property of the document.
 *
 * | document          | write                  | read                          |
 * |-------------------|------------------------|-------------------------------|
 * | program           | organizer              | everyone with access          |
 * | live              | organizer, emcee, dj   | everyone with access          |
 * | scores/<judgeId>  | that judge, organizer  | that judge, organizer         |
 *
 * A venue server following the event writes and reads every document: it relays them all.
 */
export function accessTo(principal: Principal, doc: DocName | string): Access {
  const parsed = parseDocName(doc);
  if (!parsed) return 'none';
  const { role } = principal;
  if (role === 'venue') return 'write';
  switch (parsed.kind) {
    case 'program':
      return role === 'organizer' ? 'write' : 'read';
    case 'live':
      return role === 'organizer' || role === 'emcee' || role === 'dj' ? 'write' : 'read';
    case 'scores':
      if (role === 'organizer') return 'write';
      if (role === 'judge' && principal.personId === parsed.judgeId) return 'write';
      return 'none';
  }
}

export function canRead(principal: Principal, doc: DocName | string): boolean {
  return accessTo(principal, doc) !== 'none';
}

export function canWrite(principal: Principal, doc: DocName | string): boolean {
  return accessTo(principal, doc) === 'write';
}

/** Roles that manage invites and see every judge's marks. */
export function isOrganizer(principal: Principal): boolean {
  return principal.role === 'organizer';
}
