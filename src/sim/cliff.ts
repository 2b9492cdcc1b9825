// The cliff verdict (issue 3): computed from the IOPS series alone, never from a special case.
// "before" is the mean throughput over the window before the trigger (the first intervention, or
// the first quarter of the run); "after" the mean over the last quarter. A drop of more than
// `dropThreshold` that is still there at the end is a cliff; one that came back is a dip.

export interface CliffVerdict {
  verdict: 'stable' | 'dip-recovered' | 'cliff';
  triggerMs: number;
  iopsBefore: number;
  /** Lowest mean over any window of `windowMs` after the trigger. */
  iopsLowest: number;
  iopsAfter: number;
  /** 1 - after / before. */
  drop: number;
  recovered: boolean;
}

const mean = (a: readonly number[]): number => (a.length ? a.reduce((x, y) => x + y, 0) / a.length : 0);

export function cliffVerdict(iops: readonly number[], bucketMs: number, triggerMs?: number, dropThreshold = 0.3): CliffVerdict {
  const n = iops.length;
  const trig = triggerMs ?? (n * bucketMs) / 4;
  // skip the first 10 % (start-up: queues fill, caches warm) when measuring "before"
  const b0 = Math.floor(n / 10);
  const bt = Math.max(b0 + 1, Math.min(n, Math.floor(trig / bucketMs)));
  const before = mean(iops.slice(b0, bt));
  const tail = Math.max(1, Math.floor(n / 4));
  const after = mean(iops.slice(Math.max(bt, n - tail)));
  const w = Math.max(1, Math.round(5 / bucketMs));
  let lowest = Infinity;
  for (let i = bt; i + w <= n; i++) lowest = Math.min(lowest, mean(iops.slice(i, i + w)));
  if (lowest === Infinity) lowest = after;
  const drop = before > 0 ? 1 - after / before : 0;
  const dipped = before > 0 && 1 - lowest / before > dropThreshold;
  const recovered = drop <= dropThreshold;
  return {
    verdict: drop > dropThreshold ? 'cliff' : dipped ? 'dip-recovered' : 'stable',
    triggerMs: trig,
    iopsBefore: Math.round(before),
    iopsLowest: Math.round(lowest),
    iopsAfter: Math.round(after),
    drop: Math.round(drop * 1000) / 1000,
    recovered,
  };
}
