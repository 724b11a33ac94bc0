import { type BallroomLetter, EVENT_STAFF_STUDIO_ID, newId, type Program, plural, type Studio } from '@ondeck/shared';
import { type FormEvent, useState } from 'react';
import { Field } from '../../../components/Field.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { Notice } from '../../../components/Notice.tsx';
import { useProgram } from '../../../sync/hooks.ts';
import { CommitField } from './CommitField.tsx';
import { SetupHeader } from './SetupHeader.tsx';
import './setup.css';
import { useSetupEditor } from './mutations.ts';
import { nameTaken } from './ordering.ts';

type Editor = NonNullable<ReturnType<typeof useSetupEditor>>;
const LETTERS: BallroomLetter[] = ['A', 'B', 'C', 'D'];

function studioNameProblem(program: Program, name: string, exceptId?: string): string | null {
  if (name.length === 0 || name.length > 100) return 'A studio name is 1–100 characters.';
  if (nameTaken(program.studios.values(), name, exceptId)) return `There is a studio called “${name}” already.`;
  return null;
}

function AddStudio({ program, editor }: { program: Program; editor: Editor }) {
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    const wrong = studioNameProblem(program, trimmed);
    setProblem(wrong);
    if (wrong) return;
    void editor.put('studios', { id: newId(), name: trimmed }).then(() => setName(''));
  };
  return (
    <form className="card stack" onSubmit={submit} aria-label="Add a studio">
      <Field label="New studio">
        {(control) => <input {...control} value={name} onChange={(event) => setName(event.target.value)} required />}
      </Field>
      {problem ? <Notice tone="error">{problem}</Notice> : null}
      <button type="submit" className="button">
        Add studio
      </button>
    </form>
  );
}

function StudioRow({
  studio,
  program,
  editor,
  dancers,
  invoiced,
}: {
  studio: Studio;
  program: Program;
  editor: Editor | null;
  dancers: number;
  /** Entries are invoiced to it. */
  invoiced: boolean;
}) {
  const staff = studio.id === EVENT_STAFF_STUDIO_ID;
  const inUse = dancers > 0 || invoiced;
  return (
    <li className="card setup-row" data-testid="studio" data-record-id={studio.id}>
      <CommitField
        label="Studio name"
        value={studio.name}
        disabled={!editor || staff}
        commit={(text) => {
          const wrong = studioNameProblem(program, text, studio.id);
          if (!wrong) void editor?.put('studios', { ...studio, name: text });
          return wrong;
        }}
      />
      <Field label="Preferred ballroom">
        {(control) => (
          <select
            {...control}
            value={studio.ballroom ?? ''}
            disabled={!editor || staff}
            onChange={(event) => {
              const { ballroom: _, ...rest } = studio;
              const letter = event.target.value as BallroomLetter | '';
              void editor?.put('studios', letter ? { ...rest, ballroom: letter } : rest);
            }}
          >
            <option value="">Any</option>
            {LETTERS.map((letter) => (
              <option key={letter} value={letter}>
                {letter}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="setup-row-end">
        <span className="muted">{plural(dancers, 'person', 'people')}</span>
        {editor && !staff ? (
          <button
            type="button"
            className="button button-danger"
            disabled={inUse}
            title={inUse ? 'Move its people and entries to another studio first' : undefined}
            aria-label={`Remove ${studio.name}`}
            onClick={() => void editor.remove('studios', studio.id)}
          >
            Remove
          </button>
        ) : null}
      </div>
    </li>
  );
}

/** `/e/<id>/organizer/studios`: the event's studios — names and preferred ballrooms — offline too. */
export function StudiosPage() {
  const program = useProgram();
  const editor = useSetupEditor();
  if (!program) return <Loading />;
  const people = new Map<string, number>();
  for (const person of program.people.values()) people.set(person.studioId, (people.get(person.studioId) ?? 0) + 1);
  const invoiced = new Set<string>();
  for (const entry of program.entries.values()) if (entry.studioId) invoiced.add(entry.studioId);
  const studios = [...program.studios.values()].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <main className="screen">
      <SetupHeader title="Studios" />
      {editor ? <AddStudio program={program} editor={editor} /> : null}
      <h2>{plural(studios.length, 'studio')}</h2>
      <p className="muted">
        A studio with people or entries cannot be removed. Event Staff holds the judges and officials.
      </p>
      <ul className="list">
        {studios.map((studio) => (
          <StudioRow
            key={studio.id}
            studio={studio}
            program={program}
            editor={editor}
            dancers={people.get(studio.id) ?? 0}
            invoiced={invoiced.has(studio.id)}
          />
        ))}
      </ul>
    </main>
  );
}
