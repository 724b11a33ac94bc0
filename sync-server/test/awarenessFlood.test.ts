import { awarenessFrame, CloseCode } from '@ondeck/shared';
import type { WirePeer } from '@ondeck/shared/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { KEEPALIVE_MESSAGE } from '../src/sync/messages.ts';
import { wirePeer } from './support/clients.ts';
import { createTestEvent, startServer, type TestEvent, type TestServer } from './support/server.ts';

const READERS = 20;

/**
 * Issue 11, found 4: the client never publishes awareness, yet the server relayed anyone's
 * awareness, whole, to every reader (one 0.9 MB frame from a public token became 55 MB to 50
 * readers) and let a sender overwrite other devices' entries. No role needs presence: the
 * server keeps and relays none, and still answers every query-awareness (the clients' ping).
 */
describe('awareness from any token', () => {
  let server: TestServer;
  let event: TestEvent;

  beforeAll(async () => {
    server = await startServer();
    event = await createTestEvent(server, 'presence');
  });
  afterAll(() => server.close());

  const connect = async (token: string) => {
    const peer = await wirePeer(server.syncUrl, event.id, 'live', token);
    await peer.sync();
    return peer;
  };

  const announce = (peer: WirePeer, clientID: number, state: Record<string, unknown>) => {
    const awareness = new Awareness(new Y.Doc());
    awareness.clientID = clientID;
    awareness.setLocalState(state);
    peer.send(awarenessFrame(encodeAwarenessUpdate(awareness, [clientID])));
    awareness.destroy();
  };

  it('reaches no reader, and overwrites nobody', async () => {
    const publicToken = (await event.tokenFor('public')).token;
    const readers = await Promise.all(Array.from({ length: READERS }, () => connect(publicToken)));
    let awarenessBytes = 0;
    for (const reader of readers) {
      const previous = reader.onFrame;
      reader.onFrame = (frame, raw, at) => {
        previous(frame, raw, at);
        if (frame.kind === 'awareness' && raw.length > KEEPALIVE_MESSAGE.length) awarenessBytes += raw.length;
      };
    }
    const organiser = await connect(event.organizerToken);
    announce(organiser, 1234, { name: 'Organiser' });
    const attackerToken = (await event.tokenFor('public')).token;
    const flooder = await connect(attackerToken);
    const refused = new Promise<number>((resolve) =>
      (flooder.socket as unknown as WebSocket).once('close', (code: number) => resolve(code)),
    );
    announce(flooder, 99, { junk: 'x'.repeat(900_000) });
    expect(await refused).toBe(CloseCode.MESSAGE_TOO_LARGE);
    // The organiser's entry, overwritten by someone else.
    const attacker = await connect(attackerToken);
    announce(attacker, 1234, { name: 'Not the organiser' });

    // Every reader's ping is answered with the empty keep-alive: nobody's presence is kept.
    for (const reader of readers) {
      const answer = reader.next('awareness');
      reader.send(Uint8Array.of(3));
      await answer;
    }
    expect(awarenessBytes).toBe(0);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/ondeck_refused_messages_total\{reason="awareness"\} [2-9]/);
    await Promise.all([...readers, organiser, attacker].map((peer) => peer.close()));
  });
});
