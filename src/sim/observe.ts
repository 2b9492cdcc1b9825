// Observables the collapse reports talk about, measured in simulated time only (issue 19 §3):
//   - the CPU time spent in the IOVA allocator (alloc_iova_fast / free_iova_fast, lock waits
//     included): Jakub Kicinski's "IOMMU starts consuming 90+% of CPU time";
//   - the convoy on iova_rbtree_lock: how many CPUs spin at once, and the wait per acquisition;
//   - the longest section each CPU runs with interrupts off (a flush-queue ring lock, taken with
//     spin_lock_irqsave(&fq->lock) in queue_iova and in each ring pass of fq_flush_timeout);
//   - soft- and hard-lockup watchdog markers derived from those sections (watchdog.ts).
// They only observe: nothing here feeds back into the run, emits a trace event or draws a random
// number, so every trace hash and golden number is unchanged. Recording is plain arithmetic on
// preallocated arrays (no allocation per event): the engine's hot path calls `alloc` once per map
// and `allocWithin` once per free pass; the rbtree lock calls `rbtreeWait` only when a CPU must
// wait; the ring locks measure their IRQs-off sections themselves (fq/ringLock.ts).

import { BucketSums } from './bucketSums.ts';
import type { RingLocks } from './fq/ringLock.ts';
import { Watchdog, type WatchdogEvent } from './watchdog.ts';

/** Per-bucket series the observables add to Metrics.series (one value per closed bucket). */
export interface ObserveSeries {
  /** % of all CPUs' time spent in the IOVA allocator during the bucket (0..100). */
  allocCpuPct: number[];
  /** Mean number of CPUs spinning on iova_rbtree_lock during the bucket (spin time / bucket). */
  rbtreeSpinnersMean: number[];
  /** Most CPUs spinning on iova_rbtree_lock at once, seen when a wait began in the bucket. */
  rbtreeSpinnersMax: number[];
  /**
   * iova_rbtree_lock wait per acquisition requested in the bucket: mean and longest (ns), from the
   * request until the lock is granted, hand-off included.
   */
  rbtreeWaitMeanNs: number[];
  rbtreeWaitMaxNs: number[];
  /** Longest IRQs-off section (ring lock) that ended in the bucket (ns). */
  irqOffMaxNs: number[];
}

export function emptyObserveSeries(): ObserveSeries {
  return { allocCpuPct: [], rbtreeSpinnersMean: [], rbtreeSpinnersMax: [], rbtreeWaitMeanNs: [], rbtreeWaitMaxNs: [], irqOffMaxNs: [] };
}

export class Observe {
  /** Allocator time per CPU (ns): alloc_iova_fast and free_iova_fast, lock waits included. */
  readonly allocNs: Float64Array;
  /** When each CPU's latest allocator call ended (only that one can reach past the clock). */
  readonly allocLast: Float64Array;
  readonly watchdog: Watchdog;

  // iova_rbtree_lock convoy: the grant times of the CPUs waiting for it, in grant order (a ring).
  private readonly spin: Float64Array;
  private spinHead = 0;
  private spinN = 0;
  /** Most CPUs spinning on iova_rbtree_lock at once over the whole run. */
  rbtreeSpinnersMax = 0;
  /**
   * Spin time on iova_rbtree_lock (ns): total and longest, request to grant, hand-off included
   * (Locks.waitNs, the summary's lockWaitNs, counts only until the previous holder's release).
   */
  rbtreeSpinNs = 0;
  rbtreeSpinMaxNs = 0;
  private bSpinMax = 0;
  private bWaitMax = 0;
  private acqPrev = 0;
  private spinPrev = 0;

  // Time spread over the buckets it covers (a span may start in one bucket and end in a later one).
  private readonly allocSums: BucketSums;
  /** Allocator time of calls that lie in the open bucket, and that bucket's end. */
  private allocOpen = 0;
  private allocOpenEnd: number;
  private readonly spinSums: BucketSums;

  constructor(
    readonly cpus: number,
    readonly bucketNs: number,
    durationNs: number,
    /** The flush-queue ring locks, which time their own IRQs-off sections. */
    readonly ringLocks: RingLocks,
  ) {
    this.allocNs = new Float64Array(cpus);
    this.allocLast = new Float64Array(cpus);
    this.watchdog = new Watchdog(cpus);
    ringLocks.longSections = this.watchdog;
    // One waiter per CPU at most, plus off-CPU work (the era C depot reclaim) and slack.
    this.spin = new Float64Array(cpus + 8);
    this.allocOpenEnd = bucketNs;
    const buckets = Math.ceil(durationNs / bucketNs) + 1;
    this.allocSums = new BucketSums(bucketNs, buckets);
    this.spinSums = new BucketSums(bucketNs, buckets);
  }

  /** `cpu` ran allocator code (with its lock waits) from `from` to `to`. */
  alloc(cpu: number, from: number, to: number): void {
    this.allocNs[cpu] += to - from;
    this.allocLast[cpu] = to;
    // Calls start at or after the clock, so one that ends in the open bucket lies in it (the
    // common case, kept to a compare and an add: this runs once per map).
    if (to <= this.allocOpenEnd) this.allocOpen += to - from;
    else this.allocSums.add(from, to);
  }

