// The XState machines against the engine's plain control flow (docs/model.md, "XState machines"):
// for random scenarios and seeds, the actor-driven run and the engine emit identical trace events,
// compared one by one in emission order over the first 20 000 events. The machines really decide:
// broken variants diverge, and the report names the first differing event.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRESETS, presetScenario } from '../sim/presets.ts';
import { runScenario } from '../sim/run.ts';
import type { Scenario } from '../sim/scenario.ts';
import { assertValid, runLogged, scenarioArb, smallScenario } from '../sim/testing/scenarios.ts';
import { MachineDivergence, runScenarioWithActors } from './actorDriver.ts';
import { cpuFlushQueue } from './cpuFlushQueue.ts';
import { flushTimer } from './flushTimer.ts';
import { lockstep, TraceMismatch } from './testing/lockstep.ts';

const LIMIT = 20_000;
/** Passthrough runs emit no events at all; this bounds their work. */
const MAX_STEPS = 60_000;

/**
 * scenarioArb's scenarios (all modes, every kernel version (the single queue from 6.7), PCI/forcedac, counter reuse, pauses,
 * run-time mode switches, submitter migrations) with 1–16 CPUs and some load, stretched 25× in
 * time (interventions too) so that most reach 20 000 events, plus scheduler migration.
 */
function diffArb(): fc.Arbitrary<Scenario> {
  return fc
    .tuple(scenarioArb({ maxCpus: 16, modeSwitches: true, migrations: true, cpuMsBudget: Infinity }), fc.constantFrom(0, 0, 0, 0.02, 0.3))
    .filter(([s]) => s.workload.loadCpus > 0)
    .map(([s, migrateMs]) => {
      const k = 25;
      s.durationMs = Math.round(s.durationMs * k * 1000) / 1000;
      for (const x of s.interventions) {
        x.atMs *= k;
        if (x.kind === 'pause') x.forMs *= k;
      }
      s.workload.migrateMs = migrateMs;
      return s;
    });
}

describe('actor-driven runs equal the engine, event by event', () => {
  it('every preset: the same trace hash, summary and event count as runScenario', () => {
    for (const { name: p } of PRESETS) {
      const s = presetScenario(p);
      s.durationMs = Math.min(s.durationMs, p === 'tiny-lazy' ? 30 : 2);
      const a = runScenario(s).summary;
      const b = runScenarioWithActors(s).summary;
      expect({ p, ...b, wallMs: 0 }).toEqual({ p, ...a, wallMs: 0 });
    }
  }, 120_000);

  it('200 random scenarios (CPUs 1–16, all modes, kernel versions, counter reuse, pauses, switches): the first 20 000 events are identical', () => {
    const tally = { scenarios: 0, events: 0, reachedLimit: 0, cpus: new Set<number>(), modes: new Set<string>() };
    fc.assert(
      fc.property(diffArb(), (s) => {
        assertValid(s);
        const r = lockstep(s, LIMIT, { maxSteps: MAX_STEPS });
        tally.scenarios++;
        tally.events += r.compared;
        if (!r.ended) tally.reachedLimit++;
        tally.cpus.add(s.cpus);
        tally.modes.add(`${s.mode}/${s.kernel}/${s.queue}/${s.counterReuse}`);
      }),
      { numRuns: 200 },
    );
    // Not vacuous: large runs, many shapes. (Measured: 39–67 of 200 reach the limit, 1.4–1.8 M
    // events in all.)
    expect(tally.scenarios).toBe(200);
    expect(tally.reachedLimit).toBeGreaterThan(15);
    expect(tally.events).toBeGreaterThan(500_000);
    expect(tally.cpus.size).toBeGreaterThan(10);
    expect(tally.modes.size).toBeGreaterThan(12);
    console.log(`differential: ${tally.scenarios} scenarios, ${tally.events} events compared, ${tally.reachedLimit} reached ${LIMIT}`);
  }, 600_000);

  it('attached mid-run (between any two events) the actors take over from the engine’s state: 60 scenarios', () => {
    let attached = 0;
    let midJob = 0;
    fc.assert(
      fc.property(diffArb(), fc.double({ min: 0, max: 1, noNaN: true }), (s, frac) => {
        // The unstretched run length, so that the attach comes while events still happen.
        const r = lockstep(s, LIMIT, { maxSteps: MAX_STEPS, attachAt: Math.round((frac * s.durationMs * 1e6) / 25) });
        if (r.attached && r.delivered > 0) attached++;
        midJob += r.busyAtAttach;
      }),
      { numRuns: 60 },
    );
    expect(attached).toBeGreaterThan(30);
    // Actors that started away from rest: inside queue_iova, a strict sync, or the timer's life.
    // (Measured: ~55 of 60 runs attach with one.)
    expect(midJob).toBeGreaterThan(30);
  }, 300_000);

  it('the random scenarios park the actors in every state of both machines', () => {
    const seen = new Set<string>();
    for (const s of fc.sample(diffArb(), { numRuns: 30, seed: 7 })) {
      for (const x of lockstep(s, LIMIT, { maxSteps: MAX_STEPS, sampleStates: true }).states) seen.add(x);
    }
    expect([...seen].sort()).toEqual(
      [
        'cpuFlushQueue.idle',
        'cpuFlushQueue.fq_flush_timeout',
        'cpuFlushQueue.__iommu_dma_unmap.iommu_iotlb_sync',
        'cpuFlushQueue.__iommu_dma_unmap.queue_iova.smp_mb',
        'cpuFlushQueue.__iommu_dma_unmap.queue_iova.spin_lock',
        'cpuFlushQueue.__iommu_dma_unmap.queue_iova.fq_flush_iotlb.start',
        'cpuFlushQueue.__iommu_dma_unmap.queue_iova.fq_flush_iotlb.flush_iotlb_all',
        'cpuFlushQueue.__iommu_dma_unmap.queue_iova.fq_add',
        'flushTimer.disarmed',
        'flushTimer.armed',
        'flushTimer.firing.pending',
        'flushTimer.firing.fq_flush_iotlb.start',
        'flushTimer.firing.fq_flush_iotlb.flush_iotlb_all',
        'flushTimer.firing.fq_ring_free.next',
        'flushTimer.firing.fq_ring_free.spin_lock',
      ].sort(),
    );
  }, 300_000);
});

