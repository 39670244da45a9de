// The offline survey module (issue 15, decision 0036): one page that works without a session or a
// connection once its assignment is on the device (a standalone route, outside the signed-in
// layout), reached from the navigation by the roles that may take a package out.
import { IconOffline } from '../../components/icons';
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
      icon: <IconOffline />,
      permission: 'offline.survey',
    },
  ],
};
