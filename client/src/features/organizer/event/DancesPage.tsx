import { type Dance, newId, type Program, plural } from '@ondeck/shared';
import { type FormEvent, useState } from 'react';
import { Field } from '../../../components/Field.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { Notice } from '../../../components/Notice.tsx';
import { useProgram } from '../../../sync/hooks.ts';
import { CommitField, wholeNumberProblem } from './CommitField.tsx';
import { SetupHeader } from './SetupHeader.tsx';
import './setup.css';
import { useSetupEditor } from './mutations.ts';
import { nameTaken, nextOrder, swapped } from './ordering.ts';

type Editor = NonNullable<ReturnType<typeof useSetupEditor>>;
type CategoryField = Extract<keyof Dance, `${string}CategoryId`>;

/** A dance's agenda item for each kind of heat (DOMAIN.md §2 dances), the pro heats' apart. */
const CATEGORY_FIELDS: ReadonlyArray<readonly [CategoryField, string]> = [
  ['openCategoryId', 'Open heats'],
  ['closedCategoryId', 'Closed heats'],
  ['soloCategoryId', 'Solos'],
  ['multiCategoryId', 'Multi-dance heats'],
  ['proOpenCategoryId', 'Pro open heats'],
  ['proClosedCategoryId', 'Pro closed heats'],
  ['proSoloCategoryId', 'Pro solos'],
  ['proMultiCategoryId', 'Pro multi-dance heats'],
];

function danceNameProblem(dances: Dance[], name: string, exceptId?: string): string | null {
  if (name.length === 0 || name.length > 100) return 'A dance name is 1–100 characters.';
  if (nameTaken(dances, name, exceptId)) return `There is a dance called “${name}” already.`;
  return null;
}

/** A record without one optional key: how a cleared choice is stored (the key absent, not empty). */
function without<T extends object, K extends keyof T>(record: T, key: K): Omit<T, K> {
  const { [key]: _, ...rest } = record;
  return rest;
}

function AddDance({ dances, editor }: { dances: Dance[]; editor: Editor }) {
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    const wrong = danceNameProblem(dances, trimmed);
    setProblem(wrong);
    if (wrong) return;
    void editor.put('dances', { id: newId(), name: trimmed, order: nextOrder(dances) }).then(() => setName(''));
  };
  return (
    <form className="card stack" onSubmit={submit} aria-label="Add a dance">
      <Field label="New dance">
        {(control) => <input {...control} value={name} onChange={(event) => setName(event.target.value)} required />}
      </Field>
      {problem ? <Notice tone="error">{problem}</Notice> : null}
      <button type="submit" className="button">
        Add dance
      </button>
    </form>
  );
}

function DanceRow({
  dance,
  index,
  dances,
  program,
  editor,
  heats,
}: {
  dance: Dance;
  index: number;
  dances: Dance[];
  program: Program;
  editor: Editor | null;
  heats: number;
}) {
  const categories = [...program.categories.values()].sort((a, b) => a.order - b.order);
  const multi = dance.heatLength !== undefined || [...program.multis.values()].some((m) => m.parentId === dance.id);
  const agenda = CATEGORY_FIELDS.flatMap(([field, kind]) => {
    const category = dance[field] ? program.categories.get(dance[field]) : undefined;
    return category ? [`${kind}: ${category.name}`] : [];
  });
  return (
    <li className="card" data-testid="dance" data-record-id={dance.id}>
      <details>
        <summary className="setup-summary">
          <strong>{dance.name}</strong>
          <span className="muted">
            {plural(heats, 'heat')}
            {agenda.length > 0 ? ` · ${agenda.slice(0, 2).join(' · ')}` : ' · not on the agenda'}
          </span>
        </summary>
        <div className="setup-panel">
          <CommitField
            label="Dance name"
            value={dance.name}
            disabled={!editor}
            commit={(text) => {
              const wrong = danceNameProblem(dances, text, dance.id);
              if (!wrong) void editor?.put('dances', { ...dance, name: text });
              return wrong;
            }}
          />
          {CATEGORY_FIELDS.map(([field, kind]) => (
            <Field key={field} label={`Agenda item for ${kind.toLowerCase()}`}>
              {(control) => (
                <select
                  {...control}
                  value={dance[field] ?? ''}
                  disabled={!editor}
                  onChange={(event) =>
                    void editor?.put(
                      'dances',
                      event.target.value ? { ...dance, [field]: event.target.value } : without(dance, field),
                    )
                  }
                >
                  <option value="">None</option>
                  {categories.map((category) => (
                    <option key={category.id} value={category.id}>
                      {category.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ))}
          {multi ? (
            <>
              <CommitField
                label="Dances in this multi-dance"
                numeric
                value={String(dance.heatLength ?? '')}
                disabled={!editor}
                commit={(text) => {
                  const wrong = wholeNumberProblem(text, 1, 10, 'dances');
                  if (!wrong) void editor?.put('dances', { ...dance, heatLength: Number(text) });
                  return wrong;
                }}
              />
              <label className="check">
                <input
                  type="checkbox"
                  checked={dance.semiFinals ?? false}
                  disabled={!editor}
                  onChange={(event) => void editor?.put('dances', { ...dance, semiFinals: event.target.checked })}
                />
                <span>Scrutineered (Skating System, semi-final above 8 couples)</span>
              </label>
            </>
          ) : null}
          {editor ? (
            <div className="actions">
              <button
                type="button"
                className="button button-secondary"
                disabled={index === 0}
                onClick={() => void editor.putMany('dances', swapped(dances, index, -1))}
              >
                Move up
              </button>
              <button
                type="button"
                className="button button-secondary"
                disabled={index === dances.length - 1}
                onClick={() => void editor.putMany('dances', swapped(dances, index, 1))}
              >
                Move down
              </button>
              <button
                type="button"
                className="button button-danger"
                disabled={heats > 0}
                aria-label={`Remove ${dance.name}`}
                onClick={() => void editor.remove('dances', dance.id)}
              >
                Remove
              </button>
              {heats > 0 ? <span className="muted">Danced in {plural(heats, 'heat')}: it stays.</span> : null}
            </div>
          ) : null}
        </div>
      </details>
    </li>
  );
}

/** `/e/<id>/organizer/dances`: the dances, their agenda items and order — offline too. */
export function DancesPage() {
  const program = useProgram();
  const editor = useSetupEditor();
  if (!program) return <Loading />;
  // Split copies (negative order) belong to their multi-dance's competition splits: not listed here.
  const dances = [...program.dances.values()].filter((dance) => dance.order >= 0).sort((a, b) => a.order - b.order);
  const heats = new Map<string, number>();
  for (const heat of program.heats.values()) heats.set(heat.danceId, (heats.get(heat.danceId) ?? 0) + 1);
  return (
    <main className="screen">
      <SetupHeader title="Dances" />
      {editor ? <AddDance dances={dances} editor={editor} /> : null}
      <h2>{plural(dances.length, 'dance')}</h2>
      <p className="muted">
        Each dance’s heats are listed under the agenda item chosen for their kind. A dance with heats cannot be removed.
      </p>
      <ul className="list">
        {dances.map((dance, index) => (
          <DanceRow
            key={dance.id}
            dance={dance}
            index={index}
            dances={dances}
            program={program}
            editor={editor}
            heats={heats.get(dance.id) ?? 0}
          />
        ))}
      </ul>
    </main>
  );
}
