import { ClientErrorCode, RequestError } from '../api/client.ts';
import type { Membership } from '../storage/db.ts';
import { downloadVerified, listFiles } from './api.ts';
import { forgetMusic, saveSong, storedHashes } from './library.ts';

type Server = Pick<Membership, 'serverUrl' | 'eventId' | 'token'>;

export interface DownloadState {
  /**
   * `idle`: not asked; `running`: downloading; `offline`: interrupted by the network, continues
   * when it is back; `done`: every song there is, is on this device (or failed, see problems).
   */
  phase: 'idle' | 'running' | 'offline' | 'done';
  /** The DJ asked for the event's music offline: new songs download as they arrive. */
  wanted: boolean;
  /** This run: songs to fetch, fetched so far, bytes (the total when sizes are known). */
  songs: number;
  songsDone: number;
  bytesDone: number;
  bytesTotal: number | null;
  secondsLeft: number | null;
  /** Songs that could not be stored this run, with the reason. */
  problems: Array<{ sha256: string; message: string }>;
}

const PUBLISH_EVERY_MS = 200;
const intentKey = (eventId: string) => `ondeck:${eventId}:music-offline`;

/**
 * "Make available offline" for one event (issue 7): fetches every song the program names that
 * this device lacks, one at a time, verifies each against its SHA-256 and stores it in
 * IndexedDB. Songs already stored are never fetched again, so an interrupted run simply
 * continues where it stopped (the song cut off starts over) — by itself when the browser is
 * back online, and whenever the program gains songs while the DJ has asked for offline music.
 */
export class MusicDownloads {
  private hashes: string[] = [];
  private state: DownloadState;
  private readonly listeners = new Set<() => void>();
  private running = false;
  private again = false;
  private controller: AbortController | null = null;
  private lastPublish = 0;

  constructor(private readonly server: Server) {
    this.state = {
      phase: 'idle',
      wanted: this.wantedOffline(),
      songs: 0,
      songsDone: 0,
      bytesDone: 0,
      bytesTotal: null,
      secondsLeft: null,
      problems: [],
    };
    window.addEventListener('online', () => this.resume());
  }

  snapshot = (): DownloadState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The songs the event's program names (hashes); starts on new ones when offline music is wanted. */
  setSongs(hashes: string[]): void {
    const next = [...new Set(hashes)].sort();
    if (next.join() === this.hashes.join()) return;
    this.hashes = next;
    this.resume();
  }

  /** The DJ's one tap: keep every song of the event on this device from now on. */
  start(): void {
    localStorage.setItem(intentKey(this.server.eventId), '1');
    this.set({ wanted: true });
    void this.run();
  }

  /** Frees the space: stops, and removes the event's songs from this device. */
  async free(): Promise<void> {
    localStorage.removeItem(intentKey(this.server.eventId));
    this.controller?.abort();
    await forgetMusic(this.server.eventId);
    this.set({ phase: 'idle', wanted: false, songs: 0, songsDone: 0, bytesDone: 0, bytesTotal: null, problems: [] });
  }

  private wantedOffline(): boolean {
    return localStorage.getItem(intentKey(this.server.eventId)) === '1';
  }

  private resume(): void {
    if (this.wantedOffline() && navigator.onLine) void this.run();
  }

  private async run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        await this.pass();
      } while (this.again && this.wantedOffline());
    } finally {
      this.running = false;
    }
  }

  private async pass(): Promise<void> {
    const { eventId } = this.server;
    const stored = await storedHashes(eventId);
    const todo = this.hashes.filter((sha256) => !stored.has(sha256));
    if (todo.length === 0) {
      this.set({ phase: 'done', songs: 0, songsDone: 0, secondsLeft: null, problems: [] });
      return;
    }
    const sizes = new Map<string, number>();
    try {
      for (const file of (await listFiles(this.server)).files) sizes.set(file.sha256, file.size);
    } catch (error) {
      if (isNetwork(error)) return this.set({ phase: 'offline', secondsLeft: null });
    }
    const known = todo.every((sha256) => sizes.has(sha256));
    const bytesTotal = known ? todo.reduce((sum, sha256) => sum + (sizes.get(sha256) ?? 0), 0) : null;
    const problems: DownloadState['problems'] = [];
    const started = performance.now();
    let bytesDone = 0;
    this.set({
      phase: 'running',
      songs: todo.length,
      songsDone: 0,
      bytesDone,
      bytesTotal,
      secondsLeft: null,
      problems,
    });

    for (const [index, sha256] of todo.entries()) {
      if (!this.wantedOffline()) return;
      this.controller = new AbortController();
      let songBytes = 0;
      try {
        const blob = await downloadVerified(
          this.server,
          sha256,
          (count) => {
            songBytes += count;
            bytesDone += count;
            this.progress(bytesDone, bytesTotal, started);
          },
          this.controller.signal,
        );
        await saveSong(eventId, sha256, blob);
        this.set({ songsDone: index + 1 - problems.length });
      } catch (error) {
        // The song cut off starts over next time; what was stored stays stored.
        bytesDone -= songBytes;
        if (!this.wantedOffline()) return;
        if (isNetwork(error)) return this.set({ phase: 'offline', bytesDone, secondsLeft: null });
        problems.push({ sha256, message: error instanceof Error ? error.message : String(error) });
        this.set({ problems: [...problems] });
      }
    }
    this.set({ phase: 'done', bytesDone, secondsLeft: null });
  }

  private progress(bytesDone: number, bytesTotal: number | null, started: number): void {
    const now = performance.now();
    if (now - this.lastPublish < PUBLISH_EVERY_MS) return;
    const seconds = (now - started) / 1000;
    const rate = seconds > 0.5 ? bytesDone / seconds : 0;
    const secondsLeft = bytesTotal !== null && rate > 0 ? Math.max(0, (bytesTotal - bytesDone) / rate) : null;
    this.set({ bytesDone, secondsLeft });
  }

  private set(patch: Partial<DownloadState>): void {
    this.state = { ...this.state, ...patch };
    this.lastPublish = performance.now();
    for (const listener of this.listeners) listener();
  }
}

function isNetwork(error: unknown): boolean {
  return error instanceof RequestError && error.code === ClientErrorCode.NETWORK;
}

const managers = new Map<string, MusicDownloads>();

/** One download manager per event and token, for the tab's life. */
export function musicDownloads(server: Server): MusicDownloads {
  const key = `${server.eventId}\u0000${server.token}`;
  let manager = managers.get(key);
  if (!manager) {
    manager = new MusicDownloads(server);
    managers.set(key, manager);
  }
  return manager;
}
