import { addUpdateRow } from './appendRow.ts';
import { db } from './db.ts';
import type { WriteReply, WriteRequest, WriterMessage } from './updateWriter.ts';

/** Plain data (names and messages, with Dexie's wrapped `inner` error) that survives postMessage. */
function plainError(error: unknown): WriteReply['error'] {
  if (typeof error !== 'object' || error === null) return { name: 'Error', message: String(error) };
  const { name, message, inner } = error as { name?: unknown; message?: unknown; inner?: unknown };
  return {
    name: typeof name === 'string' ? name : 'Error',
    message: typeof message === 'string' ? message : String(error),
    inner: inner === undefined ? undefined : plainError(inner),
  };
}

addEventListener('message', (event: MessageEvent<WriteRequest>) => {
  const { id, row } = event.data;
  addUpdateRow(row).then(
    () => postMessage({ id } satisfies WriteReply),
    (error: unknown) => postMessage({ id, error: plainError(error) } satisfies WriteReply),
  );
});

// The page adds rows itself until this answers (see updateWriter.ts); a database that does not
// open never answers, and the page goes on alone.
db.open().then(
  () => postMessage({ ready: true } satisfies WriterMessage),
  () => undefined,
);
