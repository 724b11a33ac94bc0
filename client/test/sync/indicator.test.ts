import { CloseCode, isFinalCloseCode } from '@ondeck/shared';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/sync/connection.ts';
import { describeIndicator } from '../../src/sync/indicator.ts';

describe('sync indicator', () => {
  const connected = { state: 'connected' } as const;

  it('says saved only when nothing is pending', () => {
    const saved = describeIndicator({ connection: connected, pending: 0, savedAt: null, browserOffline: false });
    expect(saved.tone).toBe('saved');
    expect(saved.detail).toBe('All saved');
    const pending = describeIndicator({ connection: connected, pending: 3, savedAt: 1, browserOffline: false });
    expect(pending.detail).toBe('3 changes not yet on the server');
  });

  it('puts offline and revoked first, and says what to do', () => {
    const offline = describeIndicator({ connection: connected, pending: 1, savedAt: null, browserOffline: true });
    expect(offline.label).toBe('Offline');
    expect(offline.detail).toBe('1 change not yet on the server');
    const revoked = describeIndicator({
      connection: summarize([connected, { state: 'blocked', code: CloseCode.TOKEN_REVOKED }, { state: 'offline' }]),
      pending: 0,
      savedAt: null,
      browserOffline: false,
    });
    expect(revoked.tone).toBe('blocked');
    expect(revoked.detail).toContain('ask the organiser for a new link');
  });

  it('says when the server stopped answering, over an open socket that claims to be connected', () => {
    const hung = describeIndicator({
      connection: summarize([connected, { state: 'unresponsive' }, { state: 'connecting' }]),
      pending: 1,
      savedAt: 1,
      browserOffline: false,
    });
    expect(hung.label).toBe('Server not answering');
    expect(hung.tone).toBe('offline');
    expect(hung.detail).toBe('1 change not yet on the server');
  });

  it('stops retrying a change the server refused, keeps it, and says whom to tell', () => {
    for (const code of [CloseCode.UPDATE_OUT_OF_SHAPE, CloseCode.DOCUMENT_TOO_LARGE]) {
      expect(isFinalCloseCode(code)).toBe(true);
      const refused = describeIndicator({
        connection: { state: 'blocked', code },
        pending: 2,
        savedAt: null,
        browserOffline: false,
      });
      expect(refused.label).toBe('Not syncing');
      expect(refused.detail).toMatch(
        /stays? (on this device|here) — tell the organiser\. 2 changes not yet on the server$/,
      );
    }
    // A server that restarts, limits a rate or drops its copy is worth trying again.
    for (const code of [CloseCode.SERVER_RESTARTING, CloseCode.RATE_LIMITED, CloseCode.DOCUMENT_RELOADED])
      expect(isFinalCloseCode(code)).toBe(false);
  });
});

describe('sync indicator of a device at a venue that syncs with the cloud too', () => {
  const connected = { state: 'connected' } as const;
  const down = { state: 'waiting', retryAt: 0 } as const;
  const at = Date.now();
  const time = new Date(at).toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });

  it('says the venue first, then when the cloud last held everything', () => {
    const both = describeIndicator({
      connection: connected,
      pending: 0,
      savedAt: at,
      browserOffline: false,
      cloud: { connection: connected, savedAt: at },
    });
    expect(both.label).toBe('Online at the venue');
    expect(both.tone).toBe('saved');
    expect(both.detail).toMatch(new RegExp(`^Saved at the venue · cloud .*${time}$`));
    const notYet = describeIndicator({
      connection: connected,
      pending: 2,
      savedAt: null,
      browserOffline: false,
      cloud: { connection: down, savedAt: null },
    });
    expect(notYet.tone).toBe('pending');
    expect(notYet.detail).toBe('2 changes not yet on a server · not yet on the cloud');
  });

  it('says so when it falls back to the cloud, and never "saved" for what no server confirmed', () => {
    const fallen = describeIndicator({
      connection: { state: 'unresponsive' },
      pending: 1,
      savedAt: at,
      browserOffline: false,
      cloud: { connection: connected, savedAt: at },
    });
    expect(fallen.label).toBe('Venue unreachable');
    expect(fallen.tone).toBe('pending');
    expect(fallen.detail).toMatch(/^1 change not yet on a server · cloud /);
    const landed = describeIndicator({
      connection: { state: 'blocked', code: 4403 },
      pending: 0,
      savedAt: at,
      browserOffline: false,
      cloud: { connection: connected, savedAt: at },
    });
    expect(landed.label).toBe('Venue refused this device');
    expect(landed.tone).toBe('saved');
    expect(landed.detail).toBe(`Saved on the cloud ${time}`);
    const neither = describeIndicator({
      connection: down,
      pending: 0,
      savedAt: null,
      browserOffline: false,
      cloud: { connection: down, savedAt: null },
    });
    expect(neither.tone).toBe('offline');
    expect(neither.label).toBe('Venue and cloud unreachable');
    expect(neither.detail).toBe('All saved · not yet on the cloud');
    const offline = describeIndicator({
      connection: connected,
      pending: 0,
      savedAt: null,
      browserOffline: true,
      cloud: { connection: connected, savedAt: null },
    });
    expect(offline.label).toBe('Offline');
    expect(offline.detail).toBe('All saved · not yet on the cloud');
  });
});
