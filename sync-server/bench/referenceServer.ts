import { createServer } from 'node:http';
import { encodeProgram } from '@ondeck/shared';
import { generateEvent } from '@ondeck/shared/testkit';
import { getYDoc, setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { BENCH_EVENT, BENCH_JUDGES, serveCommands, stats } from './ipc.ts';

// The reference: @y/websocket-server 0.1.1, memory-only, seeded with the same large event
// (with `at-rest`, nothing is seeded).
if (process.argv[2] !== 'at-rest')
  Y.applyUpdate(getYDoc(`sync/${BENCH_EVENT}/program`), encodeProgram(generateEvent({ size: 'large' })));

const wss = new WebSocketServer({ noServer: true });
const server = createServer((_req, res) => {
  res.writeHead(404).end();
});
server.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req));
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  serveCommands({
    stats,
    coldLoad: () => null,
    loadEvents: () => null,
  });
  process.send?.({
    ready: true,
    port: typeof address === 'object' && address ? address.port : 0,
    auth: { organizer: '', emcee: '', staff: '', judges: Array.from({ length: BENCH_JUDGES }, () => '') },
  });
});
