import { Readable } from 'node:stream';
import {
  apiPath,
  apiRequest,
  type DocName,
  isWebOrigin,
  parseDocName,
  type ServerLink,
  type VenueExchangeResponse,
} from '@ondeck/shared';
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { TokenService } from '../auth/tokens.ts';
import type { IndexDatabase } from '../catalog/indexDatabase.ts';
import type { EventRegistry } from '../loadedEvents/eventRegistry.ts';
import type { LoadedEvent } from '../loadedEvents/loadedEvent.ts';
import { EventFiles } from '../music/eventFiles.ts';
import { type ObjectStore, putContentAddressed } from '../objectStore/index.ts';
import type { SyncServer } from '../sync/syncServer.ts';
import { cloudDocNames, cloudInvites, cloudMusicFiles } from './cloudAnswers.ts';
import { CloudPasses } from './cloudPasses.ts';
import { DocLink } from './docLink.ts';
import type { Follow } from './follows.ts';

export interface FollowerDeps {
  registry: EventRegistry;
  catalog: IndexDatabase;
  tokens: TokenService;
  sync: SyncServer;
  store: ObjectStore;
  log: Logger;
  exchangeMs: number;
  /** Where devices on the venue's network reach this server. */
  venueUrl(): string;
  /** The origins of this server's app pages: the cloud lets them sync the event too. */
  venueOrigins(): string[];
}

/** How long one exchange or one file download may take before it counts as a failed round. */
const EXCHANGE_TIMEOUT_MS = 15_000;
const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;

/**
 * One followed event at the venue: the event held loaded, a `DocLink` per document, and a round
 * with the cloud every `exchangeMs` for what is not a document — the document list (a judge's
 * scores document made on the other side), the invites and their revocations, both ways, and
 * the music the venue lacks.
 */
export class EventFollower {
  private event: LoadedEvent | null = null;
  private readonly links = new Map<string, DocLink>();
  private timer: NodeJS.Timeout | null = null;
  private lastHeardAt: Date | null = null;
  private problem: string | null = null;
  private readonly files: EventFiles;
  /** The cloud's tokens for this event's invites, for the devices that join here. */
  readonly passes: CloudPasses;
  /** Music already here, so each round asks storage only about new files. */
  private readonly filesHere = new Set<string>();
  private exchanging: Promise<void> | null = null;
  private stopped = false;

  constructor(
    readonly follow: Follow,
    private readonly deps: FollowerDeps,
  ) {
    this.files = new EventFiles(deps.store);
    this.passes = new CloudPasses(follow.cloudUrl, follow.eventId);
  }

  async start(): Promise<void> {
    this.event = await this.deps.registry.acquire(this.follow.eventId);
    this.linkDocs(['program', 'live', ...this.event.store.docNames()]);
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.exchanging?.catch(() => {});
    for (const link of this.links.values()) link.stop();
    this.links.clear();
    if (this.event) this.deps.registry.release(this.event);
    this.event = null;
  }

  /** The cloud as the organiser's screen at the venue sees it. */
  status(): ServerLink {
    let waiting = 0;
    for (const link of this.links.values()) waiting += link.waiting();
    return {
      kind: 'cloud',
      label: new URL(this.follow.cloudUrl).host,
      url: this.follow.cloudUrl,
      lastHeardAt: this.lastHeardAt?.toISOString() ?? null,
      linked: [...this.links.values()].some((link) => link.connected),
      waitingForCloud: waiting,
      ...(this.problem === null ? {} : { problem: this.problem }),
    };
  }

