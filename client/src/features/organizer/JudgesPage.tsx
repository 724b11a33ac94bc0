import {
  ballroomLetters,
  DEFAULT_JUDGE_PREFS,
  displayName,
  heatNumbers,
  type JudgePrefs,
  judgePresent,
  type Person,
  type Program,
  plural,
} from '@ondeck/shared';
import { useMemo, useState } from 'react';
import { Loading } from '../../components/Loading.tsx';
import { Notice } from '../../components/Notice.tsx';
import { useDayOfEditor, usePresenceEditor } from '../../sync/dayOf.ts';
import { type JudgeScores, useJudgesScores, useProgram } from '../../sync/hooks.ts';
import { useJudges, useMarkedHeatNumbers } from './queries.ts';
import './day.css';

type Editor = NonNullable<ReturnType<typeof useDayOfEditor>>;

const SOLOS: JudgePrefs['reviewSolos'][] = ['All', 'Even', 'Odd', 'None'];
const DANCING = new Set(['Student', 'Professional', 'Guest']);

function JudgeRow({
  program,
  judge,
  docs,
  editor,
  letters,
  assigned,
  dancers,
}: {
  program: Program;
  judge: Person;
  docs: JudgeScores | undefined;
  editor: Editor;
  letters: string[];
  assigned: number;
  dancers: Person[];
}) {
  const setPresent = usePresenceEditor();
  const prefs = { ...DEFAULT_JUDGE_PREFS, ...program.judges.get(judge.id) };
  const name = displayName(judge.name);
  const present = judgePresent(program.judges.get(judge.id), docs?.choices);
  return (
    <tr data-testid="judge" data-judge-id={judge.id}>
      <th scope="row">{name}</th>
      <td>
        <label className="day-check">
          <input
            type="checkbox"
            aria-label={`On floor: ${name}`}
            checked={present}
            disabled={!docs || !setPresent}
            onChange={(event) => void setPresent?.(judge.id, event.target.checked)}
          />
          <span aria-hidden="true">On floor</span>
        </label>
      </td>
      <td className="day-judge">
        <select
          aria-label={`Ballroom of ${name}`}
          value={prefs.ballroom}
          onChange={(event) =>
            void editor.updateJudge(judge.id, { ballroom: event.target.value as JudgePrefs['ballroom'] })
          }
        >
          <option value="Both">Both</option>
          {letters.map((letter) => (
            <option key={letter} value={letter}>
              {letter}
            </option>
          ))}
        </select>
      </td>
      <td className="day-judge">
        <select
          aria-label={`Solos ${name} judges`}
          value={prefs.reviewSolos}
          onChange={(event) =>
            void editor.updateJudge(judge.id, { reviewSolos: event.target.value as JudgePrefs['reviewSolos'] })
          }
        >
          {SOLOS.map((choice) => (
            <option key={choice}>{choice}</option>
          ))}
        </select>
      </td>
      <td className="day-judge">
        <select
          aria-label={`Dancing judge: ${name} dances with`}
          value={judge.excludeId ?? ''}
          onChange={(event) => void editor.setDancingPartner(judge.id, event.target.value || undefined)}
        >
          <option value="">Not dancing</option>
          {dancers.map((dancer) => (
            <option key={dancer.id} value={dancer.id}>
              {displayName(dancer.name)}
              {dancer.back ? ` #${dancer.back}` : ''}
            </option>
          ))}
        </select>
      </td>
      <td data-testid="judge-load">{assigned}</td>
    </tr>
  );
}

function Loaded({ program, editor }: { program: Program; editor: Editor }) {
  const judges = useJudges(program);
  const docs = useJudgesScores(useMemo(() => judges.map((j) => j.id), [judges]));
  const marked = useMarkedHeatNumbers(program, docs);
  const [done, setDone] = useState<string | null>(null);
  const schedule = useMemo(() => heatNumbers(program), [program]);
  const letters = useMemo(() => ballroomLetters(program.settings, schedule), [program, schedule]);
  const dancers = useMemo(
    () => [...program.people.values()].filter((p) => DANCING.has(p.type)).sort((a, b) => a.name.localeCompare(b.name)),
    [program],
  );
  const loads = new Map<string, number>();
  for (const a of program.assignments.values()) loads.set(a.judgeId, (loads.get(a.judgeId) ?? 0) + 1);
  const choices = new Map(judges.map((j) => [j.id, docs.get(j.id)?.choices]));
  const present = judges.filter((j) => judgePresent(program.judges.get(j.id), choices.get(j.id))).length;
  const assign = () => {
    void editor.assignJudges(marked, choices).then(() => {
      setDone(
        `Assigned the couples of every heat not yet marked to ${plural(present, 'judge')} on the floor${marked.size > 0 ? `; ${plural(marked.size, 'heat')} already marked kept theirs` : ''}.`,
      );
    });
  };
  return (
    <>
      <p className="lead">
        {program.settings.assignJudges && program.assignments.size > 0
          ? `${plural(program.assignments.size, 'couple')} assigned. Judges’ tablets show their couples first, circled.`
          : 'No couples are assigned: every judge marks every couple.'}
      </p>
      {judges.length < 2 ? <Notice tone="warning">Assigning judges needs two judges or more.</Notice> : null}
      <table className="day-judges">
        <thead>
          <tr>
            <th scope="col">Judge</th>
            <th scope="col">On floor</th>
            <th scope="col">Ballroom</th>
            <th scope="col">Solos</th>
            <th scope="col">Dancing judge</th>
            <th scope="col">Couples</th>
          </tr>
        </thead>
        <tbody>
          {judges.map((judge) => (
            <JudgeRow
              key={judge.id}
              program={program}
              judge={judge}
              docs={docs.get(judge.id)}
              editor={editor}
              letters={letters}
              assigned={loads.get(judge.id) ?? 0}
              dancers={dancers}
            />
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button type="button" className="button" disabled={judges.length < 2 || present === 0} onClick={assign}>
          Assign judges
        </button>
        <button
          type="button"
          className="button button-secondary"
          disabled={program.assignments.size === 0}
          onClick={() => void editor.resetAssignments().then(() => setDone('Every assignment cleared.'))}
        >
          Reset
        </button>
      </div>
      {done ? <p role="status">{done}</p> : null}
      <p className="muted">
        Assigning spreads the couples of each heat no judge has marked yet over the judges on the floor, the least busy
        first, per ballroom; a dancing judge never gets a heat with their partner. Run it again when a judge goes on
        break: heats already marked keep their judges.
      </p>
    </>
  );
}

/** `/e/<id>/organizer/judges`: who is on the floor, where, and which couples each judge marks. */
export function JudgesPage() {
  const program = useProgram();
  const editor = useDayOfEditor();
  return (
    <main className="screen day">
      <h1>Judges</h1>
      {!program ? <Loading /> : editor ? <Loaded program={program} editor={editor} /> : null}
    </main>
  );
}
