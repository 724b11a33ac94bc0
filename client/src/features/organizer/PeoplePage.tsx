import {
  displayName,
  EVENT_STAFF_STUDIO_ID,
  newId,
  type Person,
  type PersonType,
  personHeats,
  plural,
} from '@ondeck/shared';
import { type FormEvent, useMemo, useState } from 'react';
import { Field } from '../../components/Field.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Notice } from '../../components/Notice.tsx';
import { useDayOfEditor } from '../../sync/dayOf.ts';
import { useJudgesScores, useProgram } from '../../sync/hooks.ts';
import { useProgramEditor } from '../../sync/mutations.ts';
import { useJudges, useMarkedHeatNumbers } from './queries.ts';

const TYPES: PersonType[] = ['Student', 'Professional', 'Guest', 'Judge', 'DJ', 'Emcee', 'Official', 'Organizer'];
const STAFF_TYPES = new Set<PersonType>(['Judge', 'DJ', 'Emcee', 'Official', 'Organizer']);

function AddPerson({ studios }: { studios: Array<{ id: string; name: string }> }) {
  const editor = useProgramEditor();
  const [name, setName] = useState('');
  const [type, setType] = useState<PersonType>('Judge');
  const [studioId, setStudioId] = useState(studios[0]?.id ?? EVENT_STAFF_STUDIO_ID);
  const [problem, setProblem] = useState<string | null>(null);
  if (!editor) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (/&| and /i.test(trimmed)) {
      setProblem('One person per entry: names may not contain “&” or “ and ”.');
      return;
    }
    const person: Person = {
      id: newId(),
      name: trimmed,
      type,
      // Judges, DJs, emcees and officials belong to the "Event Staff" studio (DOMAIN.md §1).
      studioId: STAFF_TYPES.has(type) ? EVENT_STAFF_STUDIO_ID : studioId,
    };
    void editor.putPerson(person).then(() => {
      setName('');
      setProblem(null);
    });
  };
  return (
    <form className="card stack" onSubmit={submit} aria-label="Add a person">
      <h2>Add a person</h2>
      <Field label="Name" hint="Stored “Last, First”, shown “First Last”.">
        {(control) => (
          <input
            {...control}
            value={name}
            onChange={(event) => setName(event.target.value)}
            placeholder="Last, First"
            required
          />
        )}
      </Field>
      <Field label="Type">
        {(control) => (
          <select {...control} value={type} onChange={(event) => setType(event.target.value as PersonType)}>
            {TYPES.map((option) => (
              <option key={option}>{option}</option>
            ))}
          </select>
        )}
      </Field>
      {STAFF_TYPES.has(type) ? null : (
        <Field label="Studio">
          {(control) => (
            <select {...control} value={studioId} onChange={(event) => setStudioId(event.target.value)}>
              {studios.map((studio) => (
                <option key={studio.id} value={studio.id}>
                  {studio.name}
                </option>
              ))}
              <option value={EVENT_STAFF_STUDIO_ID}>Event Staff</option>
            </select>
          )}
        </Field>
      )}
      {problem ? <Notice tone="error">{problem}</Notice> : null}
      <button type="submit" className="button">
        Add person
      </button>
    </form>
  );
}

type Done = { text: string; undo: () => Promise<void> };

/** The confirmation before a person is removed: who, and what happens to their heats. */
function ConfirmRemove({
  person,
  heats,
  onConfirm,
  onCancel,
}: {
  person: Person;
  heats: number;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const name = displayName(person.name);
  return (
    <div className="confirm" role="alertdialog" aria-label={`Remove ${name}?`} aria-describedby="confirm-remove-text">
      <p id="confirm-remove-text">
        {heats > 0
          ? `${name} dances in ${plural(heats, 'heat')} not yet marked. They will be scratched — still listed, struck through, out of the couple count — and can be restored.`
          : `${name} dances in no heat still to come and will be taken off the list.`}
      </p>
      <div className="actions">
        <button type="button" className="button button-danger" onClick={onConfirm}>
          {heats > 0 ? `Scratch ${name}` : `Remove ${name}`}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/** `/e/<id>/organizer/people`: who is in the event; add, scratch and restore, offline too. */
export function PeoplePage() {
  const program = useProgram();
  const editor = useDayOfEditor();
  const judges = useJudges(program);
  const docs = useJudgesScores(useMemo(() => judges.map((j) => j.id), [judges]));
  const marked = useMarkedHeatNumbers(program, docs);
  const [asking, setAsking] = useState<string | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  if (!program) return <Loading />;
  const people = [...program.people.values()].sort(
    (a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name),
  );
  const studios = [...program.studios.values()].filter((studio) => studio.id !== EVENT_STAFF_STUDIO_ID);
  const toScratch = (id: string) =>
    personHeats(program, id).filter((heat) => heat.number > 0 && !marked.has(heat.number)).length;
  const remove = async (person: Person) => {
    if (!editor) return;
    setAsking(null);
    const name = displayName(person.name);
    if (personHeats(program, person.id).length > 0) {
      const count = await editor.scratchPerson(person.id, marked);
      setDone({
        text: `${name} scratched from ${plural(count, 'heat')}.`,
        undo: () => editor.restorePerson(person.id),
      });
    } else {
      await editor.removePerson(person.id);
      setDone({ text: `${name} removed.`, undo: () => editor.putPerson(person) });
    }
  };
  return (
    <main className="screen">
      <h1>People</h1>
      <AddPerson studios={studios} />
      {done ? (
        <div className="card done" role="status">
          <span>{done.text}</span>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => void done.undo().then(() => setDone(null))}
          >
            Undo
          </button>
        </div>
      ) : null}
      <h2>{people.length} people</h2>
      <ul className="list people">
        {people.map((person) => {
          const name = displayName(person.name);
          return (
            <li key={person.id} className={person.scratched ? 'row scratched' : 'row'} data-testid="person">
              <span className="row-main">
                <span>{person.scratched ? <s>{name}</s> : name}</span>
                <span className="muted">
                  {person.type}
                  {person.back ? ` · #${person.back}` : ''}
                  {person.scratched ? ' · scratched' : ''}
                </span>
              </span>
              {editor && person.scratched ? (
                <button
                  type="button"
                  className="button button-secondary"
                  aria-label={`Restore ${name}`}
                  onClick={() => {
                    setDone(null);
                    void editor.restorePerson(person.id);
                  }}
                >
                  Restore
                </button>
              ) : editor ? (
                <button
                  type="button"
                  className="button button-secondary"
                  aria-label={`Remove ${name}`}
                  aria-expanded={asking === person.id}
                  onClick={() => setAsking(asking === person.id ? null : person.id)}
                >
                  Remove
                </button>
              ) : null}
              {asking === person.id ? (
                <ConfirmRemove
                  person={person}
                  heats={toScratch(person.id)}
                  onConfirm={() => void remove(person)}
                  onCancel={() => setAsking(null)}
                />
              ) : null}
            </li>
          );
        })}
      </ul>
    </main>
  );
}
