import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { TestProject } from 'vitest/node';
import { type CephCluster, type CephGateway, startCephCluster } from './ceph.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where test files ask for the run's one Ceph cluster (see sharedCeph.ts). */
    cephControlUrl: string;
  }
}

/**
 * One Ceph cluster for the whole run, started only when a test file first asks for it (files
 * that need no S3 pay nothing) and stopped after the last file. Test files run in other
 * processes, so they reach it through a small HTTP endpoint on loopback.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let cluster: Promise<CephCluster> | undefined;
  const gateways: CephGateway[] = [];

  const handle = async (request: IncomingMessage): Promise<unknown> => {
    cluster ??= startCephCluster();
    const ready = await cluster;
    const url = request.url ?? '';
    if (url === '/cluster') {
      const { endpoint, region, accessKeyId, secretAccessKey } = ready;
      return { endpoint, region, accessKeyId, secretAccessKey };
    }
    if (url === '/gateways') {
      const gateway = await ready.addGateway();
      gateways.push(gateway);
      return { id: gateways.length - 1, endpoint: gateway.endpoint };
    }
    const match = /^\/gateways\/(\d+)\/(stop|start)$/.exec(url);
    const gateway = match ? gateways[Number(match[1])] : undefined;
    if (!match || !gateway) throw new Error(`unknown request ${url}`);
    await (match[2] === 'stop' ? gateway.stop() : gateway.start());
    return {};
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    handle(request).then(
      (body) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
      (error: Error) => response.writeHead(500).end(error.stack ?? String(error)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('control server has no port');
  project.provide('cephControlUrl', `http://127.0.0.1:${address.port}`);

  return async () => {
    server.close();
    const started = await cluster?.catch(() => undefined);
    await started?.stop();
  };
}
