// The services the engine hands to its parts (the ring locks' scheduler, the allocator's
// environment), as small objects that hold a reference to the engine instead of closures over it.
// That keeps an Engine a plain object graph, so src/sim/history.ts can deep-clone it for
// checkpoints: a cloned reference points at the cloned engine, while a closure would still call
// the original one.

import type { Costs } from './costs.ts';
import type { Engine } from './engine.ts';
import type { Scheduler } from './fq/ringLock.ts';
import type { AllocEnv } from './iova/types.ts';
import type { Locks } from './locks.ts';
import type { EvCode, TraceSink } from './trace.ts';

/** RingLocks' scheduler: a granted waiter continues its parked step (Engine.resumeAt). */
export class RingLockScheduler implements Scheduler {
  constructor(private readonly e: Engine) {}
  resume(cpu: number, t: number): void {
    this.e.resumeAt(cpu, t);
  }
}

/**
 * The allocator's trace when the scenario has an aged start state or burst interventions: those
 * run allocator operations that are not part of any CPU's traced job (aged.ts, burst.ts), so they
 * are muted (`on = false` around them). Without them the allocator gets the engine's trace itself
 * and pays nothing for this.
 */
export class GatedTrace implements TraceSink {
  on = true;
  constructor(private readonly sink: TraceSink) {}
  emit(ev: EvCode, t: number, cpu: number, a0?: number, a1?: number, a2?: number, a3?: number, a4?: number, a5?: number): void {
    if (this.on) this.sink.emit(ev, t, cpu, a0, a1, a2, a3, a4, a5);
  }
}

/** The allocator's view of the engine (iova/types.ts AllocEnv). */
export class EngineAllocEnv implements AllocEnv {
  readonly cpus: number;
  readonly costs: Costs;
  readonly locks: Locks;
  readonly trace: TraceSink;
  constructor(
    private readonly e: Engine,
    trace: TraceSink = e.trace,
  ) {
    this.cpus = e.s.cpus;
    this.costs = e.s.costs;
    this.locks = e.locks;
    this.trace = trace;
  }
  /** Depot list (v6.7+): the delayed depot reclaim work runs at t (iova_depot_work_func). */
  scheduleReclaim(cls: number, t: number): void {
    this.e.scheduleReclaim(cls, t);
  }
}
