import {
  type AgendaHeading,
  type HeatEntryView,
  type HeatMatch,
  type HeatNumberView,
  type Program,
  plural,
} from '@ondeck/shared';
import { memo, startTransition, useEffect, useMemo, useRef, useState } from 'react';
import { formatAgendaTime } from '../../lib/format.ts';
import { type Schedule, scheduleOf } from './schedule.ts';
import './heats.css';

interface Props {
  program: Program;
  /** The heat (or, with several ballrooms, heats) on the floor: highlighted. */
  current?: ReadonlySet<number>;
  /** The next heats, marked "on deck". */
  onDeck?: ReadonlySet<number>;
  /** The heats and couples to show (a search, "my heats"); every heat when absent. */
  matches?: readonly HeatMatch[];
  /**
   * The heat on the floor: the list scrolls to it (or the next heat shown) when it changes,
   * unless the person scrolled in the last few seconds. Bump `jump` to scroll there now.
   */
  follow?: { number: number; jump: number };
}

/** Rows in the first paint: a screenful and more; the rest follow without blocking it. */
const FIRST_ROWS = 40;
/** A person who scrolled recently is reading something: the list does not move under them. */
const HANDS_OFF_MS = 15_000;

function heatAnchor(view: Pick<HeatNumberView, 'label'>): string {
  return `heat-${view.label.replace('.', '-')}`;
}

function whenOf(heading: AgendaHeading): string {
  return [heading.day, heading.time && formatAgendaTime(heading.time)].filter(Boolean).join(' · ');
}

/** Height of a heat on a phone before it is painted, so the page does not jump as it scrolls. */
function estimatedHeight(couples: number, heading: boolean): number {
  return 76 + 80 * couples + (heading ? 44 : 0);
}

function CoupleLine({ entry, rooms }: { entry: HeatEntryView; rooms: boolean }) {
  const { couple, solo, scratched, ballroom } = entry;
  const formation = solo?.formation.map((dancer) => dancer.name) ?? [];
  const names = [couple.names, ...formation].filter(Boolean).join(', ');
  return (
    <li className={scratched ? 'hl-couple hl-scratched' : 'hl-couple'}>
      <span className="hl-back">{couple.back ?? '–'}</span>
      <span className="hl-who">
        <span className="hl-names">
          {scratched ? <s>{names}</s> : names}
          {scratched ? <span className="hl-hidden"> (scratched)</span> : null}
        </span>
        {couple.studio ? <span className="hl-studio">{couple.studio}</span> : null}
      </span>
      {rooms && ballroom ? (
        <span className="hl-room" title={`Ballroom ${ballroom}`}>
          <span className="hl-hidden">Ballroom </span>
          {ballroom}
        </span>
      ) : null}
    </li>
  );
}

interface BlockProps {
  view: HeatNumberView;
  entries: readonly HeatEntryView[];
  heading?: AgendaHeading;
  time?: string;
  state: 'current' | 'deck' | null;
  rooms: boolean;
}

/** One heat number: re-rendered only when what it shows changes (a large event has hundreds). */
const HeatBlock = memo(function HeatBlock({ view, entries, heading, time, state, rooms }: BlockProps) {
  const emptied = view.onFloor === 0;
  const meta = [
    time,
    emptied ? 'scratched' : plural(view.onFloor, 'couple'),
    rooms && view.ballrooms.length > 0 ? `Ballroom ${view.ballrooms.join(' ')}` : undefined,
  ].filter(Boolean);
  const className = ['hl-heat', state ? `hl-${state}` : '', emptied ? 'hl-emptied' : ''].filter(Boolean).join(' ');
  return (
    <li
      id={heatAnchor(view)}
      className={className}
      style={{ containIntrinsicSize: `auto ${estimatedHeight(entries.length, Boolean(heading))}px` }}
      data-heat={view.number}
      aria-current={state === 'current' ? 'step' : undefined}
    >
      {heading ? (
        <h2 className="hl-agenda">
          <span>{heading.name}</span>
          {whenOf(heading) ? <span className="hl-when">{whenOf(heading)}</span> : null}
        </h2>
      ) : null}
      <div className="hl-head">
        <span className="hl-number">
          <span className="hl-hidden">Heat </span>
          {emptied ? <s>{view.label}</s> : view.label}
        </span>
        <span className="hl-title">
          {state === 'current' ? (
            <span className="pill pill-current hl-pill">On the floor</span>
          ) : state === 'deck' ? (
            <span className="pill hl-deck-pill hl-pill">On deck</span>
          ) : null}
          <span className="hl-dance">{view.dance}</span>
          <span className="hl-meta">{meta.join(' · ')}</span>
          {view.slots ? <span className="hl-meta">{view.slots.join(', ')}</span> : null}
        </span>
      </div>
      <ul className="hl-couples" aria-label={`Couples in heat ${view.label}`}>
        {entries.map((entry) => (
          <CoupleLine key={entry.heat.id} entry={entry} rooms={rooms} />
        ))}
      </ul>
    </li>
  );
});

