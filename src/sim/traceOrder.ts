// Puts the engine's events in (time, emit order) cheaply. Each CPU emits its own events in
// non-decreasing time (a CPU runs one job at a time), but a CPU's job is executed in one step and
// can emit far ahead of other CPUs (a free pass of 255 entries spans microseconds). So events wait
// in one FIFO per CPU, and a small 4-ary heap over the CPUs' head events — keyed by (time, emit
// sequence) — merges them. A release costs O(log P) instead of O(log pending events).

import { grown } from './slotHeap.ts';

export class TraceOrder {
  // event pool (linked into per-lane FIFOs)
  t = new Float64Array(1024);
  seq = new Float64Array(1024);
  ev = new Int32Array(1024);
  cpu = new Int32Array(1024);
  args = new Float64Array(1024 * 6);
  private next = new Int32Array(1024);
  private freeHead = -1;
  private used = 0;
  private nextSeq = 0;
  // lanes: index cpu + 1 (cpu -1 = not a CPU)
  private laneHead = new Int32Array(0);
  private laneTail = new Int32Array(0);
  private laneLast = new Float64Array(0);
  // heap of lanes with a non-empty FIFO, ordered by their head event
  private heap = new Int32Array(0);
  private pos = new Int32Array(0);
  private n = 0;
  size = 0;

  /** Appends an event; returns its slot so the caller can fill ev/cpu/args. */
  push(t: number, cpu: number): number {
    const lane = cpu + 1;
    if (lane >= this.laneHead.length) this.growLanes(lane + 1);
    if (t < this.laneLast[lane]) throw new Error(`trace: CPU ${cpu} emitted t=${t} after t=${this.laneLast[lane]}`);
    this.laneLast[lane] = t;
    let slot = this.freeHead;
    if (slot >= 0) this.freeHead = this.next[slot];
    else {
      if (this.used === this.t.length) this.growPool();
      slot = this.used++;
    }
    this.t[slot] = t;
    this.seq[slot] = this.nextSeq++;
    this.cpu[slot] = cpu;
    this.next[slot] = -1;
    this.size++;
    if (this.laneHead[lane] < 0) {
      this.laneHead[lane] = this.laneTail[lane] = slot;
      this.heapInsert(lane);
    } else {
      this.next[this.laneTail[lane]] = slot;
      this.laneTail[lane] = slot;
    }
    return slot;
  }

  /** Time of the earliest pending event (Infinity if none). */
  peekTime(): number {
    return this.n > 0 ? this.t[this.laneHead[this.heap[0]]] : Infinity;
  }

  /** Removes the earliest pending event; returns its slot (valid until the next push). */
  pop(): number {
    const lane = this.heap[0];
    const slot = this.laneHead[lane];
    const nx = this.next[slot];
    this.laneHead[lane] = nx;
    if (nx < 0) {
      this.laneTail[lane] = -1;
      const last = this.heap[--this.n];
      if (this.n > 0) {
        this.heap[0] = last;
        this.pos[last] = 0;
        this.siftDown(0);
      }
    } else this.siftDown(0);
    this.next[slot] = this.freeHead;
    this.freeHead = slot;
    this.size--;
    return slot;
  }

  private less(a: number, b: number): boolean {
    const sa = this.laneHead[a];
    const sb = this.laneHead[b];
    const ta = this.t[sa];
    const tb = this.t[sb];
    return ta < tb || (ta === tb && this.seq[sa] < this.seq[sb]);
  }

  private heapInsert(lane: number): void {
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 2;
      if (!this.less(lane, this.heap[p])) break;
      this.heap[i] = this.heap[p];
      this.pos[this.heap[i]] = i;
      i = p;
    }
    this.heap[i] = lane;
    this.pos[lane] = i;
  }

  private siftDown(i: number): void {
    const lane = this.heap[i];
    for (;;) {
      const first = 4 * i + 1;
      if (first >= this.n) break;
      let m = first;
      const end = first + 4 < this.n ? first + 4 : this.n;
      for (let j = first + 1; j < end; j++) if (this.less(this.heap[j], this.heap[m])) m = j;
      if (!this.less(this.heap[m], lane)) break;
      this.heap[i] = this.heap[m];
      this.pos[this.heap[i]] = i;
      i = m;
    }
    this.heap[i] = lane;
    this.pos[lane] = i;
  }

  private growLanes(n: number): void {
    const cap = Math.max(n, this.laneHead.length * 2, 8);
    const head = new Int32Array(cap).fill(-1);
    head.set(this.laneHead);
    const tail = new Int32Array(cap).fill(-1);
    tail.set(this.laneTail);
    const last = new Float64Array(cap);
    last.set(this.laneLast);
    const heap = new Int32Array(cap);
    heap.set(this.heap);
    const pos = new Int32Array(cap);
    pos.set(this.pos);
    this.laneHead = head;
    this.laneTail = tail;
    this.laneLast = last;
    this.heap = heap;
    this.pos = pos;
  }

  private growPool(): void {
    const cap = this.t.length * 2;
    this.t = grown(this.t, cap);
    this.seq = grown(this.seq, cap);
    this.ev = grown(this.ev, cap);
    this.cpu = grown(this.cpu, cap);
    this.args = grown(this.args, cap * 6);
    this.next = grown(this.next, cap);
  }
}
