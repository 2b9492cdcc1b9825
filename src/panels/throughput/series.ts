// The throughput panel's data: IOPS per bucket from the whole-run series, the toggleable overlay
// tracks (what each plots, in which unit), and column-wise decimation so a 10 000-bucket run
// draws as a path of at most two points per pixel.

import type { RunSeries } from '../../sim/view.ts';
import { COLOR } from '../palette.ts';

/** IOPS of each bucket. */
export function iopsOf(s: RunSeries): number[] {
  const k = 1e9 / s.bucketNs;
  return s.ios.map((x) => x * k);
}

/** The bucket holding moment t (clamped to the series). */
export function bucketAt(t: number, bucketNs: number, n: number): number {
  return Math.max(0, Math.min(n - 1, Math.floor(t / bucketNs)));
}

export interface OverlayLine {
  label: string;
  color: string;
  dash?: readonly number[];
  values: (s: RunSeries) => number[];
}

export interface Overlay {
  id: 'rbtree' | 'depot' | 'mags' | 'frees';
  title: string;
  /** How values are printed on the track's axis. */
  unit: string;
  lines: readonly OverlayLine[];
  /** Bars (counts per bucket) rather than lines (levels). */
  bars?: boolean;
}

const perMs = (a: readonly number[], bucketNs: number) => a.map((x) => (x * 1e6) / bucketNs);

/**
 * Lock wait per bucket divided by the bucket's length: the average number of CPUs spinning on that
 * lock during the bucket (1.0 = one CPU spinning the whole time).
 */
function spinning(s: RunSeries, lock: string): number[] {
  return (s.lockWaitNs[lock] ?? []).map((w) => w / s.bucketNs);
}

export const OVERLAYS: readonly Overlay[] = [
  {
    id: 'rbtree',
    title: 'Waits: CPUs spinning on a lock or the IOMMU queue (mean per bucket)',
    unit: 'CPUs',
    lines: [
      { label: 'iova_rbtree_lock', color: COLOR.rbtreeLock, values: (s) => spinning(s, 'iova_rbtree_lock') },
      { label: 'flush-queue ring locks', color: COLOR.ringLock, dash: [5, 3], values: (s) => spinning(s, 'fq_ring_locks') },
      // Strict mode's bottleneck (issue 18): every unmap's range invalidation + sync waits here
      // (locks.ts LOCK_IOMMU), as do lazy mode's whole-domain flushes.
      { label: 'IOMMU command queue', color: COLOR.covered, dash: [2, 2], values: (s) => spinning(s, 'iommu_cmdq') },
    ],
  },
  {
    id: 'depot',
    title: 'Depot: full magazines, all size classes',
    unit: 'mags',
    lines: [{ label: 'depot', color: COLOR.depot, values: (s) => s.depotMags.slice() }],
  },
  {
    id: 'mags',
    title: 'Magazines freed to the rbtree, per ms',
    unit: '/ms',
    bars: true,
    lines: [{ label: 'magazines to rbtree', color: COLOR.mags, values: (s) => perMs(s.magsToRbtree, s.bucketNs) }],
  },
  {
    id: 'frees',
    title: 'IOVAs freed from flush queues, per ms',
    unit: '/ms',
    lines: [
      { label: 'by owner (queue_iova)', color: COLOR.owner, values: (s) => perMs(s.freesOwner, s.bucketNs) },
      { label: 'by timer CPU (fq_flush_timeout)', color: COLOR.timerCpu, dash: [5, 3], values: (s) => perMs(s.freesTimer, s.bucketNs) },
    ],
  },
];

export type OverlayId = Overlay['id'];

/**
 * Decimates a step series of n buckets to at most ~2 points per pixel column: for each column the
 * first, min and max values are kept, in bucket order, so peaks survive. Returns [bucket, value]
 * pairs; short series come back whole.
 */
export function decimate(values: readonly number[], columns: number): [number, number][] {
  const n = values.length;
  const out: [number, number][] = [];
  if (n <= columns * 2) {
    for (let i = 0; i < n; i++) out.push([i, values[i]]);
    return out;
  }
  const per = n / columns;
  for (let c = 0; c < columns; c++) {
    const a = Math.floor(c * per);
    const b = Math.min(n, Math.floor((c + 1) * per));
    let lo = a;
    let hi = a;
    for (let i = a; i < b; i++) {
      if (values[i] < values[lo]) lo = i;
      if (values[i] > values[hi]) hi = i;
    }
    const first = Math.min(lo, hi);
    const second = Math.max(lo, hi);
    out.push([first, values[first]]);
    if (second !== first) out.push([second, values[second]]);
  }
  return out;
}

export function maxOf(a: readonly number[]): number {
  let m = 0;
  for (const v of a) if (v > m) m = v;
  return m;
}

/**
 * Marker labels that fit: walking left to right, a label is shown only if it starts at least
 * `minGap` px after the previous shown one. Returns the indices of markers to label.
 */
export function labelled(xs: readonly number[], minGap: number): number[] {
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const shown: number[] = [];
  let last = -Infinity;
  for (const [x, i] of order) {
    if (x - last >= minGap) {
      shown.push(i);
      last = x;
    }
  }
  return shown.sort((a, b) => a - b);
}
