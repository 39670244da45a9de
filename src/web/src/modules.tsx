// The modules of the web app, in one list. A module registers its pages (lazy: each becomes its
// own chunk, loaded on first visit) and its navigation entries here; the router, the side
// navigation and the landing page are all built from this list. Add a module with one import
// and one entry in `modules` — see src/web/README.md. Nothing is listed before its pages exist.
import type { ComponentType, ReactNode } from 'react';
import type { Role } from './api/types';
import type { Bilingual } from './i18n';
import { IconOverview, IconUnits } from './components/icons';
import { financeModule, tasksModule } from './pages/finance/module';
import { campaignModule, registryModule } from './pages/registry/module';
import { portalModule } from './pages/portal/module';
import { reportsModule } from './pages/reports/module';

export interface ModuleRoute {
  /** Path under /app/, without a leading slash ("households", "households/:id"). */
  path: string;
  /** The page component, imported lazily: `() => import('./pages/x/XPage')`. */
  load: () => Promise<{ default: ComponentType }>;
  /** Roles that may open the page (admin always may); every signed-in user when absent. */
  roles?: readonly Role[];
}

export interface NavItem {
  /** Path under /app/ the entry links to (one of the module's routes). */
  path: string;
  label: Bilingual;
  icon?: ReactNode;
  /** Roles that see the entry (admin always does); every signed-in user when absent. */
  roles?: readonly Role[];
}

export interface AppModule {
  id: string;
  /**
   * Position in the navigation. The agreed order: 10 Tổng quan, 20 Hộ gia đình, 30 Rà soát,
   * 40 Chương trình & kinh phí, 50 Nhiệm vụ, 60 Báo cáo, 70 Cổng thông tin, 80 Quản trị,
   * 90 Đơn vị hành chính (reference data).
   */
  order: number;
  routes: ModuleRoute[];
  nav: NavItem[];
}

const overview: AppModule = {
  id: 'overview',
  order: 10,
  routes: [{ path: 'overview', load: () => import('./pages/overview/OverviewPage') }],
  nav: [{ path: 'overview', label: { vi: 'Tổng quan', en: 'Overview' }, icon: <IconOverview /> }],
};

const units: AppModule = {
  id: 'units',
  order: 90,
  routes: [{ path: 'units', load: () => import('./pages/units/UnitLookupPage') }],
  nav: [
    { path: 'units', label: { vi: 'Đơn vị hành chính', en: 'Administrative units' }, icon: <IconUnits /> },
  ],
};

export const modules: AppModule[] = [
  overview,
  registryModule,
  campaignModule,
  financeModule,
  tasksModule,
  reportsModule,
  portalModule,
  units,
].sort((a, b) => a.order - b.order);

export function allowed(role: Role, roles: readonly Role[] | undefined): boolean {
  return role === 'admin' || !roles || roles.includes(role);
}

/** The navigation entries a role sees, in order. */
export function navFor(role: Role): NavItem[] {
  return modules.flatMap((m) => m.nav.filter((n) => allowed(role, n.roles)));
}
