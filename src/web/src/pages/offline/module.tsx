// The offline survey module (issue 15, decision 0036): one page that works without a session or a
// connection once its assignment is on the device (a standalone route, outside the signed-in
// layout), reached from the navigation by the roles that may take a package out.
import type { AppModule } from '../../modules';

export const offlineModule: AppModule = {
  id: 'offline',
  order: 25,
  routes: [
    {
      path: 'offline',
      load: () => import('./OfflinePage'),
      permission: 'offline.survey',
      standalone: true,
    },
  ],
  nav: [
    {
      path: 'offline',
      label: { vi: 'Khảo sát ngoại tuyến', en: 'Offline survey' },
      icon: (
        <svg
          width={18}
          height={18}
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth={1.8}
          strokeLinecap="round"
          strokeLinejoin="round"
          aria-hidden="true"
          focusable="false"
        >
          <path d="M7 3h10a1 1 0 0 1 1 1v16a1 1 0 0 1-1 1H7a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1zM10 18h4M3 3l18 18" />
        </svg>
      ),
      permission: 'offline.survey',
    },
  ],
};
