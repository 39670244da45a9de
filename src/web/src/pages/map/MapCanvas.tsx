// The MapLibre GL canvas of the map page, loaded lazily in its own chunk (≈ 1 MB with its worker):
// no other page pays for it. No tile server and no network: the style has no source but the
// boundaries the page hands in (GeoJSON made from the shipped TopoJSON), no glyphs, no sprite, so
// the map works offline. Each feature carries its fill (`color`) from the page, which computed it
// from the figure (src/domain/map/figures.ts); after every render the canvas writes what the fill
// layer actually drew into `data-rendered` ({code: colour}), which the tests read back. The page
// loads it behind its first view (MapSvg.tsx), which it replaces once `onDrawn` says the units are
// drawn.
import { useEffect, useRef } from 'react';
import { Center, Group, Loader, Text } from '@mantine/core';
import * as maplibregl from 'maplibre-gl';
import type { GeoJSONSource, MapMouseEvent } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// The worker is its own module file; Vite copies it as an asset and MapLibre is told where it is
// (it would look beside its own file, which the bundle renamed).
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { FeatureCollection, Geometry } from 'geojson';

maplibregl.setWorkerUrl(workerUrl);
// Start the worker (its own 560 kB script) now, while the page still fetches its boundaries and
// figures: MapLibre would otherwise ask for it only when the first source is added.
maplibregl.prewarm();

export interface MapFeatureProps {
  code: string;
  name: string;
  color: string;
  /** The tooltip's lines (figures in words). */
  tip: string;
}

export interface MapCanvasProps {
  /** The units to draw; null while the page still loads them (the map starts meanwhile). */
  data: FeatureCollection<Geometry, MapFeatureProps> | null;
  /** Said over the map while `data` is null. */
  loading: string | null;
  /** Accessible name of the canvas (the table beside it carries the figures). */
  label: string;
  height: number;
  onOpen: (code: string) => void;
  /** Called when the units handed in are drawn (MapLibre idle after their data was set). */
  onDrawn?: () => void;
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

function boundsOf(fc: FeatureCollection): [[number, number], [number, number]] | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = c as [number, number];
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < s) s = y;
      if (y > n) n = y;
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  for (const f of fc.features) if (f.geometry && 'coordinates' in f.geometry) visit(f.geometry.coordinates);
  return Number.isFinite(w)
    ? [
        [w, s],
        [e, n],
      ]
    : null;
}

/** Colours as CSS rgba(), whatever MapLibre's Color object or string holds. */
function cssOf(c: unknown): string {
  if (c && typeof c === 'object' && 'r' in c) {
    const { r, g, b, a } = c as { r: number; g: number; b: number; a: number };
    // MapLibre keeps premultiplied channels 0–1.
    const k = (v: number) => Math.round((a > 0 ? v / a : v) * 255);
    return `rgb(${k(r)}, ${k(g)}, ${k(b)})`;
  }
  return String(c);
}

export default function MapCanvas({ data, loading, label, height, onOpen, onDrawn }: MapCanvasProps) {
  const ref = useRef<HTMLDivElement>(null);
  const map = useRef<maplibregl.Map | null>(null);
  const open = useRef(onOpen);
  open.current = onOpen;
  const drawnRef = useRef(onDrawn);
  drawnRef.current = onDrawn;
  // Whether units were handed to the source (the first idle draws an empty map).
  const applied = useRef(false);
  const labelRef = useRef(label);
  labelRef.current = label;
  useEffect(() => map.current?.getCanvas().setAttribute('aria-label', label), [label]);

  useEffect(() => {
    const container = ref.current;
    if (!container) return;
    const m = new maplibregl.Map({
      container,
      style: {
        version: 8,
        sources: { units: { type: 'geojson', data: EMPTY } },
        layers: [
          { id: 'background', type: 'background', paint: { 'background-color': '#f1f3f5' } },
          {
            id: 'units-fill',
            type: 'fill',
            source: 'units',
            paint: { 'fill-color': ['get', 'color'], 'fill-opacity': 0.9 },
          },
          {
            id: 'units-line',
            type: 'line',
            source: 'units',
            paint: { 'line-color': '#495057', 'line-width': 0.8 },
          },
        ],
      },
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      renderWorldCopies: false,
      fadeDuration: 0,
    });
    m.touchZoomRotate.disableRotation();
    m.keyboard.disableRotation();
    m.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false, maxWidth: '280px' });
    m.on('mousemove', 'units-fill', (e: MapMouseEvent & { features?: maplibregl.MapGeoJSONFeature[] }) => {
      const f = e.features?.[0];
      if (!f) return;
      m.getCanvas().style.cursor = 'pointer';
      const props = f.properties as MapFeatureProps;
      const box = document.createElement('div');
      box.className = 'gn-map-tip';
      const title = document.createElement('strong');
      title.textContent = props.name;
      box.append(title);
      for (const line of props.tip.split('\n')) {
        const p = document.createElement('div');
        p.textContent = line;
        box.append(p);
      }
      popup.setLngLat(e.lngLat).setDOMContent(box).addTo(m);
    });
    m.on('mouseleave', 'units-fill', () => {
      m.getCanvas().style.cursor = '';
      popup.remove();
    });
    m.on('click', 'units-fill', (e: MapMouseEvent & { features?: maplibregl.MapGeoJSONFeature[] }) => {
      const code = (e.features?.[0]?.properties as MapFeatureProps | undefined)?.code;
      if (code) open.current(code);
    });
    // What the fill layer drew, per unit, for the tests (and anyone inspecting the page).
    m.on('idle', () => {
      const drawn: Record<string, string> = {};
      for (const f of m.queryRenderedFeatures({ layers: ['units-fill'] })) {
        const code = (f.properties as MapFeatureProps).code;
        drawn[code] = cssOf((f.layer.paint as Record<string, unknown> | undefined)?.['fill-color']);
      }
      container.dataset.rendered = JSON.stringify(drawn);
      if (applied.current) drawnRef.current?.();
    });
    map.current = m;
    m.getCanvas().setAttribute('aria-label', labelRef.current);
    const observer = new ResizeObserver(() => m.resize());
    observer.observe(container);
    return () => {
      observer.disconnect();
      popup.remove();
      m.remove();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    const m = map.current;
    if (!m || !data) return;
    const apply = () => {
      delete ref.current?.dataset.rendered;
      // The view first, then the data: the worker cuts the tiles of that view only, not the
      // whole world's first.
      const b = boundsOf(data);
      if (b) m.fitBounds(b, { padding: 16, animate: false });
      (m.getSource('units') as GeoJSONSource | undefined)?.setData(data);
      applied.current = true;
    };
    if (m.isStyleLoaded()) apply();
    else m.once('load', apply);
  }, [data]);

  return (
    <div style={{ position: 'relative' }}>
      <div
        ref={ref}
        data-testid="map-canvas"
        style={{ width: '100%', height, borderRadius: 4, overflow: 'hidden' }}
      />
      {loading ? (
        <Center pos="absolute" inset={0} style={{ pointerEvents: 'none' }}>
          <Group gap="xs">
            <Loader size="sm" />
            <Text size="sm">{loading}</Text>
          </Group>
        </Center>
      ) : null}
    </div>
  );
}
