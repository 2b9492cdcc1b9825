// The per-ring spinlock (`fq->lock`, taken with IRQs off). Unlike the allocator's locks, a ring lock
// can be held across events: queue_iova keeps it through a forced flush (docs/kernel.md §3.4 step
// 4), so a CPU that finds it busy must really wait. Waiters spin in FIFO order; when the lock
// becomes free the first waiter is resumed (one event) at the release time plus the hand-off cost.
//
// States of ring r: held[r] = 1 while a holder is inside (its release time may be unknown);
// otherwise freeAt[r] is when the last holder's section ends (possibly in the future, because an
// atomic section is executed at its start and released at its end).
//
// spin_lock_irqsave disables interrupts before it spins, so a CPU runs with IRQs off from the
// moment it asks for a ring lock until it releases it: the lock keeps that moment per CPU and, at
// each release, the section's length (the longest per CPU, for the collapse observables and the
// hard-lockup marker, src/sim/observe.ts and watchdog.ts). Plain numbers in calls it already makes.

export interface Scheduler {
  /** Resume `cpu` (it owns the lock from then on) at time `t`. */
  resume(cpu: number, t: number): void;
}

/** IRQs-off sections this long or longer are reported to `RingLocks.longSections` (watchdog.ts). */
export const LONG_IRQ_OFF_NS = 10e9;

export class RingLocks {
  readonly held: Uint8Array;
  readonly freeAt: Float64Array;
  readonly holder: Int32Array;
  private readonly waitHead: Int32Array;
  private readonly waitTail: Int32Array;
  private readonly waitNext: Int32Array;
  /**
   * When each CPU asked for the ring lock it waits for or holds (spin_lock_irqsave: IRQs off from
   * then on); -1 when it holds or waits for none.
   */
  readonly irqOffFrom: Float64Array;
  /** Longest IRQs-off section per CPU (ns), among those released. */
  readonly irqOffMaxNs: Float64Array;
  /** Longest IRQs-off section released since the metrics bucket opened (Observe resets it). */
  bucketIrqOffMaxNs = 0;
  /** Told of every section of LONG_IRQ_OFF_NS or more when it ends (the lockup markers). */
  longSections: { irqOffSection(cpu: number, from: number, to: number): void } | null = null;
  /** Total spin time, per ring. */
  readonly waitNs: Float64Array;
  waitTotalNs = 0;
  /**
   * Per-bucket spin time for the metrics series, split across the buckets a wait spans (like
   * Locks' waits, waitLedger.ts): unlike an allocator lock's, a ring-lock wait's end is not known
   * when it begins, so each bucket close books the part of every wait still running then
   * (`closeWaitBucket`) and the grant books the rest. `waitUnbookedFrom[cpu]`: the start of the part
   * of the CPU's wait not yet booked.
   */
  private readonly waitUnbookedFrom: Float64Array;
  /** Spin time booked into the open bucket. */
  private bucketWaitNs = 0;
  contended = 0;
  /** When the most recent grant (immediate or after waiting) happened. */
  grantAt = 0;

  constructor(
    nrings: number,
    cpus: number,
    private readonly sched: Scheduler,
    private readonly lockNs: number,
    private readonly handoffNs: number,
  ) {
    this.held = new Uint8Array(nrings);
    this.freeAt = new Float64Array(nrings);
    this.holder = new Int32Array(nrings).fill(-1);
    this.waitHead = new Int32Array(nrings).fill(-1);
    this.waitTail = new Int32Array(nrings).fill(-1);
    this.waitNext = new Int32Array(cpus).fill(-1);
    this.irqOffFrom = new Float64Array(cpus).fill(-1);
    this.irqOffMaxNs = new Float64Array(cpus);
    this.waitNs = new Float64Array(nrings);
    this.waitUnbookedFrom = new Float64Array(cpus);
  }

