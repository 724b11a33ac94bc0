import { seededRandom } from '@ondeck/shared/testkit';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkAgainst, decodeUpdate, InvalidUpdate, isContainedIn } from '../src/loadedEvents/decodeUpdate.ts';
import { mutate, validUpdates } from './support/updateCorpus.ts';

const SEEDS = [1, 2, 3, 4];
const MUTATIONS_PER_UPDATE = 8;

function docFrom(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

/**
 * How a copy of `state` takes `update`: refused by the checks, or else whether Yjs then throws
 * applying it (or leaves a document that no longer encodes and loads).
 */
function outcome(state: Uint8Array, update: Uint8Array): 'refused' | 'applied' | 'threw' {
  const doc = docFrom(state);
  try {
    checkAgainst(decodeUpdate(update), doc);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidUpdate);
    return 'refused';
  }
  try {
    Y.applyUpdate(doc, update);
    Y.applyUpdate(new Y.Doc(), Y.encodeStateAsUpdate(doc));
    return 'applied';
  } catch {
    return 'threw';
  } finally {
    doc.destroy();
  }
}

/** Whether Yjs alone (no checks) throws applying `update` to a copy of `state`. */
function yjsThrows(state: Uint8Array, update: Uint8Array): boolean {
  const doc = docFrom(state);
  try {
    Y.applyUpdate(doc, update);
    return false;
  } catch {
    return true;
  } finally {
    doc.destroy();
  }
}

describe('an update is read completely before Yjs applies it', () => {
  it('accepts every valid update and knows what a document already holds', () => {
    for (const seed of SEEDS) {
      for (const { before, update } of validUpdates(seed).updates) {
        const decoded = decodeUpdate(update);
        const doc = docFrom(before);
        checkAgainst(decoded, doc);
        Y.applyUpdate(doc, update);
        expect(isContainedIn(decoded, doc)).toBe(true);
        doc.destroy();
      }
    }
  });

  it('refuses the truncated delete set of issue 11', () => {
    const update = Uint8Array.of(0x00, 0x01, 0x01, 0x05);
    expect(() => Y.parseUpdateMeta(update)).not.toThrow();
    expect(() => decodeUpdate(update)).toThrow(InvalidUpdate);
  });

  it('refuses a struct whose origin is itself, which Yjs integrates half-way and throws', () => {
    const crafted = selfOrigin();
    const doc = new Y.Doc();
    expect(() => Y.applyUpdate(doc, crafted)).toThrow();
    // Yjs had already integrated the first item when the second threw.
    expect(doc.getArray('list').toArray()).toEqual([1]);
    expect(() => decodeUpdate(crafted)).toThrow(/refers to itself/);
  });

  it(`never accepts a mutated update that Yjs cannot apply (${SEEDS.length} seeds)`, { timeout: 300_000 }, () => {
    let tried = 0;
    let refused = 0;
    for (const seed of SEEDS) {
      const rng = seededRandom(seed * 7919);
      const { updates, final } = validUpdates(seed);
      for (const { before, update } of updates) {
        for (let m = 0; m < MUTATIONS_PER_UPDATE; m++) {
          const mutated = mutate(update, rng.pick(updates).update, rng);
          // Against the state it was made for, and against a later one that holds more to refer to.
          const result = outcome(m % 2 === 0 ? before : final, mutated);
          tried++;
          if (result === 'refused') refused++;
          if (result === 'threw')
            throw new Error(
              `accepted an update Yjs cannot apply: seed ${seed}, ${Buffer.from(mutated).toString('hex')}`,
            );
        }
      }
    }
    expect(tried).toBeGreaterThan(4_000);
    expect(refused).toBeGreaterThan(tried / 4);
    expect(refused).toBeLessThan(tried);
  });

  it('refuses what Y.parseUpdateMeta lets through and Yjs then throws on', () => {
    // The check the server made before: a fifth of these mutations pass it and throw in the apply.
    const rng = seededRandom(42);
    const { updates } = validUpdates(42);
    let caught = 0;
    for (const { before, update } of updates) {
      for (let m = 0; m < 10; m++) {
        const mutated = mutate(update, rng.pick(updates).update, rng);
        if (!metaPasses(mutated) || !yjsThrows(before, mutated)) continue;
        expect(outcome(before, mutated)).toBe('refused');
        caught++;
      }
    }
    expect(caught).toBeGreaterThan(100);
  });

  it('reads an update where it lies in a larger buffer, and no further than its own end', () => {
    const update = oneRecord((e) => encoding.writeAny(e, { heatId: 'h1', value: '7' }));
    // A socket's message is a view into the buffer it arrived in, followed by other bytes.
    const arrived = Buffer.concat([Buffer.from([9, 9]), update, Buffer.alloc(64, 0x61)]);
    const view = arrived.subarray(2, 2 + update.length);
    expect(decodeUpdate(view).structs).toHaveLength(1);
    // The same record, its first string's length ('h1', after its tag 119) made to run past the
    // update's end into the bytes that follow it.
    const at = update.indexOf(119) + 1;
    const lying = Buffer.from(arrived);
    lying[2 + at] = 21;
    expect(() => decodeUpdate(lying.subarray(2, 2 + update.length))).toThrow(InvalidUpdate);
  });

  it('refuses what lib0 cannot read back inside a record: a string that is not UTF-8, an unknown value tag', () => {
    const notUtf8 = oneRecord((e) => {
      encoding.writeUint8(e, 119); // a string…
      encoding.writeVarUint8Array(e, Uint8Array.of(0x61, 0xc3, 0x28)); // …with a broken two-byte sequence
    });
    const badKey = oneRecord((e) => {
      encoding.writeUint8(e, 118); // an object of one entry…
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(e, Uint8Array.of(0xed, 0xa0, 0x80)); // …keyed by a lone surrogate
      encoding.writeAny(e, 1);
    });
    const unknownTag = oneRecord((e) => encoding.writeUint8(e, 100));
    for (const update of [notUtf8, badKey, unknownTag]) {
      expect(yjsThrows(Y.encodeStateAsUpdate(new Y.Doc()), update)).toBe(true);
      expect(() => decodeUpdate(update)).toThrow(InvalidUpdate);
    }
    expect(() => decodeUpdate(notUtf8)).toThrow(/not UTF-8/);
    expect(() => decodeUpdate(badKey)).toThrow(/not UTF-8/);
    expect(() => decodeUpdate(unknownTag)).toThrow(/unknown value tag/);
  });
});

