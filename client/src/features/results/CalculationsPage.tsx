import {
  type CompetitionResult,
  columnName,
  type DanceResult,
  displayName,
  type FinalDecision,
  formatPlace,
  type HeatEntryView,
  type PlaceDecision,
  plural,
  progressLine,
  type ResultsEngine,
} from '@ondeck/shared';
import { useState } from 'react';
import { Link } from 'wouter';
import { Loading } from '../../components/Loading.tsx';
import { Notice } from '../../components/Notice.tsx';
import { useResultsPublisher } from './mutations.ts';
import { useResults } from './queries.ts';
import { callbacksChanged, finalStatus, semiStatus } from './status.ts';
import './results.css';

/** Judges as tabulation sheets name them: A, B, C… */
const letter = (i: number) => String.fromCharCode(65 + i);

function Couple({ entry }: { entry: HeatEntryView | undefined }) {
  return (
    <>
      <th scope="row" className="rs-back">
        {entry?.couple.back ?? '–'}
      </th>
      <td className="rs-couple">{entry?.couple.names ?? 'Unknown couple'}</td>
    </>
  );
}

function JudgeLegend({ engine, ids }: { engine: ResultsEngine; ids: readonly string[] }) {
  return (
    <p className="rs-legend">
      {ids.map((id, i) => {
        const judge = engine.index.judges.find((j) => j.id === id);
        return (
          <span key={id}>
            <strong>{letter(i)}</strong> {judge ? displayName(judge.name) : id}
          </span>
        );
      })}
    </p>
  );
}

