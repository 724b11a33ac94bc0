import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { Field } from '../../components/Field.tsx';
import { Notice } from '../../components/Notice.tsx';
import { PlainHeader } from '../../components/PlainHeader.tsx';
import { type Membership, useDeviceStorage, useMemberships, usePendingCount } from '../../device/hooks.ts';
import { changesNotOnServer, formatBytes } from '../../lib/format.ts';
import { parseInvite } from '../../lib/invites.ts';
import { roleHomePath, roleLine } from '../../lib/roles.ts';

function EventRow({ membership }: { membership: Membership }) {
  const pending = usePendingCount(membership.eventId) ?? 0;
  return (
    <li className="card event-row">
      <Link className="event-link" href={roleHomePath(membership.eventId, membership.role)}>
        <span className="event-name">{membership.eventName}</span>
        <span className="muted">{roleLine(membership)}</span>
      </Link>
      <span className={pending > 0 ? 'pill pill-pending' : 'pill pill-saved'}>
        {pending > 0 ? changesNotOnServer(pending) : 'Nothing waiting'}
      </span>
    </li>
  );
}

function JoinForm() {
  const [link, setLink] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [, navigate] = useLocation();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const invite = parseInvite(link);
    if (!invite) {
      setProblem('That is not an invite link. It looks like https://…/join/abc123.');
      return;
    }
    // An invite of another server opens that server's copy of ondeck: its data lives there.
    if (invite.origin && invite.origin !== window.location.origin) window.location.assign(link.trim());
    else navigate(`/join/${invite.code}`);
  };
  return (
    <form className="card stack" onSubmit={submit}>
      <Field label="Invite link">
        {(control) => (
          <input
            {...control}
            type="url"
            inputMode="url"
            autoComplete="off"
            placeholder="https://…/join/…"
            value={link}
            onChange={(event) => {
              setLink(event.target.value);
              setProblem(null);
            }}
            required
          />
        )}
      </Field>
      {problem ? <Notice tone="error">{problem}</Notice> : null}
      <button type="submit" className="button">
        Join
      </button>
      <p className="muted">Or scan the invite’s QR code with the camera: it opens the same link.</p>
    </form>
  );
}

/** `/`: the events this device holds, and joining another. */
export function HomePage() {
  const memberships = useMemberships();
  const { storage } = useDeviceStorage();
  return (
    <>
      <PlainHeader />
      <main className="screen">
        <h1>Events on this device</h1>
        {memberships === undefined ? null : memberships.length === 0 ? (
          <Notice title="No events yet">Open the invite link the organiser sent you, or paste it below.</Notice>
        ) : (
          <ul className="list">
            {memberships.map((membership) => (
              <EventRow key={membership.eventId} membership={membership} />
            ))}
          </ul>
        )}
        <h2>Join an event</h2>
        <JoinForm />
        {storage.usage !== undefined ? (
          <p className="muted">
            ondeck uses {formatBytes(storage.usage)} on this device
            {storage.quota ? ` of ${formatBytes(storage.quota)} available` : ''}.
          </p>
        ) : null}
      </main>
    </>
  );
}
