import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN_TOKEN } from './server.ts';

const here = dirname(fileURLToPath(import.meta.url));
// NOTE: from test/support/ in tests; beside main.js when a benchmark bundles this file into dist/.
const MAIN = [join(here, '..', '..', 'dist', 'main.js'), join(here, 'main.js')].find((path) => existsSync(path)) ?? '';

export interface ChildServer {
  proc: ChildProcess;
  url: string;
  syncUrl: string;
  /** Everything the process wrote to stdout, for assertions on its logs. */
  output(): string;
  /** Everything it wrote to stderr (a crash's stack). */
  errors(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The built server (`dist/main.js`) as a real child process, so it can be killed for real. */
export function startChildServer(dataDir: string, env: Record<string, string> = {}): Promise<ChildServer> {
  const proc = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH,
      ONDECK_DATA_DIR: dataDir,
      ONDECK_PORT: '0',
      ONDECK_HOST: '127.0.0.1',
      ONDECK_ADMIN_TOKEN: ADMIN_TOKEN,
      ONDECK_CLIENT_DIR: 'none',
      ONDECK_LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    // Generous: a start takes well under a second on a quiet machine, and many on a busy one.
    const timer = setTimeout(() => {
      // A server that never said it listens is stopped, not left behind the test.
      proc.kill('SIGKILL');
      reject(new Error(`server did not start:\n${out}\n${err}`));
    }, 120_000);
    proc.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    proc.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        const url = match[1];
        resolve({
          proc,
          url,
          syncUrl: `${url.replace('http', 'ws')}/sync`,
          output: () => out,
          errors: () => err,
          exited,
        });
      }
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${out}\n${err}`));
    });
  });
}
