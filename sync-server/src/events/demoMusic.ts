import { createHash } from 'node:crypto';
import type { MusicFile, ProgramData, Song } from '@ondeck/shared';
import { toneWav } from '@ondeck/shared/testkit';
import { sniffAudioType } from '../music/audioType.ts';
import type { EventFiles } from '../music/eventFiles.ts';
import { type ObjectStore, putContentAddressed } from '../objectStore/index.ts';

/**
 * A few seconds per track, at a low sample rate: real, playable audio, and the whole demo
 * (25 songs and 5 solos) is ~2.6 MB for "Make available offline" to fetch.
 */
const TRACK = { seconds: 4, sampleRate: 11_025 } as const;
/** A3; each track a semitone above the last, so every file (and its hash) is its own. */
const FIRST_HZ = 220;

export interface DemoTrack {
  sha256: string;
  bytes: Uint8Array;
}

function track(index: number): DemoTrack {
  const bytes = toneWav({ ...TRACK, frequency: FIRST_HZ * 2 ** (index / 12) });
  return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes };
}

/**
 * A song for every danced dance the generator gave none (its multi-dances), so no heat of the
 * DJ's running order is left without music.
 */
function songsForEveryDance(program: ProgramData): Song[] {
  const songs = program.songs ?? [];
  const danced = new Set(
    (program.heats ?? []).filter((h) => h.number > 0 && h.category !== 'Solo').map((h) => h.danceId),
  );
  const withSongs = new Set(songs.map((song) => song.danceId));
  let order = Math.max(0, ...songs.map((song) => song.order));
  const ids = new Set(songs.map((song) => song.id));
  const added = (program.dances ?? [])
    .filter((dance) => danced.has(dance.id) && !withSongs.has(dance.id))
    .map((dance): Song => {
      let n = songs.length + 1;
      while (ids.has(`sg${n}`)) n++;
      ids.add(`sg${n}`);
      return { id: `sg${n}`, danceId: dance.id, title: `${dance.name} Medley`, artist: 'ondeck demo', order: ++order };
    });
  return [...songs, ...added];
}

/**
 * The demo program with music: a track for every song (in play order) and every solo (in
 * running order), referenced by SHA-256 in the records exactly as the organiser's device
 * writes an upload's hash. The program stays the one write of the document's first state.
 */
export function withDemoMusic(program: ProgramData): { program: ProgramData; tracks: DemoTrack[] } {
  const songs = songsForEveryDance(program).sort((a, b) => a.order - b.order);
  const solos = [...(program.solos ?? [])].sort((a, b) => a.order - b.order);
  const tracks = Array.from({ length: songs.length + solos.length }, (_, i) => track(i));
  const songFile = new Map([...songs, ...solos].map((record, i) => [record.id, (tracks[i] as DemoTrack).sha256]));
  return {
    program: {
      ...program,
      songs: songs.map((song) => ({ ...song, songFile: songFile.get(song.id) as string })),
      solos: program.solos?.map((solo) => ({ ...solo, songFile: songFile.get(solo.id) as string })),
    },
    tracks,
  };
}

/**
 * Stores the tracks as an organiser's upload would be stored: content-addressed under their
 * hash, and referenced as the event's files. Idempotent: what is there already is not sent again.
 */
export async function storeDemoMusic(
  store: ObjectStore,
  files: EventFiles,
  eventId: string,
  tracks: readonly DemoTrack[],
): Promise<void> {
  for (const { bytes } of tracks) {
    const type = sniffAudioType(bytes);
    if (!type) throw new Error('a generated demo track is not recognised as audio');
    const sha256 = await putContentAddressed(store, bytes, { contentType: type });
    const info: MusicFile = { sha256, size: bytes.byteLength, type };
    if (!(await files.get(eventId, sha256))) await files.add(eventId, info);
  }
}
