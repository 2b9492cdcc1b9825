// The engine's event queue: (time, kind, cpu, arg) records ordered by time, ties in schedule order,
// which makes every run deterministic. It is a timing wheel (a calendar queue): time is cut into
// buckets of width W = 2^logW ns; the nb buckets from the one of the last popped event (`base`) on
// each hold a list of their events sorted by time, equal times in push order, and a bitmap of the
// non-empty buckets finds the next one. Events beyond the horizon (bucket base + nb and later) wait
// in a heap (eventHeap.ts) and move into the wheel when the horizon reaches their bucket.
//
// Why not a heap: the engine pops ~4.4 events per simulated lazy I/O — about one continuation per
// CPU near the front and ~P·qd device completions spread over the latency distribution. A push or
// pop here touches one bucket and one or two list nodes, where a heap makes O(log n)
// data-dependent comparisons (docs/benchmarks.md).
//
// The order is exactly that of a heap keyed by (time, push sequence): buckets are in time order,
// a list is sorted by time with ties in push order, and a bucket's events reach its list in push
// order (beyond the horizon they all wait in the heap, which keeps that order, and move over
// together before any later push can land in the bucket). W and nb change speed only; they follow
// the observed density of events (`retune`), in simulated time, so a run stays deterministic.

import { EventHeap } from './eventHeap.ts';
import { grown } from './slotHeap.ts';
import { nbFor, nextShape, smoothLogGap } from './wheelShape.ts';

export interface EventQueueOptions {
  /** Initial bucket width 2^logW ns (default 64 ns; retuned as the run goes). */
  logW?: number;
  /** Initial bucket count, a power of two >= 32 (default: from the capacity). */
  nb?: number;
  /** Pops between two retunes (default 4096). */
  tuneEvery?: number;
}


export class EventQueue {
  // Event pool: per slot its time, and [kind, cpu, arg, next] side by side in `meta` (one cache
  // line per event). `next` links a bucket's list, or the free list.
  private time: Float64Array;
  private meta: Int32Array;
  private freeHead = -1;
  private used = 0;

  // The wheel. Bucket numbers (base, cur, b) are absolute, floor(time / W), and are doubles (they
  // pass 2^31 over long runs at small W); `b & mask` is the bucket's index (ToInt32 wraps exactly).
  private logW = 0;
  private invW = 0;
  private nb = 0;
  private mask = 0;
  /** Per bucket [first slot, last slot] of its list; first -1: empty. */
  private ends = new Int32Array(0);
  private bits = new Int32Array(0);
  /** Bucket of the last popped event: every wheel event lies in [base, base + nb). */
  private base = 0;
  /** Time of the last popped event, or of an earlier push: no pending event is earlier. */
  private floorTime = 0;
  /** The earliest non-empty bucket (while nWheel > 0). */
  private cur = 0;
  private nWheel = 0;

  /** Events at bucket base + nb or later. */
  private readonly over = new EventHeap(64);
  /** Bucket of the heap's first event (Infinity: none). */
  private overBucket = Infinity;

  private readonly tuneEvery: number;
  private pops = 0;
  private tuneTime = 0;
  /** Smoothed log2 of the mean gap between pops (NaN: not measured yet). */
  private logGap = NaN;

  /** Number of pending events (read-only). */
  size = 0;
  /** Time of the earliest pending event. */
  private headTime = Infinity;
  /** Fields of the event most recently returned by pop(). */
  t = 0;
  k = 0;
  c = 0;
  a = 0;

  constructor(capacity = 1024, opts: EventQueueOptions = {}) {
    const cap = Math.max(16, capacity);
    this.time = new Float64Array(cap);
    this.meta = new Int32Array(cap * 4);
    this.tuneEvery = opts.tuneEvery ?? 4096;
    this.setWheel(opts.logW ?? 6, opts.nb ?? nbFor(cap));
  }

  /** The wheel's current shape (for tests and docs): bucket width 2^logW ns, buckets, events beyond. */
  get geometry(): { logW: number; nb: number; beyond: number } {
    return { logW: this.logW, nb: this.nb, beyond: this.over.size };
  }

  /** Time of the earliest event (Infinity when empty). */
  peekTime(): number {
    return this.headTime;
  }