  /**
   * `cpu` ran `ns` of allocator code between `from` and `to`, interleaved with other work (a free
   * pass: one free_iova_fast per retired entry), recorded once per pass to keep the per-entry loop
   * free of calls. A pass that straddles a bucket boundary is spread evenly over its length.
   */
  allocWithin(cpu: number, from: number, to: number, ns: number): void {
    this.allocNs[cpu] += ns;
    this.allocLast[cpu] = to;
    this.allocSums.addSpread(from, to, ns);
  }

  /**
   * A CPU asked for iova_rbtree_lock at t and, the lock being busy, got it at `start` (locks.ts,
   * Locks.section). The CPUs spinning at t are those whose grant is still ahead: grants follow
   * request order, so they are a suffix of the ring.
   */
  rbtreeWait(t: number, start: number): void {
    const cap = this.spin.length;
    while (this.spinN > 0 && this.spin[this.spinHead] <= t) {
      this.spinHead = this.spinHead + 1 === cap ? 0 : this.spinHead + 1;
      this.spinN--;
    }
    if (this.spinN === cap) {
      // Cannot happen with one waiter per CPU; keep the newest rather than overrun.
      this.spinHead = this.spinHead + 1 === cap ? 0 : this.spinHead + 1;
      this.spinN--;
    }
    const tail = this.spinHead + this.spinN;
    this.spin[tail >= cap ? tail - cap : tail] = start;
    const depth = ++this.spinN;
    if (depth > this.bSpinMax) this.bSpinMax = depth;
    if (depth > this.rbtreeSpinnersMax) this.rbtreeSpinnersMax = depth;
    const wait = start - t;
    this.rbtreeSpinNs += wait;
    if (wait > this.bWaitMax) this.bWaitMax = wait;
    if (wait > this.rbtreeSpinMaxNs) this.rbtreeSpinMaxNs = wait;
    this.spinSums.add(t, start);
  }

  /** Each CPU's allocator time in [0, now) (ns). */
  allocNsUpTo(now: number): Float64Array {
    const out = new Float64Array(this.cpus);
    for (let c = 0; c < this.cpus; c++) out[c] = this.allocNs[c] - Math.max(0, this.allocLast[c] - now);
    return out;
  }

  /** Longest IRQs-off section per CPU up to `now`, counting a section still open at `now`. */
  longestIrqOff(now: number): Float64Array {
    const from = this.ringLocks.irqOffFrom;
    const out = this.ringLocks.irqOffMaxNs.slice();
    for (let c = 0; c < this.cpus; c++) if (from[c] >= 0 && now - from[c] > out[c]) out[c] = now - from[c];
    return out;
  }

  /** The longest FQ timeout callback up to `now`: `doneMax` (those that returned) or one still running. */
  longestTimeout(now: number, doneMax: number): number {
    let m = doneMax;
    const from = this.watchdog.softirqFrom;
    for (let c = 0; c < this.cpus; c++) if (from[c] >= 0 && now - from[c] > m) m = now - from[c];
    return m;
  }

  /** Soft and hard lockups up to `now`, counting sections still open then. */
  watchdogCounts(now: number): { soft: number; hard: number } {
    return this.watchdog.counts(now, this.ringLocks.irqOffFrom);
  }

  /** The lockup markers up to `now`, in time order. */
  watchdogEvents(now: number): WatchdogEvent[] {
    return this.watchdog.events(now, this.ringLocks.irqOffFrom);
  }

  /**
   * Closes a bucket. `rbtreeAcq` is iova_rbtree_lock's running count of acquisitions
   * (Locks.acquisitions): its increase is how many the bucket's requests asked for.
   */
  closeBucket(out: ObserveSeries, rbtreeAcq: number): void {
    const b = this.bucketNs;
    out.allocCpuPct.push(pct((this.allocSums.close() + this.allocOpen) / (b * this.cpus)));
    this.allocOpen = 0;
    this.allocOpenEnd += b;
    out.rbtreeSpinnersMean.push(Math.round((this.spinSums.close() / b) * 100) / 100);
    out.rbtreeSpinnersMax.push(this.bSpinMax);
    const acq = rbtreeAcq - this.acqPrev;
    out.rbtreeWaitMeanNs.push(acq > 0 ? Math.round((this.rbtreeSpinNs - this.spinPrev) / acq) : 0);
    out.rbtreeWaitMaxNs.push(this.bWaitMax);
    out.irqOffMaxNs.push(this.ringLocks.bucketIrqOffMaxNs);
    this.ringLocks.bucketIrqOffMaxNs = 0;
    this.acqPrev = rbtreeAcq;
    this.spinPrev = this.rbtreeSpinNs;
    this.bSpinMax = this.bWaitMax = 0;
  }
}

/** A fraction as a percentage with two decimals. */
export function pct(x: number): number {
  return Math.round(x * 10000) / 100;
}
