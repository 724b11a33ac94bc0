import { displayName, ROLES, type Role } from '@ondeck/shared';
import type { IndexDatabase, InviteRow } from '../catalog/indexDatabase.ts';
import { createEvent } from './createEvent.ts';
import { DEFAULT_INVITE_LABELS } from './inviteLabels.ts';

const DEMO_EVENT_ID = 'demo';

/**
 * The demo event `npm start` offers: created on first start with an invite per role (one per
 * judge), and on later starts the same invites are shown again.
 */
export function ensureDemoEvent(dataDir: string, catalog: IndexDatabase): InviteRow[] {
  if (!catalog.getEvent(DEMO_EVENT_ID)) {
    // The demo hands out a public heat-list link, so its list starts published.
    const { program } = createEvent(dataDir, catalog, {
      id: DEMO_EVENT_ID,
      name: 'ondeck Demo Showcase',
      template: 'demo',
      settings: { publishHeatList: true },
    });
    const invite = (role: Role, label: string, personId?: string) =>
      catalog.createInvite({ eventId: DEMO_EVENT_ID, role, label, ...(personId === undefined ? {} : { personId }) });
    for (const person of program.people ?? []) {
      if (person.type === 'Judge') invite('judge', displayName(person.name), person.id);
    }
    for (const role of ['dj', 'emcee', 'staff', 'public'] as const) invite(role, DEFAULT_INVITE_LABELS[role]);
  }
  return catalog
    .listInvites(DEMO_EVENT_ID)
    .filter((i) => !i.revokedAt)
    .sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.label.localeCompare(b.label));
}
