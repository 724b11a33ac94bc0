import { useSessionStatus, useSyncStatus } from '../sync/hooks.ts';

/** The truth about this device's changes, on every screen of an event. */
export function SyncIndicator() {
  const sync = useSyncStatus();
  return (
    <div className={`sync sync-${sync.tone}`} role="status" aria-live="polite" data-testid="sync-indicator">
      <span className="sync-dot" aria-hidden="true" />
      <span className="sync-label">{sync.label}</span>
      <span className="sync-detail">{sync.detail}</span>
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
