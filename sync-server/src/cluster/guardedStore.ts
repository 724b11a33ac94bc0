import type { Readable } from 'node:stream';
import { INDEX_BACKUP_NAME } from '../backup/keys.ts';
import { StorageError } from '../objectStore/errors.ts';
import type { ByteRange, ObjectStore, PutOptions } from '../objectStore/index.ts';

/**
 * The object store as a cluster node's backups see it:
 * - an event's backup is written only while this node holds the event's lease, so that a node
 *   that lost an event (or came back after others served it) never writes its stale copy over
 *   the new owner's;
 * - the index database's backups go under `index-<node>`: every node has its own index, and
 *   one node's must not replace another's.
 */
export function guardedStore(
  store: ObjectStore,
  options: { node: string; mayBackUp(eventId: string): boolean },
): ObjectStore {
  const ownIndex = `backups/${INDEX_BACKUP_NAME}-${options.node}/`;
  const map = (key: string) =>
    key.startsWith(`backups/${INDEX_BACKUP_NAME}/`)
      ? ownIndex + key.slice(`backups/${INDEX_BACKUP_NAME}/`.length)
      : key;
  const check = (key: string) => {
    const match = /^backups\/([^/]+)\//.exec(key);
    const name = match?.[1];
    if (name && !name.startsWith(`${INDEX_BACKUP_NAME}-`) && !options.mayBackUp(name))
      throw new StorageError(
        'STORAGE_ACCESS_DENIED',
        `not writing ${key}: this node does not hold the lease of ${name}, another node serves it`,
      );
  };
  return {
    kind: store.kind,
    location: store.location,
    put(key: string, body: Uint8Array | Readable, putOptions?: PutOptions) {
      const target = map(key);
      check(target);
      return store.put(target, body, putOptions);
    },
    get: (key: string) => store.get(map(key)),
    getStream: (key: string, streamOptions?: { range?: ByteRange }) => store.getStream(map(key), streamOptions),
    copy(from: string, to: string) {
      const target = map(to);
      check(target);
      return store.copy(map(from), target);
    },
    head: (key: string) => store.head(map(key)),
    list: (prefix: string) => store.list(map(prefix)),
    delete(key: string) {
      const target = map(key);
      check(target);
      return store.delete(target);
    },
    check: () => store.check(),
  };
}
