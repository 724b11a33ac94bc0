import {
  displayName,
  hasContent,
  heatCouples,
  heatScoreKey,
  markSlot,
  markText,
  type Person,
  type Program,
  type ScoredHeat,
  skatingSlot,
} from '@ondeck/shared';
import { type ReactNode, useMemo } from 'react';
import { useSearchParams } from 'wouter';
import { Loading } from '../../../components/Loading.tsx';
import { type JudgeScores, useProgram, useScores } from '../../../sync/hooks.ts';
import { judgeSchedule } from '../../judge/schedule.ts';
import './marks.css';

type AllScores = ReadonlyArray<JudgeScores | undefined>;

/** Every judge's scores document, read through one `useScores` per judge (a component per judge keeps the hooks fixed). */
function WithScores({
  judgeIds,
  collected,
  children,
}: {
  judgeIds: readonly string[];
  collected: AllScores;
  children: (all: AllScores) => ReactNode;
}) {
  const [first, ...rest] = judgeIds;
  if (first === undefined) return <>{children(collected)}</>;
  return (
    <OneJudge judgeId={first} rest={rest} collected={collected}>
      {children}
    </OneJudge>
  );
}

function OneJudge({
  judgeId,
  rest,
  collected,
  children,
}: {
  judgeId: string;
  rest: readonly string[];
  collected: AllScores;
  children: (all: AllScores) => ReactNode;
}) {
  const scores = useScores(judgeId);
  return (
    <WithScores judgeIds={rest} collected={[...collected, scores]}>
      {children}
    </WithScores>
  );
}

function pageName(heat: ScoredHeat, slot: number): string {
  if (heat.scale !== 'skating') return `Dance ${slot}: ${heat.view.slots?.[slot - 1] ?? ''}`;
  const { round, dance } = skatingSlot(heat.dances, heat.semiFinal, slot);
  return `${round === 'semi' ? 'Semi-final' : 'Final'} ${dance}: ${heat.view.slots?.[dance - 1] ?? ''}`;
}

