import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { haproxyConfig } from '../src/cluster/haproxyConfig.ts';
import { loadTestConfig as load, configProblems as problemsOf } from './support/config.ts';

const S3 = {
  ONDECK_STORAGE: 's3',
  ONDECK_S3_ENDPOINT: 'http://127.0.0.1:9000',
  ONDECK_S3_BUCKET: 'ondeck',
  ONDECK_S3_ACCESS_KEY_ID: 'key-id',
  ONDECK_S3_SECRET_ACCESS_KEY: 'secret-key-value',
};
const SHARED = {
  ...S3,
  ONDECK_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  ONDECK_ADMIN_TOKEN: 'admin-token-0123456789',
};

describe('a cluster node’s settings (ONDECK_CLUSTER_*)', () => {
  it('is off unless ONDECK_CLUSTER_NODE names the node', () => {
    expect(load({}).cluster).toBeNull();
    expect(problemsOf({ ONDECK_CLUSTER_LEASE_MS: '4000' })).toEqual([
      'ONDECK_CLUSTER_LEASE_MS is set but ONDECK_CLUSTER_NODE is not',
    ]);
  });

  it('takes its name, URL and times, and ships changes at its own interval', () => {
    const config = load({
      ...SHARED,
      ONDECK_CLUSTER_NODE: 'n1',
      ONDECK_CLUSTER_URL: 'http://10.0.0.11:8080',
      ONDECK_CLUSTER_LEASE_MS: '8000',
      ONDECK_CLUSTER_SHIP_MS: '2000',
    });
    expect(config.cluster).toEqual({ node: 'n1', url: 'http://10.0.0.11:8080', leaseMs: 8000, shipMs: 2000 });
    expect(config.backup.intervalMs).toBe(2000);
  });

  it('refuses a cluster without the bucket, the shared key and admin token, or with a bad name or URL', () => {
    const problems = problemsOf({ ONDECK_CLUSTER_NODE: 'Node One', ONDECK_CLUSTER_URL: 'http://10.0.0.11:8080/x' });
    expect(problems).toEqual([
      'ONDECK_CLUSTER_URL must be this node\'s http(s) URL with no path, such as http://10.0.0.11:8080 (got "http://10.0.0.11:8080/x")',
      'ONDECK_CLUSTER_NODE must be lowercase letters, digits and hyphens, at most 31 (got "Node One")',
      'ONDECK_CLUSTER_NODE needs ONDECK_STORAGE=s3: nodes hand events over through the bucket',
      'ONDECK_CLUSTER_NODE needs ONDECK_SIGNING_KEY, the same on every node, so any node verifies a device token',
      'ONDECK_CLUSTER_NODE needs ONDECK_ADMIN_TOKEN, the same on every node',
    ]);
  });
});

describe('the HAProxy configuration', () => {
  it('hashes an event’s requests to one node and refuses a bad node list', () => {
    const text = haproxyConfig({
      nodes: [
        { name: 'n1', address: '10.0.0.11:8080' },
        { name: 'n2', address: '10.0.0.12:8080' },
      ],
      bind: '*:80',
    });
    expect(text).toContain('balance hdr(X-Ondeck-Event)');
    expect(text).toContain('hash-type consistent');
    expect(text).toContain('http-request del-header X-Ondeck-Event');
    expect(text.match(/server n1 10\.0\.0\.11:8080/g)).toHaveLength(2);
    expect(() => haproxyConfig({ nodes: [], bind: '*:80' })).toThrow(/at least one node/);
    expect(() =>
      haproxyConfig({
        nodes: [
          { name: 'n1', address: 'a:1' },
          { name: 'n1', address: 'b:1' },
        ],
        bind: '*:80',
      }),
    ).toThrow(/twice/);
    expect(() => haproxyConfig({ nodes: [{ name: 'n1', address: 'a:1\n  server x' }], bind: '*:80' })).toThrow(
      /host:port/,
    );
  });
});
