import { isServerPath, isWebOrigin } from '@ondeck/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/**
 * The app's Content-Security-Policy: nothing but its own files. The built `index.html` has no
 * inline script or style (vite-plugin-pwa's registration is in the bundle: `injectRegister:
 * false`), React sets `style` through the CSSOM, which CSP allows; `data:` images are the QR
 * codes, `blob:` the music stored on the device and the CSV downloads.
 */
const APP_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "worker-src 'self'",
  "manifest-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

/** The API's answers are data, never a page: nothing in them may run, load or be framed. */
const API_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

/** Powerful features no screen of the app uses; the counter's full screen is its own. */
const PERMISSIONS_POLICY =
  'camera=(), microphone=(), geolocation=(), payment=(), usb=(), midi=(), display-capture=(), fullscreen=(self)';

const HSTS = 'max-age=31536000';

/** A Host header fit to write into a policy (anything else gets `'self'` alone). */
const PLAIN_HOST = /^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/;

/**
 * NOTE: `connect-src 'self'` covers the sync socket's ws:/wss: in CSP Level 3 browsers, but
 * Safari before 15.4 (older iPads at a venue) reads it as http(s) only; naming the socket's
 * origin keeps their sync working.
 */
function connectSources(request: FastifyRequest, others: readonly string[]): string {
  const host = request.host;
  const own = PLAIN_HOST.test(host) ? ` ws://${host} wss://${host}` : '';
  return `connect-src 'self'${own}${others.map((origin) => ` ${socketSource(origin)}`).join('')}`;
}

/** The sync socket's source for another server's origin (one `isWebOrigin` checked). */
function socketSource(origin: string): string {
  return origin.replace(/^http/, 'ws');
}

/**
 * Security headers on every answer — the app, the API, `/up`, errors and 404s alike:
 * a strict CSP (the app's, or the API's that allows nothing), no framing, no MIME sniffing
 * (music is served only as the audio type its bytes were recognised as), no referrer (invite
 * codes and `?token=` stay on the page), no powerful features, and HSTS when the server is
 * reached over https: `ONDECK_PUBLIC_URL` says so, or a trusted proxy does (`ONDECK_TRUST_PROXY`
 * lets `X-Forwarded-Proto` through to `request.protocol`).
 */
export function securityHeadersFor(
  request: FastifyRequest,
  publicUrl: string | undefined,
  syncsWith: readonly string[] = [],
): Record<string, string> {
  const path = request.url.split('?')[0] ?? '/';
  const headers: Record<string, string> = {
    'Content-Security-Policy': isServerPath(path)
      ? API_POLICY
      : [...APP_POLICY, connectSources(request, syncsWith.filter(isWebOrigin))].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Permissions-Policy': PERMISSIONS_POLICY,
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  if (publicUrl?.startsWith('https://') || request.protocol === 'https') headers['Strict-Transport-Security'] = HSTS;
  return headers;
}

/** {@link securityHeadersFor} on every answer that passes through the app's hooks (the router's own refusals get them in errorHandler.ts). */
export const securityHeaders = fp(
  async (
    app: FastifyInstance,
    { publicUrl, syncsWith }: { publicUrl: string | undefined; syncsWith: () => readonly string[] },
  ) => {
    app.addHook('onSend', async (request, reply, payload) => {
      reply.headers(securityHeadersFor(request, publicUrl, syncsWith()));
      return payload;
    });
  },
);
