// What the live session reports about its run besides the moment shown: the whole-run series for
// the throughput panel and the chart, and the summary, the same one the CLI prints (sim/run.ts
// summarize over the live engine). One simulation per scenario (issue 13): the live engine is the
// only run, so these are read from it while it is at its frontier (the furthest simulated point).

import type { Engine } from '../sim/engine.ts';
import type { Series } from '../sim/metrics.ts';
import { summarize, type Summary } from '../sim/run.ts';
import type { TraceRecorder } from '../sim/trace.ts';
import type { RunSeries } from './liveProtocol.ts';

/** A copy of the engine's series without the per-ring occupancy (the page does not draw it). */
export function runSeries(s: Series): RunSeries {
  const { ringOcc: _ringOcc, lockWaitNs, ...rest } = s;
  const copy = { ...rest } as Omit<RunSeries, 'lockWaitNs'>;
  for (const k of Object.keys(copy) as (keyof typeof copy)[]) {
    const v = copy[k];
    if (Array.isArray(v)) (copy as Record<string, unknown>)[k] = v.slice();
  }
  return { ...copy, lockWaitNs: Object.fromEntries(Object.entries(lockWaitNs).map(([k, v]) => [k, v.slice()])) };
}

/**
 * The summary of the run so far, read from an engine at its frontier. At the end of the run it is
 * the CLI's summary of the same scenario (runScenario), wall time aside: the same engine, events
 * and counters. Before the end it describes the simulated part only, and the page says so.
 */
export function liveSummary(e: Engine, name: string, wallMs: number): Summary {
  return summarize(e, e.trace as TraceRecorder, name, wallMs);
}
