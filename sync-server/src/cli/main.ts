import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isRole, joinPath, type Role } from '@ondeck/shared';
import Database from 'better-sqlite3';
import { backupDatabase, INDEX_BACKUP_NAME, listBackups, restoreBackup } from '../backup/index.ts';
import { IndexDatabase, indexDatabasePath } from '../catalog/indexDatabase.ts';
import { type Config, ConfigError, loadConfig } from '../config.ts';
import { createEvent, type EventTemplate } from '../events/createEvent.ts';
import { createObjectStore } from '../objectStore/index.ts';
import { eventPath } from '../storage/eventFiles.ts';
import { compactEventFile } from './compact.ts';
import { exportCommand, importCommand } from './importCommands.ts';
import {
  inviteCommand,
  linkBase,
  linkTo,
  listInvitesCommand,
  listJudgesCommand,
  revokeInviteCommand,
  UsageError,
} from './inviteCommands.ts';
import { venueCommand } from './venueCommands.ts';

const USAGE = `ondeck — operator commands (they work on ONDECK_DATA_DIR; see the README)

  create-event <id> --name <name> [--template empty|demo|large]
      Creates an event and prints its organiser invite link.
  invite <eventId> --role <organizer|judge|dj|emcee|staff|public|venue> [--person <id>] [--label <text>]
      Makes an invite; prints its id, its link and a token for it. A judge invite names the
      judge's person id (list-judges). Links start with ONDECK_PUBLIC_URL, else the address
      the server running on this data directory recorded.
  list-invites <eventId>
      Lists the event's invites (revoked ones too): id, role, label, person, joins, link.
  revoke-invite <eventId> <inviteId>
      Revokes an invite: the tokens it gave stop working and their devices are disconnected.
  list-judges <eventId>
      Lists the program's judges with the person ids invite --person takes.
  list-events
      Lists the events of this server.
  compact <eventId>
      Folds the event's change log into snapshots (run it while the event is not loaded).
  backup <eventId|index>
      Backs the event (or the index database) up to object storage now.
  list-backups <eventId|index>
      Lists the latest backup and the daily copies, with sizes and checksums.
  import <eventId> <file> [--format showcase|csv] [--commit]
      Reads a Showcase event (.sqlite3, or a ZIP of it with its storage folder) or the CSV
      template into the event: prints the preview — rows per table, what is left out and why,
      every problem, what will change — and with --commit brings it in. Goes through the
      server running on this data directory when there is one (devices see the change live).
  export <eventId> [--showcase <file>] [--csv <file>]
      Writes the event's marks into a copy of the Showcase database it was imported from,
      and/or every mark and comment as CSV.
  restore <eventId|index> [--day YYYY-MM-DD] [--force]
      Restores the latest backup (or a day's copy) over the local file, after verifying its
      checksum. Refuses to replace a local file newer than the backup unless --force; the
      replaced file is kept beside it. Stop the server (or let the event unload) first.
      On a new machine, restore index before the first start: each event then comes back
      from its own backup when a device first connects to it.
  venue follow <venue invite link> | venue list | venue unfollow <eventId>
      Makes this server a venue server of a cloud event: redeems the organiser's venue invite
      at the cloud and records the event to follow; the server, once (re)started, pulls it and
      keeps it in step with the cloud. list shows what it follows; unfollow stops following.
`;

/** An event of this server's, by id. */
function requireEvent(catalog: IndexDatabase, eventId: string | undefined): string {
  if (!eventId || !catalog.getEvent(eventId)) throw new UsageError(`no event "${eventId ?? ''}" here`);
  return eventId;
}

/**
 * `restore index`: the index database (events, invites, the token-signing key) from its backup.
 * An index that holds no event — what a first start or an older CLI left on a new machine — has
 * nothing to lose, so it is replaced (kept aside) without --force.
 */
async function restoreIndex(config: Config, options: { day?: string; force: boolean }): Promise<void> {
  const targetPath = indexDatabasePath(config.dataDir);
  const result = await restoreBackup(createObjectStore(config.storage), INDEX_BACKUP_NAME, {
    targetPath,
    ...options,
    force: options.force || holdsNoEvent(targetPath),
  });
  reportRestore(INDEX_BACKUP_NAME, result);
  console.log('Start the server now: each event is restored from its latest backup when a device first connects.');
}

