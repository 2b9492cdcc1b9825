// Messages between the page and the simulation worker (src/worker/sim.worker.ts). Plain,
// structured-cloneable data only: the worker never posts the engine object.

import type { Scenario } from '../sim/scenario.ts';
import type { Summary } from '../sim/run.ts';

/** The summary worker's chart series (a subset of the run's per-bucket series). */
export interface ChartSeries {
  bucketNs: number;
  ios: number[];
  flushFull: number[];
  flushTimeout: number[];
  staleIotlb: number[];
  fqQueued: number[];
}

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

// The bucket rule lives in the model (one rule for the CLI and the page); re-exported for the
// page's callers.
export { bucketNsFor } from '../sim/metrics.ts';
