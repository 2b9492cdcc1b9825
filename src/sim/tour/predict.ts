// The answers of the predict steps, computed from the state the trace has built up at the moment
// of the question (context.ts), never typed in. Each function states the kernel rule it applies;
// predict.test.ts checks each against what the run then does.

import type { FqEntry, TourCtx } from './context.ts';

/**
 * fq_ring_free(_locked): entries leave from the ring's head, in FIFO order, while their counter
 * (fq_flush_start_cnt when queued) is below `limit` (fq_flush_finish_cnt as read, or the value
 * atomic64_inc_return gave with counter reuse); the first entry not covered stops the pass.
 */
export function retirable(entries: Iterable<FqEntry>, limit: number): number {
  let n = 0;
  for (const x of entries) {
    if (x.counter >= limit) break;
    n++;
  }
  return n;
}

/** fq_flush_timeout's ring loop against `limit`: the rings it will take entries from, and how many. */
export function ringsToRetire(c: TourCtx, limit: number): { ring: number; n: number }[] {
  const out: { ring: number; n: number }[] = [];
  for (const [ring, m] of [...c.rings].sort((a, b) => a[0] - b[0])) {
    const n = retirable(m.values(), limit);
    if (n > 0) out.push({ ring, n });
  }
  return out;
}

/**
 * free_iova_fast puts the IOVA in the rcache of the CPU executing it (raw_cpu_ptr in
 * iova_rcache_insert), whichever ring it came from: in fq_flush_timeout that is the timer CPU.
 */
export function landsOn(executingCpu: number): number {
  return executingCpu;
}

/**
 * __iova_rcache_get on `cpu` for size class `cls`: served if loaded or prev holds an IOVA, or the
 * depot has a full magazine; otherwise alloc_iova_fast falls back to the rbtree. (A magazine whose
 * IOVAs all lie above the device's limit also misses; the lab's tour scenarios have no such limit.)
 */
export function nextAllocHits(c: TourCtx, cpu: number, cls: number): boolean {
  return c.heldOf(cpu, cls) > 0 || (c.depot.get(cls) ?? 0) > 0;
}

/**
 * __iova_rcache_insert on `cpu`: loaded if it has room, else prev (swapped in) if it has room,
 * else the full loaded goes to the depot, or, with the fixed depot full (MAX_GLOBAL_MAGS, up to
 * v6.6), back to the rbtree (iova_magazine_free_pfns).
 */
export function insertTarget(c: TourCtx, cpu: number, cls: number, depotMax: number, depotIsList: boolean): 'loaded or prev' | 'depot' | 'rbtree' {
  if (c.heldOf(cpu, cls) < 2 * c.magSize) return 'loaded or prev';
  if (depotIsList || (c.depot.get(cls) ?? 0) < depotMax) return 'depot';
  return 'rbtree';
}
