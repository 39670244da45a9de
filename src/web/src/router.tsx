// Routes of the web app under /app/: the sign-in page, then every module's pages inside the
// signed-in layout (src/modules.tsx). Pages load lazily, one chunk per page.
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { modules, navFor } from './modules';
import { RequireSession } from './auth/RequireSession';
import { RoleGate } from './auth/RoleGate';
import { useUser } from './auth/session';
import { RouteError } from './components/RouteError';

function Landing() {
  const user = useUser();
  const first = navFor(user.role)[0];
  return <Navigate to={first ? `/${first.path}` : '/overview'} replace />;
}

const moduleRoutes: RouteObject[] = modules.flatMap((m) =>
  m.routes
    .filter((r) => !r.standalone)
    .map((r): RouteObject => ({
      path: r.path,
      lazy: async () => {
        const { default: Page } = await r.load();
        return {
          Component: () => (
            <RoleGate permission={r.permission}>
              <Page />
            </RoleGate>
          ),
        };
      },
    })),
);

// Pages that work without a session or a connection (the offline survey, reloaded in the field).
const standaloneRoutes: RouteObject[] = modules.flatMap((m) =>
  m.routes
    .filter((r) => r.standalone)
    .map((r): RouteObject => ({
      path: `/${r.path}`,
      errorElement: <RouteError />,
      lazy: async () => ({ Component: (await r.load()).default }),
    })),
);

export const routes: RouteObject[] = [
  ...standaloneRoutes,
  {
    path: '/login',
    errorElement: <RouteError />,
    lazy: async () => ({ Component: (await import('./pages/login/LoginPage')).default }),
  },
  {
    path: '/',
    element: <RequireSession />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Landing /> },
      ...moduleRoutes,
      { path: '*', lazy: async () => ({ Component: (await import('./pages/NotFoundPage')).default }) },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes, { basename: '/app' });
}
