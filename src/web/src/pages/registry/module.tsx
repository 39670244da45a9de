// The registry module's routes and navigation entries (registered in src/modules.tsx).
import type { AppModule } from '../../modules';

const svg = (d: string) => (
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
    <path d={d} />
  </svg>
);

export const registryModule: AppModule = {
  id: 'registry',
  order: 20,
  routes: [
    { path: 'registry', load: () => import('./HouseholdListPage'), permission: 'registry.read' },
    { path: 'registry/households/:id', load: () => import('./HouseholdPage'), permission: 'registry.read' },
    { path: 'registry/survey', load: () => import('./SurveyFormPage'), permission: 'registry.write' },
    { path: 'registry/import', load: () => import('./ImportPage'), permission: 'registry.write' },
    {
      path: 'registry/access-log',
      load: () => import('../privacy/AccessLogPage'),
      permission: 'access-log.read',
    },
  ],
  nav: [
    {
      path: 'registry',
      label: { vi: 'Hộ gia đình', en: 'Households' },
      icon: svg('M3 11l9-7 9 7v9a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z'),
      permission: 'registry.read',
    },
    {
      path: 'registry/access-log',
      label: { vi: 'Nhật ký truy cập', en: 'Access record' },
      icon: svg('M12 8v4l3 2M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z'),
      permission: 'access-log.read',
    },
  ],
};

export const campaignModule: AppModule = {
  id: 'campaign',
  order: 30,
  routes: [{ path: 'campaign', load: () => import('./CampaignPage'), permission: 'registry.read' }],
  nav: [
    {
      path: 'campaign',
      label: { vi: 'Rà soát', en: 'Review campaign' },
      icon: svg('M9 11l3 3 8-8M4 12v7a1 1 0 0 0 1 1h14'),
      permission: 'registry.read',
    },
  ],
};
