// Bundles the server, CLI and benchmark into dist/ with esbuild. The server's own dependencies
// stay external (better-sqlite3 is native, and yjs must be one instance); `@ondeck/shared` is
// TypeScript source and is bundled in, with whatever it alone depends on.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })
  .filter((name) => name !== '@ondeck/shared')
  .flatMap((name) => [name, `${name}/*`]);

await build({
  entryPoints: {
    main: 'src/main.ts',
    cli: 'src/cli/main.ts',
    bench: 'bench/main.ts',
    'bench-ours': 'bench/ourServer.ts',
    'bench-reference': 'bench/referenceServer.ts',
    'bench-hocuspocus': 'bench/hocuspocusServer.ts',
    'bench-zip': 'bench/zip.ts',
    'bench-zip-server': 'bench/zipServer.ts',
    'bench-import': 'bench/import.ts',
    'bench-cluster': 'bench/cluster.ts',
    'bench-venue': 'bench/venue.ts',
  },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  external,
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
