// queue_iova (domain.md §3.5), the lazy unmap path, as the phases a CPU goes through:
//   lock ring -> free pass -> [ring full: fq_flush_iotlb under the lock -> free pass] -> add entry
//   -> unlock -> arm the timer on a 0->1 transition of fq_timer_on.
// A phase that has to wait (ring lock busy, flush in flight) ends the event; the engine resumes
// the CPU in the next phase.

import { LINE_FQ_COUNTERS, LINE_FQ_TIMER } from '../cacheLine.ts';
import type { Engine } from '../engine.ts';
import { PH_Q_FLUSH, PH_Q_LOCK } from '../phases.ts';
import { EV, REASON_FULL } from '../trace.ts';
import { flushFinish, flushStart, readFinishCost } from './flushIotlb.ts';
import { freePass } from './freePass.ts';
import { ringAdd, ringFull } from './ring.ts';

/** Step 1–3: on `cpu` at t, queue the IOVA of I/O `io`. */
export function queueIova(e: Engine, cpu: number, t: number, io: number): void {
  t += e.costs.atomicLocalNs; // smp_mb()
  const r = e.single ? 0 : cpu; // raw_cpu_ptr(percpu_fq) or the single queue
  e.cpuIo[cpu] = io;
  e.cpuRing[cpu] = r;
  if (!e.ringLocks.acquire(r, cpu, t)) {
    e.phase[cpu] = PH_Q_LOCK;
    return;
  }
  locked(e, cpu, e.ringLocks.grantAt);
}

/** Resumed in PH_Q_LOCK: the ring lock was handed over at t. */
export function queueIovaGranted(e: Engine, cpu: number, t: number): void {
  e.ringLocks.granted(e.cpuRing[cpu], cpu, t);
  locked(e, cpu, t);
}

/** Steps 4–5: first free pass, then a forced flush if the ring is still full. */
function locked(e: Engine, cpu: number, t: number): void {
  const r = e.cpuRing[cpu];
  t += readFinishCost(e, cpu);
  t = freePass(e, cpu, r, t, e.fqFinish, false, 0);
  if (ringFull(e.rings, r)) {
    e.phase[cpu] = PH_Q_FLUSH;
    flushStart(e, cpu, t, REASON_FULL); // executed here, holding this ring's lock (fact 10)
    return;
  }
  add(e, cpu, t);
}

/** Resumed in PH_Q_FLUSH when flush_iotlb_all completed: finish++, second free pass, add. */
export function queueIovaFlushed(e: Engine, cpu: number, t: number): void {
  t = flushFinish(e, cpu, t);
  let limit: number;
  if (e.s.counterReuse) {
    limit = e.flushRet[cpu]; // John Garry: reuse atomic64_inc_return's value
    e.metrics.finishReadsSaved++;
  } else {
    t += readFinishCost(e, cpu);
    limit = e.fqFinish;
  }
  t = freePass(e, cpu, e.cpuRing[cpu], t, limit, false, 0);
  add(e, cpu, t);
}

/** Steps 6–9. */
function add(e: Engine, cpu: number, t: number): void {
  const r = e.cpuRing[cpu];
  const io = e.cpuIo[cpu];
  // Fullness is not re-checked (§3.9): if a flush that started earlier is still in flight the
  // ring can still be full, and the add overwrites it. Counted, never expected with FIFO flushes.
  if (ringFull(e.rings, r)) e.metrics.fqOverruns++;
  t += e.lines.read(LINE_FQ_COUNTERS, cpu);
  e.metrics.startReads++;
  const counter = e.fqStart;
  t += e.costs.ringEntryNs;
  const idx = ringAdd(e.rings, r, e.ioPfn[io], e.ioPages[io], counter, t);
  e.trace.emit(EV.fq_add, t, cpu, r, idx, e.ioPfn[io], e.ioPages[io], counter);
  e.ringLocks.release(r, t);
  // Step 9: read before exchanging, so the common case does not bounce the line.
  t += e.lines.read(LINE_FQ_TIMER, cpu);
  if (e.fqTimerOn === 0) {
    t += e.lines.write(LINE_FQ_TIMER, cpu);
    e.fqTimerOn = 1;
    e.armTimer(cpu, t);
  }
  e.unmapReturned(cpu, io, t);
}
