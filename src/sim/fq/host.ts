// What the flush-queue step functions (queueIova.ts, flushTimeout.ts, flushIotlb.ts, freePass.ts)
// read and write of the engine: the domain's flush-queue state (the iommu_dma_cookie's
// fq_flush_start_cnt / fq_flush_finish_cnt / fq_timer_on and the rings), per-CPU step state, and the
// few engine services a step calls. `Engine` implements it; the steps import only this type, so
// fq/* no longer import engine.ts (issue 13: no import cycles). A leaf: type imports of modules
// that import neither the engine nor the steps. The steps still receive the Engine object itself,
// so property access stays monomorphic (docs/benchmarks.md).

import type { CacheLines } from '../cacheLine.ts';
import type { Costs } from '../costs.ts';
import type { Iotlb } from '../iotlb.ts';
import type { IovaAllocator } from '../iova/types.ts';
import type { Locks } from '../locks.ts';
import type { Metrics } from '../metrics.ts';
import type { Observe } from '../observe.ts';
import type { Scenario } from '../scenario.ts';
import type { TraceRecorder } from '../trace.ts';
import type { FqRings } from './ring.ts';
import type { RingLocks } from './ringLock.ts';

export interface FqHost {
  readonly s: Scenario;
  readonly costs: Costs;
  readonly trace: TraceRecorder;
  readonly metrics: Metrics;
  readonly obs: Observe;
  readonly locks: Locks;
  readonly lines: CacheLines;
  readonly iotlb: Iotlb;
  readonly alloc: IovaAllocator;
  readonly rings: FqRings;
  readonly ringLocks: RingLocks;
  /** queue 'single' (v6.7+): every CPU queues on ring 0. */
  readonly single: boolean;
  /** atomics 'arm64': flush counter increments priced as STADD / LDADDAL (flushIotlb.ts). */
  readonly arm64Atomics: boolean;

  // iommu_dma_cookie's flush-queue state
  fqStart: number;
  fqFinish: number;
  fqTimerOn: number;
  /** The CPU running fq_flush_timeout right now (-1 if none). */
  timerRunning: number;

  // Per CPU step state
  readonly phase: Int32Array;
  readonly cpuIo: Int32Array;
  readonly cpuRing: Int32Array;
  readonly flushReason: Int32Array;
  readonly flushStartAt: Float64Array;
  readonly flushStartVal: Float64Array;
  readonly flushRet: Float64Array;
  readonly timeoutRing: Int32Array;
  readonly timeoutBegan: Float64Array;

  // Per I/O slot: the records (ioSlots.ts)
  readonly ioRec: Float64Array;

  /** True if `cpu` may run a step on shared state at t now; else it is parked in `phase` (Engine.at). */
  at(cpu: number, t: number, phase: number): boolean;
  /** The CPU continues its current phase at t. */
  resumeAt(cpu: number, t: number): void;
  /** queue_iova's mod_timer on `cpu` at t. */
  armTimer(cpu: number, t: number): void;
  /** dma_unmap of `io` returned on `cpu` at t. */
  unmapReturned(cpu: number, io: number, t: number): void;
  /** The CPU finished its job at t. */
  cpuFree(cpu: number, t: number): void;
}
