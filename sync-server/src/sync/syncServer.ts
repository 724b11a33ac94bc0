import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  accessTo,
  CloseCode,
  type DocName,
  isSlug,
  parseDocName,
  permissionDeniedFrame,
  principalOf,
  SYNC_PATH,
} from '@ondeck/shared';
import type { FastifyBaseLogger as Logger } from 'fastify';
import { type WebSocket, WebSocketServer } from 'ws';
import type { TokenService } from '../auth/tokens.ts';
import type { IndexDatabase } from '../catalog/indexDatabase.ts';
import type { Config } from '../config.ts';
import { ApiErrors, type AppError } from '../errors.ts';
import { type DecodedUpdate, isEmptyUpdate } from '../loadedEvents/decodeUpdate.ts';
import type { DocRoom } from '../loadedEvents/docRoom.ts';
import type { EventRegistry } from '../loadedEvents/eventRegistry.ts';
import type { LoadedEvent } from '../loadedEvents/loadedEvent.ts';
import { UpdateOverLimit } from '../loadedEvents/updateLimits.ts';
import type { Metrics } from '../metrics.ts';
import { Connection, type Membership } from './connection.ts';
import { EventShares, RecentSenders } from './loopShares.ts';
import { type ClientMessage, KEEPALIVE_MESSAGE, type ProtocolError, parseClientMessage } from './messages.ts';
import { TokenRates } from './rateLimit.ts';

export interface SyncServerDeps {
  config: Config;
  catalog: IndexDatabase;
  tokens: TokenService;
  metrics: Metrics;
  log: Logger;
  /** The app's loaded events, built with the app and shared with the routes. */
  registry: EventRegistry;
  /**
   * Whether a browser page of this `Origin` may sync this event (http/originPolicy.ts, and the
   * pages of venues following it); no `Origin`, no browser.
   */
  allowsOrigin(origin: string | undefined, localPort: number | undefined, eventId: string): boolean;
}

/** Where a sync request is going, parsed and validated from its URL before the upgrade. */
interface SyncTarget {
  eventId: string;
  docName: DocName;
  token: string | null;
}

/**
 * The WebSocket sync server, split hocuspocus-style into lifecycle steps:
 * `onUpgrade` (validate the URL before any upgrade) → `onConnect` (authenticate, authorise) →
 * `onLoadDocument` (event and document in memory) → `onMessage` → `onDisconnect`.
 * Committing (`onStoreDocument`) is the loaded event's group commit.
 */
export class SyncServer {
  private readonly registry: EventRegistry;
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<Connection>();
  private readonly heartbeat: NodeJS.Timeout;
  /** Null only in the bench's control run (`config.unchecked`). */
  private readonly tokenRates: TokenRates | null;
  /** Null only in the bench's control run, like `tokenRates`. */
  private readonly eventShares: EventShares | null;
  private readonly senders = new RecentSenders();
  private stopping = false;

