// The counters panel's rows: the domain's shared flush-queue state (iommu_dma_cookie in eras B/C,
// iova_domain up to v5.16) and what reading it costs, then the collapse observables so far
// (src/sim/observe.ts). Each row is a kernel name, a value and a one-line meaning; the panel writes
// these strings into its table every frame.

import type { LabView } from '../../sim/view.ts';
import { fmtInt, fmtNs, fmtT } from '../format.ts';

export interface CounterRow {
  key: string;
  /** Kernel name (or a short description for derived rows). */
  name: string;
  value: string;
  note: string;
}

export const ROW_KEYS = ['start', 'finish', 'timer', 'expires', 'flushes', 'readsFinish', 'readsStart', 'remote', 'saved', 'allocCpu', 'spinners', 'timeoutMax', 'irqOff', 'watchdog'] as const;

export function counterRows(v: LabView): CounterRow[] {
  const inFlight = v.fqFlushStartCnt - v.fqFlushFinishCnt;
  const armed = v.fqTimerOn === 1 && v.timerExpires >= 0;
  const total = v.flushes.full + v.flushes.timeout;
  return [
    { key: 'start', name: 'fq_flush_start_cnt', value: fmtInt(v.fqFlushStartCnt), note: 'flushes started; each queued entry is stamped with it' },
    {
      key: 'finish',
      name: 'fq_flush_finish_cnt',
      value: fmtInt(v.fqFlushFinishCnt),
      note: inFlight > 0 ? `${fmtInt(inFlight)} flush${inFlight === 1 ? '' : 'es'} in flight; entries with counter < this may be retired` : 'no flush in flight; entries with counter < this may be retired',
    },
    { key: 'timer', name: 'fq_timer_on', value: String(v.fqTimerOn), note: v.fqTimerOn ? 'the FQ timer is armed; no other CPU re-arms it' : 'not armed: the next queue_iova arms it' },
    {
      key: 'expires',
      name: 'fq_timer expires',
      value: armed ? fmtT(v.timerExpires) : '—',
      note: armed ? `in ${fmtNs(Math.max(0, v.timerExpires - v.t))}, on CPU ${v.timerCpu} (its timer base: the arming CPU, or the CPU whose callback was running; fq_flush_timeout runs there)` : 'no timer pending',
    },
    {
      key: 'flushes',
      name: 'flushes by reason',
      value: `${fmtInt(v.flushes.full)} / ${fmtInt(v.flushes.timeout)}`,
      note: total ? `ring full / FQ timeout (${Math.round((v.flushes.full / total) * 100)} % on a full ring)` : 'ring full / FQ timeout: none yet',
    },
    { key: 'readsFinish', name: 'reads of fq_flush_finish_cnt', value: fmtInt(v.counterReads.finish), note: 'atomic64_read at the start of each free pass' },
    { key: 'readsStart', name: 'reads of fq_flush_start_cnt', value: fmtInt(v.counterReads.start), note: 'one per queued entry (its counter stamp)' },
    { key: 'remote', name: 'remote counter reads', value: fmtInt(v.counterReads.remote), note: 'reads that had to fetch the cache line from another CPU' },
    {
      key: 'saved',
      name: 'reads saved by counter reuse',
      value: fmtInt(v.counterReads.finishSaved),
      note: v.counterReuse ? 'on: the free pass after a flush uses the value atomic64_inc_return gave (John Garry’s proposal)' : 'off (mainline): every free pass after a flush re-reads the counter',
    },
    ...observedRows(v),
  ];
}

/** The collapse observables so far (src/sim/observe.ts): where the CPU time goes, and lockups. */
function observedRows(v: LabView): CounterRow[] {
  const wd = v.watchdog;
  return [
    { key: 'allocCpu', name: 'CPU time in the IOVA allocator', value: `${v.allocCpuPct.toFixed(1)} %`, note: 'all CPUs so far: alloc_iova_fast + free_iova_fast, spinning on their locks included' },
    { key: 'spinners', name: 'most CPUs spinning on iova_rbtree_lock', value: fmtInt(v.rbtreeSpinnersMax), note: 'the longest convoy so far: CPUs waiting for the allocator’s global lock at once' },
    { key: 'timeoutMax', name: 'longest fq_flush_timeout', value: v.longestTimeoutNs > 0 ? fmtNs(v.longestTimeoutNs) : '—', note: 'one timer callback (softirq): a flush, then every ring in turn' },
    { key: 'irqOff', name: 'longest IRQs-off section', value: v.longestIrqOffNs > 0 ? fmtNs(v.longestIrqOffNs) : '—', note: 'a ring lock held or awaited with spin_lock_irqsave (queue_iova, a timeout ring pass)' },
    {
      key: 'watchdog',
      name: 'lockup watchdog: soft / hard',
      value: `${fmtInt(wd.soft)} / ${fmtInt(wd.hard)}`,
      note: wd.soft + wd.hard > 0 ? 'a CPU stuck 20 s without scheduling / 10 s with IRQs off (marked on the throughput chart)' : 'none: no CPU stuck 20 s without scheduling, or 10 s with IRQs off',
    },
  ];
}

export function countersSummary(v: LabView | null): string {
  if (!v) return 'No simulation state yet.';
  return counterRows(v)
    .map((r) => `${r.name} ${r.value}`)
    .join('; ');
}
