import * as Y from 'yjs';

export type Ends = Array<[client: number, clock: number]>;

/**
 * The end clock per client of an update: the change is on the server once the server's state
 * vector reaches each of them.
 * NOTE: `Y.encodeStateVectorFromUpdate` is no use here: it only counts clients whose structs
 * start at clock 0, so an incremental update reports nothing. `parseUpdateMeta` reports `to`.
 */
export function updateEnds(update: Uint8Array): Ends {
  return [...Y.parseUpdateMeta(update).to.entries()];
}

/** True when a state vector (client → next clock) covers every struct up to `ends`. */
export function isCovered(ends: Ends, stateVector: ReadonlyMap<number, number>): boolean {
  return ends.every(([client, clock]) => (stateVector.get(client) ?? 0) >= clock);
}
