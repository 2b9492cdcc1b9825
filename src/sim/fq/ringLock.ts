// The per-ring spinlock (`fq->lock`, taken with IRQs off). Unlike the allocator's locks, a ring lock
// can be held across events: queue_iova keeps it through a forced flush (docs/kernel.md §3.4 step
// 4), so a CPU that finds it busy must really wait. Waiters spin in FIFO order; when the lock
// becomes free the first waiter is resumed (one event) at the release time plus the hand-off cost.
//
// States of ring r: held[r] = 1 while a holder is inside (its release time may be unknown);
// otherwise freeAt[r] is when the last holder's section ends (possibly in the future, because an
// atomic section is executed at its start and released at its end).

export interface Scheduler {
  /** Resume `cpu` (it owns the lock from then on) at time `t`. */
  resume(cpu: number, t: number): void;
}

export class RingLocks {
  readonly held: Uint8Array;
  readonly freeAt: Float64Array;
  readonly holder: Int32Array;
  private readonly waitHead: Int32Array;
  private readonly waitTail: Int32Array;
  private readonly waitNext: Int32Array;
  private readonly waitSince: Float64Array;
  /** Total spin time, per ring. */
  readonly waitNs: Float64Array;
  waitTotalNs = 0;
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
    this.waitSince = new Float64Array(cpus);
    this.waitNs = new Float64Array(nrings);
  }

  /**
   * `cpu` asks for ring r's lock at t. Returns true if granted at once (the holder may proceed at
   * `grantAt`); false if it was queued, in which case the scheduler resumes it when granted and it
   * must call `granted`.
   */
  acquire(r: number, cpu: number, t: number): boolean {
    if (this.held[r] === 0 && this.waitHead[r] < 0 && this.freeAt[r] <= t) {
      this.held[r] = 1;
      this.holder[r] = cpu;
      this.grantAt = t + this.lockNs;
      return true;
    }
    this.contended++;
    this.waitSince[cpu] = t;
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
    const w = t - this.waitSince[cpu];
    this.waitNs[r] += w;
    this.waitTotalNs += w;
    this.held[r] = 1;
    this.holder[r] = cpu;
    this.grantAt = t;
  }

  /** The holder releases at time t (possibly later than the current event's time). */
  release(r: number, t: number): void {
    this.held[r] = 0;
    this.holder[r] = -1;
    this.freeAt[r] = t;
    const next = this.waitHead[r];
    // A request can carry a time a little ahead of the event that made it (the CPU's job started
    // earlier); the hand-over never happens before the waiter asked.
    if (next >= 0) this.sched.resume(next, Math.max(t + this.handoffNs, this.waitSince[next]));
  }

  /** Number of CPUs spinning on ring r. */
  waiters(r: number): number {
    let n = 0;
    for (let c = this.waitHead[r]; c >= 0; c = this.waitNext[c]) n++;
    return n;
  }
}