  /**
   * `cpu` asks for ring r's lock at t. Returns true if granted at once (the holder may proceed at
   * `grantAt`); false if it was queued, in which case the scheduler resumes it when granted and it
   * must call `granted`.
   */
  acquire(r: number, cpu: number, t: number): boolean {
    this.irqOffFrom[cpu] = t;
    if (this.held[r] === 0 && this.waitHead[r] < 0 && this.freeAt[r] <= t) {
      this.held[r] = 1;
      this.holder[r] = cpu;
      this.grantAt = t + this.lockNs;
      return true;
    }
    this.contended++;
    this.waitUnbookedFrom[cpu] = t;
    this.waitNext[cpu] = -1;
    if (this.waitTail[r] < 0) this.waitHead[r] = cpu;
    else this.waitNext[this.waitTail[r]] = cpu;
    this.waitTail[r] = cpu;
    // First in line behind a holder that has already said when it releases: schedule the grant now.
    if (this.held[r] === 0 && this.waitHead[r] === cpu) this.sched.resume(cpu, Math.max(this.freeAt[r] + this.handoffNs, t));
    return false;
  }

  /** Called by the resumed waiter at time t: it now holds the lock. */
  granted(r: number, cpu: number, t: number): void {
    if (this.waitHead[r] !== cpu) throw new Error(`ring ${r}: CPU ${cpu} resumed but is not first in line`);
    this.waitHead[r] = this.waitNext[cpu];
    if (this.waitHead[r] < 0) this.waitTail[r] = -1;
    const w = t - this.irqOffFrom[cpu];
    this.waitNs[r] += w;
    this.waitTotalNs += w;
    this.bucketWaitNs += t - this.waitUnbookedFrom[cpu];
    this.held[r] = 1;
    this.holder[r] = cpu;
    this.grantAt = t;
  }

  /** The holder releases at time t (possibly later than the current event's time). */
  release(r: number, t: number): void {
    const h = this.holder[r];
    const from = this.irqOffFrom[h];
    const d = t - from;
    if (d > this.irqOffMaxNs[h]) this.irqOffMaxNs[h] = d;
    if (d > this.bucketIrqOffMaxNs) this.bucketIrqOffMaxNs = d;
    if (d >= LONG_IRQ_OFF_NS) this.longSection(h, from, t);
    this.irqOffFrom[h] = -1;
    this.held[r] = 0;
    this.holder[r] = -1;
    this.freeAt[r] = t;
    const next = this.waitHead[r];
    // A request can carry a time a little ahead of the event that made it (the CPU's job started
    // earlier); the hand-over never happens before the waiter asked.
    if (next >= 0) this.sched.resume(next, Math.max(t + this.handoffNs, this.irqOffFrom[next]));
  }

  /** A section of LONG_IRQ_OFF_NS or more ended (rare: kept out of `release` so it stays small). */
  private longSection(cpu: number, from: number, to: number): void {
    if (this.longSections !== null) this.longSections.irqOffSection(cpu, from, to);
  }

  /**
   * Closes the metrics bucket ending at `end`: returns the spin time that lies in it — the waits
   * granted since the last close, from where they were still unbooked, plus, of every CPU still
   * waiting, the part up to `end` — and opens the next. Buckets close before any event at or after
   * `end` runs, so a CPU still in a wait list at `end` is granted at `end` or later.
   */
  closeWaitBucket(end: number): number {
    let sum = this.bucketWaitNs;
    this.bucketWaitNs = 0;
    for (let r = 0; r < this.waitHead.length; r++) {
      for (let c = this.waitHead[r]; c >= 0; c = this.waitNext[c]) {
        const from = this.waitUnbookedFrom[c];
        if (from < end) {
          sum += end - from;
          this.waitUnbookedFrom[c] = end;
        }
      }
    }
    return sum;
  }

  /** Number of CPUs spinning on ring r. */
  waiters(r: number): number {
    let n = 0;
    for (let c = this.waitHead[r]; c >= 0; c = this.waitNext[c]) n++;
    return n;
  }
}
