import { type EntryFilter, personFilter, studioFilter } from '@ondeck/shared';
import { useCallback, useMemo } from 'react';
import { useRemembered } from './remembered.ts';

/** Whose heats "my heats" shows on this device: a dancer's or a studio's. */
export type Mine = { kind: 'person'; id: string } | { kind: 'studio'; id: string };

export function mineFilter(mine: Mine): EntryFilter {
  return mine.kind === 'person' ? personFilter(mine.id) : studioFilter(mine.id);
}

/** As a form value: "person:<id>" or "studio:<id>". */
export function mineValue(mine: Mine | null): string {
  return mine ? `${mine.kind}:${mine.id}` : '';
}

export function parseMine(value: string | null): Mine | null {
  const match = value ? /^(person|studio):(.+)$/.exec(value) : null;
  if (!match?.[2]) return null;
  return { kind: match[1] as Mine['kind'], id: match[2] };
}

/** "My heats" as chosen on this device, remembered per event. */
export function useMine(eventId: string): [Mine | null, (mine: Mine | null) => void] {
  const [value, remember] = useRemembered(`ondeck:${eventId}:mine`);
  const mine = useMemo(() => parseMine(value), [value]);
  const choose = useCallback((next: Mine | null) => remember(next ? mineValue(next) : null), [remember]);
  return [mine, choose];
}
