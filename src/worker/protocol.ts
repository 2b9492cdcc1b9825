// Messages between the page and the simulation worker (src/worker/sim.worker.ts). Plain,
// structured-cloneable data only: the worker never posts the engine object.

import type { Scenario } from '../sim/scenario.ts';
import type { Summary } from '../sim/run.ts';
import type { ChartSeries } from '../store/labStore.ts';

export interface RunRequest {
  type: 'run';
  id: number;
  /** Shown as the summary's `scenario` (preset name or URL hash). */
  name: string;
  scenario: Scenario;
  /** Metrics bucket width (ns); see bucketNsFor. */
  bucketNs: number;
}

export type RunResponse =
  | { type: 'result'; id: number; summary: Summary; series: ChartSeries }
  | { type: 'error'; id: number; message: string };

/** At most this many buckets per run, so long runs keep the series (and the chart) small. */
export const MAX_BUCKETS = 2000;

/**
 * 1 ms buckets (DESIGN.md §3.3) unless the run is longer than MAX_BUCKETS ms; then a whole number
 * of milliseconds per bucket. The bucket width only changes how metrics are sampled, never the
 * event sequence or the trace hash.
 */
export function bucketNsFor(durationMs: number): number {
  return Math.max(1, Math.ceil(durationMs / MAX_BUCKETS)) * 1_000_000;
}
