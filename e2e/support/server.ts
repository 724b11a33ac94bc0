import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// ONDECK_E2E_SERVER runs the specs against another build of the server (e.g. a release).
const MAIN = process.env.ONDECK_E2E_SERVER || join(root, 'sync-server', 'dist', 'main.js');
export const CLIENT_DIR = join(root, 'client', 'dist');

export const ADMIN_TOKEN = 'e2e-admin-token-0123456789';

/**
 * The built sync server (`sync-server/dist/main.js`, serving `client/dist`) as a real child
 * process on a temp data dir: it can be stopped, SIGKILLed and restarted on the same port and
 * data, as the acceptance tests need.
 */
export class TestServer {
  url = '';
  private proc: ChildProcess | null = null;
  private port = 0;
  private output = '';
  private paused = false;

  private constructor(
    readonly dataDir: string,
    readonly clientDir: string,
    private readonly demo: boolean,
    private readonly env: Record<string, string>,
  ) {}

  /**
   * `clientDir`: serve another copy of the built client (a spec that "deploys" a new version);
   * `demo`: create the demo event on start, as `npm start` does (its links are in `log()`);
   * `env`: `ONDECK_*` settings on top of the test's (`ONDECK_HOST`, `ONDECK_PUBLIC_URL`).
   */
  static async start(
    options: { clientDir?: string; demo?: boolean; env?: Record<string, string> } = {},
  ): Promise<TestServer> {
    const server = new TestServer(
      mkdtempSync(join(tmpdir(), 'ondeck-e2e-')),
      options.clientDir ?? CLIENT_DIR,
      options.demo ?? false,
      options.env ?? {},
    );
    await server.launch();
    return server;
  }

  /** Everything the server printed, for failure messages. */
  log(): string {
    return this.output;
  }

  private launch(): Promise<void> {
    const proc = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env.PATH,
        ONDECK_DATA_DIR: this.dataDir,
        ONDECK_PORT: String(this.port),
        ONDECK_HOST: '127.0.0.1',
        ONDECK_ADMIN_TOKEN: ADMIN_TOKEN,
        ONDECK_CLIENT_DIR: this.clientDir,
        ONDECK_LOG_LEVEL: 'info',
        ...(this.demo ? { ONDECK_DEMO: 'true' } : {}),
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proc = proc;
    return new Promise((resolve, reject) => {
      let seen = '';
      // NOTE: a bound, not a speed check: beside a CPU hog at load 27 a start (loading the
      // index, keys and demo) took over 20 s.
      // A server that never says it listens is killed, or it outlives the run holding its port.
      const timer = setTimeout(() => {
        proc.kill('SIGKILL');
        reject(new Error(`server did not start:\n${seen}`));
      }, 60_000);
      const onData = (chunk: Buffer) => {
        seen += chunk.toString();
        this.output += chunk.toString();
        const match =
          /"msg":"listening".*?"url":"(http:\/\/127\.0\.0\.1:(\d+))"|"url":"(http:\/\/127\.0\.0\.1:(\d+))".*?"msg":"listening"/.exec(
            seen,
          );
        const url = match?.[1] ?? match?.[3];
        const port = match?.[2] ?? match?.[4];
        if (url && port) {
          clearTimeout(timer);
          this.url = url;
          this.port = Number(port);
          resolve();
        }
      };
      proc.stdout?.on('data', onData);
      proc.stderr?.on('data', (chunk: Buffer) => {
        this.output += chunk.toString();
      });
      proc.once('exit', (code, signal) => {
        clearTimeout(timer);
        if (this.proc === proc) this.proc = null;
        reject(new Error(`server exited (${code ?? signal}) before listening:\n${seen}`));
      });
    });
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    // A stopped process handles no signal but SIGKILL until it runs again.
    if (this.paused) this.resume();
    proc.kill(signal);
    // A server too busy to shut down must not hang the suite.
    const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    this.proc = null;
  }

  /** A graceful stop: the server commits and closes sockets with SERVER_RESTARTING. */
  stop(): Promise<void> {
    return this.signal('SIGTERM');
  }

  /** `kill -9`: whatever was not committed is gone. */
  kill(): Promise<void> {
    return this.signal('SIGKILL');
  }

  /**
   * SIGSTOP: the process is frozen with its sockets open, as a hung server or a machine gone to
   * sleep is — the kernel still accepts connections and data, nothing answers.
   */
  pause(): void {
    if (!this.proc || this.proc.exitCode !== null) throw new Error('the server is not running');
    this.proc.kill('SIGSTOP');
    this.paused = true;
  }

  /** SIGCONT: the frozen process runs on from where it stopped. */
  resume(): void {
    this.proc?.kill('SIGCONT');
    this.paused = false;
  }

  /** Starts again on the same port and data dir, as an operator's restart would. */
  restart(): Promise<void> {
    return this.launch();
  }

  async dispose(): Promise<void> {
    await this.signal('SIGTERM');
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
