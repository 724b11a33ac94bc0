import { displayName, type ResultsEngine } from '@ondeck/shared';
import { useMemo } from 'react';
import { useSearchParams } from 'wouter';
import { Field } from '../../components/Field.tsx';

/** A student's score sheet (DOMAIN.md §8), chosen from the students who danced, printable. */
export function ScoreSheets({ engine }: { engine: ResultsEngine }) {
  const [params, setParams] = useSearchParams();
  const { program } = engine;
  const students = useMemo(
    () =>
      [...program.people.values()]
        .filter((p) => p.type === 'Student' && engine.index.heatsOf(p.id).length > 0)
        .map((p) => ({ id: p.id, name: displayName(p.name), studio: program.studios.get(p.studioId)?.name ?? '' }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    [engine, program],
  );
  const personId = params.get('person') ?? '';
  const sheet = personId ? engine.scoreSheet(personId) : null;
  return (
    <section className="rs-view" aria-labelledby="rs-title">
      <header className="rs-head rs-tools">
        <div>
          <h2 id="rs-title">Score sheets</h2>
          <p className="muted rs-intro">
            Each judge's mark for every heat a student danced, category scores and comments.
          </p>
        </div>
        <div className="actions">
          <Field label="Student">
            {(control) => (
              <select
                {...control}
                value={personId}
                onChange={(event) =>
                  setParams(event.target.value ? { view: 'sheets', person: event.target.value } : { view: 'sheets' })
                }
              >
                <option value="">Choose a student…</option>
                {students.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                    {s.studio ? ` (${s.studio})` : ''}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {sheet ? (
            <button type="button" className="button button-secondary" onClick={() => window.print()}>
              Print
            </button>
          ) : null}
        </div>
      </header>
      {sheet ? (
        <article className="rs-sheet-page" aria-label={`Score sheet of ${sheet.name}`}>
          <h3>
            {sheet.name}
            {sheet.back !== undefined ? ` · ${sheet.back}` : ''}
          </h3>
          <p className="muted">
            {[sheet.studio, program.settings.name, program.settings.date].filter(Boolean).join(' · ')}
          </p>
          <table className="rs-table" data-testid="score-sheet">
            <thead>
              <tr>
                <th scope="col">Heat</th>
                <th scope="col">Dance</th>
                <th scope="col">With</th>
                <th scope="col">Category</th>
                {sheet.judges.map((j) => (
                  <th key={j.id} scope="col">
                    {j.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {sheet.lines.map((line) => (
                <tr key={`${line.heatId}-${line.dance}`}>
                  <td>{line.label}</td>
                  <td>{line.dance}</td>
                  <td>{line.partner}</td>
                  <td>{line.category}</td>
                  {line.marks.map((mark, j) => (
                    <td key={sheet.judges[j]?.id ?? j}>{mark}</td>
                  ))}
                </tr>
              ))}
              {sheet.categories.map((category) => (
                <tr key={category.name} className="rs-category">
                  <td />
                  <td colSpan={3}>Category score: {category.name}</td>
                  {category.marks.map((mark, j) => (
                    <td key={sheet.judges[j]?.id ?? j}>{mark}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {sheet.comments.length > 0 ? (
            <>
              <h4>Comments</h4>
              <ul className="rs-comments">
                {sheet.comments.map((c) => (
                  <li key={`${c.label}-${c.dance}-${c.judge}`}>
                    <strong>
                      Heat {c.label}, {c.dance}
                    </strong>{' '}
                    — {c.judge}: “{c.text}”
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </article>
      ) : (
        <p className="muted">Choose a student to see their sheet.</p>
      )}
    </section>
  );
}
