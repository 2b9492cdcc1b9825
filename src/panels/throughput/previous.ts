// The throughput panel's reference level (issue 18): the previous scenario's mean IOPS, kept while
// the panel lives, drawn as a dashed line on an IOPS scale shared with the run shown.

import { useRef } from 'react';
import type { RunSeries } from '../../store/playback.ts';
import type { PanelProps } from '../types.ts';

/** A run's mean IOPS from its series. */
export function meanIops(s: RunSeries): number {
  let ios = 0;
  for (const x of s.ios) ios += x;
  return s.ios.length ? (ios * 1e9) / (s.ios.length * s.bucketNs) : 0;
}

export interface Level {
  key: string;
  iops: number;
  label: string;
}

/**
 * The previous scenario's mean IOPS (issue 18: autoscaled, 4.5 M and 0.5 M looked alike): kept
 * while the panel lives, so after lazy → strict the lazy level stays as a dashed line on a shared
 * scale. A new series of the same scenario (a run simulated further) only updates the current one.
 */
export function usePreviousLevel(series: RunSeries | null, lab: PanelProps['lab']): Level | null {
  const cur = useRef<(Level & { series: RunSeries }) | null>(null);
  const prev = useRef<Level | null>(null);
  if (series && series.ios.length > 0 && cur.current?.series !== series) {
    const sc = lab.getState().scenario;
    const next = { series, key: JSON.stringify(sc), iops: meanIops(series), label: `${sc.mode}, ${sc.cpus} CPUs` };
    if (cur.current && cur.current.key !== next.key) prev.current = { key: cur.current.key, iops: cur.current.iops, label: cur.current.label };
    cur.current = next;
  }
  return prev.current;
}
