// The route screen's pure parts: the link that opens the phone's maps app,
// and the projection of the day's stops onto a small plot drawn without tiles.
import type { GeoPoint } from './types';

/** A `geo:` link: the phone's maps app opens on the point, labelled with the address. */
export function geoLink(point: GeoPoint, label: string): string {
  const at = `${point.lat},${point.lon}`;
  return `geo:${at}?q=${at}(${encodeURIComponent(label)})`;
}

export interface Spot { x: number; y: number }

/**
 * `points` in a square of `size` units with `margin` around, north up. A
 * city is small enough for a flat projection: longitude is narrowed by the
 * cosine of the latitude, so a kilometre is as long across as up.
 */
export function project(points: GeoPoint[], size: number, margin: number): Spot[] {
  if (points.length === 0) return [];
  const lats = points.map((p) => p.lat);
  const lons = points.map((p) => p.lon);
  const [south, north] = [Math.min(...lats), Math.max(...lats)];
  const [west, east] = [Math.min(...lons), Math.max(...lons)];
  const narrow = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const width = (east - west) * narrow;
  const height = north - south;
  // One point, or all on one spot: the middle.
  const span = Math.max(width, height) || 1;
  const scale = (size - 2 * margin) / span;
  const offsetX = margin + (size - 2 * margin - width * scale) / 2;
  const offsetY = margin + (size - 2 * margin - height * scale) / 2;
  return points.map((p) => ({ x: offsetX + (p.lon - west) * narrow * scale, y: offsetY + (north - p.lat) * scale }));
}
