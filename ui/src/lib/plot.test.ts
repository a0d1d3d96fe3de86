import { describe, expect, it } from 'vitest';
import { plotDay, plotPoints } from './plot';

describe('plotPoints', () => {
  const position = { point: { lat: 19.4326, lon: -99.1332 }, accuracy_m: 20 };
  it('puts the visit in the middle and an address to its north-east up and right, inside the square', () => {
    const plot = plotPoints(position, [
      { line: 'sin coordenadas', point: null },
      { line: 'casa', point: { lat: 19.4346, lon: -99.1312 } },
      { line: 'trabajo', point: { lat: 19.4226, lon: -99.1432 } },
    ]);
    expect(plot.visit).toEqual({ x: 120, y: 120 });
    expect(plot.addresses).toHaveLength(2);
    const [home, work] = plot.addresses;
    expect(home.x).toBeGreaterThan(120);
    expect(home.y).toBeLessThan(120);
    expect(home.nearest).toBe(true);
    expect(work.nearest).toBe(false);
    for (const a of plot.addresses) for (const c of [a.x, a.y]) expect(c).toBeGreaterThanOrEqual(0), expect(c).toBeLessThanOrEqual(240);
  });
  it('without addresses, still draws the accuracy circle within the square', () => {
    const plot = plotPoints(position, []);
    expect(plot.addresses).toEqual([]);
    expect(plot.accuracy).toBeLessThanOrEqual(96);
  });
});

describe('a gestor\'s day', () => {
  it('keeps the visits in order, numbered as made, and fits every point on the square', () => {
    const day = plotDay([{ lat: 19.43, lon: -99.13 }, null, { lat: 19.44, lon: -99.12 }], [{ lat: 19.435, lon: -99.125 }], 480);
    expect(day.stops.map((s) => s.n)).toEqual([1, 3]);
    for (const p of [...day.stops, ...day.addresses]) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(480);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(480);
    }
    expect(day.stops[0].y).toBeGreaterThan(day.stops[1].y);
    expect(day.addresses[0].x).toBeCloseTo(240, 0);
    expect(plotDay([], []).stops).toEqual([]);
  });
});
