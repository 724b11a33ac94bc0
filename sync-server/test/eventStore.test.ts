import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { Checkpointer } from '../src/storage/checkpointer.ts';
import { EventDatabase } from '../src/storage/eventDatabase.ts';
import { eventStoreContract } from './support/eventStoreContract.ts';

function sqliteFixture(synchronous: 'normal' | 'full', background: boolean) {
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'ondeck-store-'));
    const path = join(dir, 'event.sqlite');
    const log = pino({ level: 'silent' });
    const checkpointer = background ? new Checkpointer(log) : null;
    return {
      open: () =>
        new EventDatabase(path, { synchronous, ...(checkpointer ? { background: { checkpointer, log } } : {}) }),
      async remove() {
        await checkpointer?.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  };
}

eventStoreContract('SQLite (synchronous=normal)', sqliteFixture('normal', false));
eventStoreContract('SQLite (synchronous=full)', sqliteFixture('full', false));
eventStoreContract('SQLite with checkpoints on a worker, as the server opens it', sqliteFixture('normal', true));
