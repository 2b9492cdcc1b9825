import { describe, expect, it } from 'vitest';
import { heatAt, heatLayout, heatRowY, rangeExtent, stripLayout, stripX } from './layout.ts';

describe('allocator heat grid', () => {
  it('16 CPUs: wide columns, every CPU labelled', () => {
    const L = heatLayout(1100, 16);
    expect(L.cellW).toBe(40);
    expect(L.labelEvery).toBe(1);
  });

  it('128 CPUs in 560 px: narrow columns that fit, labels ≥ 26 px apart', () => {
    const L = heatLayout(560, 128);
    expect(L.x + L.cellW * 128).toBeLessThanOrEqual(560);
    expect(L.cellW).toBeGreaterThanOrEqual(2);
    expect(L.labelEvery * L.cellW).toBeGreaterThanOrEqual(26);
  });

  it('hit-tests CPU, class and magazine, not the gaps', () => {
    const L = heatLayout(1100, 16);
    expect(heatAt(L, L.x + 3 * L.cellW + 1, heatRowY(L, 2, true) + 1)).toEqual({ cpu: 3, cls: 2, prev: true });
    expect(heatAt(L, L.x + 1, heatRowY(L, 0, false) + 1)).toEqual({ cpu: 0, cls: 0, prev: false });
    expect(heatAt(L, L.x + 1, heatRowY(L, 0, true) + L.rowH + 1)).toBeNull(); // class gap
    expect(heatAt(L, L.x - 1, heatRowY(L, 0, false))).toBeNull();
    expect(heatAt(L, L.x + 16 * L.cellW + 1, heatRowY(L, 0, false))).toBeNull();
    expect(heatRowY(L, 5, true) + L.rowH).toBeLessThanOrEqual(L.height);
  });
});

describe('address strip', () => {
  it('maps ranges onto the strip, at least a pixel wide', () => {
    const S = stripLayout(1000);
    const [a, b] = stripX(S, 1000, 1999, 1000, 1999);
    expect(a).toBe(S.x);
    expect(b).toBeCloseTo(S.x + S.w);
    const [c, d] = stripX(S, 0, 1e9, 5, 5);
    expect(d - c).toBe(1);
  });

  it('finds the extent of the ranges', () => {
    expect(rangeExtent(Float64Array.from([50, 60, 10, 12, 70, 80]))).toEqual([10, 80]);
    expect(rangeExtent(new Float64Array(0))).toEqual([0, 0]);
  });
});
