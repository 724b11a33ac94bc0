import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** Budget of the issue: JavaScript a device must load before the first screen, gzipped. */
const BUDGET_BYTES = 150 * 1024;

interface ChunkLike {
  type: 'chunk' | 'asset';
  fileName: string;
  isEntry?: boolean;
  imports?: string[];
  code?: string;
}

/**
 * Prints the initial JavaScript of the build: the entry chunk and every chunk it imports
 * statically (what the browser fetches before the first render), gzipped like the server sends
 * it. Lazy role screens are excluded on purpose: they load after the shell.
 */
export function initialJsSize(): Plugin {
  return {
    name: 'ondeck:initial-js-size',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = bundle as unknown as Record<string, ChunkLike>;
      const seen = new Set<string>();
      const visit = (fileName: string) => {
        const chunk = chunks[fileName];
        if (chunk?.type !== 'chunk' || seen.has(fileName)) return;
        seen.add(fileName);
        for (const imported of chunk.imports ?? []) visit(imported);
      };
      for (const chunk of Object.values(chunks)) if (chunk.type === 'chunk' && chunk.isEntry) visit(chunk.fileName);
      let raw = 0;
      let gzipped = 0;
      const rows: string[] = [];
      for (const fileName of seen) {
        const code = chunks[fileName]?.code ?? '';
        const size = gzipSync(code, { level: 9 }).length;
        raw += Buffer.byteLength(code);
        gzipped += size;
        rows.push(`  ${fileName.padEnd(48)} ${(size / 1024).toFixed(1).padStart(7)} KB gz`);
      }
      const verdict = gzipped <= BUDGET_BYTES ? 'within' : 'OVER';
      this.info(
        [
          `initial JS: ${(gzipped / 1024).toFixed(1)} KB gzipped (${(raw / 1024).toFixed(1)} KB raw) in ${seen.size} chunk(s), ${verdict} the ${BUDGET_BYTES / 1024} KB budget`,
          ...rows,
        ].join('\n'),
      );
    },
  };
}
