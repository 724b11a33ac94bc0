import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeaseStore } from '../src/cluster/leaseStore.ts';
import { Ownership } from '../src/cluster/ownership.ts';
import type { S3Settings } from '../src/objectStore/storageConfig.ts';
import { type TestCeph, useCeph } from './support/sharedCeph.ts';

/**
 * A node that stops releases every event it serves — also one whose claim was still under way
 * when shutdown began. Such a claim used to win its lease after shutdown had released the others,
 * and the stopped node left it held (the cluster test's logs: "held until the end").
 */
describe('shutdown of a cluster node', () => {
  let ceph: TestCeph;
  let settings: S3Settings;

  beforeAll(async () => {
    ceph = await useCeph();
    settings = await ceph.newBucket();
  });
  afterAll(() => ceph?.release());

  it('releases the leases of claims still under way, and takes no new ones', async () => {
    const leases = new LeaseStore(settings);
    const lines: Array<{ cluster?: string; event?: string }> = [];
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const ownership = new Ownership(leases, { node: 'n1', url: null, leaseMs: 6_000, log });
    const handedOver: string[] = [];
    ownership.attach({
      acquired: async () => {},
      handOver: async (eventId) => {
        handedOver.push(eventId);
        return true;
      },
      lost: () => {},
      loaded: () => true,
    });
    try {
      await ownership.claim('held-event');
      // This claim is reading the lease in the bucket when shutdown begins.
      const underWay = ownership.claim('claimed-during-shutdown').catch((error: unknown) => error);
      await ownership.releaseAll();
      await underWay;

      for (const event of ['held-event', 'claimed-during-shutdown']) {
        const stored = await leases.read(event);
        // Either the claim gave up (no lease) or it won and was released with the rest.
        if (stored !== null) expect(stored.record.released, `${event} is released in storage`).toBe(true);
        const logged = lines.filter((l) => l.event === event).map((l) => l.cluster);
        expect(logged.filter((c) => c === 'acquired').length, event).toBe(
          logged.filter((c) => c === 'released').length,
        );
      }
      expect(ownership.leasesHeld()).toEqual([]);
      await expect(ownership.claim('after-shutdown')).rejects.toThrow(/stopping/);
      expect(await leases.read('after-shutdown')).toBeNull();
    } finally {
      leases.close();
    }
  });
});
