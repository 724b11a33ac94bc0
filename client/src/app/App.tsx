import { ADMIN_PATH } from '@ondeck/shared';
import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Route, Switch } from 'wouter';
import { queryClient } from '../api/queryClient.ts';
import { Loading } from '../components/Loading.tsx';
import { PlainHeader } from '../components/PlainHeader.tsx';
import { HomePage } from '../features/home/HomePage.tsx';
import { JoinPage } from '../features/home/JoinPage.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { StorageProblemBanner } from './StorageProblemBanner.tsx';
import { UpdatePrompt } from './UpdatePrompt.tsx';

// NOTE: everything under an event (Yjs, the socket, the role screens) is a separate chunk, so
// the first screen loads only React, the router, TanStack Query and Dexie.
const EventApp = lazy(() => import('../features/event/EventApp.tsx'));
// The admin's screen is for one laptop of the whole server: no other device loads it.
const AdminPage = lazy(() => import('../features/admin/AdminPage.tsx'));

function NotFound() {
  return (
    <>
      <PlainHeader />
      <main className="screen">
        <h1>Nothing here</h1>
        <p>
          <a className="button" href="/">
            Events on this device
          </a>
        </p>
      </main>
    </>
  );
}

export function App() {
  return (
    <ErrorBoundary>
      <QueryClientProvider client={queryClient}>
        <StorageProblemBanner />
        <Switch>
          <Route path="/" component={HomePage} />
          <Route path={ADMIN_PATH}>
            <Suspense fallback={<Loading />}>
              <AdminPage />
            </Suspense>
          </Route>
          <Route path="/join/:code">{(params) => <JoinPage code={params.code} />}</Route>
          <Route path="/e/:eventId" nest>
            {(params) => (
              <Suspense fallback={<Loading />}>
                <EventApp eventId={params.eventId} />
              </Suspense>
            )}
          </Route>
          <Route component={NotFound} />
        </Switch>
        <UpdatePrompt />
      </QueryClientProvider>
    </ErrorBoundary>
  );
}
