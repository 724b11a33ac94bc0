import { addUpdateRow } from './appendRow.ts';
import type { StoredUpdate } from './db.ts';

export interface WriteRequest {
  id: number;
  row: StoredUpdate;
}

interface PlainError {
  name: string;
  message: string;
  inner?: PlainError | undefined;
}

export interface WriteReply {
  id: number;
  error?: PlainError | undefined;
}

/** What the worker posts: `ready` once its database is open, then a reply per row. */
export type WriterMessage = { ready: true } | WriteReply;

interface Waiting {
  row: StoredUpdate;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Rows are added to the update log by a dedicated worker.
 *
 * NOTE: after a tap, Chrome holds the page's IndexedDB events back until it has rendered the
 * next frame, and a Dexie transaction needs several of them: a judge's mark reached the disk
 * ~12–18 ms after the tap from the page, ~2–3 ms from a worker, whose thread no frame blocks.
 * Where no worker starts (no Worker API, its script failed to load), rows are added in the page.
 *
 * NOTE: until the worker says its database is open, rows are added in the page. A worker
 * that is still starting (its script from the service worker, Dexie, the open) holds a
 * message for hundreds of milliseconds on a busy tablet, and the page leaving meanwhile (a
 * reload, a bookmark) ended the worker with the row unwritten: a mark typed right after a
 * reload and then left was lost (2 of 24 in e2e/judge-reload.spec.ts before this). The page's
 * own transaction is issued within the tap's task, before any navigation can unload it.
 */
let worker: Worker | null | undefined;
let workerReady = false;
let nextId = 0;
const waiting = new Map<number, Waiting>();

function errorFrom(plain: PlainError): Error {
  return Object.assign(new Error(plain.message), {
    name: plain.name,
    inner: plain.inner ? errorFrom(plain.inner) : undefined,
  });
}

/** The worker is gone: what it had not answered is added here instead. */
function writeInPage(): void {
  worker?.terminate();
  worker = null;
  workerReady = false;
  // NOTE: a row the worker added without answering is added again: a change of this device has
  // a key and is stored once; a server's update may be stored twice, which changes nothing.
  for (const { row, resolve, reject } of waiting.values()) addUpdateRow(row).then(() => resolve(), reject);
  waiting.clear();
}

/** Starts the worker ahead of the first write, so a tap never waits for its script. */
export function startUpdateWriter(): void {
  if (worker !== undefined) return;
  if (typeof Worker === 'undefined') {
    worker = null;
    return;
  }
  try {
    worker = new Worker(new URL('./updateWriter.worker.ts', import.meta.url), {
      type: 'module',
      name: 'ondeck-writer',
    });
  } catch {
    worker = null;
    return;
  }
  worker.addEventListener('message', (event: MessageEvent<WriterMessage>) => {
    if ('ready' in event.data) {
      workerReady = true;
      return;
    }
    const { id, error } = event.data;
    const request = waiting.get(id);
    if (!request) return;
    waiting.delete(id);
    if (error) request.reject(errorFrom(error));
    else request.resolve();
  });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    writeInPage();
  });
}

/** Adds one row to the update log; resolves once its transaction has committed. */
export function writeUpdateRow(row: StoredUpdate): Promise<void> {
  startUpdateWriter();
  const current = worker;
  if (!current || !workerReady) return addUpdateRow(row).then(() => undefined);
  return new Promise((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, { row, resolve, reject });
    current.postMessage({ id, row } satisfies WriteRequest);
  });
}
