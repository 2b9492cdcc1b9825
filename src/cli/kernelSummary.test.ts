// The summary's version observables (`kernel`, `sac`, `max32Resets`) and the per-bucket walk steps
// split by limit: they add up to the allocator's own totals, and the 32-bit share is the SAC
// attempts' walks.

import { describe, expect, it } from 'vitest';
import { metricsCsv } from '../sim/metricsCsv.ts';
import { runScenario } from '../sim/run.ts';
import { smallScenario } from '../sim/testing/scenarios.ts';

const sum = (a: readonly number[] | undefined) => (a ?? []).reduce((x, y) => x + y, 0);

describe('summary: kernel, sac, max32Resets; metrics: walk steps by limit', () => {
  it('with a PCI device every map tries 32 bits first (none fail at 2 CPUs); the walks are all 32-bit ones', () => {
    const s = smallScenario({ kernel: '5.11', pci: true, durationMs: 2 });
    const { summary, engine } = runScenario(s);
    expect(summary.kernel).toBe('5.11');
    // One attempt per map: every completed I/O plus those still in flight at the end (<= qd per CPU).
    expect(summary.sac.attempts).toBeGreaterThanOrEqual(summary.ios);
    expect(summary.sac.attempts).toBeLessThanOrEqual(summary.ios + engine.ioSlots);
    expect(summary.sac.failures).toBe(0);
    expect(summary.max32Resets).toBe(0);
    const series = engine.metrics.series;
    expect(sum(series.walkSteps32) + sum(series.walkSteps64)).toBe(summary.rbtreeWalkSteps);
    expect(sum(series.walkSteps32)).toBe(summary.rbtreeWalkSteps);
    expect(summary.rbtreeWalkSteps).toBeGreaterThan(0);
    const csv = metricsCsv(series).split('\n');
    const head = csv[0].split(',');
    const col = head.indexOf('walk_steps_32');
    expect(col).toBeGreaterThan(0);
    expect(head[col + 1]).toBe('walk_steps_64');
    expect(csv.slice(1, -1).reduce((a, row) => a + Number(row.split(',')[col]), 0)).toBe(summary.rbtreeWalkSteps);
  });

  it('without it (or with forcedac) no attempt is made and every walk is a 64-bit one', () => {
    for (const o of [{ pci: false }, { pci: true, forcedac: true }]) {
      const { summary, engine } = runScenario(smallScenario({ kernel: '6.12', durationMs: 2, ...o }));
      expect(summary.sac).toEqual({ attempts: 0, failures: 0, retries: 0, successes: 0 });
      expect(sum(engine.metrics.series.walkSteps32)).toBe(0);
      expect(sum(engine.metrics.series.walkSteps64)).toBe(summary.rbtreeWalkSteps);
    }
  });
});
