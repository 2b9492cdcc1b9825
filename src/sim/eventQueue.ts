// The engine's event queue: a binary min-heap over (time, sequence) in flat typed arrays, so
// scheduling allocates nothing in steady state. Events at the same simulated time run in the order
// they were scheduled, which makes every run deterministic.

export class EventQueue {
  private time: Float64Array;
  private seq: Float64Array;
  private kind: Int32Array;
  private cpu: Int32Array;
  private arg: Int32Array;
  private n = 0;
  private nextSeq = 0;
  /** Fields of the event most recently returned by pop(). */
  t = 0;
  k = 0;
  c = 0;
  a = 0;

  constructor(capacity = 1024) {
    this.time = new Float64Array(capacity);
    this.seq = new Float64Array(capacity);
    this.kind = new Int32Array(capacity);
    this.cpu = new Int32Array(capacity);
    this.arg = new Int32Array(capacity);
  }

  get size(): number {
    return this.n;
  }

  /** Time of the earliest event (Infinity when empty). */
  peekTime(): number {
    return this.n > 0 ? this.time[0] : Infinity;
  }

  push(time: number, kind: number, cpu: number, arg: number): void {
    if (this.n === this.time.length) this.grow();
    const s = this.nextSeq++;
    let i = this.n++;
    // sift up
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = this.time[p];
      if (pt < time || (pt === time && this.seq[p] < s)) break;
      this.move(p, i);
      i = p;
    }
    this.time[i] = time;
    this.seq[i] = s;
    this.kind[i] = kind;
    this.cpu[i] = cpu;
    this.arg[i] = arg;
  }

  /** Removes the earliest event into t/k/c/a; returns false when empty. */
  pop(): boolean {
    if (this.n === 0) return false;
    this.t = this.time[0];
    this.k = this.kind[0];
    this.c = this.cpu[0];
    this.a = this.arg[0];
    const last = --this.n;
    if (last > 0) {
      const lt = this.time[last];
      const ls = this.seq[last];
      const lk = this.kind[last];
      const lc = this.cpu[last];
      const la = this.arg[last];
      let i = 0;
      for (;;) {
        let m = 2 * i + 1;
        if (m >= last) break;
        const r = m + 1;
        if (r < last && (this.time[r] < this.time[m] || (this.time[r] === this.time[m] && this.seq[r] < this.seq[m]))) m = r;
        const mt = this.time[m];
        if (lt < mt || (lt === mt && ls < this.seq[m])) break;
        this.move(m, i);
        i = m;
      }
      this.time[i] = lt;
      this.seq[i] = ls;
      this.kind[i] = lk;
      this.cpu[i] = lc;
      this.arg[i] = la;
    }
    return true;
  }

  private move(from: number, to: number): void {
    this.time[to] = this.time[from];
    this.seq[to] = this.seq[from];
    this.kind[to] = this.kind[from];
    this.cpu[to] = this.cpu[from];
    this.arg[to] = this.arg[from];
  }

  private grow(): void {
    const cap = this.time.length * 2;
    const g = <T extends Float64Array | Int32Array>(a: T, C: new (n: number) => T): T => {
      const b = new C(cap);
      b.set(a);
      return b;
    };
    this.time = g(this.time, Float64Array);
    this.seq = g(this.seq, Float64Array);
    this.kind = g(this.kind, Int32Array);
    this.cpu = g(this.cpu, Int32Array);
    this.arg = g(this.arg, Int32Array);
  }
}
