/**
 * Whether the node holding a lease is gone: nothing listens at its URL any more, or a new run of
 * it answers there. Either way the process that held the lease serves nothing: a node closes its
 * listener only after it closed its sockets and released its leases (SIGTERM), and a crashed or
 * killed one holds nothing. Anything else (a timeout, an error, an answer without the cluster
 * section) is `unknown`: the taker then waits the lease time.
 */
export type HolderState = 'gone' | 'alive' | 'unknown';

const PROBE_TIMEOUT_MS = 1_000;

export async function probeHolder(url: string, incarnation: string): Promise<HolderState> {
  try {
    const answer = await fetch(`${url}/up`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    if (!answer.ok) return 'unknown';
    const body = (await answer.json()) as { cluster?: { incarnation?: unknown } };
    const running = body.cluster?.incarnation;
    if (typeof running !== 'string') return 'unknown';
    return running === incarnation ? 'alive' : 'gone';
  } catch (error) {
    return (error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED' ? 'gone' : 'unknown';
  }
}
