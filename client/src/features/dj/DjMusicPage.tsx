import { djPlaylist, musicFiles, type PlaylistEntry } from '@ondeck/shared';
import { startTransition, useEffect, useMemo, useState } from 'react';
import { Loading } from '../../components/Loading.tsx';
import { useDownloads, useLibrary, usePlayer } from '../../music/hooks.ts';
import { useLive, useProgram } from '../../sync/hooks.ts';
import '../../music/music.css';
import { scheduleOf } from '../heats/schedule.ts';
import { OfflineMusic } from './OfflineMusic.tsx';
import { Player } from './Player.tsx';

type Filter = 'all' | 'solos' | 'missing';

/** Rows in the first paint; the rest follow without blocking it (a large event has hundreds). */
const FIRST_ROWS = 40;

/**
 * `/e/<id>/music`: the DJ's music (DOMAIN.md §6) — every heat in running order with the song
 * its dance's rotation gives it, every solo with its song, artist and dancers, one player, and
 * the music kept on this device for when the network fails. Missing music is marked in red
 * and in words.
 */
export default function DjMusicPage() {
  const program = useProgram();
  const live = useLive();
  const library = useLibrary();
  const { audio, now, play } = usePlayer();
  const playlist = useMemo(() => (program ? djPlaylist(program, scheduleOf(program)) : []), [program]);
  const songFiles = useMemo(() => (program ? musicFiles(program) : []), [program]);
  const downloads = useDownloads(songFiles);
  const [filter, setFilter] = useState<Filter>('all');
  const [shown, setShown] = useState(FIRST_ROWS);
  useEffect(() => {
    if (shown < playlist.length) startTransition(() => setShown(playlist.length));
  }, [shown, playlist.length]);
  if (!program) return <Loading />;

  const onFloorNumbers = new Set([...(live?.current.values() ?? [])].map((heat) => heat.number));
  const missing = playlist.filter((entry) => !entry.songFile);
  const solos = playlist.filter((entry) => entry.kind === 'Solo');
  const rows = filter === 'solos' ? solos : filter === 'missing' ? missing : playlist;
  const floorEntry = playlist.find((entry) => onFloorNumbers.has(entry.number) && entry.songFile);
  const playEntry = (entry: PlaylistEntry) => {
    if (entry.songFile) void play(entry.key, entry.songFile);
  };

  return (
    <main className="screen music-screen">
      <h1>Music</h1>
      <OfflineMusic library={library} songFiles={songFiles} downloads={downloads} />
      <h2 id="music-list-title">Running order</h2>
      <fieldset className="music-filters">
        <legend className="visually-hidden">Show</legend>
        <button
          type="button"
          className="button button-secondary"
          aria-pressed={filter === 'all'}
          onClick={() => setFilter('all')}
        >
          Everything ({playlist.length})
        </button>
        <button
          type="button"
          className="button button-secondary"
          aria-pressed={filter === 'solos'}
          onClick={() => setFilter('solos')}
        >
          Solos ({solos.length})
        </button>
        <button
          type="button"
          className="button button-secondary"
          aria-pressed={filter === 'missing'}
          onClick={() => setFilter('missing')}
        >
          No music ({missing.length})
        </button>
      </fieldset>
      {rows.length === 0 ? (
        <p className="muted">{filter === 'missing' ? 'Every heat and solo has music.' : 'Nothing is scheduled yet.'}</p>
      ) : (
        <ol className="card-list" aria-labelledby="music-list-title">
          {rows.slice(0, shown).map((entry) => (
            <Track
              key={entry.key}
              entry={entry}
              stored={Boolean(entry.songFile && library?.hashes.has(entry.songFile))}
              playing={now?.key === entry.key}
              onFloor={onFloorNumbers.has(entry.number)}
              onPlay={() => playEntry(entry)}
            />
          ))}
        </ol>
      )}
      <Player
        audio={audio}
        now={now}
        entry={playlist.find((entry) => entry.key === now?.key)}
        onFloor={floorEntry ? { entry: floorEntry, play: () => playEntry(floorEntry) } : null}
      />
    </main>
  );
}

function Track({
  entry,
  stored,
  playing,
  onFloor,
  onPlay,
}: {
  entry: PlaylistEntry;
  stored: boolean;
  playing: boolean;
  onFloor: boolean;
  onPlay: () => void;
}) {
  const solo = entry.kind === 'Solo';
  const classes = [
    'track',
    entry.songFile ? '' : 'track-missing',
    onFloor ? 'track-floor' : '',
    playing ? 'track-playing' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const song = [entry.title, entry.artist].filter(Boolean).join(' — ');
  return (
    <li className={classes} data-testid="track" aria-current={onFloor ? 'step' : undefined}>
      <span className="track-heat">{entry.label}</span>
      <span className="track-what">
        <span className="track-dance">{solo ? `Solo · ${entry.dance}` : entry.dance}</span>
        {entry.songFile ? (
          <span>{song || 'Untitled'}</span>
        ) : (
          <span className="track-none">{song ? `No music file (${song})` : 'No song for this dance'}</span>
        )}
        {solo ? <span className="muted">{[entry.dancers, entry.studio].filter(Boolean).join(' · ')}</span> : null}
      </span>
      {onFloor ? <span className="pill pill-current">On the floor</span> : null}
      {entry.songFile ? (
        <>
          <span className={stored ? 'pill pill-saved' : 'pill pill-pending'}>
            {stored ? 'On this device' : 'Not downloaded'}
          </span>
          <button
            type="button"
            className="button"
            onClick={onPlay}
            aria-label={`Play heat ${entry.label}: ${song || 'untitled'}`}
          >
            {playing ? 'Replay' : 'Play'}
          </button>
        </>
      ) : null}
    </li>
  );
}
