import { networkInterfaces } from 'node:os';
import { ADMIN_PATH, joinPath } from '@ondeck/shared';
import type { InviteRow } from './catalog/indexDatabase.ts';

/** The screen an invite link opens instead of its role's home (the client's `/join/<code>?open=`). */
export const COUNTER_SCREEN = 'counter';

export interface BannerInput {
  port: number;
  /** ONDECK_HOST: `0.0.0.0`/`::` listen everywhere, anything else only there. */
  host: string;
  publicUrl?: string | undefined;
  /** This machine's non-loopback IPv4 addresses. */
  lanAddresses: readonly string[];
  /** Generated on this first start, shown once; null otherwise. */
  adminToken: string | null;
  demoInvites: readonly InviteRow[];
}

export function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((i) => i && i.family === 'IPv4' && !i.internal)
    .map((i) => (i as { address: string }).address);
}

const LOOPBACK = /^(?:127\.|::1$|localhost$)/;

/** The addresses of this server on the local network, if other devices can reach it there. */
function lanUrls({ port, host, lanAddresses }: BannerInput): string[] {
  if (host === '0.0.0.0' || host === '::') return lanAddresses.map((ip) => `http://${ip}:${port}`);
  return LOOPBACK.test(host) ? [] : [`http://${host.includes(':') ? `[${host}]` : host}:${port}`];
}

function row(label: string, value: string): string {
  return `  ${label.padEnd(30)} ${value}`;
}

/**
 * What `npm start` prints once the server is up: where to open the app — the addresses other
 * devices reach first, since a `localhost` link or QR code cannot work on a phone — the demo's
 * invite links (on that same address) with the counter for a projector, the admin's screen, and a
 * new admin token.
 */
export function startBanner(input: BannerInput): string {
  const lan = lanUrls(input);
  const local = `http://localhost:${input.port}`;
  const base = input.publicUrl ?? lan[0] ?? local;
  const lines = ['ondeck is running.'];
  if (input.publicUrl) lines.push(row('Open:', input.publicUrl));
  for (const [i, url] of lan.entries()) lines.push(row(i === 0 ? 'On the venue network:' : '', url));
  lines.push(row('On this computer:', local));
  if (base === local)
    lines.push('  Only this computer can reach it: set ONDECK_HOST=0.0.0.0 (or ONDECK_PUBLIC_URL) for other devices.');

  if (input.demoInvites.length > 0) {
    lines.push('', 'Demo event: open each link on that person’s device (the organiser’s Invites screen has QR codes).');
    for (const invite of input.demoInvites) {
      const who = invite.role === 'judge' ? `Judge ${invite.label}` : invite.label;
      lines.push(row(who, `${base}${joinPath(invite.code)}`));
    }
    const counter = input.demoInvites.find((invite) => invite.role === 'public');
    if (counter) lines.push(row('Counter for a projector', `${base}${joinPath(counter.code)}?open=${COUNTER_SCREEN}`));
  }
  lines.push('', row('Events (admin token):', `${base}${ADMIN_PATH}`));
  if (input.adminToken) lines.push(`Admin token (shown once; keep it to create events): ${input.adminToken}`);
  return `\n${lines.join('\n')}\n\n`;
}
