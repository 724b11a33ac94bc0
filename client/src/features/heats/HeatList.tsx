import type { Program } from '@ondeck/shared';
import { startTransition, useEffect, useMemo, useState } from 'react';
import { heatRows } from './heatRows.ts';

interface Props {
  program: Program;
  /** The heat on the floor, highlighted. */
  current?: number;
  /** When the role may start heats: a button per row. */
  onStart?: (number: number) => void;
}

/** The schedule, heat by heat, with the current heat marked. */
/** Rows in the first paint: a screenful and more; the rest follow without blocking it. */
const FIRST_ROWS = 40;

export function HeatList({ program, current, onStart }: Props) {
  const rows = useMemo(() => heatRows(program), [program]);
  // NOTE: a large event has hundreds of heat numbers; rendering them all before the first paint
  // costs a cold start more than a tenth of a second on a tablet.
  const [shown, setShown] = useState(FIRST_ROWS);
  useEffect(() => {
    if (shown < rows.length) startTransition(() => setShown(rows.length));
  }, [shown, rows.length]);
  if (rows.length === 0) return <p className="muted">No heats are scheduled yet.</p>;
  return (
    <ol className="heat-list" aria-label="Heats">
      {rows.slice(0, shown).map((row) => {
        const isCurrent = row.number === current;
        return (
          <li
            key={row.number}
            className={isCurrent ? 'heat heat-current' : 'heat'}
            aria-current={isCurrent ? 'step' : undefined}
          >
            <span className="heat-number">{row.number}</span>
            <span className="heat-what">
              <span className="heat-dance">{row.dances.join(' / ')}</span>
              <span className="muted">
                {row.categories.join(', ')} · {row.couples} {row.couples === 1 ? 'couple' : 'couples'}
                {row.ballrooms.length > 0 ? ` · Ballroom ${row.ballrooms.join(', ')}` : ''}
              </span>
            </span>
            {isCurrent ? <span className="pill pill-current">On the floor</span> : null}
            {onStart && !isCurrent ? (
              <button type="button" className="button button-secondary" onClick={() => onStart(row.number)}>
                Start heat {row.number}
              </button>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
