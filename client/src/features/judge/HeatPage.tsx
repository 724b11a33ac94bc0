import {
  assignedTo,
  CALLBACKS_REQUIRED,
  displayName,
  heatCouples,
  MAIN_FLOOR,
  type Program,
  plural,
  type ScoredHeat,
  type Stop,
  scaleDescription,
  skatingSlot,
} from '@ondeck/shared';
import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'wouter';
import { Loading } from '../../components/Loading.tsx';
import { Notice } from '../../components/Notice.tsx';
import { usePageKeys } from '../../lib/usePageKeys.ts';
import { useSwipes } from '../../lib/useSwipes.ts';
import { blockedMessage } from '../../sync/connection.ts';
import { type JudgeScores, useLive, useProgram, useScores, useSessionStatus } from '../../sync/hooks.ts';
import { useJudgeChoicesEditor, useLiveControls, useScoresEditor } from '../../sync/mutations.ts';
import { Corrections } from './Corrections.tsx';
import { Callbacks, calledBack } from './controls/Callbacks.tsx';
import { Cards } from './controls/Cards.tsx';
import type { ScaleProps } from './controls/common.tsx';
import { FeedbackList } from './controls/FeedbackList.tsx';
import { NumberTable } from './controls/NumberTable.tsx';
import { PlacementTable } from './controls/PlacementTable.tsx';
import { Ranking } from './controls/Ranking.tsx';
import { SoloScore } from './controls/SoloScore.tsx';
import { judgeSchedule, judgeView, type Layout, layoutOf, listPath, stopPath } from './schedule.ts';

/** "Closed Waltz", or the agenda item when the heat mixes dances (DOMAIN.md §4). */
function heatTitle(heat: ScoredHeat): string {
  const { view } = heat;
  if (view.kind === 'Solo' || view.kind === 'Multi') return view.dance;
  const dances = new Set(view.entries.filter((e) => !e.scratched).map((e) => e.heat.danceId));
  return dances.size > 1 && view.heading ? `${view.kind} ${view.heading.name}` : view.dance;
}

/** "Dance 2 of 3: Tango", "Semi-final 1 of 4: Waltz (Callback 6)", "Final 2 of 4: Tango". */
function slotLine(heat: ScoredHeat, slot: number | undefined): string | null {
  if (slot === undefined) return null;
  const total = heat.dances;
  if (heat.scale !== 'skating') return `Dance ${slot} of ${total}: ${heat.view.slots?.[slot - 1] ?? ''}`;
  const { round, dance } = skatingSlot(total, heat.semiFinal, slot);
  const name = heat.view.slots?.[dance - 1] ?? '';
  return round === 'semi'
    ? `Semi-final ${dance} of ${total}: ${name} (Callback ${CALLBACKS_REQUIRED})`
    : `Final ${dance} of ${total}: ${name}`;
}

/** The next and previous pages from here, even when this heat is not on the judge's own round (a solo of another judge). */
function neighbours(stops: Stop[], heat: ScoredHeat, slot: number | undefined) {
  const at = stops.findIndex((stop) => stop.heat === heat && stop.slot === slot);
  if (at >= 0) return { prev: stops[at - 1], next: stops[at + 1] };
  const number = heat.view.number;
  return {
    prev: stops.findLast((stop) => stop.heat.view.number < number),
    next: stops.find((stop) => stop.heat.view.number > number),
  };
}

function stopName(stop: Stop): string {
  return `heat ${stop.heat.view.label}${stop.slot ? `, page ${stop.slot}` : ''}`;
}

/** "12", or "433 · 5" for a page of a multi-dance. */
function stopLabel(stop: Stop | undefined): string {
  if (!stop) return '';
  return stop.slot ? `${stop.heat.view.label} · ${stop.slot}` : stop.heat.view.label;
}

/** Where a leave would go: to another page, or back to the list. */
type Leave = { to: Stop } | { to: 'list' };

function ScaleControls(props: ScaleProps & { layout: Layout }) {
  const { heat, slot, rows, layout } = props;
  if (rows.length === 0) return null;
  switch (heat.scale) {
    case '1':
    case 'G':
      return layout === 'cards' ? (
        <Cards {...props} scale={heat.scale} />
      ) : (
        <PlacementTable {...props} scale={heat.scale} />
      );
    case '#':
      return <NumberTable {...props} />;
    case '+':
    case '&':
    case '@':
      return <FeedbackList {...props} scale={heat.scale} />;
    case 'solo':
    case 'solo4':
      return <SoloScore {...props} scale={heat.scale} />;
    case 'skating':
      return skatingSlot(heat.dances, heat.semiFinal, slot ?? 1).round === 'semi' ? (
        <Callbacks {...props} />
      ) : (
        <Ranking {...props} />
      );
    case '0':
      return <p className="heat-page-empty">This heat is not scored.</p>;
  }
}

