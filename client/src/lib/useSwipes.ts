import { useEffect, useRef } from 'react';

/** What a swipe does; a direction without a handler does nothing. */
export interface Swipes {
  /** The finger went left: the next page. */
  left?: (() => void) | undefined;
  /** The finger went right: the previous page. */
  right?: (() => void) | undefined;
  /** The finger went up, and the page did not scroll. */
  up?: (() => void) | undefined;
}

/** Touches here belong to the element: cards and rankings are dragged, text is selected. */
const OWN_TOUCHES = '[data-noswipe], textarea, input:not([type="radio"]):not([type="checkbox"])';

/**
 * Swipes anywhere on the page (DOMAIN.md §4): across more than half the width and less than a
 * quarter of the height turns the page; up more than half the height, without scrolling, goes
 * up a level. While the page is shown the browser does not take sideways swipes for history
 * navigation. The handlers may change on every render.
 */
export function useSwipes(swipes: Swipes): void {
  // NOTE: the listeners are registered once; they call the latest handlers through this ref.
  const latest = useRef(swipes);
  latest.current = swipes;
  useEffect(() => {
    const root = document.documentElement;
    const overscroll = root.style.overscrollBehaviorX;
    root.style.overscrollBehaviorX = 'none';
    let touch: { x: number; y: number; scroll: number } | null = null;
    const onTouchStart = (event: TouchEvent) => {
      const t = event.touches[0];
      const owned = event.target instanceof Element && event.target.closest(OWN_TOUCHES);
      touch = t && event.touches.length === 1 && !owned ? { x: t.clientX, y: t.clientY, scroll: window.scrollY } : null;
    };
    const onTouchEnd = (event: TouchEvent) => {
      const start = touch;
      const t = event.changedTouches[0];
      touch = null;
      if (!start || !t) return;
      const dx = t.clientX - start.x;
      const dy = t.clientY - start.y;
      const { innerWidth: width, innerHeight: height } = window;
      const { left, right, up } = latest.current;
      if (Math.abs(dx) > width / 2 && Math.abs(dy) < height / 4) (dx < 0 ? left : right)?.();
      else if (-dy > height / 2 && Math.abs(dx) < width / 4 && window.scrollY === start.scroll) up?.();
    };
    window.addEventListener('touchstart', onTouchStart, { passive: true });
    window.addEventListener('touchend', onTouchEnd, { passive: true });
    return () => {
      root.style.overscrollBehaviorX = overscroll;
      window.removeEventListener('touchstart', onTouchStart);
      window.removeEventListener('touchend', onTouchEnd);
    };
  }, []);
}
