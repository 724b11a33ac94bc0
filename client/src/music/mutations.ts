import { newId, putRecord, readCollection, readRecord, removeRecord } from '@ondeck/shared';
import { useMemo } from 'react';
import { useSession } from '../sync/context.ts';

/** Where an uploaded file goes: a new song of a dance, an existing song, or a solo. */
export type MusicTarget =
  | { kind: 'new-song'; danceId: string }
  | { kind: 'song'; songId: string }
  | { kind: 'solo'; soloId: string };

/**
 * The organiser's music changes to the `program` document, its one writer: a file is
 * uploaded first, then its hash is written here (each record read afresh inside the change, so
 * an edit made meanwhile on another device is kept). Null for roles that cannot write it.
 */
export function useMusicEditor() {
  const session = useSession();
  return useMemo(() => {
    if (!session.canWrite('program')) return null;
    return {
      /** Puts an uploaded file where it belongs; `title` is the file's name without extension. */
      attach: (target: MusicTarget, songFile: string, title: string) =>
        session.write('program', (doc) => {
          if (target.kind === 'new-song') {
            const orders = [...readCollection(doc, 'songs').values()].map((song) => song.order);
            const order = Math.max(0, ...orders) + 1;
            putRecord(doc, 'songs', { id: newId(), danceId: target.danceId, title, order, songFile });
          } else if (target.kind === 'song') {
            const song = readRecord(doc, 'songs', target.songId);
            if (song) putRecord(doc, 'songs', { ...song, songFile });
          } else {
            const solo = readRecord(doc, 'solos', target.soloId);
            if (solo) putRecord(doc, 'solos', { ...solo, songFile, song: solo.song || title });
          }
        }),
      removeSong: (id: string) => session.write('program', (doc) => removeRecord(doc, 'songs', id)),
    };
  }, [session]);
}