/** With assignments in "mixed" order: every back number, red when nobody is assigned, bold when it is yours. */
function AssignmentLine({ heat, mine, program }: { heat: ScoredHeat; mine: ReadonlySet<string>; program: Program }) {
  const assigned = judgeSchedule(program).assignments;
  const couples = heat.view.entries.filter((e) => !e.scratched);
  return (
    <p className="assigned-line">
      <span className="visually-hidden">Back numbers: yours underlined, nobody’s in red.</span>
      {couples.map((e) => {
        const nobody = !assigned?.byHeat.get(e.heat.id)?.size;
        const cls = mine.has(e.heat.id) ? 'assigned-mine' : nobody ? 'assigned-nobody' : 'assigned-other';
        return (
          <span key={e.heat.id} className={cls}>
            {e.couple.back ?? '–'}
          </span>
        );
      })}
    </p>
  );
}

/** « Previous or next » in a corner of the footer, disabled at either end. */
function StepButton({
  stop,
  direction,
  go,
}: {
  stop: Stop | undefined;
  direction: 'previous' | 'next';
  go: (leave: Leave) => void;
}) {
  const label = stopLabel(stop);
  return (
    <button
      type="button"
      className="heat-footer-step"
      disabled={!stop}
      onClick={() => stop && go({ to: stop })}
      aria-label={stop ? `${direction === 'next' ? 'Next' : 'Previous'}: ${stopName(stop)}` : `No ${direction} heat`}
    >
      {direction === 'next' ? (
        <>
          {label} <span aria-hidden="true">»</span>
        </>
      ) : (
        <>
          <span aria-hidden="true">«</span> {label}
        </>
      )}
    </button>
  );
}

/** Previous and next in the corners, big enough for a thumb; the judge and the heat list between. */
function HeatFooter({
  judgeId,
  program,
  assignments,
  present,
  prev,
  next,
  go,
}: {
  judgeId: string;
  program: Program;
  /** The event assigns couples to judges: the judge says whether they are on the floor. */
  assignments: boolean;
  present: boolean;
  prev: Stop | undefined;
  next: Stop | undefined;
  go: (leave: Leave) => void;
}) {
  const choicesEditor = useJudgeChoicesEditor(judgeId);
  const judge = program.people.get(judgeId);
  return (
    <nav className="heat-footer" aria-label="Heat pages">
      <StepButton stop={prev} direction="previous" go={go} />
      <div className="heat-footer-middle">
        <span className="heat-footer-judge">{judge ? displayName(judge.name) : 'Judge'}</span>
        {assignments ? (
          <label className="check">
            <input
              type="checkbox"
              checked={present}
              disabled={!choicesEditor}
              onChange={(event) => void choicesEditor?.update({ present: event.target.checked })}
            />
            <span>On the floor</span>
          </label>
        ) : null}
        <button type="button" className="button button-secondary" onClick={() => go({ to: 'list' })}>
          Heat list
        </button>
      </div>
      <StepButton stop={next} direction="next" go={go} />
    </nav>
  );
}

