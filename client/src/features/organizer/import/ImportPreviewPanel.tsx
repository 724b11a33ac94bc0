import { type CollectionName, describeProblem, type ImportPreview, plural } from '@ondeck/shared';
import { Notice } from '../../../components/Notice.tsx';
import { formatBytes } from '../../../lib/format.ts';
import { COLLECTION_LABELS, settingChange } from './labels.ts';

/** "2025-12-02" of a Rails schema version (20251202203916). */
const schemaDay = (version: string) => `${version.slice(0, 4)}-${version.slice(4, 6)}-${version.slice(6, 8)}`;

/**
 * An upload's preview, for reading before anything changes: what will change in the event,
 * what the file holds table by table, what is left out and why, and every problem with the row
 * it concerns. Errors keep the import button disabled, and say so.
 */
export function ImportPreviewPanel({
  preview,
  busy,
  onCommit,
  onDiscard,
}: {
  preview: ImportPreview;
  busy: boolean;
  onCommit: () => void;
  onDiscard: () => void;
}) {
  const errors = preview.problems.filter((p) => p.severity === 'error');
  const warnings = preview.problems.length - errors.length;
  const { changes } = preview;
  const collections = Object.entries(changes.collections) as Array<
    [CollectionName, NonNullable<(typeof changes.collections)[CollectionName]>]
  >;
  const changing = collections.filter(([, c]) => c.added + c.changed + c.removed > 0);
  const nothing =
    changing.length === 0 && changes.settings.length === 0 && changes.marks.added + changes.marks.updated === 0;
  return (
    <section className="card stack import-preview" aria-labelledby="preview-title" data-testid="import-preview">
      <h2 id="preview-title">Preview of {preview.fileName}</h2>
      <p className="muted">
        {formatBytes(preview.size)}
        {preview.database
          ? ` · Showcase database ${preview.database.name}${preview.database.schemaVersion ? ` (schema of ${schemaDay(preview.database.schemaVersion)})` : ''}`
          : ' · spreadsheet'}
        {preview.reimport
          ? '. Imported before: only what changed in the file since then is applied, and marks entered in ondeck stay.'
          : '.'}
      </p>
      {errors.length > 0 ? (
        <Notice tone="error" title={`${plural(errors.length, 'problem')} to fix before importing`}>
          Fix {errors.length === 1 ? 'it' : 'them'} in the file (see Problems below) and upload it again. Nothing has
          changed in the event.
        </Notice>
      ) : (
        <Notice tone="info" title="Nothing has changed yet">
          Read what will change, then import. {warnings > 0 ? `${plural(warnings, 'warning')} below.` : ''}
        </Notice>
      )}

      <h3>What will change</h3>
      {errors.length > 0 ? (
        <p className="muted">Leaving out the rows with problems, this is what the file would change:</p>
      ) : null}
      {nothing ? <p>Nothing: the event already holds everything in this file.</p> : null}
      {changing.length > 0 ? (
        <table className="import-table">
          <thead>
            <tr>
              <th scope="col">Records</th>
              <th scope="col">Added</th>
              <th scope="col">Changed</th>
              <th scope="col">Removed</th>
            </tr>
          </thead>
          <tbody>
            {changing.map(([name, c]) => (
              <tr key={name}>
                <th scope="row">{COLLECTION_LABELS[name]}</th>
                <td>{c.added}</td>
                <td>{c.changed}</td>
                <td>{c.removed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p data-testid="import-marks">
        <strong>Marks:</strong> {changes.marks.added} added, {changes.marks.updated} updated
        {changes.marks.keptNewer > 0 ? `, ${changes.marks.keptNewer} kept as entered later in ondeck` : ''}
        {changes.marks.unchanged > 0 ? `, ${changes.marks.unchanged} unchanged` : ''}.
      </p>
      {changes.settings.length > 0 ? (
        <>
          <p>
            <strong>Settings:</strong>
          </p>
          <ul>
            {changes.settings.map((change) => (
              <li key={change.key}>{settingChange(change)}</li>
            ))}
          </ul>
        </>
      ) : null}
      {changes.records.length > 0 ? (
        <details>
          <summary>Every change ({changes.records.length + changes.moreRecords})</summary>
          <ul className="import-changes">
            {changes.records.map((r) => (
              <li key={`${r.collection}/${r.id}`}>
                <span className={`pill import-${r.change}`}>{r.change}</span> {r.label}
                {r.fields ? <span className="muted"> ({r.fields.join(', ')})</span> : null}
              </li>
            ))}
            {changes.moreRecords > 0 ? <li className="muted">…and {changes.moreRecords} more</li> : null}
          </ul>
        </details>
      ) : null}

      {preview.problems.length > 0 ? (
        <>
          <h3>Problems</h3>
          <ul className="import-problems" aria-label="Problems">
            {preview.problems.map((problem) => (
              <li
                key={`${problem.severity} ${describeProblem(problem)}`}
                className={`import-problem-${problem.severity}`}
              >
                <strong>{problem.severity === 'error' ? 'Error' : 'Warning'}</strong> {describeProblem(problem)}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h3>In the file</h3>
      <table className="import-table">
        <thead>
          <tr>
            <th scope="col">{preview.format === 'csv' ? 'Read' : 'Table'}</th>
            <th scope="col">Rows</th>
            <th scope="col">Imported</th>
          </tr>
        </thead>
        <tbody>
          {preview.tables
            .filter((t) => t.rows > 0 || t.imported)
            .map((t) => (
              <tr key={t.table}>
                <th scope="row">{t.table}</th>
                <td>{t.rows}</td>
                <td>{t.imported ? 'Yes' : `Left out: ${t.reason ?? ''}`}</td>
              </tr>
            ))}
        </tbody>
      </table>
      {preview.music && preview.music.attached > 0 ? (
        <p>
          <strong>Music:</strong> {preview.music.found} of {plural(preview.music.attached, 'attached file')} found in
          the upload{preview.music.found > 0 ? '; they are stored when you import' : ''}.
        </p>
      ) : null}
      {preview.skipped.length > 0 ? (
        <>
          <h3>Left out</h3>
          <ul>
            {preview.skipped.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      ) : null}

      <div className="actions">
        <button type="button" className="button" disabled={!preview.canCommit || busy} onClick={onCommit}>
          {busy ? 'Importing…' : 'Import into this event'}
        </button>
        <button type="button" className="button button-secondary" disabled={busy} onClick={onDiscard}>
          Discard
        </button>
      </div>
    </section>
  );
}
