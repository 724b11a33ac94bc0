import { parseArgs } from 'node:util';
import { isRole, joinPath, type Role } from '@ondeck/shared';
import { TokenService } from '../auth/tokens.ts';
import { IndexDatabase } from '../catalog/indexDatabase.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { createEvent, type EventTemplate } from '../events/createEvent.ts';
import { eventPath } from '../events/eventRegistry.ts';
import { compactEventFile } from './compact.ts';

const USAGE = `ondeck — operator commands (they work on ONDECK_DATA_DIR; see the README)

  create-event <id> --name <name> [--template empty|demo|large]
      Creates an event and prints its organiser invite link.
  invite <eventId> --role <organizer|judge|dj|emcee|staff|public> [--person <id>] [--label <text>]
      Makes an invite; prints its link and a token for it.
  list-events
      Lists the events of this server.
  compact <eventId>
      Folds the event's change log into snapshots (run it while the event is not loaded).
`;

class UsageError extends Error {}

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
    },
  });
  const config = loadConfig(process.env, { defaultClientDir: null });
  const linkBase = config.publicUrl ?? `http://localhost:${config.port}`;
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
        console.log(`Organiser invite: ${linkBase}${joinPath(organizerInvite.code)}`);
        return;
      }
      case 'invite': {
        const eventId = positionals[0];
        if (!eventId || !values.role) throw new UsageError('invite needs an event id and --role');
        if (!isRole(values.role)) throw new UsageError(`--role must be a role, not "${values.role}"`);
        const role: Role = values.role;
        if (!catalog.getEvent(eventId)) throw new UsageError(`no event "${eventId}" here`);
        if (role === 'judge' && !values.person) throw new UsageError('a judge invite needs --person <judge person id>');
        const invite = catalog.createInvite({
          eventId,
          role,
          label: values.label ?? role,
          ...(values.person === undefined ? {} : { personId: values.person }),
        });
        const tokens = new TokenService(catalog.signingSecret(config.secret), [], config.tokenTtlDays * 86_400);
        const { token } = await tokens.sign({
          eventId,
          role,
          inviteId: invite.id,
          ...(values.person === undefined ? {} : { personId: values.person }),
        });
        console.log(`Invite link: ${linkBase}${joinPath(invite.code)}`);
        console.log(`Token: ${token}`);
        return;
      }
      case 'list-events':
        for (const event of catalog.listEvents()) console.log(`${event.id}\t${event.name}\t${event.createdAt}`);
        return;
      case 'compact': {
        const eventId = positionals[0];
        if (!eventId || !catalog.getEvent(eventId)) throw new UsageError(`no event "${eventId ?? ''}" here`);
        const docs = compactEventFile(eventPath(config.dataDir, eventId), config.snapshotsKept);
        console.log(`Compacted ${docs} document(s) of ${eventId}.`);
        return;
      }
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
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
