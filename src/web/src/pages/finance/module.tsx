// The finance module's routes and navigation entries (registered in src/modules.tsx). Icons are
// decorative line drawings like those of components/icons.tsx.
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

export const financeModule: AppModule = {
  id: 'finance',
  order: 40,
  routes: [
    { path: 'finance', load: () => import('./FinancePage'), permission: 'finance.read' },
    { path: 'finance/allocations/:id', load: () => import('./AllocationPage'), permission: 'finance.read' },
    { path: 'finance/targets', load: () => import('./TargetsPage'), permission: 'finance.read' },
    { path: 'finance/programs', load: () => import('./ProgramsPage'), permission: 'reference.read' },
    { path: 'finance/households', load: () => import('./HouseholdProjectsPage'), permission: 'finance.read' },
    { path: 'finance/import', load: () => import('./ImportPage'), permission: 'finance.write' },
  ],
  nav: [
    {
      path: 'finance',
      label: { vi: 'Chương trình & kinh phí', en: 'Program & funds' },
      icon: svg('M4 20V10M10 20V4M16 20v-7M22 20H2'),
      permission: 'finance.read',
    },
    {
      path: 'finance/targets',
      label: { vi: 'Chỉ tiêu', en: 'Targets' },
      icon: svg('M12 3a9 9 0 1 0 9 9M12 8a4 4 0 1 0 4 4M12 12l7-7'),
      permission: 'finance.read',
    },
    {
      path: 'finance/households',
      label: { vi: 'Dự án phù hợp với hộ', en: 'Projects for a household' },
      icon: svg('M3 11l9-7 9 7v9H3zM9 20v-6h6v6'),
      permission: 'finance.read',
    },
    {
      path: 'finance/import',
      label: { vi: 'Nhập Excel kinh phí', en: 'Import funds (Excel)' },
      icon: svg('M12 3v12M7 10l5 5 5-5M4 21h16'),
      permission: 'finance.write',
    },
  ],
};

export const tasksModule: AppModule = {
  id: 'tasks',
  order: 50,
  routes: [
    { path: 'finance/tasks', load: () => import('./TaskBoardPage'), permission: 'finance.read' },
    { path: 'finance/tasks/:id', load: () => import('./TaskPage'), permission: 'finance.read' },
  ],
  nav: [
    {
      path: 'finance/tasks',
      label: { vi: 'Nhiệm vụ', en: 'Tasks' },
      icon: svg('M9 6h11M9 12h11M9 18h11M4 6l1 1 2-2M4 12l1 1 2-2M4 18l1 1 2-2'),
      permission: 'finance.read',
    },
  ],
};
