// A heap of (time, kind, cpu, arg) events in (time, push order): a SlotHeap with the payload in
// typed arrays beside it. The event queue keeps the events beyond its timing wheel's horizon here
// (eventQueue.ts); they are few, so a heap's O(log n) does not matter.

import { grown, SlotHeap, type SlotHeapOwner } from './slotHeap.ts';

export class EventHeap implements SlotHeapOwner {
  kind: Int32Array;
  cpu: Int32Array;
  arg: Int32Array;
  readonly h: SlotHeap;

  constructor(capacity: number) {
    this.kind = new Int32Array(capacity);
    this.cpu = new Int32Array(capacity);
    this.arg = new Int32Array(capacity);
    this.h = new SlotHeap(capacity, this);
  }

  /** SlotHeapOwner: the heap doubled; grow the payload arrays. */
  slotsGrown(capacity: number): void {
    this.kind = grown(this.kind, capacity);
    this.cpu = grown(this.cpu, capacity);
    this.arg = grown(this.arg, capacity);
  }

  get size(): number {
    return this.h.size;
  }

  /** Time of the earliest event (Infinity when empty). */
  peekTime(): number {
    return this.h.peekTime();
  }

  push(time: number, kind: number, cpu: number, arg: number): void {
    const slot = this.h.push(time);
    this.kind[slot] = kind;
    this.cpu[slot] = cpu;
    this.arg[slot] = arg;
  }

  /** Removes the earliest event; returns its slot (read time/kind/cpu/arg there before the next push). */
  pop(): number {
    return this.h.pop();
  }

  timeOf(slot: number): number {
    return this.h.time[slot];
  }
}
