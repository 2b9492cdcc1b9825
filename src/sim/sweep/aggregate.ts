// A sweep run's key numbers (one row per point × seed) and, over a point's seeds, their mean and a
// 95 % interval: Student's t-interval over the seeds (mean ± t(0.975, n−1) · s/√n) when n ≥ 3, the
// min and max when n = 2 (a t-interval from two samples is too wide to be useful and says little).
// Pure: no clock, no files; wall time stays out so rows are identical whatever --jobs is.

import type { Summary } from '../run.ts';

/** The numbers a sweep row carries, in column order (README "Sweeps"). */
export const NUMERIC_FIELDS = [
  'iops',
  'ios',
  'stale_iotlb_max_ns',
  'lock_wait_ns',
  'fq_ring_lock_wait_ns',
  'depot_lock_wait_ns',
  'map_p99_ns',
  'unmap_p99_ns',
  'flushes_full',
  'flushes_timeout',
  'frees_by_timer',
  'sac_attempts',
  'sac_failures',
  'sac_retries',
  'sac_successes',
  'max32_resets',
  // The lockup observables (docs/model.md, "uncached-lockup"): the iova_rbtree_lock convoy, the
  // longest FQ timeout callback and IRQs-off section, CPU time in the allocator, watchdog markers.
  'rbtree_wait_mean_ns',
  'rbtree_spinners_mean',
  'rbtree_spinners_max',
  'longest_timeout_ns',
  'longest_irq_off_ns',
  'alloc_cpu_pct',
  'watchdog_soft',
  'watchdog_hard',
] as const;
export type NumericField = (typeof NUMERIC_FIELDS)[number];

export interface RunNumbers extends Record<NumericField, number> {
  kernel: string;
  mode: string;
  cpus: number;
  verdict: string;
  trace_hash: string;
}

/** The row's numbers from a run's summary (src/sim/run.ts). */
export function runNumbers(s: Summary): RunNumbers {
  const lockWait = Object.entries(s.lockWaitNs);
  return {
    kernel: s.kernel,
    mode: s.mode,
    cpus: s.cpus,
    verdict: s.cliff.verdict,
    iops: s.iops,
    ios: s.ios,
    stale_iotlb_max_ns: s.staleIotlbMaxNs,
    // Every lock's wait summed (the depot locks and the FQ ring locks are also given alone).
    lock_wait_ns: lockWait.reduce((a, [, v]) => a + v, 0),
    fq_ring_lock_wait_ns: s.lockWaitNs.fq_ring_locks ?? 0,
    depot_lock_wait_ns: s.lockWaitNs.depot_locks ?? 0,
    map_p99_ns: s.mapLatencyNs.p99,
    unmap_p99_ns: s.unmapLatencyNs.p99,
    flushes_full: s.flushes.full,
    flushes_timeout: s.flushes.timeout,
    frees_by_timer: s.freesByTimer,
    sac_attempts: s.sac?.attempts ?? 0,
    sac_failures: s.sac?.failures ?? 0,
    sac_retries: s.sac?.retries ?? 0,
    sac_successes: s.sac?.successes ?? 0,
    max32_resets: s.max32Resets ?? 0,
    rbtree_wait_mean_ns: s.rbtreeLock.waitMeanNs,
    rbtree_spinners_mean: s.rbtreeLock.spinnersMean,
    rbtree_spinners_max: s.rbtreeSpinnersMax,
    longest_timeout_ns: s.longestTimeoutNs,
    longest_irq_off_ns: s.longestIrqOffNs.max,
    alloc_cpu_pct: s.allocCpuPct.total,
    watchdog_soft: s.watchdog.soft,
    watchdog_hard: s.watchdog.hard,
    trace_hash: s.traceHash,
  };
}

/** t(0.975, df) for df = 1..30; beyond, 1.96 + 2.4/df is within 0.003 of the tabled value. */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086,
  2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];
export const t975 = (df: number): number => (df <= 30 ? T975[df - 1] : 1.96 + 2.4 / df);

export type IntervalMethod = 't95' | 'minmax';
export interface Interval {
  mean: number;
  lo: number;
  hi: number;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Mean and 95 % interval of n ≥ 2 samples (t-interval for n ≥ 3, min/max for n = 2). */
export function interval(xs: readonly number[]): Interval & { method: IntervalMethod } {
  const n = xs.length;
  const mean = xs.reduce((a, x) => a + x, 0) / n;
  if (n < 3) return { mean: round3(mean), lo: Math.min(...xs), hi: Math.max(...xs), method: 'minmax' };
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  const half = (t975(n - 1) * sd) / Math.sqrt(n);
  return { mean: round3(mean), lo: round3(mean - half), hi: round3(mean + half), method: 't95' };
}

export interface PointAggregate {
  /** Runs that finished (failed runs are left out of the statistics). */
  n: number;
  method: IntervalMethod;
  /** Verdict counts, e.g. { stable: 7, cliff: 3 }, keys sorted. */
  verdicts: Record<string, number>;
  stats: Record<NumericField, Interval>;
}

/** The aggregate of a point's finished runs; undefined with fewer than two. */
export function aggregate(runs: readonly RunNumbers[]): PointAggregate | undefined {
  if (runs.length < 2) return undefined;
  const verdicts: Record<string, number> = {};
  for (const v of runs.map((r) => r.verdict).sort()) verdicts[v] = (verdicts[v] ?? 0) + 1;
  const stats = {} as Record<NumericField, Interval>;
  let method: IntervalMethod = 'minmax';
  for (const f of NUMERIC_FIELDS) {
    const { method: m, ...iv } = interval(runs.map((r) => r[f]));
    stats[f] = iv;
    method = m;
  }
  return { n: runs.length, method, verdicts, stats };
}
