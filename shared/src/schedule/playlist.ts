import type { Program } from '../docs/program.ts';
import type { HeatCategory, Song } from '../model/types.ts';
import { type HeatNumberView, heatNumbers } from './heats.ts';
import { songsByHeatNumber } from './songs.ts';

/** One piece of music the DJ plays: a freestyle heat's song or a solo's routine. */
export interface PlaylistEntry {
  /** Stable key: `heat:<number>` or `solo:<soloId>`. */
  key: string;
  number: number;
  /** "12", or "45.1" for a packed split. */
  label: string;
  kind: HeatCategory;
  /** "Closed Waltz", "Rumba / Cha Cha" for a combination solo. */
  dance: string;
  title?: string;
  artist?: string;
  /** SHA-256 of the music file; absent when there is none yet (the DJ sees it in red). */
  songFile?: string;
  /** Solos: which solo, who dances and for which studio. */
  soloId?: string;
  dancers?: string;
  studio?: string;
}

/** The dance as the DJ names it: a solo's routine is marked so, since its music is the couple's own. */
export function playlistDance(entry: Pick<PlaylistEntry, 'kind' | 'dance'>): string {
  return entry.kind === 'Solo' ? `Solo ${entry.dance}` : entry.dance;
}

/** The heat numbers and each freestyle heat's song: the client already caches both per program. */
export interface PlaylistSchedule {
  views: readonly HeatNumberView[];
  songs: ReadonlyMap<number, Song>;
}

/**
 * What the DJ plays, in running order (DOMAIN.md §6): every heat number still on the floor
 * with the song its dance's rotation gives it, and every solo with its own music. Heats whose
 * dance has no songs, and solos with no file, are listed without `songFile`. A caller without
 * a schedule at hand (the server's playlist download) leaves it out and it is worked out here.
 */
export function djPlaylist(program: Program, schedule?: PlaylistSchedule): PlaylistEntry[] {
  const views = schedule?.views ?? heatNumbers(program);
  const songs = schedule?.songs ?? songsByHeatNumber(program, views);
  const out: PlaylistEntry[] = [];
  for (const view of views) {
    if (view.onFloor === 0) continue;
    const base = { number: view.number, label: view.label, kind: view.kind, dance: view.dance };
    if (view.kind !== 'Solo') {
      const song = songs.get(view.number);
      out.push({
        ...base,
        key: `heat:${view.label}`,
        ...(song ? { title: song.title } : {}),
        ...(song?.artist ? { artist: song.artist } : {}),
        ...(song?.songFile ? { songFile: song.songFile } : {}),
      });
      continue;
    }
    const solos = view.entries.flatMap((entry) => (entry.solo && !entry.scratched ? [entry] : []));
    solos.sort((a, b) => (a.solo?.order ?? 0) - (b.solo?.order ?? 0));
    for (const { solo, couple } of solos) {
      if (!solo) continue;
      const dancers = [couple.names, ...solo.formation.map((person) => person.name)].filter(Boolean).join(', ');
      out.push({
        ...base,
        key: `solo:${solo.id}`,
        soloId: solo.id,
        ...(solo.song ? { title: solo.song } : {}),
        ...(solo.artist ? { artist: solo.artist } : {}),
        ...(solo.songFile ? { songFile: solo.songFile } : {}),
        dancers,
        ...(couple.studio ? { studio: couple.studio } : {}),
      });
    }
  }
  return out;
}

/**
 * Every music file the program names — all songs of every dance and every solo's music,
 * scheduled or not — once each: what a DJ's device keeps for a night with no network.
 */
export function musicFiles(program: Program): string[] {
  const records = [...program.songs.values(), ...program.solos.values()];
  return [...new Set(records.flatMap((record) => (record.songFile ? [record.songFile] : [])))];
}
