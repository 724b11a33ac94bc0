import { hostname, networkInterfaces } from 'node:os';
import type { Config } from '../config.ts';

/** This machine's own names and addresses, as a URL's `hostname` writes them (IPv6 in brackets). */
function ownHostNames(): Set<string> {
  const names = new Set(['localhost', '127.0.0.1', '[::1]']);
  const name = hostname().toLowerCase();
  if (name) names.add(name).add(`${name}.local`);
  for (const address of Object.values(networkInterfaces()).flat())
    if (address) names.add(address.family === 'IPv6' ? `[${address.address.split('%')[0]}]` : address.address);
  return names;
}

/**
 * Which web pages may open a sync socket, by the `Origin` a browser sends with the upgrade:
 * `ONDECK_ALLOWED_ORIGINS` when it is set; otherwise the public URL's origin and the server's
 * own addresses (localhost, this machine's name and its interfaces' addresses) over http at the
 * port the socket came in on — the app as this server serves it.
 *
 * NOTE: a request without `Origin` is allowed: only browsers send one, and the clients that do
 * not — the CLI, the benchmark, a stock y-websocket provider in Node, a venue's scripts — are
 * held by their token like everyone else. The check keeps other sites' pages in a judge's
 * browser from speaking to the server; a token is still what grants anything.
 */
export class OriginPolicy {
  private readonly configured: ReadonlySet<string> | null;
  private readonly publicOrigin: string | null;

  constructor(config: Pick<Config, 'allowedOrigins' | 'publicUrl'>) {
    this.configured = config.allowedOrigins ? new Set(config.allowedOrigins) : null;
    this.publicOrigin = config.publicUrl ? new URL(config.publicUrl).origin : null;
  }

  /**
   * The origins this server's own pages have when it listens on `port`: what a venue tells the
   * cloud, so the cloud lets the venue's pages sync too.
   */
  ownOrigins(port: number): string[] {
    if (this.configured) return [...this.configured];
    const own = [...ownHostNames()].map((host) => `http://${host}${port === 80 ? '' : `:${port}`}`);
    return this.publicOrigin ? [this.publicOrigin, ...own] : own;
  }

  /** Whether a socket with this `Origin`, arriving on this local port, may go on. */
  allows(origin: string | undefined, localPort: number | undefined): boolean {
    if (origin === undefined) return true;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      // `null` (a sandboxed page, a file) and anything malformed.
      return false;
    }
    if (this.configured) return this.configured.has(url.origin);
    if (url.origin === this.publicOrigin) return true;
    // The server itself speaks plain HTTP: an https page of its own address came through a
    // proxy, which is what ONDECK_PUBLIC_URL (or the list) is for.
    if (url.protocol !== 'http:') return false;
    const port = url.port === '' ? 80 : Number(url.port);
    return port === localPort && ownHostNames().has(url.hostname.toLowerCase());
  }
}