/** An update of one entry `r1` in the root map `marks` by client 7, its value written by `value`. */
function oneRecord(value: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  const write = (...values: number[]) => {
    for (const v of values) encoding.writeVarUint(e, v);
  };
  write(1, 1, 7, 0); // one client: one struct of client 7 from clock 0
  encoding.writeUint8(e, 8 | 32); // an item with "any" content and a key, naming its parent
  write(1);
  encoding.writeVarString(e, 'marks');
  encoding.writeVarString(e, 'r1');
  write(1);
  value(e);
  write(0); // no deletions
  return encoding.toUint8Array(e);
}

function metaPasses(update: Uint8Array): boolean {
  try {
    Y.parseUpdateMeta(update);
    return true;
  } catch {
    return false;
  }
}

/** An update of two list items by client 7 where the second names itself as its origin. */
function selfOrigin(): Uint8Array {
  const e = encoding.createEncoder();
  const write = (...values: number[]) => {
    for (const v of values) encoding.writeVarUint(e, v);
  };
  write(1, 2, 7, 0); // one client: two structs of client 7 from clock 0
  encoding.writeUint8(e, 8); // an item with "any" content and no origin: it names its parent
  write(1);
  encoding.writeVarString(e, 'list');
  write(1);
  encoding.writeAny(e, 1);
  encoding.writeUint8(e, 8 | 128); // an item with an origin: (7, 1), itself
  write(7, 1, 1);
  encoding.writeAny(e, 2);
  write(0); // no deletions
  return encoding.toUint8Array(e);
}
