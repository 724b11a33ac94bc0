import { useRegisterSW } from 'virtual:pwa-register/react';
import { useEffect, useState } from 'react';

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
 * Offers a new version; never reloads on its own. The new service worker takes over only when
 * the person taps "Update", and only this tab reloads then: other tabs (a judge mid-heat) are
 * told and reload when they choose.
 */
export function UpdatePrompt() {
  const [updatedElsewhere, setUpdatedElsewhere] = useState(false);
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    onNeedReload() {
      if (updateRequestedHere) window.location.reload();
      else setUpdatedElsewhere(true);
    },
    onRegisterError(error) {
      console.warn('ondeck: service worker not registered; the app will not open offline', error);
    },
  });
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
