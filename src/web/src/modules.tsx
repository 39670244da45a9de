// The modules of the web app, in one list. A module registers its pages (lazy: each becomes its
// own chunk, loaded on first visit) and its navigation entries here; the router, the side
// navigation and the landing page are all built from this list. Add a module with one import
// and one entry in `modules` — see src/web/README.md. Nothing is listed before its pages exist.
// Pages and entries name the permission they need, from the same table the server enforces
// (src/domain/access/permissions.ts): a role sees only the menus it can use.
import type { ComponentType, ReactNode } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import type { Role, User } from './api/types';
import { can, type Permission } from '../../domain/access/permissions';
import type { Bilingual } from './i18n';
import { IconMap, IconOverview, IconUnits } from './components/icons';
import { financeModule, tasksModule } from './pages/finance/module';
import { campaignModule, registryModule } from './pages/registry/module';
import { portalModule } from './pages/portal/module';
import { reportsModule } from './pages/reports/module';
import { frontModule } from './pages/front/module';
import { offlineModule } from './pages/offline/module';
import { prefetchMapPage } from './pages/map/data';

export interface ModuleRoute {
  /** Path under /app/, without a leading slash ("households", "households/:id"). */
  path: string;
  /** The page component, imported lazily: `() => import('./pages/x/XPage')`. */
  load: () => Promise<{ default: ComponentType }>;
  /** The permission needed to open the page; every signed-in user when absent. */
  permission?: Permission;
  /**
   * The page works without a session or a connection (the offline survey): the router places it
   * outside the signed-in layout, and the page itself checks what it needs.
   */
  standalone?: boolean;
  /**
   * Asks for the data the page's first view needs, in the page's own queries, when the app starts
   * on this page: as soon as the session is known, while the layout and the page load and render
   * (src/main.tsx). It is part of the app's start: keep it to the queries (no components).
   */
  prefetch?: (qc: QueryClient, user: User) => Promise<void>;
}

export interface NavItem {
  /** Path under /app/ the entry links to (one of the module's routes). */
  path: string;
  label: Bilingual;
  icon?: ReactNode;
  /** The permission needed to see the entry; every signed-in user when absent. */
  permission?: Permission;
}

export interface AppModule {
  id: string;
  /**
   * Position in the navigation. The agreed order: 10 Tổng quan, 15 Bản đồ, 20 Hộ gia đình, 30 Rà soát,
   * 40 Chương trình & kinh phí, 45 Mặt trận, 50 Nhiệm vụ, 60 Báo cáo, 70 Cổng thông tin, 80 Quản trị,
   * 90 Đơn vị hành chính (reference data).
   */
  order: number;
  routes: ModuleRoute[];
  nav: NavItem[];
}

const overview: AppModule = {
  id: 'overview',
  order: 10,
  routes: [
    { path: 'overview', load: () => import('./pages/overview/OverviewPage'), permission: 'units.read' },
  ],
  nav: [
    {
      path: 'overview',
      label: { vi: 'Tổng quan', en: 'Overview' },
      icon: <IconOverview />,
      permission: 'units.read',
    },
  ],
};

// The map (issue 13; docs/decisions/0033-map.md): its own entry, so MapLibre loads only there.
// Its figures are the registry's (the dashboard's registry section): roles that cannot read them
// would see only grey units, so the entry needs registry.read.
const map: AppModule = {
  id: 'map',
  order: 15,
  routes: [
    {
      path: 'map',
      load: () => import('./pages/map/MapPage'),
      permission: 'registry.read',
      prefetch: prefetchMapPage,
    },
  ],
  nav: [{ path: 'map', label: { vi: 'Bản đồ', en: 'Map' }, icon: <IconMap />, permission: 'registry.read' }],
};

const units: AppModule = {
  id: 'units',
  order: 90,
  routes: [{ path: 'units', load: () => import('./pages/units/UnitLookupPage'), permission: 'units.read' }],
  nav: [
    {
      path: 'units',
      label: { vi: 'Đơn vị hành chính', en: 'Administrative units' },
      icon: <IconUnits />,
      permission: 'units.read',
    },
  ],
};

export const modules: AppModule[] = [
  overview,
  map,
  registryModule,
  offlineModule,
  campaignModule,
  financeModule,
  frontModule,
  tasksModule,
  reportsModule,
  portalModule,
  units,
].sort((a, b) => a.order - b.order);

/** Whether `role` may use what needs `permission` (anything signed in when there is none). */
export function allowed(role: Role, permission: Permission | undefined): boolean {
  return permission === undefined || can(role, permission);
}

/** The navigation entries a role sees, in order. */
export function navFor(role: Role): NavItem[] {
  return modules.flatMap((m) => m.nav.filter((n) => allowed(role, n.permission)));
}

/** The prefetch of the signed-in page at `path` (under /app/, no leading slash) that `user` may open. */
export function prefetchOf(path: string, user: User): ModuleRoute['prefetch'] {
  const route = modules
    .flatMap((m) => m.routes)
    .find((r) => r.path === path && !r.standalone && allowed(user.role, r.permission));
  return route?.prefetch;
}

/** Whether a navigation entry leads out of the signed-in layout (a standalone page). */
export function isStandalonePath(path: string): boolean {
  return modules.some((m) => m.routes.some((r) => r.standalone === true && r.path === path));
}
