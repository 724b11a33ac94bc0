import { markSlot, moveInRanking, rankingOrder, ranksOf, type Split } from '@ondeck/shared';
import { type KeyboardEvent, type PointerEvent, useLayoutEffect, useRef, useState } from 'react';
import { Back, CoupleText, markKey, type ScaleProps } from './common.tsx';

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

interface Drag {
  id: string;
  y: number;
  dy: number;
}

/**
 * One split's final: the ranking list. After a semi-final its couples are the finalists the
 * organiser's device published from every judge's callbacks; until then the page says so.
 */
function SplitRanking({ split, ...props }: ScaleProps & { split: Split }) {
  const { program, heat, slot, marks, editor, judgeId } = props;
  const list = useRef<HTMLOListElement>(null);
  const focusAfterMove = useRef<string | null>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const stored = markSlot(heat, slot ?? 1);
  const candidates = split.finalists ?? [];
  const ranks = new Map<string, number>();
  for (const entry of candidates) {
    const value = Number(marks.get(markKey(heat, slot, entry))?.value);
    if (Number.isInteger(value) && value > 0) ranks.set(entry.heat.id, value);
  }
  const order = rankingOrder(
    candidates.map((e) => e.heat.id),
    ranks,
    `${judgeId}/${heat.view.label}/${split.danceId}`,
  );
  const byId = new Map(split.entries.map((entry) => [entry.heat.id, entry]));
  const ranked = candidates.length > 0 && ranks.size === candidates.length;

  useLayoutEffect(() => {
    const id = focusAfterMove.current;
    if (!id) return;
    focusAfterMove.current = null;
    list.current?.querySelector<HTMLElement>(`[data-handle="${id}"]`)?.focus();
  });

  const writeOrder = (next: readonly string[]) =>
    void editor?.changeMany([...ranksOf(next)].map(([id, value]) => ({ heatId: id, slot: stored, patch: { value } })));

  const move = (from: number, to: number, keepFocus: boolean) => {
    if (to < 0 || to >= order.length || from === to) return;
    if (keepFocus) focusAfterMove.current = order[from] ?? null;
    writeOrder(moveInRanking(order, from, to));
  };

  const onHandleKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    event.preventDefault();
    move(index, index + (event.key === 'ArrowUp' ? -1 : 1), true);
  };

  const onPointerDown = (event: PointerEvent<HTMLButtonElement>, id: string) => {
    if (!editor || event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    setDrag({ id, y: event.clientY, dy: 0 });
  };
  const onPointerUp = (event: PointerEvent<HTMLButtonElement>, index: number) => {
    if (!drag) return;
    setDrag(null);
    if (Math.abs(drag.dy) < 8) return;
    const rows = [...(list.current?.querySelectorAll<HTMLElement>('[data-rank-row]') ?? [])];
    // The new place: how many of the other couples now sit above the pointer.
    const to = rows.filter((row, i) => {
      const box = row.getBoundingClientRect();
      return i !== index && box.top + box.height / 2 < event.clientY;
    }).length;
    move(index, to, false);
  };

  return (
    <section className="split" aria-label={split.name}>
      <h2>
        {split.name}{' '}
        <span className={ranked ? 'split-count split-count-done' : 'split-count'}>
          {ranked ? 'Ranked' : candidates.length === 0 ? 'No finalists yet' : 'Not ranked yet'}
        </span>
      </h2>
      {split.finalists === undefined ? (
        <p className="ranking-note" role="status">
          Waiting for the callbacks: the couples in this final appear here once every judge has called back and the
          organiser’s device has counted them.
        </p>
      ) : split.semiFinal ? (
        <p className="ranking-note">
          {split.finalists.length} couples called back to the final, counted from every judge’s callbacks.
        </p>
      ) : null}
      {order.length > 0 && !ranked ? (
        <p className="ranking-note">
          A first order, random for you: move couples into your ranking, or{' '}
          <button
            type="button"
            className="button button-secondary"
            disabled={!editor}
            onClick={() => writeOrder(order)}
          >
            keep this order
          </button>
        </p>
      ) : null}
      <ol className="card-list" ref={list} data-noswipe>
        {order.map((id, index) => {
          const entry = byId.get(id);
          if (!entry) return null;
          const back = entry.couple.back ?? entry.couple.names;
          const dragging = drag?.id === id;
          return (
            <li
              key={id}
              data-rank-row
              data-testid="couple"
              className={dragging ? 'split-row ranking-row ranking-row-dragging' : 'split-row ranking-row'}
              style={dragging ? { transform: `translateY(${drag.dy}px)` } : undefined}
            >
              <span className={ranks.has(id) ? 'ranking-place' : 'ranking-place ranking-place-draft'}>
                {ordinal(index + 1)}
              </span>
              <Back entry={entry} assigned={false} />
              <CoupleText entry={entry} settings={program.settings} />
              <button
                type="button"
                className="icon-button ranking-move"
                aria-label={`Move couple ${back} up`}
                disabled={!editor || index === 0}
                onClick={() => move(index, index - 1, false)}
              >
                ▲
              </button>
              <button
                type="button"
                className="icon-button ranking-move"
                aria-label={`Move couple ${back} down`}
                disabled={!editor || index === order.length - 1}
                onClick={() => move(index, index + 1, false)}
              >
                ▼
              </button>
              <button
                type="button"
                className="icon-button ranking-handle"
                data-handle={id}
                aria-label={`Couple ${back}, ${ordinal(index + 1)}: drag, or press the up and down arrows to move`}
                disabled={!editor}
                onKeyDown={(event) => onHandleKey(event, index)}
                onPointerDown={(event) => onPointerDown(event, id)}
                onPointerMove={(event) => drag && setDrag({ ...drag, dy: event.clientY - drag.y })}
                onPointerUp={(event) => onPointerUp(event, index)}
                onPointerCancel={() => setDrag(null)}
              >
                ⠿
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/**
 * A final page (DOMAIN.md §3.3): each split ranked on its own, by drag, by ▲▼ or by the arrow
 * keys on a couple's handle; moving a couple moves the couples in between one place.
 */
export function Ranking(props: ScaleProps) {
  return (
    <div className="ranking">
      {props.heat.splits.map((split) => (
        <SplitRanking key={split.danceId} split={split} {...props} />
      ))}
    </div>
  );
}
