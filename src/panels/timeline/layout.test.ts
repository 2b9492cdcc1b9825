import { describe, expect, it } from 'vitest';
import { barBox, laneAt, rowOf, timelineLayout } from './layout.ts';

describe('timeline layout', () => {
  it('16 CPUs: 18 px lanes with three rows, no pinned lane, every lane labelled', () => {
    const L = timelineLayout(1100, 16, 3);
    expect(L.lanes.laneH).toBe(18);
    expect(L.lanes.rows).toBe(3);
    expect(L.pinned).toBeNull();
    expect(L.labelEvery).toBe(1);
  });

  it('128 CPUs: thin one-row lanes, the focused CPU pinned at full height, labels ≥ 12 px apart', () => {
    const L = timelineLayout(1100, 128, 37);
    expect(L.lanes.laneH).toBe(3);
    expect(L.lanes.rows).toBe(1);
    expect(L.pinned).toMatchObject({ cpu: 37, rows: 3 });
    expect(L.labelEvery * L.lanes.laneH).toBeGreaterThanOrEqual(12);
    expect(L.height).toBeLessThan(560);
  });

  it('256 CPUs still get at least a pixel per lane', () => {
    const L = timelineLayout(1100, 256, 0);
    expect(L.lanes.laneH).toBeGreaterThanOrEqual(1);
    expect(L.labelEvery).toBe(16);
  });

  it('rows: work, flush, locks', () => {
    expect(rowOf('unmap')).toBe(0);
    expect(rowOf('flush_full')).toBe(1);
    expect(rowOf('timeout')).toBe(1);
    expect(rowOf('ring_lock_wait')).toBe(2);
    const band = { y: 0, laneH: 18, rows: 3 as const };
    expect(barBox(band, 100, 'unmap')).toEqual([100.5, 5]);
    expect(barBox(band, 100, 'rbtree_lock_wait')).toEqual([112.5, 5]);
  });

  it('maps y back to lanes and rows', () => {
    const L = timelineLayout(1100, 16, 0);
    expect(laneAt(L, L.lanes.y + 18 * 5 + 1)).toEqual({ cpu: 5, row: 0 });
    expect(laneAt(L, L.lanes.y + 18 * 5 + 13)).toEqual({ cpu: 5, row: 2 });
    expect(laneAt(L, L.lanes.y - 1)).toBeNull();
    const P = timelineLayout(1100, 128, 9);
    expect(laneAt(P, P.pinned!.y + 14)).toEqual({ cpu: 9, row: 1 });
    expect(laneAt(P, P.lanes.y + 3 * 100 + 1)).toEqual({ cpu: 100, row: -1 });
  });
});
