// The flush timer machine's decisions in isolation (pure `transition`, actions returned, not run),
// its structure against phases.ts, and a live run showing one callback walk ring 0 … P−1.

import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import { Engine } from '../sim/engine.ts';
import { PHASE_NAMES, PH_IDLE, PH_TO_RING } from '../sim/phases.ts';
import { smallScenario } from '../sim/testing/scenarios.ts';
import { TraceRecorder } from '../sim/trace.ts';
import { ActorDriver, MachineDivergence } from './actorDriver.ts';
import type { MachineLink } from './events.ts';
import { flushTimer } from './flushTimer.ts';
import { activeStateId, machineGraph } from './graph.ts';

const link: MachineLink = {
  check: true,
  toCpu: () => {},
  toTimer: () => {},
  fail: (m: string) => {
    throw new Error(m);
  },
};

const engine = (o: Parameters<typeof smallScenario>[0] = {}) => new Engine(smallScenario(o), { trace: new TraceRecorder() });

function at(e: Engine, value: unknown, ring = 0, expires = -1, raised = false) {
  return flushTimer.resolveState({ value: value as never, context: { e, cpu: 0, link, ring, expires, raised } });
}

function step(s: ReturnType<typeof at>, ev: Parameters<typeof transition<typeof flushTimer>>[2]) {
  const [next, actions] = transition(flushTimer, s, ev);
  return { state: activeStateId(next.value), ring: next.context.ring, expires: next.context.expires, actions: actions.map((a) => a.type) };
}

describe('flushTimer', () => {
  it('mod_timer arms it with its expiry, computed by the engine (exact, or on a jiffy with timerHz)', () => {
    const e = engine({ fqTimeoutMs: 0.5 });
    expect(step(at(e, 'disarmed'), { type: 'mod_timer', t: 1234, from: 0 })).toMatchObject({ state: 'armed', expires: 501_234, actions: ['modTimer'] }); // assign actions are applied, not returned
    const j = engine({ fqTimeoutMs: 0.5, timerHz: 1000 });
    expect(step(at(j, 'disarmed'), { type: 'mod_timer', t: 1234, from: 0 }).expires).toBe(j.timerExpiry(1234));
    expect(j.timerExpiry(1234)).toBe(1_000_000);
  });

  it('expiry raises the softirq; the callback starts with its flush when the CPU takes it', () => {
    const e = engine();
    expect(step(at(e, 'armed', 0, 9), { type: 'expire', t: 9 })).toMatchObject({ state: 'firing.pending', expires: -1, actions: ['raiseTimer'] });
    expect(step(at(e, { firing: 'pending' }), { type: 'call_timer_fn', t: 9 })).toMatchObject({ state: 'firing.fq_flush_iotlb.start', actions: ['runTimeout'] });
  });

  it('after the flush the loop starts at ring 0; after the last ring the callback returns', () => {
    const e = engine(); // 2 CPUs: 2 rings
    const flushed = step(at(e, { firing: { fq_flush_iotlb: 'flush_iotlb_all' } }, 7), { type: 'resume', t: 0, phase: 4 });
    expect(flushed).toMatchObject({ state: 'firing.fq_ring_free.next', ring: 0 });
    const ring = (r: number) => at(e, { firing: { fq_ring_free: 'next' } }, r);
    expect(step(ring(1), { type: 'resume', t: 0, phase: 6 })).toMatchObject({ state: 'firing.fq_ring_free.spin_lock', actions: ['nextRing'] });
    expect(step(ring(2), { type: 'resume', t: 0, phase: 6 })).toMatchObject({ state: 'disarmed', actions: ['nextRing', 'timerDone'] });
  });

  it('a ring whose lock was free is freed in the same step: the loop moves to the next ring', () => {
    const e = engine();
    e.timeoutRing[0] = 0;
    expect(step(at(e, { firing: { fq_ring_free: 'next' } }, 0), { type: 'resume', t: 0, phase: 6 })).toMatchObject({ state: 'firing.fq_ring_free.spin_lock', ring: 0 });
    e.timeoutRing[0] = 1; // what nextRing leaves after freeing ring 0
    expect(step(at(e, { firing: { fq_ring_free: 'next' } }, 0), { type: 'resume', t: 0, phase: 6 })).toMatchObject({ state: 'firing.fq_ring_free.next', ring: 1 });
  });

  it('attach mid-run: armed here with the engine’s expiry, or mid-callback at the engine’s ring', () => {
    const e = engine();
    e.fqTimerOn = 1;
    e.timerCpu = 0;
    e.timerExpires = 777;
    expect(step(at(e, 'disarmed'), { type: 'attach', t: 5 })).toMatchObject({ state: 'armed', expires: 777 });
    e.timerCpu = 1;
    expect(step(at(e, 'disarmed'), { type: 'attach', t: 5 })).toMatchObject({ state: 'disarmed', expires: -1 });
    e.phase[0] = PH_TO_RING;
    e.timeoutRing[0] = 1;
    expect(step(at(e, 'disarmed'), { type: 'attach', t: 5 })).toMatchObject({ state: 'firing.fq_ring_free.spin_lock', ring: 1 });
  });

  it('re-armed during the callback (by any CPU) the timer stays here: armed, or already pending, when the callback returns', () => {
    const e = engine(); // 2 CPUs: 2 rings
    const loop = { firing: { fq_ring_free: 'next' } };
    // CPU 1's queue_iova re-arms mid-callback: the mod_timer comes to this actor, the engine arms for CPU 1.
    expect(step(at(e, loop, 1), { type: 'mod_timer', t: 100, from: 1 })).toMatchObject({ state: 'firing.fq_ring_free.next', expires: 100 + e.r.fqTimeoutNs, actions: ['modTimer'] });
    // The callback returns: armed with that expiry, or (it expired meanwhile) straight to pending.
    expect(step(at(e, loop, 2, 500), { type: 'resume', t: 0, phase: 6 })).toMatchObject({ state: 'armed', expires: 500, actions: ['nextRing', 'timerDone'] });
    expect(step(at(e, loop, 1, 500), { type: 'expire', t: 500 })).toMatchObject({ state: 'firing.fq_ring_free.next', expires: -1, actions: ['raiseTimer'] });
    expect(step(at(e, loop, 2, -1, true), { type: 'resume', t: 0, phase: 6 })).toMatchObject({ state: 'firing.pending', actions: ['nextRing', 'timerDone'] });
    // An expiry with no re-arm during the callback cannot happen.
    expect(step(at(e, loop, 1), { type: 'expire', t: 500 }).actions).toEqual(['unexpected']);
  });

  it('a second mod_timer while armed is an error (fq_timer_on makes it impossible)', () => {
    expect(step(at(engine(), 'armed', 0, 5), { type: 'mod_timer', t: 1, from: 0 }).actions).toEqual(['unexpected']);
  });
});

