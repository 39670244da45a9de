// A shipped boundary layer (`src/web/public/maps/<id>.<web|svg>.json`, TopoJSON with one object
// `units`, made by scripts/build-maps.ts) as GeoJSON features: read by the portal's map and the
// web app's, apart from the drawing (draw.ts) so that reading a layer does not bring d3-geo along.
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { FeatureCollection, Geometry } from 'geojson';

/** What every feature of a shipped layer carries (scripts/build-maps.ts). */
export interface UnitProps {
  code: string;
  name: string;
}

export type UnitFeatures = FeatureCollection<Geometry, UnitProps>;

/** A shipped layer file (TopoJSON, one object `units`) as GeoJSON features. */
export function unitsOfTopology(topology: unknown): UnitFeatures {
  const topo = topology as Topology<{ units: GeometryCollection<UnitProps> }>;
  return feature(topo, topo.objects.units) as UnitFeatures;
}
