import { djPlaylist, type MusicFile, type Program, plural } from '@ondeck/shared';
import { useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, useMemo, useState } from 'react';
import { Loading } from '../../components/Loading.tsx';
import { Notice } from '../../components/Notice.tsx';
import { formatBytes } from '../../lib/format.ts';
import { useBrowserOffline } from '../../lib/useBrowserOffline.ts';
import { useEventFiles } from '../../music/hooks.ts';
import { type MusicTarget, useMusicEditor } from '../../music/mutations.ts';
import { type UploadItem, useUploads } from '../../music/uploads.ts';
import { useEventMembership, useProgram } from '../../sync/hooks.ts';
import { scheduleOf } from '../heats/schedule.ts';
import '../../music/music.css';

const ACCEPT = 'audio/*,.mp3,.wav,.ogg,.flac,.m4a';

/** A button that opens the file chooser; its text is the input's label. */
function FilePick({
  label,
  name,
  multiple = false,
  disabled,
  onFiles,
}: {
  /** What the button shows. */
  label: string;
  /** What it is called, when the button's text alone is ambiguous ("Upload file for Moon River"). */
  name?: string;
  multiple?: boolean;
  disabled: boolean;
  onFiles: (files: File[]) => void;
}) {
  const change = (event: ChangeEvent<HTMLInputElement>) => {
    onFiles([...(event.target.files ?? [])]);
    event.target.value = '';
  };
  return (
    <label className={`button button-secondary file-pick${disabled ? ' button-disabled' : ''}`}>
      {label}
      <input
        type="file"
        accept={ACCEPT}
        multiple={multiple}
        disabled={disabled}
        onChange={change}
        {...(name ? { 'aria-label': name } : {})}
      />
    </label>
  );
}

function UploadQueue({ items, onClear }: { items: UploadItem[]; onClear: () => void }) {
  if (items.length === 0) return null;
  const active = items.filter((item) => item.status !== 'failed');
  const total = active.reduce((sum, item) => sum + item.size, 0);
  const sent = active.reduce((sum, item) => sum + (item.status === 'done' ? item.size : item.sent), 0);
  const current = items.find((item) => item.status === 'uploading');
  const done = items.filter((item) => item.status === 'done').length;
  const failed = items.filter((item) => item.status === 'failed');
  const position = items.filter((item) => item.status !== 'waiting').length;
  return (
    <section className="card stack upload-queue" aria-labelledby="uploads-title">
      <h2 id="uploads-title">Uploads</h2>
      <p role="status" data-testid="upload-status">
        {current
          ? `Uploading ${position} of ${items.length}: ${current.name} (${Math.round((current.sent / Math.max(1, current.size)) * 100)}%)`
          : `${done} of ${items.length} files uploaded${failed.length > 0 ? `, ${failed.length} refused` : ''}.`}
      </p>
      <progress
        max={Math.max(1, total)}
        value={sent}
        aria-label={`${formatBytes(sent)} of ${formatBytes(total)} sent`}
      />
      {failed.length > 0 ? (
        <ul>
          {failed.map((item) => (
            <li key={item.id} className="upload-failed">
              {item.name}: {item.error}
            </li>
          ))}
        </ul>
      ) : null}
      {current ? null : (
        <div className="actions">
          <button type="button" className="button button-secondary" onClick={onClear}>
            Clear this list
          </button>
        </div>
      )}
    </section>
  );
}

function fileFacts(sha256: string | undefined, files: Map<string, MusicFile>) {
  if (!sha256) return <span className="music-missing">No music file</span>;
  const file = files.get(sha256);
  return <span className="muted">{file ? `Music file · ${formatBytes(file.size)}` : 'Music file'}</span>;
}

/** Remove, then a second tap to be sure: a song taken out of the rotation changes what every later heat plays. */
function RemoveSong({ title, remove }: { title: string; remove: (() => void) | null }) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming)
    return (
      <button
        type="button"
        className="button button-danger"
        disabled={!remove}
        onClick={() => setConfirming(true)}
        aria-label={`Remove ${title}`}
      >
        Remove
      </button>
    );
  return (
    <>
      <button type="button" className="button button-danger" disabled={!remove} onClick={() => remove?.()}>
        Yes, remove {title}
      </button>
      <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </>
  );
}

/** Dances with freestyle heats or songs, in dance order, each with its songs in play order. */
function songsByDance(program: Program) {
  const danced = new Set(
    [...program.heats.values()].filter((heat) => heat.category !== 'Solo').map((heat) => heat.danceId),
  );
  for (const song of program.songs.values()) danced.add(song.danceId);
  const songs = [...program.songs.values()].sort((a, b) => a.order - b.order);
  return [...program.dances.values()]
    .filter((dance) => danced.has(dance.id) && dance.order > 0)
    .sort((a, b) => a.order - b.order)
    .map((dance) => ({ dance, songs: songs.filter((song) => song.danceId === dance.id) }));
}

