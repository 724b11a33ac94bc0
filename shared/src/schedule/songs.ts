import { groupBy } from '../collections/groupBy.ts';
import type { Program } from '../docs/program.ts';
import type { Song } from '../model/types.ts';
import type { HeatNumberView } from './heats.ts';

/**
 * The song a freestyle heat gets (DOMAIN.md §6): the heat number's position among the distinct
 * heat numbers of its dance, modulo the number of songs for that dance, in song order.
 */
export function songsByHeatNumber(program: Program, schedule: readonly HeatNumberView[]): Map<number, Song> {
  const songsByDance = groupBy(program.songs.values(), (song) => song.danceId);
  for (const list of songsByDance.values()) list.sort((a, b) => a.order - b.order);
  const position = new Map<string, number>();
  const out = new Map<number, Song>();
  for (const view of schedule) {
    if (view.kind === 'Solo' || view.onFloor === 0) continue;
    const index = position.get(view.danceId) ?? 0;
    position.set(view.danceId, index + 1);
    const songs = songsByDance.get(view.danceId);
    if (songs && songs.length > 0) out.set(view.number, songs[index % songs.length] as Song);
  }
  return out;
}
