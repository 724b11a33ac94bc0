import type { Readable } from 'node:stream';
import { type MusicFile, type PlaylistEntry, playlistDance } from '@ondeck/shared';
import { extensionFor } from './audioType.ts';

export interface PlaylistArchive {
  /** The ZIP's bytes, produced as the response reads them. */
  stream: Readable;
  /** Its exact length, known before the first byte is read (every entry is stored uncompressed). */
  size: number;
  /** Songs in it. */
  songs: number;
}

interface Track {
  entry: PlaylistEntry;
  /** Name in the ZIP, or null when the entry has no playable file. */
  name: string | null;
  file?: MusicFile;
}

/** Letters safe in a file name on Windows, macOS and Linux alike. */
function safeName(text: string): string {
  return text
    .replace(/[\\/:*?"<>|\p{Cc}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80)
    .trim();
}

function trackName(position: number, width: number, entry: PlaylistEntry, extension: string): string {
  const dance = playlistDance(entry);
  const parts = [String(position).padStart(width, '0'), `Heat ${entry.label}`, dance, entry.title ?? 'Untitled'];
  return `${parts.map(safeName).join(' - ')}.${extension}`;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * The DJ's offline playlist (DOMAIN.md §6) as a ZIP streamed straight from object storage:
 * one file per heat and solo in running order ("001 - Heat 12 - Closed Waltz - Moon River.mp3",
 * so any player plays the folder in order), an `index.html` whose players use those files by
 * relative path (it plays from the unzipped folder with no network), and a `README.txt`.
 *
 * NOTE: songs are stored, not deflated (audio does not compress), so yazl knows the archive's
 * size up front and a download shows real progress; each song's stream is opened only when
 * its turn comes, so memory stays flat whatever the number of songs.
 * yazl is loaded at the first download: a server at rest does without it (issue 19).
 */
export async function playlistArchive(options: {
  eventName: string;
  entries: PlaylistEntry[];
  files: Map<string, MusicFile>;
  open: (sha256: string) => Promise<Readable>;
  now?: Date;
}): Promise<PlaylistArchive> {
  const { ZipFile } = await import('yazl');
  const now = options.now ?? new Date();
  const playable = options.entries.filter((entry) => entry.songFile && options.files.has(entry.songFile));
  const width = Math.max(3, String(playable.length).length);
  let position = 0;
  const tracks: Track[] = options.entries.map((entry) => {
    const file = entry.songFile ? options.files.get(entry.songFile) : undefined;
    if (!file) return { entry, name: null };
    position++;
    return { entry, file, name: trackName(position, width, entry, extensionFor(file.type)) };
  });

  const zip = new ZipFile();
  const stored = { compress: false, mtime: now };
  zip.addBuffer(Buffer.from(readme(options.eventName, position, now)), 'README.txt', stored);
  zip.addBuffer(Buffer.from(indexPage(options.eventName, tracks, now)), 'index.html', stored);
  for (const { name, file } of tracks) {
    if (!name || !file) continue;
    zip.addReadStreamLazy(name, { ...stored, size: file.size }, (done) => {
      options.open(file.sha256).then(
        (stream) => done(null, stream),
        (error: Error) => done(error, undefined as unknown as Readable),
      );
    });
  }
  let size = -1;
  // NOTE: @types/yazl 3.3.1 leaves out the callback's argument; yazl 3.3 passes the total.
  const onSize = (total: number) => {
    size = total;
  };
  zip.end(undefined, onSize as () => void);
  const stream = zip.outputStream as Readable;
  // A storage failure mid-way ends the download broken rather than silently short.
  zip.on('error', (error: Error) => stream.destroy(error));
  return { stream, size, songs: position };
}

function readme(eventName: string, songs: number, now: Date): string {
  return [
    `DJ playlist: ${eventName}`,
    `Made by ondeck on ${now.toISOString().replace('T', ' ').slice(0, 16)} UTC, with ${songs} songs.`,
    '',
    'How to use it',
    '1. Unzip the whole archive into one folder (on Windows: right-click, "Extract All").',
    '2. Open index.html in a web browser. It lists every heat and solo in running order with a',
    '   player for each; it needs no network and no server.',
    '3. Or play the folder in any music player: files are numbered in running order, named',
    '   "<order> - Heat <number> - <dance> - <song>".',
    '',
    'A song that several heats share is in the folder once per heat, so the folder plays the',
    'event from start to finish. Heats and solos without music are listed in index.html as',
    '"No music file". Changes made to the event after this archive was made are not in it:',
    'download a new one when the program changes.',
    '',
  ].join('\r\n');
}

function indexPage(eventName: string, tracks: Track[], now: Date): string {
  const rows = tracks.map(({ entry, name }) => {
    const song = [entry.title, entry.artist].filter(Boolean).map((text) => escapeHtml(text as string));
    const player = name
      ? `<audio controls preload="none" src="${escapeHtml(encodeURIComponent(name))}"></audio>`
      : '<span class="missing">No music file</span>';
    return `<tr${name ? '' : ' class="row-missing"'}><td>${escapeHtml(entry.label)}</td><td>${escapeHtml(
      playlistDance(entry),
    )}</td><td>${song.join('<br><small>')}${song.length > 1 ? '</small>' : ''}</td><td>${player}</td><td>${escapeHtml(
      entry.dancers ?? '',
    )}${entry.studio ? `<br><small>${escapeHtml(entry.studio)}</small>` : ''}</td></tr>`;
  });
  const title = `DJ Playlist - ${escapeHtml(eventName)} (Offline)`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
body { font: 18px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #111; background: #fff; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
.badge { display: inline-block; background: #0b3d6e; color: #fff; border-radius: 999px; padding: .1rem .7rem; font-size: .9rem; }
table { border-collapse: collapse; width: 100%; margin-top: 1rem; }
th, td { text-align: left; padding: .5rem; border-bottom: 1px solid #ccc; vertical-align: middle; }
th { background: #eef2f7; }
td:first-child { font-weight: 700; font-size: 1.3rem; }
audio { width: 18rem; max-width: 100%; }
small { color: #444; }
.missing { color: #a50e0e; font-weight: 700; }
.row-missing td { background: #fdecec; }
footer { margin-top: 1rem; color: #444; }
@media print { audio { display: none; } }
</style>
</head>
<body>
<h1>${title}</h1>
<span class="badge">Offline Version</span>
<table>
<thead><tr><th scope="col">Heat</th><th scope="col">Dance</th><th scope="col">Song</th><th scope="col">Music</th><th scope="col">Dancers</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
<footer>Made by ondeck on ${escapeHtml(now.toISOString().replace('T', ' ').slice(0, 16))} UTC.</footer>
</body>
</html>
`;
}
