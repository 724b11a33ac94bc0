import type { DocName } from '@ondeck/shared';
import type { FastifyBaseLogger } from 'fastify';
import { ApiErrors } from '../errors.ts';
import type { EventRegistry } from '../events/eventRegistry.ts';
import { DocumentUnavailableError } from '../events/loadedEvent.ts';
import type { DocRoom } from '../sync/docRoom.ts';

/**
 * Runs `use` on one document of an event, loading the event when it is not in memory and
 * holding it until `use` is done. An event or document that cannot be loaded is the server's
 * trouble, which may pass: 503 DOCUMENT_UNAVAILABLE, and the load failure is logged.
 */
export async function withEventDocument<T>(
  registry: EventRegistry,
  log: FastifyBaseLogger,
  eventId: string,
  docName: DocName,
  use: (room: DocRoom) => T | Promise<T>,
): Promise<T> {
  const event = await registry.acquire(eventId).catch((error: unknown) => {
    log.error({ err: error, event: eventId }, 'event failed to load');
    throw new ApiErrors.DOCUMENT_UNAVAILABLE('the event could not be loaded; try again later');
  });
  try {
    let room: DocRoom;
    try {
      room = event.room(docName);
    } catch (error) {
      if (error instanceof DocumentUnavailableError)
        throw new ApiErrors.DOCUMENT_UNAVAILABLE(`the ${docName} document could not be loaded`);
      throw error;
    }
    return await use(room);
  } finally {
    registry.release(event);
  }
}
