import type { Role } from '@ondeck/shared';

/** Where each role lands after joining: its home screen. */
export function roleHomePath(eventId: string, role: Role): string {
  switch (role) {
    case 'organizer':
      return `/e/${eventId}/organizer`;
    case 'judge':
      return `/e/${eventId}/judge`;
    case 'dj':
    case 'emcee':
      return `/e/${eventId}/floor`;
    case 'staff':
    case 'public':
    case 'venue':
      return `/e/${eventId}/heats`;
  }
}

/**
 * Roles that write no document (DESIGN.md's permission matrix): staff and the public follow the
 * heats; their device has nothing of its own to save.
 */
export function isReadOnlyRole(role: Role): boolean {
  return role === 'staff' || role === 'public';
}

export const ROLE_LABELS: Record<Role, string> = {
  organizer: 'Organiser',
  judge: 'Judge',
  dj: 'DJ',
  emcee: 'Emcee',
  staff: 'Staff',
  public: 'Public',
  venue: 'Venue server',
};

/** "Judge · Judge Smith": the device's role, then what its invite called it where that says more. */
export function roleLine({ role, label }: { role: Role; label: string }): string {
  return label && label !== ROLE_LABELS[role] ? `${ROLE_LABELS[role]} · ${label}` : ROLE_LABELS[role];
}
