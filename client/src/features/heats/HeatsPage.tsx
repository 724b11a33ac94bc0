import {
  bothFilters,
  CloseCode,
  findHeats,
  floorsNow,
  heatsAfter,
  type Program,
  plural,
  searchFilter,
} from '@ondeck/shared';
import { useDeferredValue, useId, useMemo, useState } from 'react';
import { Link } from 'wouter';
import { Loading } from '../../components/Loading.tsx';
import { Notice } from '../../components/Notice.tsx';
import { type Live, useEventMembership, useLive, useProgram } from '../../sync/hooks.ts';
import { type Freshness, useFreshness } from './freshness.ts';
import { HeatList } from './HeatList.tsx';
import { describeMine, MineChooser } from './MineChooser.tsx';
import { mineFilter, useMine } from './mine.ts';
import { NowBanner } from './NowBanner.tsx';
import { useRemembered } from './remembered.ts';
import { scheduleOf } from './schedule.ts';

const ON_DECK = 3;
const NO_HEATS: Live['current'] = new Map();

/** `/e/<id>/heats`: the heat list every role can follow (staff and dancers on phones). */
export default function HeatsPage() {
  const program = useProgram();
  const live = useLive();
  const freshness = useFreshness();
  const { role } = useEventMembership();
  if (!program) return <Loading />;
  if (role === 'public') {
    const revoked =
      freshness.connection.state === 'blocked' &&
      (freshness.connection.code === CloseCode.TOKEN_REVOKED || freshness.connection.code === CloseCode.UNAUTHORIZED);
    if (revoked || !program.settings.publishHeatList)
      return (
        <main className="screen">
          <h1>Heats</h1>
          <Notice tone="warning" title="The heat list is not published">
            {revoked
              ? 'The organiser stopped publishing the heat list. Ask at the front desk for the new link.'
              : 'The organiser has not published the heat list yet. It appears here as soon as they do.'}
          </Notice>
        </main>
      );
  }
  return <Heats program={program} current={live?.current ?? NO_HEATS} freshness={freshness} />;
}

function Heats({ program, current, freshness }: { program: Program; current: Live['current']; freshness: Freshness }) {
  const { eventId } = useEventMembership();
  const schedule = scheduleOf(program);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [view, setView] = useRemembered(`ondeck:${eventId}:heats-view`);
  const [mine, setMine] = useMine(eventId);
  const [jump, setJump] = useState(0);
  const searchId = useId();
  /** A new choice of heats opens at the floor (typing a search does not: the box stays in view). */
  const showAt = (choose: () => void) => {
    choose();
    setJump((n) => n + 1);
  };

  const floors = useMemo(() => floorsNow(current, schedule.letters), [current, schedule.letters]);
  const numbers = new Set(floors.flatMap((floor) => (floor.heat ? [floor.heat.number] : [])));
  const first = Math.min(...numbers, Number.POSITIVE_INFINITY);
  const onDeck = useMemo(() => {
    const out = new Map<string, number[]>();
    const count = floors.length === 1 ? ON_DECK : 1;
    for (const { floor, heat } of floors)
      if (heat)
        out.set(
          floor,
          heatsAfter(schedule.views, heat.number, count, floor).map((v) => v.number),
        );
    return out;
  }, [floors, schedule.views]);
  const deckNumbers = useMemo(() => new Set([...onDeck.values()].flat()), [onDeck]);

  const showMine = view === 'mine';
  const matches = useMemo(() => {
    const filter = bothFilters(searchFilter(deferredQuery), showMine && mine ? mineFilter(mine) : null);
    return filter ? findHeats(schedule.views, filter) : undefined;
  }, [schedule, deferredQuery, showMine, mine]);

  const whose = showMine && mine ? describeMine(program, schedule, mine) : null;
  const count = plural(matches?.length ?? schedule.views.length, 'heat');
  const summary = deferredQuery.trim()
    ? `${count} ${whose ? `for ${whose} ` : ''}matching “${deferredQuery.trim()}”`
    : whose
      ? `${count} for ${whose}`
      : count;

  return (
    <main className="screen hl-screen">
      <h1>Heats</h1>
      <search className="hl-tools">
        <div className="field hl-field">
          <label htmlFor={searchId}>Search heats</label>
          <input
            id={searchId}
            type="search"
            placeholder="Name, back number or studio"
            autoComplete="off"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
        </div>
        <fieldset className="hl-modes">
          <legend className="hl-hidden">Which heats</legend>
          <button type="button" aria-pressed={!showMine} onClick={() => showAt(() => setView(null))}>
            All heats
          </button>
          <button type="button" aria-pressed={showMine} onClick={() => showAt(() => setView('mine'))}>
            My heats
          </button>
        </fieldset>
        {showMine ? (
          <div className="hl-mine">
            <MineChooser
              program={program}
              schedule={schedule}
              mine={mine}
              onChange={(next) => showAt(() => setMine(next))}
            />
            {mine ? (
              <Link className="button button-secondary" href={`/sheets?${mine.kind}=${encodeURIComponent(mine.id)}`}>
                Print heat sheet
              </Link>
            ) : (
              <p className="muted">Choose a dancer or a studio: this phone remembers it.</p>
            )}
          </div>
        ) : null}
      </search>
      <p className="hl-count" role="status" data-testid="heat-count">
        {summary}
      </p>
      <HeatList
        program={program}
        current={numbers}
        onDeck={deckNumbers}
        {...(matches ? { matches } : {})}
        {...(Number.isFinite(first) ? { follow: { number: first, jump } } : {})}
      />
      <p className="hl-links">
        <Link href="/counter">Counter for a projector</Link>
      </p>
      <NowBanner
        schedule={schedule}
        floors={floors}
        onDeck={onDeck}
        freshness={freshness}
        onShow={() => setJump((n) => n + 1)}
      />
    </main>
  );
}
