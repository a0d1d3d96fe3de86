// A visit's position and the account's addresses on a small square, without
// map tiles: metres east and north of the visit (an equirectangular view,
// exact enough across a city), scaled so the farthest point fits.
import type { Address, Position } from './types';

const SIZE = 240;
const MARGIN = 24;
const EARTH_RADIUS_M = 6_371_008.8;

export interface Plot {
  visit: { x: number; y: number };
  /** The accuracy radius, in the plot's units. */
  accuracy: number;
  /** Addresses with coordinates; the nearest one is marked. */
  addresses: { x: number; y: number; nearest: boolean }[];
  /** Metres from the centre to the plot's edge. */
  scaleMetres: number;
}

type Point = { lat: number; lon: number };

/** Metres east and north of `origin`, equirectangular: exact enough across a city. */
function metresFrom(origin: Point): (p: Point) => { east: number; north: number } {
  const rad = Math.PI / 180;
  return (p) => ({
    east: (p.lon - origin.lon) * rad * Math.cos(origin.lat * rad) * EARTH_RADIUS_M,
    north: (p.lat - origin.lat) * rad * EARTH_RADIUS_M,
  });
}

export function plotPoints(position: Position, addresses: Address[]): Plot {
  const metres = metresFrom(position.point);
  const placed = addresses.flatMap((a) => (a.point ? [metres(a.point)] : []));
  const far = Math.max(position.accuracy_m, 50, ...placed.map((p) => Math.hypot(p.east, p.north)));
  const scaleMetres = far * 1.1;
  const unit = (SIZE / 2 - MARGIN) / scaleMetres;
  const centre = SIZE / 2;
  const nearest = placed.reduce((best, p, i) => (best < 0 || Math.hypot(p.east, p.north) < Math.hypot(placed[best].east, placed[best].north) ? i : best), -1);
  return {
    visit: { x: centre, y: centre },
    accuracy: position.accuracy_m * unit,
    addresses: placed.map((p, i) => ({ x: centre + p.east * unit, y: centre - p.north * unit, nearest: i === nearest })),
    scaleMetres,
  };
}

export interface DayPlot {
  /** The visits logged with a position, in the order made, numbered from 1. */
  stops: { x: number; y: number; n: number }[];
  /** The accounts' addresses. */
  addresses: { x: number; y: number }[];
  /** Metres the plot's side spans. */
  spanMetres: number;
  size: number;
}

/**
 * A gestor's day on a square: the positions in order (the route between
 * them is the line through `stops`) and the addresses visited, scaled so
 * every point fits around their middle.
 */
export function plotDay(stops: (Point | null)[], addresses: Point[], size = 480): DayPlot {
  const all = [...stops.filter((p): p is Point => p !== null), ...addresses];
  if (all.length === 0) return { stops: [], addresses: [], spanMetres: 0, size };
  const middle = { lat: (Math.min(...all.map((p) => p.lat)) + Math.max(...all.map((p) => p.lat))) / 2,
    lon: (Math.min(...all.map((p) => p.lon)) + Math.max(...all.map((p) => p.lon))) / 2 };
  const metres = metresFrom(middle);
  const far = Math.max(100, ...all.map((p) => { const m = metres(p); return Math.max(Math.abs(m.east), Math.abs(m.north)); }));
  const unit = (size / 2 - MARGIN) / far;
  const at = (p: Point) => { const m = metres(p); return { x: size / 2 + m.east * unit, y: size / 2 - m.north * unit }; };
  return {
    stops: stops.flatMap((p, i) => (p ? [{ ...at(p), n: i + 1 }] : [])),
    addresses: addresses.map(at),
    spanMetres: (far * 2 * size) / (size - 2 * MARGIN),
    size,
  };
}
