import { type FloorNow, heatLabel, MAIN_FLOOR } from '@ondeck/shared';
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

/** What is on the floor now, what is next, and how fresh that news is; pinned to the bottom. */
export function NowBanner({ schedule, floors, onDeck, freshness, onShow }: Props) {
  const single = floors.length === 1;
  return (
    <section className={freshness.live ? 'now' : 'now now-stale'} aria-label="Current heat" data-testid="current-heat">
      {floors.map(({ floor, heat }) => {
        const view = heat ? schedule.byNumber.get(heat.number) : undefined;
        const next = onDeck.get(floor) ?? [];
        return (
          <div key={floor} className="now-floor">
            <button type="button" className="now-main" onClick={onShow} disabled={!heat}>
              {floor === MAIN_FLOOR ? null : <span className="now-room">{floor}</span>}
              {heat ? (
                <>
                  <span className="now-label">Heat </span>
                  <span className="now-number" data-testid={single ? 'current-heat-number' : `current-heat-${floor}`}>
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
                <span className="now-deck-label">On deck</span> {next.map(heatLabel).join(' · ')}
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
