// The per-point statistics of a sweep: the t-interval's numbers against hand-worked values, the
// min/max rule for two seeds, verdict counts, and a run's row from a summary.

import { describe, expect, it } from 'vitest';
import { presetScenario } from '../presets.ts';
import { runScenario } from '../run.ts';
import { aggregate, interval, NUMERIC_FIELDS, runNumbers, t975, type RunNumbers } from './aggregate.ts';

describe('interval', () => {
  it('n >= 3: mean ± t(0.975, n−1)·s/√n', () => {
    // 2, 4, 6: mean 4, s = 2, t(2) = 4.303, half = 4.303·2/√3 = 4.969.
    expect(interval([2, 4, 6])).toEqual({ mean: 4, lo: -0.969, hi: 8.969, method: 't95' });
    // Ten samples 1..10: mean 5.5, s = 3.0277, t(9) = 2.262, half = 2.166.
    const r = interval([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(r.method).toBe('t95');
    expect(r.mean).toBe(5.5);
    expect(r.hi - r.mean).toBeCloseTo(2.166, 3);
    expect(r.mean - r.lo).toBeCloseTo(2.166, 3);
    expect(interval([7, 7, 7])).toEqual({ mean: 7, lo: 7, hi: 7, method: 't95' });
  });

  it('n = 2: the min and max', () => {
    expect(interval([10, 4])).toEqual({ mean: 7, lo: 4, hi: 10, method: 'minmax' });
  });

  it('t(0.975, df): the table, then an approximation close to it', () => {
    expect(t975(1)).toBe(12.706);
    expect(t975(9)).toBe(2.262);
    expect(t975(30)).toBe(2.042);
    expect(t975(60)).toBeCloseTo(2.0, 2);
    expect(t975(120)).toBeCloseTo(1.98, 2);
  });
});

const row = (iops: number, verdict: string): RunNumbers => {
  const r = { kernel: '6.5', mode: 'lazy', cpus: 4, verdict, trace_hash: '0' } as RunNumbers;
  for (const f of NUMERIC_FIELDS) r[f] = 0;
  r.iops = iops;
  return r;
};

describe('aggregate', () => {
  it('fewer than two finished runs: no aggregate', () => {
    expect(aggregate([])).toBeUndefined();
    expect(aggregate([row(1, 'stable')])).toBeUndefined();
  });

  it('counts verdicts and gives every numeric field an interval', () => {
    const a = aggregate([row(2, 'cliff'), row(4, 'stable'), row(6, 'stable')])!;
    expect(a.n).toBe(3);
    expect(a.method).toBe('t95');
    expect(a.verdicts).toEqual({ cliff: 1, stable: 2 });
    expect(Object.keys(a.stats)).toEqual([...NUMERIC_FIELDS]);
    expect(a.stats.iops).toEqual({ mean: 4, lo: -0.969, hi: 8.969 });
    expect(a.stats.lock_wait_ns).toEqual({ mean: 0, lo: 0, hi: 0 });
    expect(aggregate([row(2, 'stable'), row(4, 'stable')])!.method).toBe('minmax');
  });
});

describe('runNumbers', () => {
  it('takes the summary’s numbers; the lock wait is every lock’s wait summed', () => {
    const { summary: s } = runScenario({ ...presetScenario('tiny-lazy'), durationMs: 3, seed: 2 });
    const r = runNumbers(s);
    expect(r.iops).toBe(s.iops);
    expect(r.verdict).toBe(s.cliff.verdict);
    expect(r.stale_iotlb_max_ns).toBe(s.staleIotlbMaxNs);
    expect(r.trace_hash).toBe(s.traceHash);
    expect(r.lock_wait_ns).toBe(Object.values(s.lockWaitNs).reduce((a, b) => a + b, 0));
    expect(r.lock_wait_ns).toBeGreaterThan(0);
    expect(r.sac_attempts).toBe(s.sac.attempts);
    expect(Object.keys(r)).not.toContain('wallMs');
  });
});
