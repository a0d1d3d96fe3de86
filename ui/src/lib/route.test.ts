import { describe, expect, it } from 'vitest';
import { geoLink, project } from './route';

describe('geoLink', () => {
  it('opens the maps app on the point, labelled with the address', () => {
    expect(geoLink({ lat: 19.4326, lon: -99.1332 }, 'Av. Juárez 12, Centro')).toBe(
      'geo:19.4326,-99.1332?q=19.4326,-99.1332(Av.%20Ju%C3%A1rez%2012%2C%20Centro)',
    );
  });
});

describe('project', () => {
  it('puts north up and keeps a kilometre as long across as up', () => {
    // A square of about 1.1 km at Lima's latitude: 0.01° north, 0.01°/cos(lat) east.
    const narrow = Math.cos((-12.045 * Math.PI) / 180);
    const [sw, ne] = project([{ lat: -12.05, lon: -77.05 }, { lat: -12.04, lon: -77.05 + 0.01 / narrow }], 100, 10);
    expect(sw.x).toBeCloseTo(10);
    expect(sw.y).toBeCloseTo(90);
    expect(ne.x).toBeCloseTo(90);
    expect(ne.y).toBeCloseTo(10);
  });

  it('centres what is narrower than the plot, and a single stop', () => {
    const [a, b] = project([{ lat: 19.40, lon: -99.15 }, { lat: 19.42, lon: -99.15 }], 100, 10);
    expect([a.x, b.x]).toEqual([50, 50]);
    expect(project([{ lat: 19.4, lon: -99.1 }], 100, 10)).toEqual([{ x: 50, y: 50 }]);
    expect(project([], 100, 10)).toEqual([]);
  });
});
