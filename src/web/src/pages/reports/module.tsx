// The reports module ("Báo cáo", order 60): the official report tables (registered in src/modules.tsx).
import type { AppModule } from '../../modules';

export const reportsModule: AppModule = {
  id: 'reports',
  order: 60,
  routes: [
    { path: 'reports', load: () => import('./BalancePage'), permission: 'registry.read' },
    { path: 'reports/annex7', load: () => import('./Annex7Page'), permission: 'registry.read' },
    { path: 'reports/paperwork', load: () => import('./PaperworkPage'), permission: 'registry.read' },
  ],
  nav: [
    {
      path: 'reports',
      permission: 'registry.read',
      label: { vi: 'Báo cáo', en: 'Reports' },
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
          <path d="M4 20V10M10 20V4M16 20v-7M22 20H2" />
        </svg>
      ),
    },
    {
      path: 'reports/paperwork',
      permission: 'registry.read',
      label: { vi: 'Giấy tờ, sổ đơn, kỳ báo cáo', en: 'Papers, applications, reporting round' },
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
          <path d="M14 3H6a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V9z" />
          <path d="M14 3v6h6M8 13h8M8 17h5" />
        </svg>
      ),
    },
  ],
};
