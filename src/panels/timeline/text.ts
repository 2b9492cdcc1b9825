// Words for the flush-cycles timeline: span names, tooltips, the summary and the hidden table.

import type { Span, SpanKind } from '../../sim/view.ts';
import { fmtInt, fmtNs, fmtT } from '../format.ts';

export const KIND_LABEL: Record<SpanKind, string> = {
  unmap: 'unmap (until queued or synced)',
  map: 'map (IOVA allocated)',
  flush_full: 'flush: ring full (queue_iova)',
  flush_timeout: 'flush: FQ timeout',
  timeout: 'fq_flush_timeout callback',
  ring_lock_wait: 'waiting for a ring lock',
  rbtree_lock_wait: 'waiting for iova_rbtree_lock',
  timer_arm: 'timer armed (fq_timer_on 0→1)',
  timer_fire: 'timer fired',
};

export function spanTooltip(s: Span): string {
  const when = s.t1 > s.t0 ? `${fmtT(s.t0)} – ${fmtT(s.t1)} (${fmtNs(s.t1 - s.t0)})` : `at ${fmtT(s.t0)}`;
  return `CPU ${s.cpu} · ${KIND_LABEL[s.kind]}: ${when}`;
}

export interface KindStats {
  count: number;
  totalNs: number;
  maxNs: number;
}

/** Count, total and longest duration per kind, over spans overlapping [t0, t1] (clipped to it). */
export function kindStats(spans: readonly Span[], t0: number, t1: number): Map<SpanKind, KindStats> {
  const m = new Map<SpanKind, KindStats>();
  for (const s of spans) {
    if (s.t1 < t0 || s.t0 > t1) continue;
    const d = Math.min(s.t1, t1) - Math.max(s.t0, t0);
    let k = m.get(s.kind);
    if (!k) m.set(s.kind, (k = { count: 0, totalNs: 0, maxNs: 0 }));
    k.count++;
    k.totalNs += d;
    if (d > k.maxNs) k.maxNs = d;
  }
  return m;
}

const ORDER: readonly SpanKind[] = ['unmap', 'map', 'flush_full', 'flush_timeout', 'timer_arm', 'timer_fire', 'timeout', 'ring_lock_wait', 'rbtree_lock_wait'];

export function timelineSummary(spans: readonly Span[], range: readonly [number, number], cpus: number): string {
  if (cpus === 0) return 'No simulation state yet.';
  const st = kindStats(spans, range[0], range[1]);
  const n = (k: SpanKind) => st.get(k)?.count ?? 0;
  const parts = [
    `${fmtInt(n('flush_full'))} flush${n('flush_full') === 1 ? '' : 'es'} on a full ring`,
    `${fmtInt(n('flush_timeout'))} by the FQ timeout`,
    `timer armed ${fmtInt(n('timer_arm'))}× and fired ${fmtInt(n('timer_fire'))}×`,
  ];
  const to = st.get('timeout');
  if (to) parts.push(`the timeout callback ran ${fmtNs(to.totalNs)} in total`);
  const rl = st.get('ring_lock_wait');
  if (rl) parts.push(`${fmtInt(rl.count)} ring-lock waits (longest ${fmtNs(rl.maxNs)})`);
  const tl = st.get('rbtree_lock_wait');
  if (tl) parts.push(`${fmtInt(tl.count)} rbtree-lock waits (longest ${fmtNs(tl.maxNs)})`);
  return `Flush cycles on ${cpus} CPUs from ${fmtT(range[0])} to ${fmtT(range[1])}: ${fmtInt(n('unmap'))} unmaps; ${parts.join('; ')}.`;
}

export function timelineTable(spans: readonly Span[], range: readonly [number, number]): string[][] {
  const st = kindStats(spans, range[0], range[1]);
  const rows = [['What', 'Count', 'Total time', 'Longest']];
  for (const k of ORDER) {
    const s = st.get(k);
    if (!s) continue;
    const instant = k === 'timer_arm' || k === 'timer_fire';
    rows.push([KIND_LABEL[k], fmtInt(s.count), instant ? '—' : fmtNs(s.totalNs), instant ? '—' : fmtNs(s.maxNs)]);
  }
  return rows;
}
