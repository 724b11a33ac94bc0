import { displayName, MAIN_FLOOR } from '@ondeck/shared';
import { Loading } from '../../components/Loading.tsx';
import { useEventMembership, useLive, useProgram, useScores } from '../../sync/hooks.ts';
import { useJudgeChoicesEditor } from '../../sync/mutations.ts';
import { HeatList } from '../heats/HeatList.tsx';

/**
 * `/e/<id>/judge`: the judge's home. The heat list and the choices a judge makes on their own
 * device (on the floor, sort order); scoring screens come in a later issue.
 */
export default function JudgeHome() {
  const { personId } = useEventMembership();
  if (!personId) return <Loading label="This invite names no judge." />;
  return <JudgeHomeFor judgeId={personId} />;
}

function JudgeHomeFor({ judgeId }: { judgeId: string }) {
  const program = useProgram();
  const live = useLive();
  const scores = useScores(judgeId);
  const editor = useJudgeChoicesEditor(judgeId);
  if (!program || !scores) return <Loading />;
  const judge = program.people.get(judgeId);
  const present = scores.choices.present ?? program.judges.get(judgeId)?.present ?? true;
  const sort = scores.choices.sort ?? program.judges.get(judgeId)?.sort ?? 'back';
  const current = live?.current.get(MAIN_FLOOR)?.number;
  return (
    <main className="screen">
      <h1>{judge ? displayName(judge.name) : 'Judge'}</h1>
      <section className="card stack" aria-label="Your choices">
        <label className="check">
          <input
            type="checkbox"
            checked={present}
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
                value={value}
                checked={sort === value}
                disabled={!editor}
                onChange={() => void editor?.update({ sort: value })}
              />
              <span>{value === 'back' ? 'Back number' : 'Level'}</span>
            </label>
          ))}
        </fieldset>
        <p className="muted" data-testid="marks-count">
          {scores.marks.size} {scores.marks.size === 1 ? 'mark' : 'marks'} on this device
        </p>
      </section>
      <h2>Heats</h2>
      <HeatList program={program} {...(current ? { current } : {})} />
    </main>
  );
}