  /** Schedules an event at `time`: after every pending event at or before that time. */
  push(time: number, kind: number, cpu: number, arg: number): void {
    const b = Math.floor(time * this.invW);
    if (time < this.floorTime) this.rewind(time, b);
    this.size++;
    if (time < this.headTime) this.headTime = time;
    if (b < this.base + this.nb) this.insert(time, kind, cpu, arg, b);
    else {
      this.over.push(time, kind, cpu, arg);
      if (b < this.overBucket) this.overBucket = b;
    }
  }

  /** Same as push (device completions, far ahead); kept for the engine's call sites. */
  pushFar(time: number, kind: number, cpu: number, arg: number): void {
    this.push(time, kind, cpu, arg);
  }

  /** Removes the earliest event into t/k/c/a; returns false when empty. */
  pop(): boolean {
    if (this.nWheel === 0) return this.popOver();
    this.size--;
    this.nWheel--;
    const i = this.cur & this.mask;
    const ends = this.ends;
    const slot = ends[2 * i];
    const m = this.meta;
    const j = 4 * slot;
    const nx = m[j + 3];
    const T = this.time;
    const t = T[slot];
    this.t = t;
    this.k = m[j];
    this.c = m[j + 1];
    this.a = m[j + 2];
    m[j + 3] = this.freeHead;
    this.freeHead = slot;
    this.floorTime = t;
    this.base = this.cur;
    ends[2 * i] = nx;
    if (nx >= 0) {
      // The bucket's next event is the head; heap events entering the horizon go to later buckets.
      this.headTime = T[nx];
      if (this.overBucket < this.base + this.nb) this.migrate();
    } else {
      this.bits[i >> 5] &= ~(1 << (i & 31));
      if (this.overBucket < this.base + this.nb) this.migrate();
      this.refreshHead();
    }
    if (++this.pops === this.tuneEvery) this.retune();
    return true;
  }

  /** pop() with an empty wheel: the heap's first event, and the wheel moves to its bucket. */
  private popOver(): boolean {
    const o = this.over;
    if (o.size === 0) return false;
    this.size--;
    const s = o.pop();
    const t = o.timeOf(s);
    this.t = t;
    this.k = o.kind[s];
    this.c = o.cpu[s];
    this.a = o.arg[s];
    this.floorTime = t;
    this.base = Math.floor(t * this.invW);
    this.overBucket = Math.floor(o.peekTime() * this.invW);
    if (this.overBucket < this.base + this.nb) this.migrate();
    this.refreshHead();
    if (++this.pops === this.tuneEvery) this.retune();
    return true;
  }

  /** Links a new event into bucket b (base <= b < base + nb), after the equal times there. */
  private insert(time: number, kind: number, cpu: number, arg: number, b: number): void {
    let slot = this.freeHead;
    if (slot >= 0) this.freeHead = this.meta[4 * slot + 3];
    else {
      if (this.used === this.time.length) this.growPool();
      slot = this.used++;
    }
    const T = this.time;
    const m = this.meta;
    const j = 4 * slot;
    T[slot] = time;
    m[j] = kind;
    m[j + 1] = cpu;
    m[j + 2] = arg;
    const i = b & this.mask;
    const ends = this.ends;
    const h = ends[2 * i];
    if (h < 0) {
      m[j + 3] = -1;
      ends[2 * i] = slot;
      ends[2 * i + 1] = slot;
      this.bits[i >> 5] |= 1 << (i & 31);
    } else {
      const tl = ends[2 * i + 1];
      if (T[tl] <= time) {
        m[j + 3] = -1;
        m[4 * tl + 3] = slot;
        ends[2 * i + 1] = slot;
      } else if (time < T[h]) {
        m[j + 3] = h;
        ends[2 * i] = slot;
      } else {
        // T[h] <= time < T[tl]: the walk ends before the last node
        let p = h;
        let q = m[4 * p + 3];
        while (T[q] <= time) {
          p = q;
          q = m[4 * p + 3];
        }
        m[j + 3] = q;
        m[4 * p + 3] = slot;
      }
    }
    if (this.nWheel++ === 0 || b < this.cur) this.cur = b;
  }

  /** After a pop emptied a bucket: the next non-empty one, or the heap, gives the head. */
  private refreshHead(): void {
    if (this.nWheel > 0) {
      let i = this.cur & this.mask;
      if (this.ends[2 * i] < 0) {
        this.cur = this.scan(this.cur);
        i = this.cur & this.mask;
      }
      this.headTime = this.time[this.ends[2 * i]];
    } else this.headTime = this.over.peekTime();
  }

