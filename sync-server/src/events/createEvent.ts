import { existsSync, mkdirSync, rmSync } from 'node:fs';
import {
  type CreateEventRequest,
  type EventSettings,
  type EventSummary,
  encodeProgram,
  isSlug,
  type ProgramData,
} from '@ondeck/shared';
// NOTE: the `demo` and `large` templates (and the demo's tone music) are the generator's events —
// the very ones the tests and benchmarks use, so that what an operator tries out is what was
// tested — hence `events/` alone imports the testkit at runtime (biome.json allows it here). The
// server's bundle takes only the generator and tones from it (the package is free of side
// effects; the built dist/main.js holds no importer or wire peer).
import { generateEvent } from '@ondeck/shared/testkit';
import { INDEX_BACKUP_NAME } from '../backup/keys.ts';
import type { IndexDatabase, InviteRow } from '../catalog/indexDatabase.ts';
import { ApiErrors, EVENT_ID_RULE } from '../errors.ts';
import { EventDatabase } from '../storage/eventDatabase.ts';
import { eventPath, eventsDir } from '../storage/eventFiles.ts';
import { DEFAULT_INVITE_LABELS } from './inviteLabels.ts';

export type EventTemplate = NonNullable<CreateEventRequest['template']>;

function programFor(template: EventTemplate, name: string): ProgramData {
  if (template === 'empty') return { settings: { name } };
  return generateEvent({ size: template, name });
}

/**
 * Creates an event: its database file with the program written once (the organiser's first
 * state, from the generator when asked), then its catalogue entry and a first organiser invite.
 * The file comes first so the catalogue never lists an event without one.
 */
export function createEvent(
  dataDir: string,
  catalog: IndexDatabase,
  input: {
    id: string;
    name: string;
    template?: EventTemplate;
    /** The first program itself, instead of the template's (the demo's, with its music). */
    program?: ProgramData;
    settings?: Partial<EventSettings>;
  },
): { event: EventSummary; organizerInvite: InviteRow; program: ProgramData } {
  if (!isSlug(input.id)) throw new ApiErrors.INVALID_EVENT_ID(EVENT_ID_RULE);
  // The index database's backups live under this name.
  if (input.id === INDEX_BACKUP_NAME) throw new ApiErrors.INVALID_EVENT_ID(`"${INDEX_BACKUP_NAME}" is reserved`);
  const name = input.name.trim();
  if (name.length === 0 || name.length > 200) throw new ApiErrors.INVALID_EVENT_NAME();
  // A name is printed on heat sheets, banners and the CLI's listing: no line breaks or controls.
  if (/\p{Cc}/u.test(name)) throw new ApiErrors.INVALID_EVENT_NAME();
  if (catalog.getEvent(input.id)) throw new ApiErrors.EVENT_EXISTS(input.id);
  const path = eventPath(dataDir, input.id);
  if (existsSync(path)) throw new ApiErrors.EVENT_FILE_EXISTS(input.id);

  const generated = input.program ?? programFor(input.template ?? 'empty', name);
  const program = { ...generated, settings: { ...generated.settings, ...input.settings } };
  mkdirSync(eventsDir(dataDir), { recursive: true });
  const db = new EventDatabase(path);
  try {
    db.compact('program', encodeProgram(program), 0, 1);
    db.close();
    const event = catalog.createEvent(input.id, name);
    const organizerInvite = catalog.createInvite({
      eventId: input.id,
      role: 'organizer',
      label: DEFAULT_INVITE_LABELS.organizer,
    });
    return { event, organizerInvite, program };
  } catch (error) {
    db.close();
    if (!catalog.getEvent(input.id)) rmSync(path, { force: true });
    throw error;
  }
}
