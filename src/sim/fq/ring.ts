// struct iova_fq: one ring of flush-queue entries (docs/kernel.md §3.2). All rings of a domain live
// in flat typed arrays indexed `ring * size + idx`. Sizes are powers of two and indices wrap with a
// mask (the v6.7+ mod_mask; the same arithmetic as `% size` before).
//   empty  iff head == tail
//   full   iff (tail + 1) & mask == head   -> capacity size - 1 (255 of 256)
//   add    writes at tail, then tail = (tail + 1) & mask
//   free   always from head, oldest first

export interface FqRings {
  readonly size: number;
  readonly mask: number;
  readonly nrings: number;
  readonly head: Int32Array;
  readonly tail: Int32Array;
  /** struct iova_fq_entry fields. */
  readonly pfn: Float64Array;
  readonly pages: Int32Array;
  readonly counter: Float64Array;
  /** Simulated time the entry was added (for metrics and the views; not a kernel field). */
  readonly addedAt: Float64Array;
}

export function createRings(nrings: number, size: number): FqRings {
  if (size < 2 || (size & (size - 1)) !== 0) throw new Error(`flush queue size ${size} is not a power of two >= 2`);
  const n = nrings * size;
  return {
    size,
    mask: size - 1,
    nrings,
    head: new Int32Array(nrings),
    tail: new Int32Array(nrings),
    pfn: new Float64Array(n),
    pages: new Int32Array(n),
    counter: new Float64Array(n),
    addedAt: new Float64Array(n),
  };
}

export function ringEmpty(q: FqRings, r: number): boolean {
  return q.head[r] === q.tail[r];
}

export function ringFull(q: FqRings, r: number): boolean {
  return ((q.tail[r] + 1) & q.mask) === q.head[r];
}

/** Entries currently queued in ring r. */
export function ringCount(q: FqRings, r: number): number {
  return (q.tail[r] - q.head[r]) & q.mask;
}

/**
 * fq_ring_add + entry fill (queue_iova steps 6–7): writes at tail and advances it. Returns the slot
 * index. Like the kernel it does not check fullness; the caller has made room (or, in the §3.9
 * what-if, overwrites the ring).
 */
export function ringAdd(q: FqRings, r: number, pfn: number, pages: number, counter: number, t: number): number {
  const idx = q.tail[r];
  const i = r * q.size + idx;
  q.pfn[i] = pfn;
  q.pages[i] = pages;
  q.counter[i] = counter;
  q.addedAt[i] = t;
  q.tail[r] = (idx + 1) & q.mask;
  return idx;
}

/**
 * The one "covered" rule (fq_ring_free_locked stops at the first entry with
 * `counter >= fq_flush_finish_cnt`): an entry stamped `counter` may be retired once `finish`, the
 * value of fq_flush_finish_cnt the pass read, is past it — a flush that began after the entry was
 * queued has finished. The free pass, the panels' slot states and the trace checker all use it.
 */
export function fqCovered(counter: number, finish: number): boolean {
  return counter < finish;
}

/** fq_ring_free's test for the head entry: retirable iff covered against `limit` (the `finish` read once). */
export function headRetirable(q: FqRings, r: number, limit: number): boolean {
  return q.head[r] !== q.tail[r] && fqCovered(q.counter[r * q.size + q.head[r]], limit);
}

/** Removes the head entry and returns its slot index (caller reads its fields first or after). */
export function ringPopHead(q: FqRings, r: number): number {
  const idx = q.head[r];
  q.head[r] = (idx + 1) & q.mask;
  return idx;
}

