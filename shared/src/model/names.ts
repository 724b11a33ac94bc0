import type { Person } from './types.ts';

/** "Last, First" → "First Last" (DOMAIN.md §1). Names without a comma are shown as stored. */
export function displayName(stored: string): string {
  const comma = stored.indexOf(',');
  if (comma < 0) return stored.trim();
  return `${stored.slice(comma + 1).trim()} ${stored.slice(0, comma).trim()}`.trim();
}

/** Card label ("back name"): first name without spaces, at most 6 characters, + last initial. */
export function backName(person: Pick<Person, 'name'>): string {
  const comma = person.name.indexOf(',');
  const last = comma < 0 ? '' : person.name.slice(0, comma).trim();
  const first = (comma < 0 ? person.name : person.name.slice(comma + 1)).replace(/\s+/g, '');
  return `${first.slice(0, 6)}${last.slice(0, 1)}`;
}

/** "Initials" of a level: its capital letters and digits ("Full Bronze" → "FB"). */
export function levelInitials(levelName: string): string {
  return levelName.replace(/[^A-Z0-9]/g, '');
}
