import { readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { expect, test, waitForServiceWorker } from './support/fixtures.ts';
import { CLIENT_DIR } from './support/server.ts';

/** What Chromium 156 asks for over localhost and HTTPS (over plain HTTP on a LAN: gzip, deflate). */
const CHROMIUM_ACCEPTS = 'gzip, deflate, br, zstd';
/** Lighthouse's text-compression audit ignores responses smaller than this. */
const LIGHTHOUSE_MIN_BYTES = 1400;
const TEXT_TYPE = /javascript|css|html|json|manifest|svg|text\//;

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The bytes on the wire, not decoded. */
  body: Buffer;
}

/** A GET that sends exactly the headers given and decodes nothing (fetch would add and undo encodings). */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function decode({ headers, body }: RawResponse): Buffer {
  if (headers['content-encoding'] === 'br') return brotliDecompressSync(body);
  if (headers['content-encoding'] === 'gzip') return gunzipSync(body);
  return body;
}

/** The app's entry script, as the built index.html names it. */
function mainBundle(): string {
  const html = readFileSync(join(CLIENT_DIR, 'index.html'), 'utf8');
  const src = /<script type="module"[^>]*src="([^"]+)"/.exec(html)?.[1];
  if (!src) throw new Error('index.html names no module script');
  return src;
}

test.describe('static files compressed at build time', () => {
  test('the main bundle goes out brotli or gzip when the browser accepts it, and as it is when not', async ({
    server,
  }) => {
    const path = mainBundle();
    const onDisk = readFileSync(join(CLIENT_DIR, path));
    const url = `${server.url}${path}`;

    const brotli = await rawGet(url, { 'Accept-Encoding': 'br, gzip' });
    const gzip = await rawGet(url, { 'Accept-Encoding': 'gzip, deflate' });
    const plain = await rawGet(url);
    for (const [response, encoding] of [
      [brotli, 'br'],
      [gzip, 'gzip'],
      [plain, undefined],
    ] as const) {
      expect(response.status).toBe(200);
      expect(response.headers['content-encoding']).toBe(encoding);
      expect(response.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
      expect(response.headers.vary).toMatch(/accept-encoding/i);
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(Number(response.headers['content-length'])).toBe(response.body.length);
      expect(decode(response).equals(onDisk)).toBe(true);
    }
    expect(brotli.body.length).toBeLessThan(gzip.body.length);
    expect(gzip.body.length).toBeLessThan(onDisk.length / 2);
    console.log(
      `${path}: ${onDisk.length} bytes, ${gzip.body.length} with gzip, ${brotli.body.length} with brotli on the wire`,
    );

    // The service worker is revalidated, compressed or not; its hashed runtime is immutable.
    const sw = await rawGet(`${server.url}/sw.js`, { 'Accept-Encoding': 'br' });
    expect(sw.headers['content-encoding']).toBe('br');
    expect(sw.headers['cache-control']).toBe('no-cache');
    const runtime = readdirSync(CLIENT_DIR).find((file) => /^workbox-[0-9a-f]{8}\.js$/.test(file));
    const workbox = await rawGet(`${server.url}/${runtime}`, { 'Accept-Encoding': 'gzip' });
    expect(workbox.headers['content-encoding']).toBe('gzip');
    expect(workbox.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await rawGet(`${server.url}/e/some-event/heats`, { 'Accept-Encoding': 'br' });
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-cache');
  });

  test('a first visit in Chromium gets every text file over 1.4 KB compressed, and still opens offline', async ({
    server,
    newDevice,
  }) => {
    const context = await newDevice();
    const page = await context.newPage();
    const seen: Array<{ url: string; type: string; encoding: string | undefined; bytes: number }> = [];
    page.on('response', async (response) => {
      if (!response.url().startsWith(server.url) || response.status() !== 200) return;
      const headers = await response.allHeaders();
      const body = await response.body().catch(() => Buffer.alloc(0));
      seen.push({
        url: response.url(),
        type: headers['content-type'] ?? '',
        encoding: headers['content-encoding'],
        bytes: body.length,
      });
    });
    await page.goto(server.url);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await waitForServiceWorker(page);

    // What Lighthouse's uses-text-compression audit checks, on the page's own requests.
    const text = seen.filter((r) => TEXT_TYPE.test(r.type) && r.bytes > LIGHTHOUSE_MIN_BYTES);
    expect(text.length).toBeGreaterThanOrEqual(3);
    expect(text.filter((r) => r.encoding !== 'br').map((r) => r.url)).toEqual([]);

    // The service worker's own fetches (its precache) are not page requests: ask for each
    // precached file as Chromium does and check the same. No .br or .gz file is precached.
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys())
        for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
      return urls;
    });
    expect(cached.length).toBeGreaterThan(10);
    expect(cached.filter((url) => /\.(?:br|gz)(?:\?|$)/.test(url))).toEqual([]);
    for (const url of cached) {
      const response = await rawGet(url, { 'Accept-Encoding': CHROMIUM_ACCEPTS });
      const type = response.headers['content-type'] ?? '';
      if (TEXT_TYPE.test(type) && decode(response).length > LIGHTHOUSE_MIN_BYTES)
        expect(response.headers['content-encoding'], url).toBe('br');
    }
    // The precache holds the files themselves: the main bundle, decoded, byte for byte.
    const bundle = mainBundle();
    const cachedBundle = await page.evaluate(async (path) => {
      const response = await caches.match(path);
      return response ? (await response.arrayBuffer()).byteLength : -1;
    }, bundle);
    expect(cachedBundle).toBe(readFileSync(join(CLIENT_DIR, bundle)).length);

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });
});
