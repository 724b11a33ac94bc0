// `pnpm --filter @ondeck/sync-server bench:cluster`: three nodes behind HAProxy on a Ceph bucket
// (README "Several nodes"). Prints the events each node holds, the recovery time of each event of
// a node killed with SIGKILL, and a sync round trip through HAProxy beside the same one straight
// to the node that holds the event — both measured in this run, alternating.
import { type CreateEventResponse, type HealthReport, type JoinResponse, syncRoomName } from '@ondeck/shared';
import { type WebSocketConstructor, WirePeer } from '@ondeck/shared/testkit';
import WebSocket from 'ws';
import { createBucket, startCephCluster } from '../test/support/ceph.ts';
import { startTestCluster, type TestCluster } from '../test/support/cluster.ts';
import { ADMIN_TOKEN, api } from '../test/support/server.ts';
import { median } from './stats.ts';

const EVENTS = 20;
const ROUND_TRIPS = 200;

const ceph = await startCephCluster();
let cluster: TestCluster | undefined;
try {
  await createBucket(ceph, 'bench-cluster');
  cluster = await startTestCluster(
    {
      kind: 's3',
      endpoint: ceph.endpoint,
      region: ceph.region,
      bucket: 'bench-cluster',
      accessKeyId: ceph.accessKeyId,
      secretAccessKey: ceph.secretAccessKey,
      forcePathStyle: true,
    },
    { nodes: 3, env: { ONDECK_JOIN_RATE_LIMIT_PER_MINUTE: '100000' } },
  );
  const c = cluster;
  const tokens = new Map<string, string>();
  for (let e = 0; e < EVENTS; e++) {
    const id = `bench-${e}`;
    const created = await api<CreateEventResponse>(c, 'POST', '/api/events', { id, name: id }, ADMIN_TOKEN);
    const joined = await api<JoinResponse>(c, 'POST', '/api/join', { code: created.body.organizerInvite.code });
    tokens.set(id, joined.body.token);
  }
  const url = (base: string, event: string) =>
    `${base}/${syncRoomName(event, 'program')}?token=${encodeURIComponent(tokens.get(event) ?? '')}`;
  const connect = (base: string, event: string) =>
    WirePeer.connect(WebSocket as unknown as WebSocketConstructor, url(base, event));
  for (const event of tokens.keys()) await (await connect(c.syncUrl, event)).close();

  const holders = new Map<string, string>();
  for (const node of c.nodes) {
    const health = (await (await fetch(`${node.url}/up`)).json()) as HealthReport;
    for (const lease of health.cluster?.leases ?? []) holders.set(lease.event, node.name);
  }
  console.log('events held per node:');
  for (const node of c.nodes)
    console.log(`  ${node.name}: ${[...holders.values()].filter((h) => h === node.name).length}`);

  // The proxy's added latency: the same event, one peer through HAProxy, one straight to its node.
  const [event, holder] = [...holders.entries()][0] as [string, string];
  const node = c.nodes.find((n) => n.name === holder);
  if (!node) throw new Error('no holder');
  const viaProxy = await connect(c.syncUrl, event);
  const direct = await connect(`${node.url.replace('http', 'ws')}/sync`, event);
  const times = { proxy: [] as number[], direct: [] as number[] };
  for (let i = 0; i < ROUND_TRIPS; i++) {
    for (const [name, peer] of [
      ['proxy', viaProxy],
      ['direct', direct],
    ] as const) {
      const started = performance.now();
      await peer.sync();
      times[name].push(performance.now() - started);
    }
  }
  await viaProxy.close();
  await direct.close();
  const [p, d] = [median(times.proxy), median(times.direct)];
  console.log(
    `sync round trip, median of ${ROUND_TRIPS}: through HAProxy ${p.toFixed(2)} ms, direct ${d.toFixed(2)} ms, added ${(p - d).toFixed(2)} ms (×${(p / d).toFixed(2)})`,
  );

  // Recovery: kill the node holding the most events; time until each of its events syncs again.
  const counts = c.nodes.map((n) => [...holders.values()].filter((h) => h === n.name).length);
  const victim = c.nodes[counts.indexOf(Math.max(...counts))];
  if (!victim) throw new Error('no victim');
  const orphaned = [...holders.entries()].filter(([, h]) => h === victim.name).map(([e]) => e);
  const killedAt = performance.now();
  await c.kill(victim);
  const recovery = await Promise.all(
    orphaned.map(async (e) => {
      for (;;) {
        try {
          const peer = await connect(c.syncUrl, e);
          await peer.sync();
          await peer.close();
          return { event: e, ms: performance.now() - killedAt };
        } catch {
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    }),
  );
  console.log(`recovery after kill -9 of ${victim.name} (until a sync through HAProxy answers):`);
  for (const r of recovery) console.log(`  ${r.event}: ${Math.round(r.ms)} ms`);
  await c.start(victim);
} finally {
  await cluster?.close();
  await ceph.stop();
}
