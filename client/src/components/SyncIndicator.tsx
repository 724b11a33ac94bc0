import { useSessionStatus, useSyncStatus } from '../sync/hooks.ts';

/**
 * The truth about this device's changes, on every screen of an event. `compact` (read-only
 * roles, on phones): the connection in a word, with the detail only when it says something —
 * a refusal, or changes still waiting — since such a device has nothing of its own to save.
 */
export function SyncIndicator({ compact = false }: { compact?: boolean }) {
  const sync = useSyncStatus();
  const detail = !compact || sync.tone === 'blocked' || sync.pending > 0;
  return (
    <div
      className={`sync sync-${sync.tone}${compact ? ' sync-compact' : ''}`}
      role="status"
      aria-live="polite"
      data-testid="sync-indicator"
    >
      <span className="sync-head">
        <span className="sync-dot" aria-hidden="true" />
        <span className="sync-label">{sync.label}</span>
      </span>
      {detail ? <span className="sync-detail">{sync.detail}</span> : null}
    </div>
  );
}

/** A change the server refused (a read-only role, or a revoked permission). */
export function DeniedNotice() {
  const { denied } = useSessionStatus();
  if (!denied) return null;
  return (
    <div className="banner">
      <div className="notice notice-error" role="alert">
        <strong className="notice-title">Change not accepted</strong>
        <div>{denied} Ask the organiser if you should be able to change this.</div>
      </div>
    </div>
  );
}
