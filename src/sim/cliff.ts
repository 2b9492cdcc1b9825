// The cliff verdict (issue 3), the one rule the CLI summary, the live worker's cliff marker and the
// panel fixture all apply: computed from the IOPS series alone, never from a special case.
// "before" is the mean throughput over the window before the trigger (the first intervention, or
// the first quarter of the run); "after" the mean over the last quarter. A drop of more than
// `dropThreshold` that is still there at the end is a cliff; one that came back is a dip. `atMs`
// locates it: the start of the first 5 ms window after the trigger whose mean fell below the
// threshold (the moment the page marks).
//
// A collapse that recurs is not a cliff and not a dip (issue 20: the 32-bit-first loop of the
// `sac-edge` preset falls, recovers, and falls again with no intervention). After the trigger the
// series is read as 5 ms windows with hysteresis: an episode begins when a window's mean falls
// below (1 - dropThreshold) × before and ends when one is back at or above
// (1 - dropThreshold / 2) × before, so a window that flickers around the threshold inside one
// collapse does not count twice. Two or more episodes are 'episodic': the run has shown that it
// comes back and falls again. Except when the run ends inside its last episode, that episode covers
// the whole last quarter (so "after" measures it) and it has lasted more than twice as long as the
// longest episode the run came back from: then it fell and stayed down as far as this run can tell,
// a 'cliff' (a large "NIC reconfiguration" burst on `sac-edge` does this: one 9 ms dip during the
// burst's allocations, then 110 ms down after its release). `episodesAtMs` lists where each began.
//
// A run that ends inside a pause of unmaps is not judged a cliff: its last quarter measures the
// pause, not what the kernel does after it (a `--preset cliff --duration-ms 120` run, which ends
// inside the 100–130 ms pause, was reported as a cliff). Its verdict is 'ends-in-pause'.

import type { Intervention } from './scenario.ts';
import type { Marker } from './view.ts';

export interface CliffVerdict {
  verdict: 'stable' | 'dip-recovered' | 'episodic' | 'cliff' | 'ends-in-pause';
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
  /** Where each episode (a fall below the threshold, then back above the recovery level) began (ms). */
  episodesAtMs: number[];
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
  const back = before * (1 - dropThreshold / 2);
  let lowest = Infinity;
  let at = -1;
  const episodes: number[] = [];
  /** Length (buckets) of the longest episode that ended (recovered). */
  let longestRecovered = 0;
  let inEpisode = false;
  for (let i = bt; i + w <= n; i++) {
    const m = mean(iops.slice(i, i + w));
    if (m < lowest) lowest = m;
    if (at < 0 && m < limit) at = i;
    if (!inEpisode && before > 0 && m < limit) {
      inEpisode = true;
      episodes.push(i);
    } else if (inEpisode && m >= back) {
      inEpisode = false;
      longestRecovered = Math.max(longestRecovered, i - episodes[episodes.length - 1]);
    }
  }
  if (lowest === Infinity) lowest = after;
  const drop = before > 0 ? 1 - after / before : 0;
  const dipped = before > 0 && at >= 0;
  const recovered = drop <= dropThreshold;
  const lastStart = episodes.length ? episodes[episodes.length - 1] : n;
  const stayedDown = inEpisode && lastStart <= n - tail && n - lastStart > 2 * longestRecovered;
  const verdict =
    drop > dropThreshold && endedInPause
      ? 'ends-in-pause'
      : episodes.length >= 2 && !(stayedDown && drop > dropThreshold)
        ? 'episodic'
        : drop > dropThreshold
          ? 'cliff'
          : dipped
            ? 'dip-recovered'
            : 'stable';
  return {
    verdict,
    triggerMs: trig,
    atMs: before > 0 && at >= 0 ? at * bucketMs : null,
    iopsBefore: Math.round(before),
    iopsLowest: Math.round(lowest),
    iopsAfter: Math.round(after),
    drop: Math.round(drop * 1000) / 1000,
    recovered,
    episodesAtMs: episodes.map((i) => i * bucketMs),
  };
}

/**
 * Where the page and the panels mark the verdict (ms): where a cliff's last fall began, or where
 * each collapse of an episodic run began; nothing for a dip that recovered, a stable run or one
 * that ended in a pause. The one rule verdictMarkers (page worker, panel fixture) applies.
 */
export function verdictMarksMs(v: CliffVerdict): number[] {
  // A cliff that came after a recovered dip is marked where the collapse that stayed began.
  if (v.verdict === 'cliff') {
    const last = v.episodesAtMs.at(-1) ?? v.atMs;
    return last === null ? [] : [last];
  }
  if (v.verdict === 'episodic') return v.episodesAtMs;
  return [];
}

/**
 * The markers of a run's verdict: one 'cliff' where a run fell and stayed down, one 'episode' where
 * each collapse of an episodic run began, none otherwise. The page (worker/liveSession.ts) and the
 * panel fixture both use this, so they mark what the CLI summary's verdict says.
 */
export function verdictMarkers(ios: readonly number[], bucketNs: number, s: CliffInputs, dropThreshold = 0.3): Marker[] {
  const v = runCliff(ios, bucketNs, s, dropThreshold);
  const kind = v.verdict === 'episodic' ? 'episode' : 'cliff';
  return verdictMarksMs(v).map((ms) => ({ t: Math.round(ms * 1e6), kind, cpu: -1 }));
}
