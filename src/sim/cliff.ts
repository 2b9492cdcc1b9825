// The cliff verdict (issue 3), the one rule the CLI summary, the live worker's cliff marker and the
// panel fixture all apply: computed from the IOPS series alone, never from a special case.
// "before" is the mean throughput over the window before the trigger (the first intervention, or
// the first quarter of the run); "after" the mean over the last quarter. A drop of more than
// `dropThreshold` that is still there at the end is a cliff; one that came back is a dip. `atMs`
// locates it: the start of the first 5 ms window after the trigger whose mean fell below the
// threshold (the moment the page marks).
//
// A run that ends inside a pause of unmaps is not judged a cliff: its last quarter measures the
// pause, not what the kernel does after it (a `--preset cliff --duration-ms 120` run, which ends
// inside the 100–130 ms pause, was reported as a cliff). Its verdict is 'ends-in-pause'.

import type { Intervention } from './scenario.ts';

export interface CliffVerdict {
  verdict: 'stable' | 'dip-recovered' | 'cliff' | 'ends-in-pause';
  triggerMs: number;
  /** Where the drop begins (ms), or null when throughput never fell below the threshold. */
  atMs: number | null;
  iopsBefore: number;
  /** Lowest mean over any window of `windowMs` after the trigger. */
  iopsLowest: number;
  iopsAfter: number;
  /** 1 - after / before. */
  drop: number;
  recovered: boolean;
}

/** The part of a scenario the verdict reads. */
export interface CliffInputs {
  interventions: readonly Intervention[];
}

const mean = (a: readonly number[]): number => (a.length ? a.reduce((x, y) => x + y, 0) / a.length : 0);

/** Per-bucket I/O counts as IOPS, rounded: the series the summary prints and the verdict reads. */
export function iopsSeries(ios: readonly number[], bucketNs: number): number[] {
  const bucketMs = bucketNs / 1e6;
  return ios.map((x) => Math.round((x / bucketMs) * 1000));
}

/** The first intervention's time: what triggers a cliff, if the scenario has one. */
export function triggerOf(s: CliffInputs): number | undefined {
  return s.interventions.length ? Math.min(...s.interventions.map((x) => x.atMs)) : undefined;
}

/** True when `endMs` falls inside a pause of unmaps (the run was cut short during it). */
export function endsInPause(s: CliffInputs, endMs: number): boolean {
  return s.interventions.some((x) => x.kind === 'pause' && x.atMs < endMs && endMs <= x.atMs + x.forMs);
}

/** The verdict of a run of scenario `s` from its per-bucket I/O counts: what every caller uses. */
export function runCliff(ios: readonly number[], bucketNs: number, s: CliffInputs, dropThreshold = 0.3): CliffVerdict {
  const bucketMs = bucketNs / 1e6;
  return cliffVerdict(iopsSeries(ios, bucketNs), bucketMs, triggerOf(s), dropThreshold, endsInPause(s, ios.length * bucketMs));
}

export function cliffVerdict(
  iops: readonly number[],
  bucketMs: number,
  triggerMs?: number,
  dropThreshold = 0.3,
  endedInPause = false,
): CliffVerdict {
  const n = iops.length;
  const trig = triggerMs ?? (n * bucketMs) / 4;
  // skip the first 10 % (start-up: queues fill, caches warm) when measuring "before"
  const b0 = Math.floor(n / 10);
  const bt = Math.max(b0 + 1, Math.min(n, Math.floor(trig / bucketMs)));
  const before = mean(iops.slice(b0, bt));
  const tail = Math.max(1, Math.floor(n / 4));
  const after = mean(iops.slice(Math.max(bt, n - tail)));
  const w = Math.max(1, Math.round(5 / bucketMs));
  const limit = before * (1 - dropThreshold);
  let lowest = Infinity;
  let at = -1;
  for (let i = bt; i + w <= n; i++) {
    const m = mean(iops.slice(i, i + w));
    if (m < lowest) lowest = m;
    if (at < 0 && m < limit) at = i;
  }
  if (lowest === Infinity) lowest = after;
  const drop = before > 0 ? 1 - after / before : 0;
  const dipped = before > 0 && at >= 0;
  const recovered = drop <= dropThreshold;
  const verdict = drop > dropThreshold ? (endedInPause ? 'ends-in-pause' : 'cliff') : dipped ? 'dip-recovered' : 'stable';
  return {
    verdict,
    triggerMs: trig,
    atMs: before > 0 && at >= 0 ? at * bucketMs : null,
    iopsBefore: Math.round(before),
    iopsLowest: Math.round(lowest),
    iopsAfter: Math.round(after),
    drop: Math.round(drop * 1000) / 1000,
    recovered,
  };
}
