import { describe, expect, it } from 'vitest';
import type { Span } from '../../sim/view.ts';
import { coverage, densityPixels, hexRgb, MIN_COVER } from './density.ts';

const sp = (cpu: number, t0: number, t1: number): Span => ({ cpu, kind: 'unmap', t0, t1 });

describe('timeline density layer', () => {
  it('covers whole columns exactly and splits partial ones', () => {
    // 100 ns over 10 columns: 10 ns per column
    const c = coverage([sp(0, 10, 35)], [0], 0, 100, 10, 1);
    expect(Array.from(c.slice(0, 5))).toEqual([0, 1, 1, 0.5, 0]);
  });

  it('sums short spans in one column, clamped to 1, with a floor for a lone one', () => {
    const many = Array.from({ length: 8 }, (_, i) => sp(1, i, i + 1)); // 8 ns in column 0 (10 ns wide)
    const c = coverage(many, many.map((_, i) => i), 0, 100, 10, 2);
    expect(c[10]).toBe(Math.min(1, 8 * MIN_COVER));
    const lone = coverage([sp(0, 50, 50)], [0], 0, 100, 10, 1);
    expect(lone[5]).toBeCloseTo(MIN_COVER);
  });

  it('ignores spans outside the range or of unknown lanes', () => {
    const c = coverage([sp(0, 200, 300), sp(5, 0, 10)], [0, 1], 0, 100, 10, 2);
    expect(c.every((x) => x === 0)).toBe(true);
  });

  it('paints lanes into their rows; the first layer wins', () => {
    const cols = 2;
    const first = Float32Array.from([1, 0, 0, 0]);
    const second = Float32Array.from([1, 0.5, 0, 0]);
    const img = new Uint8ClampedArray(cols * 4 * 4);
    densityPixels(img, cols, 2, (l) => l * 2, 2, first, [1, 2, 3], second, [9, 9, 9]);
    expect(Array.from(img.slice(0, 8))).toEqual([1, 2, 3, 255, 9, 9, 9, 180]); // row 0; sqrt(0.5) * 255
    expect(Array.from(img.slice(8, 16))).toEqual([1, 2, 3, 255, 9, 9, 9, 180]); // row 1 (same lane)
    expect(Array.from(img.slice(16))).toEqual(new Array(16).fill(0)); // lane 1 empty
  });

  it('parses colours', () => {
    expect(hexRgb('#7d7d7d')).toEqual([125, 125, 125]);
  });
});
