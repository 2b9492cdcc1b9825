// The services the engine hands to its parts (the ring locks' scheduler, the allocator's
// environment), as small objects that hold a reference to the engine instead of closures over it.
// That keeps an Engine a plain object graph, so src/sim/history.ts can deep-clone it for
// checkpoints: a cloned reference points at the cloned engine, while a closure would still call
// the original one.

import type { Costs } from './costs.ts';
import type { EngineHost } from './host.ts';
import type { Scheduler } from './fq/ringLock.ts';
import type { AllocEnv } from './iova/types.ts';
import type { Locks } from './locks.ts';
import type { TraceSink } from './trace.ts';

/** RingLocks' scheduler: a granted waiter continues its parked step (Engine.resumeAt). */
export class RingLockScheduler implements Scheduler {
  constructor(private readonly e: EngineHost) {}
  resume(cpu: number, t: number): void {
    this.e.resumeAt(cpu, t);
  }
}

export { GatedTrace } from './gatedTrace.ts';

/** The allocator's view of the engine (iova/types.ts AllocEnv). */
export class EngineAllocEnv implements AllocEnv {
  readonly cpus: number;
  readonly costs: Costs;
  readonly locks: Locks;
  readonly trace: TraceSink;
  constructor(
    private readonly e: EngineHost,
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
