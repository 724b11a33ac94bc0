import { awarenessFrame, MessageType } from '@ondeck/shared';
import type { WirePeer } from '@ondeck/shared/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { KEEPALIVE_MESSAGE } from '../src/sync/messages.ts';
import { wirePeer } from './support/clients.ts';
import { createTestEvent, startServer, type TestEvent, type TestServer } from './support/server.ts';

/** y-protocols' query-awareness message: the ping clients send to learn the server still answers. */
const QUERY_AWARENESS = Uint8Array.of(MessageType.QUERY_AWARENESS);

describe('a query-awareness message', () => {
  let server: TestServer;
  let event: TestEvent;

  beforeAll(async () => {
    server = await startServer();
    event = await createTestEvent(server, 'ping');
  });
  afterAll(() => server.close());

  const connect = async (token: string) => {
    const peer = await wirePeer(server.syncUrl, event.id, 'live', token);
    await peer.sync();
    return peer;
  };

  /** The raw bytes of the next awareness frame the peer receives. */
  const nextAwareness = (peer: WirePeer) =>
    new Promise<Uint8Array>((resolve) => {
      const previous = peer.onFrame;
      peer.onFrame = (frame, raw, at) => {
        previous(frame, raw, at);
        if (frame.kind === 'awareness') {
          peer.onFrame = previous;
          resolve(raw);
        }
      };
    });

  it('is answered with the empty keep-alive when nobody is present, every time', async () => {
    const staff = await connect((await event.tokenFor('staff')).token);
    for (let ping = 0; ping < 3; ping++) {
      const answer = nextAwareness(staff);
      staff.send(QUERY_AWARENESS);
      expect(await answer).toEqual(KEEPALIVE_MESSAGE);
    }
    await staff.close();
  });

  it('is answered with the keep-alive even when a device announced presence, which no role relays', async () => {
    const present = await connect(event.organizerToken);
    const awareness = new Awareness(new Y.Doc());
    awareness.setLocalState({ name: 'Organiser' });
    present.send(awarenessFrame(encodeAwarenessUpdate(awareness, [awareness.clientID])));

    const staff = await connect((await event.tokenFor('staff')).token);
    const answer = nextAwareness(staff);
    staff.send(QUERY_AWARENESS);
    expect(await answer).toEqual(KEEPALIVE_MESSAGE);
    awareness.destroy();
    await Promise.all([present.close(), staff.close()]);
  });
});
