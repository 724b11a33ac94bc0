import { displayName, type Person, type Role } from '@ondeck/shared';

/** What an invite is called when whoever creates it gives it no label and names no judge. */
export const DEFAULT_INVITE_LABELS: Record<Role, string> = {
  organizer: 'Organiser',
  judge: 'Judge',
  dj: 'DJ',
  emcee: 'Emcee',
  staff: 'Studio staff',
  public: 'Public heat list',
  venue: 'Venue server',
};

/**
 * The one rule an invite's label follows wherever it is made — the API (the organiser's
 * screen), the CLI, the demo: the label given, else the judge's name ("Albert Lewis"), else the
 * role's name above. So the organiser's list reads the same whoever made each invite.
 */
export function inviteLabel(role: Role, options: { label?: string | undefined; judge?: Pick<Person, 'name'> }): string {
  if (options.label !== undefined) return options.label;
  if (role === 'judge' && options.judge) return displayName(options.judge.name);
  return DEFAULT_INVITE_LABELS[role];
}

/** The judges of a program's people, for choosing (or checking) the person a judge invite names. */
export function judgesOf(people: Iterable<Person>): Person[] {
  return [...people].filter((person) => person.type === 'Judge');
}
