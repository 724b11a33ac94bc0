import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventDatabase } from '../src/storage/eventDatabase.ts';
import { eventStoreContract } from './support/eventStoreContract.ts';

function sqliteFixture(options: ConstructorParameters<typeof EventDatabase>[1]) {
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'ondeck-store-'));
    return {
      open: () => new EventDatabase(join(dir, 'event.sqlite'), options),
      remove: () => rmSync(dir, { recursive: true, force: true }),
    };
  };
}

eventStoreContract('SQLite (synchronous=normal)', sqliteFixture({ synchronous: 'normal' }));
eventStoreContract('SQLite (synchronous=full)', sqliteFixture({ synchronous: 'full' }));
