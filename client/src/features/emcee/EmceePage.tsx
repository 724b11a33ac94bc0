import {
  backToBack,
  type CurrentHeat,
  currentOn,
  entriesOn,
  entryDancers,
  type FloorKey,
  type HeatEntryView,
  type HeatNumberView,
  heatLabel,
  MAIN_FLOOR,
  type Song,
} from '@ondeck/shared';
import { useEffect, useRef } from 'react';
import { Link, useLocation, useParams } from 'wouter';
import { Loading } from '../../components/Loading.tsx';
import { Notice } from '../../components/Notice.tsx';
import { formatTime } from '../../lib/format.ts';
import { usePageKeys } from '../../lib/usePageKeys.ts';
import { useEventMembership, useLive, useProgram } from '../../sync/hooks.ts';
import { useLiveControls } from '../../sync/mutations.ts';
import { describeFreshness, useFreshness } from '../heats/freshness.ts';
import { useRemembered } from '../heats/remembered.ts';
import { type Schedule, scheduleOf } from '../heats/schedule.ts';
import '../heats/heats.css';
import './emcee.css';

/** More dancers than this in a back-to-back warning are counted, not listed. */
const SHOWN_NAMES = 6;

/** `/e/<id>/emcee[/<heat>]`: one heat at a time — who is on the floor, its song, and the start button. */
export default function EmceePage() {
  const program = useProgram();
  const live = useLive();
  const { eventId } = useEventMembership();
  const [floorChoice, setFloor] = useRemembered(`ondeck:${eventId}:emcee-floor`);
  if (!program || !live) return <Loading />;
  const schedule = scheduleOf(program);
  const floor = (schedule.letters as string[]).includes(floorChoice ?? '') ? (floorChoice as FloorKey) : MAIN_FLOOR;
  if (schedule.views.length === 0)
    return (
      <main className="screen">
        <h1>Emcee</h1>
        <p className="muted">No heats are scheduled yet.</p>
      </main>
    );
  return (
    <EmceeHeat
      schedule={schedule}
      floor={floor}
      onFloor={(next) => setFloor(next === MAIN_FLOOR ? null : next)}
      current={currentOn(live.current, floor)}
    />
  );
}

function dancesOn(view: HeatNumberView, floor: FloorKey): boolean {
  return entriesOn(view, floor).some((entry) => !entry.scratched);
}

interface HeatProps {
  schedule: Schedule;
  floor: FloorKey;
  onFloor: (floor: FloorKey) => void;
  current: CurrentHeat | undefined;
}

