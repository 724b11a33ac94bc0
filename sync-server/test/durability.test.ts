import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { putMark, readMarks, scoresDocName, syncRoomName } from '@ondeck/shared';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startChildServer } from './support/childServer.ts';
import { stockProvider, waitFor, waitForSynced } from './support/clients.ts';
import { trackConfirmations } from './support/confirmations.ts';
import { createTestEvent } from './support/server.ts';

const JUDGES = ['j1', 'j2', 'j3', 'j4', 'j5', 'j6'];
const ROUNDS = 3;
const MIN_CONFIRMED_PER_ROUND = 40;

describe.each(['normal', 'full'])('a confirmed change survives kill -9 (synchronous=%s)', (synchronous) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ondeck-durability-'));
  const env = { ONDECK_SQLITE_SYNCHRONOUS: synchronous };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it(`keeps every confirmed mark across ${ROUNDS} random SIGKILLs`, async () => {
    let server = await startChildServer(dataDir, env);
    const event = await createTestEvent(server, 'durable');
    const tokens = new Map<string, string>();
    for (const judge of JUDGES) tokens.set(judge, (await event.tokenFor('judge', judge)).token);
    /** Every mark the server confirmed: judge → key → value. */
    const confirmed = new Map<string, Map<string, string>>(JUDGES.map((j) => [j, new Map()]));
    let written = 0;

    for (let round = 0; round < ROUNDS; round++) {
      const writers = JUDGES.map((judge) => {
        const provider = stockProvider(
          server.syncUrl,
          syncRoomName(event.id, scoresDocName(judge)),
          tokens.get(judge) as string,
        );
        const confirmations = trackConfirmations(provider);
        const waiting: Array<{ key: string; value: string; clock: number }> = [];
        confirmations.onConfirm(() => {
          const { clientID } = provider.doc;
          while (waiting.length > 0 && confirmations.covers(clientID, (waiting[0] as { clock: number }).clock)) {
            const mark = waiting.shift() as { key: string; value: string };
            confirmed.get(judge)?.set(mark.key, mark.value);
          }
        });
        return { judge, provider, waiting };
      });
      await Promise.all(writers.map((w) => waitForSynced(w.provider)));

      // Every writer marks as fast as the event loop lets it until the kill.
      let stop = false;
      const loops = writers.map(async ({ judge, provider, waiting }, i) => {
        let n = 0;
        while (!stop) {
          const heatId = `r${round}h${n++}`;
          const value = String((n * 7 + i) % 100);
          putMark(provider.doc, { heatId, value, updatedAt: Date.now() });
          written++;
          waiting.push({ key: `h/${heatId}/0`, value, clock: Y.getState(provider.doc.store, provider.doc.clientID) });
          await new Promise((r) => setTimeout(r, 1 + (n % 3)));
        }
        return judge;
      });
      // The kill comes at a random moment once this round has confirmed enough to mean something
      // — counted, not timed, so a busy machine that confirms slowly does not weaken the test.
      const confirmedBefore = [...confirmed.values()].reduce((n, m) => n + m.size, 0);
      await waitFor(
        () => [...confirmed.values()].reduce((n, m) => n + m.size, 0) - confirmedBefore >= MIN_CONFIRMED_PER_ROUND,
        120_000,
        `${MIN_CONFIRMED_PER_ROUND} confirmations in round ${round}`,
      );
      await new Promise((r) => setTimeout(r, Math.random() * 1000));
      server.proc.kill('SIGKILL');
      stop = true;
      await Promise.all(loops);
      // Writers go away with the server: nothing unconfirmed may be re-sent to mask a loss.
      for (const { provider } of writers) provider.destroy();
      await server.exited;

      server = await startChildServer(dataDir, env);
      for (const judge of JUDGES) {
        const reader = stockProvider(
          server.syncUrl,
          syncRoomName(event.id, scoresDocName(judge)),
          event.organizerToken,
        );
        await waitForSynced(reader);
        const marks = readMarks(reader.doc);
        for (const [key, value] of confirmed.get(judge) ?? []) {
          expect(marks.get(key)?.value, `${judge} ${key} after round ${round}`).toBe(value);
        }
        reader.destroy();
      }
    }
    const confirmedCount = [...confirmed.values()].reduce((n, m) => n + m.size, 0);
    expect(confirmedCount).toBeGreaterThanOrEqual(ROUNDS * MIN_CONFIRMED_PER_ROUND);
    expect(written).toBeGreaterThanOrEqual(confirmedCount);
    server.proc.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  });
});
