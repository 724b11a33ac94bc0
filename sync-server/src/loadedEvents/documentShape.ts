import * as Y from 'yjs';
import type { DecodedStruct, DecodedUpdate, StructId } from './decodeUpdate.ts';
import { type UpdateLimits, UpdateOverLimit } from './updateLimits.ts';

/**
 * Where an item of an update lands: the level of the type it goes into (1: a root type) and
 * whether it is a map entry; `gone` when Yjs will collect it (its parent or neighbour was
 * collected, or is no type), `missing` when what it hangs on is not here yet (Yjs keeps it
 * pending).
 */
type Place = { level: number; keyed: boolean } | 'gone' | 'missing';

const ROOT_ENTRY: Place = { level: 1, keyed: true };
const ROOT_LIST: Place = { level: 1, keyed: false };

/**
 * Refuses an update that would take `doc` past the shape its layout allows (read-only): Yjs
 * types nested deeper than `maxTypeDepth`, more than `maxRootTypes` root types, or more than
 * `maxRecords` entries in root types. Runs on the decoded update, before anything is applied.
 *
 * NOTE: Yjs deletes a type's content recursively, so a deep enough chain of nested maps
 * overflowed the stack when an update replaced it (issue 11, found 2). Every nested type an
 * update creates is placed here — through the parent or neighbour it names, in the update or
 * in the document — and one whose parent is not known yet is refused: the documents nest no
 * types at all, so no device of ours sends one.
 */
export function checkShape(decoded: DecodedUpdate, doc: Y.Doc, limits: UpdateLimits): void {
  // NOTE: placed only when it matters — a type, or an item that names no root type — and the
  // places built on first use: a record in a root map (all our devices send) needs neither, and
  // building them was most of what this check cost for a judge's mark.
  let places: Places | null = null;
  const placeOf = (struct: DecodedStruct) => {
    places ??= new Places(decoded, doc, limits.maxTypeDepth + 1);
    return places.of(struct);
  };
  const newRoots = new Set<string>();
  const newKeys = new Set<string>();
  let added = 0;
  for (const struct of decoded.structs) {
    if (struct.kind !== 'item') continue;
    if (struct.content === TYPE_CONTENT) {
      const place = placeOf(struct);
      if (place === 'missing') throw new UpdateOverLimit('types-too-deep', 'a nested type whose parent is not here');
      if (place !== 'gone' && place.level + 1 > limits.maxTypeDepth)
        throw new UpdateOverLimit('types-too-deep', `types nest at most ${limits.maxTypeDepth} levels`);
    }
    const parent = struct.parent;
    if (parent && 'key' in parent) {
      if (!doc.share.has(parent.key)) newRoots.add(parent.key);
      if (struct.parentSub === null || struct.parentSub === undefined) added += struct.length;
      else if (!(doc.share.get(parent.key)?._map.has(struct.parentSub) ?? false))
        newKeys.add(`${parent.key}\u0000${struct.parentSub}`);
    } else {
      const place = placeOf(struct);
      if (place !== 'gone' && place !== 'missing' && place.level === 1 && !place.keyed) added += struct.length;
    }
  }
  if (newRoots.size > 0 && doc.share.size + newRoots.size > limits.maxRootTypes)
    throw new UpdateOverLimit('too-many-collections', `a document holds at most ${limits.maxRootTypes} collections`);
  added += newKeys.size;
  if (added > 0 && recordsIn(doc) + added > limits.maxRecords)
    throw new UpdateOverLimit('too-many-records', `a document holds at most ${limits.maxRecords} records`);
}

/** Yjs's content kind of an item that creates a type. */
const TYPE_CONTENT = 7;

function recordsIn(doc: Y.Doc): number {
  let records = 0;
  for (const type of doc.share.values()) records += type._map.size + type._length;
  return records;
}

/** The level of a type in a live document (1: a root type), counted up to `cap`. */
function levelOf(type: Y.AbstractType<unknown>, cap: number): number {
  let level = 1;
  for (let item = type._item; item !== null && level < cap; level++) {
    const parent = item.parent;
    if (!(parent instanceof Y.AbstractType)) break;
    item = parent._item;
  }
  return level;
}

/** Finds each item's place, memoised, without recursion (a chain can be as long as the update). */
class Places {
  private readonly memo = new Map<DecodedStruct, Place>();
  private readonly byClient = new Map<number, DecodedStruct[]>();

