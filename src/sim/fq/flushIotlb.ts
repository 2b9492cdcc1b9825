// fq_flush_iotlb (docs/kernel.md §3.3): increment fq_flush_start_cnt, run the driver's flush_iotlb_all
// (a whole-domain invalidation that occupies the IOMMU's invalidation queue until it completes),
// then increment fq_flush_finish_cnt. The two halves are separate steps, so other CPUs observe
// start > finish while a flush is in flight (fact 7) and can race with it (Robin's scenario). Both
// run at step time (see queueIova.ts): the increment takes effect at t, its cost follows.

import { LINE_FQ_COUNTERS } from '../cacheLine.ts';
import type { FqHost } from './host.ts';
import { LOCK_IOMMU } from '../locks.ts';
import { EV } from '../trace.ts';

/** First half, on `cpu` at step time t: start++, submit flush_iotlb_all; resumes when it completes. */
export function flushStart(e: FqHost, cpu: number, t: number, reason: number): void {
  e.fqStart++;
  e.trace.emit(EV.flush_start, t, cpu, reason, e.fqStart);
  e.flushReason[cpu] = reason;
  e.flushStartAt[cpu] = t;
  e.flushStartVal[cpu] = e.fqStart;
  t += incCost(e, cpu, false);
  const done = e.locks.section(LOCK_IOMMU, t, e.costs.flushAllNs);
  e.resumeAt(cpu, done);
}

/**
 * Second half, at step time t when flush_iotlb_all has completed: the IOTLB no longer holds
 * translations unmapped before the flush started; finish++. Returns the time after the increment;
 * the value produced (what atomic64_inc_return would return) is left in e.flushRet[cpu].
 */
export function flushFinish(e: FqHost, cpu: number, t: number): number {
  e.iotlb.invalidateAll(e.flushStartAt[cpu], t);
  e.fqFinish++;
  e.flushRet[cpu] = e.fqFinish;
  const reason = e.flushReason[cpu];
  e.trace.emit(EV.flush_finish, t, cpu, reason, e.fqFinish);
  e.metrics.flush(reason, t);
  return t + incCost(e, cpu, e.s.counterReuse);
}

/**
 * Cost of atomic64_inc (or, with counter reuse, atomic64_inc_return) of a flush counter on `cpu`.
 * 'flat': a cache-line write either way. 'arm64' (LSE atomics): atomic64_inc is STADD, relaxed
 * and posted, so the CPU does not wait for the line (it still takes the line from every other
 * CPU); atomic64_inc_return is LDADDAL, fully ordered, so the CPU waits for the line and the
 * barrier: counter reuse saves a read but pays this.
 */
function incCost(e: FqHost, cpu: number, returnsValue: boolean): number {
  const line = e.lines.write(LINE_FQ_COUNTERS, cpu);
  if (!e.arm64Atomics) return line;
  return returnsValue ? line + e.costs.atomicOrderedNs : e.costs.atomicStaddNs;
}

/** Cost of reading fq_flush_finish_cnt on `cpu` (the `limit` of a free pass). */
export function readFinishCost(e: FqHost, cpu: number): number {
  e.metrics.finishReads++;
  return e.lines.read(LINE_FQ_COUNTERS, cpu);
}

/**
 * The `limit` of a free pass that follows this CPU's own flush, in the same step: the value the
 * flush produced (John Garry's atomic64_inc_return reuse, §3.8) or a fresh read of
 * fq_flush_finish_cnt (mainline fq_ring_free). `passLimitCost` is what obtaining it costs.
 */
export function passLimit(e: FqHost, cpu: number): number {
  if (e.s.counterReuse) {
    e.metrics.finishReadsSaved++;
    return e.flushRet[cpu];
  }
  return e.fqFinish;
}

export function passLimitCost(e: FqHost, cpu: number): number {
  return e.s.counterReuse ? 0 : readFinishCost(e, cpu);
}
