import {
  FINAL_MAX_COUPLES,
  finalistsOf,
  finalSlots,
  type HeatEntryView,
  heatScoreKey,
  markSlot,
  moveInRanking,
  rankingOrder,
  ranksOf,
  type Split,
} from '@ondeck/shared';
import { type KeyboardEvent, type PointerEvent, useLayoutEffect, useRef, useState } from 'react';
import type { MarkChange } from '../../../sync/mutations.ts';
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

/** One split's final: the ranking list, and for a split that danced a semi-final, who is in the final. */
function SplitRanking({ split, ...props }: ScaleProps & { split: Split }) {
  const { program, heat, slot, marks, editor, judgeId } = props;
  const list = useRef<HTMLOListElement>(null);
  const focusAfterMove = useRef<string | null>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const stored = markSlot(heat, slot ?? 1);
  const candidates = split.semiFinal ? finalistsOf(heat, split, marks) : split.entries;
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

  /** Takes a couple into the final (last place for now) or out of it (its ranks go, the others close up). */
  const toggleFinalist = (entry: HeatEntryView) => {
    const id = entry.heat.id;
    if (order.includes(id)) {
      const changes: MarkChange[] = [];
      for (const finalSlot of finalSlots(heat.dances, heat.semiFinal)) {
        const rankedThere = candidates
          .filter((e) => e.heat.id !== id)
          .map((e) => ({ id: e.heat.id, rank: Number(marks.get(heatScoreKey(e.heat.id, finalSlot))?.value) }))
          .filter((r) => Number.isInteger(r.rank) && r.rank > 0)
          .sort((a, b) => a.rank - b.rank);
        for (const [heatId, value] of ranksOf(rankedThere.map((r) => r.id)))
          changes.push({ heatId, slot: finalSlot, patch: { value } });
        changes.push({ heatId: id, slot: finalSlot, patch: { value: undefined } });
      }
      void editor?.changeMany(changes);
      return;
    }
    if (order.length >= FINAL_MAX_COUPLES) return;
    writeOrder([...order, id]);
  };

  return (
    <section className="split" aria-label={split.name}>
      <h2>
        {split.name}{' '}
        <span className={ranked ? 'split-count split-count-done' : 'split-count'}>
          {ranked ? 'Ranked' : candidates.length === 0 ? 'No finalists yet' : 'Not ranked yet'}
        </span>
      </h2>
      {split.semiFinal ? (
        <fieldset className="ranking-finalists">
          <legend>
            In the final (as the scrutineer calls them, up to {FINAL_MAX_COUPLES}): {order.length}
          </legend>
          {split.entries.map((entry) => {
            const on = order.includes(entry.heat.id);
            return (
              <button
                key={entry.heat.id}
                type="button"
                className="tap-button tap-button-large"
                aria-pressed={on}
                disabled={!editor || (!on && order.length >= FINAL_MAX_COUPLES)}
                aria-label={`Couple ${entry.couple.back ?? entry.couple.names} in the final`}
                onClick={() => toggleFinalist(entry)}
              >
                {entry.couple.back ?? '–'}
              </button>
            );
          })}
        </fieldset>
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
