import { plural, type ServerLink } from '@ondeck/shared';
import { RequestError } from '../../api/client.ts';
import { Notice } from '../../components/Notice.tsx';
import { formatTime } from '../../lib/format.ts';
import { useServerLinks } from './queries.ts';
import './venue.css';

function heardLine(link: ServerLink): { quiet: boolean; text: string } {
  if (!link.lastHeardAt) return { quiet: true, text: 'Not heard from yet' };
  const at = formatTime(link.lastHeardAt);
  return link.linked
    ? { quiet: false, text: `Linked · last heard ${at}` }
    : { quiet: true, text: `Not heard from since ${at}` };
}

function waitingLine(link: ServerLink): string {
  const waiting = link.waitingForCloud;
  if (waiting === null) return 'Changes waiting for the cloud: not known yet';
  if (link.kind === 'cloud')
    return waiting === 0
      ? 'Nothing waiting to go up to the cloud'
      : `${plural(waiting, 'change')} waiting to go up to the cloud`;
  return waiting === 0
    ? 'Nothing was waiting at the venue when it was last heard'
    : `${plural(waiting, 'change')} waiting at the venue when it was last heard`;
}

function LinkCard({ link }: { link: ServerLink }) {
  const heard = heardLine(link);
  // A venue is named by its credential's label ("Venue server", or what the organiser called it).
  const title = link.kind === 'cloud' ? `Cloud · ${link.label}` : link.label;
  return (
    <li className={heard.quiet ? 'card server-link server-link-quiet' : 'card server-link'} data-testid="server-link">
      <strong>{title}</strong>
      {link.url ? <span className="muted">{link.url}</span> : null}
      <span className={heard.quiet ? 'server-link-state server-link-state-quiet' : 'server-link-state'}>
        {heard.text}
      </span>
      <span>{waitingLine(link)}</span>
      {link.problem ? <span className="server-link-problem">{link.problem}</span> : null}
    </li>
  );
}

/**
 * The organiser's view of the venue link, on the server the organiser's device talks to: at the
 * venue, the cloud; on the cloud, each venue server following the event — when each side last
 * heard from the other, and how many changes wait to cross.
 */
export function ServerLinksPanel() {
  const links = useServerLinks();
  if (links.isError)
    return (
      <Notice tone="warning" title="The venue link’s state is not known">
        {links.error instanceof RequestError ? links.error.message : String(links.error)}
      </Notice>
    );
  if (!links.data) return null;
  const { role } = links.data;
  return (
    <section className="stack" aria-label="Servers of this event" data-testid="server-links">
      <p className="muted">
        {role === 'venue'
          ? 'This is the venue server: devices here keep syncing when the internet fails, and it trades every change with the cloud whenever its link works.'
          : links.data.links.length === 0
            ? 'No venue server follows this event. A venue server keeps the floor syncing on the venue’s network when the internet fails: make a Venue server invite below and follow it on the venue laptop (npm run ondeck -- venue follow <link>).'
            : 'Venue servers follow this event and trade every change with this server whenever their link works.'}
      </p>
      {links.data.links.length > 0 ? (
        <ul className="list">
          {links.data.links.map((link) => (
            <LinkCard key={`${link.kind}:${link.url ?? link.label}`} link={link} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