describe('the two machines together', () => {
  it('every engine phase but idle is the tag of exactly one parked state', () => {
    const tags = [...machineGraph('cpuFlushQueue').states, ...machineGraph('flushTimer').states].flatMap((s) => (s.phase ? [s.phase] : []));
    expect([...tags].sort()).toEqual(PHASE_NAMES.filter((_, i) => i !== PH_IDLE).sort());
  });

  it('every state explains itself and names a kernel function', () => {
    for (const m of ['cpuFlushQueue', 'flushTimer'] as const) {
      for (const s of machineGraph(m).states) {
        expect(s.description.length, s.id).toBeGreaterThan(40);
        expect(s.description, s.id).toMatch(/[a-z]+_[a-z_]+/); // a kernel identifier such as queue_iova
      }
    }
  });

  it('live: one callback walks ring 0 then ring 1 on the CPU that armed the timer, then both actors return to rest', () => {
    // 2 CPUs, a 50 µs timer, run until the first callback has returned.
    const e = new Engine(smallScenario({ fqTimeoutMs: 0.05 }), { trace: new TraceRecorder() });
    const d = new ActorDriver(e);
    const seen: string[] = [];
    for (const t of d.timers) t.subscribe((s) => seen.push(`${t.id} ${activeStateId(s.value)} ring ${s.context.ring}`));
    for (let i = 0; i < 100_000 && !seen.some((x) => x.endsWith('disarmed ring 2')); i++) d.step();
    const cpu = seen.find((x) => x.includes(' armed'))!.split(' ')[0];
    expect(seen.filter((x) => x.startsWith(cpu))).toEqual([
      `${cpu} armed ring 0`,
      `${cpu} firing.pending ring 0`,
      `${cpu} firing.fq_flush_iotlb.start ring 0`,
      `${cpu} firing.fq_flush_iotlb.flush_iotlb_all ring 0`,
      `${cpu} firing.fq_ring_free.next ring 0`,
      `${cpu} firing.fq_ring_free.next ring 1`,
      `${cpu} firing.fq_ring_free.next ring 2`,
      `${cpu} disarmed ring 2`,
    ]);
    const c = Number(cpu.slice(5));
    expect(activeStateId(d.cpus[c].getSnapshot().value)).not.toBe('fq_flush_timeout');
    d.stop();
  });

  it('the driver stops with a MachineDivergence when an actor gets an event its state cannot take', () => {
    const e = new Engine(smallScenario(), { trace: new TraceRecorder() });
    const d = new ActorDriver(e);
    expect(() => d.timerExpired(0, 0)).toThrow(MachineDivergence);
    expect(() => d.timerExpired(0, 0)).toThrow(/flushTimer of CPU 0 got expire at t=0 in state "disarmed"/);
    d.stop();
  });
});
