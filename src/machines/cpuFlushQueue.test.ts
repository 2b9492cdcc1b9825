// The CPU machine's decisions in isolation: XState's pure `transition` (actions are returned, not
// run) from a chosen state, with a real Engine whose state the test sets, so each guard is shown to
// read the engine through the shared functions and to pick the kernel's branch.

import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import { Engine } from '../sim/engine.ts';
import { ringAdd } from '../sim/fq/ring.ts';
import { PH_Q_ADD, PH_Q_LOCK, PH_TO_RING } from '../sim/phases.ts';
import { smallScenario } from '../sim/testing/scenarios.ts';
import { TraceRecorder } from '../sim/trace.ts';
import { cpuFlushQueue } from './cpuFlushQueue.ts';
import type { MachineLink } from './events.ts';
import { activeStateId } from './graph.ts';

const link: MachineLink = {
  check: true,
  toCpu: () => {},
  toTimer: () => {},
  fail: (m: string) => {
    throw new Error(m);
  },
};

/** A fresh 2-CPU engine (nothing run yet: CPU 0 has qd free slots, no completions). */
const engine = (o: Parameters<typeof smallScenario>[0] = {}) => new Engine(smallScenario(o), { trace: new TraceRecorder() });

function from(e: Engine, value: string, cpu = 0) {
  const path = value.split('.');
  const v = path.reduceRight<unknown>((acc, k) => (acc === undefined ? k : { [k]: acc }), undefined);
  return cpuFlushQueue.resolveState({ value: v as never, context: { e, cpu, link } });
}

function step(e: Engine, value: string, ev: Parameters<typeof transition<typeof cpuFlushQueue>>[2]) {
  const [next, actions] = transition(cpuFlushQueue, from(e, value), ev);
  return { state: activeStateId(next.value), actions: actions.map((a) => a.type) };
}

/** Puts I/O 0 at the head of CPU 0's completed-I/O list, as the engine's ioDone does. */
function completed(e: Engine, mappedThroughIommu: boolean) {
  e.unmapHead[0] = 0;
  e.unmapTail[0] = 0;
  e.ioNext[0] = -1;
  e.ioIommu[0] = mappedThroughIommu ? 1 : 0;
}

describe('cpuFlushQueue: idle picks the next job as Engine.dispatch does', () => {
  const dispatch = { type: 'dispatch', t: 0 } as const;

  it('a pending timer callback comes first (softirq), even with an unmap waiting', () => {
    const e = engine();
    completed(e, true);
    e.timerPending[0] = 1;
    expect(step(e, 'idle', dispatch)).toEqual({ state: 'fq_flush_timeout', actions: ['call_timer_fn'] });
  });

  it('lazy: a completed I/O goes to queue_iova', () => {
    const e = engine();
    completed(e, true);
    expect(step(e, 'idle', dispatch)).toEqual({ state: '__iommu_dma_unmap.queue_iova.smp_mb', actions: ['runUnmap'] });
  });

  it('strict (no fq_domain): it waits for the range invalidation and sync', () => {
    const e = engine({ mode: 'strict' });
    completed(e, true);
    expect(step(e, 'idle', dispatch)).toEqual({ state: '__iommu_dma_unmap.iommu_iotlb_sync', actions: ['runUnmap'] });
  });

  it('identity mapping: the unmap ends at once, the CPU stays idle', () => {
    const e = engine();
    completed(e, false);
    expect(step(e, 'idle', dispatch)).toEqual({ state: 'idle', actions: ['runUnmap'] });
  });

  it('paused unmaps are skipped: it submits a new I/O instead', () => {
    const e = engine();
    completed(e, true);
    e.paused[0] = 1;
    expect(step(e, 'idle', dispatch)).toEqual({ state: 'idle', actions: ['runSubmit'] });
  });

  it('nothing to do: it goes idle', () => {
    const e = engine();
    e.freeIoHead[0] = -1;
    expect(step(e, 'idle', dispatch)).toEqual({ state: 'idle', actions: ['goIdle'] });
  });
});

const resume = (phase: number) => ({ type: 'resume', t: 0, phase }) as const;

describe('cpuFlushQueue: queue_iova', () => {
  it('the lock taken at once and the ring not full: the full check leads to fq_add', () => {
    const e = engine();
    e.ringLocks.holder[0] = 0; // what queueIovaStart's spin_lock leaves when it got the lock
    expect(step(e, '__iommu_dma_unmap.queue_iova.smp_mb', resume(0))).toEqual({ state: '__iommu_dma_unmap.queue_iova.fq_add', actions: ['queueIovaStart'] });
  });

  it('the ring still full after the free pass: fq_flush_iotlb', () => {
    const e = engine();
    e.ringLocks.holder[0] = 0;
    for (let i = 0; i < 15; i++) ringAdd(e.rings, 0, 100 + i, 1, 0, 0); // 16 slots hold 15
    expect(step(e, '__iommu_dma_unmap.queue_iova.smp_mb', resume(0)).state).toBe('__iommu_dma_unmap.queue_iova.fq_flush_iotlb.start');
  });

  it('the lock held by someone else: the CPU spins', () => {
    const e = engine();
    e.ringLocks.holder[0] = 1;
    expect(step(e, '__iommu_dma_unmap.queue_iova.smp_mb', resume(0)).state).toBe('__iommu_dma_unmap.queue_iova.spin_lock');
  });

  it('after its own flush the CPU always adds (fullness is not re-checked, §3.9)', () => {
    const e = engine();
    for (let i = 0; i < 15; i++) ringAdd(e.rings, 0, 100 + i, 1, 0, 0);
    const r = step(e, '__iommu_dma_unmap.queue_iova.fq_flush_iotlb.flush_iotlb_all', resume(0));
    expect(r).toEqual({ state: '__iommu_dma_unmap.queue_iova.fq_add', actions: ['queueIovaFlushed'] });
  });

  it('fq_add ends the job', () => {
    expect(step(engine(), '__iommu_dma_unmap.queue_iova.fq_add', resume(PH_Q_ADD))).toEqual({ state: 'idle', actions: ['queueIovaAdd'] });
  });

  it('an event the state does not expect is an error, not silently dropped', () => {
    expect(step(engine(), 'idle', resume(0)).actions).toEqual(['unexpected']);
    expect(step(engine(), '__iommu_dma_unmap.iommu_iotlb_sync', { type: 'dispatch', t: 0 }).actions).toEqual(['unexpected']);
  });
});

describe('cpuFlushQueue: attach mid-run', () => {
  it('goes to the state of the phase the engine has the CPU parked in', () => {
    const e = engine();
    const attach = { type: 'attach', t: 0 } as const;
    expect(step(e, 'idle', attach).state).toBe('idle');
    e.phase[0] = PH_Q_LOCK;
    expect(step(e, 'idle', attach).state).toBe('__iommu_dma_unmap.queue_iova.spin_lock');
    e.phase[0] = PH_TO_RING;
    expect(step(e, 'idle', attach).state).toBe('fq_flush_timeout');
  });
});
