// fq_flush_timeout and the FQ timer through the engine (docs/kernel.md §3.5–3.7; the facts of
// testing/traceInvariants.ts 13–17, 52), checked from the trace.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PresetOverrides } from '../presets.ts';
import { runChecked, scenarioArb, smallScenario } from '../testing/scenarios.ts';
import type { TraceEvent } from '../trace.ts';

/** Each timeout window: its CPU and the events that CPU emitted from timer_fire to timer_done. */
function windows(events: TraceEvent[]): { cpu: number; own: TraceEvent[]; others: TraceEvent[] }[] {
  const open = new Map<number, { cpu: number; own: TraceEvent[]; others: TraceEvent[] }>();
  const done: { cpu: number; own: TraceEvent[]; others: TraceEvent[] }[] = [];
  for (const e of events) {
    for (const [c, w] of open) if (c !== e.cpu) w.others.push(e);
    if (e.ev === 'timer_fire') open.set(e.cpu, { cpu: e.cpu, own: [e], others: [] });
    else {
      const w = open.get(e.cpu);
      if (!w) continue;
      w.own.push(e);
      if (e.ev === 'timer_done') {
        done.push(w);
        open.delete(e.cpu);
      }
    }
  }
  return done;
}

/**
 * Robin's scenario (docs/kernel.md §3.7): many CPUs, 8-slot rings that fill quickly, and a slow
 * flush_iotlb_all. While the timer CPU's loop waits for ring locks held by owners that are flushing
 * their full rings, those flushes finish, and mainline's per-ring re-read of the finish count lets
 * the timer CPU free entries queued after its own flush started.
 */
const ROBIN: PresetOverrides = {
  cpus: 8,
  fqSize: 8,
  fqTimeoutMs: 0.1,
  durationMs: 2,
  workload: { qd: 8, latency: { dist: 'fixed', meanUs: 5, spreadUs: 0 } },
  costs: { flushAllNs: 5_000 },
};