/**
 * `/e/<id>/organizer/music`: the organiser uploads the event's music — songs per dance for the
 * freestyle heats (several files at once; a new song's title is its file name) and each
 * solo's routine. The server checks each file is audio and within its size limit; the song's
 * record in the program then names the file by its SHA-256.
 */
export function MusicPage() {
  const program = useProgram();
  const editor = useMusicEditor();
  const { eventId } = useEventMembership();
  const listed = useEventFiles();
  const offline = useBrowserOffline();
  const queryClient = useQueryClient();
  const uploads = useUploads(async (target: MusicTarget, file: MusicFile, title: string) => {
    await editor?.attach(target, file.sha256, title);
    void queryClient.invalidateQueries({ queryKey: ['events', eventId, 'files'] });
  }, listed.data?.maxUploadBytes);
  const files = useMemo(() => new Map((listed.data?.files ?? []).map((file) => [file.sha256, file])), [listed.data]);
  const dances = useMemo(() => (program ? songsByDance(program) : []), [program]);
  const solos = useMemo(
    () => (program ? djPlaylist(program, scheduleOf(program)).filter((entry) => entry.kind === 'Solo') : []),
    [program],
  );
  if (!program) return <Loading />;
  const cannot = offline || !editor;

  return (
    <main className="screen">
      <h1>Music</h1>
      <p className="lead">
        Songs for the freestyle heats, by dance (each heat gets the next song of its dance in turn), and each solo’s
        music. MP3, WAV, Ogg, FLAC or M4A
        {listed.data ? `, up to ${formatBytes(listed.data.maxUploadBytes)} each` : ''}.
      </p>
      {offline ? (
        <Notice tone="warning" title="Uploads need the network">
          Music goes to the server first; connect to upload.
        </Notice>
      ) : null}
      <UploadQueue items={uploads.items} onClear={uploads.clearFinished} />

      <h2>Songs for freestyle heats</h2>
      {dances.length === 0 ? <p className="muted">No dances with freestyle heats yet.</p> : null}
      <div className="stack">
        {dances.map(({ dance, songs }) => (
          <section key={dance.id} className="card music-dance" aria-labelledby={`dance-${dance.id}`}>
            <h3 id={`dance-${dance.id}`}>
              {dance.name} <span className="muted">· {plural(songs.length, 'song')}</span>
            </h3>
            {songs.length === 0 ? <p className="music-missing">No songs: its heats have no music.</p> : null}
            <ol className="list">
              {songs.map((song) => (
                <li key={song.id} className="row" data-testid="song">
                  <span className="row-main">
                    <strong>{[song.title, song.artist].filter(Boolean).join(' — ')}</strong>
                    {fileFacts(song.songFile, files)}
                  </span>
                  <span className="actions">
                    <FilePick
                      label={song.songFile ? 'Replace file' : 'Upload file'}
                      name={`${song.songFile ? 'Replace' : 'Upload'} file for ${song.title}`}
                      disabled={cannot}
                      onFiles={(chosen) => uploads.add(chosen.slice(0, 1), () => ({ kind: 'song', songId: song.id }))}
                    />
                    <RemoveSong title={song.title} remove={editor ? () => void editor.removeSong(song.id) : null} />
                  </span>
                </li>
              ))}
            </ol>
            <div className="actions">
              <FilePick
                label={`Add songs to ${dance.name}`}
                multiple
                disabled={cannot}
                onFiles={(chosen) => uploads.add(chosen, () => ({ kind: 'new-song', danceId: dance.id }))}
              />
            </div>
          </section>
        ))}
      </div>

      <h2>Solo music</h2>
      {solos.length === 0 ? <p className="muted">No solos are scheduled.</p> : null}
      <ol className="list">
        {solos.map((solo) => (
          <li key={solo.key} className="row" data-testid="solo">
            <span className="row-main">
              <strong>
                Heat {solo.label} · {solo.dance} · {solo.dancers}
              </strong>
              <span>{[solo.title, solo.artist].filter(Boolean).join(' — ') || 'No song named'}</span>
              {fileFacts(solo.songFile, files)}
            </span>
            <FilePick
              label={solo.songFile ? 'Replace music' : 'Upload music'}
              name={`${solo.songFile ? 'Replace' : 'Upload'} music for heat ${solo.label}`}
              disabled={cannot}
              onFiles={(chosen) =>
                uploads.add(chosen.slice(0, 1), () => ({ kind: 'solo', soloId: solo.soloId as string }))
              }
            />
          </li>
        ))}
      </ol>
    </main>
  );
}
