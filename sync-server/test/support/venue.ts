import { connect, createServer, type Server, type Socket } from 'node:net';
import type { ServerLinks } from '@ondeck/shared';
import { waitForAsync } from './clients.ts';
import { api, type TestEvent } from './server.ts';

/** A venue invite of the cloud's event: the link a venue server follows. */
export async function venueInviteLink(cloud: { url: string }, event: TestEvent, base = cloud.url) {
  const invite = await event.inviteFor('venue');
  return { invite, link: `${base}/join/${invite.code}` };
}

/** The event's other servers, as `server` shows them to the organiser. */
export async function serverLinks(server: { url: string }, eventId: string, organizerToken: string) {
  const res = await api<ServerLinks>(server, 'GET', `/api/events/${eventId}/links`, undefined, organizerToken);
  if (res.status !== 200) throw new Error(`links answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Asks `server` for the event's links until `done` holds (one request at a time); the last answer. */
export async function waitForLinks(
  server: { url: string },
  eventId: string,
  organizerToken: string,
  done: (links: ServerLinks) => boolean,
  timeoutMs: number,
  what: string,
): Promise<ServerLinks> {
  const seen: { links?: ServerLinks } = {};
  await waitForAsync(
    async () => {
      seen.links = await serverLinks(server, eventId, organizerToken);
      return done(seen.links);
    },
    timeoutMs,
    what,
  );
  return seen.links as ServerLinks;
}

/** Waits until the venue follows the event and has heard from the cloud since `since`. */
export async function waitForCloudHeard(venue: { url: string }, eventId: string, organizerToken: string, since = 0) {
  await waitForLinks(
    venue,
    eventId,
    organizerToken,
    (links) => {
      const at = links.links[0]?.lastHeardAt;
      return links.role === 'venue' && at !== null && at !== undefined && Date.parse(at) >= since;
    },
    60_000,
    'the venue to hear from the cloud',
  );
}

/**
 * A TCP proxy on loopback between the venue and the cloud: `cut()` closes it and every
 * connection through it, as a failed uplink does; `restore()` listens again on the same port.
 */
export class LinkProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly targetPort: number) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async restore(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.targetPort, '127.0.0.1');
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    const address = server.address();
    this.port = typeof address === 'object' && address ? address.port : this.port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