function SemiFinal({ engine, result }: { engine: ResultsEngine; result: CompetitionResult }) {
  const publisher = useResultsPublisher();
  const [busy, setBusy] = useState(false);
  const semi = result.semi;
  if (!semi) return null;
  const { competition } = result;
  const judgeIds = semi.judges.map((j) => j.judgeId);
  const inFinal = new Set(result.published?.finalists ?? semi.finalists);
  const leftOut = new Set(semi.leftOut);
  const order = [...semi.couples].sort(
    (a, b) =>
      (semi.counts.get(b.heat.id) ?? 0) - (semi.counts.get(a.heat.id) ?? 0) ||
      (a.couple.back ?? 0) - (b.couple.back ?? 0),
  );
  const incomplete = semi.judges.filter((j) => !j.complete);
  const publish = async () => {
    setBusy(true);
    try {
      await publisher?.publishCallbacks(result);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="rs-calc" aria-labelledby="semi-title">
      <h2 id="semi-title">Semi-final callbacks</h2>
      <p>{semiStatus(result)}</p>
      <JudgeLegend engine={engine} ids={judgeIds} />
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region is focusable so keys can scroll it */}
      <section className="rs-scroll" tabIndex={0} aria-label="Callbacks">
        <table className="rs-table rs-sheet" data-testid="callbacks">
          <thead>
            <tr>
              <th scope="col">Back</th>
              <th scope="col">Couple</th>
              <th scope="col" className="rs-num">
                Callbacks
              </th>
              <th scope="col">Final</th>
              {judgeIds.map((id, j) =>
                competition.dances.map((dance, d) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a dance of a multi-dance is its position (names repeat)
                  <th key={`${id}-${d}`} scope="col" className="rs-num rs-tick" title={`${letter(j)}: ${dance}`}>
                    {letter(j)}
                    <span className="rs-sub">{dance.slice(0, 2)}</span>
                  </th>
                )),
              )}
            </tr>
          </thead>
          <tbody>
            {order.map((entry) => {
              const ticks = semi.ticks.get(entry.heat.id) ?? [];
              const id = entry.heat.id;
              return (
                <tr key={id} className={inFinal.has(id) ? 'rs-in' : leftOut.has(id) ? 'rs-tied-out' : undefined}>
                  <Couple entry={entry} />
                  <td className="rs-num">{semi.counts.get(id) ?? 0}</td>
                  <td className="rs-nowrap">
                    {inFinal.has(id) ? 'In the final' : leftOut.has(id) ? 'Tied at the cut' : ''}
                  </td>
                  {judgeIds.map((judge, j) =>
                    competition.dances.map((_, d) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: a dance of a multi-dance is its position (names repeat)
                      <td key={`${judge}-${d}`} className="rs-num rs-tick">
                        {ticks[j]?.[d] ? '✓' : ''}
                      </td>
                    )),
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <p data-testid="cut">{semi.reason}</p>
      {publisher && (!result.published || callbacksChanged(result)) ? (
        <div className="rs-publish-callbacks">
          {incomplete.length > 0 ? (
            <Notice tone="warning" title="Not every judge has called back six couples in every dance">
              {incomplete.length} of {plural(semi.judges.length, 'judge')} {incomplete.length === 1 ? 'is' : 'are'} not
              done. Publishing now counts only the callbacks there are; otherwise the finalists are published by
              themselves once every judge is done.
            </Notice>
          ) : null}
          <button
            type="button"
            className="button"
            disabled={busy || semi.finalists.length === 0}
            onClick={() => void publish()}
          >
            {result.published ? 'Publish the finalists as they are now' : 'Publish these finalists now'}
          </button>
        </div>
      ) : null}
    </section>
  );
}

/** The cells of one couple's cumulative columns: counts, sums where Rule 7 needed them, the deciding one marked. */
function CumulativeCells({ result, id, decision }: { result: DanceResult; id: string; decision?: PlaceDecision }) {
  const cells = result.cumulative.get(id) ?? [];
  const looked = result.looked.get(id);
  return (
    <>
      {cells.map((cell, k) => {
        const column = k + 1;
        const how = looked?.get(column);
        const deciding = decision?.column === column;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: one cell per column, in column order
          <td key={k} className={`rs-num rs-cum${deciding ? ' rs-decided' : ''}${how ? '' : ' rs-unseen'}`}>
            {how ? (how === 'sum' ? `${cell.count} (${cell.sum})` : cell.count) : ''}
          </td>
        );
      })}
    </>
  );
}

function DanceSheet({
  name,
  result,
  entries,
  showMarks = true,
}: {
  name: string;
  result: DanceResult;
  entries: Map<string, HeatEntryView>;
  showMarks?: boolean;
}) {
  const decisionOf = new Map(result.decisions.flatMap((d) => d.couples.map((c) => [c, d] as const)));
  const columns = result.cumulative.get(result.couples[0] ?? '')?.length ?? 0;
  const ordered = [...result.couples].sort((a, b) => (result.places.get(a) ?? 0) - (result.places.get(b) ?? 0));
  const judges = result.judges;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region is focusable so keys can scroll it
    <section className="rs-scroll" tabIndex={0} aria-label={name}>
      <table className="rs-table rs-sheet" data-testid={`dance-${name}`}>
        <caption>
          {name}
          <span className="rs-note">
            {plural(judges, 'mark')} a couple; majority {result.majority}
          </span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Back</th>
            <th scope="col">Couple</th>
            {showMarks
              ? Array.from({ length: judges }, (_, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: judges by position
                  <th key={j} scope="col" className="rs-num">
                    {letter(j)}
                  </th>
                ))
              : null}
            {Array.from({ length: columns }, (_, k) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns by position
              <th key={k} scope="col" className="rs-num rs-cum">
                {k === 0 ? '1' : `1–${k + 1}`}
              </th>
            ))}
            <th scope="col" className="rs-num">
              Place
            </th>
            <th scope="col">Rule</th>
          </tr>
        </thead>
        <tbody>
          {ordered.map((id) => {
            const decision = decisionOf.get(id);
            return (
              <tr key={id}>
                <Couple entry={entries.get(id)} />
                {showMarks
                  ? (result.marks.get(id) ?? []).map((mark, j) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: judges by position
                      <td key={j} className="rs-num">
                        {mark}
                      </td>
                    ))
                  : null}
                <CumulativeCells result={result} id={id} {...(decision ? { decision } : {})} />
                <td className="rs-num rs-place">{formatPlace(result.places.get(id) ?? 0)}</td>
                <td className="rs-rule" title={decision?.reason}>
                  {decision ? `Rule ${decision.rule}` : ''}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ol className="rs-reasons">
        {result.decisions.map((d) => (
          <li key={`${d.from}-${d.couples.join()}`}>
            <strong>
              {d.from === d.to ? `${formatPlace(d.place)}` : `${formatPlace(d.place)} (shared)`}:{' '}
              {d.couples.map((c) => entries.get(c)?.couple.back ?? '–').join(' and ')}
            </strong>{' '}
            — Rule {d.rule}
            {d.column ? `, column ${columnName(d.column)}` : ''}. {d.reason}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Summary({ result, entries }: { result: CompetitionResult; entries: Map<string, HeatEntryView> }) {
  const final = result.final.result;
  if (!final || final.dances.length < 2) return null;
  const decisionOf = new Map<string, FinalDecision>(
    final.decisions.flatMap((d) => d.couples.map((c) => [c, d] as const)),
  );
  const ordered = [...final.couples].sort((a, b) => (final.places.get(a) ?? 0) - (final.places.get(b) ?? 0));
  // Rule 11 applied to two couples places both: one calculation, shown once.
  const extra = final.decisions.filter(
    (d, i) => d.rule11 && final.decisions.findIndex((e) => e.rule11 === d.rule11) === i,
  );
  return (
    <>
      <h3>Result over {plural(final.dances.length, 'dance')} (Rules 9–11)</h3>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region is focusable so keys can scroll it */}
      <section className="rs-scroll" tabIndex={0} aria-label="Result over all dances">
        <table className="rs-table rs-sheet" data-testid="final-summary">
          <thead>
            <tr>
              <th scope="col">Back</th>
              <th scope="col">Couple</th>
              {final.dances.map((dance) => (
                <th key={dance} scope="col" className="rs-num">
                  {dance}
                </th>
              ))}
              <th scope="col" className="rs-num">
                Total
              </th>
              <th scope="col" className="rs-num">
                Place
              </th>
              <th scope="col">Rule</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {ordered.map((id) => {
              const decision = decisionOf.get(id);
              return (
                <tr key={id}>
                  <Couple entry={entries.get(id)} />
                  {(final.dancePlaces.get(id) ?? []).map((place, d) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: dances by position
                    <td key={d} className="rs-num">
                      {formatPlace(place)}
                    </td>
                  ))}
                  <td className="rs-num">{formatPlace(final.totals.get(id) ?? 0)}</td>
                  <td className="rs-num rs-place">{formatPlace(final.places.get(id) ?? 0)}</td>
                  <td className="rs-rule">{decision ? `Rule ${decision.rule}` : ''}</td>
                  <td className="rs-why">{decision?.reason}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      {extra.map((decision) =>
        decision.rule11 ? (
          <div key={`r11-${decision.from}`}>
            <h4>Rule 11 for {formatPlace(decision.from)}: all marks of all dances, as one dance</h4>
            <DanceSheet
              name={`Rule 11, place ${decision.from}`}
              result={decision.rule11}
              entries={entries}
              showMarks={false}
            />
          </div>
        ) : null,
      )}
    </>
  );
}

function Final({ engine, result }: { engine: ResultsEngine; result: CompetitionResult }) {
  const { final } = result;
  const entries = new Map(result.competition.split.entries.map((e) => [e.heat.id, e]));
  const judgeName = (id: string) => {
    const judge = engine.index.judges.find((j) => j.id === id);
    return judge ? displayName(judge.name) : id;
  };
  return (
    <section className="rs-calc" aria-labelledby="final-title">
      <h2 id="final-title">Final</h2>
      <p data-testid="final-status">{finalStatus(result)}</p>
      {final.missing.length > 0 && final.couples.length > 0 ? (
        <Notice tone="warning" title={`Counted without ${plural(final.missing.length, 'judge')}`}>
          <ul>
            {final.missing.map((m) => (
              <li key={m.judgeId}>
                {judgeName(m.judgeId)} {m.problems.join('; ')}.
              </li>
            ))}
          </ul>
          {final.panel.length > 0
            ? `The places below count ${final.panel.length} of ${final.panel.length + final.missing.length} judges: a provisional result.`
            : null}
        </Notice>
      ) : null}
      {final.notes.map((note) => (
        <p key={note} className="muted">
          {note}
        </p>
      ))}
      {final.panel.length > 0 ? <JudgeLegend engine={engine} ids={final.panel} /> : null}
      {final.dances.map((dance) => (
        <DanceSheet key={dance.name} name={dance.name} result={dance} entries={entries} />
      ))}
      <Summary result={result} entries={entries} />
    </section>
  );
}

/**
 * `/e/<id>/organizer/results/calculations/<competition>`: a scrutineered heat as published
 * tabulation sheets show it — the callbacks of its semi-final and the cut, each final dance's
 * marks with the cumulative columns and the rule that decided each place, then Rules 9–11.
 */
export function CalculationsPage({ id }: { id: string }) {
  const { engine } = useResults();
  if (!engine) return <Loading />;
  const result = engine.competition(id);
  if (!result)
    return (
      <main className="screen rs">
        <Notice tone="warning" title="No such scrutineered heat">
          <Link href="/results?view=multis">Back to the multi-dance results</Link>
        </Notice>
      </main>
    );
  const { competition } = result;
  return (
    <main className="screen rs rs-calculations">
      <p className="rs-tools">
        <Link href="/results?view=multis">← Multi-dance results</Link>{' '}
        <button type="button" className="button button-secondary" onClick={() => window.print()}>
          Print
        </button>
      </p>
      <h1>
        Heat {competition.heat.view.label}: {competition.split.name}
      </h1>
      <p className="lead">
        {competition.heat.view.dance} · {competition.dances.join(', ')} ·{' '}
        {plural(competition.split.entries.length, 'couple')}
      </p>
      <p className="muted" data-testid="heat-progress">
        {progressLine(result.progress)}
      </p>
      <SemiFinal engine={engine} result={result} />
      <Final engine={engine} result={result} />
    </main>
  );
}
