// queue_iova (docs/kernel.md §3.4), the lazy unmap path, as the steps a CPU goes through:
//   lock ring, free pass -> [ring full: fq_flush_iotlb under the lock -> free pass] -> add entry,
//   unlock, arm the timer on a 0->1 transition of fq_timer_on.
//
// Time discipline (shared by the timeout, fq/flushTimeout.ts): every access to shared FQ state —
// the ring lock, fq_flush_start_cnt / fq_flush_finish_cnt, fq_timer_on — happens in a *step* whose
// time is the engine's clock, so what a CPU reads is what the other CPUs had done by that simulated
// time. A step's state changes take effect at its start; its costs then advance the CPU's time.
// Between steps a CPU runs ahead of the clock only through local work and lock-serialised
// allocator sections. Reading fq_flush_start_cnt early, for example, would miss a flush another
// CPU starts in between, and the entry would look covered by a flush that began before its unmap
// (fact 21). `Engine.at` resumes the CPU at a step's time unless no other event can come first.

import { LINE_FQ_COUNTERS, LINE_FQ_TIMER } from '../cacheLine.ts';
import type { FqHost } from './host.ts';
import { IO_PAGES, IO_PFN, IO_REC } from '../ioSlots.ts';
import { PH_Q_ADD, PH_Q_FLUSH, PH_Q_FLUSH_START, PH_Q_LOCK, PH_Q_START } from '../phases.ts';
import { EV, REASON_FULL } from '../trace.ts';
import { flushFinish, flushStart, passLimit, passLimitCost, readFinishCost } from './flushIotlb.ts';
import { freePass } from './freePass.ts';
import { ringAdd, ringFull } from './ring.ts';

/** Called by the unmap path on `cpu` with time t (possibly ahead of the clock) for I/O `io`. */
export function queueIova(e: FqHost, cpu: number, t: number, io: number): void {
  e.cpuIo[cpu] = io;
  e.cpuRing[cpu] = e.single ? 0 : cpu; // the single queue, or raw_cpu_ptr(percpu_fq)
  t += e.costs.atomicLocalNs; // step 1: smp_mb()
  if (e.at(cpu, t, PH_Q_START)) queueIovaStart(e, cpu, t);
}

/** Step 3: take the ring lock (spin in FIFO order if it is held). */
export function queueIovaStart(e: FqHost, cpu: number, t: number): void {
  if (e.ringLocks.acquire(e.cpuRing[cpu], cpu, t)) locked(e, cpu, t, e.costs.lockNs);
  else e.phase[cpu] = PH_Q_LOCK;
}

/** Resumed in PH_Q_LOCK: the ring lock was handed over at t. */
export function queueIovaGranted(e: FqHost, cpu: number, t: number): void {
  e.ringLocks.granted(e.cpuRing[cpu], cpu, t);
  locked(e, cpu, t, 0);
}

/** Steps 4–5 at step time t: first free pass, then a forced flush if the ring is still full. */
function locked(e: FqHost, cpu: number, t: number, lockCost: number): void {
  const r = e.cpuRing[cpu];
  const limit = e.fqFinish; // read once, at this step's time
  t += lockCost + readFinishCost(e, cpu);
  t = freePass(e, cpu, r, t, limit, false, 0);
  if (ringFull(e.rings, r)) {
    if (e.at(cpu, t, PH_Q_FLUSH_START)) queueIovaFlushStart(e, cpu, t);
    return;
  }
  if (e.at(cpu, t, PH_Q_ADD)) queueIovaAdd(e, cpu, t);
}

/** Step 5a: the forced fq_flush_iotlb, on this CPU, holding this ring's lock (fact 10). */
export function queueIovaFlushStart(e: FqHost, cpu: number, t: number): void {
  e.phase[cpu] = PH_Q_FLUSH;
  flushStart(e, cpu, t, REASON_FULL);
}

/** Resumed in PH_Q_FLUSH when flush_iotlb_all completed: finish++, second free pass. */
export function queueIovaFlushed(e: FqHost, cpu: number, t: number): void {
  t = flushFinish(e, cpu, t);
  const limit = passLimit(e, cpu);
  t += passLimitCost(e, cpu);
  t = freePass(e, cpu, e.cpuRing[cpu], t, limit, false, 0);
  if (e.at(cpu, t, PH_Q_ADD)) queueIovaAdd(e, cpu, t);
}

/** Steps 6–9 at step time t: add the entry stamped with fq_flush_start_cnt, unlock, arm the timer. */
export function queueIovaAdd(e: FqHost, cpu: number, t: number): void {
  const r = e.cpuRing[cpu];
  const io = e.cpuIo[cpu];
  // Fullness is not re-checked (§3.9): if a flush that started earlier were still in flight the
  // ring could still be full and the add would overwrite it. Counted; never seen with FIFO flushes.
  if (ringFull(e.rings, r)) e.metrics.fqOverruns++;
  const counter = e.fqStart;
  e.metrics.startReads++;
  const j = io * IO_REC;
  const pfn = e.ioRec[j + IO_PFN];
  const pages = e.ioRec[j + IO_PAGES];
  const idx = ringAdd(e.rings, r, pfn, pages, counter, t);
  e.trace.emit(EV.fq_add, t, cpu, r, idx, pfn, pages, counter);
  // Step 9 reads fq_timer_on before exchanging (no cache-line bounce in the common case); it is
  // part of this step, like the unlock.
  const armed = e.fqTimerOn === 0;
  if (armed) e.fqTimerOn = 1;
  let end = t + e.lines.read(LINE_FQ_COUNTERS, cpu) + e.costs.ringEntryNs;
  e.ringLocks.release(r, end);
  end += e.lines.read(LINE_FQ_TIMER, cpu);
  if (armed) {
    end += e.lines.write(LINE_FQ_TIMER, cpu);
    e.armTimer(cpu, t);
  }
  e.unmapReturned(cpu, io, end);
}
