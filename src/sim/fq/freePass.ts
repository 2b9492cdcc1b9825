// fq_ring_free(_locked) (docs/kernel.md §3.3–3.4): retire entries from the ring's head while
// counter < limit, FIFO, stopping at the first that is not covered. Each retired IOVA goes to
// free_iova_fast on the CPU executing the pass (raw_cpu_ptr: the owner in queue_iova, the timer CPU
// in fq_flush_timeout — §3.7), which is how the timeout funnels every ring into one CPU's rcache.

import type { FqHost } from './host.ts';
import { EV } from '../trace.ts';
import { headRetirable, ringPopHead } from './ring.ts';

/**
 * Runs the pass over ring r on `cpu` from time t against `limit`; returns the end time.
 * `byTimer`: the pass is part of fq_flush_timeout; `timerStartVal`: the start value of the
 * timeout's own flush, to count entries queued after it began (docs/kernel.md §3.7).
 */
export function freePass(e: FqHost, cpu: number, r: number, t: number, limit: number, byTimer: boolean, timerStartVal: number): number {
  const q = e.rings;
  const cost = e.costs.ringEntryNs;
  const from = t;
  let allocNs = 0;
  while (headRetirable(q, r, limit)) {
    const idx = ringPopHead(q, r);
    const i = r * q.size + idx;
    const pfn = q.pfn[i];
    const pages = q.pages[i];
    const counter = q.counter[i];
    t += cost;
    e.trace.emit(EV.fq_free, t, cpu, r, idx, pfn, pages, counter, limit);
    const tf = t;
    t = e.alloc.free(cpu, t, pfn, pages);
    allocNs += t - tf;
    e.metrics.fqFree(byTimer, byTimer && counter >= timerStartVal, t - q.addedAt[i]);
  }
  if (allocNs > 0) e.obs.allocWithin(cpu, from + cost, t, allocNs);
  return t;
}
