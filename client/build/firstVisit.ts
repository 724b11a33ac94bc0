/** One built file's size as sent: uncompressed, brotli and gzip (the raw size where not compressed). */
export interface FileSizes {
  raw: number;
  br: number;
  gz: number;
}

interface Fetch {
  file: string;
  /** Fetched a second time by the service worker's install (`cache: 'reload'`). */
  twice: boolean;
}

/** What the page itself asks for before it renders: its script, preloads, styles, manifest, icon. */
function pageFiles(indexHtml: string): string[] {
  const files = ['index.html'];
  for (const tag of indexHtml.match(/<(?:script|link)\b[^>]*>/g) ?? []) {
    const rel = /\brel="([^"]+)"/.exec(tag)?.[1];
    if (tag.startsWith('<link') && !['modulepreload', 'stylesheet', 'manifest', 'icon'].includes(rel ?? '')) continue;
    const url = /\b(?:src|href)="\/([^"]+)"/.exec(tag)?.[1];
    if (url) files.push(url);
  }
  return files;
}

/**
 * Every fetch of a first visit. The page loads; its service worker installs and precaches every
 * route's files so the app opens offline afterwards. Workbox fetches hashed files (revision
 * null) with the default cache mode, so those the page already loaded come from the HTTP cache;
 * files with a revision (index.html, the manifest, icons) it fetches again.
 */
export function firstVisitFetches(indexHtml: string, serviceWorker: string): Fetch[] {
  const precache = new Map<string, boolean>();
  for (const [, url, revision] of serviceWorker.matchAll(/\{url:"([^"]+)",revision:(null|"[^"]*")\}/g))
    precache.set(url as string, revision !== 'null');
  const runtime = /define\(\["\.\/(workbox-[\w-]+)"\]/.exec(serviceWorker)?.[1];
  if (precache.size === 0 || !runtime) throw new Error('sw.js has no precache list or workbox runtime to measure');
  const page = pageFiles(indexHtml);
  const fetches = new Map<string, Fetch>();
  for (const file of page) fetches.set(file, { file, twice: precache.get(file) === true });
  for (const file of ['sw.js', `${runtime}.js`, ...precache.keys()])
    if (!fetches.has(file)) fetches.set(file, { file, twice: false });
  return [...fetches.values()];
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** The lines the build prints: what a first visit transfers, compressed each way. */
export function describeFirstVisit(
  sizes: ReadonlyMap<string, FileSizes>,
  indexHtml: string,
  serviceWorker: string,
): string {
  const total = (files: readonly Fetch[], pick: (size: FileSizes) => number) =>
    files.reduce((sum, { file, twice }) => {
      const size = sizes.get(file);
      if (!size) throw new Error(`${file} is fetched on a first visit but is not in the build`);
      return sum + pick(size) * (twice ? 2 : 1);
    }, 0);
  const all = firstVisitFetches(indexHtml, serviceWorker);
  const page = pageFiles(indexHtml).map((file) => ({ file, twice: false }));
  const line = (files: readonly Fetch[]) =>
    `${kb(total(files, (s) => s.br))} brotli, ${kb(total(files, (s) => s.gz))} gzip, ${kb(total(files, (s) => s.raw))} uncompressed`;
  return [
    `first visit transfers ${line(all)} (${all.length} files: the page, its service worker and every file precached for offline use)`,
    `  of which the page before its first screen: ${line(page)}`,
    '  browsers take brotli over HTTPS (and from localhost), gzip over plain HTTP on a LAN',
  ].join('\n');
}