  /** The first non-empty bucket at or after b, at most one lap on (the wheel is not empty). */
  private scan(b: number): number {
    const bits = this.bits;
    const wmask = bits.length - 1;
    const off = b & 31;
    let pos = b - off; // bucket number of bit 0 of word w
    let w = (b & this.mask) >> 5;
    let word = bits[w] & (-1 << off);
    while (word === 0) {
      w = (w + 1) & wmask;
      pos += 32;
      word = bits[w];
    }
    return pos + 31 - Math.clz32(word & -word);
  }

  /** Moves heap events whose bucket the horizon reached into the wheel, in their order. */
  private migrate(): void {
    const o = this.over;
    const lim = this.base + this.nb;
    while (o.size > 0) {
      const t = o.peekTime();
      const b = Math.floor(t * this.invW);
      if (b >= lim) {
        this.overBucket = b;
        return;
      }
      const s = o.pop();
      this.insert(t, o.kind[s], o.cpu[s], o.arg[s], b);
    }
    this.overBucket = Infinity;
  }

  /**
   * A push before the last popped event (the engine never does this: it schedules at or after its
   * clock). In the base bucket the sorted list places it; before that bucket the wheel is rebuilt
   * from the push's bucket.
   */
  private rewind(time: number, b: number): void {
    this.floorTime = time;
    if (b < this.base) this.rebuild(this.logW, this.nb);
  }

  /** Every tuneEvery pops: measure the gap between pops, and reshape the wheel if it is off. */
  private retune(): void {
    this.pops = 0;
    const gap = (this.floorTime - this.tuneTime) / this.tuneEvery;
    this.tuneTime = this.floorTime;
    if (gap > 0) this.logGap = smoothLogGap(this.logGap, gap);
    const { logW, nb } = nextShape(this.logW, this.nb, this.logGap, this.size, this.over.size);
    if (logW !== this.logW || nb !== this.nb) this.rebuild(logW, nb);
  }

  /** Re-inserts every pending event, in order, into a new wheel (2^logW ns, nb buckets). */
  private rebuild(logW: number, nb: number): void {
    const n = this.nWheel + this.over.size;
    const T = new Float64Array(n);
    const K = new Int32Array(n);
    const C = new Int32Array(n);
    const A = new Int32Array(n);
    // Drain in order: the wheel's lists from cur on, then the heap.
    const m = this.meta;
    let j = 0;
    let b = this.cur;
    while (this.nWheel > 0) {
      b = this.scan(b);
      const i = b & this.mask;
      for (let s = this.ends[2 * i]; s >= 0; ) {
        T[j] = this.time[s];
        K[j] = m[4 * s];
        C[j] = m[4 * s + 1];
        A[j++] = m[4 * s + 2];
        const nx = m[4 * s + 3];
        m[4 * s + 3] = this.freeHead;
        this.freeHead = s;
        s = nx;
        this.nWheel--;
      }
      this.ends[2 * i] = -1;
      this.bits[i >> 5] &= ~(1 << (i & 31));
    }
    const o = this.over;
    while (o.size > 0) {
      const s = o.pop();
      T[j] = o.timeOf(s);
      K[j] = o.kind[s];
      C[j] = o.cpu[s];
      A[j++] = o.arg[s];
    }
    this.overBucket = Infinity;
    this.setWheel(logW, nb);
    this.base = Math.floor(this.floorTime * this.invW);
    const size = this.size;
    this.size = 0;
    this.headTime = Infinity;
    for (let x = 0; x < j; x++) this.push(T[x], K[x], C[x], A[x]);
    this.size = size;
  }

  private setWheel(logW: number, nb: number): void {
    if (!(nb >= 32 && (nb & (nb - 1)) === 0)) throw new Error(`event queue: ${nb} buckets (a power of two >= 32)`);
    this.logW = logW;
    this.invW = 2 ** -logW;
    this.nb = nb;
    this.mask = nb - 1;
    this.ends = new Int32Array(2 * nb).fill(-1);
    this.bits = new Int32Array(nb >> 5);
  }

  private growPool(): void {
    const cap = this.time.length * 2;
    this.time = grown(this.time, cap);
    this.meta = grown(this.meta, cap * 4);
  }
}
