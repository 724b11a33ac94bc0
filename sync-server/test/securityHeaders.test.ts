import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toneWav } from '@ondeck/shared/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventFiles } from '../src/music/eventFiles.ts';
import { contentKey } from '../src/objectStore/index.ts';
import { createTestEvent, startServer, type TestEvent, type TestServer } from './support/server.ts';

/** A built client as small as can be: its page and one script. */
function tinyClient(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ondeck-client-'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><title>ondeck</title><script type="module" src="/app.js"></script>',
  );
  writeFileSync(join(dir, 'app.js'), 'document.title = "ondeck";');
  return dir;
}

function policy(response: Response): Map<string, string> {
  const header = response.headers.get('content-security-policy') ?? '';
  return new Map(
    header
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => [part.split(' ')[0] as string, part.slice(part.indexOf(' ') + 1)]),
  );
}

function expectCommonHeaders(response: Response): void {
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  expect(response.headers.get('permissions-policy')).toMatch(/camera=\(\), microphone=\(\), geolocation=\(\)/);
  expect(policy(response).get('frame-ancestors')).toBe("'none'");
}

describe('security headers on the app, the API and /up', () => {
  let server: TestServer;
  let event: TestEvent;
  const clientDir = tinyClient();
  beforeAll(async () => {
    server = await startServer({ ONDECK_CLIENT_DIR: clientDir });
    event = await createTestEvent(server, 'headers');
  });
  afterAll(async () => {
    await server.close();
    rmSync(clientDir, { recursive: true, force: true });
  });

  it('gives the app a strict policy: its own scripts and styles only, nothing inline, never framed', async () => {
    for (const path of ['/', '/app.js', '/e/headers/judge', '/no-such-file.js']) {
      const response = await fetch(`${server.url}${path}`);
      expectCommonHeaders(response);
      const csp = policy(response);
      expect(csp.get('default-src')).toBe("'self'");
      expect(csp.get('script-src')).toBe("'self'");
      expect(csp.get('style-src')).toBe("'self'");
      expect(csp.get('object-src')).toBe("'none'");
      expect(csp.get('base-uri')).toBe("'none'");
      const host = new URL(server.url).host;
      expect(csp.get('connect-src')).toBe(`'self' ws://${host} wss://${host}`);
      for (const sources of csp.values()) expect(sources).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    }
  });

  it('gives the API, /up, /metrics and every error a policy that allows nothing', async () => {
    const answers = [
      await fetch(`${server.url}/up`),
      await fetch(`${server.url}/metrics`),
      await fetch(`${server.url}/api/events/headers`, { headers: { authorization: `Bearer ${event.organizerToken}` } }),
      await fetch(`${server.url}/api/events/headers`),
      await fetch(`${server.url}/api/nothing-here`),
      await fetch(`${server.url}/api/join`, {
        method: 'POST',
        body: '{',
        headers: { 'content-type': 'application/json' },
      }),
      // The router's own refusal, before any route or hook.
      await fetch(`${server.url}/api/events/%zz`),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 401, 404, 400, 400]);
    for (const response of answers) {
      expectCommonHeaders(response);
      expect(response.headers.get('content-security-policy')).toBe(
        "default-src 'none'; frame-ancestors 'none'; sandbox",
      );
      expect(response.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('serves music only as the audio type its bytes were, and anything else as a download', async () => {
    const auth = { authorization: `Bearer ${event.organizerToken}` };
    const uploaded = await fetch(`${server.url}/api/events/headers/files`, {
      method: 'POST',
      headers: auth,
      body: toneWav({ seconds: 0.2, frequency: 440 }),
    });
    const { sha256 } = (await uploaded.json()) as { sha256: string };
    const song = await fetch(`${server.url}/api/events/headers/files/${sha256}`, { headers: auth });
    expect(song.headers.get('content-type')).toBe('audio/wav');
    expect(song.headers.get('x-content-type-options')).toBe('nosniff');

    // A page planted in storage under an event's files, claiming to be HTML, is never served as one.
    const page = Buffer.from('<!doctype html><script>alert(document.domain)</script>');
    const planted = createHash('sha256').update(page).digest('hex');
    await server.context.store.put(contentKey(planted), page, { contentType: 'text/html' });
    await new EventFiles(server.context.store).add('headers', {
      sha256: planted,
      size: page.length,
      type: 'text/html',
    });
    const served = await fetch(`${server.url}/api/events/headers/files/${planted}`, { headers: auth });
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('application/octet-stream');
    expect(served.headers.get('content-disposition')).toBe('attachment');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(policy(served).get('default-src')).toBe("'none'");
  });
});

describe('HSTS', () => {
  it('is sent when ONDECK_PUBLIC_URL is https', async () => {
    const server = await startServer({ ONDECK_PUBLIC_URL: 'https://ondeck.example.com' });
    try {
      for (const path of ['/up', '/api/keys', '/'])
        expect((await fetch(`${server.url}${path}`)).headers.get('strict-transport-security')).toBe('max-age=31536000');
    } finally {
      await server.close();
    }
  });

  it('follows X-Forwarded-Proto only from a trusted proxy', async () => {
    const https = { 'x-forwarded-proto': 'https' };
    const untrusting = await startServer({ ONDECK_PUBLIC_URL: 'http://ondeck.example.com' });
    const trusting = await startServer({ ONDECK_TRUST_PROXY: '127.0.0.1' });
    try {
      expect(
        (await fetch(`${untrusting.url}/up`, { headers: https })).headers.get('strict-transport-security'),
      ).toBeNull();
      expect((await fetch(`${trusting.url}/up`)).headers.get('strict-transport-security')).toBeNull();
      expect((await fetch(`${trusting.url}/up`, { headers: https })).headers.get('strict-transport-security')).toBe(
        'max-age=31536000',
      );
    } finally {
      await untrusting.close();
      await trusting.close();
    }
  });
});
