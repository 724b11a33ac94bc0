import { useBrowserOffline } from '../lib/useBrowserOffline.ts';

/** The top bar of screens outside an event, with the device's network state. */
export function PlainHeader() {
  const offline = useBrowserOffline();
  return (
    <header className="topbar">
      <a className="brand" href="/">
        ondeck
      </a>
      <span className="topbar-event" />
      <div className={offline ? 'sync sync-offline' : 'sync sync-saved'} role="status" data-testid="network">
        <span className="sync-dot" aria-hidden="true" />
        <span className="sync-label">{offline ? 'Offline' : 'Online'}</span>
        <span className="sync-detail">{offline ? 'Events on this device still open' : 'Connected'}</span>
      </div>
    </header>
  );
}
