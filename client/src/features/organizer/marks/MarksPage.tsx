import {
  type Correction,
  displayName,
  hasContent,
  heatCouples,
  heatScoreKey,
  markSlot,
  markText,
  type Person,
  type Program,
  type Score,
  type ScoredHeat,
  scaleOptions,
  skatingSlot,
  standingCorrection,
} from '@ondeck/shared';
import { type FormEvent, type ReactNode, useMemo, useState } from 'react';
import { useSearchParams } from 'wouter';
import { Loading } from '../../../components/Loading.tsx';
import { formatTime } from '../../../lib/format.ts';
import { useMarkCorrector } from '../../../sync/dayOf.ts';
import { type JudgeScores, useJudgesScores, useProgram, useScores } from '../../../sync/hooks.ts';
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

/** One judge's mark of one couple: shown, and correctable by the organiser (issue 15 point 5). */
function MarkCell({
  program,
  heat,
  judge,
  back,
  heatId,
  slot,
  mark,
  round,
  corrections,
}: {
  program: Program;
  heat: ScoredHeat;
  judge: Person;
  back: string;
  heatId: string;
  slot: number | undefined;
  mark: Score | undefined;
  round: 'semi' | 'final' | undefined;
  corrections: readonly Correction[] | undefined;
}) {
  const correct = useMarkCorrector();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState(mark?.value ?? '');
  const describe = (m: Score | undefined) => markText(heat.scale, m, program.settings, round);
  const shown = describe(mark);
  const correction = standingCorrection(corrections, heatScoreKey(heatId, slot), shown);
  const judgeName = displayName(judge.name);
  const choices = heat.scale === '1' || heat.scale === 'G' ? scaleOptions(heat.scale, program.settings) : null;
  const save = (next: string | null) => {
    if (!correct) return;
    void correct({ judgeId: judge.id, heatId, slot, value: next, describe }).then(() => setOpen(false));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save(value.trim() === '' ? null : value.trim());
  };
  return (
    <td className="jm-mark" data-testid={`mark-${judge.id}`}>
      <span className="jm-value">{shown}</span>
      {mark?.comments ? <span className="jm-comment">“{mark.comments}”</span> : null}
      {correction ? (
        <span className="jm-corrected" data-testid="correction">
          Corrected {formatTime(correction.at)}, was {correction.was || 'no mark'}
        </span>
      ) : null}
      {correct && heat.scale !== 'skating' ? (
        open ? (
          <form className="jm-correct" onSubmit={submit} aria-label={`Correct ${judgeName}’s mark for couple ${back}`}>
            {choices ? (
              <select
                aria-label={`New mark from ${judgeName} for couple ${back}`}
                value={value}
                onChange={(event) => setValue(event.target.value)}
              >
                <option value="">No mark</option>
                {choices.map((choice) => (
                  <option key={choice.value} value={choice.value}>
                    {choice.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                aria-label={`New mark from ${judgeName} for couple ${back}`}
                value={value}
                onChange={(event) => setValue(event.target.value)}
              />
            )}
            <button type="submit" className="button">
              Save correction
            </button>
            {mark ? (
              <button type="button" className="button button-danger" onClick={() => save(null)}>
                Clear mark
              </button>
            ) : null}
            <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </form>
        ) : (
          <button
            type="button"
            className="button button-secondary jm-correct-open"
            aria-label={`Correct ${judgeName}’s mark for couple ${back}`}
            onClick={() => {
              setValue(mark?.value ?? '');
              setOpen(true);
            }}
          >
            Correct
          </button>
        )
      ) : null}
    </td>
  );
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
  const docs = useJudgesScores(useMemo(() => judges.map((j) => j.id), [judges]));
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
            {judges.map((judge, i) => (
              <MarkCell
                key={judge.id}
                program={program}
                heat={heat}
                judge={judge}
                back={String(entry.couple.back ?? '–')}
                heatId={entry.heat.id}
                slot={stored}
                mark={all[i]?.marks.get(heatScoreKey(entry.heat.id, stored))}
                round={round}
                corrections={docs.get(judge.id)?.corrections}
              />
            ))}
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
      <p className="lead">
        Every judge’s marks, heat by heat, as they arrive. A correction is kept as one, and the judge’s tablet shows it.
      </p>
      {program ? <Loaded program={program} /> : <Loading />}
    </main>
  );
}
