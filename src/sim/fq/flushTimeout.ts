// fq_flush_timeout (docs/kernel.md §3.5), the FQ timer callback, on the CPU that armed the timer:
//   fq_timer_on = 0 -> fq_flush_iotlb -> for each possible CPU: lock its ring, free pass, unlock.
// Every IOVA it retires goes into *this* CPU's rcache (§3.7). Each ring pass is its own step, so
// flushes completed by other CPUs while the loop runs are seen by later passes (mainline re-reads
// fq_flush_finish_cnt per ring) — or not, with John Garry's counter reuse (§3.8). Shared state is
// touched at step time, as in queueIova.ts.

import { LINE_FQ_TIMER } from '../cacheLine.ts';
import type { FqHost } from './host.ts';
import { PH_TO_FLUSH, PH_TO_FLUSH_START, PH_TO_NEXT, PH_TO_RING } from '../phases.ts';
import { EV, REASON_TIMEOUT } from '../trace.ts';
import { flushFinish, flushStart, passLimit, passLimitCost } from './flushIotlb.ts';
import { freePass } from './freePass.ts';

/** The timer expired and `cpu` runs the callback at step time t. */
export function timeoutStart(e: FqHost, cpu: number, t: number): void {
  e.trace.emit(EV.timer_fire, t, cpu);
  e.timeoutBegan[cpu] = t;
  e.obs.watchdog.callbackStart(cpu, t);
  e.timerRunning = cpu; // the timer base's running_timer until the callback returns
  e.fqTimerOn = 0; // before the flush: a queue_iova during the callback may re-arm (fact 14)
  t += e.costs.timerCallbackNs + e.lines.write(LINE_FQ_TIMER, cpu);
  if (e.at(cpu, t, PH_TO_FLUSH_START)) timeoutFlushStart(e, cpu, t);
}

/** The callback's fq_flush_iotlb begins. */
export function timeoutFlushStart(e: FqHost, cpu: number, t: number): void {
  e.phase[cpu] = PH_TO_FLUSH;
  flushStart(e, cpu, t, REASON_TIMEOUT);
}

/** Resumed in PH_TO_FLUSH: the callback's flush completed. */
export function timeoutFlushed(e: FqHost, cpu: number, t: number): void {
  t = flushFinish(e, cpu, t);
  e.timeoutRing[cpu] = 0;
  if (e.at(cpu, t, PH_TO_NEXT)) nextRing(e, cpu, t);
}

/** Step time t: lock the next ring, or finish. */
export function nextRing(e: FqHost, cpu: number, t: number): void {
  const r = e.timeoutRing[cpu];
  if (r >= e.rings.nrings) {
    e.trace.emit(EV.timer_done, t, cpu);
    e.metrics.timeout(t - e.timeoutBegan[cpu]);
    e.obs.watchdog.callbackEnd(cpu, t);
    e.timerRunning = -1;
    e.cpuFree(cpu, t);
    return;
  }
  if (e.ringLocks.acquire(r, cpu, t)) ringLocked(e, cpu, t, e.costs.lockNs);
  else e.phase[cpu] = PH_TO_RING;
}

/** Resumed in PH_TO_RING: ring lock handed over at t. */
export function timeoutRingGranted(e: FqHost, cpu: number, t: number): void {
  e.ringLocks.granted(e.timeoutRing[cpu], cpu, t);
  ringLocked(e, cpu, t, 0);
}

function ringLocked(e: FqHost, cpu: number, t: number, lockCost: number): void {
  const r = e.timeoutRing[cpu];
  // mainline: fq_ring_free re-reads fq_flush_finish_cnt for every ring; reuse: the timeout's own value
  const limit = passLimit(e, cpu);
  t += passLimitCost(e, cpu);
  t = freePass(e, cpu, r, t + lockCost, limit, true, e.flushStartVal[cpu]);
  e.ringLocks.release(r, t);
  e.timeoutRing[cpu] = r + 1;
  if (e.at(cpu, t, PH_TO_NEXT)) nextRing(e, cpu, t);
}
