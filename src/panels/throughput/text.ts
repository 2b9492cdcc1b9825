// Words for the throughput panel: the summary sentence and the hidden table (whole run,
// downsampled to at most `maxRows` rows).

import type { Marker, RunSeries } from '../../sim/view.ts';
import { fmtNs, fmtSi, fmtT } from '../format.ts';
import { bucketAt, iopsOf, maxOf, OVERLAYS, type OverlayId } from './series.ts';

const MARKER_TEXT: Record<Marker['kind'], string> = {
  intervention: 'intervention',
  cliff: 'cliff',
  episode: 'collapse (episodic)',
  flush_full: 'flush (ring full)',
  flush_timeout: 'flush (timeout)',
  timer_fire: 'timer fired',
  soft_lockup: 'soft lockup',
  hard_lockup: 'hard lockup',
};

export function markerText(m: Marker): string {
  return `${MARKER_TEXT[m.kind]} at ${fmtT(m.t)}`;
}

/** Markers the chart shows: interventions and the verdict's (flush-level markers are the timeline's). */
export function chartMarkers(ms: readonly Marker[]): Marker[] {
  return ms.filter((m) => m.kind === 'intervention' || m.kind === 'cliff' || m.kind === 'episode');
}

export function throughputSummary(s: RunSeries | null, markers: readonly Marker[], now: number | null): string {
  if (!s || s.ios.length === 0) return 'Throughput appears once the run has been simulated to its end.';
  const iops = iopsOf(s);
  let lo = Infinity;
  for (const v of iops) if (v < lo) lo = v;
  const parts = [`IOPS over ${fmtNs(iops.length * s.bucketNs)} in ${fmtNs(s.bucketNs)} buckets ranges from ${fmtSi(lo)} to ${fmtSi(maxOf(iops))}`];
  if (now !== null) parts.push(`at ${fmtT(now)} it is ${fmtSi(iops[bucketAt(now, s.bucketNs, iops.length)])}`);
  const ms = chartMarkers(markers);
  if (ms.length) parts.push(`marked: ${ms.map(markerText).join(', ')}`);
  return `${parts.join('; ')}.`;
}

export function throughputTable(s: RunSeries | null, shown: readonly OverlayId[], maxRows = 40): string[][] {
  if (!s || s.ios.length === 0) return [];
  const iops = iopsOf(s);
  const ovs = OVERLAYS.filter((o) => shown.includes(o.id));
  const cols = ovs.flatMap((o) => o.lines.map((l) => ({ head: `${l.label} (${o.unit})`, v: l.values(s) })));
  const rows = [['From (ms)', 'IOPS (mean)', ...cols.map((c) => c.head)]];
  const per = Math.max(1, Math.ceil(iops.length / maxRows));
  const mean = (a: readonly number[], i: number) => {
    let sum = 0;
    const end = Math.min(a.length, i + per);
    for (let j = i; j < end; j++) sum += a[j];
    return sum / Math.max(1, end - i);
  };
  for (let i = 0; i < iops.length; i += per) {
    rows.push([((i * s.bucketNs) / 1e6).toFixed(1), fmtSi(mean(iops, i)), ...cols.map((c) => fmtSi(mean(c.v, i)))]);
  }
  return rows;
}
