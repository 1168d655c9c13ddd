/** The shell: picks the screen for the current address. */
import { lazy, Suspense } from 'react';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { FullPageMessage } from './FullPageMessage.tsx';
import { HomePage } from './HomePage.tsx';
import { useRoute } from './router.tsx';

// The editor (TipTap + Yjs) is the heavy part: only postmortem pages load it.
const PostmortemPage = lazy(() => import('./PostmortemPage.tsx'));
// The dashboard's charting library loads only with the dashboard.
const DashboardPage = lazy(() => import('../dashboard/DashboardPage.tsx'));

/** Root component. */
export function App() {
  const route = useRoute();
  if (route.name === 'home') return <HomePage />;
  if (route.name === 'dashboard') {
    return (
      <ErrorBoundary>
        <Suspense fallback={<FullPageMessage title="Opening the dashboard…" busy />}>
          <DashboardPage />
        </Suspense>
      </ErrorBoundary>
    );
  }
  if (route.name === 'postmortem') {
    return (
      <ErrorBoundary>
        <Suspense fallback={<FullPageMessage title="Opening postmortem…" busy />}>
          <PostmortemPage key={`${route.id}:${route.token}`} id={route.id} token={route.token} />
        </Suspense>
      </ErrorBoundary>
    );
  }
  return (
    <FullPageMessage title="Page not found" action="home">
      There is nothing at this address.
    </FullPageMessage>
  );
}
