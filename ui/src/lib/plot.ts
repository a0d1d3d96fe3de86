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

export function plotPoints(position: Position, addresses: Address[]): Plot {
  const origin = position.point;
  const metres = (p: { lat: number; lon: number }) => {
    const rad = Math.PI / 180;
    return {
      east: (p.lon - origin.lon) * rad * Math.cos(origin.lat * rad) * EARTH_RADIUS_M,
      north: (p.lat - origin.lat) * rad * EARTH_RADIUS_M,
    };
  };
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
