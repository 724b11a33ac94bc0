import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Tests that run the server as a child process need `dist/` current: build it once per run. */
export default function setup(): void {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  execFileSync(process.execPath, ['build.mjs'], { cwd: root, stdio: 'inherit' });
}
