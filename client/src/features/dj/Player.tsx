import { type PlaylistEntry, playlistDance } from '@ondeck/shared';
import { type RefObject, useState } from 'react';
import type { NowPlaying } from '../../music/hooks.ts';

type AudioState = 'idle' | 'loading' | 'playing' | 'paused' | 'ended' | 'error';

/** The screen's one player, kept in view: what plays, from where, and its controls. */
export function Player({
  audio,
  now,
  entry,
  onFloor,
}: {
  audio: RefObject<HTMLAudioElement | null>;
  now: NowPlaying | null;
  entry: PlaylistEntry | undefined;
  /** The heat on the floor with music, to play in one tap. */
  onFloor: { entry: PlaylistEntry; play: () => void } | null;
}) {
  const [state, setState] = useState<AudioState>('idle');
  return (
    <section className="player" aria-label="Player">
      <div className="player-now" aria-live="polite">
        {entry && now ? (
          <>
            <strong>
              Heat {entry.label} · {playlistDance(entry)}
            </strong>
            <span>{[entry.title, entry.artist].filter(Boolean).join(' — ')}</span>
            <span className={now.source === 'device' ? 'pill pill-saved' : 'pill pill-pending'}>
              {now.source === 'device' ? 'From this device' : 'From the server'}
            </span>
            {state === 'error' ? (
              <strong className="player-error" role="alert">
                This song cannot be played{now.source === 'server' ? ' — the server cannot be reached' : ''}. Try again,
                or use the playlist ZIP.
              </strong>
            ) : null}
          </>
        ) : (
          <span className="muted">Choose Play on a heat or solo.</span>
        )}
      </div>
      {/* biome-ignore lint/a11y/useMediaCaption: dance music has no words to caption */}
      <audio
        ref={audio}
        controls
        preload="none"
        data-testid="player-audio"
        data-source={now?.source ?? ''}
        data-state={state}
        onLoadStart={() => setState('loading')}
        onPlaying={() => setState('playing')}
        onPause={() => setState('paused')}
        onEnded={() => setState('ended')}
        onError={() => setState('error')}
      />
      {onFloor ? (
        <button type="button" className="button" onClick={onFloor.play}>
          Play heat {onFloor.entry.label} (on the floor)
        </button>
      ) : null}
    </section>
  );
}
