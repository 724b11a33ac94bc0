import type { PublishedResult } from '@ondeck/shared';
import { Loading } from '../../components/Loading.tsx';
import { formatTime } from '../../lib/format.ts';
import { useProgram } from '../../sync/hooks.ts';
import { ResultTableView } from './ResultTableView.tsx';
import './results.css';

/**
 * `/e/<id>/results`: the results the organiser published, read-only, for every role — the
 * `public` link included. Nothing is worked out here: it shows the tables as published.
 */
export default function PublicResultsPage() {
  const program = useProgram();
  if (!program) return <Loading />;
  const tables = [...program.results.values()].sort((a, b) => a.order - b.order);
  const sections = new Map<string, PublishedResult[]>();
  for (const table of tables) sections.set(table.section, [...(sections.get(table.section) ?? []), table]);
  const at = tables[0]?.publishedAt;
  return (
    <main className="screen rs rs-public">
      <h1>Results</h1>
      {at === undefined ? (
        <p className="muted">No results are published yet. They appear here when the organiser publishes them.</p>
      ) : (
        <p className="muted">
          {program.settings.name} · published at {formatTime(at)}
        </p>
      )}
      {[...sections].map(([section, list]) => (
        <section key={section} aria-label={section}>
          <h2>{section}</h2>
          {list.map((table) => (
            <ResultTableView key={table.id} table={table} />
          ))}
        </section>
      ))}
    </main>
  );
}
