import {
  type CollectionChanges,
  type CollectionName,
  CSV_COLUMNS,
  CSV_TEMPLATE,
  type ImportFormat,
  type ImportResult,
  plural,
} from '@ondeck/shared';
import { type ChangeEvent, useState } from 'react';
import { Link } from 'wouter';
import { Notice } from '../../../components/Notice.tsx';
import { formatBytes, formatTime } from '../../../lib/format.ts';
import { useBrowserOffline } from '../../../lib/useBrowserOffline.ts';
import { useEventMembership } from '../../../sync/hooks.ts';
import { exportUrl } from './api.ts';
import { ImportPreviewPanel } from './ImportPreviewPanel.tsx';
import { COLLECTION_LABELS } from './labels.ts';
import { useCommitImport, useDiscardImport, useUploadImport } from './mutations.ts';
import { useImportPreview, useImportStatus } from './queries.ts';
import './import.css';

const TEMPLATE_HREF = `data:text/csv;charset=utf-8,${encodeURIComponent(`\ufeff${CSV_TEMPLATE}`)}`;

/** A button that opens the file chooser; its text is the input's label. */
function FilePick({
  label,
  accept,
  disabled,
  onFile,
}: {
  label: string;
  accept: string;
  disabled: boolean;
  onFile: (file: File) => void;
}) {
  const change = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) onFile(file);
  };
  return (
    <label className={`button import-pick${disabled ? ' button-disabled' : ''}`}>
      {label}
      <input type="file" accept={accept} disabled={disabled} onChange={change} />
    </label>
  );
}

