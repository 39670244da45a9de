// The Fatherland Front's module ("Mặt trận", order 45): the Fund for the Poor, Great Solidarity
// houses and supervision (registered in src/modules.tsx).
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
const fundIcon = svg('M12 21s-7-4.5-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 11c0 5.5-7 10-7 10z');
const houseIcon = svg('M3 11l9-7 9 7M5 10v10h14V10M10 20v-6h4v6');
const supervisionIcon = svg('M9 11l2 2 4-4M4 4h16v16H4z');

export const frontModule: AppModule = {
  id: 'front',
  order: 45,
  routes: [
    { path: 'front/fund', load: () => import('./FundPage'), permission: 'front.read' },
    { path: 'front/houses', load: () => import('./HousesPage'), permission: 'front.read' },
    { path: 'front/houses/:id', load: () => import('./HousePage'), permission: 'front.read' },
    { path: 'front/supervision', load: () => import('./SupervisionPage'), permission: 'front.read' },
  ],
  nav: [
    {
      path: 'front/fund',
      permission: 'front.read',
      label: { vi: 'Quỹ "Vì người nghèo"', en: 'Fund for the Poor' },
      icon: fundIcon,
    },
    {
      path: 'front/houses',
      permission: 'front.read',
      label: { vi: 'Nhà Đại đoàn kết', en: 'Great Solidarity houses' },
      icon: houseIcon,
    },
    {
      path: 'front/supervision',
      permission: 'front.read',
      label: { vi: 'Giám sát, kiến nghị', en: 'Supervision and recommendations' },
      icon: supervisionIcon,
    },
  ],
};
