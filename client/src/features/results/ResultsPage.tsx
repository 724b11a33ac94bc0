import {
  commentsTable,
  competitionTable,
  entryTables,
  instructorTable,
  type ResultsEngine,
  type ResultTable,
  type SummaryProgress,
  studentTables,
  studioTables,
  summaryProgress,
  unscoredTable,
} from '@ondeck/shared';
import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'wouter';
import { Loading } from '../../components/Loading.tsx';
import { CompetitionList } from './CompetitionList.tsx';
import { downloadCsv, fileName } from './download.ts';
import { ProgressLine } from './Progress.tsx';
import { PublishView } from './PublishView.tsx';
import { useResults } from './queries.ts';
import { ResultTableView } from './ResultTableView.tsx';
import { ScoreSheets } from './ScoreSheets.tsx';
import './results.css';

const VIEWS = [
  { id: 'overview', label: 'Overview' },
  { id: 'level', label: 'By level' },
  { id: 'age', label: 'By age' },
  { id: 'studio', label: 'By studio' },
  { id: 'instructors', label: 'Instructors' },
  { id: 'multis', label: 'Multi-dance' },
  { id: 'pros', label: 'Pros' },
  { id: 'sheets', label: 'Score sheets' },
  { id: 'unscored', label: 'Unscored heats' },
  { id: 'comments', label: 'Comments' },
  { id: 'publish', label: 'Publish' },
] as const;

type ViewId = (typeof VIEWS)[number]['id'];

/** A summary's title, how complete it is, print and CSV, and its tables. */
function TablesView({
  engine,
  title,
  intro,
  progress,
  tables,
  toggle,
  children,
}: {
  engine: ResultsEngine;
  title: string;
  intro: string;
  progress?: SummaryProgress;
  tables: ResultTable[];
  toggle?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <section className="rs-view" aria-labelledby="rs-title">
      <header className="rs-head">
        <div>
          <h2 id="rs-title">{title}</h2>
          <p className="muted rs-intro">{intro}</p>
        </div>
        <div className="actions rs-tools">
          {toggle}
          <button type="button" className="button button-secondary" onClick={() => window.print()}>
            Print
          </button>
          <button
            type="button"
            className="button button-secondary"
            disabled={tables.length === 0}
            onClick={() => downloadCsv(fileName(engine.program.settings.name, title), tables)}
          >
            Download CSV
          </button>
        </div>
      </header>
      {progress ? <ProgressLine progress={progress} /> : null}
      {children}
      {tables.length === 0 && !children ? <p className="muted">Nothing marked yet.</p> : null}
      {tables.map((table) => (
        <ResultTableView key={table.id} table={table} caption={tables.length > 1 || table.title !== title} />
      ))}
    </section>
  );
}

function DetailsToggle({ details, onChange }: { details: boolean; onChange: (details: boolean) => void }) {
  return (
    <fieldset className="rs-toggle" aria-label="Show">
      <button type="button" className="button button-secondary" aria-pressed={!details} onClick={() => onChange(false)}>
        Award list
      </button>
      <button type="button" className="button button-secondary" aria-pressed={details} onClick={() => onChange(true)}>
        Details
      </button>
    </fieldset>
  );
}

