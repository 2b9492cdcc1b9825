// A sweep's runs and rows (issue 16), shared by the CLI (src/cli/sweepMain.ts) and the page's pool
// (src/worker/sweepPool.ts): points × seeds → one task per run, in point then seed order; the
// settled results (in task order, whatever the number of workers) → one PointRuns per point.

import type { Scenario } from '../scenario.ts';
import type { RunNumbers } from './aggregate.ts';
import type { PointRuns, Settled, SweepPoint } from './output.ts';

export interface SweepTask {
  scenario: Scenario;
  /** The summary's name: the point's hash. */
  name: string;
}

export interface SweepPlan<P extends SweepPoint> {
  points: readonly P[];
  /** Each point's seeds, in order. */
  seeds: readonly (readonly number[])[];
  tasks: SweepTask[];
  /** Task k's point (index into points) and seed. */
  owner: { point: number; seed: number }[];
}

/** Without a seed list each point runs once with its own seed (the preset's, the link's or --seed). */
export function planSweep<P extends SweepPoint & { scenario: Scenario }>(points: readonly P[], seedList: readonly number[] | undefined): SweepPlan<P> {
  const seeds = points.map((p) => seedList ?? [p.scenario.seed]);
  const tasks = points.flatMap((p, i) => seeds[i].map((seed) => ({ scenario: { ...p.scenario, seed }, name: p.hash })));
  const owner = points.flatMap((_, i) => seeds[i].map((seed) => ({ point: i, seed })));
  return { points, seeds, tasks, owner };
}

/** The results (task order) grouped by point, as the CSV / JSON writers take them (output.ts). */
export function rowsOf<P extends SweepPoint>(plan: SweepPlan<P>, results: readonly Settled<RunNumbers>[]): PointRuns[] {
  let k = 0;
  return plan.points.map((point, i) => {
    const n = plan.seeds[i].length;
    const mine = results.slice(k, k + n);
    k += n;
    return { point, seeds: plan.seeds[i], results: mine };
  });
}