  constructor(
    decoded: DecodedUpdate,
    private readonly doc: Y.Doc,
    /** Levels past the limit are not counted further: a document loaded from before it may be deeper. */
    private readonly cap: number,
  ) {
    for (const struct of decoded.structs) {
      const list = this.byClient.get(struct.client);
      if (list) list.push(struct);
      else this.byClient.set(struct.client, [struct]);
    }
  }

  of(start: DecodedStruct): Place {
    const known = this.memo.get(start);
    if (known) return known;
    const stack: DecodedStruct[] = [start];
    const waiting = new Set<DecodedStruct>();
    while (stack.length > 0) {
      const struct = stack[stack.length - 1] as DecodedStruct;
      if (this.memo.has(struct)) {
        stack.pop();
        continue;
      }
      const step = this.step(struct);
      if (!('on' in step)) {
        this.memo.set(struct, step.place);
        stack.pop();
        continue;
      }
      const found = this.memo.get(step.on);
      if (found !== undefined) {
        this.memo.set(struct, step.child ? childPlace(step.on, found, struct) : found);
        stack.pop();
      } else if (waiting.has(step.on) || step.on === struct) {
        // Items that hang on each other in a circle never integrate: Yjs keeps them pending.
        this.memo.set(struct, 'missing');
        stack.pop();
      } else {
        waiting.add(struct);
        stack.push(step.on);
      }
    }
    return this.memo.get(start) as Place;
  }

  /** An item's place when it follows from the document or its own header, or what it depends on. */
  private step(struct: DecodedStruct): { place: Place } | { on: DecodedStruct; child: boolean } {
    if (struct.kind !== 'item') return { place: 'gone' };
    const parent = struct.parent;
    if (parent && 'key' in parent) return { place: struct.parentSub == null ? ROOT_LIST : ROOT_ENTRY };
    const keyed = struct.parentSub != null;
    if (parent && 'item' in parent) {
      const inDoc = this.docItem(parent.item);
      if (inDoc === 'missing') {
        const inUpdate = this.updateStruct(parent.item);
        return inUpdate ? { on: inUpdate, child: true } : { place: 'missing' };
      }
      if (inDoc === 'gone' || !(inDoc.content instanceof Y.ContentType)) return { place: 'gone' };
      return { place: { level: levelOf(inDoc.content.type, this.cap) + 1, keyed } };
    }
    const neighbour = struct.origin ?? struct.rightOrigin;
    if (!neighbour) return { place: 'gone' };
    const inDoc = this.docItem(neighbour);
    if (inDoc === 'missing') {
      const inUpdate = this.updateStruct(neighbour);
      return inUpdate ? { on: inUpdate, child: false } : { place: 'missing' };
    }
    if (inDoc === 'gone' || !(inDoc.parent instanceof Y.AbstractType)) return { place: 'gone' };
    return { place: { level: levelOf(inDoc.parent, this.cap), keyed: inDoc.parentSub !== null } };
  }

  private docItem(id: StructId): Y.Item | 'gone' | 'missing' {
    if (id.clock >= Y.getState(this.doc.store, id.client)) return 'missing';
    const structs = this.doc.store.clients.get(id.client) ?? [];
    const struct = structs[Y.findIndexSS(structs, id.clock)];
    return struct instanceof Y.Item ? struct : 'gone';
  }

  /** The struct of this update that holds `id`, if any (each client's structs are in clock order). */
  private updateStruct(id: StructId): DecodedStruct | undefined {
    const list = this.byClient.get(id.client);
    if (!list) return undefined;
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const struct = list[mid] as DecodedStruct;
      if (id.clock < struct.clock) high = mid - 1;
      else if (id.clock >= struct.clock + struct.length) low = mid + 1;
      else return struct;
    }
    return undefined;
  }
}

/** The place of an item whose parent is the type `parent` (an item of the same update) creates. */
function childPlace(parent: DecodedStruct, parentPlace: Place, struct: DecodedStruct): Place {
  if (parentPlace === 'missing') return 'missing';
  if (parentPlace === 'gone' || parent.content !== TYPE_CONTENT) return 'gone';
  return { level: parentPlace.level + 1, keyed: struct.parentSub != null };
}
