import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import './app/styles.css';
import { db } from './storage/db.ts';
import { readMembershipOnce } from './storage/events.ts';
import { reportStorageError } from './storage/problems.ts';

// Open IndexedDB at once: it is the slowest part of a cold start, and a browser that refuses it
// (private mode, storage turned off) must be told on whatever screen opens.
db.open().catch(reportStorageError);

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
