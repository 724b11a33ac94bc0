import type { Role } from '@ondeck/shared';
import { lazy, type ReactNode, Suspense, useMemo } from 'react';
import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
import { Loading } from '../../components/Loading.tsx';
import { Notice } from '../../components/Notice.tsx';
import { DeniedNotice, SyncIndicator } from '../../components/SyncIndicator.tsx';
import { type Membership, useMembership, useRememberEventName } from '../../device/hooks.ts';
import { isReadOnlyRole, ROLE_LABELS, roleHomePath, roleLine } from '../../lib/roles.ts';
import { SessionContext } from '../../sync/context.ts';
import { useSettleProgram } from '../../sync/dayOf.ts';
import { useEventName, useOnEventLeft, useResultsPublished } from '../../sync/hooks.ts';
import { sessionFor } from '../../sync/sessions.ts';
import { DevicePage } from './DevicePage.tsx';

// Role screens are chunks of their own: a judge's tablet never parses the organiser's screens.
const OrganizerApp = lazy(() => import('../organizer/OrganizerApp.tsx'));
const JudgeHome = lazy(() => import('../judge/JudgeHome.tsx'));
const FloorHome = lazy(() => import('../dj/FloorHome.tsx'));
const HeatsPage = lazy(() => import('../heats/HeatsPage.tsx'));
const DjMusicPage = lazy(() => import('../dj/DjMusicPage.tsx'));
const HeatSheetPage = lazy(() => import('../heats/HeatSheetPage.tsx'));
const EmceePage = lazy(() => import('../emcee/EmceePage.tsx'));
const CounterPage = lazy(() => import('../counter/CounterPage.tsx'));
const PublicResultsPage = lazy(() => import('../results/PublicResultsPage.tsx'));
// The organiser's device keeps results running whatever screen is open (it publishes callbacks).
const ResultsKeeper = lazy(() => import('../results/ResultsKeeper.tsx'));

interface NavItem {
  href: string;
  label: string;
}

function navFor(role: Role, resultsPublished: boolean): NavItem[] {
  const device = { href: '/device', label: 'This device' };
  const results = resultsPublished ? [{ href: '/results', label: 'Results' }] : [];
  switch (role) {
    case 'organizer':
      return [
        { href: '/organizer', label: 'Event' },
        { href: '/organizer/people', label: 'People' },
        { href: '/organizer/schedule', label: 'Schedule' },
        { href: '/organizer/judges', label: 'Judges' },
        { href: '/organizer/invites', label: 'Invites' },
        { href: '/organizer/music', label: 'Music' },
        { href: '/organizer/publish', label: 'Publish' },
        { href: '/organizer/marks', label: 'Marks' },
        { href: '/organizer/results', label: 'Results' },
        { href: '/organizer/import', label: 'Import' },
        { href: '/emcee', label: 'Emcee' },
        { href: '/heats', label: 'Heats' },
        device,
      ];
    case 'judge':
      return [{ href: '/judge', label: 'My heats' }, device];
    case 'dj':
    case 'emcee':
      return [
        { href: '/floor', label: 'Floor' },
        { href: '/music', label: 'Music' },
        { href: '/emcee', label: 'Emcee' },
        { href: '/heats', label: 'Heats' },
        ...results,
        device,
      ];
    case 'staff':
    case 'public':
    case 'venue':
      return [{ href: '/heats', label: 'Heats' }, ...results, device];
  }
}

/** Settles two organisers' offline edits on whichever screen the organiser has open. */
function ProgramSettler() {
  useSettleProgram();
  return null;
}

function RoleGate({ membership, allow, children }: { membership: Membership; allow: Role[]; children: ReactNode }) {
  if (allow.includes(membership.role)) return <>{children}</>;
  return (
    <main className="screen">
      <Notice tone="warning" title="Not part of your role">
        This screen is for {allow.map((role) => ROLE_LABELS[role]).join(' or ')}. You joined as{' '}
        {ROLE_LABELS[membership.role]}.
      </Notice>
      <p>
        <Link className="button" href={`~${roleHomePath(membership.eventId, membership.role)}`}>
          Go to your screen
        </Link>
      </p>
    </main>
  );
}

