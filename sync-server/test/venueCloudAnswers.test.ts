import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { cloudDocNames, cloudInvites, cloudMusicFiles, isCloudJoin } from '../src/venue/cloudAnswers.ts';

/** What a venue takes from a cloud's answers, and from its own settings, before storing any of it. */
describe('a venue reads what the cloud answers as input from outside', () => {
  const invite = {
    id: 'inv12345',
    eventId: 'gala',
    role: 'judge',
    personId: 'j1',
    label: 'Judge Ann',
    code: 'abcdefgh1234',
    createdAt: '2026-12-04T10:00:00.000Z',
    joins: 3,
  };

  it('keeps the invites of its event that have the shape of invites, and nothing else', () => {
    const kept = cloudInvites(
      [
        invite,
        { ...invite, id: 'rev12345', revokedAt: '2026-12-04T11:00:00.000Z' },
        { ...invite, id: 'other123', eventId: 'another-event' },
        { ...invite, id: 'bad role', role: 'root' },
        { ...invite, id: 'badlabel', label: 'Judge\u0000Ann' },
        { ...invite, id: 'badcode1', code: "'; DROP TABLE invites; --" },
        { ...invite, id: 'badtime1', revokedAt: 'yesterday' },
        null,
        'invite',
      ],
      'gala',
    );
    expect(kept.map((i) => i.id)).toEqual(['inv12345', 'rev12345']);
    expect(kept[1]?.revokedAt).toBe('2026-12-04T11:00:00.000Z');
    expect(cloudInvites({ invites: [invite] }, 'gala')).toEqual([]);
  });

  it('follows only documents of an event, and only music named by its hash', () => {
    expect(cloudDocNames(['program', 'live', 'scores/j1', '../index', 'scores/', 42, 'secrets'])).toEqual([
      'program',
      'live',
      'scores/j1',
    ]);
    expect(cloudDocNames('program')).toEqual([]);
    const sha256 = 'a'.repeat(64);
    expect(
      cloudMusicFiles({
        files: [
          { sha256, size: 10, type: 'audio/mpeg' },
          { sha256: '../../etc/passwd', size: 10, type: 'audio/mpeg' },
          { sha256, size: -1, type: 'audio/mpeg' },
          { sha256, size: 10, type: 'text/html' },
        ],
      }),
    ).toEqual([{ sha256, size: 10, type: 'audio/mpeg' }]);
  });

  it('takes a join only with an event id, a role and a token', () => {
    const join = { eventId: 'gala', eventName: 'Gala', role: 'venue', token: 'x.y.z', expiresAt: 1_900_000_000 };
    expect(isCloudJoin(join)).toBe(true);
    expect(isCloudJoin({ ...join, eventId: '../gala' })).toBe(false);
    expect(isCloudJoin({ ...join, role: 'admin' })).toBe(false);
    expect(isCloudJoin({ ...join, expiresAt: 'never' })).toBe(false);
  });

  it('refuses ONDECK_VENUE_FOLLOW values that are not venue invite links, naming the setting', () => {
    const load = (value: string) => () =>
      loadConfig({ ONDECK_VENUE_FOLLOW: value, ONDECK_DATA_DIR: '/tmp/ondeck-unused' }, { defaultClientDir: null });
    expect(
      load('https://cloud.example.com/join/abcdefgh1234, http://10.0.0.2:8080/join/ijklmnop5678')().venueFollow,
    ).toEqual(['https://cloud.example.com/join/abcdefgh1234', 'http://10.0.0.2:8080/join/ijklmnop5678']);
    expect(load('ftp://cloud.example.com/join/abcdefgh1234')).toThrow(ConfigError);
    expect(load('https://cloud.example.com/invite')).toThrow(/ONDECK_VENUE_FOLLOW takes venue invite links/);
  });
});
