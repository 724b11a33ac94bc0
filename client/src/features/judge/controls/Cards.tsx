import { backName, type HeatEntryView, type Program, type ScaleOption, scaleOptions } from '@ondeck/shared';
import { type KeyboardEvent, type PointerEvent, useLayoutEffect, useRef, useState } from 'react';
import { changeFor, markKey, NOT_MARKED, type ScaleProps } from './common.tsx';

/** A pointer that travels this far is dragging a card, not tapping it. */
const DRAG_PX = 8;

function shortNames(program: Program, entry: HeatEntryView): string {
  return [entry.couple.lead, entry.couple.follow]
    .map((dancer) => {
      const person = program.people.get(dancer.id);
      return person && dancer.name ? backName(person) : '';
    })
    .filter(Boolean)
    .join(' & ');
}

interface Drag {
  id: string;
  x: number;
  y: number;
  dx: number;
  dy: number;
  moved: boolean;
}

/**
 * Cards (DOMAIN.md §4): a band per value plus one for "not marked"; each couple is a card.
 * Drag a card to a band, or tap a card and then a band; with the keyboard, Tab and Shift-Tab
 * pick the next or previous card, ArrowUp and ArrowDown move it to the band above or below
 * (wrapping), Esc lets go of it.
 */
export function Cards({ program, heat, slot, rows, marks, editor, scale }: ScaleProps & { scale: '1' | 'G' }) {
  const bands = [NOT_MARKED, ...scaleOptions(scale, program.settings)];
  const [selected, setSelected] = useState<string | null>(null);
  const [failed, setFailed] = useState<ReadonlySet<string>>(new Set());
  const [drag, setDrag] = useState<Drag | null>(null);
  const focusAfterMove = useRef<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const couples = rows.filter((row) => !row.entry.scratched);
  const bandOf = (entry: HeatEntryView) => marks.get(markKey(heat, slot, entry))?.value ?? '';

  useLayoutEffect(() => {
    const id = focusAfterMove.current;
    if (!id) return;
    focusAfterMove.current = null;
    root.current?.querySelector<HTMLElement>(`[data-card="${id}"]`)?.focus();
  });

  const move = (entry: HeatEntryView, value: string, keepFocus = false) => {
    if (!editor) return;
    if (keepFocus) focusAfterMove.current = entry.heat.id;
    editor.change(changeFor(heat, slot, entry, { value: value || undefined })).then(
      () => setFailed((previous) => without(previous, entry.heat.id)),
      () => setFailed((previous) => new Set(previous).add(entry.heat.id)),
    );
  };

  const onCardKey = (event: KeyboardEvent<HTMLButtonElement>, entry: HeatEntryView) => {
    if (event.key === 'Tab') {
      // Tab and Shift-Tab go from couple to couple in reading order, whatever band each is in.
      const at = couples.findIndex((row) => row.entry.heat.id === entry.heat.id);
      const to = couples[at + (event.shiftKey ? -1 : 1)];
      if (!to) return;
      event.preventDefault();
      setSelected(to.entry.heat.id);
      root.current?.querySelector<HTMLElement>(`[data-card="${to.entry.heat.id}"]`)?.focus();
      return;
    }
    if (event.key === 'Escape') {
      event.preventDefault();
      setSelected(null);
      return;
    }
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    event.preventDefault();
    const at = bands.findIndex((band) => band.value === bandOf(entry));
    const step = event.key === 'ArrowUp' ? -1 : 1;
    const next = bands[(at + step + bands.length) % bands.length] as ScaleOption;
    setSelected(entry.heat.id);
    move(entry, next.value, true);
  };

  const onPointerDown = (event: PointerEvent<HTMLButtonElement>, entry: HeatEntryView) => {
    if (!editor || event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    setDrag({ id: entry.heat.id, x: event.clientX, y: event.clientY, dx: 0, dy: 0, moved: false });
  };
  const onPointerMove = (event: PointerEvent<HTMLButtonElement>) => {
    if (!drag) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    setDrag({ ...drag, dx, dy, moved: drag.moved || Math.hypot(dx, dy) > DRAG_PX });
  };
  const onPointerUp = (event: PointerEvent<HTMLButtonElement>, entry: HeatEntryView) => {
    if (!drag) return;
    setDrag(null);
    if (!drag.moved) return;
    // A drag ends the tap: the click that follows must not select the card.
    event.currentTarget.dataset.dragged = 'true';
    // The card follows the pointer: look at what lies under it.
    const card = event.currentTarget;
    const below = document.elementsFromPoint(event.clientX, event.clientY).find((el) => !card.contains(el));
    const band = below?.closest<HTMLElement>('[data-band]');
    if (band) move(entry, band.dataset.band ?? '');
  };

  const onCardClick = (event: { currentTarget: HTMLButtonElement }, id: string) => {
    if (event.currentTarget.dataset.dragged) {
      delete event.currentTarget.dataset.dragged;
      return;
    }
    setSelected(selected === id ? null : id);
  };

  const onBandClick = (value: string) => {
    const entry = couples.find((row) => row.entry.heat.id === selected)?.entry;
    if (!entry) return;
    move(entry, value);
    setSelected(null);
  };

  const chosen = couples.find((row) => row.entry.heat.id === selected);
  return (
    <div className="cards" ref={root} data-noswipe>
      <p className="cards-hint" role="status">
        {chosen
          ? `Couple ${chosen.entry.couple.back ?? ''} picked: tap a band, or use the up and down arrows.`
          : 'Drag a card to a band, or tap a card and then a band.'}
      </p>
      {bands.map((band) => {
        const cards = couples.filter((row) => bandOf(row.entry) === band.value);
        return (
          <section
            key={band.value || 'none'}
            className={band.value ? 'cards-band' : 'cards-band cards-band-unmarked'}
            data-band={band.value}
            aria-label={band.name}
          >
            <button
              type="button"
              className="cards-band-label"
              disabled={!chosen}
              onClick={() => onBandClick(band.value)}
              aria-label={chosen ? `Move couple ${chosen.entry.couple.back ?? ''} to ${band.name}` : band.name}
            >
              {band.label}
            </button>
            <div className="cards-band-cards">
              {cards.map(({ entry, assigned }) => {
                const id = entry.heat.id;
                const dragging = drag?.id === id && drag.moved;
                return (
                  <button
                    key={id}
                    type="button"
                    data-card={id}
                    data-testid="couple"
                    className={[
                      'couple-card',
                      `couple-card-level-${entry.couple.levelOrder % 8}`,
                      selected === id ? 'couple-card-picked' : '',
                      dragging ? 'couple-card-dragging' : '',
                      assigned ? 'couple-card-mine' : '',
                    ]
                      .filter(Boolean)
                      .join(' ')}
                    style={dragging ? { transform: `translate(${drag.dx}px, ${drag.dy}px)` } : undefined}
                    aria-pressed={selected === id}
                    aria-label={`Couple ${entry.couple.back ?? ''}, ${entry.couple.names}, ${entry.couple.category}: ${band.name}`}
                    disabled={!editor}
                    onFocus={(event) => {
                      // Tab picks a card; a tap picks it on click.
                      if (event.currentTarget.matches(':focus-visible')) setSelected(id);
                    }}
                    onClick={(event) => onCardClick(event, id)}
                    onKeyDown={(event) => onCardKey(event, entry)}
                    onPointerDown={(event) => onPointerDown(event, entry)}
                    onPointerMove={onPointerMove}
                    onPointerUp={(event) => onPointerUp(event, entry)}
                    onPointerCancel={() => setDrag(null)}
                  >
                    <span className={failed.has(id) ? 'couple-card-back couple-card-failed' : 'couple-card-back'}>
                      {entry.couple.back ?? '–'}
                    </span>
                    <span className="couple-card-category">{entry.couple.category}</span>
                    <span className="couple-card-names">{shortNames(program, entry)}</span>
                  </button>
                );
              })}
            </div>
          </section>
        );
      })}
    </div>
  );
}

function without(set: ReadonlySet<string>, id: string): ReadonlySet<string> {
  if (!set.has(id)) return set;
  const out = new Set(set);
  out.delete(id);
  return out;
}
