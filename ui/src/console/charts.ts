// Bar charts drawn as plain SVG (no chart library, nothing fetched): the
// geometry here, the drawing in the screens. Every chart has a table of
// the same numbers under it, for screen readers and for reading exact values.

/** The top of a chart's scale: the next 1, 2 or 5 × 10ⁿ at or above `max` (at least 1). */
export function scaleTop(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 5, 10].find((s) => s * power >= max) ?? 10;
  return step * power;
}

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The widest a column gets, so a short period does not draw slabs. */
const MAX_COLUMN = 40;

/** Vertical bars for `values` side by side across `width`, rising from the bottom of `height`. */
export function columns(values: number[], width: number, height: number, top = scaleTop(Math.max(0, ...values))): Bar[] {
  const slot = values.length === 0 ? 0 : width / values.length;
  const bar = Math.max(1, Math.min(MAX_COLUMN, slot - Math.min(4, slot * 0.2)));
  return values.map((v, i) => {
    const h = (Math.max(0, v) / top) * height;
    return { x: i * slot + (slot - bar) / 2, y: height - h, width: bar, height: h };
  });
}

/** Horizontal bars for `values`, one per row of `rowHeight`, across `width`. */
export function rows(values: number[], width: number, rowHeight: number, top = scaleTop(Math.max(0, ...values))): Bar[] {
  return values.map((v, i) => ({ x: 0, y: i * rowHeight + 3, width: (Math.max(0, v) / top) * width, height: rowHeight - 6 }));
}