function HeatView({
  program,
  scores,
  judgeId,
  heat,
  slot,
}: {
  program: Program;
  scores: JudgeScores;
  judgeId: string;
  heat: ScoredHeat;
  slot: number | undefined;
}) {
  const editor = useScoresEditor(judgeId);
  const liveControls = useLiveControls();
  const live = useLive();
  const { connection } = useSessionStatus();
  const refusedCode = connection.state === 'blocked' ? connection.code : null;
  const [params] = useSearchParams();
  const [, navigate] = useLocation();
  const [message, setMessage] = useState<string | null>(null);
  const [leaving, setLeaving] = useState<Leave | null>(null);
  const layout = layoutOf(params);
  const schedule = judgeSchedule(program);
  const view = judgeView(program, judgeId, scores.choices);
  const stops = schedule.stops(view.reviewSolos);
  const { prev, next } = neighbours(stops, heat, slot);
  const mine = useMemo(() => assignedTo(heat.view, schedule.assignments, judgeId), [schedule, heat, judgeId]);
  const rows = useMemo(
    () => heatCouples(program, heat.view, { sort: view.sort, show: view.show, assigned: mine }),
    [program, heat, view.sort, view.show, mine],
  );
  const round = heat.scale === 'skating' ? skatingSlot(heat.dances, heat.semiFinal, slot ?? 1).round : null;
  const props: ScaleProps = { program, heat, slot, rows, marks: scores.marks, editor, judgeId };
  const unfinished =
    round === 'semi'
      ? heat.splits.filter((split) => {
          const called = calledBack(props, split).size;
          return split.semiFinal && called > 0 && called !== CALLBACKS_REQUIRED;
        })
      : [];
  const current = live?.current.get(MAIN_FLOOR)?.number;
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => setMessage(null), 5000);
    return () => clearTimeout(timer);
  }, [message]);

  const go = (leave: Leave, confirmed = false) => {
    if (!confirmed && unfinished.length > 0) {
      setLeaving(leave);
      return;
    }
    navigate(leave.to === 'list' ? listPath(layout, heat.view.label) : stopPath(leave.to, layout));
  };
  const markCurrent = () => {
    if (!liveControls) {
      setMessage('Only the emcee, the DJ or the organiser starts heats: this tablet scores them.');
      return;
    }
    void liveControls.startHeat(heat.view.number);
    setMessage(`Heat ${heat.view.label} is now on the floor.`);
  };

  usePageKeys({
    arrowLeft: prev && (() => go({ to: prev })),
    arrowRight: next && (() => go({ to: next })),
    space: markCurrent,
    enter: markCurrent,
  });

  useSwipes({
    left: next && (() => go({ to: next })),
    right: prev && (() => go({ to: prev })),
    up: () => go({ to: 'list' }),
  });

  useEffect(() => {
    window.scrollTo(0, 0);
    // What is scrolled into view (the focused control) must not hide under the top bar or the footer.
    const { style } = document.documentElement;
    const before = { top: style.scrollPaddingTop, bottom: style.scrollPaddingBottom };
    style.scrollPaddingTop = '5rem';
    style.scrollPaddingBottom = '6.5rem';
    return () => {
      style.scrollPaddingTop = before.top;
      style.scrollPaddingBottom = before.bottom;
    };
  }, []);

  const line = slotLine(heat, slot);
  return (
    <main className="heat-page">
      <header className="heat-page-head">
        <h1 className="heat-page-title">
          <Link href={listPath(layout, heat.view.label)} aria-label={`Heat ${heat.view.label}: back to the heat list`}>
            Heat {heat.view.label}: {heatTitle(heat)}
          </Link>
        </h1>
        {line ? <p className="heat-page-slot">{line}</p> : null}
        <p className="heat-page-sub">
          {heat.view.heading?.name}
          {heat.view.kind !== 'Solo' ? ` · ${plural(heat.view.onFloor, 'couple')} on the floor` : ''}
          {current === heat.view.number ? <span className="pill pill-current">On the floor now</span> : null}
        </p>
        <details className="heat-page-info">
          <summary>How to score</summary>
          <p>{scaleDescription(heat.scale, program.settings)}</p>
          <p>
            Previous and next: the buttons at the bottom, the left and right arrow keys (not while typing), or a swipe
            across the screen. Swipe up, or tap the heading, for the heat list. Every tap is kept on this tablet at once
            and sent when there is a network.
          </p>
        </details>
      </header>
      {refusedCode !== null ? (
        <Notice tone="error" title="The server refuses these marks">
          They are kept on this tablet, but {blockedMessage(refusedCode).charAt(0).toLowerCase()}
          {blockedMessage(refusedCode).slice(1)}
        </Notice>
      ) : null}
      {leaving ? (
        <div className="notice notice-warning leave-question" role="alertdialog" aria-labelledby="leave-title">
          <strong id="leave-title" className="notice-title">
            {unfinished
              .map((split) => `${split.name}: ${calledBack(props, split).size} of ${CALLBACKS_REQUIRED}`)
              .join('; ')}{' '}
            called back
          </strong>
          <p>Each judge calls back exactly {CALLBACKS_REQUIRED} couples. Leave this page anyway?</p>
          <div className="actions">
            {/* biome-ignore lint/a11y/noAutofocus: the question needs an answer before anything else */}
            <button type="button" className="button" autoFocus onClick={() => setLeaving(null)}>
              Stay
            </button>
            <button type="button" className="button button-secondary" onClick={() => go(leaving, true)}>
              Leave anyway
            </button>
          </div>
        </div>
      ) : null}
      {mine && view.show === 'mixed' ? <AssignmentLine heat={heat} mine={mine} program={program} /> : null}
      <Corrections program={program} heat={heat} slot={slot} scores={scores} />
      <section className="heat-page-couples" aria-label="Couples">
        {heat.view.onFloor === 0 ? (
          <p className="heat-page-empty">No couples on the floor for this heat.</p>
        ) : rows.length === 0 ? (
          <p className="heat-page-empty">No couples assigned to this judge for this heat.</p>
        ) : null}
        <ScaleControls {...props} layout={layout} />
      </section>
      <p className="heat-page-message" role="status">
        {message}
      </p>
      <HeatFooter
        judgeId={judgeId}
        program={program}
        assignments={schedule.assignments !== null}
        present={view.present}
        prev={prev}
        next={next}
        go={go}
      />
    </main>
  );
}

/** `/judge/heat/<number>[/<slot>]`: one heat (one dance of a multi-dance) to score. */
export function HeatPage({ judgeId, label, slot }: { judgeId: string; label: string; slot: number | undefined }) {
  const program = useProgram();
  const scores = useScores(judgeId);
  const [params] = useSearchParams();
  if (!program || !scores) return <Loading />;
  const heat = judgeSchedule(program).byLabel.get(label);
  if (!heat)
    return (
      <main className="screen">
        <Notice tone="warning" title={`There is no heat ${label}`}>
          <Link href={listPath(layoutOf(params))}>Back to the heat list</Link>
        </Notice>
      </main>
    );
  const page = heat.slots > 0 ? Math.min(Math.max(1, slot ?? 1), heat.slots) : undefined;
  return <HeatView program={program} scores={scores} judgeId={judgeId} heat={heat} slot={page} />;
}
