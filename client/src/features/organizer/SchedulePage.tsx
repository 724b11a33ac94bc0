import {
  type BallroomLetter,
  ballroomLetters,
  displayName,
  type Entry,
  type Heat,
  type HeatCategory,
  type HeatEntryView,
  type HeatNumberView,
  heatLimit,
  heatNumbers,
  newId,
  type Program,
  plural,
} from '@ondeck/shared';
import { type FormEvent, useMemo, useState } from 'react';
import { Field } from '../../components/Field.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Notice } from '../../components/Notice.tsx';
import { formatTime } from '../../lib/format.ts';
import { useDayOfEditor } from '../../sync/dayOf.ts';
import { useLive, useProgram } from '../../sync/hooks.ts';
import './day.css';

type Editor = NonNullable<ReturnType<typeof useDayOfEditor>>;

const KINDS: HeatCategory[] = ['Closed', 'Open', 'Multi', 'Solo'];
const DANCING = new Set(['Student', 'Professional', 'Guest']);

/** The heat on the floor now, on any ballroom: walk-ons go into heats after it. */
function useCurrentNumber(): number {
  const live = useLive();
  let latest = 0;
  for (const heat of live?.current.values() ?? []) latest = Math.max(latest, heat.number);
  return latest;
}

/** Anything the rule that settles two laptops' offline edits did or left for the organiser. */
function Notices({ program, editor }: { program: Program; editor: Editor }) {
  const notices = [...program.notices.values()].sort((a, b) => a.at - b.at);
  if (notices.length === 0) return null;
  return (
    <section className="card stack day-notices" aria-label="Settled while offline">
      <h2>Settled while offline: {plural(notices.length, 'change')} to check</h2>
      <ul className="list">
        {notices.map((notice) => (
          <li key={notice.id} className="day-row" data-testid="notice">
            <span className="row-main">
              <span>{notice.text}</span>
              <span className="muted">{formatTime(notice.at)}</span>
            </span>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => void editor.dismissNotice(notice.id)}
            >
              Dismiss
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function AddWalkOn({ program, editor }: { program: Program; editor: Editor }) {
  const dancers = useMemo(
    () =>
      [...program.people.values()]
        .filter((p) => DANCING.has(p.type) && !p.scratched)
        .sort((a, b) => a.name.localeCompare(b.name)),
    [program],
  );
  const dances = useMemo(
    () => [...program.dances.values()].filter((d) => d.order > 0).sort((a, b) => a.order - b.order),
    [program],
  );
  const levels = useMemo(() => [...program.levels.values()].sort((a, b) => a.order - b.order), [program]);
  const ages = useMemo(() => [...program.ages.values()].sort((a, b) => a.order - b.order), [program]);
  const [draft, setDraft] = useState({ leadId: '', followId: '', levelId: '', ageId: '', danceId: '', kind: 'Closed' });
  const [problem, setProblem] = useState<string | null>(null);
  const set = (key: keyof typeof draft) => (event: { target: { value: string } }) =>
    setDraft({ ...draft, [key]: event.target.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!draft.leadId || !draft.followId || !draft.levelId || !draft.danceId) {
      setProblem('Pick the lead, the follow, a level and a dance.');
      return;
    }
    if (draft.leadId === draft.followId) {
      setProblem('The lead and the follow are two people.');
      return;
    }
    const entry: Entry = {
      id: newId(),
      leadId: draft.leadId,
      followId: draft.followId,
      levelId: draft.levelId,
      ...(draft.ageId ? { ageId: draft.ageId } : {}),
    };
    void editor
      .addWalkOn(entry, { id: newId(), danceId: draft.danceId, category: draft.kind as HeatCategory })
      .then(() => {
        setProblem(null);
        setDraft({ ...draft, leadId: '', followId: '' });
      });
  };
  const select = (
    key: keyof typeof draft,
    label: string,
    options: Array<{ id: string; text: string }>,
    optional = false,
  ) => (
    <Field label={label}>
      {(control) => (
        <select {...control} value={draft[key]} onChange={set(key)}>
          <option value="">{optional ? '—' : 'Choose…'}</option>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  const people = dancers.map((p) => ({ id: p.id, text: `${displayName(p.name)}${p.back ? ` #${p.back}` : ''}` }));
  return (
    <form className="card stack" onSubmit={submit} aria-label="Add a walk-on">
      <h2>Add a walk-on</h2>
      <p className="muted">A late entry lands unscheduled (heat 0); “Schedule” then fits it into a heat.</p>
      <div className="day-grid">
        {select('leadId', 'Lead', people)}
        {select('followId', 'Follow', people)}
        {select(
          'danceId',
          'Dance',
          dances.map((d) => ({ id: d.id, text: d.name })),
        )}
        <Field label="Kind">
          {(control) => (
            <select {...control} value={draft.kind} onChange={set('kind')}>
              {KINDS.map((kind) => (
                <option key={kind}>{kind}</option>
              ))}
            </select>
          )}
        </Field>
        {select(
          'levelId',
          'Level',
          levels.map((l) => ({ id: l.id, text: l.name })),
        )}
        {select(
          'ageId',
          'Age',
          ages.map((a) => ({ id: a.id, text: `${a.category} ${a.description}` })),
          true,
        )}
      </div>
      {problem ? <Notice tone="error">{problem}</Notice> : null}
      <div className="actions">
        <button type="submit" className="button">
          Add walk-on
        </button>
      </div>
    </form>
  );
}

function coupleLine(program: Program, heat: Heat): string {
  const entry = program.entries.get(heat.entryId);
  const name = (id: string | undefined) => {
    const person = id ? program.people.get(id) : undefined;
    return person ? displayName(person.name) : '';
  };
  const dance = program.dances.get(heat.danceId)?.name ?? 'Unknown dance';
  return `${[name(entry?.leadId), name(entry?.followId)].filter(Boolean).join(' & ')} — ${heat.category} ${dance}`;
}

function Unscheduled({ program, editor, after }: { program: Program; editor: Editor; after: number }) {
  const [scheduled, setScheduled] = useState<string | null>(null);
  const waiting = [...program.heats.values()].filter((heat) => heat.number === 0);
  return (
    <section className="card stack" aria-label="Unscheduled">
      <h2>Unscheduled: {plural(waiting.length, 'couple')}</h2>
      {scheduled ? <p role="status">{scheduled}</p> : null}
      {waiting.length === 0 ? (
        <p className="muted">Every entry has a heat.</p>
      ) : (
        <ul className="list">
          {waiting.map((heat) => {
            const line = coupleLine(program, heat);
            return (
              <li key={heat.id} className="day-row" data-testid="unscheduled">
                <span className="row-main">
                  <span>{line}</span>
                  {heat.prevNumber ? <span className="muted">Was in heat {heat.prevNumber}</span> : null}
                </span>
                <button
                  type="button"
                  className="button"
                  aria-label={`Schedule ${line}`}
                  onClick={() =>
                    void editor.schedule(heat.id, after).then((number) => setScheduled(`${line}: heat ${number}.`))
                  }
                >
                  Schedule
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function CoupleRow({
  entry,
  editor,
  letters,
  locked,
}: {
  entry: HeatEntryView;
  editor: Editor;
  letters: BallroomLetter[];
  locked: boolean;
}) {
  const [moving, setMoving] = useState(false);
  const [to, setTo] = useState('');
  const [refused, setRefused] = useState<string | null>(null);
  const { heat, couple, scratched } = entry;
  const label = `${couple.back ?? ''} ${couple.names}`.trim();
  const move = (event: FormEvent) => {
    event.preventDefault();
    const number = Number(to);
    if (!Number.isFinite(number) || number < 1) {
      setRefused('A heat number is 1 or more.');
      return;
    }
    void editor.move(heat.id, number).then((problem) => {
      setRefused(problem ? `Not moved: ${problem}.` : null);
      if (!problem) setMoving(false);
    });
  };
  return (
    <li className={scratched ? 'day-couple scratched' : 'day-couple'} data-testid="heat-couple" data-heat-id={heat.id}>
      <span className="day-back">{couple.back ?? '–'}</span>
      <span className="row-main">
        <span>{scratched ? <s>{couple.names}</s> : couple.names}</span>
        <span className="muted">
          {couple.category}
          {couple.studio ? ` · ${couple.studio}` : ''}
          {scratched ? ' · scratched' : ''}
        </span>
      </span>
      {letters.length > 0 ? (
        <label className="day-ballroom">
          <span className="visually-hidden">Ballroom of {label}</span>
          <select
            value={heat.ballroom ?? ''}
            disabled={locked}
            onChange={(event) => void editor.setBallroom(heat.id, (event.target.value || undefined) as BallroomLetter)}
          >
            <option value="">Auto{entry.ballroom && !heat.ballroom ? ` (${entry.ballroom})` : ''}</option>
            {letters.map((letter) => (
              <option key={letter} value={letter}>
                Ballroom {letter}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <div className="actions">
        {scratched ? (
          <button
            type="button"
            className="button button-secondary"
            aria-label={`Restore ${label}`}
            onClick={() => void editor.restoreHeat(heat.id)}
          >
            Restore
          </button>
        ) : (
          <button
            type="button"
            className="button button-danger"
            aria-label={`Scratch ${label}`}
            onClick={() => void editor.scratchHeat(heat.id)}
          >
            Scratch
          </button>
        )}
        <button
          type="button"
          className="button button-secondary"
          aria-expanded={moving}
          aria-label={`Move ${label}`}
          disabled={locked || scratched}
          onClick={() => setMoving(!moving)}
        >
          Move
        </button>
      </div>
      {moving ? (
        <form className="day-move" onSubmit={move} aria-label={`Move ${label} to another heat`}>
          <Field label="To heat">
            {(control) => (
              <input {...control} inputMode="decimal" value={to} onChange={(event) => setTo(event.target.value)} />
            )}
          </Field>
          <button type="submit" className="button">
            Move
          </button>
        </form>
      ) : null}
      {refused ? (
        <p className="day-refused" role="alert">
          {refused}
        </p>
      ) : null}
    </li>
  );
}

function HeatBlock({
  program,
  view,
  editor,
  letters,
  locked,
}: {
  program: Program;
  view: HeatNumberView;
  editor: Editor;
  letters: BallroomLetter[];
  locked: boolean;
}) {
  const first = view.entries[0]?.heat;
  const limit = first ? heatLimit(program, first) : 0;
  return (
    <li className="card day-heat" data-heat={view.label}>
      <h3>
        Heat {view.label}: {view.dance}
        <span className="muted day-count">
          {' '}
          · {view.onFloor} of {limit} couples
        </span>
      </h3>
      <ul className="list">
        {view.entries.map((entry) => (
          <CoupleRow key={entry.heat.id} entry={entry} editor={editor} letters={letters} locked={locked} />
        ))}
      </ul>
    </li>
  );
}

const SHOWN = 60;

function Loaded({ program, editor }: { program: Program; editor: Editor }) {
  const after = useCurrentNumber();
  const schedule = useMemo(() => heatNumbers(program), [program]);
  const letters = useMemo(() => ballroomLetters(program.settings, schedule), [program, schedule]);
  const [query, setQuery] = useState('');
  const [all, setAll] = useState(false);
  const locked = program.settings.locked;
  const needle = query.trim().toLowerCase();
  const matching = needle
    ? schedule.filter(
        (view) => view.label === needle || view.entries.some((e) => e.couple.names.toLowerCase().includes(needle)),
      )
    : schedule;
  const shown = all ? matching : matching.slice(0, SHOWN);
  return (
    <>
      <Notices program={program} editor={editor} />
      <section className="card stack" aria-label="Agenda">
        <label className="day-check">
          <input type="checkbox" checked={locked} onChange={(event) => void editor.setLocked(event.target.checked)} />
          <span>Agenda locked: heats keep their numbers and ballrooms; walk-ons go into heats with room</span>
        </label>
        <div className="actions">
          <button
            type="button"
            className="button button-secondary"
            disabled={locked}
            onClick={() => void editor.renumber()}
          >
            Renumber heats 1, 2, 3…
          </button>
        </div>
      </section>
      <AddWalkOn program={program} editor={editor} />
      <Unscheduled program={program} editor={editor} after={after} />
      <h2>{plural(schedule.length, 'heat')}</h2>
      <Field label="Find a heat or a couple">
        {(control) => (
          <input {...control} type="search" value={query} onChange={(event) => setQuery(event.target.value)} />
        )}
      </Field>
      <ul className="list" aria-label="Heats">
        {shown.map((view) => (
          <HeatBlock
            key={view.number}
            program={program}
            view={view}
            editor={editor}
            letters={letters}
            locked={locked}
          />
        ))}
      </ul>
      {shown.length < matching.length ? (
        <button type="button" className="button button-secondary" onClick={() => setAll(true)}>
          Show all {matching.length} heats
        </button>
      ) : null}
    </>
  );
}

/** `/e/<id>/organizer/schedule`: the day's changes to heats and entries — scratches, walk-ons, moves. */
export function SchedulePage() {
  const program = useProgram();
  const editor = useDayOfEditor();
  return (
    <main className="screen day">
      <h1>Schedule</h1>
      {!program ? <Loading /> : editor ? <Loaded program={program} editor={editor} /> : null}
    </main>
  );
}
