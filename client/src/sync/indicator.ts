import { changesNotOnServer, formatTime } from '../lib/format.ts';
import { blockedMessage, type DocConnection } from './connection.ts';

export type IndicatorTone = 'saved' | 'pending' | 'offline' | 'connecting' | 'blocked';

export interface IndicatorInput {
  connection: DocConnection;
  /** Changes on this device the server has not confirmed. */
  pending: number;
  /** When the server last confirmed a change (ms since the epoch). */
  savedAt: number | null;
  /** The browser reports no network at all. */
  browserOffline: boolean;
}

export interface Indicator {
  tone: IndicatorTone;
  /** Short state: "Offline", "Connecting…", "Server not answering", "Online", "Not syncing". */
  label: string;
  /** The truth about this device's changes. */
  detail: string;
}

/**
 * The words of the sync indicator. "Saved" appears only when nothing is pending, and pending
 * only drops when the server's committed state vector covered the change.
 */
export function describeIndicator({ connection, pending, savedAt, browserOffline }: IndicatorInput): Indicator {
  const saved = savedAt ? `All saved at ${formatTime(savedAt)}` : 'All saved';
  const detail = pending > 0 ? changesNotOnServer(pending) : saved;
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
