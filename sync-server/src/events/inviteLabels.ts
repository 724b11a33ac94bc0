import type { Role } from '@ondeck/shared';

/** What an invite is called when whoever creates it gives it no label (a judge's is the judge's name). */
export const DEFAULT_INVITE_LABELS: Record<Role, string> = {
  organizer: 'Organiser',
  judge: 'Judge',
  dj: 'DJ',
  emcee: 'Emcee',
  staff: 'Studio staff',
  public: 'Public heat list',
};
