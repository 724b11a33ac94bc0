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
 */
let worker: Worker | null | undefined;
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
  // NOTE: a row the worker added without answering is added twice; applying a Yjs update
  // twice changes nothing, and both copies are confirmed together.
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
  worker.addEventListener('message', (event: MessageEvent<WriteReply>) => {
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
  if (!current) return addUpdateRow(row).then(() => undefined);
  return new Promise((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, { row, resolve, reject });
    current.postMessage({ id, row } satisfies WriteRequest);
  });
}
