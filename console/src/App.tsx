import { lazy, Suspense, useMemo, useState } from 'react';
import { Provider } from 'urql';
import { createGraphClient } from './graph';
import { CustomersPage } from './pages/Customers';
import { href, type Route, useRoute } from './router';
import { loadSession, type Session, saveSession } from './session';
import { SignIn } from './SignIn';
import { Loading } from './states';

// Pages with charts load ECharts on demand, so the first page stays light.
const Customer360Page = lazy(() => import('./pages/Customer360').then((m) => ({ default: m.Customer360Page })));
const SegmentsPage = lazy(() => import('./pages/Segments').then((m) => ({ default: m.SegmentsPage })));
const AudiencesPage = lazy(() => import('./pages/Audiences').then((m) => ({ default: m.AudiencesPage })));
const CampaignsPage = lazy(() => import('./pages/Campaigns').then((m) => ({ default: m.CampaignsPage })));

const NAV: { label: string; href: string; pages: Route['page'][] }[] = [
  { label: 'Customers', href: href.customers(), pages: ['customers', 'customer'] },
  { label: 'Segments', href: href.segments(), pages: ['segments'] },
  { label: 'Audiences', href: href.audiences(), pages: ['audiences'] },
  { label: 'Campaigns', href: href.campaigns(), pages: ['campaigns'] },
];

export function App() {
  const [session, setSession] = useState<Session | undefined>(loadSession);
  const route = useRoute();
  const client = useMemo(() => (session ? createGraphClient(session.token) : undefined), [session]);
  const signIn = (next: Session | undefined) => {
    saveSession(next);
    setSession(next);
  };

  if (!session || !client)
    return (
      <main className="signin-page">
        <h1>mesh360 marketing console</h1>
        <SignIn onSignIn={signIn} />
      </main>
    );

  return (
    <Provider value={client}>
      <a className="skip" href="#content">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">mesh360</span>
        <nav aria-label="Pages">
          <ul>
            {NAV.map((item) => (
              <li key={item.label}>
                <a href={item.href} aria-current={item.pages.includes(route.page) ? 'page' : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <section className="viewer" aria-label="Signed in as">
          <span data-testid="viewer-subject">{session.subject}</span>
          <details>
            <summary>{session.scopes.length} scopes</summary>
            <ul data-testid="viewer-scopes">
              {session.scopes.map((scope) => (
                <li key={scope}>{scope}</li>
              ))}
            </ul>
            {!session.scopes.includes('pii:read') && (
              <p className="muted">Without pii:read, personal fields show as hidden.</p>
            )}
          </details>
          <button type="button" onClick={() => signIn(undefined)}>
            Sign out
          </button>
        </section>
      </header>
      <main id="content">
        <Suspense fallback={<Loading what="the page" />}>
          <Page route={route} />
        </Suspense>
      </main>
    </Provider>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'customer':
      return <Customer360Page id={route.id} />;
    case 'segments':
      return <SegmentsPage />;
    case 'audiences':
      return <AudiencesPage campaignId={route.campaignId} />;
    case 'campaigns':
      return <CampaignsPage campaignId={route.campaignId} />;
    default:
      return <CustomersPage />;
  }
}
