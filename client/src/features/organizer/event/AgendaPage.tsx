import { type CatExtension, type Category, newId, type Program, plural, type ScaleCode } from '@ondeck/shared';
import { type FormEvent, useState } from 'react';
import { Field } from '../../../components/Field.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { Notice } from '../../../components/Notice.tsx';
import { useProgram } from '../../../sync/hooks.ts';
import { CommitField } from './CommitField.tsx';
import { SetupHeader } from './SetupHeader.tsx';
import './setup.css';
import { useSetupEditor } from './mutations.ts';
import { nameTaken, nextOrder, swapped } from './ordering.ts';

type Editor = NonNullable<ReturnType<typeof useSetupEditor>>;

const SCALE_OVERRIDES: ReadonlyArray<readonly [ScaleCode | '', string]> = [
  ['', 'As the event’s settings'],
  ['1', '1 / 2 / 3 / F'],
  ['G', 'GH / G / S / B'],
  ['#', 'A number'],
  ['+', 'Feedback only'],
  ['&', 'Overall 1–5 and feedback'],
  ['@', 'Overall medal grade and feedback'],
  ['0', 'Not scored'],
];

function agendaNameProblem(categories: Category[], name: string, exceptId?: string): string | null {
  if (name.length === 0 || name.length > 100) return 'An agenda item’s name is 1–100 characters.';
  if (nameTaken(categories, name, exceptId)) return `There is an agenda item called “${name}” already.`;
  return null;
}

const freeTextProblem = (what: string) => (text: string) =>
  text.length > 40 ? `${what} is at most 40 characters.` : null;

/** A text field of a record that may be empty: empty stores the record without it. */
function optionalText<T extends object, K extends keyof T>(record: T, key: K, text: string): T {
  const { [key]: _, ...rest } = record;
  return (text ? { ...rest, [key]: text } : rest) as T;
}

function AddCategory({ categories, editor }: { categories: Category[]; editor: Editor }) {
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    const wrong = agendaNameProblem(categories, trimmed);
    setProblem(wrong);
    if (wrong) return;
    void editor.put('categories', { id: newId(), name: trimmed, order: nextOrder(categories) }).then(() => setName(''));
  };
  return (
    <form className="card stack" onSubmit={submit} aria-label="Add an agenda item">
      <Field label="New agenda item" hint="e.g. Newcomer Smooth, or Solos">
        {(control) => <input {...control} value={name} onChange={(event) => setName(event.target.value)} required />}
      </Field>
      {problem ? <Notice tone="error">{problem}</Notice> : null}
      <button type="submit" className="button">
        Add agenda item
      </button>
    </form>
  );
}

function PartRow({ part, editor }: { part: CatExtension; editor: Editor | null }) {
  return (
    <li className="setup-part" data-testid="agenda-part">
      <strong>Part {part.part}</strong>
      <CommitField
        label="Starts at heat"
        numeric
        value={String(part.startHeat)}
        disabled={!editor}
        commit={(text) => {
          const value = Number(text);
          if (!/^\d+(\.\d+)?$/.test(text) || value < 1) return 'A heat number, 1 or more.';
          void editor?.put('catExtensions', { ...part, startHeat: value });
          return null;
        }}
      />
      <CommitField
        label="Day"
        value={part.day ?? ''}
        disabled={!editor}
        commit={(text) => {
          const wrong = freeTextProblem('A day')(text);
          if (!wrong) void editor?.put('catExtensions', optionalText(part, 'day', text));
          return wrong;
        }}
      />
      <CommitField
        label="Time"
        value={part.time ?? ''}
        disabled={!editor}
        commit={(text) => {
          const wrong = freeTextProblem('A time')(text);
          if (!wrong) void editor?.put('catExtensions', optionalText(part, 'time', text));
          return wrong;
        }}
      />
      {editor ? (
        <button
          type="button"
          className="button button-danger"
          aria-label={`Remove part ${part.part}`}
          onClick={() => void editor.remove('catExtensions', part.id)}
        >
          Remove part
        </button>
      ) : null}
    </li>
  );
}