function EmceeHeat({ schedule, floor, onFloor, current }: HeatProps) {
  const params = useParams<{ heat?: string }>();
  const [, navigate] = useLocation();
  const controls = useLiveControls();
  const freshness = useFreshness();
  const asked = params.heat === undefined ? undefined : schedule.byNumber.get(Number(params.heat));
  const view =
    asked ??
    (current ? schedule.byNumber.get(current.number) : undefined) ??
    schedule.views.find((v) => dancesOn(v, floor)) ??
    (schedule.views[0] as HeatNumberView);
  const index = schedule.views.indexOf(view);
  const previous = schedule.views.slice(0, index).findLast((v) => dancesOn(v, floor));
  const next = schedule.views.slice(index + 1).find((v) => dancesOn(v, floor));
  const isCurrent = current?.number === view.number;
  const entries = entriesOn(view, floor);
  const dancing = entries.filter((entry) => !entry.scratched);
  const b2b = backToBack(schedule.views, view.number);
  const song = schedule.songs.get(view.number);
  const start = () => {
    if (controls && !isCurrent) void controls.startHeat(view.number, floor);
  };

  // The heat's heading takes the focus, so the keys work at once after arriving here.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus({ preventScroll: true }), []);

  // Space/Enter start the heat, ←/→ step through heats (DOMAIN.md §4–5), unless a control has focus.
  usePageKeys({
    space: start,
    enter: start,
    arrowLeft: previous && (() => navigate(`/emcee/${previous.label}`)),
    arrowRight: next && (() => navigate(`/emcee/${next.label}`)),
  });

  const rooms = floor === MAIN_FLOOR && view.ballrooms.length > 0;
  const byRoom = rooms
    ? view.ballrooms.map((room) => `${room} ${dancing.filter((e) => e.ballroom === room).length}`).join(' · ')
    : '';
  const when = [view.heading?.day, schedule.times.get(view.number) ?? view.heading?.time].filter(Boolean).join(' · ');

  return (
    <main className="screen em">
      <div className="em-bar">
        {schedule.letters.length > 0 ? (
          <fieldset className="em-floors">
            <legend>Ballroom</legend>
            {([MAIN_FLOOR, ...schedule.letters] as FloorKey[]).map((letter) => (
              <button
                key={letter}
                type="button"
                className="button button-secondary"
                aria-pressed={floor === letter}
                onClick={() => onFloor(letter)}
              >
                {letter === MAIN_FLOOR ? 'All' : letter}
              </button>
            ))}
          </fieldset>
        ) : null}
        <p className="em-now" data-testid="emcee-now">
          {current ? (
            <span>
              On the floor{floor === MAIN_FLOOR ? '' : ` in ballroom ${floor}`}:{' '}
              <Link href={`/emcee/${heatLabel(current.number)}`}>Heat {heatLabel(current.number)}</Link>, started{' '}
              {formatTime(current.startedAt)}
            </span>
          ) : (
            <span>Nothing on the floor yet</span>
          )}
          <span className={freshness.live ? 'em-fresh' : 'em-fresh em-stale'}>{describeFreshness(freshness)}</span>
        </p>
      </div>

      <header className="em-head">
        <h1 ref={heading} tabIndex={-1}>
          <span className="em-label">Heat</span> <span className="em-number">{view.label}</span>
        </h1>
        <div className="em-what">
          <p className="em-dance">{view.dance}</p>
          {view.heading ? (
            <p className="em-agenda">
              {view.heading.name}
              {when ? ` · ${when}` : ''}
            </p>
          ) : null}
        </div>
        <div className="em-action">
          {isCurrent ? (
            <p className="em-live">On the floor</p>
          ) : controls ? (
            <button type="button" className="button em-start" onClick={start}>
              Start heat {view.label}
              {floor === MAIN_FLOOR ? '' : ` in ${floor}`}
            </button>
          ) : null}
        </div>
      </header>

      {view.slots ? (
        <ol className="em-slots" aria-label="Dances">
          {view.slots.map((dance, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: slots repeat dances; the position is the key
            <li key={i}>{dance}</li>
          ))}
        </ol>
      ) : null}

      <div className="em-facts">
        <p className="em-count" data-testid="emcee-count">
          <strong>{dancing.length}</strong> {dancing.length === 1 ? 'couple' : 'couples'} on the floor
          {byRoom ? <span className="muted"> ({byRoom})</span> : null}
        </p>
        <SongLine view={view} entries={dancing} song={song} />
      </div>

      <BackToBackNotice entries={dancing} b2b={b2b} />

      <table className="em-couples">
        <caption className="hl-hidden">Couples in heat {view.label}</caption>
        <thead>
          <tr>
            <th scope="col">Back</th>
            <th scope="col">Couple</th>
            <th scope="col">Studio</th>
            <th scope="col" className="em-wide">
              Category
            </th>
            {rooms ? <th scope="col">Room</th> : null}
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <CoupleRow key={entry.heat.id} entry={entry} rooms={rooms} b2b={b2b} />
          ))}
        </tbody>
      </table>
      {entries.length === 0 ? <p className="muted">No couples on the floor for this heat.</p> : null}

      <nav className="em-nav" aria-label="Heats">
        {previous ? (
          <Link className="button button-secondary" href={`/emcee/${previous.label}`}>
            ← Heat {previous.label}
          </Link>
        ) : (
          <span />
        )}
        {next ? (
          <Link className="button button-secondary" href={`/emcee/${next.label}`}>
            Heat {next.label} →
          </Link>
        ) : null}
      </nav>
      <p className="muted em-keys">
        Keys: <kbd>Space</kbd> or <kbd>Enter</kbd> starts this heat · <kbd>←</kbd> <kbd>→</kbd> previous and next heat ·{' '}
        <Link href="/counter">Counter for the projector</Link>
      </p>
    </main>
  );
}

