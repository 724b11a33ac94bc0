import { plural } from '@ondeck/shared';
import { changesNotOnServer, formatTime } from '../lib/format.ts';
import { blockedMessage, type CloudStatus, type DocConnection } from './connection.ts';

export type IndicatorTone = 'saved' | 'pending' | 'offline' | 'connecting' | 'blocked';

export interface IndicatorInput {
  connection: DocConnection;
  /** Changes on this device the server has not confirmed. */
  pending: number;
  /** When the server last confirmed a change (ms since the epoch). */
  savedAt: number | null;
  /** The browser reports no network at all. */
  browserOffline: boolean;
  /** The cloud, when this app is a venue's and the device holds the cloud's token too. */
  cloud?: CloudStatus | null;
}

export interface Indicator {
  tone: IndicatorTone;
  /** Short state: "Offline", "Connecting…", "Server not answering", "Online", "Not syncing". */
  label: string;
  /** The truth about this device's changes. */
  detail: string;
}

function allSaved(savedAt: number | null): string {
  return savedAt ? `All saved at ${formatTime(savedAt)}` : 'All saved';
}

/**
 * The words of the sync indicator. "Saved" appears only when nothing is pending, and pending
 * only drops when the server's committed state vector covered the change.
 */
export function describeIndicator(input: IndicatorInput): Indicator {
  const { connection, pending, savedAt, browserOffline, cloud } = input;
  if (cloud) return describeWithCloud({ ...input, cloud });
  const detail = pending > 0 ? changesNotOnServer(pending) : allSaved(savedAt);
  if (connection.state === 'blocked')
    return {
      tone: 'blocked',
      label: 'Not syncing',
      detail: `${blockedMessage(connection.code)} ${pending > 0 ? changesNotOnServer(pending) : ''}`.trim(),
    };
  if (browserOffline || connection.state === 'offline') return { tone: 'offline', label: 'Offline', detail };
  if (connection.state === 'waiting') return { tone: 'offline', label: 'Server unreachable, retrying', detail };
  if (connection.state === 'unresponsive') return { tone: 'offline', label: 'Server not answering', detail };
  if (connection.state === 'connecting' || connection.state === 'idle')
    return { tone: pending > 0 ? 'pending' : 'connecting', label: 'Connecting…', detail };
  return { tone: pending > 0 ? 'pending' : 'saved', label: 'Online', detail };
}

/**
 * The words for a device at a venue that also syncs with the cloud: the venue first, then
 * where the cloud stands — "Saved at the venue · cloud 14:32", the time being when the cloud
 * last held everything this device had. Pending changes are those no server confirmed yet.
 */
function describeWithCloud({
  connection,
  pending,
  savedAt,
  browserOffline,
  cloud,
}: IndicatorInput & { cloud: CloudStatus }): Indicator {
  const atCloud = cloud.savedAt ? `cloud ${formatTime(cloud.savedAt)}` : 'not yet on the cloud';
  const waiting = pending > 0 ? `${plural(pending, 'change')} not yet on a server` : null;
  const tone: IndicatorTone = pending > 0 ? 'pending' : 'saved';
  const detail = `${waiting ?? allSaved(savedAt)} · ${atCloud}`;
  if (browserOffline) return { tone: 'offline', label: 'Offline', detail };
  if (connection.state === 'connected')
    return { tone, label: 'Online at the venue', detail: `${waiting ?? 'Saved at the venue'} · ${atCloud}` };
  // NOTE: short labels: on a phone the chip is one line wide.
  if (cloud.connection.state === 'connected')
    return {
      tone,
      label: connection.state === 'blocked' ? 'Venue refused this device' : 'Venue unreachable',
      detail: waiting || !cloud.savedAt ? detail : `Saved on the cloud ${formatTime(cloud.savedAt)}`,
    };
  if (connection.state === 'blocked')
    return {
      tone: 'blocked',
      label: 'Not syncing',
      detail: `${blockedMessage(connection.code)} ${waiting ?? ''}`.trim(),
    };
  if (connection.state === 'offline') return { tone: 'offline', label: 'Offline', detail };
  if (connection.state === 'connecting' || connection.state === 'idle')
    return { tone: pending > 0 ? 'pending' : 'connecting', label: 'Connecting…', detail };
  return { tone: 'offline', label: 'Venue and cloud unreachable', detail };
}
