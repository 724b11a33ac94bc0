import { heatSheet, type Program, type SheetRow } from '@ondeck/shared';
import { Fragment, type ReactNode, useMemo } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { Loading } from '../../components/Loading.tsx';
import { useProgram } from '../../sync/hooks.ts';
import { describeMine, MineChooser } from './MineChooser.tsx';
import type { Mine } from './mine.ts';
import { type Schedule, scheduleOf } from './schedule.ts';
import './sheet.css';

function mineFromSearch(search: string): Mine | null {
  const params = new URLSearchParams(search);
  const person = params.get('person');
  const studio = params.get('studio');
  if (person) return { kind: 'person', id: person };
  return studio ? { kind: 'studio', id: studio } : null;
}

/**
 * `/e/<id>/sheets?person=<id>` or `?studio=<id>`: a printable heat sheet (DOMAIN.md §7). The
 * print stylesheet leaves only the sheet; the browser's print dialog saves it as a PDF.
 */
export default function HeatSheetPage() {
  const program = useProgram();
  const search = useSearch();
  const [, navigate] = useLocation();
  const mine = mineFromSearch(search);
  if (!program) return <Loading />;
  const schedule = scheduleOf(program);
  return (
    <main className="screen sheet-screen">
      <div className="sheet-tools">
        <p>
          <Link href="/heats">← Heats</Link>
        </p>
        <MineChooser
          program={program}
          schedule={schedule}
          mine={mine}
          label="Heat sheet for"
          onChange={(next) => navigate(next ? `/sheets?${next.kind}=${encodeURIComponent(next.id)}` : '/sheets')}
        />
        {mine ? (
          <button type="button" className="button" onClick={() => window.print()}>
            Print or save as PDF
          </button>
        ) : null}
      </div>
      {mine ? (
        <Sheet program={program} schedule={schedule} mine={mine} />
      ) : (
        <>
          <h1>Heat sheets</h1>
          <p className="muted">Choose a dancer or a studio to print their heats.</p>
        </>
      )}
    </main>
  );
}

function Sheet({ program, schedule, mine }: { program: Program; schedule: Schedule; mine: Mine }) {
  const sheet = useMemo(
    () =>
      heatSheet(schedule.views, mine.kind === 'person' ? { personId: mine.id } : { studioId: mine.id }, schedule.times),
    [schedule, mine.kind, mine.id],
  );
  const { settings } = program;
  const hasTimes = sheet.rows.some((row) => row.time);
  const hasRooms = sheet.rows.some((row) => row.ballroom);
  const columns = 5 + (hasTimes ? 1 : 0);
  let day: string | undefined;
  return (
    <article className="sheet" aria-label="Heat sheet">
      <header className="sheet-head">
        <h1>{describeMine(program, schedule, mine)}</h1>
        <p>
          {[settings.name, settings.date, settings.location].filter(Boolean).join(' · ')}
          <br />
          {mine.kind === 'person' ? 'Heat sheet' : 'Studio heat sheet'} · <strong>{sheet.totals}</strong>
        </p>
      </header>
      {sheet.rows.length === 0 ? (
        <p>No heats.</p>
      ) : (
        <table className="sheet-table">
          <thead>
            <tr>
              {hasTimes ? <th scope="col">Time</th> : null}
              <th scope="col">Heat</th>
              <th scope="col">{mine.kind === 'person' ? 'With' : 'Couple'}</th>
              <th scope="col">Dance</th>
              <th scope="col" className="sheet-type">
                Type
              </th>
              <th scope="col">Category</th>
            </tr>
          </thead>
          <tbody>
            {sheet.rows.map((row) => {
              const newDay = row.day !== day ? row.day : undefined;
              day = row.day;
              return (
                <Fragment key={row.key}>
                  {newDay ? (
                    <tr className="sheet-day">
                      <th colSpan={columns} scope="colgroup">
                        {newDay}
                      </th>
                    </tr>
                  ) : null}
                  <SheetLine row={row} hasTimes={hasTimes} hasRooms={hasRooms} />
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
    </article>
  );
}

function SheetLine({ row, hasTimes, hasRooms }: { row: SheetRow; hasTimes: boolean; hasRooms: boolean }) {
  const cells: Array<{ key: string; text: ReactNode }> = [
    ...(hasTimes ? [{ key: 'time', text: row.time ?? '' }] : []),
    { key: 'heat', text: `${row.label}${hasRooms && row.ballroom ? ` ${row.ballroom}` : ''}` },
    { key: 'dancers', text: row.dancers },
    // On a phone the Type column gives way: its word goes before the dance ("Solo Waltz") unless
    // the dance says it already ("Closed Waltz").
    {
      key: 'dance',
      text: row.dance.startsWith(row.kind) ? (
        row.dance
      ) : (
        <>
          <span className="sheet-kind">{row.kind} </span>
          {row.dance}
        </>
      ),
    },
    { key: 'type', text: row.kind },
    { key: 'category', text: row.category },
  ];
  return (
    <tr className={row.scratched ? 'sheet-scratched' : undefined}>
      {cells.map(({ key, text }) => (
        <td key={key} className={`sheet-${key}`}>
          {row.scratched ? <s>{text}</s> : text}
        </td>
      ))}
    </tr>
  );
}