function MarksTable({
  program,
  heat,
  slot,
  judges,
  all,
}: {
  program: Program;
  heat: ScoredHeat;
  slot: number;
  judges: Person[];
  all: AllScores;
}) {
  const rows = useMemo(() => heatCouples(program, heat.view, { sort: 'back', show: 'mixed' }), [program, heat]);
  const round = heat.scale === 'skating' ? skatingSlot(heat.dances, heat.semiFinal, slot).round : undefined;
  const stored = markSlot(heat, slot);
  const onFloor = rows.filter((row) => !row.entry.scratched);
  return (
    <table className="jm-table" aria-label={`Marks for heat ${heat.view.label}`}>
      <thead>
        <tr>
          <th scope="col">Back</th>
          <th scope="col">Couple</th>
          {judges.map((judge, i) => {
            const marks = all[i]?.marks;
            const count = marks
              ? onFloor.filter((row) => hasContent(marks.get(heatScoreKey(row.entry.heat.id, stored)))).length
              : 0;
            return (
              <th scope="col" key={judge.id}>
                <span className="jm-judge">{displayName(judge.name)}</span>
                <span className="jm-count" data-testid={`count-${judge.id}`}>
                  {marks ? `${count} of ${onFloor.length}` : 'loading…'}
                </span>
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {rows.map(({ entry, breakBefore }) => (
          <tr
            key={entry.heat.id}
            className={[entry.scratched ? 'jm-scratched' : '', breakBefore ? `jm-break-${breakBefore}` : '']
              .filter(Boolean)
              .join(' ')}
          >
            <th scope="row" className="jm-back">
              {entry.couple.back ?? '–'}
            </th>
            <td>
              <span className="jm-names">{entry.couple.names}</span>
              <span className="jm-meta">
                {entry.couple.category}
                {entry.couple.studio ? ` · ${entry.couple.studio}` : ''}
                {entry.ballroom ? ` · Ballroom ${entry.ballroom}` : ''}
                {entry.scratched ? ' · scratched' : ''}
              </span>
            </td>
            {judges.map((judge, i) => {
              const mark = all[i]?.marks.get(heatScoreKey(entry.heat.id, stored));
              return (
                <td key={judge.id} className="jm-mark" data-testid={`mark-${judge.id}`}>
                  <span className="jm-value">{markText(heat.scale, mark, program.settings, round)}</span>
                  {mark?.comments ? <span className="jm-comment">“{mark.comments}”</span> : null}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Loaded({ program }: { program: Program }) {
  const schedule = judgeSchedule(program);
  const [params, setParams] = useSearchParams();
  const judges = useMemo(
    () => [...program.people.values()].filter((p) => p.type === 'Judge').sort((a, b) => a.id.localeCompare(b.id)),
    [program],
  );
  const index = Math.max(
    0,
    schedule.heats.findIndex((h) => h.view.label === params.get('heat')),
  );
  const heat = schedule.heats[index];
  if (!heat) return <p className="muted">No heats are scheduled yet.</p>;
  const slot = heat.slots > 0 ? Math.min(Math.max(1, Number(params.get('slot')) || 1), heat.slots) : 1;
  const show = (next: ScoredHeat | undefined, page = 1) => {
    if (next)
      setParams({ heat: next.view.label, ...(next.slots > 0 ? { slot: String(page) } : {}) }, { replace: true });
  };
  return (
    <>
      <div className="jm-picker">
        <button
          type="button"
          className="button button-secondary"
          disabled={index === 0}
          onClick={() => show(schedule.heats[index - 1])}
        >
          « Previous heat
        </button>
        <label className="jm-select">
          <span>Heat</span>
          <select
            value={heat.view.label}
            onChange={(event) => show(schedule.byLabel.get(event.target.value))}
            aria-label="Heat"
          >
            {schedule.heats.map((h) => (
              <option key={h.view.label} value={h.view.label}>
                {h.view.label} · {h.view.dance}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button button-secondary"
          disabled={index >= schedule.heats.length - 1}
          onClick={() => show(schedule.heats[index + 1])}
        >
          Next heat »
        </button>
      </div>
      <h2>
        Heat {heat.view.label}: {heat.view.dance}
      </h2>
      <p className="muted">
        {heat.view.heading?.name} · {heat.view.onFloor} on the floor
      </p>
      {heat.slots > 0 ? (
        <fieldset className="jm-pages" aria-label="Dances of this heat">
          {Array.from({ length: heat.slots }, (_, i) => i + 1).map((page) => (
            <button
              key={page}
              type="button"
              className="button button-secondary"
              aria-pressed={page === slot}
              onClick={() => show(heat, page)}
            >
              {pageName(heat, page)}
            </button>
          ))}
        </fieldset>
      ) : null}
      {judges.length === 0 ? (
        <p className="muted">No judges in this event yet.</p>
      ) : (
        <WithScores judgeIds={judges.map((j) => j.id)} collected={[]}>
          {(all) => (
            <>
              <MarksTable program={program} heat={heat} slot={slot} judges={judges} all={all} />
              <p className="muted" data-testid="mark-totals">
                {judges
                  .map((judge, i) => `${displayName(judge.name)}: ${all[i]?.marks.size ?? '…'} marks in all`)
                  .join(' · ')}
              </p>
            </>
          )}
        </WithScores>
      )}
    </>
  );
}

/** `/e/<id>/organizer/marks`: every judge's marks for a heat, read-only, updated as they come in. */
export function MarksPage() {
  const program = useProgram();
  return (
    <main className="screen jm">
      <h1>Marks</h1>
      <p className="lead">Every judge’s marks, heat by heat, as they arrive. Read-only.</p>
      {program ? <Loaded program={program} /> : <Loading />}
    </main>
  );
}
