// A/B compare charts (issue 16): the per-bucket numbers of the four compared charts — throughput,
// stale IOTLB entries, lock wait, allocator — from the two runs' series (sim/metrics.ts Series,
// sent by the live worker), either as two lines (A and B overlaid) or as one line B − A. Pure, so
// the page and the tests read the same numbers.

import type { RunSeries } from '../../store/playback.ts';

export type CompareChartId = 'throughput' | 'stale' | 'lockWait' | 'allocator';
export type CompareMode = 'overlay' | 'delta';

export interface CompareChartDef {
  id: CompareChartId;
  title: string;
  /** Unit of the y axis. */
  unit: string;
  /** The chart's number in bucket i, or null past the end of the series. */
  value(s: RunSeries, i: number): number | null;
}

const at = (xs: readonly number[] | undefined, i: number): number | null => (xs && i < xs.length ? xs[i] : null);

export const COMPARE_CHARTS: readonly CompareChartDef[] = [
  {
    id: 'throughput',
    title: 'Throughput',
    unit: 'IOPS',
    value: (s, i) => {
      const n = at(s.ios, i);
      return n === null ? null : n / (s.bucketNs / 1e9);
    },
  },
  // Stale IOTLB entries at the bucket's end: translations the IOMMU may still use after unmap,
  // until the flush that covers them (the lazy mode's window; docs/model.md).
  { id: 'stale', title: 'Stale IOTLB entries', unit: 'entries', value: (s, i) => at(s.staleIotlb, i) },
  {
    id: 'lockWait',
    title: 'Lock wait (all locks)',
    unit: 'µs per bucket',
    value: (s, i) => {
      if (i >= s.ios.length) return null;
      let ns = 0;
      for (const xs of Object.values(s.lockWaitNs)) ns += xs[i] ?? 0;
      return ns / 1000;
    },
  },
  { id: 'allocator', title: 'Allocator: rbtree nodes', unit: 'nodes', value: (s, i) => at(s.rbtreeNodes, i) },
];

export interface ChartLines {
  /** Bucket width (ns) of the x axis: A's (both runs use the one bucket rule, metrics.ts bucketNsFor). */
  bucketNs: number;
  /** One line per run (overlay: A then B) or one (delta: B − A, where both runs have the bucket). */
  lines: { id: 'a' | 'b' | 'delta'; points: (number | null)[] }[];
  min: number;
  max: number;
}

/** The lines of one compared chart. */
export function chartLines(def: CompareChartDef, a: RunSeries, b: RunSeries, mode: CompareMode): ChartLines {
  const n = Math.max(a.ios.length, b.ios.length);
  const pa: (number | null)[] = [];
  const pb: (number | null)[] = [];
  for (let i = 0; i < n; i++) {
    pa.push(def.value(a, i));
    pb.push(def.value(b, i));
  }
  const lines: ChartLines['lines'] =
    mode === 'overlay'
      ? [
          { id: 'a', points: pa },
          { id: 'b', points: pb },
        ]
      : [{ id: 'delta', points: pa.map((x, i) => (x === null || pb[i] === null ? null : pb[i]! - x)) }];
  let min = 0;
  let max = 0;
  for (const l of lines) {
    for (const v of l.points) {
      if (v === null) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (min === max) max = min + 1;
  return { bucketNs: a.bucketNs, lines, min, max };
}
