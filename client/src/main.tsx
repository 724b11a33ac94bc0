import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import './app/styles.css';
import { readMembershipOnce } from './storage/events.ts';

// NOTE: opening an event's screen (a cold start offline, typically) should not wait for React to
// ask: the event's code chunk and its membership start loading while React boots.
const eventRoute = /^\/e\/([^/]+)/.exec(window.location.pathname);
if (eventRoute?.[1]) {
  void import('./features/event/EventApp.tsx');
  void readMembershipOnce(decodeURIComponent(eventRoute[1])).catch(() => undefined);
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
