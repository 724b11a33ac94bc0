import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloseCode, type Invite, type JoinResponse, syncRoomName } from '@ondeck/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { startChildServer } from './support/childServer.ts';
import { cliWith } from './support/cli.ts';
import { nextClose, stockProvider, waitForSynced } from './support/clients.ts';
import { api, startServer } from './support/server.ts';

/** One tab-separated table the CLI printed, as rows of named cells. */
function table(stdout: string): Record<string, string>[] {
  const [head, ...rows] = stdout.trim().split('\n');
  const names = (head ?? '').split('\t');
  return rows.map((row) => Object.fromEntries(row.split('\t').map((cell, i) => [names[i] ?? String(i), cell])));
}

describe('the CLI’s invites: links that work, known judges, one label rule, list and revoke', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ondeck-cli-invites-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  // No ONDECK_PUBLIC_URL, and ONDECK_PORT=0 as the README allows: only the running server knows its port.
  const env = { PATH: process.env.PATH, ONDECK_DATA_DIR: dataDir, ONDECK_PORT: '0', ONDECK_LOG_LEVEL: 'silent' };
  const { cli, failing } = cliWith(env);

  it('says it cannot know the address while no server runs, then links to the port a port-0 server got', {
    timeout: 120_000,
  }, async () => {
    const created = await cli('create-event', 'gala', '--name', 'Gala', '--template', 'demo');
    expect(created.stdout).toMatch(/^Organiser invite: \/join\/[\w-]+$/m);
    expect(created.stderr).toMatch(/address is not known: ONDECK_PUBLIC_URL is not set and no server is running/);

    const server = await startChildServer(dataDir, { ONDECK_PORT: '0' });
    try {
      const port = new URL(server.url).port;
      expect(port).not.toBe('0');
      const invite = await cli('invite', 'gala', '--role', 'dj');
      expect(invite.stderr).toBe('');
      const link = new URL(/Invite link: (\S+)/.exec(invite.stdout)?.[1] as string);
      expect(link.port).toBe(port);
      // The link works: its code joins on the server at that very address.
      const code = link.pathname.split('/').at(-1);
      const joined = await api<JoinResponse>({ url: link.origin }, 'POST', '/api/join', { code });
      expect(joined.status).toBe(200);
      expect(joined.body).toMatchObject({ eventId: 'gala', role: 'dj', label: 'DJ' });
    } finally {
      server.proc.kill('SIGTERM');
      await server.exited;
    }
    // Stopped: the address is unknown again, and said so.
    expect((await cli('invite', 'gala', '--role', 'staff')).stderr).toMatch(/address is not known/);
  });

  it('refuses an invite for a person who is no judge of the program, listing the judges it has', {
    timeout: 120_000,
  }, async () => {
    const judges = table((await cli('list-judges', 'gala')).stdout);
    expect(judges.length).toBeGreaterThan(1);
    for (const judge of judges) expect(judge['person id']).toMatch(/^[\w-]+$/);

    const refused = await failing('invite', 'gala', '--role', 'judge', '--person', 'nobody');
    expect(refused.code).toBe(64);
    expect(refused.stderr).toMatch(/the program of gala has no judge "nobody"; its judges are:/);
    for (const judge of judges) expect(refused.stderr).toContain(`${judge['person id']}`);
    for (const judge of judges) expect(refused.stderr).toContain(judge.name as string);
    // A person who is in the program but not a judge is refused too.
    expect((await failing('invite', 'gala', '--role', 'judge', '--person', 'studio-1')).stderr).toMatch(/no judge/);
    expect(table((await cli('list-invites', 'gala')).stdout).filter((i) => i.role === 'judge')).toHaveLength(0);
  });

  it('labels an invite by the same rule as the server’s API', { timeout: 120_000 }, async () => {
    const [first, second] = table((await cli('list-judges', 'gala')).stdout);
    const viaCli = await cli('invite', 'gala', '--role', 'judge', '--person', first?.['person id'] as string);
    const cliInvite = /^Invite (\S+) \(/m.exec(viaCli.stdout)?.[1] as string;
    const organizer = /Token: (\S+)/.exec((await cli('invite', 'gala', '--role', 'organizer')).stdout)?.[1];

    // The API, given no label either, names its invites by the same rule.
    const server = await startServer({}, { dataDir });
    try {
      const create = (body: object) =>
        api<{ invite: Invite }>(server, 'POST', '/api/events/gala/invites', body, organizer);
      const judgeViaApi = (await create({ role: 'judge', personId: second?.['person id'] })).body.invite;
      const staffViaApi = (await create({ role: 'staff' })).body.invite;
      const listed = table((await cli('list-invites', 'gala')).stdout);
      const label = (id: string) => listed.find((invite) => invite.id === id)?.label;
      expect(label(cliInvite)).toBe(first?.name);
      expect(label(judgeViaApi.id)).toBe(second?.name);
      expect(label(staffViaApi.id)).toBe('Studio staff');
      // The staff invite the first test made with the CLI reads the same.
      expect(listed.filter((i) => i.role === 'staff').map((i) => i.label)).toEqual(['Studio staff', 'Studio staff']);
      expect(listed.find((i) => i.id === cliInvite)).toMatchObject({
        role: 'judge',
        person: first?.['person id'],
        state: 'active',
      });
    } finally {
      await server.close();
    }
  });

  it('revokes through the running server: the invite’s devices are disconnected at once', {
    timeout: 120_000,
  }, async () => {
    const judgeId = table((await cli('list-judges', 'gala')).stdout)[0]?.['person id'] as string;
    const made = await cli('invite', 'gala', '--role', 'judge', '--person', judgeId, '--label', 'Spare tablet');
    const inviteId = /^Invite (\S+) \(/m.exec(made.stdout)?.[1] as string;
    const token = /Token: (\S+)/.exec(made.stdout)?.[1] as string;

    const server = await startServer({}, { dataDir });
    try {
      const tablet = stockProvider(server.syncUrl, syncRoomName('gala', `scores/${judgeId}`), token);
      await waitForSynced(tablet);
      const closed = nextClose(tablet);
      const revoked = await cli('revoke-invite', 'gala', inviteId);
      expect(revoked.stdout).toMatch(
        new RegExp(`Revoked invite ${inviteId} \\(Spare tablet, judge\\) through the running server`),
      );
      expect((await closed).code).toBe(CloseCode.TOKEN_REVOKED);
      tablet.destroy();
      const listed = table((await cli('list-invites', 'gala')).stdout).find((i) => i.id === inviteId);
      expect(listed?.state).toMatch(/^revoked /);
    } finally {
      await server.close();
    }
    expect((await failing('revoke-invite', 'gala', 'no-such-invite')).stderr).toMatch(
      /gala has no invite "no-such-invite"/,
    );
  });
});
