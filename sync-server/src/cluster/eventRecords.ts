import { type EventSummary, isRole, isSlug } from '@ondeck/shared';
import type { IndexDatabase, InviteRow } from '../catalog/indexDatabase.ts';
import { isStorageError, type ObjectStore } from '../objectStore/index.ts';

/**
 * What the index database knows of one event — its name and its invites — kept in the bucket
 * beside its backups, so that whichever node takes the event over knows it and its invites:
 *   cluster/events/<eventId>        the event and its invites (joins stay with the node that counted them)
 *   cluster/invites/<code>          the event an invite code belongs to, for a join that came to any node
 * The node holding the event writes them as its catalogue changes.
 */
export interface EventRecord {
  event: EventSummary;
  invites: InviteRow[];
}

const eventKey = (eventId: string) => `cluster/events/${eventId}`;
const codeKey = (code: string) => `cluster/invites/${code}`;
const CODE = /^[A-Za-z0-9_-]{8,64}$/;

export class EventRecords {
  /** What was last written per event, so an unchanged record is not written again. */
  private readonly shipped = new Map<string, string>();
  private readonly shippedCodes = new Set<string>();

  constructor(
    private readonly store: ObjectStore,
    private readonly catalog: IndexDatabase,
  ) {}

  /** Writes the event's record (and its new invite codes) if it changed since the last write. */
  async ship(eventId: string): Promise<void> {
    const event = this.catalog.getEvent(eventId);
    if (!event) return;
    const invites = this.catalog.listInvites(eventId).map(({ joins: _j, lastJoinedAt: _l, ...invite }) => ({
      ...invite,
      joins: 0,
    }));
    const body = JSON.stringify({ event, invites } satisfies EventRecord);
    if (this.shipped.get(eventId) !== body) {
      await this.store.put(eventKey(eventId), new TextEncoder().encode(body), { contentType: 'application/json' });
      this.shipped.set(eventId, body);
    }
    for (const { code } of invites) {
      if (this.shippedCodes.has(code)) continue;
      await this.store.put(codeKey(code), new TextEncoder().encode(JSON.stringify({ eventId })), {
        contentType: 'application/json',
      });
      this.shippedCodes.add(code);
    }
  }

  /** Reads the event's record into the index database; false when storage has none. */
  async take(eventId: string): Promise<{ found: boolean; revoked: string[] }> {
    let bytes: Uint8Array;
    try {
      bytes = await this.store.get(eventKey(eventId));
    } catch (error) {
      if (isStorageError(error, 'STORAGE_NOT_FOUND')) return { found: false, revoked: [] };
      throw error;
    }
    const record = parseRecord(new TextDecoder().decode(bytes), eventId);
    this.catalog.importEvent(record.event, record.invites);
    this.shipped.set(eventId, JSON.stringify(record));
    for (const { code } of record.invites) this.shippedCodes.add(code);
    return { found: true, revoked: record.invites.filter((i) => i.revokedAt).map((i) => i.id) };
  }

  /** The event an invite code belongs to: this node's catalogue, else the bucket's; null when neither knows it. */
  async eventOfCode(code: string): Promise<string | null> {
    const local = this.catalog.findInviteByCode(code);
    if (local) return local.eventId;
    if (!CODE.test(code)) return null;
    try {
      const { eventId } = JSON.parse(new TextDecoder().decode(await this.store.get(codeKey(code)))) as {
        eventId?: unknown;
      };
      return typeof eventId === 'string' && isSlug(eventId) ? eventId : null;
    } catch (error) {
      if (isStorageError(error, 'STORAGE_NOT_FOUND') || error instanceof SyntaxError) return null;
      throw error;
    }
  }
}

/** A record from the bucket is checked like any input before it reaches the index database. */
function parseRecord(text: string, eventId: string): EventRecord {
  const record = JSON.parse(text) as Partial<EventRecord>;
  const event = record.event;
  const ok =
    typeof event === 'object' &&
    event !== null &&
    event.id === eventId &&
    typeof event.name === 'string' &&
    typeof event.createdAt === 'string' &&
    Array.isArray(record.invites) &&
    record.invites.every(
      (i) =>
        typeof i.id === 'string' &&
        i.eventId === eventId &&
        isRole(i.role) &&
        typeof i.label === 'string' &&
        typeof i.code === 'string' &&
        CODE.test(i.code) &&
        typeof i.createdAt === 'string' &&
        (i.personId === undefined || typeof i.personId === 'string') &&
        (i.revokedAt === undefined || typeof i.revokedAt === 'string'),
    );
  if (!ok) throw new Error(`the record of event ${eventId} in storage is malformed`);
  return record as EventRecord;
}
