import { createHash } from 'node:crypto';

/**
 * A pipeline stage that passes bytes through unchanged while it hashes and counts them, so a
 * stream is read once to be stored and checksummed (a content-addressed file, a backup on
 * both sides of its compression).
 */
export function digestTap(): {
  stage: (chunks: AsyncIterable<Uint8Array>) => AsyncGenerator<Uint8Array>;
  sha256: () => string;
  size: () => number;
} {
  const hash = createHash('sha256');
  let size = 0;
  return {
    async *stage(chunks) {
      for await (const chunk of chunks) {
        hash.update(chunk);
        size += chunk.byteLength;
        yield chunk;
      }
    },
    sha256: () => hash.digest('hex'),
    size: () => size,
  };
}