function holdsNoEvent(indexPath: string): boolean {
  if (!existsSync(indexPath)) return false;
  let db: Database.Database | undefined;
  try {
    db = new Database(indexPath, { readonly: true, fileMustExist: true });
    return (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n === 0;
  } catch {
    // Not an index this server can read: not ours to call empty.
    return false;
  } finally {
    db?.close();
  }
}

function reportRestore(name: string, result: Awaited<ReturnType<typeof restoreBackup>>): void {
  console.log(`Restored ${name} from ${result.key} (created ${result.manifest.createdAt}).`);
  if (result.setAside.length > 0) console.log(`The files it replaced were kept as ${result.setAside.join(', ')}.`);
}

/** An event id of this server, or `index` for the index database. */
function backupName(name: string | undefined, catalog: IndexDatabase): string {
  return name === INDEX_BACKUP_NAME ? name : requireEvent(catalog, name);
}

async function run(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      template: { type: 'string' },
      role: { type: 'string' },
      person: { type: 'string' },
      label: { type: 'string' },
      day: { type: 'string' },
      force: { type: 'boolean' },
      format: { type: 'string' },
      commit: { type: 'boolean' },
      showcase: { type: 'string' },
      csv: { type: 'string' },
    },
  });
  const config = loadConfig(process.env, { defaultClientDir: null });
  // NOTE: before the index is opened, since opening it creates a fresh one: on a new machine
  // that fresh file would be "newer than the backup" and the restore refused.
  if (command === 'restore' && positionals[0] === INDEX_BACKUP_NAME)
    return restoreIndex(config, {
      ...(values.day === undefined ? {} : { day: values.day }),
      force: values.force ?? false,
    });
  const catalog = new IndexDatabase(config.dataDir);
  try {
    switch (command) {
      case 'create-event': {
        const id = positionals[0];
        if (!id || !values.name) throw new UsageError('create-event needs an id and --name');
        const template = (values.template ?? 'empty') as EventTemplate;
        if (!['empty', 'demo', 'large'].includes(template))
          throw new UsageError('--template is one of empty, demo, large');
        const { event, organizerInvite } = createEvent(config.dataDir, catalog, { id, name: values.name, template });
        console.log(`Created event ${event.id} (${event.name}).`);
        console.log(`Organiser invite: ${linkTo(await linkBase(config), joinPath(organizerInvite.code), config)}`);
        return;
      }
      case 'invite': {
        const eventId = positionals[0];
        if (!eventId || !values.role) throw new UsageError('invite needs an event id and --role');
        if (!isRole(values.role)) throw new UsageError(`--role must be a role, not "${values.role}"`);
        const role: Role = values.role;
        requireEvent(catalog, eventId);
        await inviteCommand(config, catalog, {
          eventId,
          role,
          ...(values.person === undefined ? {} : { personId: values.person }),
          ...(values.label === undefined ? {} : { label: values.label }),
        });
        return;
      }
      case 'list-invites':
        return await listInvitesCommand(config, catalog, requireEvent(catalog, positionals[0]));
      case 'revoke-invite': {
        const eventId = requireEvent(catalog, positionals[0]);
        const inviteId = positionals[1];
        if (!inviteId)
          throw new UsageError('revoke-invite needs an event id and an invite id (list-invites shows them)');
        return await revokeInviteCommand(config, catalog, { eventId, inviteId });
      }
      case 'list-judges':
        return await listJudgesCommand(config, catalog, requireEvent(catalog, positionals[0]));
      case 'list-events':
        for (const event of catalog.listEvents()) console.log(`${event.id}\t${event.name}\t${event.createdAt}`);
        return;
      case 'compact': {
        const eventId = requireEvent(catalog, positionals[0]);
        const docs = compactEventFile(eventPath(config.dataDir, eventId), config.snapshotsKept);
        console.log(`Compacted ${docs} document(s) of ${eventId}.`);
        return;
      }
      case 'backup': {
        const name = backupName(positionals[0], catalog);
        const store = createObjectStore(config.storage);
        const db =
          name === INDEX_BACKUP_NAME ? catalog.db : new Database(eventPath(config.dataDir, name), { readonly: true });
        try {
          const { manifest, keys } = await backupDatabase(db, store, { name, now: new Date() });
          console.log(
            `Backed up ${name} (${manifest.size} bytes compressed) to ${keys.join(' and ')} in ${store.location}.`,
          );
        } finally {
          if (db !== catalog.db) db.close();
        }
        return;
      }
      case 'list-backups': {
        const name = backupName(positionals[0], catalog);
        const entries = await listBackups(createObjectStore(config.storage), name);
        if (entries.length === 0) console.log(`No backups of ${name} yet.`);
        for (const entry of entries) {
          const m = entry.manifest;
          console.log(
            `${entry.day.padEnd(10)}\t${entry.size} bytes\t${m ? `created ${m.createdAt}\tsha256 ${m.sha256}` : 'no manifest: cannot be restored'}`,
          );
        }
        return;
      }
      case 'restore': {
        const name = backupName(positionals[0], catalog);
        const result = await restoreBackup(createObjectStore(config.storage), name, {
          targetPath: eventPath(config.dataDir, name),
          ...(values.day === undefined ? {} : { day: values.day }),
          force: values.force ?? false,
        });
        reportRestore(name, result);
        return;
      }
      case 'import': {
        const [eventId, file] = positionals;
        if (!eventId || !file) throw new UsageError('import needs an event id and a file');
        requireEvent(catalog, eventId);
        if (!existsSync(file)) throw new UsageError(`no file "${file}"`);
        const format = values.format ?? (/\.csv$/i.test(file) ? 'csv' : 'showcase');
        if (format !== 'showcase' && format !== 'csv') throw new UsageError('--format is showcase or csv');
        await importCommand(config, catalog, { eventId, file, format, commit: values.commit ?? false });
        return;
      }
      case 'export': {
        const eventId = requireEvent(catalog, positionals[0]);
        if (!values.showcase && !values.csv) throw new UsageError('export needs --showcase <file> and/or --csv <file>');
        await exportCommand(config, catalog, {
          eventId,
          ...(values.showcase ? { showcase: values.showcase } : {}),
          ...(values.csv ? { csv: values.csv } : {}),
        });
        return;
      }
      case 'venue':
        return await venueCommand(config, catalog, positionals);
      default:
        throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
    }
  } finally {
    catalog.close();
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(64);
  }
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78);
  }
  console.error(error instanceof Error ? `${'code' in error ? `${String(error.code)}: ` : ''}${error.message}` : error);
  process.exit(1);
});
