import { plural } from '@ondeck/shared';
import { useState } from 'react';
import { useLocation } from 'wouter';
import { Notice } from '../../components/Notice.tsx';
import { useDeviceStorage, useEventUsage, usePendingCount } from '../../device/hooks.ts';
import { requestPersistentStorage } from '../../device/mutations.ts';
import { changesNotOnServer, formatBytes } from '../../lib/format.ts';
import { useEventMembership } from '../../sync/hooks.ts';
import { useLeaveEvent } from '../../sync/mutations.ts';

function LeaveEvent({ eventId, eventName }: { eventId: string; eventName: string }) {
  const pending = usePendingCount(eventId) ?? 0;
  const leave = useLeaveEvent();
  const [, navigate] = useLocation();
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  if (!confirming)
    return (
      <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
        Remove this event from this device
      </button>
    );
  return (
    <div className="stack">
      {pending > 0 ? (
        <Notice tone="warning" title={`${changesNotOnServer(pending)}`}>
          Removing the event now loses them for good. Connect to the network and wait for “All saved” first.
        </Notice>
      ) : (
        <Notice title="Everything from this device is on the server">
          You will need the invite link again to open {eventName} on this device.
        </Notice>
      )}
      {failure ? <Notice tone="error">{failure}</Notice> : null}
      <div className="actions">
        <button
          type="button"
          className="button button-danger"
          onClick={() => {
            leave().then(
              () => navigate('~/', { replace: true }),
              (error: unknown) => setFailure(`Could not remove the event: ${String(error)}`),
            );
          }}
        >
          {pending > 0 ? 'Remove and lose the changes' : 'Remove'}
        </button>
        <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
          Keep it
        </button>
      </div>
    </div>
  );
}

/** `/e/<id>/device`: what the event uses on this device, persistence, and leaving. */
export function DevicePage() {
  const membership = useEventMembership();
  const usage = useEventUsage(membership.eventId);
  const { storage, refresh } = useDeviceStorage();
  return (
    <main className="screen">
      <h1>This device</h1>
      <section className="card stack" aria-labelledby="storage-heading">
        <h2 id="storage-heading">Storage</h2>
        <dl className="facts">
          <dt>This event</dt>
          <dd data-testid="event-usage">
            {usage ? `${formatBytes(usage.bytes)} in ${plural(usage.documents, 'document')}` : '…'}
            {usage && usage.songs > 0 ? `, ${usage.songs} songs` : ''}
          </dd>
          <dt>All of ondeck</dt>
          <dd>
            {storage.usage !== undefined ? formatBytes(storage.usage) : 'unknown'}
            {storage.quota ? ` of ${formatBytes(storage.quota)} available` : ''}
          </dd>
          <dt>Kept under storage pressure</dt>
          <dd>{storage.persisted ? 'Yes' : 'Not guaranteed'}</dd>
        </dl>
        {storage.persisted === false ? (
          <div className="stack">
            <p className="muted">
              The browser may clear data of sites it thinks are unused. Installing ondeck (Add to Home screen) makes it
              keep the data.
            </p>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => void requestPersistentStorage().then(refresh)}
            >
              Ask to keep the data
            </button>
          </div>
        ) : null}
      </section>
      <section className="card stack" aria-labelledby="leave-heading">
        <h2 id="leave-heading">Leave the event</h2>
        <LeaveEvent eventId={membership.eventId} eventName={membership.eventName} />
      </section>
    </main>
  );
}
