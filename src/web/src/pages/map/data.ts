// What the map page reads before it can draw its first view, as queries shared by the page and
// its prefetch: the date it opens on, the scope's units, the units under the scope unit, its
// dashboard, and the coarse boundaries of those units. The prefetch runs as soon as the session
// is known (src/main.tsx, through the route's `prefetch` in src/modules.tsx), while the layout's
// and the page's chunks load and render: the page then finds its data asked for, or in, rather
// than asking for it one step after each render (the date, then the scope, then the rest). This
// file is part of the app's start (a few kilobytes): imported lazily, it waited behind the page's
// own chunks before its first request went out. The TopoJSON reader comes with the first layer.
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { dashboardQuery } from '../../api/dashboard';
import { defaultDateQuery, scopeRootsQuery } from '../../api/scope';
import { unitsQuery } from '../../api/units';
import type { Unit, User } from '../../api/types';
import { REFORM_DATE, todayVn } from '../../today';
import { layerFor, type MapLayer, type MapLevel } from '../../../../domain/map/layers';

/**
 * A shipped layer as GeoJSON (TopoJSON on the wire: shared borders are sent once), in one of its
 * two sizes: `svg` (coarse, the first view's and the portal's) or `web` (MapLibre's, zoomable).
 */
export const layerQuery = (layer: MapLayer | null, size: 'svg' | 'web') =>
  queryOptions({
    queryKey: ['map-layer', layer?.id, size],
    enabled: layer !== null,
    staleTime: Infinity,
    queryFn: async ({ signal }) => {
      const [res, { unitsOfTopology }] = await Promise.all([
        fetch(`${import.meta.env.BASE_URL}maps/${layer!.id}.${size}.json`, { signal }),
        import('../../../../domain/map/topology'),
      ]);
      if (!res.ok) throw new Error(`${res.status}`);
      return unitsOfTopology(await res.json());
    },
  });

/** The level of the units under `unit` on `on` that a layer may hold. */
export function childLevel(unit: Unit, on: string): MapLevel | null {
  if (unit.level === 'province') return on < REFORM_DATE ? 'district' : 'commune';
  if (unit.level === 'district') return 'commune';
  return null;
}

/**
 * Asks for what the page's first view of `user`'s scope needs, in the page's own queries. A scope
 * of several units (the nation's provinces, a city's successor wards) is left to the page.
 */
export async function prefetchMapPage(qc: QueryClient, user: User): Promise<void> {
  // The scope of today alongside the date the page opens on, which is today but for a scope unit
  // that has ended (a city before the 2025 reform): then the scope of that date after it.
  const today = todayVn();
  const [on, ofToday] = await Promise.all([
    qc.fetchQuery(defaultDateQuery(user.unitCode, today)),
    qc.fetchQuery(scopeRootsQuery(user.unitCode, today)),
  ]);
  const scope = on === today ? ofToday : await qc.fetchQuery(scopeRootsQuery(user.unitCode, on));
  const unit = scope.roots.length === 1 ? scope.roots[0]! : null;
  if (!unit) return;
  const level = childLevel(unit, on);
  const layer = level ? layerFor(level, unit.code, on) : null;
  await Promise.all([
    qc.prefetchQuery(unitsQuery(on, unit.code)),
    qc.prefetchQuery(dashboardQuery(unit.code, on)),
    layer ? qc.prefetchQuery(layerQuery(layer, 'svg')) : null,
  ]);
}