function View({ engine, view }: { engine: ResultsEngine; view: ViewId }) {
  const [params, setParams] = useSearchParams();
  const details = params.get('details') === '1';
  const setDetails = (next: boolean) => setParams({ view, ...(next ? { details: '1' } : {}) }, { replace: true });
  const { settings } = engine.program;
  switch (view) {
    case 'overview':
      return <Overview engine={engine} />;
    case 'level':
    case 'age':
      return (
        <TablesView
          engine={engine}
          title={view === 'level' ? 'Top scores by level' : 'Top scores by age'}
          intro={`Students following or leading a professional, and amateur couples (at the higher level and older age of the two)${settings.strictScoring ? ', counting only heats entered at their own level and age' : ''}. Placements and medals count 5, 3, 2, 1 points.`}
          progress={engine.progress('students')}
          tables={studentTables(view === 'level' ? engine.byLevel() : engine.byAge(), settings, details)}
          toggle={<DetailsToggle details={details} onChange={setDetails} />}
        />
      );
    case 'studio':
      return (
        <TablesView
          engine={engine}
          title="By studio"
          intro="Each studio's students' marks per level and in total; an amateur couple's marks count half for each student."
          progress={engine.progress('studios')}
          tables={studioTables(engine.byStudio(), settings)}
        />
      );
    case 'instructors':
      return (
        <TablesView
          engine={engine}
          title="Instructor scores"
          intro="Professionals credited as lead or follow, as an entry's instructor or in a formation; with the feedback given."
          progress={engine.progress('instructors')}
          tables={[instructorTable(engine.instructors(), settings)]}
        />
      );
    case 'multis': {
      const competitions = engine.competitions();
      return (
        <TablesView
          engine={engine}
          title="Multi-dance"
          intro="Multi-dances by their marks; scrutineered ones placed by the Skating System."
          progress={engine.progress('multis')}
          tables={[...competitions.map(competitionTable), ...entryTables(engine.multis(), settings, 'Multi-dance')]}
        >
          {competitions.length > 0 ? <CompetitionList results={competitions} /> : null}
        </TablesView>
      );
    }
    case 'pros':
      return (
        <TablesView
          engine={engine}
          title="Pro scores"
          intro="Heats danced by two professionals, by agenda item."
          progress={engine.progress('pros')}
          tables={entryTables(engine.pros(), settings, 'Pro scores')}
        />
      );
    case 'sheets':
      return <ScoreSheets engine={engine} />;
    case 'unscored':
      return (
        <TablesView
          engine={engine}
          title="Unscored heats"
          intro="Couples on the floor that no judge has marked at all."
          tables={[unscoredTable(engine.unscored())]}
        />
      );
    case 'comments':
      return (
        <TablesView
          engine={engine}
          title="Judge comments"
          intro="Every comment, once for each student it is about."
          tables={[commentsTable(engine.comments())]}
        />
      );
    case 'publish':
      return <PublishView engine={engine} />;
  }
}

function Overview({ engine }: { engine: ResultsEngine }) {
  const all = engine.allProgress();
  const competitions = engine.competitions();
  return (
    <section className="rs-view" aria-labelledby="rs-title">
      <h2 id="rs-title">Overview</h2>
      <p className="muted rs-intro">
        Results are worked out on this device from the marks it holds, and change as marks arrive.
      </p>
      <ProgressLine progress={summaryProgress(all)} />
      {competitions.length > 0 ? (
        <>
          <h3>Scrutineered heats</h3>
          <CompetitionList results={competitions} />
        </>
      ) : null}
    </section>
  );
}

/** `/e/<id>/organizer/results`: every summary of the event, live, printable, as CSV, and publishing. */
export function ResultsPage() {
  const { engine } = useResults();
  const [params, setParams] = useSearchParams();
  const view = (VIEWS.find((v) => v.id === params.get('view'))?.id ?? 'overview') as ViewId;
  return (
    <main className="screen rs">
      <h1>Results</h1>
      <nav className="rs-views" aria-label="Results">
        {VIEWS.map((v) => (
          <Link
            key={v.id}
            href={`/results${v.id === 'overview' ? '' : `?view=${v.id}`}`}
            className="rs-view-link"
            aria-current={v.id === view ? 'page' : undefined}
            onClick={(event) => {
              event.preventDefault();
              setParams(v.id === 'overview' ? {} : { view: v.id });
            }}
          >
            {v.label}
          </Link>
        ))}
      </nav>
      {engine ? <View engine={engine} view={view} /> : <Loading />}
    </main>
  );
}
