import { type ChildProcess, fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROBE = join(dirname(fileURLToPath(import.meta.url)), 'latencyProbe.mjs');

export interface LatencyProbe {
  /**
   * Every round trip (ms) so far and how many updates never arrived, once it has at least
   * `minSamples` of them; it starts counting anew.
   */
  lap(minSamples?: number): Promise<{ samples: number[]; lost: number }>;
  /** Stops it and returns every round trip (ms) and how many updates never arrived. */
  stop(): Promise<{ samples: number[]; lost: number }>;
  /** Ends its process, whatever it is doing (a failed test's clean-up). */
  kill(): void;
}

/** Starts latencyProbe.mjs in a process of its own; resolves once both sockets are in the room and it sends. */
export function startLatencyProbe(writerUrl: string, readerUrl: string): Promise<LatencyProbe> {
  // Without the test runner's loader flags: it is plain JavaScript.
  const proc = fork(PROBE, [writerUrl, readerUrl], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    proc.once('error', reject);
    proc.once('exit', (code) => reject(new Error(`the latency probe exited with ${code}`)));
    proc.once('message', () =>
      resolve({
        lap: (minSamples = 0) => ask(proc, { lap: minSamples }),
        stop: () => ask(proc, 'stop'),
        kill: () => proc.kill(),
      }),
    );
  });
}

function ask(proc: ChildProcess, what: { lap: number } | 'stop'): Promise<{ samples: number[]; lost: number }> {
  return new Promise((done) => {
    proc.once('message', (result) => done(result as { samples: number[]; lost: number }));
    proc.send(what);
  });
}