function SongLine({ view, entries, song }: { view: HeatNumberView; entries: HeatEntryView[]; song: Song | undefined }) {
  if (view.kind === 'Solo') {
    const solo = entries[0]?.solo;
    return (
      <p className="em-song" data-testid="emcee-song">
        <span className="em-song-label">Music</span>{' '}
        {solo?.song ? (
          <>
            <strong>{solo.song}</strong>
            {solo.artist ? ` — ${solo.artist}` : ''}
          </>
        ) : (
          'No song given for this solo'
        )}
      </p>
    );
  }
  return (
    <p className="em-song" data-testid="emcee-song">
      <span className="em-song-label">Song</span>{' '}
      {song ? (
        <>
          <strong>{song.title}</strong>
          {song.artist ? ` — ${song.artist}` : ''}
        </>
      ) : (
        'No song for this dance yet'
      )}
    </p>
  );
}

function names(entries: HeatEntryView[], ids: Set<string>): string[] {
  const out = new Map<string, string>();
  for (const entry of entries) for (const d of entryDancers(entry)) if (ids.has(d.id)) out.set(d.id, d.name);
  return [...out.values()];
}

/** A few names in full; a crowd (a large floor) as a count, its names one tap away. */
function NameList({ lead, people }: { lead: string; people: string[] }) {
  if (people.length <= SHOWN_NAMES)
    return (
      <p>
        {lead}: {people.join(', ')}
      </p>
    );
  return (
    <details>
      <summary>
        {lead}: {people.length} dancers
      </summary>
      {people.join(', ')}
    </details>
  );
}

function BackToBackNotice({ entries, b2b }: { entries: HeatEntryView[]; b2b: ReturnType<typeof backToBack> }) {
  const before = names(entries, b2b.fromPrevious);
  const after = names(entries, b2b.intoNext);
  if (before.length === 0 && after.length === 0) return null;
  return (
    <div className="em-b2b" data-testid="back-to-back">
      <Notice tone="warning" title="Back to back">
        {before.length > 0 && b2b.previous ? (
          <NameList lead={`Just danced heat ${b2b.previous.label} (underlined below)`} people={before} />
        ) : null}
        {after.length > 0 && b2b.next ? (
          <NameList lead={`Dancing again in heat ${b2b.next.label}`} people={after} />
        ) : null}
      </Notice>
    </div>
  );
}

function CoupleRow({
  entry,
  rooms,
  b2b,
}: {
  entry: HeatEntryView;
  rooms: boolean;
  b2b: ReturnType<typeof backToBack>;
}) {
  const { couple, scratched, ballroom } = entry;
  const dancers = entryDancers(entry).filter((d) => d.id !== couple.instructor?.id);
  return (
    <tr className={scratched ? 'em-scratched' : undefined}>
      <td className="em-back">{couple.back ?? '–'}</td>
      <td>
        {dancers.map((dancer, i) => {
          const repeat = !scratched && b2b.fromPrevious.has(dancer.id);
          return (
            <span key={dancer.id}>
              {i === 0 ? '' : i === 1 ? ' & ' : ', '}
              {repeat ? (
                <u title="Also danced the heat before">{dancer.name}</u>
              ) : scratched ? (
                <s>{dancer.name}</s>
              ) : (
                dancer.name
              )}
            </span>
          );
        })}
        {scratched ? <span className="em-tag"> scratched</span> : null}
      </td>
      <td>{couple.studio}</td>
      <td className="em-wide">{couple.category}</td>
      {rooms ? <td className="em-room">{ballroom ?? ''}</td> : null}
    </tr>
  );
}
