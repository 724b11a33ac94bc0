import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import type { StorageSettings } from '../../src/objectStore/index.ts';
import { type CephCluster, type CephGateway, createBucket, startCephCluster } from './ceph.ts';

/** What a test file gets: the cluster's S3 endpoint and credentials, and its own gateways. */
export interface TestCeph {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** A fresh, empty bucket and the settings that reach it (through `endpoint` unless given another). */
  newBucket(options?: { endpoint?: string }): Promise<Extract<StorageSettings, { kind: 's3' }>>;
  /** A gateway of this file's own, to stop and start without disturbing other files. */
  addGateway(): Promise<CephGateway>;
  /** Call in afterAll: stops the cluster if this file had to start one itself. */
  release(): Promise<void>;
}

/**
 * The run's Ceph cluster, started by cephGlobalSetup.ts on first use. When that global setup is
 * not configured, this file starts a cluster of its own and `release()` stops it.
 */
export async function useCeph(): Promise<TestCeph> {
  const controlUrl = inject('cephControlUrl') as string | undefined;
  let own: CephCluster | undefined;
  let info: { endpoint: string; region: string; accessKeyId: string; secretAccessKey: string };
  let addGateway: () => Promise<CephGateway>;
  if (controlUrl === undefined) {
    own = await startCephCluster();
    info = own;
    addGateway = own.addGateway;
  } else {
    info = await call(controlUrl, '/cluster');
    addGateway = async () => {
      const { id, endpoint } = await call<{ id: number; endpoint: string }>(controlUrl, '/gateways');
      return {
        endpoint,
        stop: () => call(controlUrl, `/gateways/${id}/stop`),
        start: () => call(controlUrl, `/gateways/${id}/start`),
      };
    };
  }
  return {
    endpoint: info.endpoint,
    region: info.region,
    accessKeyId: info.accessKeyId,
    secretAccessKey: info.secretAccessKey,
    async newBucket(options = {}) {
      const bucket = `test-${randomUUID()}`;
      await createBucket(info, bucket);
      return {
        kind: 's3',
        endpoint: options.endpoint ?? info.endpoint,
        region: info.region,
        bucket,
        accessKeyId: info.accessKeyId,
        secretAccessKey: info.secretAccessKey,
        forcePathStyle: true,
      };
    },
    addGateway,
    release: async () => {
      await own?.stop();
    },
  };
}

async function call<T>(controlUrl: string, path: string): Promise<T> {
  const response = await fetch(`${controlUrl}${path}`, { method: 'POST' });
  if (!response.ok) throw new Error(`Ceph for tests: ${await response.text()}`);
  return (await response.json()) as T;
}
