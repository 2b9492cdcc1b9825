// Flush-queue slots as runs. A ring's entries are contiguous from head to tail and their counter
// stamps never decrease along it (each is fq_flush_start_cnt read at queue time), so the covered
// entries (counter < fq_flush_finish_cnt) form a prefix and the waiting ones a suffix: a ring is a
// handful of runs. Drawing runs instead of slots keeps 128 rings × 256 slots, or the v6.7+ single
// queue's 32768 slots, to a few arcs each. The functions do not rely on that shape, though: any
// slot pattern gives correct runs.

import { SLOT_COVERED, SLOT_EMPTY, SLOT_WAITING } from '../../sim/view.ts';

/**
 * Maximal runs of equal non-empty state among `size` slots starting at `base`, in slot order, as
 * flat triples [start, length, state, ...] (start relative to base).
 */
export function slotRuns(state: Uint8Array, base: number, size: number): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < size) {
    const s = state[base + i];
    if (s === SLOT_EMPTY) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < size && state[base + j] === s) j++;
    out.push(i, j - i, s);
    i = j;
  }
  return out;
}

export interface RingCounts {
  waiting: number;
  covered: number;
}

/** Entries per state in one ring. */
export function ringCounts(state: Uint8Array, base: number, size: number): RingCounts {
  let waiting = 0;
  let covered = 0;
  for (let i = 0; i < size; i++) {
    const s = state[base + i];
    if (s === SLOT_WAITING) waiting++;
    else if (s === SLOT_COVERED) covered++;
  }
  return { waiting, covered };
}

/** Entries queued in a ring from its head and tail (ring.ts: capacity size − 1). */
export function queued(head: number, tail: number, size: number): number {
  return (tail - head + size) % size;
}
