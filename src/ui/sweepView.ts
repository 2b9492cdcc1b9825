// What the sweep dialog (SweepDialog.tsx) shows of a sweep's rows (src/sim/sweep/output.ts
// PointRuns): per point the three numbers the issue asks for (IOPS, the stale window, lock wait)
// as the single run's value or, with two or more seeds, the mean and the 95 % interval the CLI
// writes (src/sim/sweep/aggregate.ts), and the verdict counts; and, for the counter-reuse
// comparison (issue 20), the per-seed IOPS change of cr=1 over cr=0. Pure, so it is tested in Node.

import { aggregate, type RunNumbers } from '../sim/sweep/aggregate.ts';
import type { PointRuns } from '../sim/sweep/output.ts';
import { spreadOf, type Spread } from '../sim/seedSpread.ts';

export const CHART_FIELDS = [
  { field: 'iops', label: 'IOPS' },
  { field: 'stale_iotlb_max_ns', label: 'Stale IOTLB window, max (ns)' },
  { field: 'lock_wait_ns', label: 'Lock wait, all locks (ns)' },
] as const;
export type ChartField = (typeof CHART_FIELDS)[number]['field'];

export interface Value {
  mean: number;
  /** The interval (equal to mean for one run). */
  lo: number;
  hi: number;
}

export interface PointView {
  index: number;
  params: Record<string, string>;
  /** Runs finished, and asked for. */
  n: number;
  runs: number;
  values: Record<ChartField, Value> | undefined;
  /** "stable", or "stable 7 · episodic 3". */
  verdict: string;
  errors: string[];
}

const finished = (p: PointRuns): RunNumbers[] => p.results.flatMap((r) => (r.ok ? [r.value] : []));

export function pointViews(rows: readonly PointRuns[]): PointView[] {
  return rows.map((p) => {
    const ok = finished(p);
    const agg = aggregate(ok);
    let values: PointView['values'];
    if (agg) values = Object.fromEntries(CHART_FIELDS.map(({ field }) => [field, agg.stats[field]])) as PointView['values'];
    else if (ok.length === 1) values = Object.fromEntries(CHART_FIELDS.map(({ field }) => [field, { mean: ok[0][field], lo: ok[0][field], hi: ok[0][field] }])) as PointView['values'];
    const verdict = agg
      ? Object.entries(agg.verdicts)
          .map(([v, n]) => `${v} ${n}`)
          .join(' · ')
      : (ok[0]?.verdict ?? '');
    const errors = [...new Set(p.results.flatMap((r) => (r.ok ? [] : [r.error])))];
    return { index: p.point.index, params: p.point.params, n: ok.length, runs: p.results.length, values, verdict, errors };
  });
}

/** John Garry's reported gain from counter reuse (issue 20; the review found ~1 saved read per ~255 unmaps). */
export const JOHN_GAIN = 0.024;

export interface ReuseDistribution {
  /** Per seed: cr=1 IOPS / cr=0 IOPS − 1 (seeds where both finished). */
  changes: { seed: number; change: number }[];
  spread: Spread;
  up: number;
  down: number;
}

/**
 * The counter-reuse comparison from a sweep whose one swept key is `cr` (0 and 1) under the same
 * seeds: the per-seed relative IOPS change. Undefined for any other sweep.
 */
export function reuseDistribution(rows: readonly PointRuns[]): ReuseDistribution | undefined {
  const off = rows.find((p) => Object.keys(p.point.params).join() === 'cr' && p.point.params.cr === '0');
  const on = rows.find((p) => Object.keys(p.point.params).join() === 'cr' && p.point.params.cr === '1');
  if (!off || !on || rows.length !== 2) return undefined;
  const changes: { seed: number; change: number }[] = [];
  off.seeds.forEach((seed, j) => {
    const a = off.results[j];
    const k = on.seeds.indexOf(seed);
    const b = k >= 0 ? on.results[k] : undefined;
    if (a?.ok && b?.ok && a.value.iops > 0) changes.push({ seed, change: b.value.iops / a.value.iops - 1 });
  });
  const xs = changes.map((c) => c.change);
  return { changes, spread: spreadOf(xs), up: xs.filter((x) => x > 0).length, down: xs.filter((x) => x < 0).length };
}
