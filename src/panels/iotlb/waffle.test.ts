import { describe, expect, it } from 'vitest';
import { CELL_FREE, CELL_STALE, CELL_VALID, cellKind, waffleLayout } from './waffle.ts';

describe('IOTLB waffle', () => {
  it('512 entries in a 480 x 240 box: 14 px cells, columns a multiple of 8', () => {
    const w = waffleLayout(512, 480, 240);
    expect(w.cell).toBe(14);
    expect(w.cols % 8).toBe(0);
    expect(w.cols * w.rows).toBeGreaterThanOrEqual(512);
    expect(w.height).toBeLessThanOrEqual(240);
  });

  it('shrinks cells for big IOTLBs and stays in the box', () => {
    for (const cap of [16, 512, 4096, 32768]) {
      const w = waffleLayout(cap, 400, 200);
      expect(w.width).toBeLessThanOrEqual(400);
      expect(w.cols * w.rows).toBeGreaterThanOrEqual(cap);
      if (w.cell > 2) expect(w.height).toBeLessThanOrEqual(200);
    }
  });

  it('fills stale, then valid, then free', () => {
    expect([0, 1, 2, 3, 4].map((i) => cellKind(i, 2, 2))).toEqual([CELL_STALE, CELL_STALE, CELL_VALID, CELL_VALID, CELL_FREE]);
  });
});
