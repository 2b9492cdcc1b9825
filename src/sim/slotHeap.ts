// A 4-ary min-heap of slot indices ordered by (time, insertion sequence). Owners keep their
// payloads in their own typed arrays indexed by slot; sifting moves one integer per level and
// nothing is allocated in steady state. Used for the events beyond the event queue's timing wheel
// (eventHeap.ts).

/** Told when the heap's capacity doubled, so it can grow its payload arrays. */
export interface SlotHeapOwner {
  slotsGrown(capacity: number): void;
}

export class SlotHeap {
  time: Float64Array;
  private seq: Float64Array;
  private heap: Int32Array;
  private free: Int32Array;
  private nfree: number;
  private nextSeq = 0;
  size = 0;

  constructor(
    capacity: number,
    /**
     * Told after the capacity doubled, so it can grow its payload arrays. An object, not a closure:
     * a deep clone of the owner (src/sim/history.ts) must grow the clone's arrays, not the original's.
     */
    private readonly owner: SlotHeapOwner,
  ) {
    this.time = new Float64Array(capacity);
    this.seq = new Float64Array(capacity);
    this.heap = new Int32Array(capacity);
    this.free = new Int32Array(capacity);
    for (let i = 0; i < capacity; i++) this.free[i] = capacity - 1 - i;
    this.nfree = capacity;
  }

  get capacity(): number {
    return this.heap.length;
  }

  /** Time of the earliest slot (Infinity when empty). */
  peekTime(): number {
    return this.size > 0 ? this.time[this.heap[0]] : Infinity;
  }

  /** Sequence number of the earliest slot (for merging several heaps). */
  peekSeq(): number {
    return this.size > 0 ? this.seq[this.heap[0]] : Infinity;
  }

  /**
   * Inserts a slot at `time` and returns its index; the caller fills the payload. `seq` orders
   * equal times (default: insertion order in this heap; pass a shared counter to merge heaps).
   */
  push(time: number, seq = this.nextSeq++): number {
    if (this.nfree === 0) this.grow();
    const slot = this.free[--this.nfree];
    const s = seq;
    this.time[slot] = time;
    this.seq[slot] = s;
    const heap = this.heap;
    const T = this.time;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 2;
      const ps = heap[p];
      const pt = T[ps];
      if (pt < time || (pt === time && this.seq[ps] < s)) break;
      heap[i] = ps;
      i = p;
    }
    heap[i] = slot;
    return slot;
  }

  /**
   * Removes the earliest slot and returns it (-1 when empty). Its payload stays readable until the
   * next push.
   */
  pop(): number {
    if (this.size === 0) return -1;
    const heap = this.heap;
    const T = this.time;
    const S = this.seq;
    const top = heap[0];
    this.free[this.nfree++] = top;
    const last = --this.size;
    if (last > 0) {
      const ls = heap[last];
      const lt = T[ls];
      const lseq = S[ls];
      let i = 0;
      for (;;) {
        const first = 4 * i + 1;
        if (first >= last) break;
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
    return top;
  }

  private grow(): void {
    const old = this.heap.length;
    const cap = old * 2;
    const t = new Float64Array(cap);
    t.set(this.time);
    this.time = t;
    const s = new Float64Array(cap);
    s.set(this.seq);
    this.seq = s;
    const h = new Int32Array(cap);
    h.set(this.heap);
    this.heap = h;
    this.free = new Int32Array(cap);
    for (let i = 0; i < cap - old; i++) this.free[i] = cap - 1 - i;
    this.nfree = cap - old;
    this.owner.slotsGrown(cap);
  }
}

/** Doubles a typed array, keeping its contents. */
export function grown<T extends Float64Array | Int32Array>(a: T, cap: number): T {
  const b = new (a.constructor as new (n: number) => T)(cap);
  b.set(a);
  return b;
}
