import { useRegisterSW } from 'virtual:pwa-register/react';
import { useCallback, useEffect, useState } from 'react';

/** True while the person is typing in a field: no toast may appear under their finger then. */
function useTyping(): boolean {
  const [typing, setTyping] = useState(false);
  useEffect(() => {
    const check = () => {
      const active = document.activeElement;
      setTyping(
        active instanceof HTMLInputElement ||
          active instanceof HTMLTextAreaElement ||
          active instanceof HTMLSelectElement,
      );
    };
    document.addEventListener('focusin', check);
    document.addEventListener('focusout', check);
    return () => {
      document.removeEventListener('focusin', check);
      document.removeEventListener('focusout', check);
    };
  }, []);
  return typing;
}

let updateRequestedHere = false;

/**
 * Follows the page's service worker controller: when a new version takes over, the tab that
 * asked for it reloads; any other tab is only told (`onUpdatedElsewhere`).
 * NOTE: workbox-window reports a takeover as an update only in tabs loaded under an older
 * worker, so the very tab that first installed the app would never hear of it: watch
 * `controllerchange` directly instead.
 */
function useControllerChange(onUpdatedElsewhere: () => void): void {
  useEffect(() => {
    const container = navigator.serviceWorker;
    if (!container) return;
    let controlled = container.controller !== null;
    const onChange = () => {
      // The first install claiming this page is not a new version.
      const wasControlled = controlled;
      controlled = true;
      if (updateRequestedHere) window.location.reload();
      else if (wasControlled) onUpdatedElsewhere();
    };
    container.addEventListener('controllerchange', onChange);
    return () => container.removeEventListener('controllerchange', onChange);
  }, [onUpdatedElsewhere]);
}

/**
 * Offers a new version; never reloads on its own. The new service worker takes over only when
 * the person taps "Update", and only this tab reloads then: other tabs (a judge mid-heat) are
 * told and reload when they choose. The offer stays out of the way while someone types.
 */
export function UpdatePrompt() {
  const [updatedElsewhere, setUpdatedElsewhere] = useState(false);
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    // Replaces the plugin's default (reload every tab at once); see useControllerChange.
    onNeedReload() {},
    onRegisterError(error) {
      console.warn('ondeck: service worker not registered; the app will not open offline', error);
    },
  });
  const onUpdatedElsewhere = useCallback(() => setUpdatedElsewhere(true), []);
  useControllerChange(onUpdatedElsewhere);
  const typing = useTyping();
  if (typing || (!needRefresh && !updatedElsewhere)) return null;
  return (
    <aside className="toast" aria-label="New version">
      <p>
        {updatedElsewhere
          ? 'ondeck was updated in another tab. Reload this one when you are ready.'
          : 'A new version of ondeck is ready. Your data stays on this device.'}
      </p>
      <div className="actions">
        <button
          type="button"
          className="button"
          onClick={() => {
            if (updatedElsewhere) {
              window.location.reload();
              return;
            }
            updateRequestedHere = true;
            void updateServiceWorker(true);
          }}
        >
          {updatedElsewhere ? 'Reload' : 'Update now'}
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            setNeedRefresh(false);
            setUpdatedElsewhere(false);
          }}
        >
          Later
        </button>
      </div>
    </aside>
  );
}
