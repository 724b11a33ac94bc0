import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HealthReport } from '@ondeck/shared';
import { haproxyConfig } from '../../src/cluster/haproxyConfig.ts';
import type { S3Settings } from '../../src/objectStore/storageConfig.ts';
import { freePort } from './ceph.ts';
import { type ChildServer, startChildServer } from './childServer.ts';

const HAPROXY = '/usr/sbin/haproxy';

/** One node of a test cluster: a real server process on a fixed port, restartable on it. */
export interface TestNode {
  name: string;
  port: number;
  url: string;
  dataDir: string;
  server: ChildServer;
  /** Everything every run of this node wrote to stdout, runs in order. */
  outputs(): string[];
  /** Every run of this node, in order. */
  runs(): ChildServer[];
}

export interface TestCluster {
  nodes: TestNode[];
  /** HAProxy's address: what devices use. */
  url: string;
  syncUrl: string;
  start(node: TestNode): Promise<void>;
  /** SIGTERM, and wait for the exit. */
  stop(node: TestNode): Promise<void>;
  kill(node: TestNode): Promise<void>;
  health(node: TestNode): Promise<HealthReport>;
  close(): Promise<void>;
}

/**
 * Nodes (the built server, `ONDECK_CLUSTER_NODE=<name>`) sharing a bucket, behind a real HAProxy
 * configured by `haproxyConfig` — what the README tells an operator to run.
 */
export async function startTestCluster(
  bucket: S3Settings & { kind: 's3' },
  options: { nodes: number; env?: Record<string, string> },
): Promise<TestCluster> {
  if (!existsSync(HAPROXY))
    throw new Error('HAProxy is not installed. As root: apt-get install -y haproxy (npm test does this).');
  const signingKey = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const env = (name: string): Record<string, string> => ({
    ONDECK_STORAGE: 's3',
    ONDECK_S3_ENDPOINT: bucket.endpoint ?? '',
    ONDECK_S3_REGION: bucket.region,
    ONDECK_S3_BUCKET: bucket.bucket,
    ONDECK_S3_ACCESS_KEY_ID: bucket.accessKeyId,
    ONDECK_S3_SECRET_ACCESS_KEY: bucket.secretAccessKey,
    ONDECK_S3_FORCE_PATH_STYLE: 'true',
    ONDECK_SIGNING_KEY: signingKey,
    ONDECK_CLUSTER_NODE: name,
    ...options.env,
  });
  const nodes: TestNode[] = [];
  for (let i = 1; i <= options.nodes; i++) {
    const name = `n${i}`;
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), `ondeck-cluster-${name}-`));
    const outputs: ChildServer[] = [];
    const node: TestNode = {
      name,
      port,
      url: `http://127.0.0.1:${port}`,
      dataDir,
      server: undefined as unknown as ChildServer,
      outputs: () => outputs.map((s) => s.output()),
      runs: () => [...outputs],
    };
    const start = async () => {
      node.server = await startChildServer(dataDir, {
        ...env(name),
        ONDECK_PORT: String(port),
        ONDECK_CLUSTER_URL: `http://127.0.0.1:${port}`,
      });
      outputs.push(node.server);
    };
    Object.assign(node, { start });
    nodes.push(node);
  }
  const starts = new Map(nodes.map((n) => [n, (n as unknown as { start: () => Promise<void> }).start]));
  // A start that fails half-way stops what it started: no node outlives the test that made it.
  const abandon = async (error: unknown): Promise<never> => {
    for (const node of nodes) if (node.server && node.server.proc.exitCode === null) node.server.proc.kill('SIGKILL');
    for (const node of nodes) rmSync(node.dataDir, { recursive: true, force: true });
    throw error;
  };
  await Promise.all(nodes.map((n) => starts.get(n)?.())).catch(abandon);

  const proxyPort = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'ondeck-haproxy-'));
  const configFile = join(dir, 'haproxy.cfg');
  writeFileSync(
    configFile,
    haproxyConfig({
      nodes: nodes.map((n) => ({ name: n.name, address: `127.0.0.1:${n.port}` })),
      bind: `127.0.0.1:${proxyPort}`,
      checkIntervalMs: 500,
    }),
  );
  const proxy = spawn(HAPROXY, ['-db', '-f', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let proxyOutput = '';
  proxy.stdout?.on('data', (c: Buffer) => (proxyOutput += c.toString()));
  proxy.stderr?.on('data', (c: Buffer) => (proxyOutput += c.toString()));
  const url = `http://127.0.0.1:${proxyPort}`;
  await waitUntil(
    async () => (await fetch(`${url}/up`)).ok,
    proxy,
    () => proxyOutput,
  );

  const cluster: TestCluster = {
    nodes,
    url,
    syncUrl: `ws://127.0.0.1:${proxyPort}/sync`,
    start: async (node) => {
      await starts.get(node)?.();
    },
    async stop(node) {
      node.server.proc.kill('SIGTERM');
      await node.server.exited;
    },
    async kill(node) {
      node.server.proc.kill('SIGKILL');
      await node.server.exited;
    },
    async health(node) {
      return (await (await fetch(`${node.url}/up`)).json()) as HealthReport;
    },
    async close() {
      await stopProcess(proxy);
      for (const node of nodes) {
        if (node.server.proc.exitCode === null && node.server.proc.signalCode === null) await cluster.stop(node);
        rmSync(node.dataDir, { recursive: true, force: true });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return cluster;
}

/** Each run's structured log lines about leases, as `{ time, node, event, cluster }`. */
export function leaseLog(node: TestNode): Array<{ run: number; time: number; event: string; cluster: string }> {
  return node.outputs().flatMap((output, run) =>
    output.split('\n').flatMap((line) => {
      if (!line.includes('"cluster"')) return [];
      try {
        const entry = JSON.parse(line) as { time: number; event: string; cluster: string };
        return typeof entry.event === 'string'
          ? [{ run, time: entry.time, event: entry.event, cluster: entry.cluster }]
          : [];
      } catch {
        return [];
      }
    }),
  );
}

async function waitUntil(ready: () => Promise<boolean>, proc: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`HAProxy exited: ${output()}`);
    if (await ready().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`HAProxy did not answer: ${output()}`);
}

async function stopProcess(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGTERM');
  await exited;
}
