import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';

/**
 * A real S3 service for tests: a single-node Ceph cluster (one monitor, one OSD keeping its data
 * in memory, one or more RADOS Gateways), all in one temporary directory and on loopback ports.
 * It comes from Debian's `radosgw ceph-mon ceph-osd` packages (see ENVIRONMENT.md); `npm test`
 * installs them. Starting takes about 15 s; stopping, a second.
 *
 * NOTE: the monitor listens on a free port chosen at start (not Ceph's fixed 3300), so two test
 * runs on one machine do not collide.
 */
export interface CephCluster {
  /** The default gateway's URL, e.g. http://127.0.0.1:41234. */
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The cluster's temporary directory (config, keys, logs). */
  dir: string;
  /** How long starting took, for the record. */
  startupMs: number;
  /** Stops every daemon and removes the directory. */
  stop(): Promise<void>;
  /** Stops the default gateway only: the data stays, requests to `endpoint` are refused. */
  stopGateway(): Promise<void>;
  /** Starts the default gateway again and waits until it answers. */
  startGateway(): Promise<void>;
  /** One more gateway on its own port over the same data, to stop and start without disturbing others. */
  addGateway(): Promise<CephGateway>;
}

export interface CephGateway {
  endpoint: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export const CEPH_REGION = 'us-east-1';
const ACCESS_KEY_ID = 'ONDECKTESTACCESSKEY0';
const SECRET_ACCESS_KEY = 'ondeck-test-secret-access-key-0000000000';
const DIR_PREFIX = 'ondeck-ceph-';
const BINARIES = ['ceph-mon', 'ceph-osd', 'radosgw', 'radosgw-admin', 'ceph', 'ceph-authtool', 'monmaptool'];

const run = promisify(execFile);

export async function startCephCluster(): Promise<CephCluster> {
  const missing = BINARIES.filter((name) => !existsSync(`/usr/bin/${name}`));
  if (missing.length > 0)
    throw new Error(
      `Ceph is not installed (missing ${missing.join(', ')}). As root: apt-get install -y --no-install-recommends radosgw ceph-mon ceph-osd (npm test does this).`,
    );
  reapAbandonedClusters();

  const dir = await mkdtemp(join(tmpdir(), DIR_PREFIX));
  await writeFile(join(dir, 'owner.pid'), String(process.pid));
  for (const sub of ['run', 'log', 'mon', 'osd/ceph-0']) await mkdir(join(dir, sub), { recursive: true });
  const conf = join(dir, 'ceph.conf');
  const keyring = join(dir, 'keyring');
  const fsid = randomUUID();
  const [monPort, rgwPort] = [await freePort(), await freePort()];
  await writeFile(conf, cephConf({ dir, fsid, monPort, rgwPort }));

  const daemons = new Map<string, ChildProcess>();
  const killAll = () => {
    for (const child of daemons.values()) child.kill('SIGKILL');
  };
  process.once('exit', killAll);

  const ceph = (...args: string[]) => run('ceph', ['-c', conf, '--connect-timeout', '20', ...args]);
  const startDaemon = (name: string, command: string, args: string[]) => {
    const out = openSync(join(dir, 'log', `${name}.out`), 'a');
    const child = spawn(command, ['-f', '-c', conf, ...args], { stdio: ['ignore', out, out] });
    closeSync(out);
    daemons.set(name, child);
    return child;
  };
  const stopDaemon = async (name: string) => {
    const child = daemons.get(name);
    daemons.delete(name);
    if (child && child.exitCode === null && child.signalCode === null) await terminate(child);
  };

  const startGatewayOn = async (name: string, port: number) => {
    const child = startDaemon(name, 'radosgw', [
      '-n',
      'client.rgw',
      `--rgw_frontends=beast endpoint=127.0.0.1:${port}`,
      `--admin_socket=${join(dir, 'run', `${name}.asok`)}`,
      `--pid_file=${join(dir, 'run', `${name}.pid`)}`,
      `--log_file=${join(dir, 'log', `${name}.log`)}`,
    ]);
    await waitFor(`${name} to answer on port ${port}`, 60_000, child, dir, name, async () => {
      try {
        await fetch(`http://127.0.0.1:${port}/`);
        return true;
      } catch {
        return false;
      }
    });
  };

  const started = Date.now();
  try {
    await run('ceph-authtool', ['--create-keyring', keyring, '--gen-key', '-n', 'mon.', '--cap', 'mon', 'allow *']);
    const keys: [string, string[]][] = [
      ['client.admin', ['mon', 'allow *', 'osd', 'allow *', 'mgr', 'allow *']],
      ['osd.0', ['mon', 'allow profile osd', 'osd', 'allow *', 'mgr', 'allow profile osd']],
      ['client.rgw', ['mon', 'allow rw', 'osd', 'allow rwx', 'mgr', 'allow rw']],
    ];
    for (const [name, caps] of keys) {
      const capArgs: string[] = [];
      for (let i = 0; i < caps.length; i += 2) capArgs.push('--cap', caps[i] ?? '', caps[i + 1] ?? '');
      await run('ceph-authtool', [keyring, '--gen-key', '-n', name, ...capArgs]);
    }
    const monmap = join(dir, 'monmap');
    await run('monmaptool', ['--create', '--addv', 'a', `[v2:127.0.0.1:${monPort}]`, '--fsid', fsid, monmap]);
    await run('ceph-mon', ['-c', conf, '--mkfs', '-i', 'a', '--monmap', monmap, '--keyring', keyring]);
    startDaemon('mon.a', 'ceph-mon', ['-i', 'a']);

    const osdUuid = randomUUID();
    const { stdout: osdId } = await ceph('osd', 'new', osdUuid);
    if (osdId.trim() !== '0') throw new Error(`expected OSD id 0, got ${osdId.trim()}`);
    await run('ceph-osd', ['-c', conf, '-i', '0', '--mkfs', '--osd-uuid', osdUuid]);
    const osd = startDaemon('osd.0', 'ceph-osd', ['-i', '0']);
    await waitFor('the OSD to come up', 60_000, osd, dir, 'osd.0', async () => {
      const { stdout } = await ceph('osd', 'stat', '--format', 'json');
      return (JSON.parse(stdout) as { num_up_osds?: number }).num_up_osds === 1;
    });

    await startGatewayOn('rgw', rgwPort);
    await run('radosgw-admin', [
      '-c',
      conf,
      'user',
      'create',
      '--uid=ondeck',
      '--display-name=ondeck tests',
      `--access-key=${ACCESS_KEY_ID}`,
      `--secret=${SECRET_ACCESS_KEY}`,
    ]);
  } catch (error) {
    killAll();
    process.off('exit', killAll);
    throw new Error(`Ceph did not start (logs in ${dir}/log): ${(error as Error).message}`, { cause: error });
  }

  const endpoint = `http://127.0.0.1:${rgwPort}`;
  // NOTE: the first bucket makes the gateway create its data pools (~5 s); pay that here, once.
  await createBucket({ endpoint, accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY }, 'warm-up');
  const startupMs = Date.now() - started;

  let extraGateways = 0;
  return {
    endpoint,
    region: CEPH_REGION,
    accessKeyId: ACCESS_KEY_ID,
    secretAccessKey: SECRET_ACCESS_KEY,
    dir,
    startupMs,
    async stop() {
      for (const name of [...daemons.keys()].filter((n) => n.startsWith('rgw'))) await stopDaemon(name);
      await stopDaemon('osd.0');
      await stopDaemon('mon.a');
      process.off('exit', killAll);
      await rm(dir, { recursive: true, force: true });
    },
    stopGateway: () => stopDaemon('rgw'),
    startGateway: () => startGatewayOn('rgw', rgwPort),
    async addGateway() {
      extraGateways += 1;
      const name = `rgw${extraGateways}`;
      const port = await freePort();
      await startGatewayOn(name, port);
      return {
        endpoint: `http://127.0.0.1:${port}`,
        stop: () => stopDaemon(name),
        start: () => startGatewayOn(name, port),
      };
    },
  };
}

/** Creates a bucket (idempotent: an existing one of ours is fine). */
export async function createBucket(
  target: { endpoint: string; accessKeyId: string; secretAccessKey: string },
  bucket: string,
): Promise<void> {
  const client = new S3Client({
    endpoint: target.endpoint,
    region: CEPH_REGION,
    forcePathStyle: true,
    credentials: { accessKeyId: target.accessKeyId, secretAccessKey: target.secretAccessKey },
  });
  try {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (error) {
    if ((error as Error).name !== 'BucketAlreadyOwnedByYou') throw error;
  } finally {
    client.destroy();
  }
}

function cephConf(o: { dir: string; fsid: string; monPort: number; rgwPort: number }): string {
  return `[global]
fsid = ${o.fsid}
mon_host = v2:127.0.0.1:${o.monPort}
mon_initial_members = a
public_addr = 127.0.0.1
ms_bind_ipv4 = true
ms_bind_ipv6 = false
auth_cluster_required = cephx
auth_service_required = cephx
auth_client_required = cephx
auth_allow_insecure_global_id_reclaim = false
keyring = ${o.dir}/keyring
run_dir = ${o.dir}/run
admin_socket = ${o.dir}/run/$name.asok
pid_file = ${o.dir}/run/$name.pid
log_file = ${o.dir}/log/$name.log
osd_pool_default_size = 1
osd_pool_default_min_size = 1
mon_allow_pool_size_one = true
osd_crush_chooseleaf_type = 0
osd_pool_default_pg_num = 8
osd_pool_default_pgp_num = 8
osd_pool_default_pg_autoscale_mode = off
mon_warn_on_pool_no_redundancy = false

[mon]
mon_data = ${o.dir}/mon/$cluster-$id

[osd]
osd_objectstore = memstore
memstore_device_bytes = 1073741824
osd_data = ${o.dir}/osd/$cluster-$id

[client.rgw]
rgw_frontends = beast endpoint=127.0.0.1:${o.rgwPort}
`;
}

/**
 * A test run that was killed leaves its daemons behind. Before starting, stop the daemons of
 * clusters whose owning process is gone — only processes whose command line names that
 * cluster's own directory — and remove the directory.
 */
function reapAbandonedClusters(): void {
  for (const entry of readdirSync(tmpdir())) {
    if (!entry.startsWith(DIR_PREFIX)) continue;
    const dir = join(tmpdir(), entry);
    const owner = Number(readText(join(dir, 'owner.pid')));
    if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) continue;
    for (const pidFile of safeReaddir(join(dir, 'run')).filter((f) => f.endsWith('.pid'))) {
      const pid = Number(readText(join(dir, 'run', pidFile)));
      if (Number.isInteger(pid) && pid > 0 && readText(`/proc/${pid}/cmdline`).includes(dir)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function terminate(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function waitFor(
  what: string,
  timeoutMs: number,
  child: ChildProcess,
  dir: string,
  name: string,
  ready: () => Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `${name} exited (${child.exitCode ?? child.signalCode}) while waiting for ${what}: ${tail(dir, name)}`,
      );
    if (await ready().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}: ${tail(dir, name)}`);
}

function tail(dir: string, name: string): string {
  return `${readText(join(dir, 'log', `${name}.out`)).slice(-1_000)}\n${readText(join(dir, 'log', `${name}.log`)).slice(-2_000)}`;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