/** Tracks when the person last scrolled or swiped, so following the floor never fights them. */
function useLastTouched() {
  const touched = useRef(0);
  useEffect(() => {
    const mark = () => {
      touched.current = Date.now();
    };
    const options = { passive: true } as const;
    window.addEventListener('wheel', mark, options);
    window.addEventListener('touchmove', mark, options);
    return () => {
      window.removeEventListener('wheel', mark);
      window.removeEventListener('touchmove', mark);
    };
  }, []);
  return touched;
}

/**
 * NOTE: an instant jump, not a smooth scroll: heats not yet painted (`content-visibility`) only
 * have an estimated height, and a smooth scroll that paints them on the way lands off target.
 * The heats next to the target are painted by the jump and may change height: jump again once
 * they have.
 */
function scrollToHeat(items: readonly HeatMatch[], number: number): void {
  const target = items.find(({ view }) => view.number >= number) ?? items.at(-1);
  const element = target ? document.getElementById(heatAnchor(target.view)) : null;
  if (!element) return;
  element.scrollIntoView({ block: 'start' });
  requestAnimationFrame(() => requestAnimationFrame(() => element.scrollIntoView({ block: 'start' })));
}

/** The schedule, heat by heat under agenda headings, couples and all, the current heat marked. */
export function HeatList({ program, current, onDeck, matches, follow }: Props) {
  const schedule: Schedule = scheduleOf(program);
  const items = useMemo(
    () => matches ?? schedule.views.map((view) => ({ view, entries: view.entries })),
    [matches, schedule],
  );
  // NOTE: a large event has hundreds of heat numbers and thousands of couples; rendering them
  // all before the first paint costs a cold start a good part of a second on a phone.
  const [shown, setShown] = useState(FIRST_ROWS);
  useEffect(() => {
    if (shown < items.length) startTransition(() => setShown(items.length));
  }, [shown, items.length]);
  const complete = shown >= items.length;

  const touched = useLastTouched();
  const followed = useRef<{ number: number; jump: number } | null>(null);
  const scrollDue = useRef(false);
  useEffect(() => {
    if (!follow) return;
    const last = followed.current;
    followed.current = follow;
    // On arrival the list opens at the floor; a new current heat follows it unless the person
    // is reading elsewhere; the banner's button jumps there at once. The scroll waits until the
    // rows are there (the program may still be arriving).
    const asked = last === null || follow.jump !== last.jump;
    const moved = follow.number !== last?.number && Date.now() - touched.current > HANDS_OFF_MS;
    if (asked || moved) scrollDue.current = true;
    if (scrollDue.current && complete && items.length > 0) {
      scrollDue.current = false;
      scrollToHeat(items, follow.number);
    }
  }, [follow, complete, items, touched]);

  if (schedule.views.length === 0) return <p className="muted">No heats are scheduled yet.</p>;
  if (items.length === 0) return null;
  const rooms = schedule.letters.length > 0;
  let headingKey: string | undefined;
  return (
    <ol className="hl" aria-label="Heats">
      {items.slice(0, shown).map(({ view, entries }) => {
        const heading = view.heading && view.heading.key !== headingKey ? view.heading : undefined;
        headingKey = view.heading?.key;
        const state = current?.has(view.number) ? 'current' : onDeck?.has(view.number) ? 'deck' : null;
        const time = schedule.times.get(view.number);
        return (
          <HeatBlock
            key={view.number}
            view={view}
            entries={entries}
            state={state}
            rooms={rooms}
            {...(heading ? { heading } : {})}
            {...(time ? { time } : {})}
          />
        );
      })}
    </ol>
  );
}
