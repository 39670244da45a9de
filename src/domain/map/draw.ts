// The map drawn as SVG paths, one implementation for the portal's statistics page (drawn on the
// server, src/portal/map.ts) and the web app's first view of the Bản đồ page (drawn in the
// browser before MapLibre is ready, src/web/src/pages/map/MapSvg.tsx): the shipped coarse layer
// (`<id>.svg.json`, TopoJSON, read by topology.ts), then Mercator fitted to the features drawn,
// paths to one decimal. Mercator, fitted to the features' bounds with a padding, is also what
// MapLibre's `fitBounds` shows, so the web app's SVG and canvas views of a unit coincide.
// No adaptive resampling (`precision(0)`): at a province's scale Mercator keeps a boundary's short
// segments straight, MapLibre draws them straight too, and resampling was most of the drawing's
// time (half a second for Thanh Hóa's communes on a slow machine).
import { geoMercator, geoPath } from 'd3-geo';
import type { Geometry, GeometryCollection } from 'geojson';

/**
 * The SVG path (`d`) of each feature, in order, for a `width` × `height` view with `padding` on
 * every side: Mercator fitted to the features together, coordinates rounded to 0.1 unit.
 */
export function drawFeatures(
  features: readonly { geometry: Geometry }[],
  width: number,
  height: number,
  padding: number,
): string[] {
  const all: GeometryCollection = { type: 'GeometryCollection', geometries: features.map((f) => f.geometry) };
  const projection = geoMercator()
    .precision(0)
    .fitExtent(
      [
        [padding, padding],
        [width - padding, height - padding],
      ],
      all,
    );
  const path = geoPath(projection).digits(1);
  return features.map((f) => path(f.geometry) ?? '');
}
