import {
  displayName,
  type HeatState,
  heatState,
  MAIN_FLOOR,
  type Program,
  plural,
  reviewsSolo,
  type ScoredHeat,
} from '@ondeck/shared';
import { type FormEvent, memo, startTransition, useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'wouter';
import { Loading } from '../../components/Loading.tsx';
import { Notice } from '../../components/Notice.tsx';
import { type JudgeScores, useLive, useProgram, useScores } from '../../sync/hooks.ts';
import { useJudgeChoicesEditor } from '../../sync/mutations.ts';
import {
  firstStop,
  type JudgeSchedule,
  type JudgeView,
  judgeSchedule,
  judgeView,
  type Layout,
  layoutOf,
  stopPath,
} from './schedule.ts';

const STATE_LABELS: Record<HeatState, string> = {
  scored: 'Done',
  partly: 'Partly done',
  todo: 'To do',
  unassigned: 'Nobody assigned',
};

/** Rows in the first paint; the rest follow without blocking it (a large event has ~450). */
const FIRST_ROWS = 40;

interface Row {
  heat: ScoredHeat;
  state: HeatState;
  /** The agenda heading starts here. */
  heading?: string;
}

function listRows(schedule: JudgeSchedule, scores: JudgeScores, judgeId: string, view: JudgeView): Row[] {
  const rows: Row[] = [];
  let heading: string | undefined;
  for (const heat of schedule.heats) {
    if (heat.view.kind === 'Solo' && !reviewsSolo(view.reviewSolos, heat.view.number)) continue;
    const row: Row = { heat, state: heatState(heat, scores.marks, judgeId, schedule.assignments) };
    const key = heat.view.heading?.key;
    if (key !== heading) {
      heading = key;
      const h = heat.view.heading;
      row.heading = h ? [h.name, h.day, h.time].filter(Boolean).join(' · ') : 'Not on the agenda';
    }
    rows.push(row);
  }
  return rows;
}

const HeatRow = memo(function HeatRow({ row, layout, current }: { row: Row; layout: Layout; current: boolean }) {
  const { heat, state } = row;
  const couples = heat.view.onFloor;
  return (
    <li id={`heat-${heat.view.label}`} className={`heat-row heat-row-${state}${current ? ' heat-row-current' : ''}`}>
      <Link href={stopPath(firstStop(heat), layout)} className="heat-link">
        <span className="heat-number">{heat.view.label}</span>
        <span className="heat-what">
          <span className="heat-dance">{heat.view.dance}</span>
          <span className="heat-detail">
            {plural(couples, 'couple')}
            {heat.view.ballrooms.length > 1 ? ` · Ballrooms ${heat.view.ballrooms.join(', ')}` : ''}
            {heat.slots > 0 ? ` · ${heat.slots} pages` : ''}
          </span>
        </span>
        {current ? <span className="pill pill-current">On the floor</span> : null}
        <span className={`heat-state heat-state-${state}`}>{STATE_LABELS[state]}</span>
      </Link>
    </li>
  );
});

function Choices({
  judgeId,
  view,
  assignments,
  layout,
  setLayout,
}: {
  judgeId: string;
  view: JudgeView;
  assignments: boolean;
  layout: Layout;
  setLayout: (layout: Layout) => void;
}) {
  const editor = useJudgeChoicesEditor(judgeId);
  return (
    <section className="card heat-list-choices" aria-label="Your choices">
      <label className="check">
        <input
          type="checkbox"
          checked={view.present}
          disabled={!editor}
          onChange={(event) => void editor?.update({ present: event.target.checked })}
        />
        <span>On the floor</span>
      </label>
      <fieldset className="choice">
        <legend>Sort couples by</legend>
        {(['back', 'level'] as const).map((value) => (
          <label key={value} className="check">
            <input
              type="radio"
              name="sort"
              checked={view.sort === value}
              disabled={!editor}
              onChange={() => void editor?.update({ sort: value })}
            />
            <span>{value === 'back' ? 'Back number' : 'Level'}</span>
          </label>
        ))}
      </fieldset>
      {assignments ? (
        <fieldset className="choice">
          <legend>Your assigned couples</legend>
          {(
            [
              ['first', 'First'],
              ['only', 'Only'],
              ['mixed', 'In sort order'],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="check">
              <input
                type="radio"
                name="show"
                checked={view.show === value}
                disabled={!editor}
                onChange={() => void editor?.update({ showAssignments: value })}
              />
              <span>{label}</span>
            </label>
          ))}
        </fieldset>
      ) : null}
      <fieldset className="choice">
        <legend>Placements and medals as</legend>
        {(
          [
            ['radio', 'Table'],
            ['cards', 'Cards'],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="check">
            <input type="radio" name="layout" checked={layout === value} onChange={() => setLayout(value)} />
            <span>{label}</span>
          </label>
        ))}
      </fieldset>
    </section>
  );
}

function JumpToHeat({ schedule, layout }: { schedule: JudgeSchedule; layout: Layout }) {
  const [, navigate] = useLocation();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const heat = schedule.byLabel.get(text.trim());
    if (!heat) {
      setProblem(`There is no heat ${text.trim()}.`);
      return;
    }
    navigate(stopPath(firstStop(heat), layout));
  };
  return (
    <form className="heat-jump" onSubmit={submit} aria-label="Go to a heat">
      <label htmlFor="jump-heat">Go to heat</label>
      <input
        id="jump-heat"
        inputMode="decimal"
        autoComplete="off"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setProblem(null);
        }}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? 'jump-problem' : undefined}
      />
      <button type="submit" className="button">
        Go
      </button>
      {problem ? (
        <span id="jump-problem" className="problem-note" role="alert">
          {problem}
        </span>
      ) : null}
    </form>
  );
}

