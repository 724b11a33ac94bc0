import { RECORD_ID_PATTERN, SLUG_PATTERN } from '@ondeck/shared';
import { SHA256_HEX_PATTERN } from '../objectStore/index.ts';

/** JSON schemas of the ids routes take, built from the very patterns the code checks ids with. */
export const EVENT_ID_SCHEMA = { type: 'string', pattern: SLUG_PATTERN } as const;
export const RECORD_ID_SCHEMA = { type: 'string', pattern: RECORD_ID_PATTERN } as const;
export const SHA256_SCHEMA = { type: 'string', pattern: SHA256_HEX_PATTERN } as const;

/** The params of a route under `/api/events/:eventId`. */
export const EVENT_PARAMS = { type: 'object', properties: { eventId: EVENT_ID_SCHEMA } } as const;
