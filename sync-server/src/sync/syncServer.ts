import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  accessTo,
  awarenessFrame,
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
import { applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { TokenService } from '../auth/tokens.ts';
import type { IndexDatabase } from '../catalog/indexDatabase.ts';
import type { Config } from '../config.ts';
import { ApiErrors, type AppError } from '../errors.ts';
import { EventRegistry, type LifecycleHooks } from '../events/eventRegistry.ts';
import type { LoadedEvent, Outbox } from '../events/loadedEvent.ts';
import type { Metrics } from '../metrics.ts';
import { Connection } from './connection.ts';
import type { DocRoom } from './docRoom.ts';
import {
  type ClientMessage,
  KEEPALIVE_MESSAGE,
  type ProtocolError,
  parseClientMessage,
  updateHasStructs,
} from './messages.ts';

export interface SyncServerDeps {
  config: Config;
  catalog: IndexDatabase;
  tokens: TokenService;
  metrics: Metrics;
  log: Logger;
  hooks?: LifecycleHooks;
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
export class SyncServer implements Outbox {
  readonly registry: EventRegistry;
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<Connection>();
  private readonly heartbeat: NodeJS.Timeout;
  private stopping = false;

  constructor(private readonly deps: SyncServerDeps) {
    const { config, metrics, log, hooks } = deps;
    this.registry = new EventRegistry(
      config.dataDir,
      {
        idleTimeoutMs: config.idleTimeoutMs,
        compactAfterUpdates: config.compactAfterUpdates,
        snapshotsKept: config.snapshotsKept,
        synchronous: config.sqliteSynchronous,
      },
      this,
      metrics,
      log,
      hooks,
    );
    // NOTE: no permessage-deflate: a compression context per socket costs ~300 KB that idle
    // phones would hold all day. A new device's first copy comes compressed over HTTP instead.
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: config.maxMessageBytes,
      perMessageDeflate: false,
      clientTracking: false,
    });
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
    if (this.stopping) {
      refuseUpgrade(socket, new ApiErrors.SERVER_RESTARTING());
      return true;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      void this.onConnect(ws, target);
    });
    return true;
  }

  // --- onConnect --------------------------------------------------------------------------

  private async onConnect(ws: WebSocket, target: SyncTarget): Promise<void> {
    const { config, tokens, catalog, metrics } = this.deps;
    const conn = new Connection(ws, target.eventId, target.docName, {
      perSecond: config.rateLimitPerSecond,
      burst: config.rateLimitBurst,
    });
    this.connections.add(conn);
    metrics.connections.set(this.connections.size);
    ws.on('message', (data: Buffer, isBinary: boolean) => this.onMessage(conn, data, isBinary));
    ws.on('close', () => this.onDisconnect(conn));
    ws.on('error', (error) => this.deps.log.debug({ err: error }, 'socket error'));
    ws.on('pong', () => {
      conn.alive = true;
    });

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
    conn.identity = { ...principal, inviteId: claims.jti };
    conn.access = access;
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
      if (!conn.isOpen) return;
      let room: DocRoom;
      try {
        room = event.room(conn.docName);
      } catch {
        return this.refuse(conn, CloseCode.DOCUMENT_UNAVAILABLE, 'the document could not be loaded');
      }
      conn.room = room;
      room.conns.add(conn);
      event.connections.add(conn);
      // The handshake's step 1 goes out after the next commit, like every state vector we send.
      event.confirmAfterCommit(conn);
      const states = room.awareness.getStates();
      if (states.size > 0) this.send(conn, awarenessFrame(encodeAwarenessUpdate(room.awareness, [...states.keys()])));
      const early = conn.early ?? [];
      conn.early = null;
      for (const data of early) this.handle(conn, data);
    } finally {
      this.registry.release(event);
    }
  }

  // --- onMessage --------------------------------------------------------------------------

  private onMessage(conn: Connection, data: Buffer, isBinary: boolean): void {
    if (!isBinary) {
      this.refuse(conn, CloseCode.MALFORMED_MESSAGE, 'text messages are not part of the protocol');
      return;
    }
    if (!conn.spend(data.length)) {
      this.refuse(conn, CloseCode.RATE_LIMITED, 'too many messages; slow down');
      return;
    }
    if (conn.early) {
      conn.early.push(data);
      return;
    }
    this.handle(conn, data);
  }

  private handle(conn: Connection, data: Uint8Array): void {
    const room = conn.room;
    const event = this.registry.get(conn.eventId);
    if (!room || !event || !conn.isOpen) return;
    let message: ClientMessage;
    try {
      message = parseClientMessage(data);
    } catch (error) {
      this.refuse(conn, CloseCode.MALFORMED_MESSAGE, (error as ProtocolError).message);
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
        this.send(conn, reply);
        return;
      }
      case 'update':
        this.receiveUpdate(conn, room, event, message.update);
        return;
      case 'awareness':
        try {
          applyAwarenessUpdate(room.awareness, message.update, conn);
        } catch {
          this.refuse(conn, CloseCode.MALFORMED_MESSAGE, 'the awareness update could not be decoded');
          return;
        }
        return;
      case 'query-awareness': {
        // Always answered, with the empty keep-alive when nobody is present: clients use this
        // standard query as their ping, to notice a server that stopped answering.
        const ids = [...room.awareness.getStates().keys()];
        this.send(
          conn,
          ids.length > 0 ? awarenessFrame(encodeAwarenessUpdate(room.awareness, ids)) : KEEPALIVE_MESSAGE,
        );
        return;
      }
    }
  }

  private receiveUpdate(conn: Connection, room: DocRoom, event: LoadedEvent, update: Uint8Array): void {
    try {
      // Decodes the whole update (structs and deletions) before anything is applied.
      Y.parseUpdateMeta(update);
    } catch {
      this.refuse(conn, CloseCode.MALFORMED_MESSAGE, 'the update could not be decoded');
      return;
    }
    if (conn.access !== 'write') {
      // A reader's handshake reply carries what the server already has: nothing to refuse.
      if (room.contains(update)) return;
      this.deps.metrics.refusedMessages.inc({ reason: 'read-only' });
      this.send(
        conn,
        permissionDeniedFrame(`read-only: a ${conn.identity?.role} token may not change ${room.name}; change refused`),
      );
      return;
    }
    const before = room.version;
    Y.applyUpdate(room.doc, update, conn);
    // Confirm anything that brought content or changed the document — including a re-sent
    // change already stored, which its sender still counts as pending.
    if (room.version !== before || updateHasStructs(update)) event.confirmAfterCommit(conn);
  }

  // --- onDisconnect -----------------------------------------------------------------------

  private onDisconnect(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    this.deps.metrics.connections.set(this.connections.size);
    const room = conn.room;
    const event = this.registry.get(conn.eventId);
    if (room && conn.awarenessIds && conn.awarenessIds.size > 0) {
      removeAwarenessStates(room.awareness, [...conn.awarenessIds], null);
    }
    if (event) {
      event.detach(conn);
      this.registry.checkIdle(event);
    }
  }

  // --- outbox -----------------------------------------------------------------------------

  send(conn: Connection, message: Uint8Array): void {
    if (!conn.isOpen) return;
    // NOTE: the cap is on what already waits, not on this message: a whole-document sync larger
    // than the cap must still reach a client that keeps up, or it could never catch up.
    if (conn.ws.bufferedAmount > this.deps.config.maxBufferedBytes) {
      this.deps.metrics.refusedMessages.inc({ reason: 'slow-client' });
      conn.ws.close(CloseCode.SLOW_CLIENT, 'the connection fell too far behind; reconnect to catch up');
      return;
    }
    conn.lastSentAt = Date.now();
    conn.ws.send(message);
  }

  private refuse(conn: Connection, code: number, reason: string): void {
    this.deps.metrics.refusedMessages.inc({ reason: String(code) });
    this.deps.log.info({ event: conn.eventId, doc: conn.docName, code, reason }, 'connection refused');
    if (conn.ws.readyState === conn.ws.OPEN || conn.ws.readyState === conn.ws.CONNECTING)
      conn.ws.close(code, reason.slice(0, 120));
  }

  /** Closes every connection opened with tokens from this invite. */
  closeInvite(inviteId: string): number {
    let closed = 0;
    for (const conn of this.connections) {
      if (conn.identity?.inviteId === inviteId) {
        conn.ws.close(CloseCode.TOKEN_REVOKED, 'the invite behind this token was revoked');
        closed++;
      }
    }
    return closed;
  }

  private beat(): void {
    const idleBefore = Date.now() - this.deps.config.heartbeatMs;
    for (const conn of this.connections) {
      if (!conn.alive) {
        conn.ws.terminate();
        continue;
      }
      conn.alive = false;
      conn.ws.ping();
      if (conn.room && conn.lastSentAt < idleBefore) this.send(conn, KEEPALIVE_MESSAGE);
    }
  }

  /**
   * Shutdown: refuse new sockets, commit what is pending, close sockets with "restarting",
   * then unload every event (compact, back up, close its file).
   */
  async shutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.heartbeat);
    for (const event of this.registry.all()) event.flush();
    for (const conn of this.connections) conn.ws.close(CloseCode.SERVER_RESTARTING, 'the server is restarting');
    await this.registry.unloadAll();
    for (const conn of this.connections) conn.ws.terminate();
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
  const reason = error.statusCode === 400 ? 'Bad Request' : 'Service Unavailable';
  socket.end(
    `HTTP/1.1 ${error.statusCode} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
