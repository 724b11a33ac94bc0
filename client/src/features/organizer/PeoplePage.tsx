import { displayName, EVENT_STAFF_STUDIO_ID, newId, type Person, type PersonType } from '@ondeck/shared';
import { type FormEvent, useState } from 'react';
import { Field } from '../../components/Field.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Notice } from '../../components/Notice.tsx';
import { useProgram } from '../../sync/hooks.ts';
import { useProgramEditor } from '../../sync/mutations.ts';

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

/** `/e/<id>/organizer/people`: who is in the event; add and remove, offline too. */
export function PeoplePage() {
  const program = useProgram();
  const editor = useProgramEditor();
  if (!program) return <Loading />;
  const people = [...program.people.values()].sort(
    (a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name),
  );
  const studios = [...program.studios.values()].filter((studio) => studio.id !== EVENT_STAFF_STUDIO_ID);
  return (
    <main className="screen">
      <h1>People</h1>
      <AddPerson studios={studios} />
      <h2>{people.length} people</h2>
      <ul className="list people">
        {people.map((person) => (
          <li key={person.id} className="row" data-testid="person">
            <span className="row-main">
              <span>{displayName(person.name)}</span>
              <span className="muted">
                {person.type}
                {person.back ? ` · #${person.back}` : ''}
              </span>
            </span>
            {editor ? (
              <button
                type="button"
                className="button button-secondary"
                aria-label={`Remove ${displayName(person.name)}`}
                onClick={() => void editor.removePerson(person.id)}
              >
                Remove
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </main>
  );
}
