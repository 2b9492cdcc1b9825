// The counters panel's rows: the domain's shared flush-queue state (iommu_dma_cookie in eras B/C,
// iova_domain up to v5.16) and what reading it costs. Each row is a kernel name, a value and a
// one-line meaning; the panel writes these strings into its table every frame.

import type { LabView } from '../../sim/view.ts';
import { fmtInt, fmtNs, fmtT } from '../format.ts';

export interface CounterRow {
  key: string;
  /** Kernel name (or a short description for derived rows). */
  name: string;
  value: string;
  note: string;
}

export const ROW_KEYS = ['start', 'finish', 'timer', 'expires', 'flushes', 'readsFinish', 'readsStart', 'remote', 'saved'] as const;

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
  ];
}

export function countersSummary(v: LabView | null): string {
  if (!v) return 'No simulation state yet.';
  return counterRows(v)
    .map((r) => `${r.name} ${r.value}`)
    .join('; ');
}
