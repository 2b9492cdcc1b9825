// The observables on small directed runs of the engine, each checked against a number worked out by
// hand or against the run's own trace (an independent record of the same run).

import { describe, expect, it } from 'vitest';
import { presetScenario } from './presets.ts';
import { runScenario } from './run.ts';
import type { Scenario } from './scenario.ts';
import type { TraceEvent } from './trace.ts';

function scenario(edit: (s: Scenario) => void): Scenario {
  const s = presetScenario('default');
  edit(s);
  return s;
}

function traced(s: Scenario) {
  const events: TraceEvent[] = [];
  const r = runScenario(s, { onEvent: (e) => events.push(e) });
  return { ...r, events };
}

// Runs of up to a few seconds on a busy 2-core machine: generous timeouts.
describe('observables on directed runs', { timeout: 60_000 }, () => {
  it('N CPUs asking for iova_rbtree_lock at the same nanosecond: N - 1 spinners', () => {
    // With the stand-in allocator (no per-CPU caches), every CPU's first map takes
    // iova_rbtree_lock at ioSubmitNs: one holds it and the others spin; none can spin twice.
    for (const n of [2, 8, 32]) {
      const { summary: m } = runScenario(scenario((s) => ((s.cpus = n), (s.allocator = 'standin'), (s.durationMs = 0.05))));
      expect(m.rbtreeSpinnersMax).toBe(n - 1);
    }
    // With the kernel allocator the empty magazines send each CPU through its depot lock first,
    // which staggers the arrivals: fewer spin at once.
    const { summary: k } = runScenario(scenario((s) => ((s.cpus = 8), (s.durationMs = 0.05))));
    expect(k.rbtreeSpinnersMax).toBeGreaterThan(0);
    expect(k.rbtreeSpinnersMax).toBeLessThan(7);
  });

  it('allocator CPU time: one CPU, stand-in allocator, every call one uncontended section', () => {
    // The stand-in charges one iova_rbtree_lock section per alloc and per free, holding
    // rbtreeOpNs = rbtreeOpBaseNs (rbtreeOpLogNs = 0) plus lockNs: 400 + 20 ns.
    const s = scenario((x) => {
      x.cpus = 1;
      x.mode = 'strict';
      x.allocator = 'standin';
      x.costs.rbtreeOpBaseNs = 400;
      x.costs.rbtreeOpLogNs = 0;
      x.durationMs = 2;
    });
    const { summary: m, engine, events } = traced(s);
    const maps = events.filter((e) => e.ev === 'map').length;
    const frees = events.filter((e) => e.ev === 'iotlb_sync').length; // strict: each sync is followed by its free
    expect(maps).toBeGreaterThan(10);
    expect(engine.obs.allocNs[0]).toBe(420 * (maps + frees));
    expect(m.rbtreeSpinnersMax).toBe(0);
    // Up to the end of the run: at most the one call still running then lies past it.
    const upTo = engine.obs.allocNsUpTo(engine.now)[0];
    expect(420 * (maps + frees) - upTo).toBeLessThan(420);
    expect(m.allocCpuPct.perCpu).toEqual([Math.round((upTo / engine.now) * 10000) / 100]);
    expect(m.allocCpuPct.total).toBe(m.allocCpuPct.perCpu[0]);
    // The per-bucket series adds up to the same time (each value rounded to 0.01 %).
    const series = engine.metrics.series.allocCpuPct;
    const sum = series.reduce((a, b) => a + (b / 100) * engine.metrics.series.bucketNs, 0);
    expect(Math.abs(sum - upTo)).toBeLessThan(series.length * 0.00005 * engine.metrics.series.bucketNs + 420);
  });

  it('longest timeout: the longest timer_fire -> timer_done in the trace, here one forced long flush', () => {
    // One CPU, a 3 ms flush_iotlb_all: the timeout's own flush makes every callback longer than 3 ms.
    const s = scenario((x) => {
      x.cpus = 1;
      x.costs.flushAllNs = 3_000_000;
      x.durationMs = 60;
    });
    const { summary: m, events } = traced(s);
    let longest = 0;
    let began = -1;
    for (const e of events) {
      if (e.ev === 'timer_fire') began = e.t;
      if (e.ev === 'timer_done') longest = Math.max(longest, e.t - began);
    }
    expect(m.flushes.timeout).toBeGreaterThan(0);
    expect(longest).toBeGreaterThan(3_000_000);
    expect(m.longestTimeoutNs).toBe(longest);
    expect(m.timeouts.maxNs).toBe(longest);
  });

  it('IRQs off: a ring lock held across a forced flush lasts at least the flush (flush_start -> flush_finish)', () => {
    const s = scenario((x) => {
      x.cpus = 4;
      x.costs.flushAllNs = 2_000_000;
      x.durationMs = 20;
    });
    const { summary: m, events } = traced(s);
    const started = new Map<number, number>();
    const floor = new Array<number>(4).fill(0);
    for (const e of events) {
      if (e.ev === 'flush_start' && e.reason === 'full') started.set(e.cpu, e.t);
      if (e.ev === 'flush_finish' && e.reason === 'full') floor[e.cpu] = Math.max(floor[e.cpu], e.t - started.get(e.cpu)!);
    }
    expect(m.flushes.full).toBeGreaterThan(0);
    for (let c = 0; c < 4; c++) expect(m.longestIrqOffNs.perCpu[c]).toBeGreaterThanOrEqual(floor[c]);
    expect(m.longestIrqOffNs.max).toBe(Math.max(...m.longestIrqOffNs.perCpu));
    expect(m.watchdog).toEqual({ soft: 0, hard: 0 });
  });

  it('lockups: 1 s flushes queue on the IOMMU behind each other until ring locks are held for > 10 s', () => {
    // 24 CPUs fill their rings at once; each forced flush waits for every flush ahead of it on the
    // invalidation queue (1 s each) while its CPU holds its ring lock with IRQs off.
    const s = scenario((x) => {
      x.cpus = 24;
      x.costs.flushAllNs = 1_000_000_000;
      x.durationMs = 40_000;
    });
    const { summary: m, events } = traced(s);
    // Every forced flush that took 10 s or more from start to finish is inside one IRQs-off
    // section of 10 s or more, so each gives a hard-lockup marker on its CPU.
    const started = new Map<number, number>();
    const long: [number, number][] = [];
    for (const e of events) {
      if (e.ev === 'flush_start' && e.reason === 'full') started.set(e.cpu, e.t);
      if (e.ev === 'flush_finish' && e.reason === 'full' && e.t - started.get(e.cpu)! >= 10e9) long.push([e.cpu, started.get(e.cpu)!]);
    }
    expect(long.length).toBeGreaterThan(0);
    const hard = m.watchdogMarkers.filter((w) => w.kind === 'hard');
    expect(m.watchdog.hard).toBe(hard.length);
    expect(hard.length).toBeGreaterThanOrEqual(long.length);
    for (const [cpu, ts] of long) expect(hard.some((w) => w.cpu === cpu && w.from <= ts && w.t === w.from + 10e9)).toBe(true);
    // Soft lockups: sections of 20 s; every marker sits 20 s after its section began.
    expect(m.watchdog.soft).toBeGreaterThan(0);
    for (const w of m.watchdogMarkers.filter((x) => x.kind === 'soft')) expect(w.t - w.from).toBe(20e9);
    expect(m.longestIrqOffNs.max).toBeGreaterThanOrEqual(20e9);
    // The timeout that fired at about 10 ms is still waiting for ring locks at the end: it counts
    // up to the end of the run, though no callback returned.
    const fired = events.filter((e) => e.ev === 'timer_fire');
    expect(events.filter((e) => e.ev === 'timer_done')).toHaveLength(0);
    expect(m.timeouts.maxNs).toBe(0);
    expect(m.longestTimeoutNs).toBe(40e9 - fired[0].t);
  });

});
