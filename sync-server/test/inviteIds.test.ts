import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IndexDatabase } from '../src/catalog/indexDatabase.ts';

describe('invite ids and codes', () => {
  it('never start with "-", so the CLI never reads one as an option', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ondeck-invite-ids-'));
    const catalog = new IndexDatabase(dir);
    try {
      catalog.createEvent('gala', 'Gala');
      // With 1 in 64 starting so, 1,000 invites hold one with a chance of 1 − (63/64)^1000 > 0.9999998.
      const invites = Array.from({ length: 1_000 }, (_, i) =>
        catalog.createInvite({ eventId: 'gala', role: 'staff', label: `staff ${i}` }),
      );
      expect(invites.filter((invite) => invite.id.startsWith('-') || invite.code.startsWith('-'))).toEqual([]);
    } finally {
      catalog.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
