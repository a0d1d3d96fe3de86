import { describe, expect, it } from 'vitest';
import { columns, rows, scaleTop } from './charts';

describe('charts', () => {
  it('tops the scale at a round number at or above the largest value', () => {
    expect([0, 0.4, 1, 3, 7, 12, 20, 61, 100, 101].map(scaleTop)).toEqual([1, 0.5, 1, 5, 10, 20, 20, 100, 100, 200]);
  });

  it('draws columns from the bottom, in proportion, side by side', () => {
    const bars = columns([0, 5, 10], 300, 100);
    expect(bars.map((b) => [b.height, b.y])).toEqual([[0, 100], [50, 50], [100, 0]]);
    expect(bars.map((b) => [b.x, b.width])).toEqual([[30, 40], [130, 40], [230, 40]]);
    const month = columns(Array(30).fill(1), 300, 100);
    expect(month[0].width).toBeCloseTo(8);
    expect(month[29].x + month[29].width).toBeCloseTo(299, 0);
  });

  it('draws rows against a given top, a negative value as nothing', () => {
    expect(rows([50, -3, 100], 200, 20, 100).map((b) => [b.width, b.y])).toEqual([[100, 3], [0, 23], [200, 43]]);
  });
});
