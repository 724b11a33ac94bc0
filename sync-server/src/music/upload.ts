import { Readable } from 'node:stream';
import type { MusicFile } from '@ondeck/shared';
import { ApiErrors } from '../errors.ts';
import { type ObjectStore, putContentAddressed } from '../objectStore/index.ts';
import { SNIFF_BYTES, sniffAudioType } from './audioType.ts';

function formatMegabytes(bytes: number): string {
  return `${Math.round((bytes / 1_048_576) * 10) / 10} MB`;
}

export function fileTooLarge(maxBytes: number, size?: number) {
  const what = size === undefined ? 'The file is larger than' : `The file is ${formatMegabytes(size)}, more than`;
  return new ApiErrors.FILE_TOO_LARGE(
    `${what} the ${formatMegabytes(maxBytes)} a music file may be (ONDECK_MAX_UPLOAD_BYTES).`,
  );
}

/**
 * Streams an upload into content-addressed storage: its first bytes must be audio (sniffed,
 * whatever the Content-Type said) and the whole at most `maxBytes`, counted as it arrives, so a
 * huge or endless body is refused without being held in memory.
 *
 * NOTE: when the start is not audio, the rest of the body (already known to be within the
 * limit) is read and dropped before the refusal, so a browser still sending it gets the answer
 * instead of a broken connection. A body over the limit is left unread: the route closes the
 * connection after answering.
 */
export async function storeUpload(
  store: ObjectStore,
  body: AsyncIterable<Uint8Array>,
  maxBytes: number,
): Promise<MusicFile> {
  const chunks = body[Symbol.asyncIterator]();
  let size = 0;
  const next = async (): Promise<Uint8Array | null> => {
    const step = await chunks.next();
    if (step.done) return null;
    size += step.value.byteLength;
    if (size > maxBytes) throw fileTooLarge(maxBytes);
    return step.value;
  };

  const head: Uint8Array[] = [];
  let headBytes = 0;
  while (headBytes < SNIFF_BYTES) {
    const chunk = await next();
    if (!chunk) break;
    head.push(chunk);
    headBytes += chunk.byteLength;
  }
  const type = sniffAudioType(Buffer.concat(head));
  if (!type) {
    while (await next());
    throw new ApiErrors.NOT_AUDIO();
  }

  async function* all(): AsyncGenerator<Uint8Array> {
    yield* head;
    for (let chunk = await next(); chunk; chunk = await next()) yield chunk;
  }
  const sha256 = await putContentAddressed(store, Readable.from(all()), { contentType: type });
  return { sha256, size, type };
}
