// Pages below this need a signed-in user: while /auth/me answers, a loader; with nobody signed
// in, the sign-in page (which brings the user back to where they were going); else the layout,
// whose <Outlet> shows the module page.
import { lazy, Suspense } from 'react';
import { Center, Loader } from '@mantine/core';
import { Navigate, useLocation } from 'react-router';
import { UserContext, useSession } from './session';
import { useMessages } from '../i18n';
import { common } from '../i18n/common';
import { ErrorPanel } from '../components/ErrorPanel';

// Loaded only once someone is signed in: the sign-in page never downloads the layout.
const AppLayout = lazy(() => import('../layout/AppLayout'));

export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  const t = useMessages(common);
  if (session.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label={t.loading} />
      </Center>
    );
  }
  if (session.isError) {
    return (
      <Center h="100vh" p="md">
        <ErrorPanel error={session.error} onRetry={() => void session.refetch()} />
      </Center>
    );
  }
  if (!session.data) {
    const next = location.pathname + location.search;
    return (
      <Navigate to={next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login'} replace />
    );
  }
  return (
    <Suspense
      fallback={
        <Center h="100vh">
          <Loader aria-label={t.loading} />
        </Center>
      }
    >
      <UserContext.Provider value={session.data}>
        <AppLayout />
      </UserContext.Provider>
    </Suspense>
  );
}
