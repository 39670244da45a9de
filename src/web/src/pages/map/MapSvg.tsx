// The map page's first view: the units drawn as SVG from the shipped coarse layer (`<id>.svg.json`,
// the portal's), by the portal's own drawing code (src/domain/map/draw.ts), in the colours the page
// computed from the figure (the same `color` MapLibre's fill layer draws). It needs no WebGL and no
// 1 MB library, so the coloured map is on screen as soon as its boundaries and figures are; the
// page swaps in MapLibre (MapCanvas.tsx) once that has loaded in the background and drawn the same
// view (Mercator fitted to the same features with the same padding: the two coincide). Meanwhile
// this is the map: a tooltip with the figures on hover, a click opens the unit. Every path's fill
// is in the DOM (`fill`, `data-code`), which the tests read back.
import { useLayoutEffect, useRef, useState } from 'react';
import type { FeatureCollection, Geometry } from 'geojson';
import { drawFeatures } from '../../../../domain/map/draw';
import type { MapFeatureProps } from './MapCanvas';

/** Space around the units, in pixels: MapCanvas's `fitBounds` padding. */
export const MAP_PADDING = 16;
/** MapCanvas's background, line and fill opacity, so the swap shows no change. */
export const MAP_STYLE = { background: '#f1f3f5', line: '#495057', lineWidth: 0.8, fillOpacity: 0.9 };

export interface MapSvgProps {
  data: FeatureCollection<Geometry, MapFeatureProps>;
  /** Accessible name (the table beside the map carries the figures). */
  label: string;
  height: number;
  onOpen: (code: string) => void;
}

interface Tip {
  code: string;
  x: number;
  y: number;
  /** The view's width on screen. */
  w: number;
}

/**
 * The paths of `features` in a `width` × `height` view, drawn again only when the geometries
 * change (a new layer or other units), not when only their colours or tooltips do.
 */
function usePaths(features: MapSvgProps['data']['features'], width: number, height: number) {
  const last = useRef<{ geometries: Geometry[]; width: number; height: number; paths: string[] } | null>(
    null,
  );
  if (width <= 0) return null;
  const geometries = features.map((f) => f.geometry);
  const kept = last.current;
  if (
    kept &&
    kept.width === width &&
    kept.height === height &&
    kept.geometries.length === geometries.length &&
    kept.geometries.every((g, i) => g === geometries[i])
  )
    return kept.paths;
  const paths = drawFeatures(features, width, height, MAP_PADDING);
  last.current = { geometries, width, height, paths };
  return paths;
}

export function MapSvg({ data, label, height, onOpen }: MapSvgProps) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [tip, setTip] = useState<Tip | null>(null);
  // Drawn for the width the page gives it when it first shows; should that change (a scroll bar
  // appears, a tablet is turned) the drawing is scaled to fit, as MapLibre is about to take over.
  useLayoutEffect(() => setWidth(box.current?.clientWidth || 800), []);
  const paths = usePaths(data.features, width, height);
  const shown = tip ? data.features.find((f) => f.properties.code === tip.code)?.properties : undefined;
  const codeAt = (target: EventTarget) =>
    target instanceof Element ? target.closest('path[data-code]')?.getAttribute('data-code') : null;

  return (
    <div
      ref={box}
      data-testid="map-svg"
      style={{ position: 'relative', width: '100%', height, background: MAP_STYLE.background }}
      onMouseLeave={() => setTip(null)}
    >
      {paths ? (
        <svg
          role="img"
          aria-label={label}
          viewBox={`0 0 ${width} ${height}`}
          width="100%"
          height={height}
          style={{ display: 'block' }}
          onMouseMove={(e) => {
            const code = codeAt(e.target);
            const r = box.current!.getBoundingClientRect();
            setTip(code ? { code, x: e.clientX - r.left, y: e.clientY - r.top, w: r.width } : null);
          }}
          onClick={(e) => {
            const code = codeAt(e.target);
            if (code) onOpen(code);
          }}
        >
          <g
            stroke={MAP_STYLE.line}
            strokeWidth={MAP_STYLE.lineWidth}
            strokeLinejoin="round"
            fillOpacity={MAP_STYLE.fillOpacity}
            style={{ cursor: 'pointer' }}
          >
            {data.features.map((f, i) => (
              <path
                key={f.properties.code}
                d={paths[i]}
                fill={f.properties.color}
                data-code={f.properties.code}
              />
            ))}
          </g>
        </svg>
      ) : null}
      {tip && shown ? (
        <div
          className="gn-map-tip gn-map-svg-tip"
          role="tooltip"
          style={{
            left: Math.min(tip.x + 12, Math.max(0, tip.w - 290)),
            top: tip.y + 12 > height - 110 ? Math.max(0, tip.y - 110) : tip.y + 12,
          }}
        >
          <strong>{shown.name}</strong>
          {shown.tip.split('\n').map((line) => (
            <div key={line}>{line}</div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
