import { useEffect, useRef } from 'react';
import { api, BRIDGE_MISSING_MESSAGE } from './api.js';
import { ButtonLink } from './components/Button.js';
import { EmptyState } from './components/States.js';
import { Page } from './components/Page.js';
import { connectHomeEvents } from './features/home/store.js';
import { HomePage } from './features/home/HomePage.js';
import { JobsPage } from './features/jobs/JobsPage.js';
import { connectJobsEvents } from './features/jobs/store.js';
import { NewIntegrationPage } from './features/new-integration/NewIntegrationPage.js';
import { PlaybookPage } from './features/playbook/PlaybookPage.js';
import { AuditPage } from './features/audit/AuditPage.js';
import { CandidatesPage } from './features/candidates/CandidatesPage.js';
import { DirectoryPage } from './features/directory/DirectoryPage.js';
import { ProfilePage } from './features/profile/ProfilePage.js';
import { ReconciliationPage } from './features/reconciliation/ReconciliationPage.js';
import { connectProfileEvents } from './features/profile/store.js';
import { SettingsPage } from './features/settings/SettingsPage.js';
import { SyncAnnouncer } from './features/sync/SyncControls.js';
import { connectSyncEvents } from './features/sync/store.js';
import { href, useRoute, type Route } from './router.js';
import { Logo, Sidebar } from './shell/Sidebar.js';

/** Subscribes every store to main's events, once, for the life of the window. */
export function connectAllEvents(): () => void {
  const offs = [connectSyncEvents(), connectHomeEvents(), connectProfileEvents(), connectJobsEvents()];
  return () => offs.forEach((off) => off());
}

export function App() {
  const route = useRoute();
  const mainRef = useRef<HTMLElement>(null);

  useEffect(() => connectAllEvents(), []);

  if (!api.available()) return <BridgeMissing />;

  return (
    <div className="app">
      <button type="button" className="skip-link" onClick={() => mainRef.current?.focus()}>
        Skip to content
      </button>
      <Sidebar route={route} />
      <main className="main" id="main" ref={mainRef} tabIndex={-1}>
        <Screen route={route} />
      </main>
      <SyncAnnouncer />
    </div>
  );
}

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'new':
      // Choosing an application opens its guided playbook; the bare route is the picker.
      return route.vendorKey ? <PlaybookPage vendorKey={route.vendorKey} /> : <NewIntegrationPage />;
    case 'playbook':
      return <PlaybookPage profileId={route.id} />;
    case 'profile':
      return <ProfilePage id={route.id} tab={route.tab} />;
    case 'section':
      if (route.section === 'jobs') return <JobsPage />;
      if (route.section === 'settings') return <SettingsPage />;
      if (route.section === 'candidates') return <CandidatesPage />;
      if (route.section === 'reconciliation') return <ReconciliationPage />;
      if (route.section === 'directory') return <DirectoryPage />;
      return <AuditPage />;
    case 'notFound':
      return <NotFound />;
  }
}

function NotFound() {
  return (
    <Page title="Page not found" focusKey="not-found">
      <div className="card">
        <EmptyState
          title="There is nothing at this address"
          actions={
            <ButtonLink href={href({ name: 'home' })} variant="primary">
              Go to integrations
            </ButtonLink>
          }
        >
          <p>The link may be from an older version of Seatwise.</p>
        </EmptyState>
      </div>
    </Page>
  );
}

function BridgeMissing() {
  return (
    <main className="bridge-missing">
      <div className="card bridge-missing__card">
        <Logo size={40} />
        <h1 className="bridge-missing__title">Seatwise cannot start here</h1>
        <p>{BRIDGE_MISSING_MESSAGE}</p>
      </div>
    </main>
  );
}
