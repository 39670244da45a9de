// Entry of the web app: providers (design system, server state, language) around the router.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './theme/global.css';
import { cssVariablesResolver, theme } from './theme/theme';
import { I18nProvider } from './i18n';
import { createRouter } from './router';
import { isApiError } from './api/client';
import { SESSION_KEY, prefetchSession } from './auth/session';
import { isStandalonePath, prefetchOf } from './modules';
import type { User } from './api/types';

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    // A session that expired (or was closed elsewhere) sends the user to sign in again, with
    // the page they were on kept as the place to come back to.
    onError: (e, query) => {
      if (isApiError(e) && e.code === 'AUTH_REQUIRED' && query.queryKey[0] !== SESSION_KEY[0]) {
        queryClient.setQueryData(SESSION_KEY, null);
      }
    },
  }),
  defaultOptions: {
    queries: {
      // A coded 4xx answer will not change on a retry; network trouble might.
      retry: (count, e) => !(isApiError(e) && e.status >= 400 && e.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

// A signed-in page needs the session, the layout's chunk and its own chunk: the router loads the
// page's chunk before anything renders, so the session (then, for someone signed in, the layout,
// and the data of the page's first view where the page says what that is) is asked for meanwhile
// rather than after it. The sign-in page and the offline pages need none of it.
const here = window.location.pathname.replace(/^\/app\/?/, '').replace(/\/$/, '');
if (here !== 'login' && !isStandalonePath(here)) {
  void prefetchSession(queryClient).then(() => {
    const user = queryClient.getQueryData<User | null>(SESSION_KEY);
    if (!user) return;
    void import('./layout/AppLayout');
    // A failed prefetch is the page's own query failing: the page shows it and offers a retry.
    void prefetchOf(here, user)?.(queryClient, user).catch(() => {});
  });
}

// After the session is asked for: creating the router starts loading the page's chunk, and
// preparing that (its list of chunks to preload) is main-thread work the request need not wait for.
const router = createRouter();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      <Notifications position="top-right" />
      <I18nProvider>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </I18nProvider>
    </MantineProvider>
  </StrictMode>,
);
