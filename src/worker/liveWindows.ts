// How much of the run the live session keeps and replays: the timeline's span windows, the caps on
// spans, and the checkpoint interval, each derived from the scenario or from the event density of
// the part simulated so far. Sizes only: none of them changes a simulated state.

import { resolve, type Scenario } from '../sim/scenario.ts';

/** How far behind the moment the timeline shows flushes and timeouts: about one FQ timeout period. */
export function spanWindowNs(s: Scenario): number {
  return Math.min(20_000_000, Math.max(2_000_000, Math.round(resolve(s).fqTimeoutNs * 1.2)));
}

/** Most flush / timeout / timer spans kept for the whole run (the oldest go first). */
export const MAX_RARE_SPANS = 60_000;

/** Most per-I/O spans (unmaps, maps, lock waits) kept near the moment. */
export const MAX_DETAIL_SPANS = 40_000;

/**
 * How far behind the moment per-I/O spans are kept: the window, or less when the run produces
 * more than MAX_DETAIL_SPANS of them in it (about one span per 2.5 trace events), so a seek replays
 * only what the timeline can keep.
 */
export function detailWindowNs(windowNs: number, traceEvents: number, simulatedNs: number): number {
  if (traceEvents <= 0 || simulatedNs <= 0) return windowNs;
  const perNs = traceEvents / simulatedNs;
  return Math.round(Math.min(windowNs, Math.max(200_000, (MAX_DETAIL_SPANS * 2.5) / perNs)));
}

/** Checkpoints a whole run ends with, at most: History's default maxCheckpoints. */
const CHECKPOINTS_PER_RUN = 96;

/**
 * The checkpoint interval for the rest of a run whose first `simulatedNs` produced `events`:
 * `interval` doubled until the whole run (at that density) keeps about CHECKPOINTS_PER_RUN. History
 * would thin its checkpoints to about that interval by the end anyway; taking it from the start
 * saves the clones it would drop, which are close to half the cost of simulating the first moment.
 * Only the cost of a later step back changes, never a state (a restore replays deterministically).
 */
export function checkpointInterval(interval: number, events: number, simulatedNs: number, endNs: number): number {
  if (events <= 0 || simulatedNs <= 0) return interval;
  const total = (events / simulatedNs) * endNs;
  let k = interval;
  while (total / k > CHECKPOINTS_PER_RUN) k *= 2;
  return k;
}
