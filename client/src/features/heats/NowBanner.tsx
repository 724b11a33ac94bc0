import { type CurrentHeat, type FloorKey, type FloorNow, heatLabel, MAIN_FLOOR } from '@ondeck/shared';
import { describeFreshness, type Freshness } from './freshness.ts';
import type { Schedule } from './schedule.ts';

interface Props {
  schedule: Schedule;
  floors: readonly FloorNow[];
  /** The heats after the current one, per floor. */
  onDeck: ReadonlyMap<string, number[]>;
  freshness: Freshness;
  /** Scrolls the list to the current heat. */
  onShow: () => void;
}

/** Ballrooms dancing the same heat share a line: "A C D Heat 3", "B Heat 4". */
function byHeat(floors: readonly FloorNow[]): Array<{ floors: FloorKey[]; heat?: CurrentHeat }> {
  const groups = new Map<number, { floors: FloorKey[]; heat?: CurrentHeat }>();
  for (const { floor, heat } of floors) {
    const key = heat?.number ?? 0;
    const group = groups.get(key) ?? { floors: [], ...(heat ? { heat } : {}) };
    group.floors.push(floor);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** What is on the floor now, what is next, and how fresh that news is; pinned to the bottom. */
export function NowBanner({ schedule, floors, onDeck, freshness, onShow }: Props) {
  const groups = byHeat(floors);
  const single = groups.length === 1;
  return (
    <section
      className={['now', freshness.live ? '' : 'now-stale', single ? '' : 'now-many'].filter(Boolean).join(' ')}
      aria-label="Current heat"
      data-testid="current-heat"
    >
      {groups.map(({ floors: rooms, heat }) => {
        const view = heat ? schedule.byNumber.get(heat.number) : undefined;
        const next = onDeck.get(rooms[0] ?? MAIN_FLOOR) ?? [];
        const letters = rooms.filter((room) => room !== MAIN_FLOOR);
        return (
          <div key={rooms.join('')} className="now-floor" data-floors={letters.join(' ')}>
            <button type="button" className="now-main" onClick={onShow} disabled={!heat}>
              {letters.length > 0 ? (
                <span className="now-rooms">
                  <span className="hl-hidden">Ballroom </span>
                  {letters.map((room) => (
                    <span key={room} className="now-room">
                      {room}
                    </span>
                  ))}
                </span>
              ) : null}
              {heat ? (
                <>
                  <span className="now-label">Heat </span>
                  <span className="now-number" data-testid={single ? 'current-heat-number' : undefined}>
                    {heatLabel(heat.number)}
                  </span>{' '}
                  <span className="now-dance">{view?.dance ?? ''}</span>
                </>
              ) : (
                <span className="now-dance">No heat on the floor yet</span>
              )}
            </button>
            {next.length > 0 ? (
              <p className="now-deck">
                <span className="now-deck-label">{single ? 'On deck' : 'Next'}</span> {next.map(heatLabel).join(' · ')}
              </p>
            ) : null}
          </div>
        );
      })}
      <p className="now-fresh" data-testid="current-heat-freshness">
        <span className="now-dot" aria-hidden="true" />
        {describeFreshness(freshness)}
      </p>
    </section>
  );
}
