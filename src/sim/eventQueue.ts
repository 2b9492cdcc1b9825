// The engine's event queue: (time, kind, cpu, arg) records ordered by time, ties in schedule order,
// which makes every run deterministic. Two heaps share one sequence counter: `far` holds device
// completions (one per outstanding I/O, far in the future), `near` the CPUs' own continuations
// (at most one per CPU) and rare events. Popping takes the earlier head of the two, so the order is
// exactly that of a single heap, but most operations touch the small one.

import { grown, SlotHeap } from './slotHeap.ts';

class Payload {
  kind: Int32Array;
  cpu: Int32Array;
  arg: Int32Array;
  readonly h: SlotHeap;
  constructor(capacity: number) {
    this.kind = new Int32Array(capacity);
    this.cpu = new Int32Array(capacity);
    this.arg = new Int32Array(capacity);
    this.h = new SlotHeap(capacity, (cap) => {
      this.kind = grown(this.kind, cap);
      this.cpu = grown(this.cpu, cap);
      this.arg = grown(this.arg, cap);
    });
  }
  push(time: number, seq: number, kind: number, cpu: number, arg: number): void {
    const slot = this.h.push(time, seq);
    this.kind[slot] = kind;
    this.cpu[slot] = cpu;
    this.arg[slot] = arg;
  }
}

export class EventQueue {
  private readonly near: Payload;
  private readonly far: Payload;
  private nextSeq = 0;
  /** Fields of the event most recently returned by pop(). */
  t = 0;
  k = 0;
  c = 0;
  a = 0;

  constructor(capacity = 1024) {
    this.near = new Payload(64);
    this.far = new Payload(capacity);
  }

  get size(): number {
    return this.near.h.size + this.far.h.size;
  }

  /** Time of the earliest event (Infinity when empty). */
  peekTime(): number {
    const a = this.near.h.peekTime();
    const b = this.far.h.peekTime();
    return a < b ? a : b;
  }

  /** Schedules an event in the near heap (CPU continuations and rare events). */
  push(time: number, kind: number, cpu: number, arg: number): void {
    this.near.push(time, this.nextSeq++, kind, cpu, arg);
  }

  /** Schedules an event that is typically far ahead (device completions). */
  pushFar(time: number, kind: number, cpu: number, arg: number): void {
    this.far.push(time, this.nextSeq++, kind, cpu, arg);
  }

  /** Removes the earliest event into t/k/c/a; returns false when empty. */
  pop(): boolean {
    const n = this.near.h;
    const f = this.far.h;
    let src: Payload;
    if (n.size === 0) {
      if (f.size === 0) return false;
      src = this.far;
    } else if (f.size === 0) src = this.near;
    else {
      const tn = n.peekTime();
      const tf = f.peekTime();
      src = tn < tf || (tn === tf && n.peekSeq() < f.peekSeq()) ? this.near : this.far;
    }
    const slot = src.h.pop();
    this.t = src.h.time[slot];
    this.k = src.kind[slot];
    this.c = src.cpu[slot];
    this.a = src.arg[slot];
    return true;
  }
}
