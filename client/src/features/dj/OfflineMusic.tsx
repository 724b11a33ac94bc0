import { useEffect, useState } from 'react';
import { Notice } from '../../components/Notice.tsx';
import { useDeviceStorage } from '../../device/hooks.ts';
import { formatBytes } from '../../lib/format.ts';
import { useBrowserOffline } from '../../lib/useBrowserOffline.ts';
import { playlistZipUrl } from '../../music/api.ts';
import type { DownloadState } from '../../music/downloads.ts';
import type { Library } from '../../music/library.ts';
import { useEventMembership } from '../../sync/hooks.ts';

function timeLeft(seconds: number | null): string {
  if (seconds === null) return '';
  if (seconds < 60) return ' · less than a minute left';
  return ` · about ${Math.round(seconds / 60)} min left`;
}

function status(state: DownloadState, stored: number, total: number): string {
  if (state.phase === 'running')
    return `Downloading song ${Math.min(state.songsDone + 1, state.songs)} of ${state.songs}: ${formatBytes(state.bytesDone)}${
      state.bytesTotal !== null ? ` of ${formatBytes(state.bytesTotal)}` : ''
    }${timeLeft(state.secondsLeft)}`;
  if (state.phase === 'offline')
    return 'Paused: no network. It continues by itself when the connection is back; songs already here stay.';
  if (total > 0 && stored === total) return 'Every song is on this device: the music plays with no network.';
  if (state.wanted) return 'New songs download as soon as they arrive.';
  return 'Songs play from the server until they are on this device.';
}

/** "Make available offline": the DJ's one tap before the doors open, with progress and space. */
export function OfflineMusic({
  library,
  songFiles,
  downloads,
}: {
  library: Library | undefined;
  songFiles: string[];
  downloads: { state: DownloadState; start: () => void; free: () => Promise<void> };
}) {
  const membership = useEventMembership();
  const offline = useBrowserOffline();
  const { storage, refresh } = useDeviceStorage();
  const [confirmFree, setConfirmFree] = useState(false);
  const { state } = downloads;
  const stored = library ? songFiles.filter((sha256) => library.hashes.has(sha256)).length : 0;
  const total = songFiles.length;
  const bytes = library?.bytes ?? 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the device's figures change with the music stored
  useEffect(refresh, [bytes, refresh]);
  const complete = total > 0 && stored === total;

  return (
    <section className="card music-offline" aria-labelledby="music-offline-title">
      <div className="music-offline-head">
        <h2 id="music-offline-title">Music on this device</h2>
        {total > 0 ? (
          <p className="music-count" data-testid="music-stored">
            <strong>
              {stored} of {total} songs
            </strong>{' '}
            · {formatBytes(bytes)}
          </p>
        ) : null}
      </div>
      {total === 0 ? (
        <p>No music uploaded yet: the organiser adds songs and solo music under Music.</p>
      ) : complete ? null : (
        <progress
          className="music-progress"
          max={total}
          value={stored}
          aria-label={`${stored} of ${total} songs on this device`}
        />
      )}
      {state.problems.length > 0 ? (
        <Notice tone="error" title={`${state.problems.length} songs could not be downloaded`}>
          <ul>
            {state.problems.map((problem) => (
              <li key={problem.sha256}>{problem.message}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <div className="music-offline-row">
        {total > 0 ? (
          <p role="status" data-testid="music-status">
            {status(state, stored, total)}
          </p>
        ) : null}
        <div className="actions">
          {!complete || !state.wanted ? (
            <button
              type="button"
              className="button"
              disabled={total === 0 || offline || state.phase === 'running'}
              onClick={downloads.start}
            >
              Make available offline
            </button>
          ) : null}
          {total > 0 ? (
            <a
              className="button button-secondary"
              href={playlistZipUrl(membership)}
              download
              aria-disabled={offline}
              onClick={(event) => {
                if (offline) event.preventDefault();
              }}
            >
              Download playlist ZIP
            </a>
          ) : null}
          {bytes > 0 && !confirmFree ? (
            <button type="button" className="button button-danger" onClick={() => setConfirmFree(true)}>
              Free space…
            </button>
          ) : null}
        </div>
      </div>
      {confirmFree ? (
        <section className="notice notice-warning stack" aria-labelledby="music-free-title">
          <strong id="music-free-title">
            Remove {library?.hashes.size ?? 0} songs ({formatBytes(bytes)}) from this device?
          </strong>
          <span>They play from the server again, and not at all without a network.</span>
          <div className="actions">
            <button
              type="button"
              className="button button-danger"
              ref={(button) => button?.focus()}
              onClick={() => void downloads.free().then(() => setConfirmFree(false))}
            >
              Remove the music
            </button>
            <button type="button" className="button button-secondary" onClick={() => setConfirmFree(false)}>
              Keep it
            </button>
          </div>
        </section>
      ) : null}
      <p className="muted music-space">
        This device: {storage.usage !== undefined ? formatBytes(storage.usage) : 'unknown'} used
        {storage.quota ? ` of ${formatBytes(storage.quota)} the browser allows` : ''}
        {storage.persisted === false ? ' (the browser may clear it when space runs low)' : ''}.
      </p>
    </section>
  );
}
