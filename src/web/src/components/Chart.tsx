// A chart, accessible and lazy: ECharts (≈ 300 kB) downloads the first time a page shows a chart,
// never on the sign-in page. The chart itself is an image to screen readers (`label`); put the
// figures it draws in text or a table beside it — charts illustrate, numbers are the product.
import { lazy, Suspense } from 'react';
import { Skeleton } from '@mantine/core';
import type { EChartsCoreOption } from 'echarts/core';

const EChart = lazy(() => import('./EChart'));

export function Chart({
  option,
  label,
  height = 220,
}: {
  option: EChartsCoreOption;
  label: string;
  height?: number;
}) {
  return (
    <div role="img" aria-label={label}>
      <Suspense fallback={<Skeleton h={height} />}>
        <EChart option={option} height={height} />
      </Suspense>
    </div>
  );
}
