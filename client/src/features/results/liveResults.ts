import {
  type Callbacks,
  observeMarks,
  putRecord,
  ResultsEngine,
  readMarks,
  readProgram,
  scoresDocName,
} from '@ondeck/shared';
import type { EventSession } from '../../sync/session.ts';

/** How long a burst of marks may run before the screens show it. */
const SHOW_AFTER_MS = 100;
/**
 * How long the program may keep changing before the engine is made again. NOTE: a new engine
 * for the largest event, with every judge's marks and every summary read, costs ~80 ms of CPU
 * (`pnpm --filter @ondeck/shared bench`); an organiser editing the program should not pay it on
 * every change.
 */
const REBUILD_AFTER_MS = 250;

/**
 * The organiser's results for one event in this tab: a results engine kept up to date from the
 * program and every judge's marks on this device — so they work offline and change as marks
 * arrive, one mark at a time (`observeMarks`). A changed program means a new engine. Finished
 * semi-finals are published into the program from here, whichever screen is open, so each
 * judge's final lists its couples.
 */
export class LiveResults {
  private engine: ResultsEngine | null = null;
  private programVersion = -1;
  /** Bumped whenever the results may have changed. */
  version = 0;
  private readonly listeners = new Set<() => void>();
  private readonly watching = new Map<string, () => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private rebuildTimer: ReturnType<typeof setTimeout> | undefined;
  /** Callbacks this tab published, until the engine is made again from a program that has them. */
  private publishing = new Set<string>();

  constructor(private readonly session: EventSession) {
    session.replica('program').subscribe(() => this.refresh());
    this.refresh();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The engine, or null until the program has loaded from this device. */
  current(): ResultsEngine | null {
    return this.engine;
  }

  private refresh(): void {
    const replica = this.session.replica('program');
    if (!replica.loaded || replica.version === this.programVersion || this.rebuildTimer !== undefined) return;
    if (!this.engine) this.rebuild();
    else
      this.rebuildTimer = setTimeout(() => {
        this.rebuildTimer = undefined;
        this.rebuild();
      }, REBUILD_AFTER_MS);
  }

  private rebuild(): void {
    const replica = this.session.replica('program');
    this.programVersion = replica.version;
    const engine = new ResultsEngine(readProgram(replica.doc));
    this.engine = engine;
    this.publishing = new Set();
    const judges = new Set(engine.index.judges.map((j) => j.id));
    for (const [judgeId, stop] of this.watching)
      if (!judges.has(judgeId)) {
        stop();
        this.watching.delete(judgeId);
      }
    for (const judgeId of judges) {
      const doc = this.session.replica(scoresDocName(judgeId)).doc;
      engine.setMarks(judgeId, readMarks(doc));
      if (!this.watching.has(judgeId))
        this.watching.set(
          judgeId,
          observeMarks(doc, (changed) => {
            this.engine?.applyChanges(judgeId, changed);
            this.changed();
          }),
        );
    }
    this.changed();
  }

  private changed(): void {
    this.version++;
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.publishFinishedSemiFinals();
      for (const listener of this.listeners) listener();
    }, SHOW_AFTER_MS);
  }

  private publishFinishedSemiFinals(): void {
    const ready = (this.engine?.callbacksToPublish(Date.now()) ?? []).filter((r) => !this.publishing.has(r.id));
    if (ready.length === 0 || !this.session.canWrite('program')) return;
    for (const record of ready) this.publishing.add(record.id);
    void publishCallbacks(this.session, ready);
  }
}

/** Writes semi-finals' finalists into the program (one change). */
export function publishCallbacks(session: EventSession, records: readonly Callbacks[]): Promise<void> {
  return session.write('program', (doc) => {
    for (const record of records) putRecord(doc, 'callbacks', record);
  });
}

const live = new WeakMap<EventSession, LiveResults>();

export function liveResultsFor(session: EventSession): LiveResults {
  let found = live.get(session);
  if (!found) {
    found = new LiveResults(session);
    live.set(session, found);
  }
  return found;
}
