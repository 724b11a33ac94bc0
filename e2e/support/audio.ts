import { createWriteStream, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { toneWav } from '@ondeck/shared/testkit';
import { fromBuffer as openZip } from 'yauzl';

/**
 * Real, playable audio for the music specs: one WAV tone per name (each at its own pitch, so
 * each has its own hash), written to a fresh temporary folder as `<name>.wav`.
 */
export function writeSongs(names: string[], seconds = 3): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'ondeck-songs-'));
  return names.map((name, i) => {
    const path = join(dir, `${name}.wav`);
    writeFileSync(path, toneWav({ seconds, frequency: 330 + i * 55 }));
    return path;
  });
}

/** Unzips an archive into a fresh temporary folder and returns the folder. */
export function unzipToFolder(zip: Buffer): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ondeck-unzipped-'));
  return new Promise((resolve, reject) => {
    openZip(zip, { lazyEntries: true }, (error, file) => {
      if (error || !file) return reject(error);
      file.on('entry', (entry) => {
        file.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const target = join(dir, entry.fileName);
          mkdirSync(dirname(target), { recursive: true });
          pipeline(stream, createWriteStream(target)).then(() => file.readEntry(), reject);
        });
      });
      file.on('end', () => resolve(dir));
      file.on('error', reject);
      file.readEntry();
    });
  });
}