function CategoryRow({
  category,
  index,
  categories,
  program,
  editor,
}: {
  category: Category;
  index: number;
  categories: Category[];
  program: Program;
  editor: Editor | null;
}) {
  const parts = [...program.catExtensions.values()]
    .filter((part) => part.categoryId === category.id)
    .sort((a, b) => a.part - b.part);
  const dances = [...program.dances.values()].filter((dance) =>
    Object.entries(dance).some(([key, value]) => key.endsWith('CategoryId') && value === category.id),
  );
  const when = [category.day, category.time].filter(Boolean).join(' ');
  const addPart = () => {
    const last = parts.at(-1);
    void editor?.put('catExtensions', {
      id: newId(),
      categoryId: category.id,
      part: (last?.part ?? 1) + 1,
      order: nextOrder(program.catExtensions.values()),
      startHeat: Math.floor(last?.startHeat ?? 1) + 1,
    });
  };
  return (
    <li className="card" data-testid="agenda-item" data-record-id={category.id}>
      <details>
        <summary className="setup-summary">
          <strong>
            {index + 1}. {category.name}
          </strong>
          <span className="muted">
            {[when, plural(dances.length, 'dance'), parts.length > 0 ? plural(parts.length + 1, 'part') : '']
              .filter(Boolean)
              .join(' · ')}
          </span>
        </summary>
        <div className="setup-panel">
          <CommitField
            label="Name"
            value={category.name}
            disabled={!editor}
            commit={(text) => {
              const wrong = agendaNameProblem(categories, text, category.id);
              if (!wrong) void editor?.put('categories', { ...category, name: text });
              return wrong;
            }}
          />
          <CommitField
            label="Day"
            hint="Free text, e.g. Saturday"
            value={category.day ?? ''}
            disabled={!editor}
            commit={(text) => {
              const wrong = freeTextProblem('A day')(text);
              if (!wrong) void editor?.put('categories', optionalText(category, 'day', text));
              return wrong;
            }}
          />
          <CommitField
            label="Time"
            hint="Free text, e.g. 9:00 AM"
            value={category.time ?? ''}
            disabled={!editor}
            commit={(text) => {
              const wrong = freeTextProblem('A time')(text);
              if (!wrong) void editor?.put('categories', optionalText(category, 'time', text));
              return wrong;
            }}
          />
          <Field label="Scale for its heats">
            {(control) => (
              <select
                {...control}
                value={category.scoring ?? ''}
                disabled={!editor}
                onChange={(event) =>
                  void editor?.put('categories', optionalText(category, 'scoring', event.target.value))
                }
              >
                {SCALE_OVERRIDES.map(([code, text]) => (
                  <option key={code} value={code}>
                    {text}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <h3>Parts</h3>
          <p className="muted">
            A long agenda item continues in parts, each from a heat number on, with its own day and time.
          </p>
          {parts.length > 0 ? (
            <ul className="list">
              {parts.map((part) => (
                <PartRow key={part.id} part={part} editor={editor} />
              ))}
            </ul>
          ) : null}
          {editor ? (
            <div className="actions">
              <button type="button" className="button button-secondary" onClick={addPart}>
                Add a part
              </button>
              <button
                type="button"
                className="button button-secondary"
                disabled={index === 0}
                onClick={() => void editor.putMany('categories', swapped(categories, index, -1))}
              >
                Move up
              </button>
              <button
                type="button"
                className="button button-secondary"
                disabled={index === categories.length - 1}
                onClick={() => void editor.putMany('categories', swapped(categories, index, 1))}
              >
                Move down
              </button>
              <button
                type="button"
                className="button button-danger"
                disabled={dances.length > 0}
                aria-label={`Remove ${category.name}`}
                onClick={() =>
                  void editor.removeCategory(
                    category.id,
                    parts.map((part) => part.id),
                  )
                }
              >
                Remove
              </button>
              {dances.length > 0 ? (
                <span className="muted">
                  {dances.map((dance) => dance.name).join(', ')} {dances.length === 1 ? 'is' : 'are'} danced under it:
                  choose another agenda item for {dances.length === 1 ? 'it' : 'them'} on Dances first.
                </span>
              ) : null}
            </div>
          ) : null}
        </div>
      </details>
    </li>
  );
}

/** `/e/<id>/organizer/agenda`: the agenda items in order, with day, time, scale and parts — offline too. */
export function AgendaPage() {
  const program = useProgram();
  const editor = useSetupEditor();
  if (!program) return <Loading />;
  const categories = [...program.categories.values()].sort((a, b) => a.order - b.order);
  return (
    <main className="screen">
      <SetupHeader title="Agenda" />
      {editor ? <AddCategory categories={categories} editor={editor} /> : null}
      <h2>{plural(categories.length, 'agenda item')}</h2>
      <p className="muted">The heat list shows each heat under its agenda item, with the day and time given here.</p>
      <ol className="list">
        {categories.map((category, index) => (
          <CategoryRow
            key={category.id}
            category={category}
            index={index}
            categories={categories}
            program={program}
            editor={editor}
          />
        ))}
      </ol>
    </main>
  );
}
