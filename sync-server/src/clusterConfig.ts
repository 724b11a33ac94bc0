import { EnvReader } from './envReader.ts';

/**
 * Settings of a node in a cluster (README "Several nodes"): on when `ONDECK_CLUSTER_NODE` names
 * this node. Every node shares one S3 bucket, one signing key and one admin token; HAProxy sends
 * each event to one node and a lease in the bucket makes sure only one serves it.
 */
export interface ClusterSettings {
  /** This node's name, unique in the cluster: the lease's holder and HAProxy's server name. */
  node: string;
  /**
   * A lease not renewed for this long is taken over by the node the proxy now sends the event
   * to; it bounds how long a dead node's events wait (README: "served again within 10 s").
   */
  leaseMs: number;
  /** A changed event is shipped to object storage at most this long after its first unshipped change. */
  shipMs: number;
  /**
   * This node's URL as the other nodes reach it, written into its leases: a node that finds
   * the holder gone there (connection refused, or a new run answering) takes the event at once
   * instead of after a whole lease time. Null: always wait the lease time.
   */
  url: string | null;
}

export const CLUSTER_CONFIG_VARIABLES = [
  'ONDECK_CLUSTER_NODE',
  'ONDECK_CLUSTER_URL',
  'ONDECK_CLUSTER_LEASE_MS',
  'ONDECK_CLUSTER_SHIP_MS',
] as const;

/** Node names are HAProxy server names and S3 metadata: short, plain. */
const NODE_NAME = /^[a-z0-9][a-z0-9-]{0,30}$/;
// NOTE: renewed every third of it and served until 90 % of it, so a renewal may take 3.4 s: on
// this 2-core machine at load 25, Ceph's answers to renewals took over 1.7 s (3 s leases were lost).
const DEFAULT_LEASE_MS = 6_000;
const DEFAULT_SHIP_MS = 3_000;

export function loadClusterConfig(
  env: Record<string, string | undefined>,
  context: { storageKind: 'dir' | 's3'; signingKeySet: boolean; adminTokenSet: boolean },
): { settings: ClusterSettings | null; problems: string[] } {
  const reader = new EnvReader(env);
  const node = reader.read('ONDECK_CLUSTER_NODE');
  const leaseMs = reader.int('ONDECK_CLUSTER_LEASE_MS', DEFAULT_LEASE_MS, 1_000, 600_000);
  const shipMs = reader.int('ONDECK_CLUSTER_SHIP_MS', DEFAULT_SHIP_MS, 500, 3_600_000);
  const url = reader.read('ONDECK_CLUSTER_URL');
  const { problems } = reader;
  if (url !== undefined && !/^https?:\/\/[^\s/?#]+$/.test(url))
    problems.push(
      `ONDECK_CLUSTER_URL must be this node's http(s) URL with no path, such as http://10.0.0.11:8080 (got "${url}")`,
    );
  if (node === undefined) {
    for (const name of CLUSTER_CONFIG_VARIABLES.slice(1))
      if (reader.read(name) !== undefined) problems.push(`${name} is set but ONDECK_CLUSTER_NODE is not`);
    return { settings: null, problems };
  }
  if (!NODE_NAME.test(node))
    problems.push(`ONDECK_CLUSTER_NODE must be lowercase letters, digits and hyphens, at most 31 (got "${node}")`);
  // NOTE: the bucket is the hand-off between nodes; a directory is one machine's.
  if (context.storageKind !== 's3')
    problems.push('ONDECK_CLUSTER_NODE needs ONDECK_STORAGE=s3: nodes hand events over through the bucket');
  // Tokens and the admin token must be good on every node.
  if (!context.signingKeySet)
    problems.push(
      'ONDECK_CLUSTER_NODE needs ONDECK_SIGNING_KEY, the same on every node, so any node verifies a device token',
    );
  if (!context.adminTokenSet) problems.push('ONDECK_CLUSTER_NODE needs ONDECK_ADMIN_TOKEN, the same on every node');
  return { settings: { node, leaseMs, shipMs, url: url ?? null }, problems };
}
