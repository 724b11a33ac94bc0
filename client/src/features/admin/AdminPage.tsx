import {
  ApiErrorCode,
  type CreateEventResponse,
  type EventSummary,
  type Invite,
  isSlug,
  slugFromName,
} from '@ondeck/shared';
import { type FormEvent, useState } from 'react';
import { useLocation } from 'wouter';
import { RequestError } from '../../api/client.ts';
import { Field } from '../../components/Field.tsx';
import { CopyLinkButton, LinkField } from '../../components/LinkField.tsx';
import { Notice } from '../../components/Notice.tsx';
import { PlainHeader } from '../../components/PlainHeader.tsx';
import { useAdminToken } from '../../device/adminToken.ts';
import { useMemberships } from '../../device/hooks.ts';
import { formatTime } from '../../lib/format.ts';
import { roleHomePath } from '../../lib/roles.ts';
import { QrCode } from '../organizer/QrCode.tsx';
import { useCreateEvent, useOpenEvent, useOrganizerInvite } from './mutations.ts';
import { useAdminEvents } from './queries.ts';

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function SignIn({ onToken, problem }: { onToken: (token: string) => void; problem: string | null }) {
  const [token, setToken] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim()) onToken(token.trim());
  };
  return (
    <form className="card stack" onSubmit={submit} aria-label="Admin sign-in">
      <Field
        label="Admin token"
        hint="npm start prints it once, at the first start (or it is ONDECK_ADMIN_TOKEN). This tab keeps it until it is closed."
      >
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="off"
            value={token}
            onChange={(event) => setToken(event.target.value)}
            required
          />
        )}
      </Field>
      {problem ? <Notice tone="error">{problem}</Notice> : null}
      <button type="submit" className="button">
        Show the events
      </button>
    </form>
  );
}

/** An organiser invite to hand over: its link to copy and its QR code to scan. */
function InviteHandout({ invite, eventName }: { invite: Invite; eventName: string }) {
  return (
    <div className="stack" data-testid="organizer-invite">
      <LinkField
        label={`Organiser invite for ${eventName}`}
        hint="Whoever opens this link runs the event as organiser."
        link={invite.link}
      />
      <div className="actions">
        <CopyLinkButton link={invite.link} />
      </div>
      <QrCode value={invite.link} label={`QR code of the organiser invite for ${eventName}`} />
    </div>
  );
}

function CreateEventForm({ token, onCreated }: { token: string; onCreated: (created: CreateEventResponse) => void }) {
  const create = useCreateEvent(token);
  const [name, setName] = useState('');
  // The id follows the name until one is typed in; emptying the field follows the name again.
  const [id, setId] = useState('');
  const [template, setTemplate] = useState<'empty' | 'demo'>('empty');
  const [problem, setProblem] = useState<string | null>(null);
  const eventId = id || slugFromName(name);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!isSlug(eventId)) {
      setProblem('The event id is 1–64 lowercase letters, digits and hyphens (not at either end).');
      return;
    }
    setProblem(null);
    create.mutate(
      { id: eventId, name: name.trim(), template },
      {
        onSuccess: (created) => {
          onCreated(created);
          setName('');
          setId('');
        },
      },
    );
  };
  const serverProblem = create.error instanceof RequestError ? create.error : null;
  return (
    <form className="card stack" onSubmit={submit} aria-label="New event">
      <h2>New event</h2>
      <Field label="Event name">
        {(control) => (
          <input
            {...control}
            value={name}
            maxLength={200}
            onChange={(event) => setName(event.target.value)}
            placeholder="Spring Showcase 2027"
            required
          />
        )}
      </Field>
      <Field label="Event id" hint="Part of every link of the event: lowercase letters, digits and hyphens.">
        {(control) => (
          <input
            {...control}
            value={eventId}
            maxLength={64}
            autoCapitalize="off"
            spellCheck={false}
            onChange={(event) => setId(event.target.value)}
            required
          />
        )}
      </Field>
      <Field label="Start from">
        {(control) => (
          <select
            {...control}
            value={template}
            onChange={(event) => setTemplate(event.target.value as typeof template)}
          >
            <option value="empty">An empty event (set it up, or import a Showcase database)</option>
            <option value="demo">The demo event (made-up people and heats, to try things out)</option>
          </select>
        )}
      </Field>
      {problem ? <Notice tone="error">{problem}</Notice> : null}
      {serverProblem ? (
        <Notice tone="error" title={serverProblem.code === ApiErrorCode.EVENT_EXISTS ? 'That id is taken' : undefined}>
          {serverProblem.message}
        </Notice>
      ) : create.isError ? (
        <Notice tone="error">{errorText(create.error)}</Notice>
      ) : null}
      <button type="submit" className="button" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create event'}
      </button>
    </form>
  );
}

