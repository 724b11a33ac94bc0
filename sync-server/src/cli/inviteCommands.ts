import { apiPath, displayName, joinPath, type Person, type Role, readCollection } from '@ondeck/shared';
import * as Y from 'yjs';
import { openTokenService } from '../auth/serverTokens.ts';
import type { IndexDatabase } from '../catalog/indexDatabase.ts';
import type { Config } from '../config.ts';
import { inviteLabel, judgesOf } from '../events/inviteLabels.ts';
import { runningServer } from '../http/serverAddress.ts';
import { failure, openSession, organizerToken, type Session } from './serverSession.ts';

/** A refusal of a command's arguments: printed with the usage, exit code 64. */
export class UsageError extends Error {}

/**
 * Where invite links point: ONDECK_PUBLIC_URL, else the address the server running on this data
 * directory recorded as it started (the port it really got, the venue network's address first),
 * else unknown — a CLI cannot guess which address devices reach the server on.
 */
export async function linkBase(config: Config): Promise<string | null> {
  if (config.publicUrl) return config.publicUrl;
  return (await runningServer(config.dataDir))?.linkBase ?? null;
}

/** A link for `path` (`/join/<code>`), or the bare path with a note on stderr when the address is unknown. */
export function linkTo(base: string | null, path: string, config: Config): string {
  if (base !== null) return `${base}${path}`;
  noteAddressUnknown(config);
  return path;
}

function noteAddressUnknown(config: Config): void {
  console.error(
    `The server's address is not known: ONDECK_PUBLIC_URL is not set and no server is running on ${config.dataDir}. ` +
      'Put the address devices open (the server prints it as it starts) in front of the path, or set ONDECK_PUBLIC_URL.',
  );
}

/** The event's people as the server holds its program: the running server's, or this data directory's. */
async function programPeople(session: Session, eventId: string): Promise<Person[]> {
  const answer = await session.call('GET', apiPath('docState', { eventId, '*': 'program' }));
  if (answer.status !== 200) throw failure(answer.status, answer.body);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, answer.body);
  return [...readCollection(doc, 'people').values()];
}

async function withSession<T>(
  config: Config,
  catalog: IndexDatabase,
  eventId: string,
  use: (session: Session) => Promise<T>,
): Promise<T> {
  const session = await openSession(config, await organizerToken(config, catalog, eventId));
  try {
    return await use(session);
  } finally {
    await session.close();
  }
}

function judgeLines(judges: readonly Person[]): string {
  return judges.length === 0
    ? '  (the program has no judges yet)'
    : judges.map((judge) => `  ${judge.id.padEnd(16)} ${displayName(judge.name)}`).join('\n');
}

/** `invite <event> --role <role> [--person <judge>] [--label <text>]`: an invite, its link, and a token for it. */
export async function inviteCommand(
  config: Config,
  catalog: IndexDatabase,
  input: { eventId: string; role: Role; personId?: string; label?: string },
): Promise<void> {
  const { eventId, role, personId } = input;
  let judge: Person | undefined;
  if (role === 'judge') {
    if (personId === undefined)
      throw new UsageError('a judge invite needs --person <judge person id> (see list-judges)');
    const judges = judgesOf(await withSession(config, catalog, eventId, (session) => programPeople(session, eventId)));
    judge = judges.find((candidate) => candidate.id === personId);
    if (!judge)
      throw new UsageError(
        `the program of ${eventId} has no judge "${personId}"; its judges are:\n${judgeLines(judges)}`,
      );
  }
  const invite = catalog.createInvite({
    eventId,
    role,
    label: inviteLabel(role, { label: input.label, ...(judge ? { judge } : {}) }),
    ...(personId === undefined ? {} : { personId }),
  });
  const tokens = await openTokenService(catalog, config);
  const { token } = await tokens.sign({
    eventId,
    role,
    inviteId: invite.id,
    ...(personId === undefined ? {} : { personId }),
  });
  console.log(`Invite ${invite.id} (${invite.label}, ${role})`);
  console.log(`Invite link: ${linkTo(await linkBase(config), joinPath(invite.code), config)}`);
  console.log(`Token: ${token}`);
}

/** `list-invites <event>`: every invite, revoked ones included, with its joins and link. */
export async function listInvitesCommand(config: Config, catalog: IndexDatabase, eventId: string): Promise<void> {
  const invites = catalog.listInvites(eventId);
  if (invites.length === 0) {
    console.log(`No invites for ${eventId}.`);
    return;
  }
  const base = await linkBase(config);
  console.log(['id', 'role', 'label', 'person', 'joins', 'state', 'link'].join('\t'));
  for (const invite of invites) {
    const state = invite.revokedAt ? `revoked ${invite.revokedAt}` : 'active';
    const link = `${base ?? ''}${joinPath(invite.code)}`;
    console.log([invite.id, invite.role, invite.label, invite.personId ?? '-', invite.joins, state, link].join('\t'));
  }
  if (base === null) noteAddressUnknown(config);
}

/** `revoke-invite <event> <invite id>`: through the running server when there is one, so its devices' sockets close at once. */
export async function revokeInviteCommand(
  config: Config,
  catalog: IndexDatabase,
  input: { eventId: string; inviteId: string },
): Promise<void> {
  const { eventId, inviteId } = input;
  if (!catalog.getInvite(inviteId) || catalog.getInvite(inviteId)?.eventId !== eventId)
    throw new UsageError(`${eventId} has no invite "${inviteId}" (list-invites shows them)`);
  await withSession(config, catalog, eventId, async (session) => {
    const answer = await session.call('DELETE', apiPath('revokeInvite', { eventId, inviteId }));
    if (answer.status !== 200) throw failure(answer.status, answer.body);
    const invite = catalog.getInvite(inviteId);
    console.log(
      `Revoked invite ${inviteId} (${invite?.label ?? ''}, ${invite?.role ?? ''}) through ${session.where}: ` +
        'the tokens it gave no longer work, and devices using them are disconnected.',
    );
  });
}

/** `list-judges <event>`: the program's judges with the person ids `invite --person` takes. */
export async function listJudgesCommand(config: Config, catalog: IndexDatabase, eventId: string): Promise<void> {
  const judges = judgesOf(await withSession(config, catalog, eventId, (session) => programPeople(session, eventId)));
  const invited = new Map<string, number>();
  for (const invite of catalog.listInvites(eventId))
    if (invite.personId && !invite.revokedAt) invited.set(invite.personId, (invited.get(invite.personId) ?? 0) + 1);
  if (judges.length === 0) {
    console.log(`The program of ${eventId} has no judges yet.`);
    return;
  }
  console.log(['person id', 'name', 'active invites'].join('\t'));
  for (const judge of judges) console.log([judge.id, displayName(judge.name), invited.get(judge.id) ?? 0].join('\t'));
}
