import { describe, expect, it } from 'vitest';
import { accessTo, type Principal } from '../src/index.ts';

describe('the permission matrix', () => {
  const organizer: Principal = { role: 'organizer' };
  const judgeA: Principal = { role: 'judge', personId: 'a' };
  const staff: Principal = { role: 'staff' };
  const dj: Principal = { role: 'dj' };
  const emcee: Principal = { role: 'emcee' };
  const publicReader: Principal = { role: 'public' };

  it('lets only the organiser write the program, and everyone read it', () => {
    expect(accessTo(organizer, 'program')).toBe('write');
    for (const p of [judgeA, staff, dj, emcee, publicReader]) expect(accessTo(p, 'program')).toBe('read');
  });

  it('lets organiser, emcee and DJ write the live document', () => {
    for (const p of [organizer, dj, emcee]) expect(accessTo(p, 'live')).toBe('write');
    for (const p of [judgeA, staff, publicReader]) expect(accessTo(p, 'live')).toBe('read');
  });

  it('keeps a judge to their own scores, which only they and the organiser see', () => {
    expect(accessTo(judgeA, 'scores/a')).toBe('write');
    expect(accessTo(judgeA, 'scores/b')).toBe('none');
    expect(accessTo(organizer, 'scores/b')).toBe('write');
    for (const p of [staff, dj, emcee, publicReader]) expect(accessTo(p, 'scores/a')).toBe('none');
  });

  it('refuses unknown and traversal document names', () => {
    for (const name of ['', 'programs', 'scores/', 'scores/../x', 'scores/a/b', '../program']) {
      expect(accessTo(organizer, name)).toBe('none');
    }
  });
});
