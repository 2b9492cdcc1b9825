// Spinlocks and other serialising resources whose critical sections the engine executes
// atomically (docs/model.md, "Time, CPUs and resources": lock contention is modelled by serialising
// critical sections).
//
// A section requested at time t starts at max(t, the lock's free time) and the lock is then busy
// until its end. Sections are granted in the order the engine processes requests, which is the
// order of simulated time (ties by schedule order), so the state each section sees is exactly the
// state after every earlier holder. Wait time is recorded per lock: that is where contention on
// `iova_rbtree_lock`, the depot locks and the IOMMU's invalidation queue shows up.
//
// Ring locks, which the kernel holds across a flush (queue_iova step 5), need real waiters and
// live in fq/ringLock.ts.

import type { Costs } from './costs.ts';
import { IOVA_RANGE_CACHE_MAX_SIZE } from './iova/classes.ts';
import { WaitLedger } from './waitLedger.ts';

export const LOCK_RBTREE = 0;
/** The depot lock of size class `cls` (0..5). */
export const lockDepot = (cls: number): number => 1 + cls;
/** The IOMMU invalidation (command) queue: a resource, not a CPU lock (no lock cost). */
export const LOCK_IOMMU = 1 + IOVA_RANGE_CACHE_MAX_SIZE;
export const LOCK_COUNT = LOCK_IOMMU + 1;
/** Entries in Locks.waitLog. */
export const WAIT_LOG = 256;

export const LOCK_NAMES: readonly string[] = [
  'iova_rbtree_lock',
  ...Array.from({ length: IOVA_RANGE_CACHE_MAX_SIZE }, (_, c) => `depot_lock[${c}]`),
  'iommu_cmdq',
];

export class Locks {
  readonly freeAt = new Float64Array(LOCK_COUNT);
  /** Total ns CPUs spent waiting, per lock. */
  readonly waitNs = new Float64Array(LOCK_COUNT);
  readonly acquisitions = new Float64Array(LOCK_COUNT);
  readonly contended = new Float64Array(LOCK_COUNT);
  /** The waits per metrics bucket, split where they cross a bucket boundary (waitLedger.ts). */
  private readonly ledger = new WaitLedger(LOCK_COUNT);
  /** Longest single wait, per lock. */
  readonly maxWaitNs = new Float64Array(LOCK_COUNT);
  /** The most recent section's start time (for callers that trace the moment of a state change). */
  lastStart = 0;
  /** Told of every wait on iova_rbtree_lock (observe.ts: the convoy depth); null: nobody listens. */
  rbtreeObserver: { rbtreeWait(t: number, start: number): void } | null = null;
  /**
   * The last WAIT_LOG contended waits as (lock, from, until) triples, newest at (waitLogN - 1) %
   * WAIT_LOG; waitLogN counts every wait ever logged. Read by views (the timeline's lock-wait
   * spans, src/sim/spans.ts); the simulation never reads it.
   */
  readonly waitLog = new Float64Array(3 * WAIT_LOG);
  waitLogN = 0;

  /**
   * The CPU whose job is running (set by Engine.dispatch/resume; -1 for off-CPU work). Read only
   * when NUMA hand-off pricing is on, to price a hand-off by the distance between the previous
   * holder's node and the new holder's node.
   */
  cpu = -1;
  private readonly numaNs: number;
  private readonly holder = new Int32Array(LOCK_COUNT).fill(-1);
  private readonly nodeOf: Int32Array;

  /** `numaNodes` > 1 splits `cpus` into that many contiguous nodes (costs.lockHandoffNumaNs). */
  constructor(
    private readonly costs: Costs,
    cpus = 1,
    numaNodes = 1,
  ) {
    this.numaNs = numaNodes > 1 ? (costs.lockHandoffNumaNs ?? 0) : 0;
    this.nodeOf = Int32Array.from({ length: this.numaNs > 0 ? cpus : 0 }, (_, c) => Math.floor((c * numaNodes) / cpus));
  }

  /** Extra hand-off cost when `lock` passes to the running CPU from a holder on another node. */
  private numaHandoff(lock: number): number {
    const prev = this.holder[lock];
    const cur = this.cpu;
    this.holder[lock] = cur;
    return prev >= 0 && cur >= 0 && this.nodeOf[prev] !== this.nodeOf[cur] ? this.numaNs : 0;
  }

  /** Forgets all use so far (the aged start state's set-up runs before time 0's first event). */
  reset(): void {
    this.freeAt.fill(0);
    this.waitNs.fill(0);
    this.acquisitions.fill(0);
    this.contended.fill(0);
    this.maxWaitNs.fill(0);
    this.holder.fill(-1);
    this.lastStart = 0;
    this.waitLogN = 0;
    this.ledger.reset();
  }

  /** The metrics bucket width (ns): waits are booked per bucket (closeBucket). */
  setBucketNs(ns: number): void {
    this.ledger.setWidth(ns);
  }

  /** Closes the open metrics bucket: the wait inside it per lock into `out` (LOCK_COUNT long). */
  closeBucket(out: Float64Array): void {
    this.ledger.close(out);
  }

  /**
   * Runs a critical section of `holdNs` on `lock` requested at `t`; returns its end time.
   * The IOMMU queue charges no lock overhead; CPU spinlocks charge `lockNs`, plus `lockHandoffNs`
   * when the lock was busy.
   */
  section(lock: number, t: number, holdNs: number): number {
    const free = this.freeAt[lock];
    let start = t;
    this.acquisitions[lock]++;
    if (free > t) {
      const wait = free - t;
      this.waitNs[lock] += wait;
      this.ledger.book(lock, t, free);
      if (wait > this.maxWaitNs[lock]) this.maxWaitNs[lock] = wait;
      this.contended[lock]++;
      const j = (this.waitLogN++ % WAIT_LOG) * 3;
      this.waitLog[j] = lock;
      this.waitLog[j + 1] = t;
      this.waitLog[j + 2] = free;
      start = lock === LOCK_IOMMU ? free : free + this.costs.lockHandoffNs;
      if (this.numaNs > 0 && lock !== LOCK_IOMMU) start += this.numaHandoff(lock);
      if (lock === LOCK_RBTREE && this.rbtreeObserver !== null) this.rbtreeObserver.rbtreeWait(t, start);
    } else if (this.numaNs > 0) this.holder[lock] = this.cpu;
    this.lastStart = start;
    const end = start + holdNs + (lock === LOCK_IOMMU ? 0 : this.costs.lockNs);
    this.freeAt[lock] = end;
    return end;
  }
}
