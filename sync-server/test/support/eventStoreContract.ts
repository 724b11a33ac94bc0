import { putRecord, readProgram } from '@ondeck/shared';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { EventStore } from '../../src/storage/eventStore.ts';
import { replayStoredDoc } from '../../src/storage/replayStoredDoc.ts';

/** A place to keep one event, opened as many times as a test likes (each open sees what the last close left). */
export interface StoreFixture {
  open(): EventStore;
  /** Removes whatever the fixture made. */
  remove(): void | Promise<void>;
}

const bytes = (...values: number[]) => Uint8Array.from(values);

/**
 * What every EventStore must do for the commit path to be right: the contract the group
 * commit, compaction and loading rely on. Run it against each implementation.
 */
export function eventStoreContract(name: string, fixture: () => StoreFixture): void {
  describe(`${name} keeps the EventStore contract`, () => {
    const made: StoreFixture[] = [];
    const opened: EventStore[] = [];
    const open = (f: StoreFixture) => {
      const store = f.open();
      opened.push(store);
      return store;
    };
    const fresh = () => {
      const f = fixture();
      made.push(f);
      return f;
    };
    afterEach(async () => {
      for (const store of opened.splice(0)) store.close();
      for (const f of made.splice(0)) await f.remove();
    });

    it('loads a document never written as empty, and starts numbering at 0', () => {
      const store = open(fresh());
      expect(store.loadDoc('program')).toEqual({ snapshot: null, updates: [], lastSeq: 0 });
      expect(store.lastSeq()).toBe(0);
    });

    it('appends each batch whole, in commit order, per document, byte for byte', () => {
      const store = open(fresh());
      const first = store.append([
        { doc: 'program', data: bytes(1, 2, 3) },
        { doc: 'live', data: bytes(4) },
      ]);
      const second = store.append([{ doc: 'program', data: bytes(5, 6) }]);
      expect(second).toBeGreaterThan(first);
      expect(store.lastSeq()).toBe(second);
      const program = store.loadDoc('program');
      expect(program.snapshot).toBeNull();
      expect(program.updates.map((u) => [...u])).toEqual([
        [1, 2, 3],
        [5, 6],
      ]);
      expect(program.lastSeq).toBe(second);
      expect(store.loadDoc('live').updates.map((u) => [...u])).toEqual([[4]]);
      expect(store.loadDoc('scores/j1').updates).toEqual([]);
    });

    it('names every document it holds, and only those, sorted', () => {
      const store = open(fresh());
      expect(store.docNames()).toEqual([]);
      store.append([
        { doc: 'scores/j2', data: bytes(1) },
        { doc: 'program', data: bytes(2) },
      ]);
      const seq = store.append([{ doc: 'live', data: bytes(3) }]);
      store.compact('live', bytes(3), seq, 1);
      expect(store.docNames()).toEqual(['live', 'program', 'scores/j2']);
    });

    it('keeps what it committed across upkeep, close and reopen', () => {
      const f = fresh();
      const store = open(f);
      store.append([{ doc: 'program', data: bytes(7) }]);
      store.afterCommit();
      const seq = store.append([{ doc: 'program', data: bytes(8) }]);
      store.afterCommit();
      store.close();
      opened.pop();
      const again = open(f);
      expect(again.loadDoc('program').updates.map((u) => [...u])).toEqual([[7], [8]]);
      expect(again.lastSeq()).toBe(seq);
    });

    it('stores nothing of a batch that throws, and goes on numbering after it', () => {
      const store = open(fresh());
      const before = store.append([{ doc: 'program', data: bytes(1) }]);
      expect(() =>
        store.append([
          { doc: 'program', data: bytes(2) },
          { doc: 'program', data: null as unknown as Uint8Array },
        ]),
      ).toThrow();
      expect(store.loadDoc('program').updates.map((u) => [...u])).toEqual([[1]]);
      expect(store.append([{ doc: 'program', data: bytes(3) }])).toBeGreaterThan(before);
    });

    it('lets a snapshot stand for the log up to its number, keeping what came after', () => {
      const store = open(fresh());
      const a = store.append([{ doc: 'program', data: bytes(1) }]);
      const b = store.append([{ doc: 'program', data: bytes(2) }]);
      store.append([{ doc: 'live', data: bytes(9) }]);
      store.compact('program', bytes(10, 11), a, 3);
      const program = store.loadDoc('program');
      expect([...(program.snapshot ?? [])]).toEqual([10, 11]);
      expect(program.updates.map((u) => [...u])).toEqual([[2]]);
      expect(program.lastSeq).toBe(b);
      store.compact('program', bytes(12), b, 3);
      expect([...(store.loadDoc('program').snapshot ?? [])]).toEqual([12]);
      expect(store.loadDoc('program').updates).toEqual([]);
      expect(store.loadDoc('program').lastSeq).toBe(b);
      // Another document's log is its own.
      expect(store.loadDoc('live').updates.map((u) => [...u])).toEqual([[9]]);
    });

    it('never numbers again what compaction removed, even after reopening', () => {
      const f = fresh();
      const store = open(f);
      const last = store.append([
        { doc: 'program', data: bytes(1) },
        { doc: 'program', data: bytes(2) },
      ]);
      store.compact('program', bytes(3), last, 3);
      expect(store.lastSeq()).toBe(last);
      store.close();
      opened.pop();
      const again = open(f);
      expect(again.lastSeq()).toBe(last);
      const next = again.append([{ doc: 'program', data: bytes(4) }]);
      expect(next).toBeGreaterThan(last);
      // The update after the snapshot is not hidden by a reused number below it.
      expect(again.loadDoc('program').updates.map((u) => [...u])).toEqual([[4]]);
    });

    it('gives back a document that replays to the state that was written', () => {
      const store = open(fresh());
      const doc = new Y.Doc();
      doc.on('update', (update: Uint8Array) => store.append([{ doc: 'program', data: update }]));
      for (let i = 0; i < 30; i++) putRecord(doc, 'studios', { id: `s${i}`, name: `Studio ${i}` });
      store.compact('program', Y.encodeStateAsUpdate(doc), store.lastSeq(), 3);
      for (let i = 30; i < 40; i++) putRecord(doc, 'studios', { id: `s${i}`, name: `Studio ${i}` });
      const replayed = new Y.Doc();
      replayStoredDoc(replayed, store.loadDoc('program'));
      expect(readProgram(replayed).studios.size).toBe(40);
      expect(Y.encodeStateVector(replayed)).toEqual(Y.encodeStateVector(doc));
    });
  });
}
