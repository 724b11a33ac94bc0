import type { ResultsEngine } from '@ondeck/shared';
import { useState } from 'react';
import { Link } from 'wouter';
import { Notice } from '../../components/Notice.tsx';
import { formatTime } from '../../lib/format.ts';
import { useResultsPublisher } from './mutations.ts';
import { publishedTables, SECTIONS, type SectionId } from './published.ts';

/**
 * Publishing results: the chosen tables, as they stand, written into the program — so every
 * device of the event (the public link included) shows them, and keeps showing exactly them
 * until the organiser publishes again.
 */
export function PublishView({ engine }: { engine: ResultsEngine }) {
  const publisher = useResultsPublisher();
  const published = [...engine.program.results.values()].sort((a, b) => a.order - b.order);
  const [sections, setSections] = useState<SectionId[]>(['level', 'multis']);
  const [busy, setBusy] = useState(false);
  const [empty, setEmpty] = useState(false);
  const at = published[0]?.publishedAt;
  const run = async (action: () => Promise<void> | undefined) => {
    setBusy(true);
    try {
      await action();
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="rs-view" aria-labelledby="rs-title">
      <h2 id="rs-title">Publish results</h2>
      <p className="muted rs-intro">
        Published results are shown read-only to everyone with a link to the event, dancers and parents with the public
        link included (make it on the <Link href="~/organizer/publish">Publish</Link> screen). They stay as published
        until you publish again.
      </p>
      <div className="card stack" data-testid="results-publish-state">
        {at !== undefined ? (
          <Notice tone="success" title={`Published at ${formatTime(at)}`}>
            {published.length} tables: {[...new Set(published.map((p) => p.section))].join(', ')}.
          </Notice>
        ) : (
          <p>
            <strong>Not published.</strong> Only you see the results.
          </p>
        )}
        <fieldset className="rs-sections">
          <legend>Publish</legend>
          {SECTIONS.map((section) => (
            <label key={section.id} className="check">
              <input
                type="checkbox"
                checked={sections.includes(section.id)}
                onChange={(event) =>
                  setSections((now) =>
                    event.target.checked ? [...now, section.id] : now.filter((id) => id !== section.id),
                  )
                }
              />
              <span>{section.label}</span>
            </label>
          ))}
        </fieldset>
        {empty ? (
          <Notice tone="warning" title="Nothing to publish yet">
            The chosen results have no marks yet.
          </Notice>
        ) : null}
        <div className="actions">
          <button
            type="button"
            className="button"
            disabled={!publisher || busy || sections.length === 0}
            onClick={() => {
              const tables = publishedTables(engine, sections, Date.now());
              setEmpty(tables.length === 0);
              if (tables.length > 0)
                void run(() =>
                  publisher?.publishResults(
                    tables,
                    published.map((p) => p.id),
                  ),
                );
            }}
          >
            {at !== undefined ? 'Publish again, as results stand now' : 'Publish results'}
          </button>
          {at !== undefined ? (
            <button
              type="button"
              className="button button-danger"
              disabled={!publisher || busy}
              onClick={() => void run(() => publisher?.unpublishResults(published.map((p) => p.id)))}
            >
              Stop publishing results
            </button>
          ) : null}
        </div>
      </div>
    </section>
  );
}
