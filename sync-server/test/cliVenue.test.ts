import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliWith } from './support/cli.ts';
import { createTestEvent, startServer } from './support/server.ts';
import { venueInviteLink, waitForCloudHeard } from './support/venue.ts';

describe('the CLI makes a server a venue server of a cloud event', () => {
  const venueDir = mkdtempSync(join(tmpdir(), 'ondeck-cli-venue-'));
  afterAll(() => rmSync(venueDir, { recursive: true, force: true }));
  const env = { PATH: process.env.PATH, ONDECK_DATA_DIR: venueDir, ONDECK_LOG_LEVEL: 'silent' };
  const { cli, failing } = cliWith(env);

  it('follows with a venue invite link, refuses any other, and the started server follows it', {
    timeout: 120_000,
  }, async () => {
    const cloud = await startServer();
    try {
      const event = await createTestEvent(cloud, 'gala');
      const judgeInvite = await event.inviteFor('judge', 'j1');
      const refused = await failing('venue', 'follow', `${cloud.url}/join/${judgeInvite.code}`);
      expect(refused.code).toBe(64);
      expect(refused.stderr).toMatch(/that invite is for a judge, not a venue server/);
      expect((await failing('venue', 'follow', 'not a link')).stderr).toMatch(/is not a link/);

      const { link } = await venueInviteLink(cloud, event);
      const followed = await cli('venue', 'follow', link);
      expect(followed.stdout).toMatch(`Following gala (Event gala) of ${cloud.url}.`);
      // It holds a credential: readable by its owner alone.
      expect(statSync(join(venueDir, 'venue-follows.json')).mode & 0o077).toBe(0);
      expect((await cli('venue', 'list')).stdout).toMatch(new RegExp(`^gala\\tEvent gala\\t${cloud.url}\\t`, 'm'));

      const venue = await startServer({}, { dataDir: venueDir });
      try {
        await waitForCloudHeard(venue, event.id, event.organizerToken);
      } finally {
        await venue.close();
      }
      expect((await cli('venue', 'unfollow', 'gala')).stdout).toMatch(/No longer following gala/);
      expect((await cli('venue', 'list')).stdout).toMatch(/follows no cloud event/);
    } finally {
      await cloud.close();
    }
  });
});
