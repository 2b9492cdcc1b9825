// Lock wait time per metrics bucket. A wait is booked into the buckets its interval [from, to)
// spans, not whole into the bucket where it began: a CPU that spins for 3 ms spins for 1 ms in each
// of three 1 ms buckets, so a bucket never holds more wait than CPUs × bucket width (a lock-wait
// track read as "CPUs spinning" stays at or under the CPU count). Locks.section knows each wait's
// whole interval when it is requested (its end is the lock's free time), so parts ahead of the open
// bucket go into a small ring of future buckets. Only a wait that leaves the open bucket does more
// than one addition. Totals (Locks.waitNs, the summary) are unchanged.

export class WaitLedger {
  /** Bucket width (ns); Infinity until set (everything stays in bucket 0). */
  private width = Infinity;
  /** Index of the open bucket and its bounds. */
  private bucket = 0;
  private start = 0;
  private end = Infinity;
  /** Ring of future buckets, per lock: slot of bucket b is lock * size + (b & (size - 1)). */
  private size = 8;
  private ring: Float64Array;

  constructor(private readonly locks: number) {
    this.ring = new Float64Array(locks * this.size);
  }

  setWidth(ns: number): void {
    this.width = ns;
    this.reset();
  }

  reset(): void {
    this.ring.fill(0);
    this.bucket = 0;
    this.start = 0;
    this.end = this.width;
  }

  /** Books a wait on `lock` over [from, to). */
  book(lock: number, from: number, to: number): void {
    if (from >= this.start && to <= this.end) {
      this.ring[lock * this.size + (this.bucket & (this.size - 1))] += to - from;
      return;
    }
    const w = this.width;
    // Requests come in simulated-time order, so from is never before the open bucket; if it were,
    // that part would go to the open bucket rather than be lost.
    let b = Math.max(this.bucket, Math.floor(from / w));
    const last = Math.max(b, Math.ceil(to / w) - 1);
    if (last - this.bucket >= this.size) this.grow(last - this.bucket + 1);
    let t = from;
    for (; b <= last; b++) {
      const e = b === last ? to : (b + 1) * w;
      this.ring[lock * this.size + (b & (this.size - 1))] += e - t;
      t = e;
    }
  }

  /** Closes the open bucket: its wait per lock into `out`, then the next bucket opens. */
  close(out: Float64Array): void {
    const m = this.size - 1;
    for (let l = 0; l < this.locks; l++) {
      const i = l * this.size + (this.bucket & m);
      out[l] = this.ring[i];
      this.ring[i] = 0;
    }
    this.bucket++;
    this.start = this.end;
    this.end += this.width;
  }

  /** Makes room for `need` buckets from the open one on (rare: a wait longer than the ring). */
  private grow(need: number): void {
    let size = this.size;
    while (size < need) size *= 2;
    const ring = new Float64Array(this.locks * size);
    for (let l = 0; l < this.locks; l++) {
      for (let i = 0; i < this.size; i++) {
        const b = this.bucket + i;
        ring[l * size + (b & (size - 1))] = this.ring[l * this.size + (b & (this.size - 1))];
      }
    }
    this.ring = ring;
    this.size = size;
  }
}
