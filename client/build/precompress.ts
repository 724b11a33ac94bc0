import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { describeFirstVisit, type FileSizes } from './firstVisit.ts';

/** Text the server sends: compressed copies pay off. Images and fonts are compressed already. */
const TEXT_FILE = /\.(?:js|mjs|css|html|svg|webmanifest|json|txt)$/;
/** Below this a compressed copy saves less than one network packet (Lighthouse's bar is 1.4 KB). */
const MIN_BYTES = 1024;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

function compress(raw: Buffer): { br: Buffer; gz: Buffer } {
  return {
    br: brotliCompressSync(raw, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    }),
    gz: gzipSync(raw, { level: 9 }),
  };
}

/**
 * Writes `<file>.br` and `<file>.gz` beside every text file of the build, at the highest
 * levels (done once here, never per request), for the server to send to browsers that accept
 * them; then prints what a first visit transfers.
 *
 * NOTE: node:zlib rather than a compression plugin: the whole job is ~40 lines with no
 * dependency, and it must run after vite-plugin-pwa has written the service worker (its
 * `closeBundle`), which a `post`, sequential `closeBundle` here guarantees. The worker's
 * precache globs match `.js`, `.css`… never `.br`/`.gz`, so the copies are not precached twice.
 */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'ondeck:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        const sizes = new Map<string, FileSizes>();
        for (const path of filesUnder(outDir)) {
          if (/\.(?:br|gz)$/.test(path)) continue;
          const raw = readFileSync(path);
          const name = relative(outDir, path).split('\\').join('/');
          if (!TEXT_FILE.test(path) || raw.length < MIN_BYTES) {
            sizes.set(name, { raw: raw.length, br: raw.length, gz: raw.length });
            continue;
          }
          const { br, gz } = compress(raw);
          writeFileSync(`${path}.br`, br);
          writeFileSync(`${path}.gz`, gz);
          sizes.set(name, { raw: raw.length, br: br.length, gz: gz.length });
        }
        const read = (file: string) => readFileSync(join(outDir, file), 'utf8');
        this.info(describeFirstVisit(sizes, read('index.html'), read('sw.js')));
      },
    },
  };
}
