import { describe, expect, it } from 'vitest';
import { emptyObserveSeries } from '../../sim/observe.ts';
import type { RunSeries } from '../../sim/view.ts';
import { bucketAt, decimate, iopsOf, labelled, maxOf, OVERLAYS } from './series.ts';

function series(n: number): RunSeries {
  const z = () => Array.from({ length: n }, () => 0);
  return {
    bucketNs: 1e6,
    ios: z().map((_, i) => 100 + i),
    flushFull: z(),
    flushTimeout: z(),
    freesOwner: z().map(() => 50),
    freesTimer: z().map((_, i) => (i === 3 ? 200 : 0)),
    staleIotlb: z(),
    fqQueued: z(),
    lockWaitNs: { iova_rbtree_lock: z().map(() => 2.5e6), fq_ring_locks: z() },
    mapLatNs: z(),
    unmapLatNs: z(),
    depotMags: z().map((_, i) => i),
    rbtreeNodes: z(),
    cpuCachedTotal: z(),
    magsToRbtree: z().map((_, i) => i % 2),
    timeoutNs: z(),
    depotMagsByClass: z().map(() => [0, 0, 0, 0, 0, 0]),
    cpuCachedByClass: z().map(() => [0, 0, 0, 0, 0, 0]),
    ...emptyObserveSeries(),
  };
}

describe('throughput series', () => {
  it('IOPS: completions per bucket scaled to one second', () => {
    expect(iopsOf(series(3))).toEqual([100_000, 101_000, 102_000]);
    const s = { ...series(2), bucketNs: 2e6 };
    expect(iopsOf(s)).toEqual([50_000, 50_500]);
  });

  it('finds the bucket of a moment, clamped', () => {
    expect(bucketAt(0, 1e6, 10)).toBe(0);
    expect(bucketAt(2.5e6, 1e6, 10)).toBe(2);
    expect(bucketAt(50e6, 1e6, 10)).toBe(9);
  });

  it('overlays: lock wait as CPUs spinning, frees per ms', () => {
    const s = series(5);
    const lock = OVERLAYS.find((o) => o.id === 'rbtree')!;
    expect(lock.lines[0].values(s)[0]).toBe(2.5);
    const frees = OVERLAYS.find((o) => o.id === 'frees')!;
    expect(frees.lines[1].values(s)).toEqual([0, 0, 0, 200, 0]);
    expect(OVERLAYS.map((o) => o.id)).toEqual(['rbtree', 'depot', 'mags', 'frees']);
  });

  it('decimation keeps every peak and at most two points per column', () => {
    const v = Array.from({ length: 10_000 }, (_, i) => (i === 4321 ? 999 : i === 777 ? -5 : 1));
    const d = decimate(v, 500);
    expect(d.length).toBeLessThanOrEqual(1000);
    expect(d.some(([i, x]) => i === 4321 && x === 999)).toBe(true);
    expect(d.some(([i, x]) => i === 777 && x === -5)).toBe(true);
    for (let i = 1; i < d.length; i++) expect(d[i][0]).toBeGreaterThan(d[i - 1][0]);
    expect(decimate([1, 2, 3], 100)).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
  });

  it('maxOf never goes below zero (axes start at 0)', () => {
    expect(maxOf([])).toBe(0);
    expect(maxOf([-1, 3, 2])).toBe(3);
  });

  it('labels markers only where they do not collide', () => {
    expect(labelled([10, 20, 100, 105, 300], 60)).toEqual([0, 2, 4]);
    expect(labelled([300, 10], 60)).toEqual([0, 1]);
  });
});
