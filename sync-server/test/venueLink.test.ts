import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type DocName,
  MAIN_FLOOR,
  putMark,
  readCurrentHeats,
  readMarks,
  scoresDocName,
  startHeat,
  syncRoomName,
} from '@ondeck/shared';
import { afterAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type ChildServer, startChildServer } from './support/childServer.ts';
import { stockProvider, waitFor, waitForSynced } from './support/clients.ts';
import { waitForConfirmed } from './support/confirmations.ts';
import { createTestEvent, type TestEvent } from './support/server.ts';
import { LinkProxy, venueInviteLink, waitForCloudHeard, waitForLinks } from './support/venue.ts';

const MARKS_WHILE_CUT = 30;
const MARKS_BEFORE_KILL = 20;

/**
 * The cloud and the venue as separate server processes on loopback, with a TCP proxy for the
 * venue's link to the cloud; devices are stock y-websocket providers. The link is cut by closing
 * the proxy (the cloud keeps running for the devices that only ever talk to it).
 */
describe('a venue keeps the floor syncing while its link to the cloud is down', () => {
  const cloudDir = mkdtempSync(join(tmpdir(), 'ondeck-cloud-'));
  const venueDir = mkdtempSync(join(tmpdir(), 'ondeck-venue-'));
  const providers: WebsocketProvider[] = [];
  let cloud: ChildServer;
  let venue: ChildServer;
  let proxy: LinkProxy;
  let venueEnv: Record<string, string>;
  let event: TestEvent;

  afterAll(async () => {
    for (const provider of providers) provider.destroy();
    venue?.proc.kill('SIGKILL');
    cloud?.proc.kill('SIGKILL');
    await proxy?.cut();
    rmSync(cloudDir, { recursive: true, force: true });
    rmSync(venueDir, { recursive: true, force: true });
  });

  const open = (server: ChildServer, doc: DocName, token: string) => {
    const provider = stockProvider(server.syncUrl, syncRoomName(event.id, doc), token);
    providers.push(provider);
    return provider;
  };
  const markKeys = (provider: WebsocketProvider) => [...readMarks(provider.doc).keys()].sort();

  let judgeAtVenue: WebsocketProvider;
  let organizerAtCloud: WebsocketProvider;

  it('keeps judges scoring through the venue, then brings the cloud every change once', async () => {
    cloud = await startChildServer(cloudDir);
    event = await createTestEvent(cloud, 'floor');
    proxy = new LinkProxy(Number(new URL(cloud.url).port));
    await proxy.restore();
    const { link } = await venueInviteLink(cloud, event, proxy.url);
    venueEnv = { ONDECK_VENUE_FOLLOW: link, ONDECK_VENUE_EXCHANGE_MS: '200' };
    venue = await startChildServer(venueDir, venueEnv);
    await waitForCloudHeard(venue, event.id, event.organizerToken);

    const judge = await event.tokenFor('judge', 'j1');
    const otherJudge = await event.tokenFor('judge', 'j2');
    const emcee = await event.tokenFor('emcee');
    const staff = await event.tokenFor('staff');
    // At the venue: a judge, the organiser following the judge's marks, the emcee, a counter.
    judgeAtVenue = open(venue, scoresDocName('j1'), judge.token);
    const organizerAtVenue = open(venue, scoresDocName('j1'), event.organizerToken);
    const emceeAtVenue = open(venue, 'live', emcee.token);
    const counterAtVenue = open(venue, 'live', staff.token);
    // Devices that only ever talk to the cloud.
    organizerAtCloud = open(cloud, scoresDocName('j1'), event.organizerToken);
    const liveAtCloud = open(cloud, 'live', event.organizerToken);
    const otherJudgeAtCloud = open(cloud, scoresDocName('j2'), otherJudge.token);
    await Promise.all(providers.map((p) => waitForSynced(p, 30_000)));

    putMark(judgeAtVenue.doc, { heatId: 'h0', value: '1', updatedAt: Date.now() });
    await waitFor(() => readMarks(organizerAtCloud.doc).size === 1, 30_000, 'the first mark at the cloud');

    await proxy.cut();
    for (let i = 1; i <= MARKS_WHILE_CUT; i++)
      putMark(judgeAtVenue.doc, { heatId: `h${i}`, value: String(i % 7), updatedAt: Date.now() });
    startHeat(emceeAtVenue.doc, MAIN_FLOOR, { number: 12, startedAt: Date.now() });
    putMark(otherJudgeAtCloud.doc, { heatId: 'h1', value: '3', updatedAt: Date.now() });
    await waitFor(
      () => readMarks(organizerAtVenue.doc).size === MARKS_WHILE_CUT + 1,
      30_000,
      'every mark at the venue’s organiser',
    );
    await waitFor(() => readCurrentHeats(counterAtVenue.doc).get(MAIN_FLOOR)?.number === 12, 30_000, 'the counter');
    await waitForConfirmed(judgeAtVenue, 30_000);
    expect(readMarks(organizerAtCloud.doc).size).toBe(1);
    // The organiser's screen at the venue says what waits to cross.
    await waitForLinks(
      venue,
      event.id,
      event.organizerToken,
      (links) => (links.links[0]?.waitingForCloud ?? 0) >= MARKS_WHILE_CUT + 1,
      30_000,
      'the changes waiting for the cloud',
    );

    await proxy.restore();
    await waitFor(
      () => readMarks(organizerAtCloud.doc).size === MARKS_WHILE_CUT + 1,
      60_000,
      'every mark at the cloud',
    );
    await waitFor(
      () => readCurrentHeats(liveAtCloud.doc).get(MAIN_FLOOR)?.number === 12,
      30_000,
      'the heat at the cloud',
    );
    expect(markKeys(organizerAtCloud)).toEqual(markKeys(judgeAtVenue));
    // What the cloud-only judge did while the link was down reaches the venue.
    const otherAtVenue = open(venue, scoresDocName('j2'), event.organizerToken);
    await waitFor(() => readMarks(otherAtVenue.doc).size === 1, 30_000, 'the cloud’s mark at the venue');

    // Nothing duplicated: a fresh copy from the cloud holds exactly the judge's own changes —
    // the same writers at the same clocks, no copy of them made by the venue.
    const fresh = open(cloud, scoresDocName('j1'), event.organizerToken);
    await waitForSynced(fresh, 30_000);
    expect(Y.decodeStateVector(Y.encodeStateVector(fresh.doc))).toEqual(
      Y.decodeStateVector(Y.encodeStateVector(judgeAtVenue.doc)),
    );
    await waitForLinks(
      venue,
      event.id,
      event.organizerToken,
      (links) => links.links[0]?.waitingForCloud === 0,
      30_000,
      'nothing waiting for the cloud',
    );
  }, 240_000);

  it('loses nothing the venue confirmed when it is killed with SIGKILL', async () => {
    await proxy.cut();
    for (let i = 0; i < MARKS_BEFORE_KILL; i++)
      putMark(judgeAtVenue.doc, { heatId: `k${i}`, value: String(i % 5), updatedAt: Date.now() });
    await waitForConfirmed(judgeAtVenue, 30_000);
    venue.proc.kill('SIGKILL');
    // The judge's tablet goes away with it: nothing may be re-sent to mask a loss.
    judgeAtVenue.destroy();
    await venue.exited;

    await proxy.restore();
    venue = await startChildServer(venueDir, venueEnv);
    await waitFor(
      () => readMarks(organizerAtCloud.doc).size === MARKS_WHILE_CUT + 1 + MARKS_BEFORE_KILL,
      60_000,
      'the marks the venue confirmed before the kill, at the cloud',
    );
    expect(markKeys(organizerAtCloud)).toEqual(markKeys(judgeAtVenue));
  }, 240_000);
});
