// The engine's event queue: a 4-ary min-heap of slot indices ordered by (time, sequence). Event
// payloads live in flat typed arrays indexed by slot, so sifting moves one integer per level and
// scheduling allocates nothing in steady state. Events at the same simulated time run in the order
// they were scheduled, which makes every run deterministic.

export class EventQueue {
  private heap: Int32Array;
  private time: Float64Array;
  private seq: Float64Array;
  private kind: Int32Array;
  private cpu: Int32Array;
  private arg: Int32Array;
  /** Free slots (a stack). */
  private free: Int32Array;
  private nfree: number;
  private n = 0;
  private nextSeq = 0;
  /** Fields of the event most recently returned by pop(). */
  t = 0;
  k = 0;
  c = 0;
  a = 0;

  constructor(capacity = 1024) {
    this.heap = new Int32Array(capacity);
    this.time = new Float64Array(capacity);
    this.seq = new Float64Array(capacity);
    this.kind = new Int32Array(capacity);
    this.cpu = new Int32Array(capacity);
    this.arg = new Int32Array(capacity);
    this.free = new Int32Array(capacity);
    for (let i = 0; i < capacity; i++) this.free[i] = capacity - 1 - i;
    this.nfree = capacity;
  }

  get size(): number {
    return this.n;
  }

  /** Time of the earliest event (Infinity when empty). */
  peekTime(): number {
    return this.n > 0 ? this.time[this.heap[0]] : Infinity;
  }

  push(time: number, kind: number, cpu: number, arg: number): void {
    if (this.nfree === 0) this.grow();
    const slot = this.free[--this.nfree];
    const s = this.nextSeq++;
    this.time[slot] = time;
    this.seq[slot] = s;
    this.kind[slot] = kind;
    this.cpu[slot] = cpu;
    this.arg[slot] = arg;
    const heap = this.heap;
    const T = this.time;
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 2;
      const ps = heap[p];
      const pt = T[ps];
      if (pt < time || (pt === time && this.seq[ps] < s)) break;
      heap[i] = ps;
      i = p;
    }
    heap[i] = slot;
  }

  /** Removes the earliest event into t/k/c/a; returns false when empty. */
  pop(): boolean {
    if (this.n === 0) return false;
    const heap = this.heap;
    const T = this.time;
    const S = this.seq;
    const top = heap[0];
    this.t = T[top];
    this.k = this.kind[top];
    this.c = this.cpu[top];
    this.a = this.arg[top];
    this.free[this.nfree++] = top;
    const last = --this.n;
    if (last > 0) {
      const ls = heap[last];
      const lt = T[ls];
      const lseq = S[ls];
      let i = 0;
      for (;;) {
        const first = 4 * i + 1;
        if (first >= last) break;
        // smallest of up to four children
        let m = first;
        let ms = heap[m];
        let mt = T[ms];
        const end = first + 4 < last ? first + 4 : last;
        for (let j = first + 1; j < end; j++) {
          const js = heap[j];
          const jt = T[js];
          if (jt < mt || (jt === mt && S[js] < S[ms])) {
            m = j;
            ms = js;
            mt = jt;
          }
        }
        if (lt < mt || (lt === mt && lseq < S[ms])) break;
        heap[i] = ms;
        i = m;
      }
      heap[i] = ls;
    }
    return true;
  }

  private grow(): void {
    const old = this.heap.length;
    const cap = old * 2;
    const g = <T extends Float64Array | Int32Array>(a: T, C: new (n: number) => T): T => {
      const b = new C(cap);
      b.set(a);
      return b;
    };
    this.heap = g(this.heap, Int32Array);
    this.time = g(this.time, Float64Array);
    this.seq = g(this.seq, Float64Array);
    this.kind = g(this.kind, Int32Array);
    this.cpu = g(this.cpu, Int32Array);
    this.arg = g(this.arg, Int32Array);
    this.free = new Int32Array(cap);
    for (let i = 0; i < cap - old; i++) this.free[i] = cap - 1 - i;
    this.nfree = cap - old;
  }
}
