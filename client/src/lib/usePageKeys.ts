import { useEffect, useRef } from 'react';

/** Keys typed into these belong to them, not to the page's shortcuts. */
const TYPING = 'input, textarea, select, [contenteditable="true"]';
/** Space and Enter press these (Enter follows a link); the page's shortcuts leave them alone. */
const PRESSABLE = 'button, summary, [role="button"]';

/**
 * A page's shortcuts by key: `KeyboardEvent.key` with a lower-case first letter (`arrowLeft`,
 * `enter`, `escape`, `f` for f and F), `space` for the space bar. A key without a handler is
 * left alone.
 */
export type PageKeys = Partial<Record<string, (() => void) | undefined>>;

function keyName(key: string): string {
  return key === ' ' ? 'space' : key.charAt(0).toLowerCase() + key.slice(1);
}

/** The handler a key press asks for, or undefined when the press belongs to something else. */
function pageKeyHandler(keys: PageKeys, event: KeyboardEvent): (() => void) | undefined {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return undefined;
  // Shift with a letter types that letter ("F"); with any other key it is another shortcut.
  if (event.shiftKey && (event.key.length > 1 || event.key === ' ')) return undefined;
  const target = event.target instanceof Element ? event.target : null;
  if (target?.closest(TYPING)) return undefined;
  if ((event.key === ' ' || event.key === 'Enter') && target?.closest(PRESSABLE)) return undefined;
  if (event.key === 'Enter' && target?.closest('a')) return undefined;
  return keys[keyName(event.key)];
}

/**
 * A page's keyboard shortcuts (DOMAIN.md §4–5: ←/→ for the previous and next heat, Space or
 * Enter for "this heat is on the floor"…), ignored while typing in a field and when a focused
 * control takes the key itself. The handlers may change on every render.
 */
export function usePageKeys(keys: PageKeys): void {
  // NOTE: the listener is registered once; it calls the latest handlers through this ref.
  const latest = useRef(keys);
  latest.current = keys;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const handler = pageKeyHandler(latest.current, event);
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