function EventRow({
  event,
  token,
  joined,
  firstInvite,
}: {
  event: EventSummary;
  token: string;
  joined: boolean;
  /** The invite the event was created with, handed out until the admin asks for another. */
  firstInvite?: Invite;
}) {
  const [, navigate] = useLocation();
  const open = useOpenEvent(token);
  const invite = useOrganizerInvite(token);
  const openHere = () => {
    if (joined) navigate(roleHomePath(event.id, 'organizer'));
    else open.mutate(event.id, { onSuccess: (membership) => navigate(roleHomePath(membership.eventId, 'organizer')) });
  };
  return (
    <li className="card stack" data-testid="admin-event" data-event-id={event.id}>
      <div className="invite-head">
        <strong>{event.name}</strong>
        <span className="muted">
          {event.id} · created {formatTime(event.createdAt)}
        </span>
      </div>
      <div className="actions">
        <button type="button" className="button" disabled={open.isPending} onClick={openHere}>
          {joined ? `Go to ${event.name}` : `Open ${event.name} here`}
        </button>
        <button
          type="button"
          className="button button-secondary"
          disabled={invite.isPending}
          onClick={() => invite.mutate({ eventId: event.id })}
        >
          {invite.data || firstInvite ? 'Another organiser invite' : 'Organiser invite'}
        </button>
      </div>
      {open.isError ? <Notice tone="error">{errorText(open.error)}</Notice> : null}
      {invite.isError ? <Notice tone="error">{errorText(invite.error)}</Notice> : null}
      {invite.data || firstInvite ? (
        <InviteHandout invite={(invite.data ?? firstInvite) as Invite} eventName={event.name} />
      ) : null}
    </li>
  );
}

function EventsOfServer({ token, onSignOut }: { token: string; onSignOut: () => void }) {
  const events = useAdminEvents(token);
  const memberships = useMemberships();
  const [created, setCreated] = useState<CreateEventResponse | null>(null);
  const joined = new Set((memberships ?? []).filter((m) => m.role === 'organizer').map((m) => m.eventId));
  const list = events.data ?? [];
  const others = list.filter((event) => event.id !== created?.event.id);
  return (
    <div className="stack-lg">
      <CreateEventForm token={token} onCreated={setCreated} />
      {created ? (
        <section className="stack" aria-label="The new event">
          <Notice tone="success" title={`${created.event.name} is ready`}>
            Open it here, or hand its organiser the invite below: devices can join at once.
          </Notice>
          <ul className="list">
            <EventRow
              event={created.event}
              token={token}
              joined={joined.has(created.event.id)}
              firstInvite={created.organizerInvite}
            />
          </ul>
        </section>
      ) : null}
      <section className="stack" aria-label="Events">
        <h2>{events.data ? `${list.length} ${list.length === 1 ? 'event' : 'events'} on this server` : 'Events'}</h2>
        {events.isError ? <Notice tone="error">{errorText(events.error)}</Notice> : null}
        <ul className="list">
          {others.map((event) => (
            <EventRow key={event.id} event={event} token={token} joined={joined.has(event.id)} />
          ))}
        </ul>
      </section>
      <p>
        <button type="button" className="button button-secondary" onClick={onSignOut}>
          Forget the admin token in this tab
        </button>
      </p>
    </div>
  );
}

/** `/admin`: the events of this server for the holder of the admin token — create, list, open, invite. */
export default function AdminPage() {
  const [token, setToken] = useAdminToken();
  const events = useAdminEvents(token);
  const refused = events.error instanceof RequestError && events.error.code === ApiErrorCode.UNAUTHORIZED;
  return (
    <>
      <PlainHeader />
      <main className="screen">
        <h1>Events on this server</h1>
        {token === null || refused ? (
          <SignIn
            onToken={setToken}
            problem={refused ? 'That is not the admin token of this server. Check it and try again.' : null}
          />
        ) : (
          <EventsOfServer token={token} onSignOut={() => setToken(null)} />
        )}
      </main>
    </>
  );
}
