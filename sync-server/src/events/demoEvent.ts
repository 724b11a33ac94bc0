import { ROLES } from '@ondeck/shared';
import { generateEvent } from '@ondeck/shared/testkit';
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { IndexDatabase, InviteRow } from '../catalog/indexDatabase.ts';
import { EventFiles } from '../music/eventFiles.ts';
import type { ObjectStore } from '../objectStore/index.ts';
import { createEvent } from './createEvent.ts';
import { storeDemoMusic, withDemoMusic } from './demoMusic.ts';
import { inviteLabel, judgesOf } from './inviteLabels.ts';

export const DEMO_EVENT_ID = 'demo';
const DEMO_NAME = 'ondeck Demo Showcase';

/**
 * The demo event `npm start` offers: created on first start with an invite per role (one per
 * judge) and a short generated track for every song and solo, so the DJ's screen plays from the
 * first minute; on later starts the same invites are shown again.
 */
export async function ensureDemoEvent(
  dataDir: string,
  catalog: IndexDatabase,
  store: ObjectStore,
  log: Logger,
): Promise<InviteRow[]> {
  // NOTE: the generator is seeded, so every start makes the same program and the same tracks.
  const { program, tracks } = withDemoMusic(generateEvent({ size: 'demo', name: DEMO_NAME }));
  if (!catalog.getEvent(DEMO_EVENT_ID)) {
    // The demo hands out a public heat-list link, so its list starts published.
    createEvent(dataDir, catalog, { id: DEMO_EVENT_ID, name: DEMO_NAME, program, settings: { publishHeatList: true } });
    for (const judge of judgesOf(program.people ?? []))
      catalog.createInvite({
        eventId: DEMO_EVENT_ID,
        role: 'judge',
        label: inviteLabel('judge', { judge }),
        personId: judge.id,
      });
    for (const role of ['dj', 'emcee', 'staff', 'public'] as const)
      catalog.createInvite({ eventId: DEMO_EVENT_ID, role, label: inviteLabel(role, {}) });
  }
  // Every start, so a first start whose storage was down catches up on a later one.
  try {
    await storeDemoMusic(store, new EventFiles(store), DEMO_EVENT_ID, tracks);
  } catch (error) {
    log.error(
      { err: error },
      'the demo music could not be stored; the DJ sees it missing until a later start stores it',
    );
  }
  return catalog
    .listInvites(DEMO_EVENT_ID)
    .filter((i) => !i.revokedAt)
    .sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.label.localeCompare(b.label));
}
