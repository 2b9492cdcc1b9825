// What John Garry's counter reuse (atomic64_inc_return in fq_flush_iotlb, its value reused as the
// next free pass's limit) can save at most, from a finished run (issue 20, "Counter reuse,
// honestly"; docs/model.md, "Counter reuse: the bound"). It removes one read of
// fq_flush_finish_cnt per free pass that follows the CPU's own flush: the second pass of a
// queue_iova that had to flush a full ring, and each ring's pass in fq_flush_timeout. Every other
// read stays (each queue_iova still reads the counter at entry). Even if every saved read were a
// cache miss, the CPU time it saves is
//
//   bound = (saved reads per I/O × miss cost) ÷ (CPU time per I/O)
//
// with the miss cost the model's price of a remote cache line (costs.atomicRemoteNs) and the CPU
// time per I/O every CPU's time over the run divided by the I/Os done. A run that leaves CPUs idle
// (device-bound) gains less throughput than that, not more, so this is an upper bound on the gain
// through the read-cost channel. The other channel, the behavioural one Robin Murphy named (the
// timeout leaving entries queued after its own flush to their owners), shows up as
// freesByTimerAfterFlush and is not bounded here.

import type { Summary } from './run.ts';

export interface CounterReuseBound {
  /** Reads of fq_flush_finish_cnt the reuse removes (counted with it on, estimated without). */
  savedReads: number;
  /** True when savedReads was counted by a run with counter reuse on. */
  counted: boolean;
  /** savedReads / ios. */
  savedPerIo: number;
  /** Unmaps (I/Os) per saved read: John's case is ~255 (one full-ring flush per 256-entry ring). */
  iosPerSavedRead: number;
  /** The price of one miss (ns): costs.atomicRemoteNs. */
  missNs: number;
  /** CPU time per I/O (ns): cpus × simulated time ÷ I/Os. */
  cpuNsPerIo: number;
  /** The bound as a fraction (0.0004 = 0.04 %). */
  bound: number;
  /** Entries the timer freed that were queued after its own flush began (the behavioural channel). */
  freesByTimerAfterFlush: number;
}

/** The part of a summary the bound reads. */
export type BoundInputs = Pick<Summary, 'ios' | 'cpus' | 'simulatedMs' | 'counterReuse' | 'counterReads' | 'flushes' | 'freesByTimerAfterFlush'>;

/**
 * The bound for a finished run. Without counter reuse the saved reads are estimated as one per
 * full-ring flush plus one per ring per timeout (`rings`: the CPUs, or 1 for the single queue),
 * what the same run with it would have skipped; with it they are the run's own count.
 */
export function counterReuseBound(s: BoundInputs, missNs: number, rings: number): CounterReuseBound {
  const savedReads = s.counterReuse ? s.counterReads.finishSaved : s.flushes.full + s.flushes.timeout * rings;
  const savedPerIo = s.ios > 0 ? savedReads / s.ios : 0;
  const cpuNsPerIo = s.ios > 0 ? (s.cpus * s.simulatedMs * 1e6) / s.ios : 0;
  return {
    savedReads,
    counted: s.counterReuse,
    savedPerIo,
    iosPerSavedRead: savedReads > 0 ? s.ios / savedReads : Infinity,
    missNs,
    cpuNsPerIo,
    bound: cpuNsPerIo > 0 ? (savedPerIo * missNs) / cpuNsPerIo : 0,
    freesByTimerAfterFlush: s.freesByTimerAfterFlush,
  };
}