  /** Runs one round now (tests, and the CLI's status); resolves when it is done. */
  exchangeNow(): Promise<void> {
    this.exchanging ??= this.exchange().finally(() => {
      this.exchanging = null;
    });
    return this.exchanging;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.exchangeNow().finally(() => this.schedule(this.deps.exchangeMs));
    }, ms);
    this.timer.unref();
  }

  private heard(): void {
    this.lastHeardAt = new Date();
  }

  private linkDocs(names: Iterable<string>): void {
    const event = this.event;
    if (!event || this.stopped) return;
    for (const name of names) {
      if (this.links.has(name) || !parseDocName(name)) continue;
      let room: ReturnType<LoadedEvent['room']>;
      try {
        room = event.room(name as DocName);
      } catch (error) {
        this.deps.log.error({ err: error, event: event.id, doc: name }, 'venue could not load a document to follow');
        continue;
      }
      const link = new DocLink(
        event,
        room,
        { cloudUrl: this.follow.cloudUrl, eventId: event.id, token: this.follow.token },
        this.deps.log,
        {
          heard: () => this.heard(),
          refused: (code, reason) => {
            this.problem = `the cloud refused the venue credential (${code}): ${reason}`;
            this.deps.log.error({ event: event.id, doc: name, code, reason }, 'cloud refused the venue link');
          },
          detached: (gone) => {
            if (this.links.get(name) === gone) this.links.delete(name);
          },
        },
      );
      this.links.set(name, link);
      link.start();
    }
  }

  private async exchange(): Promise<void> {
    const event = this.event;
    if (!event || this.stopped) return;
    // Documents a device opened here first (a judge scoring at the venue) go up too.
    this.linkDocs(event.rooms.keys());
    const { eventId, cloudUrl, token } = this.follow;
    const { catalog } = this.deps;
    const cloudInvites = new Map(catalog.listInvites(eventId).map((invite) => [invite.id, invite]));
    let answer: VenueExchangeResponse;
    try {
      const waiting = this.status().waitingForCloud ?? 0;
      const revoked = [...cloudInvites.values()].filter((invite) => invite.revokedAt).map((invite) => invite.id);
      const { path, init } = apiRequest('venueExchange', {
        params: { eventId },
        token,
        body: {
          revoked,
          waiting,
          url: this.deps.venueUrl(),
          origins: this.deps.venueOrigins().filter(isWebOrigin).slice(0, 64),
        },
      });
      const response = await fetch(`${cloudUrl}${path}`, { ...init, signal: AbortSignal.timeout(EXCHANGE_TIMEOUT_MS) });
      if (!response.ok) {
        // A cloud restarting (5xx) is out of reach for a moment; a refusal (4xx) needs someone.
        if (response.status < 500) this.problem = await refusal(response);
        return;
      }
      answer = (await response.json()) as VenueExchangeResponse;
    } catch (error) {
      this.deps.log.debug({ err: error, event: eventId }, 'venue exchange failed; the cloud is out of reach');
      return;
    }
    this.heard();
    this.problem = null;
    for (const link of this.links.values()) link.retryNow();
    this.applyInvites(answer);
    this.linkDocs(cloudDocNames(answer.docs));
    await this.pullMusic().catch((error: unknown) =>
      this.deps.log.warn({ err: error, event: eventId }, 'venue could not pull music yet; next round tries again'),
    );
  }

  /** The cloud's invites, kept here: one it revoked is revoked here too, and its devices sent away. */
  private applyInvites(answer: VenueExchangeResponse): void {
    const { catalog, tokens, sync, log } = this.deps;
    const { eventId } = this.follow;
    for (const invite of cloudInvites(answer.invites, eventId)) {
      try {
        if (!catalog.mirrorInvite(invite)) continue;
      } catch (error) {
        log.warn({ err: error, event: eventId }, 'an invite from the cloud could not be kept');
        continue;
      }
      tokens.revoke(invite.id);
      this.passes.forget(invite.id);
      const closed = sync.closeInvite(invite.id);
      log.info({ event: eventId, invite: invite.id, closed }, 'invite revoked at the cloud; revoked here');
    }
  }

  /** Downloads each of the event's music files this venue lacks, checking it against its hash. */
  private async pullMusic(): Promise<void> {
    const { eventId, cloudUrl, token } = this.follow;
    const headers = { authorization: `Bearer ${token}` };
    const listed = await fetch(`${cloudUrl}${apiPath('listFiles', { eventId })}`, {
      headers,
      signal: AbortSignal.timeout(EXCHANGE_TIMEOUT_MS),
    });
    if (!listed.ok) return;
    for (const file of cloudMusicFiles(await listed.json())) {
      if (this.stopped || this.filesHere.has(file.sha256)) continue;
      if (await this.files.get(eventId, file.sha256)) {
        this.filesHere.add(file.sha256);
        continue;
      }
      const response = await fetch(`${cloudUrl}${apiPath('getFile', { eventId, sha256: file.sha256 })}`, {
        headers,
        signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
      });
      if (!response.ok || !response.body) continue;
      const type = response.headers.get('content-type') ?? file.type;
      const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
      const sha256 = await putContentAddressed(this.deps.store, body, { contentType: type });
      if (sha256 !== file.sha256) {
        this.deps.log.error(
          { event: eventId, expected: file.sha256, got: sha256 },
          'a music file from the cloud did not match its hash',
        );
        continue;
      }
      await this.files.add(eventId, { sha256, size: file.size, type });
      this.filesHere.add(sha256);
      this.deps.log.info({ event: eventId, file: sha256 }, 'music pulled from the cloud');
    }
  }
}

/** What the cloud said when it refused a round, in words for the organiser's screen. */
async function refusal(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as { error?: { code?: unknown; message?: unknown } } | null;
  const { code, message } = body?.error ?? {};
  return typeof code === 'string' && typeof message === 'string'
    ? `the cloud refused the venue (${code}): ${message}`.slice(0, 300)
    : `the cloud refused the venue (HTTP ${response.status})`;
}
