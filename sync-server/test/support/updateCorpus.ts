import { clearMark, putMark, putRecord, removeRecord, updateSettings } from '@ondeck/shared';
import { type Random, seededRandom } from '@ondeck/shared/testkit';
import * as Y from 'yjs';

/** A valid update and the server's state just before it arrived. */
export interface CorpusUpdate {
  before: Uint8Array;
  update: Uint8Array;
}

export interface Corpus {
  updates: CorpusUpdate[];
  /** The server's state after all of them. */
  final: Uint8Array;
}

/**
 * Valid updates as two devices of one writer make them — concurrent edits, then each device's
 * catch-up diff — over the shapes the documents use (records in maps: the program, a judge's
 * marks) and the shapes a hostile client could build instead (text, arrays, nested types), so
 * that mutations reach every part of Yjs's reader and of struct integration.
 */
export function validUpdates(seed: number, steps = 120): Corpus {
  const rng = seededRandom(seed);
  const out: CorpusUpdate[] = [];
  const server = new Y.Doc();
  const devices = [new Y.Doc(), new Y.Doc()];
  for (const device of devices) {
    // Client ids are random in Yjs; a seed must give the same updates every run.
    device.clientID = rng.int(1, 0xffff_ffff);
    device.on('update', (update: Uint8Array) => {
      out.push({ before: Y.encodeStateAsUpdate(server), update });
      Y.applyUpdate(server, update);
    });
  }
  for (let step = 0; step < steps; step++) {
    const device = rng.pick(devices);
    rng.pick(EDITS)(device, rng);
    if (rng.chance(0.15)) {
      // The two devices catch up with each other: their diffs reach the server too.
      const [a, b] = devices as [Y.Doc, Y.Doc];
      const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
      const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
      Y.applyUpdate(b, toB, 'peer');
      Y.applyUpdate(a, toA, 'peer');
    }
  }
  const final = Y.encodeStateAsUpdate(server);
  for (const doc of [server, ...devices]) doc.destroy();
  return { updates: out, final };
}

type Edit = (doc: Y.Doc, rng: Random) => void;

const id = (rng: Random) => `r${rng.int(0, 6)}`;

const EDITS: Edit[] = [
  (doc, rng) => putRecord(doc, 'studios', { id: id(rng), name: `Studio ${rng.int(0, 999)}` }),
  (doc, rng) => removeRecord(doc, 'studios', id(rng)),
  (doc, rng) => updateSettings(doc, { name: `Showcase ${rng.int(0, 99)}` }),
  (doc, rng) => putMark(doc, { heatId: id(rng), value: String(rng.int(1, 4)), updatedAt: rng.int(1, 1e9) }),
  (doc, rng) => clearMark(doc, `h/${id(rng)}/0`),
  (doc, rng) => {
    const text = doc.getText('text');
    text.insert(rng.int(0, text.length), rng.pick(['a', 'bcd', 'é€', '😀x', 'long text run']));
  },
  (doc, rng) => {
    const text = doc.getText('text');
    if (text.length > 0) {
      const at = rng.int(0, text.length - 1);
      text.delete(at, rng.int(1, text.length - at));
    }
  },
  (doc, rng) => {
    const list = doc.getArray<unknown>('list');
    const at = rng.int(0, list.length);
    if (rng.chance(0.3)) {
      const inner = new Y.Map<unknown>();
      inner.set('k', rng.int(0, 9));
      list.insert(at, [inner]);
    } else {
      list.insert(at, [rng.int(0, 99), { x: 'y' }, null]);
    }
  },
  (doc, rng) => {
    const list = doc.getArray<unknown>('list');
    if (list.length > 0) list.delete(rng.int(0, list.length - 1), 1);
  },
  (doc, rng) => {
    const list = doc.getArray<unknown>('list');
    const inner = list.toArray().find((item): item is Y.Map<unknown> => item instanceof Y.Map);
    inner?.set(rng.pick(['k', 'l']), rng.pick([1, 'two', [3]]));
  },
];

/**
 * One seeded mutation of a valid update, of the kinds a fuzzer finds: a bit flipped, a byte
 * changed, inserted or removed, the update cut short, a slice repeated, or two updates spliced.
 */
export function mutate(update: Uint8Array, other: Uint8Array, rng: Random): Uint8Array {
  const bytes = [...update];
  const at = () => rng.int(0, Math.max(0, bytes.length - 1));
  switch (rng.int(0, 7)) {
    case 0: {
      const i = at();
      bytes[i] = (bytes[i] ?? 0) ^ (1 << rng.int(0, 7));
      break;
    }
    case 1:
      bytes[at()] = rng.pick([0, 1, 2, 7, 8, 9, 10, 11, 31, 40, 127, 128, 255]);
      break;
    case 2:
      bytes.splice(at(), 0, rng.int(0, 255));
      break;
    case 3:
      bytes.splice(at(), 1);
      break;
    case 4:
      bytes.length = at();
      break;
    case 5: {
      const from = at();
      bytes.splice(from, 0, ...bytes.slice(from, from + rng.int(1, 8)));
      break;
    }
    case 6:
      return Uint8Array.from([...bytes.slice(0, at()), ...other.slice(rng.int(0, other.length))]);
    default: {
      // Two changes at once.
      const i = at();
      bytes[i] = rng.int(0, 255);
      bytes[at()] = rng.int(0, 255);
    }
  }
  return Uint8Array.from(bytes);
}
