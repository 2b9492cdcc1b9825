// queue_iova through the engine (docs/kernel.md §3.4; the facts of testing/traceInvariants.ts 2, 6,
// 9–12, 18), checked from the trace.

import { describe, expect, it } from 'vitest';
import { Engine } from '../engine.ts';
import { resolve } from '../scenario.ts';
import { runChecked, smallScenario } from '../testing/scenarios.ts';
import { TraceRecorder, type TraceEvent } from '../trace.ts';

const of = (events: TraceEvent[], ev: string) => events.filter((e) => e.ev === ev);

describe('queue_iova', () => {
  it('one CPU, no timer: a ring of 8 is flushed exactly when its 7 slots are full, and the flush drains it (facts 2, 9–11)', () => {
    // One CPU, one I/O in flight, a timeout far beyond the run: only ring-full flushes retire
    // entries. Adds 1–7 fill the ring (capacity size - 1, fact 2); the 8th queue_iova finds it full
    // after a free pass that can retire nothing (every counter equals finish), flushes on this CPU
    // (fact 10), and the second pass frees all 7 (fact 11) before adding. So the flushes are at
    // adds 8, 15, 22, ... and each one retires exactly 7 entries, all by the owner.
    const s = smallScenario({ cpus: 1, fqSize: 8, fqTimeoutMs: 1000, durationMs: 3, workload: { qd: 1, latency: { dist: 'fixed', meanUs: 5, spreadUs: 0 } } });
    const r = runChecked(s);
    expect(r.violations).toEqual([]);
    expect(r.linearViolations).toEqual([]);
    const ev = r.events;
    const adds = of(ev, 'fq_add').length;
    expect(adds).toBeGreaterThan(50);
    const fullStarts = of(ev, 'flush_start').filter((e) => e.reason === 'full');
    expect(fullStarts.length).toBe(Math.floor((adds - 8) / 7) + 1);
    expect(of(ev, 'timer_fire')).toEqual([]);
    // The flush happens with 7 entries queued and 7 are freed right after it, by CPU 0.
    let queued = 0;
    let freedSinceFlush = -1;
    for (const e of ev) {
      if (e.ev === 'fq_add') {
        if (freedSinceFlush >= 0) expect(freedSinceFlush).toBe(7);
        freedSinceFlush = -1;
        queued++;
      } else if (e.ev === 'fq_free') {
        queued--;
        freedSinceFlush++;
        expect(e.cpu).toBe(0);
      } else if (e.ev === 'flush_start') {
        expect(queued).toBe(7);
        expect(e.cpu).toBe(0);
        freedSinceFlush = 0;
      }
      expect(queued).toBeLessThanOrEqual(7);
    }
    expect(r.summary.flushes.timeout).toBe(0);
    expect(r.summary.freesByTimer).toBe(0);
    expect(r.summary.fqOverruns).toBe(0);
    expect(r.stats.fullFlushesDrained).toBe(r.stats.flushFinishes.full);
  });

  it('counter = fq_flush_start_cnt at enqueue: entries between flushes k and k+1 carry k (fact 6)', () => {
    const s = smallScenario({ cpus: 1, fqSize: 8, fqTimeoutMs: 1000, durationMs: 1, workload: { qd: 1, latency: { dist: 'fixed', meanUs: 5, spreadUs: 0 } } });
    const r = runChecked(s);
    let starts = 0;
    for (const e of r.events) {
      if (e.ev === 'flush_start') starts++;
      if (e.ev === 'fq_add') expect(e.counter).toBe(starts);
    }
    expect(starts).toBeGreaterThan(2);
  });

  it('per-CPU mode queues on the unmapping CPU’s own ring; single mode on ring 0 (fact 12)', () => {
    const base = { cpus: 4, fqSize: 16, durationMs: 2, workload: { qd: 4, completion: 'random' as const, latency: { dist: 'exponential' as const, meanUs: 20, spreadUs: 0 } } };
    const per = runChecked(smallScenario(base));
    const adds = of(per.events, 'fq_add');
    expect(new Set(adds.map((e) => e.cpu)).size).toBe(4);
    for (const e of adds) expect(e.ring).toBe(e.cpu);
    expect(per.violations).toEqual([]);

    const single = runChecked(smallScenario({ ...base, kernel: '6.7', queue: 'single' }));
    const sadds = of(single.events, 'fq_add');
    expect(new Set(sadds.map((e) => e.cpu)).size).toBe(4);
    for (const e of sadds) expect(e.ring).toBe(0);
    for (const e of of(single.events, 'fq_free')) expect(e.ring).toBe(0);
    expect(single.violations).toEqual([]);
    expect(single.linearViolations).toEqual([]);
  });

  it('single queue: the shared ring fills from all CPUs and is flushed at size - 1 entries (facts 2, 10)', () => {
    const s = smallScenario({ kernel: '6.7', queue: 'single', cpus: 4, fqSize: 16, fqTimeoutMs: 1000, durationMs: 2, workload: { qd: 2, latency: { dist: 'fixed', meanUs: 5, spreadUs: 0 } } });
    const r = runChecked(s);
    expect(r.violations).toEqual([]);
    expect(r.linearViolations).toEqual([]);
    const full = of(r.events, 'flush_start').filter((e) => e.reason === 'full');
    expect(full.length).toBeGreaterThan(3);
    // Several CPUs hit the full ring (the flush runs on whichever CPU found it full).
    expect(new Set(full.map((e) => e.cpu)).size).toBeGreaterThan(1);
    expect(r.stats.maxOccupancy[0]).toBe(15);
  });

  it('default sizes and timeouts: 256 per CPU / 10 ms, single 32768 / 1000 ms (fact 18)', () => {
    const per = smallScenario({ fqSize: 0, fqTimeoutMs: 0, cpus: 3 });
    const single = smallScenario({ fqSize: 0, fqTimeoutMs: 0, cpus: 3, kernel: '6.7', queue: 'single' });
    expect(resolve(per)).toMatchObject({ fqSize: 256, fqTimeoutNs: 10_000_000, nrings: 3 });
    expect(resolve(single)).toMatchObject({ fqSize: 32768, fqTimeoutNs: 1_000_000_000, nrings: 1 });
    const e1 = new Engine(per, { trace: new TraceRecorder() });
    expect([e1.rings.size, e1.rings.nrings]).toEqual([256, 3]);
    const e2 = new Engine(single, { trace: new TraceRecorder() });
    expect([e2.rings.size, e2.rings.nrings]).toEqual([32768, 1]);
    // The timer is armed for exactly the period when no jiffy rounding is asked for.
    const r = runChecked({ ...per, durationMs: 1 });
    const arm = of(r.events, 'timer_arm')[0];
    expect((arm.expires as number) - arm.t).toBe(10_000_000);
  });

  it('never overruns a ring, even with slow flushes and many CPUs contending (fact 2, §3.9 what-if)', () => {
    for (const queue of ['percpu', 'single'] as const) {
      const s = smallScenario({ kernel: '6.7', queue, cpus: 8, fqSize: 8, fqTimeoutMs: 0.05, durationMs: 2, workload: { qd: 8, latency: { dist: 'fixed', meanUs: 2, spreadUs: 0 } }, costs: { flushAllNs: 50_000 } });
      const r = runChecked(s);
      expect(r.summary.fqOverruns).toBe(0);
      expect(Math.max(...r.stats.maxOccupancy)).toBeLessThanOrEqual(7);
      expect(r.violations).toEqual([]);
      expect(r.linearViolations).toEqual([]);
    }
  });
});
