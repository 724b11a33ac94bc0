import { describe, expect, it } from 'vitest';
import { djPlaylist, musicFiles } from '../src/index.ts';
import { toneWav } from '../src/testkit.ts';
import { showcaseProgram } from './support/showcase.ts';

describe('the DJ playlist (reference showcase)', () => {
  const program = showcaseProgram();

  it('lists every heat number on the floor in order, solos with their music and dancers', () => {
    const playlist = djPlaylist(program);
    expect(playlist.map((entry) => entry.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const solo = playlist.find((entry) => entry.kind === 'Solo');
    expect(solo).toMatchObject({ key: `solo:${solo?.soloId}`, dance: 'Waltz / Tango' });
    expect(solo?.dancers).toContain(' & ');
  });

  it('gives a freestyle heat the song of its dance’s rotation, and names every file once', () => {
    const songs = [...program.songs.values()].map((song, i) => ({ ...song, songFile: `${i}`.padStart(64, 'a') }));
    const withFiles = { ...program, songs: new Map(songs.map((song) => [song.id, song])) };
    const heat = djPlaylist(withFiles).find((entry) => entry.songFile);
    expect(songs.map((song) => song.title)).toContain(heat?.title);
    expect(musicFiles(withFiles).sort()).toEqual(songs.map((song) => song.songFile).sort());
  });

  it('makes real WAV files: RIFF header, 16-bit mono PCM of the asked length', () => {
    const wav = toneWav({ seconds: 0.5, frequency: 440, sampleRate: 8000 });
    expect(new TextDecoder().decode(wav.subarray(0, 4))).toBe('RIFF');
    expect(new TextDecoder().decode(wav.subarray(8, 12))).toBe('WAVE');
    expect(wav.byteLength).toBe(44 + 8000 * 0.5 * 2);
  });
});