function HeatList({
  schedule,
  scores,
  judgeId,
  view,
  layout,
  current,
  at,
}: {
  schedule: JudgeSchedule;
  scores: JudgeScores;
  judgeId: string;
  view: JudgeView;
  layout: Layout;
  current: number | undefined;
  at: string | null;
}) {
  const rows = useMemo(() => listRows(schedule, scores, judgeId, view), [schedule, scores, judgeId, view]);
  const anchor = at ? rows.findIndex((row) => row.heat.view.label === at) : -1;
  const [shown, setShown] = useState(Math.max(FIRST_ROWS, anchor + 10));
  useEffect(() => {
    if (shown < rows.length) startTransition(() => setShown(rows.length));
  }, [shown, rows.length]);
  useEffect(() => {
    if (!at) return;
    const row = document.getElementById(`heat-${at}`);
    row?.scrollIntoView({ block: 'center' });
    row?.querySelector('a')?.focus({ preventScroll: true });
  }, [at]);
  if (rows.length === 0) return <p className="muted">No heats are scheduled yet.</p>;
  const left = rows.filter((row) => row.state !== 'scored').length;
  const sections: Array<{ heading: string; rows: Row[] }> = [];
  for (const row of rows.slice(0, shown)) {
    if (row.heading !== undefined || sections.length === 0) sections.push({ heading: row.heading ?? '', rows: [] });
    sections.at(-1)?.rows.push(row);
  }
  return (
    <>
      <p className="muted" data-testid="heats-left">
        {left === 0 ? 'Every heat is done.' : `${left} of ${rows.length} heats still to score.`}
      </p>
      <section className="heat-sections" aria-label="Heats to score">
        {sections.map((section) => (
          <section key={section.rows[0]?.heat.view.label} className="heat-section">
            <h2 className="heat-section-heading">{section.heading}</h2>
            <ol className="card-list">
              {section.rows.map((row) => (
                <HeatRow
                  key={row.heat.view.label}
                  row={row}
                  layout={layout}
                  current={row.heat.view.number === current}
                />
              ))}
            </ol>
          </section>
        ))}
      </section>
    </>
  );
}

/** The states a heat can be in; "Nobody assigned" only where the event assigns couples to judges. */
function Legend({ assignments }: { assignments: boolean }) {
  const states = assignments
    ? (['todo', 'partly', 'scored', 'unassigned'] as const)
    : (['todo', 'partly', 'scored'] as const);
  return (
    <p className="heat-legend">
      <span className="visually-hidden">What the states mean:</span>
      {states.map((state) => (
        <span key={state} className={`heat-state heat-state-${state}`}>
          {STATE_LABELS[state]}
        </span>
      ))}
    </p>
  );
}

function Loaded({ program, scores, judgeId }: { program: Program; scores: JudgeScores; judgeId: string }) {
  const live = useLive();
  const [params, setParams] = useSearchParams();
  const layout = layoutOf(params);
  const schedule = judgeSchedule(program);
  const view = useMemo(() => judgeView(program, judgeId, scores.choices), [program, judgeId, scores.choices]);
  const judge = program.people.get(judgeId);
  const setLayout = (next: Layout) =>
    setParams(
      (previous) => {
        const out = new URLSearchParams(previous);
        if (next === 'cards') out.set('style', 'cards');
        else out.delete('style');
        return out;
      },
      { replace: true },
    );
  return (
    <main className="screen heat-list">
      <h1>{judge ? displayName(judge.name) : 'Judge'}</h1>
      <div className="heat-list-top">
        <Choices
          judgeId={judgeId}
          view={view}
          assignments={schedule.assignments !== null}
          layout={layout}
          setLayout={setLayout}
        />
        <div className="stack">
          <JumpToHeat schedule={schedule} layout={layout} />
          <Legend assignments={schedule.assignments !== null} />
          {view.reviewSolos !== 'All' ? (
            <Notice>
              {view.reviewSolos === 'None'
                ? 'Other judges review the solos.'
                : `You review solos with ${view.reviewSolos.toLowerCase()} heat numbers.`}
            </Notice>
          ) : null}
        </div>
      </div>
      <p className="muted" data-testid="marks-count">
        {plural(scores.marks.size, 'mark')} on this device
      </p>
      <HeatList
        schedule={schedule}
        scores={scores}
        judgeId={judgeId}
        view={view}
        layout={layout}
        current={live?.current.get(MAIN_FLOOR)?.number}
        at={params.get('at')}
      />
    </main>
  );
}

/** The judge's heat list: every heat to score, how far along each is, and the judge's choices. */
export function HeatListPage({ judgeId }: { judgeId: string }) {
  const program = useProgram();
  const scores = useScores(judgeId);
  if (!program || !scores) return <Loading />;
  return <Loaded program={program} scores={scores} judgeId={judgeId} />;
}