describe('the timer serialised with itself (__mod_timer keeps a running timer on its CPU)', () => {
  it('callbacks longer than the timeout: re-armed mid-callback by other CPUs, expired before it returns, run back to back on one CPU; the actors agree event by event', () => {
    // A 60 µs flush_iotlb_all and a 20 µs timeout: every callback outlives the next expiry.
    const s = smallScenario({ cpus: 6, fqSize: 256, fqTimeoutMs: 0.02, durationMs: 3, workload: { qd: 4, latency: { dist: 'exponential', meanUs: 15, spreadUs: 0 } }, costs: { flushAllNs: 60_000 } });
    const r = lockstep(s, LIMIT, { maxSteps: MAX_STEPS });
    expect(r.compared).toBeGreaterThan(2_000);
    // From the plain run's trace: arms inside a callback by another CPU, and the next callback
    // starting on the same CPU at the very time the previous one returned (it was already pending).
    const { events } = runLogged(s).log;
    let running = -1;
    let doneAt = -1;
    let armedElsewhere = 0;
    let backToBack = 0;
    for (const e of events) {
      if (e.ev === 'timer_arm' && running >= 0 && e.cpu !== running) armedElsewhere++;
      if (e.ev === 'timer_fire') {
        if (e.t === doneAt && e.cpu === running) backToBack++;
        expect(running < 0 || e.t >= doneAt).toBe(true);
        running = e.cpu;
      }
      if (e.ev === 'timer_done') doneAt = e.t;
    }
    expect(armedElsewhere).toBeGreaterThan(5);
    expect(backToBack).toBeGreaterThan(5);
  }, 60_000);
});

/** tiny-lazy: 2 CPUs, 16-slot rings that fill (forced flushes) and a timeout that walks both rings. */
function tiny(): Scenario {
  const s = presetScenario('tiny-lazy');
  s.durationMs = 30;
  return s;
}

describe('the machines decide the next step', () => {

  it('a cpuFlushQueue whose full check never fires adds to a full ring: the trace differs at the first forced flush', () => {
    const broken = cpuFlushQueue.provide({ guards: { ringFull: () => false } });
    let err: unknown;
    try {
      lockstep(tiny(), LIMIT, { check: false, cpuMachine: broken });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TraceMismatch);
    const msg = (err as Error).message;
    expect(msg).toMatch(/^events differ at event #\d+/);
    expect(msg).toMatch(/engine \{"t":\d+,"ev":"flush_start","cpu":\d,"reason":"full"/);
    expect(msg).toMatch(/actors \{"t":\d+,"ev":"fq_add"/);
  });

  it('… and with the phase check on, the driver stops at the step the machine chose wrongly', () => {
    const broken = cpuFlushQueue.provide({ guards: { ringFull: () => false } });
    const r = () => runScenarioWithActors(tiny(), { cpuMachine: broken });
    expect(r).toThrow(MachineDivergence);
    expect(r).toThrow(/runs the step for phase queue_iova:add .* but the engine parked the CPU in phase queue_iova:flush_start/);
  });

  it('a flushTimer that stops after ring 0 leaves ring 1 to its owner: the trace differs', () => {
    const broken = flushTimer.provide({ guards: { allRingsFreed: ({ context }) => context.ring >= 1 } });
    expect(() => lockstep(tiny(), LIMIT, { check: false, timerMachine: broken })).toThrow(TraceMismatch);
  });

  it('a CPU that takes unmaps before the timer callback changes the run', () => {
    const broken = cpuFlushQueue.provide({ guards: { timerPending: ({ context: { e, cpu } }) => e.timerPending[cpu] !== 0 && !e.unmapReady(cpu) } });
    // 2 CPUs at queue depth 16 with a 50 µs timer: the timer often expires while unmaps are waiting.
    const s = smallScenario({ fqTimeoutMs: 0.05, workload: { qd: 16 } });
    expect(() => lockstep(s, LIMIT, { check: false, cpuMachine: broken })).toThrow(TraceMismatch);
    expect(lockstep(s, LIMIT).compared).toBeGreaterThan(1000);
  });

  it('the unchanged machines agree on the same scenario (the tests above fail for the mutation, not the setup)', () => {
    expect(lockstep(tiny(), LIMIT).ended).toBe(true);
    expect(lockstep(smallScenario({ mode: 'strict' }), LIMIT).compared).toBeGreaterThan(100);
  });
});