function EventLayout({ membership }: { membership: Membership }) {
  const [location, navigate] = useLocation();
  useOnEventLeft(() => navigate('~/', { replace: true }));
  const nav = navFor(membership.role, useResultsPublished());
  // The deepest tab containing this screen: "Event" (/organizer) is not current on /organizer/people.
  const current = nav
    .map((item) => item.href)
    .filter((href) => location === href || location.startsWith(`${href}/`))
    .sort((a, b) => b.length - a.length)[0];
  const storedName = useEventName();
  useRememberEventName(membership, storedName);
  const eventName = storedName ?? membership.eventName;
  const readOnly = isReadOnlyRole(membership.role);
  return (
    <>
      <header className={readOnly ? 'topbar topbar-compact' : 'topbar'}>
        <Link className="brand" href="~/" aria-label="ondeck: events on this device">
          ondeck
        </Link>
        <div className="topbar-event">
          <span className="event-title">{eventName}</span>
          <span className="muted">{roleLine(membership)}</span>
        </div>
        <SyncIndicator compact={readOnly} />
      </header>
      <nav className="tabs" aria-label="Screens">
        {nav.map((item) => (
          <Link
            key={item.href}
            href={item.href}
            className="tab"
            aria-current={item.href === current ? 'page' : undefined}
          >
            {item.label}
          </Link>
        ))}
      </nav>
      <DeniedNotice />
      {membership.role === 'organizer' ? (
        <Suspense fallback={null}>
          <ResultsKeeper />
          <ProgramSettler />
        </Suspense>
      ) : null}
      <Suspense fallback={<Loading />}>
        <Switch>
          <Route path="/">
            <Redirect to={`~${roleHomePath(membership.eventId, membership.role)}`} replace />
          </Route>
          <Route path="/organizer" nest>
            <RoleGate membership={membership} allow={['organizer']}>
              <OrganizerApp />
            </RoleGate>
          </Route>
          <Route path="/judge" nest>
            <RoleGate membership={membership} allow={['judge']}>
              <JudgeHome />
            </RoleGate>
          </Route>
          <Route path="/floor">
            <RoleGate membership={membership} allow={['dj', 'emcee', 'organizer']}>
              <FloorHome />
            </RoleGate>
          </Route>
          <Route path="/emcee/:heat?">
            <RoleGate membership={membership} allow={['dj', 'emcee', 'organizer']}>
              <EmceePage />
            </RoleGate>
          </Route>
          <Route path="/music">
            <RoleGate membership={membership} allow={['dj', 'emcee', 'organizer']}>
              <DjMusicPage />
            </RoleGate>
          </Route>
          <Route path="/heats" component={HeatsPage} />
          <Route path="/results" component={PublicResultsPage} />
          <Route path="/sheets" component={HeatSheetPage} />
          <Route path="/device" component={DevicePage} />
          <Route>
            <main className="screen">
              <Notice title="No such screen">
                <Link href="/">Back to your screen</Link>
              </Notice>
            </main>
          </Route>
        </Switch>
      </Suspense>
    </>
  );
}

function JoinedEvent({ membership }: { membership: Membership }) {
  // NOTE: a session per event and token, kept for the tab's life (see sync/sessions.ts).
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new token is what needs a new session
  const session = useMemo(() => sessionFor(membership), [membership.eventId, membership.token]);
  return (
    <SessionContext.Provider value={session}>
      <Switch>
        {/* The projector's counter fills the screen: no bars around it. */}
        <Route path="/counter">
          <Suspense fallback={<Loading />}>
            <CounterPage />
          </Suspense>
        </Route>
        <Route>
          <EventLayout membership={session.membership} />
        </Route>
      </Switch>
    </SessionContext.Provider>
  );
}

/** `/e/<eventId>/…`: an event this device joined, from IndexedDB, whatever the network does. */
export default function EventApp({ eventId }: { eventId: string }) {
  const membership = useMembership(eventId);
  if (membership === null)
    return (
      <main className="screen">
        <Notice tone="warning" title="This device has not joined this event">
          Open the invite link the organiser sent you (or scan its QR code) to join.
        </Notice>
        <p>
          <Link className="button" href="~/">
            Events on this device
          </Link>
        </p>
      </main>
    );
  return <JoinedEvent membership={membership} />;
}
