import { Server } from '@hocuspocus/server';
import { encodeProgram } from '@ondeck/shared';
import { generateEvent } from '@ondeck/shared/testkit';
import * as Y from 'yjs';
import { BENCH_EVENT, BENCH_JUDGES, serveCommands, stats } from './ipc.ts';

// The second peer: Hocuspocus 3.4.4 (the newest on Node 20), memory-only, no extensions, seeded
// with the same large event when its program is first opened. With `at-rest`, nothing is seeded.
const atRest = process.argv[2] === 'at-rest';
const program = atRest ? null : encodeProgram(generateEvent({ size: 'large' }));

const server = new Server({
  address: '127.0.0.1',
  port: 0,
  quiet: true,
  stopOnSignals: false,
  async onLoadDocument({ documentName, document }) {
    if (program && documentName === `sync/${BENCH_EVENT}/program`) Y.applyUpdate(document, program);
  },
});
await server.listen();
serveCommands({ stats, coldLoad: () => null, loadEvents: () => null });
process.send?.({
  ready: true,
  port: server.address.port,
  auth: { organizer: '', emcee: '', staff: '', judges: Array.from({ length: BENCH_JUDGES }, () => '') },
});
