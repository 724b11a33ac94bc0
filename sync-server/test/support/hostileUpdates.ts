import * as Y from 'yjs';

/**
 * Well-formed updates a hostile device can build with Yjs itself, each of a shape issue 11's
 * campaign found harmful. Each comes with the document that made it, so a follow-up update
 * (replacing what it built) can be made too.
 */
export interface Built {
  doc: Y.Doc;
  update: Uint8Array;
}

/** Changes made on `doc`, as one update. */
export function changeOf(doc: Y.Doc, change: () => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.transact(change);
  return Y.encodeStateAsUpdate(doc, before);
}

function newDoc(clientID: number): Y.Doc {
  const doc = new Y.Doc();
  // Client ids are random in Yjs; a fixed one keeps every run the same.
  doc.clientID = clientID;
  return doc;
}

export interface Chain extends Built {
  /** Each map of the chain, outermost first. */
  levels: Y.Map<unknown>[];
}

/** A chain of `depth` maps, each nested in the one before, under `root`/`key` (found 2: 2,000 deep). */
export function nestedChain(
  depth: number,
  root = 'marks',
  key = 'chain',
  clientID = 4242,
  changePerLevel = false,
): Chain {
  const doc = newDoc(clientID);
  const levels: Y.Map<unknown>[] = [];
  const update = changeOf(doc, () => {
    let parent = doc.getMap<unknown>(root);
    let name = key;
    for (let i = 0; i < depth; i++) {
      const child = new Y.Map<unknown>();
      parent.set(name, child);
      if (changePerLevel) child.set('x', i);
      levels.push(child);
      parent = child;
      name = 'next';
    }
  });
  return { doc, update, levels };
}

/** The small update that replaces a chain's root entry, deleting the whole chain (found 2). */
export function replaceEntry(doc: Y.Doc, root = 'marks', key = 'chain'): Uint8Array {
  return changeOf(doc, () => doc.getMap(root).set(key, null));
}

/**
 * A chain of `depth` maps with a change on every level, in one update (found 3: 10,000 deep,
 * 110 KB). NOTE: made in one transaction: changing each level of a deep chain afterwards costs
 * the maker as much as the server (Yjs walks up to the root for every change).
 */
export function chainWithChangePerLevel(depth: number): Uint8Array {
  return nestedChain(depth, 'marks', 'costly', 4646, true).update;
}

/** `count` map entries in one update (found 3: 200,000 in 3.9 MB). */
export function manyEntries(count: number, root = 'marks', clientID = 4343): Uint8Array {
  const doc = newDoc(clientID);
  return changeOf(doc, () => {
    const map = doc.getMap<unknown>(root);
    for (let i = 0; i < count; i++) map.set(`k${i}`, i);
  });
}

/** One record of `bytes` characters under `root`/`key`, written by `doc`. */
export function bigRecord(doc: Y.Doc, bytes: number, root = 'marks', key = `big${doc.clientID}`): Uint8Array {
  return changeOf(doc, () => doc.getMap<unknown>(root).set(key, 'x'.repeat(bytes)));
}

/** A JSON value nested `depth` levels deep as one record. */
export function deepRecord(depth: number, root = 'marks', clientID = 4444): Uint8Array {
  const doc = newDoc(clientID);
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { v: value };
  return changeOf(doc, () => doc.getMap<unknown>(root).set('deep', value));
}

/** `count` root types (collections) in one update. */
export function manyCollections(count: number, clientID = 4545): Uint8Array {
  const doc = newDoc(clientID);
  return changeOf(doc, () => {
    for (let i = 0; i < count; i++) doc.getMap<unknown>(`c${i}`).set('k', i);
  });
}
