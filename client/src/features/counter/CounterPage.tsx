import { currentOn, entriesOn, type FloorKey, type HeatEntryView, heatLabel, MAIN_FLOOR } from '@ondeck/shared';
import { type CSSProperties, useRef } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { Loading } from '../../components/Loading.tsx';
import { usePageKeys } from '../../lib/usePageKeys.ts';
import { useLive, useProgram } from '../../sync/hooks.ts';
import { describeFreshness, useFreshness } from '../heats/freshness.ts';
import { useRemembered } from '../heats/remembered.ts';
import { scheduleOf } from '../heats/schedule.ts';
import './counter.css';

const LAYOUTS = ['number', 'stacked', 'split', 'columns'] as const;
type Layout = (typeof LAYOUTS)[number];

function asLayout(value: string | null | undefined): Layout | undefined {
  return LAYOUTS.find((layout) => layout === value);
}

/** Room for the couples per layout: height (vh), width (vw), and the counts that add a column. */
const ROOM: Record<Exclude<Layout, 'number'>, { height: number; width: number; columns: number[] }> = {
  stacked: { height: 48, width: 92, columns: [8, 16] },
  split: { height: 88, width: 62, columns: [12] },
  columns: { height: 62, width: 92, columns: [4, 10] },
};

/**
 * Columns and type size so every couple fits on the screen at the biggest size: by rows for the
 * height, by the longest line for the width (a character is at most about 0.6 em wide).
 */
function fit(layout: Layout, couples: number, longest: number): { columns: number; size: string } {
  if (layout === 'number') return { columns: 1, size: '0' };
  const { height, width, columns } = ROOM[layout];
  const count = 1 + columns.filter((above) => couples > above).length;
  const rows = Math.max(1, Math.ceil(couples / count));
  const byHeight = Math.min(6, height / rows / 1.35);
  const byWidth = (width - 3 * (count - 1)) / count / ((longest + 5) * 0.6);
  return { columns: count, size: `min(${byHeight.toFixed(2)}vh, ${byWidth.toFixed(2)}vw)` };
}

function coupleLine({ couple, solo }: HeatEntryView): string {
  return [couple.names, ...(solo?.formation.map((d) => d.name) ?? [])].filter(Boolean).join(', ');
}

/**
 * `/e/<id>/counter`: the full-screen heat counter for a projector (DOMAIN.md §5): a big number,
 * the dance and the couples, in four layouts cycled with the arrow keys (remembered on this
 * device) or chosen with `?layout=`; `?floor=B` shows one ballroom.
 */
export default function CounterPage() {
  const program = useProgram();
  const live = useLive();
  const freshness = useFreshness();
  const search = useSearch();
  const [, navigate] = useLocation();
  const params = new URLSearchParams(search);
  const [stored, remember] = useRemembered('ondeck:counter-layout');
  const layout = asLayout(params.get('layout')) ?? asLayout(stored) ?? 'stacked';
  const root = useRef<HTMLElement>(null);

  const step = (by: number) => {
    const next = LAYOUTS[(LAYOUTS.indexOf(layout) + by + LAYOUTS.length) % LAYOUTS.length] as Layout;
    remember(next);
    if (params.has('layout')) {
      params.set('layout', next);
      navigate(`/counter?${params}`, { replace: true });
    }
  };
  const fullScreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void root.current?.requestFullscreen().catch(() => {});
  };
  usePageKeys({
    arrowRight: () => step(1),
    arrowDown: () => step(1),
    arrowLeft: () => step(-1),
    arrowUp: () => step(-1),
    f: fullScreen,
  });

  if (!program || !live) return <Loading />;
  const schedule = scheduleOf(program);
  const asked = params.get('floor')?.toUpperCase() ?? '';
  const floor = (schedule.letters as string[]).includes(asked) ? (asked as FloorKey) : MAIN_FLOOR;
  const heat = currentOn(live.current, floor);
  const view = heat ? schedule.byNumber.get(heat.number) : undefined;
  const couples = view
    ? entriesOn(view, floor)
        .filter((entry) => !entry.scratched)
        .sort((a, b) => (a.couple.back ?? Number.MAX_SAFE_INTEGER) - (b.couple.back ?? Number.MAX_SAFE_INTEGER))
    : [];
  const longest = Math.max(0, ...couples.map((entry) => coupleLine(entry).length));
  const { columns, size } = fit(layout, couples.length, longest);
  const style = { '--ct-columns': columns, '--ct-size': size } as CSSProperties;

  return (
    <main ref={root} className={`ct ct-layout-${layout}`} data-layout={layout} style={style} data-testid="counter">
      {heat ? (
        <>
          <div className="ct-heat">
            <span className="ct-label">{floor === MAIN_FLOOR ? 'Heat' : `Ballroom ${floor} · Heat`}</span>
            <span className="ct-number" data-testid="counter-number">
              {heatLabel(heat.number)}
            </span>
          </div>
          <div className="ct-dance">
            <span>{view?.dance}</span>
            {view?.slots ? <span className="ct-slots">{view.slots.join(' · ')}</span> : null}
          </div>
          {layout === 'number' ? null : (
            <ol className="ct-couples" aria-label="Couples on the floor">
              {couples.map((entry) => (
                <li key={entry.heat.id}>
                  <span className="ct-back">{entry.couple.back ?? ''}</span>
                  <span className="ct-names">{coupleLine(entry)}</span>
                </li>
              ))}
            </ol>
          )}
        </>
      ) : (
        <div className="ct-welcome">
          <span className="ct-event">{program.settings.name}</span>
          <span className="ct-label">The first heat starts soon</span>
        </div>
      )}
      {freshness.live ? null : <p className="ct-status">{describeFreshness(freshness)}</p>}
      <nav className="ct-corner" aria-label="Counter">
        <Link href="/heats">Exit</Link>
        <span aria-hidden="true">← → layout ({layout}) · F full screen</span>
      </nav>
    </main>
  );
}
