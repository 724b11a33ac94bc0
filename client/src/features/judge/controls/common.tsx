import {
  type CoupleRow,
  type EventSettings,
  type HeatEntryView,
  heatScoreKey,
  markSlot,
  type Parsed,
  type Program,
  type ScaleOption,
  type Score,
  type ScoredHeat,
} from '@ondeck/shared';
import { type KeyboardEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import type { MarkChange, useScoresEditor } from '../../../sync/mutations.ts';

/** The choice that clears a couple's mark, after the scale's own choices ("–"). */
export const NOT_MARKED: ScaleOption = { value: '', label: '–', name: 'Not marked' };

export type ScoresEditor = NonNullable<ReturnType<typeof useScoresEditor>>;

/** What every scale's controls get: the heat, its page, the couples in reading order and the judge's marks. */
export interface ScaleProps {
  program: Program;
  heat: ScoredHeat;
  /** 1-based page of a multi-dance; undefined for a heat of one page. */
  slot: number | undefined;
  rows: CoupleRow[];
  marks: ReadonlyMap<string, Score>;
  /** Null when this device may not change these marks. */
  editor: ScoresEditor | null;
  judgeId: string;
}

/** Stores a change, or fails when this device may not change the marks. */
function save(editor: ScoresEditor | null, change: MarkChange): Promise<void> {
  return editor ? editor.change(change) : Promise.reject(new Error('This device may not change these marks'));
}

/** The key of a couple's mark on this page. */
export function markKey(heat: ScoredHeat, slot: number | undefined, entry: HeatEntryView): string {
  return heatScoreKey(entry.heat.id, markSlot(heat, slot ?? 1));
}

/** A change to one couple's mark on this page. */
export function changeFor(
  heat: ScoredHeat,
  slot: number | undefined,
  entry: HeatEntryView,
  patch: MarkChange['patch'],
): MarkChange {
  return { heatId: entry.heat.id, slot: markSlot(heat, slot ?? 1), patch };
}

/** A couple's mark changer for this page (stable across renders, so rows stay memoised). */
export type MarkChanger = (entry: HeatEntryView, patch: MarkChange['patch']) => void;

/** Changes couples' marks on this page; a device that may not change them changes nothing. */
export function useMarkChanger(editor: ScoresEditor | null, heat: ScoredHeat, slot: number | undefined): MarkChanger {
  return useCallback(
    (entry: HeatEntryView, patch: MarkChange['patch']) => void editor?.change(changeFor(heat, slot, entry, patch)),
    [editor, heat, slot],
  );
}

/** Stores a couple's comment on this page (stable across renders, so rows stay memoised). */
export function useCommentSaver(editor: ScoresEditor | null, heat: ScoredHeat, slot: number | undefined) {
  return useCallback(
    (entry: HeatEntryView, text: string) => save(editor, changeFor(heat, slot, entry, { comments: text })),
    [editor, heat, slot],
  );
}

/** "Ann Lee & Bob Ray", the student first when the event lists Student & Partner. */
function coupleNames(entry: HeatEntryView, settings: EventSettings): string {
  const { couple } = entry;
  if (settings.columnOrder !== 2 || couple.subjectId !== couple.follow.id) return couple.names;
  return [couple.follow.name, couple.lead.name].filter(Boolean).join(' & ');
}

/** "G - FB - B1", prefixed "Open -" when open and closed heats share the floor. */
function coupleCategory(entry: HeatEntryView, settings: EventSettings): string {
  const { category } = entry.heat;
  if (settings.combineOpenClosed && (category === 'Open' || category === 'Closed'))
    return `${category} - ${entry.couple.category}`;
  return entry.couple.category;
}

/** The back number, circled when the couple is assigned to this judge. */
export function Back({ entry, assigned }: { entry: HeatEntryView; assigned: boolean }) {
  const back = entry.couple.back;
  return (
    <span className={assigned ? 'back-number back-number-mine' : 'back-number'}>
      {back ?? '–'}
      {assigned ? <span className="visually-hidden"> (assigned to you)</span> : null}
    </span>
  );
}

/** Names, category and studio of a couple; struck through when scratched. */
export function CoupleText({ entry, settings }: { entry: HeatEntryView; settings: EventSettings }) {
  return (
    <span className="couple-text">
      <span className="couple-names">
        {coupleNames(entry, settings)}
        {entry.scratched ? <span className="visually-hidden"> (scratched)</span> : null}
      </span>
      <span className="couple-meta">
        {coupleCategory(entry, settings)}
        {entry.couple.studio ? ` · ${entry.couple.studio}` : ''}
      </span>
    </span>
  );
}

const IDLE_SAVE_MS = 1500;

/**
 * A comment for one couple (DOMAIN.md §3.2): yellow while typed but not yet stored, stored
 * after a short pause, on leaving the box or on Esc; red if storing failed. An empty comment
 * clears it.
 */
export function CommentBox({
  label,
  stored,
  save,
  disabled,
  large = false,
}: {
  label: string;
  stored: string | undefined;
  save: (text: string) => Promise<void>;
  disabled: boolean;
  large?: boolean;
}) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const pending = useRef<string | null>(null);
  pending.current = draft;
  const commit = () => {
    const text = pending.current;
    if (text === null) return;
    setDraft(null);
    if (text === (stored ?? '')) return;
    save(text).then(
      () => setFailed(false),
      () => {
        setFailed(true);
        setDraft(text);
      },
    );
  };
  const commitRef = useRef(commit);
  commitRef.current = commit;
  useEffect(() => {
    if (draft === null) return;
    const timer = setTimeout(() => commitRef.current(), IDLE_SAVE_MS);
    return () => clearTimeout(timer);
  }, [draft]);
  // Leaving the page stores what was typed.
  useEffect(() => () => commitRef.current(), []);
  const dirty = draft !== null && draft !== (stored ?? '');
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    commit();
    event.currentTarget.blur();
  };
  return (
    <div className={`comment-box${dirty ? ' comment-box-unsaved' : ''}${failed ? ' comment-box-failed' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={large ? 5 : 2}
        value={draft ?? stored ?? ''}
        disabled={disabled}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={onKeyDown}
      />
      {dirty ? <span className="comment-box-note">Not stored yet</span> : null}
      {failed ? (
        <span className="comment-box-note" role="alert">
          Could not store this comment on the device
        </span>
      ) : null}
    </div>
  );
}

/** The ✎ button that opens a couple's comment (always open once there is one). */
export function CommentToggle({
  open,
  has,
  back,
  disabled,
  toggle,
}: {
  open: boolean;
  has: boolean;
  back: string | number;
  disabled: boolean;
  toggle: () => void;
}) {
  return (
    <button
      type="button"
      className={has ? 'icon-button comment-toggle-has' : 'icon-button'}
      aria-expanded={open || has}
      aria-label={`Comment on couple ${back}`}
      disabled={disabled}
      onClick={toggle}
    >
      ✎
    </button>
  );
}

/**
 * A number box that stores each valid value as it is typed; anything else is shown in red
 * with what is wrong, and not stored.
 */
export function MarkInput({
  id,
  label,
  stored,
  parse,
  write,
  disabled,
}: {
  /** For a visible `<label htmlFor>`; otherwise `label` names the box. */
  id?: string;
  label?: string;
  stored: string | undefined;
  parse: (text: string) => Parsed;
  write: (value: string | undefined) => void;
  disabled: boolean;
}) {
  const ownId = useId();
  const problemId = `${id ?? ownId}-problem`;
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? stored ?? '';
  const parsed = parse(shown);
  return (
    <>
      <input
        id={id}
        className={parsed.ok ? 'mark-input' : 'mark-input mark-input-invalid'}
        inputMode="numeric"
        autoComplete="off"
        maxLength={3}
        value={shown}
        disabled={disabled}
        aria-label={label}
        aria-invalid={parsed.ok ? undefined : true}
        aria-describedby={parsed.ok ? undefined : problemId}
        onChange={(event) => {
          setText(event.target.value);
          const result = parse(event.target.value);
          if (result.ok && result.value !== stored) write(result.value);
        }}
        onBlur={() => {
          if (parse(text ?? '').ok) setText(null);
        }}
      />
      {parsed.ok ? null : (
        <span id={problemId} className="problem-note" role="alert">
          {parsed.problem}
        </span>
      )}
    </>
  );
}