function Committed({ result, fileName, eventId }: { result: ImportResult; fileName: string; eventId: string }) {
  const { collections, marks } = result.changes;
  const counts = (Object.entries(collections) as Array<[CollectionName, CollectionChanges]>)
    .filter(([, c]) => c.added + c.changed + c.removed > 0)
    .map(
      ([name, c]) =>
        `${COLLECTION_LABELS[name]}: ${[c.added && `${c.added} added`, c.changed && `${c.changed} changed`, c.removed && `${c.removed} removed`].filter(Boolean).join(', ')}`,
    );
  return (
    <Notice tone="success" title={`Imported ${fileName}`}>
      <p>
        {counts.length > 0 ? `${counts.join('; ')}. ` : 'No records changed. '}
        {plural(marks.added + marks.updated, 'mark')} written into the judges’ documents.
        {result.music ? ` ${plural(result.music.stored, 'music file')} stored.` : ''}
      </p>
      {result.music?.skipped.length ? (
        <ul>
          {result.music.skipped.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      <p className="actions">
        <Link className="button" href={`~/e/${eventId}/heats`}>
          Open the heat list
        </Link>
        <Link className="button button-secondary" href="/invites">
          Invite the judges
        </Link>
      </p>
    </Notice>
  );
}

/**
 * `/e/<id>/organizer/import`: the organiser brings an event in — a Showcase database (or a ZIP
 * of it with its storage folder, for the music) or the CSV template — reads the preview, and
 * imports it; and takes the judges' marks back out, into a copy of the Showcase database or as
 * CSV. Everything here needs the server, so it says so when offline.
 */
export function ImportPage() {
  const membership = useEventMembership();
  const offline = useBrowserOffline();
  const status = useImportStatus();
  const upload = useUploadImport();
  const commit = useCommitImport();
  const discard = useDiscardImport();
  const [previewId, setPreviewId] = useState<string | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [committed, setCommitted] = useState<{ result: ImportResult; fileName: string } | null>(null);
  const preview = useImportPreview(previewId);
  const maxBytes = status.data?.maxImportBytes;

  const send = (file: File, format: ImportFormat) => {
    setCommitted(null);
    commit.reset();
    upload.reset();
    setRefused(null);
    if (maxBytes !== undefined && file.size > maxBytes) {
      setPreviewId(null);
      setRefused(`${file.name} is ${formatBytes(file.size)}, more than the ${formatBytes(maxBytes)} an import may be.`);
      return;
    }
    upload.mutate(
      { file, format },
      {
        onSuccess: (answer) => setPreviewId(answer.id),
        onError: () => setPreviewId(null),
      },
    );
  };
  const doCommit = () => {
    const current = preview.data;
    if (!current) return;
    commit.mutate(current.id, {
      onSuccess: (result) => {
        setCommitted({ result, fileName: current.fileName });
        setPreviewId(null);
      },
    });
  };
  const doDiscard = () => {
    if (previewId) discard.mutate(previewId, { onSuccess: () => setPreviewId(null) });
  };
  const busy = upload.isPending || commit.isPending;
  const cannot = offline || busy;
  const pending = (status.data?.pending ?? []).filter((p) => p.id !== previewId);

  return (
    <main className="screen import">
      <h1>Import and export</h1>
      <p className="lead">
        Bring the event in from Showcase or a spreadsheet — you see what will change before anything does — and take the
        judges’ marks back out.
      </p>
      {offline ? (
        <Notice tone="warning" title="Importing needs the network">
          Files go to the server, which reads them; connect to import or export.
        </Notice>
      ) : null}
      {committed ? <Committed {...committed} eventId={membership.eventId} /> : null}
      {upload.isPending ? (
        <section className="card stack" aria-labelledby="upload-title">
          <h2 id="upload-title">Uploading {upload.variables?.file.name}</h2>
          <progress
            max={Math.max(1, upload.variables?.file.size ?? 1)}
            value={upload.sent}
            aria-label={`${formatBytes(upload.sent)} of ${formatBytes(upload.variables?.file.size ?? 0)} sent`}
          />
          <p role="status">
            {upload.sent >= (upload.variables?.file.size ?? 1)
              ? 'Reading the file…'
              : `${formatBytes(upload.sent)} sent`}
          </p>
        </section>
      ) : null}
      {refused ? (
        <Notice tone="error" title="Too large to import">
          {refused}
        </Notice>
      ) : null}
      {upload.error ? (
        <Notice tone="error" title={`${upload.variables?.file.name ?? 'The file'} cannot be imported`}>
          {upload.error.message}
        </Notice>
      ) : null}
      {commit.error ? (
        <Notice tone="error" title="Not imported">
          {commit.error.message}
        </Notice>
      ) : null}
      {discard.error ? <Notice tone="error">{discard.error.message}</Notice> : null}
      {previewId && preview.error ? <Notice tone="error">{preview.error.message}</Notice> : null}
      {previewId && preview.data ? (
        <ImportPreviewPanel preview={preview.data} busy={busy} onCommit={doCommit} onDiscard={doDiscard} />
      ) : null}

      <div className="import-sources">
        <section className="card stack" aria-labelledby="from-showcase">
          <h2 id="from-showcase">From Showcase</h2>
          <p>
            The event’s database (<code>db/&lt;event&gt;.sqlite3</code> on the Showcase server), or a ZIP of it with its{' '}
            <code>storage</code> folder to bring the music along. Importing the same event again later applies only what
            changed.
          </p>
          <div className="actions">
            <FilePick
              label="Choose a Showcase database or ZIP"
              accept=".sqlite3,.sqlite,.db,.zip,application/zip,application/vnd.sqlite3"
              disabled={cannot}
              onFile={(file) => send(file, 'showcase')}
            />
          </div>
        </section>
        <section className="card stack" aria-labelledby="from-csv">
          <h2 id="from-csv">From a spreadsheet</h2>
          <p>
            One line per couple per dance (a heat); a line with no dance lists a person, such as a judge. Save the sheet
            as <strong>CSV UTF-8</strong>.
          </p>
          <details>
            <summary>The columns</summary>
            <dl className="import-columns">
              {CSV_COLUMNS.map((column) => (
                <div key={column.heading}>
                  <dt>
                    {column.heading}
                    {column.required ? ' (required)' : ''}
                  </dt>
                  <dd>{column.help}</dd>
                </div>
              ))}
            </dl>
          </details>
          <div className="actions">
            <FilePick
              label="Choose a CSV file"
              accept=".csv,text/csv"
              disabled={cannot}
              onFile={(file) => send(file, 'csv')}
            />
            <a className="button button-secondary" href={TEMPLATE_HREF} download="ondeck-template.csv">
              Download the template
            </a>
          </div>
        </section>
      </div>
      {maxBytes !== undefined ? <p className="muted">Files up to {formatBytes(maxBytes)}.</p> : null}

      {pending.length > 0 ? (
        <section className="card stack" aria-labelledby="waiting-title">
          <h2 id="waiting-title">Uploads waiting</h2>
          <ul className="list">
            {pending.map((p) => (
              <li key={p.id} className="row">
                <span className="row-main">
                  <strong>{p.fileName}</strong>
                  <span className="muted">
                    {formatBytes(p.size)} · uploaded {formatTime(p.uploadedAt)}
                  </span>
                </span>
                <span className="actions">
                  <button
                    type="button"
                    className="button button-secondary"
                    disabled={cannot}
                    onClick={() => setPreviewId(p.id)}
                  >
                    Show preview
                  </button>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="card stack" aria-labelledby="marks-out">
        <h2 id="marks-out">Take the marks out</h2>
        {status.data?.showcase ? (
          <p>
            Every mark goes into a copy of <strong>{status.data.showcase.fileName}</strong> (imported{' '}
            {formatTime(status.data.showcase.committedAt)}), in Showcase’s own <code>scores</code> rows: put it back on
            the Showcase server to carry on there.
          </p>
        ) : (
          <p className="muted">This event did not come from a Showcase database, so its marks go out as CSV.</p>
        )}
        <div className="actions">
          {status.data?.showcase ? (
            <a
              className={`button${offline ? ' button-disabled' : ''}`}
              href={exportUrl(membership, 'exportShowcase')}
              download
            >
              Download the Showcase database with the marks
            </a>
          ) : null}
          <a
            className={`button button-secondary${offline ? ' button-disabled' : ''}`}
            href={exportUrl(membership, 'exportMarksCsv')}
            download
          >
            Download every mark as CSV
          </a>
        </div>
      </section>
    </main>
  );
}
