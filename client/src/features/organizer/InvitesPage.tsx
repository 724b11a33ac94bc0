import { displayName, type Invite, type Person, plural, type Role } from '@ondeck/shared';
import { useState } from 'react';
import { RequestError } from '../../api/client.ts';
import { CopyLinkButton, LinkField } from '../../components/LinkField.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Notice } from '../../components/Notice.tsx';
import { formatTime } from '../../lib/format.ts';
import { ROLE_LABELS } from '../../lib/roles.ts';
import { useProgram } from '../../sync/hooks.ts';
import { ServerLinksPanel } from '../venue/ServerLinksPanel.tsx';
import { LocalOnlyLinks } from './LocalOnlyLinks.tsx';
import { useCreateInvite, useRevokeInvite } from './mutations.ts';
import { QrCode } from './QrCode.tsx';
import { useInvites } from './queries.ts';

function InviteCard({ invite }: { invite: Invite }) {
  const revoke = useRevokeInvite();
  const [showQr, setShowQr] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const revoked = Boolean(invite.revokedAt);
  return (
    <li
      className={revoked ? 'card invite invite-revoked' : 'card invite'}
      data-testid="invite"
      data-invite-id={invite.id}
    >
      <div className="invite-head">
        <strong>{invite.label}</strong>
        <span className="muted">
          {revoked
            ? `Revoked ${formatTime(invite.revokedAt as string)}`
            : invite.joins === 0
              ? 'Nobody joined yet'
              : `${plural(invite.joins, 'device')} joined, last ${formatTime(invite.lastJoinedAt ?? invite.createdAt)}`}
        </span>
      </div>
      {revoked ? null : (
        <>
          <LinkField label={`Link for ${invite.label}`} link={invite.link} />
          <div className="actions">
            <CopyLinkButton link={invite.link} />
            <button
              type="button"
              className="button button-secondary"
              aria-expanded={showQr}
              onClick={() => setShowQr(!showQr)}
            >
              {showQr ? 'Hide QR code' : 'Show QR code'}
            </button>
            {confirming ? (
              <>
                <button
                  type="button"
                  className="button button-danger"
                  disabled={revoke.isPending}
                  onClick={() => revoke.mutate(invite.id, { onSettled: () => setConfirming(false) })}
                >
                  Revoke: devices using it stop syncing
                </button>
                <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
                  Cancel
                </button>
              </>
            ) : (
              <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
                Revoke
              </button>
            )}
          </div>
          {showQr ? <QrCode value={invite.link} label={`QR code of the invite for ${invite.label}`} /> : null}
          {revoke.isError ? <Notice tone="error">{(revoke.error as Error).message}</Notice> : null}
        </>
      )}
    </li>
  );
}

function CreateButton({ inviteRole, person, label }: { inviteRole: Role; person?: Person; label: string }) {
  const create = useCreateInvite();
  return (
    <div className="stack">
      <button
        type="button"
        className="button"
        disabled={create.isPending}
        onClick={() =>
          // No label for a role: the server names it by the same rule as the CLI's invites.
          create.mutate({
            role: inviteRole,
            ...(person ? { personId: person.id, label: displayName(person.name) } : {}),
          })
        }
      >
        {label}
      </button>
      {create.isError ? <Notice tone="error">{(create.error as Error).message}</Notice> : null}
    </div>
  );
}

function InviteGroup({ title, invites, children }: { title: string; invites: Invite[]; children: React.ReactNode }) {
  return (
    <section className="stack" aria-label={title}>
      <h3>{title}</h3>
      {invites.length > 0 ? (
        <ul className="list">
          {invites.map((invite) => (
            <InviteCard key={invite.id} invite={invite} />
          ))}
        </ul>
      ) : null}
      {children}
    </section>
  );
}

const SHARED_ROLES: Role[] = ['dj', 'emcee', 'staff', 'public', 'organizer'];

/** `/e/<id>/organizer/invites`: invites per role, with link and QR code; who joined. */
export function InvitesPage() {
  const program = useProgram();
  const invites = useInvites();
  if (!program) return <Loading />;
  const judges = [...program.people.values()]
    .filter((person) => person.type === 'Judge')
    .sort((a, b) => a.name.localeCompare(b.name));
  return (
    <main className="screen">
      <h1>Invites</h1>
      <p className="muted">
        Each invite is a link (and its QR code) that puts the event on a device with one role. Judges get one each.
        Revoking an invite stops every device that joined with it.
      </p>
      {invites.fetchStatus === 'paused' ? (
        <Notice tone="warning" title="Invites need a connection">
          The event itself works offline; creating and revoking invites waits for the network.
        </Notice>
      ) : null}
      {invites.isError ? (
        <Notice tone="error" title="Could not load the invites">
          {invites.error instanceof RequestError ? invites.error.message : String(invites.error)}
        </Notice>
      ) : null}
      {invites.data ? <LocalOnlyLinks links={invites.data.map((invite) => invite.link)} /> : null}
      {invites.data ? (
        <div className="stack-lg">
          <h2>Judges</h2>
          {judges.length === 0 ? <p className="muted">Add judges on the People screen first.</p> : null}
          {judges.map((judge) => (
            <InviteGroup
              key={judge.id}
              title={displayName(judge.name)}
              invites={invites.data.filter((invite) => invite.role === 'judge' && invite.personId === judge.id)}
            >
              <CreateButton inviteRole="judge" person={judge} label={`New invite for ${displayName(judge.name)}`} />
            </InviteGroup>
          ))}
          <h2>Everyone else</h2>
          {SHARED_ROLES.map((role) => (
            <InviteGroup
              key={role}
              title={ROLE_LABELS[role]}
              invites={invites.data.filter((invite) => invite.role === role)}
            >
              <CreateButton inviteRole={role} label={`New ${ROLE_LABELS[role]} invite`} />
            </InviteGroup>
          ))}
          <h2>Venue server</h2>
          <ServerLinksPanel />
          <InviteGroup title="Venue server invites" invites={invites.data.filter((invite) => invite.role === 'venue')}>
            <CreateButton inviteRole="venue" label="New Venue server invite" />
          </InviteGroup>
        </div>
      ) : invites.isPending && invites.fetchStatus === 'fetching' ? (
        <Loading />
      ) : null}
    </main>
  );
}