describe('fq_flush_timeout', () => {
  it('timer_arm and timer_fire alternate, each fire on the timer’s base CPU, at or after its expiry (fact 13)', () => {
    const r = runChecked(smallScenario({ cpus: 4, fqSize: 256, fqTimeoutMs: 0.2, durationMs: 3, workload: { qd: 4, completion: 'random', latency: { dist: 'exponential', meanUs: 30, spreadUs: 0 } } }));
    const timer = r.events.filter((e) => e.ev === 'timer_arm' || e.ev === 'timer_fire');
    expect(timer.length).toBeGreaterThan(10);
    // Which CPU runs a callback right now: a re-arm during it stays on that CPU (__mod_timer).
    let running = -1;
    let kept = 0;
    const base: number[] = [];
    for (const e of r.events) {
      if (e.ev === 'timer_fire') running = e.cpu;
      else if (e.ev === 'timer_done') running = -1;
      else if (e.ev === 'timer_arm') {
        base.push(running >= 0 ? running : e.cpu);
        if (running >= 0 && running !== e.cpu) kept++;
      }
    }
    timer.forEach((e, i) => {
      expect(e.ev).toBe(i % 2 === 0 ? 'timer_arm' : 'timer_fire');
      if (e.ev === 'timer_fire') {
        expect(e.cpu).toBe(base[(i - 1) / 2]);
        expect(e.t).toBeGreaterThanOrEqual(timer[i - 1].expires as number);
      }
    });
    // Both cases occur: fires on the arming CPU, and re-arms kept on the running callback's CPU.
    expect(kept).toBeGreaterThan(0);
    expect(base.some((b, i) => b === timer[2 * i].cpu)).toBe(true);
    // More than one CPU arms the timer over the run (whoever queues first after a fire).
    expect(new Set(timer.filter((e) => e.ev === 'timer_arm').map((e) => e.cpu)).size).toBeGreaterThan(1);
    expect(r.violations).toEqual([]);
    expect(r.linearViolations).toEqual([]);
  });

  it('a queue_iova during the callback may arm a new timer: fq_timer_on is cleared before the flush (fact 14)', () => {
    // A slow flush (100 µs) keeps the callback running while the other CPUs keep unmapping.
    const r = runChecked(smallScenario({ cpus: 4, fqSize: 256, fqTimeoutMs: 0.2, durationMs: 2, workload: { qd: 8, latency: { dist: 'fixed', meanUs: 20, spreadUs: 0 } }, costs: { flushAllNs: 100_000 } }));
    expect(r.stats.armsDuringTimeout).toBeGreaterThan(0);
    // Directly from the events: some timer_arm lies between a timer_fire and its timer_done.
    const armedInside = windows(r.events).some((w) => w.others.some((e) => e.ev === 'timer_arm'));
    expect(armedInside).toBe(true);
    expect(r.violations).toEqual([]);
    expect(r.linearViolations).toEqual([]);
  });

  it('one flush, then one pass per ring in CPU order, all on the timer CPU (facts 15, 16)', () => {
    const r = runChecked(smallScenario({ cpus: 4, fqSize: 256, fqTimeoutMs: 0.2, durationMs: 3, workload: { qd: 4, latency: { dist: 'exponential', meanUs: 30, spreadUs: 0 } } }));
    const ws = windows(r.events);
    expect(ws.length).toBeGreaterThan(5);
    let foreign = 0;
    for (const w of ws) {
      const kinds = w.own.map((e) => e.ev).filter((k) => !k.startsWith('rcache'));
      expect(kinds.slice(0, 3)).toEqual(['timer_fire', 'flush_start', 'flush_finish']);
      expect(kinds[kinds.length - 1]).toBe('timer_done');
      expect(kinds.slice(3, -1).every((k) => k === 'fq_free')).toBe(true);
      expect(w.own.filter((e) => e.ev === 'flush_start').map((e) => e.reason)).toEqual(['timeout']);
      const rings = w.own.filter((e) => e.ev === 'fq_free').map((e) => e.ring as number);
      expect([...rings].sort((a, b) => a - b)).toEqual(rings);
      foreign += rings.filter((ring) => ring !== w.cpu).length;
    }
    // The timer CPU retires other CPUs' rings (into its own rcache, §3.7).
    expect(foreign).toBeGreaterThan(0);
    expect(r.summary.freesByTimer).toBe(r.stats.freesByTimer);
    expect(r.violations).toEqual([]);
  });

  it('IOVAs retired by the timeout land in the timer CPU’s rcache (fact 16, kernel allocator)', () => {
    const r = runChecked(smallScenario({ allocator: 'kernel', cpus: 4, fqSize: 256, fqTimeoutMs: 0.2, durationMs: 2, workload: { qd: 4, latency: { dist: 'exponential', meanUs: 30, spreadUs: 0 } } }));
    // Per CPU, the event after a foreign-ring fq_free is that CPU's own rcache_insert.
    const next = new Map<number, TraceEvent>();
    let checked = 0;
    for (const e of r.events) {
      const prev = next.get(e.cpu);
      if (prev && prev.ev === 'fq_free' && prev.ring !== prev.cpu) {
        expect(e.ev).toBe('rcache_insert');
        checked++;
      }
      next.set(e.cpu, e);
    }
    expect(checked).toBeGreaterThan(0);
    expect(r.violations).toEqual([]);
  });

  it('mainline re-reads finish per ring: in Robin’s interleaving the timer CPU frees entries queued after its flush started (facts 17, 52)', () => {
    let afterFlush = 0;
    let reread = 0;
    for (const seed of [1, 2, 3]) {
      const r = runChecked(smallScenario({ ...ROBIN, seed, counterReuse: false }));
      expect(r.violations).toEqual([]);
      expect(r.linearViolations).toEqual([]);
      afterFlush += r.summary.freesByTimerAfterFlush;
      expect(r.summary.freesByTimerAfterFlush).toBe(r.stats.freesByTimerAfterFlush);
      // Some timeout pass used a finish count newer than its own flush produced.
      for (const w of windows(r.events)) {
        const own = w.own.find((e) => e.ev === 'flush_finish')!.finish as number;
        reread += w.own.filter((e) => e.ev === 'fq_free' && (e.finish as number) > own).length;
      }
    }
    expect(afterFlush).toBeGreaterThan(0);
    expect(reread).toBeGreaterThan(0);
  }, 30_000); // a 64-CPU run: explicit timeout for a busy machine

  it('with counter reuse every timeout pass uses its own flush’s value and never frees later entries (facts 17, 52)', () => {
    for (const seed of [1, 2, 3]) {
      const r = runChecked(smallScenario({ ...ROBIN, seed, counterReuse: true }));
      expect(r.violations).toEqual([]);
      expect(r.linearViolations).toEqual([]);
      expect(r.summary.freesByTimerAfterFlush).toBe(0);
      expect(r.summary.counterReads.finishSaved).toBeGreaterThan(0);
      for (const w of windows(r.events)) {
        const start = w.own.find((e) => e.ev === 'flush_start')!.start as number;
        const own = w.own.find((e) => e.ev === 'flush_finish')!.finish as number;
        for (const e of w.own.filter((x) => x.ev === 'fq_free')) {
          expect(e.finish).toBe(own);
          expect(e.counter as number).toBeLessThan(start);
        }
      }
    }
  });

  it('counter reuse: the timer never frees an entry queued after its own flush started, for random scenarios (fact 17)', () => {
    fc.assert(
      fc.property(scenarioArb({ fixed: { counterReuse: true, mode: 'lazy' } }), (s) => {
        const r = runChecked(s);
        expect(r.summary.freesByTimerAfterFlush).toBe(0);
        expect(r.stats.freesByTimerAfterFlush).toBe(0);
        expect(r.violations).toEqual([]);
        expect(r.linearViolations).toEqual([]);
      }),
      { numRuns: 25 },
    );
  }, 30_000); // random scenarios: explicit timeout for a busy machine

  it('the timeout covers everything queued before its flush, and its flush lets owners retire entries too (§3.4)', () => {
    // Rings never fill, so every flush is a timeout flush. The checker verifies at every
    // timer_done that no entry queued before that flush is left; and because the counters are
    // shared, an owner's own queue_iova free pass also retires entries the timer's flush covered.
    // (Owners win those entries only when they queue between the timeout's flush and its visit
    // to their ring, hence the busier 8-CPU load.)
    const r = runChecked(smallScenario({ cpus: 8, fqSize: 256, fqTimeoutMs: 0.1, durationMs: 2, workload: { qd: 4, latency: { dist: 'exponential', meanUs: 10, spreadUs: 0 } } }));
    expect(r.summary.flushes.full).toBe(0);
    expect(r.summary.flushes.timeout).toBeGreaterThan(5);
    expect(r.summary.freesByTimer).toBeGreaterThan(0);
    expect(r.summary.freesByOwner).toBeGreaterThan(0);
    expect(r.violations).toEqual([]);
    expect(r.linearViolations).toEqual([]);
  });

  it('a magazine the timeout empties into the rbtree is freed under the ring lock: the owner stalls behind it (§3.9, §8.2 step 4)', () => {
    // Tiny magazines and a one-slot depot make the timer CPU's inserts overflow into the tree often;
    // a short pause lets the timer reach other CPUs' rings before their owners do.
    const r = runChecked(
      smallScenario({
        cpus: 4,
        fqSize: 64,
        magSize: 4,
        depotMax: 1,
        fqTimeoutMs: 0.2,
        durationMs: 4,
        workload: { qd: 8, completion: 'random', latency: { dist: 'exponential', meanUs: 40, spreadUs: 0 } },
        interventions: [{ kind: 'pause', atMs: 1, forMs: 0.5, cpus: [1, 2, 3] }],
      }),
    );
    expect(r.violations).toEqual([]);
    // Each iova_magazine_free_pfns inside a timeout pass over another CPU's ring: the ring, when the
    // pass began (its first fq_free) and when the tree section ended (the rcache_insert to: rbtree).
    const holds: { ring: number; from: number; to: number }[] = [];
    const pass = new Map<number, { ring: number; from: number }>();
    for (const e of r.events) {
      if (e.ev === 'timer_fire') pass.set(e.cpu, { ring: -1, from: 0 });
      const p = pass.get(e.cpu);
      if (!p) continue;
      if (e.ev === 'timer_done') pass.delete(e.cpu);
      else if (e.ev === 'fq_free' && e.ring !== p.ring) Object.assign(p, { ring: e.ring as number, from: e.t });
      else if (e.ev === 'rcache_insert' && e.to === 'rbtree' && p.ring !== e.cpu) holds.push({ ring: p.ring, from: p.from, to: e.t });
    }
    expect(holds.length).toBeGreaterThan(10);
    let stalled = 0;
    for (const h of holds) {
      const ownerRing = r.events.filter((e) => e.cpu === h.ring && (e.ev === 'fq_add' || e.ev === 'fq_free') && e.ring === h.ring);
      // The owner touches its ring neither during the pass nor during the tree section inside it...
      expect(ownerRing.filter((e) => e.t > h.from && e.t < h.to)).toEqual([]);
      // ...so an owner whose unmap began well before the section ended only gets its ring after it.
      for (const u of r.events.filter((e) => e.cpu === h.ring && e.ev === 'unmap' && e.t > h.from && e.t < h.to - 1000)) {
        const next = ownerRing.find((e) => e.t >= u.t);
        if (next) {
          expect(next.t).toBeGreaterThanOrEqual(h.to);
          stalled++;
        }
      }
    }
    expect(stalled).toBeGreaterThan(0);
  });
});
