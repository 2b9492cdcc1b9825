// The global depot of one size class (docs/kernel.md §6). Only full magazines enter it
// (__iova_rcache_insert pushes `loaded` only when it and `prev` are both full).
//   <= v6.6: a fixed array of MAX_GLOBAL_MAGS slots; push stores at depot[depot_size++] and get
//             takes depot[--depot_size]; a push into a full depot is refused and the caller frees
//             the magazine's pfns to the rbtree (__iova_rcache_insert's mag_to_free).
//   v6.7+:    an unbounded singly linked list; push and pop both work at the head
//             (iova_depot_push / iova_depot_pop), plus a delayed reclaim work item (911aa1245da8,
//             233045378dbb).
// Both are LIFO stacks, so one array-backed stack with a capacity models both.

import type { Magazine } from './magazine.ts';

/** MAX_GLOBAL_MAGS: depot capacity per size class up to v6.6. */
export const MAX_GLOBAL_MAGS = 32;
/** IOVA_DEPOT_DELAY (v6.7+): 100 ms, in ns. */
export const IOVA_DEPOT_DELAY_NS = 100_000_000;

export class Depot {
  private readonly mags: Magazine[] = [];
  /** Depot list: a reclaim for this class is scheduled and has not run yet (delayed_work pending). */
  reclaimPending = false;

  /** @param cap MAX_GLOBAL_MAGS (<= v6.6) or Infinity (v6.7+ list). */
  constructor(readonly cap: number) {}

  get depot_size(): number {
    return this.mags.length;
  }

  /** Stores a full magazine; false when the fixed depot is full (<= v6.6). */
  push(mag: Magazine): boolean {
    if (!mag.full()) throw new Error('only full magazines may enter the depot');
    if (this.mags.length >= this.cap) return false;
    this.mags.push(mag);
    return true;
  }

  /** The most recently pushed magazine, or undefined when empty. */
  pop(): Magazine | undefined {
    return this.mags.pop();
  }

  /** Audit: visits every depot magazine, oldest first. */
  forEach(cb: (mag: Magazine) => void): void {
    for (const m of this.mags) cb(m);
  }
}
