import { createHash } from 'node:crypto';

/**
 * A pipeline stage that passes bytes through unchanged while it hashes and counts them, so a
 * file is read once to be compressed and checksummed on both sides of the compression.
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