  constructor(private readonly deps: SyncServerDeps) {
    const { config } = deps;
    this.registry = deps.registry;
    // NOTE: no permessage-deflate: a compression context per socket costs ~300 KB that idle
    // phones would hold all day. A new device's first copy comes compressed over HTTP instead.
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: config.maxMessageBytes,
      perMessageDeflate: false,
      clientTracking: false,
      // NOTE: ws hands over every message of a chunk in one turn (allowSynchronousEvents). With
      // one message per turn, the group commit (a setImmediate) ran between every two messages:
      // a commit apiece, and one writer's 12,000 changes (walCheckpoint.test) took past 300 s
      // instead of 60 s on an idle machine. A burst is bounded by its token's share of the loop
      // and the backlog instead (loopShares.ts).
    });
    this.tokenRates = config.unchecked
      ? null
      : new TokenRates(config.tokenRateLimitPerSecond, config.tokenRateLimitBurst);
    this.eventShares = config.unchecked ? null : new EventShares();
    this.heartbeat = setInterval(() => this.beat(), config.heartbeatMs);
    this.heartbeat.unref();
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  // --- onUpgrade --------------------------------------------------------------------------

  /** Handles an HTTP upgrade; returns false when the path is not ours. */
  onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    // NOTE: the raw path, not `new URL(...)`: URL parsing resolves `..` segments, and a
    // traversal attempt must be refused as such rather than quietly rewritten.
    const raw = req.url ?? '/';
    const queryAt = raw.indexOf('?');
    const path = queryAt < 0 ? raw : raw.slice(0, queryAt);
    if (!path.startsWith(`${SYNC_PATH}/`) && path !== SYNC_PATH) return false;
    const target = parseTarget(path, new URLSearchParams(queryAt < 0 ? '' : raw.slice(queryAt + 1)));
    if ('refusal' in target) {
      this.deps.metrics.refusedMessages.inc({ reason: target.refusal.code });
      refuseUpgrade(socket, target.refusal);
      return true;
    }
    const { origin } = req.headers;
    if (!this.deps.allowsOrigin(origin, req.socket.localPort, target.eventId)) {
      this.deps.metrics.refusedMessages.inc({ reason: 'ORIGIN_NOT_ALLOWED' });
      refuseUpgrade(socket, new ApiErrors.ORIGIN_NOT_ALLOWED(JSON.stringify(origin ?? '').slice(0, 200)));
      return true;
    }
    if (this.stopping) {
      refuseUpgrade(socket, new ApiErrors.SERVER_RESTARTING());
      return true;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.onConnect(ws, socket, target).catch((error: unknown) => {
        this.deps.log.error({ err: error, event: target.eventId, doc: target.docName }, 'connection setup failed');
        ws.close(CloseCode.DOCUMENT_UNAVAILABLE, 'the connection could not be set up; try again later');
      });
    });
    return true;
  }

  // --- onConnect --------------------------------------------------------------------------

  private async onConnect(ws: WebSocket, socket: Duplex, target: SyncTarget): Promise<void> {
    const { config, tokens, catalog, metrics } = this.deps;
    const limits = {
      perSecond: config.rateLimitPerSecond,
      burst: config.rateLimitBurst,
      maxBufferedBytes: config.maxBufferedBytes,
    };
    const conn = new Connection(ws, socket, target.eventId, target.docName, limits, metrics);
    this.connections.add(conn);
    metrics.connections.set(this.connections.size);
    // NOTE: nothing one connection sends may escape its handlers: an exception thrown in a
    // socket's event handler ends the process, and with it every event on the server.
    ws.on('message', (data: Buffer, isBinary: boolean) =>
      this.guarded(conn, () => this.onMessage(conn, data, isBinary)),
    );
    ws.on('close', () => {
      try {
        this.onDisconnect(conn);
      } catch (error) {
        this.deps.log.error({ err: error, event: conn.eventId, doc: conn.docName }, 'disconnect failed');
      }
    });
    ws.on('error', (error) => this.deps.log.debug({ err: error }, 'socket error'));
    ws.on('pong', () => conn.ponged());

    const check = await tokens.verify(target.token);
    if (!check.ok) {
      const code = check.problem === 'revoked' ? CloseCode.TOKEN_REVOKED : CloseCode.UNAUTHORIZED;
      return this.refuse(conn, code, check.reason);
    }
    const { claims } = check;
    if (claims.ev !== target.eventId) return this.refuse(conn, CloseCode.FORBIDDEN, 'this token is for another event');
    if (!catalog.getEvent(target.eventId)) return this.refuse(conn, CloseCode.UNKNOWN_EVENT, 'no such event here');
    const principal = principalOf(claims);
    const access = accessTo(principal, target.docName);
    if (access === 'none')
      return this.refuse(conn, CloseCode.FORBIDDEN, `a ${claims.role} token may not open ${target.docName}`);
    const tokenRate = target.token === null ? null : (this.tokenRates?.of(target.token) ?? null);
    if (!conn.admit({ ...principal, inviteId: claims.jti, access, expiresAt: claims.exp }, tokenRate)) return;
    await this.onLoadDocument(conn);
  }

  // --- onLoadDocument ---------------------------------------------------------------------

  private async onLoadDocument(conn: Connection): Promise<void> {
    let event: LoadedEvent;
    try {
      event = await this.registry.acquire(conn.eventId);
    } catch (error) {
      this.deps.log.error({ err: error, event: conn.eventId }, 'event failed to load');
      return this.refuse(conn, CloseCode.DOCUMENT_UNAVAILABLE, 'the event could not be loaded; try again later');
    }
    try {
      if (conn.state.phase !== 'loading') return;
      let room: DocRoom;
      try {
        room = event.room(conn.docName);
      } catch {
        return this.refuse(conn, CloseCode.DOCUMENT_UNAVAILABLE, 'the document could not be loaded');
      }
      if (!conn.join(event, room)) return;
      event.join(conn, room);
      // The handshake's step 1 goes out after the next commit, like every state vector we send.
      event.confirmAfterCommit(conn, room);
      if (conn.hasBacklog) this.drainSoon(conn);
    } finally {
      this.registry.release(event);
    }
  }

  // --- onMessage --------------------------------------------------------------------------

  /** Runs a message's handling; whatever it throws closes that connection, and only it. */
  private guarded(conn: Connection, handle: () => void): void {
    try {
      handle();
    } catch (error) {
      this.deps.log.error({ err: error, event: conn.eventId, doc: conn.docName }, 'a message could not be handled');
      this.refuse(conn, CloseCode.MALFORMED_MESSAGE, 'the message could not be handled');
    }
  }

  private onMessage(conn: Connection, data: Buffer, isBinary: boolean): void {
    // NOTE: checked on every message, not only at the next heartbeat: nothing is accepted from
    // a token past its expiry, not even in the seconds before its socket is closed.
    if (this.closeIfExpired(conn)) return;
    if (!isBinary) {
      this.refuse(conn, CloseCode.MALFORMED_MESSAGE, 'text messages are not part of the protocol');
      return;
    }
    const over = conn.spend(data.length);
    if (over) {
      this.deps.metrics.refusedMessages.inc({ reason: `${over}-rate` });
      this.refuse(conn, CloseCode.RATE_LIMITED, `too many messages on this ${over}; slow down`);
      return;
    }
    if (conn.hold(data)) return;
    if (this.waitMs(conn) > 0) {
      conn.backlog([data]);
      this.drainSoon(conn);
      return;
    }
    this.handleTimed(conn, data);
  }

  /** How long a connection's next message must wait for its token's and its event's shares of the loop (0: now). */
  private waitMs(conn: Connection): number {
    const token = conn.waitMs > 0 && this.senders.othersThan(conn.tokenKey) ? conn.waitMs : 0;
    return Math.max(token, this.eventShares?.waitMs(conn.eventId) ?? 0);
  }

  /** Handles a message; the time it took is charged to its token's and its event's shares of the loop. */
  private handleTimed(conn: Connection, data: Uint8Array): void {
    const started = performance.now();
    this.guarded(conn, () => this.handle(conn, data));
    const ms = performance.now() - started;
    conn.charge(ms);
    this.senders.served(conn.tokenKey);
    this.eventShares?.charge(conn.eventId, ms);
  }

  /**
   * Handles a connection's next waiting message at the next turn of the event loop, or once its
   * token and its event are back within their shares of the loop (loopShares.ts).
   *
   * NOTE: one message per turn, so no backlog holds the loop: a connection's messages that
   * arrived before its token was checked (a burst of 80 from the hostile suite) were handled all
   * at once, and that turn is what a well-behaved reader on another event waited for.
   */
  private drainSoon(conn: Connection): void {
    const run = () => {
      if (!conn.membership) return;
      if (this.waitMs(conn) > 0) return this.drainSoon(conn);
      const next = conn.next();
      if (!next) return;
      this.handleTimed(conn, next);
      this.drainSoon(conn);
    };
    const wait = this.waitMs(conn);
    if (wait > 0) setTimeout(run, wait);
    else setImmediate(run);
  }

  private handle(conn: Connection, data: Uint8Array): void {
    const membership = conn.membership;
    if (!membership) return;
    const { room } = membership;
    let message: ClientMessage;
    try {
      message = parseClientMessage(data);
    } catch (error) {
      const { code, message: reason } = error as ProtocolError;
      this.refuse(conn, code === 'too-large' ? CloseCode.MESSAGE_TOO_LARGE : CloseCode.MALFORMED_MESSAGE, reason);
      return;
    }
    switch (message.kind) {
      case 'sync-step1': {
        let reply: Uint8Array;
        try {
          reply = room.step2For(message.stateVector);
        } catch {
          this.refuse(conn, CloseCode.MALFORMED_MESSAGE, 'the state vector could not be decoded');
          return;
        }
        conn.send(reply);
        return;
      }
      case 'update':
        if (message.reply) membership.event.answered(conn);
        this.receiveUpdate(conn, membership, message.update);
        return;
      case 'awareness':
        // NOTE: presence is relayed for no role. Our client publishes none (client/src/sync/
        // replica.ts) and no screen shows any, while relaying it let any token — a printed
        // public QR code — send a frame that the server copied to every reader, and overwrite
        // other devices' entries (issue 11, found 4). Awareness frames are still read as part
        // of the protocol, within the rate limits, so a stock y-websocket provider (which
        // announces an empty state) keeps working; they are dropped and counted.
        this.deps.metrics.refusedMessages.inc({ reason: 'awareness' });
        return;
      case 'query-awareness':
        // Always answered, with the empty keep-alive since nobody's presence is kept: clients use
        // this standard query as their ping, to notice a server that stopped answering.
        conn.send(KEEPALIVE_MESSAGE);
        return;
    }
  }

  private receiveUpdate(conn: Connection, { admission, event, room }: Membership, update: Uint8Array): void {
    // Nothing to read, hold, admit, apply or confirm (see isEmptyUpdate).
    if (isEmptyUpdate(update)) return;
    let decoded: DecodedUpdate;
    try {
      decoded = event.check(room, update);
    } catch (error) {
      if (error instanceof UpdateOverLimit) this.refuseOverLimit(conn, error);
      else
        this.refuse(conn, CloseCode.MALFORMED_MESSAGE, `the update could not be decoded: ${(error as Error).message}`);
      return;
    }
    if (event.holds(room, decoded)) {
      // NOTE: nothing new — a reader's handshake reply, or a writer re-sending what the server
      // has: a stock provider answers every confirmation (a step 1) with what it sent since, so
      // with a writer typing fast most of what it sends arrives twice. Nothing to admit or apply
      // (a second full decode, issue 19); a writer's copy with content is still confirmed, after
      // the commit, since its sender may count it as pending.
      if (admission.access === 'write' && decoded.sections > 0) event.confirmAfterCommit(conn, room);
      return;
    }
    if (admission.access !== 'write') {
      this.deps.metrics.refusedMessages.inc({ reason: 'read-only' });
      // NOTE: said once per connection: a reader sending change after change was answered each
      // time, a socket write apiece (~5 % of the server's time in the hostile suite).
      if (conn.toldReadOnly) return;
      conn.toldReadOnly = true;
      conn.send(
        permissionDeniedFrame(`read-only: a ${admission.role} token may not change ${room.name}; change refused`),
      );
      return;
    }
    try {
      event.admit(room, decoded);
    } catch (error) {
      if (!(error instanceof UpdateOverLimit)) throw error;
      this.refuseOverLimit(conn, error);
      return;
    }
    const before = room.version;
    if (!event.apply(room, decoded, conn)) return;
    // Confirm anything that brought content or changed the document — including a re-sent
    // change already stored, which its sender still counts as pending.
    if (room.version !== before || decoded.sections > 0) event.confirmAfterCommit(conn, room);
  }

  // --- onDisconnect -----------------------------------------------------------------------

  private onDisconnect(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    this.deps.metrics.connections.set(this.connections.size);
    const left = conn.closed();
    if (!left) return;
    const { event, room } = left;
    event.leave(conn, room);
    this.registry.checkIdle(event);
  }

  private refuse(conn: Connection, code: number, reason: string): void {
    this.deps.metrics.refusedMessages.inc({ reason: String(code) });
    this.deps.log.info({ event: conn.eventId, doc: conn.docName, code, reason }, 'connection refused');
    conn.close(code, reason);
  }

  /** An update past the documents' shape or budgets (loadedEvents/updateLimits.ts): nothing of it was applied. */
  private refuseOverLimit(conn: Connection, error: UpdateOverLimit): void {
    this.deps.metrics.refusedMessages.inc({ reason: error.reason });
    const budget = error.reason === 'document-budget' || error.reason === 'event-budget';
    this.refuse(conn, budget ? CloseCode.DOCUMENT_TOO_LARGE : CloseCode.UPDATE_OUT_OF_SHAPE, error.message);
  }

  /** Closes every connection opened with tokens from this invite. */
  closeInvite(inviteId: string): number {
    let closed = 0;
    for (const conn of this.connections) {
      if (conn.admission?.inviteId === inviteId) {
        conn.close(CloseCode.TOKEN_REVOKED, 'the invite behind this token was revoked');
        closed++;
      }
    }
    return closed;
  }

  /** Closes every connection to one event (it moves to another node of a cluster). */
  closeEvent(eventId: string, code: number, reason: string): number {
    let closed = 0;
    for (const conn of this.connections) {
      if (conn.eventId === eventId) {
        conn.close(code, reason);
        closed++;
      }
    }
    return closed;
  }

  /** A token that expired while its socket was open ends the connection, with the code that asks for a new invite. */
  private closeIfExpired(conn: Connection, now = Date.now()): boolean {
    const admission = conn.admission;
    if (!admission || admission.expiresAt * 1000 > now) return false;
    if (conn.state.phase === 'closing') return true;
    this.refuse(conn, CloseCode.UNAUTHORIZED, 'the token expired; open the invite link again');
    return true;
  }

  private beat(): void {
    const now = Date.now();
    const idleBefore = now - this.deps.config.heartbeatMs;
    for (const conn of this.connections) if (!this.closeIfExpired(conn, now)) conn.heartbeat(idleBefore);
    this.tokenRates?.sweep();
    this.eventShares?.sweep();
  }

  /**
   * Shutdown: refuse new sockets, commit what is pending, close sockets with "restarting",
   * then unload every event (compact, back up, close its file).
   */
  async shutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.heartbeat);
    for (const event of this.registry.all()) event.flush();
    for (const conn of this.connections) conn.close(CloseCode.SERVER_RESTARTING, 'the server is restarting');
    await this.registry.unloadAll();
    for (const conn of this.connections) conn.terminate();
  }
}

function parseTarget(path: string, query: URLSearchParams): SyncTarget | { refusal: AppError } {
  const rest = path.slice(SYNC_PATH.length + 1);
  const slash = rest.indexOf('/');
  const eventId = slash < 0 ? rest : rest.slice(0, slash);
  if (!isSlug(eventId))
    return { refusal: new ApiErrors.INVALID_EVENT_ID('event ids are lowercase letters, digits and hyphens') };
  const docName = slash < 0 ? '' : rest.slice(slash + 1);
  if (!parseDocName(docName)) return { refusal: new ApiErrors.INVALID_DOCUMENT() };
  return { eventId, docName: docName as DocName, token: query.get('token') };
}

/** An upgrade refused before it is a socket: a plain HTTP answer, an `ApiError` like the REST routes'. */
function refuseUpgrade(socket: Duplex, error: AppError): void {
  const body = JSON.stringify({ error: { code: error.code, message: error.message } });
  const reason = STATUS_CODES[error.statusCode] ?? 'Error';
  socket.end(
    `HTTP/1.1 ${error.statusCode} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
