// One sweep run in a page Web Worker (issue 16): the whole run on the exact engine (runScenario,
// as the CLI's worker threads run it), progress after each twentieth of the simulated time, and
// the row's numbers (src/sim/sweep/aggregate.ts runNumbers) or the run's failure as a message.
// Kept apart from sweep.worker.ts so Node tests run the very same code in-process.

import { metricsCsv } from '../sim/metricsCsv.ts';
import { runScenario } from '../sim/run.ts';
import type { Scenario } from '../sim/scenario.ts';
import { runNumbers, type RunNumbers } from '../sim/sweep/aggregate.ts';
import type { SweepTask } from '../sim/sweep/tasks.ts';

/** main → worker: a sweep run; or the page-level export's per-bucket metrics (the CLI's --metrics CSV). */
export type SweepRequest = { type: 'run'; id: number; task: SweepTask } | { type: 'metrics'; id: number; scenario: Scenario };

/** worker → main: progress of task `id`, then exactly one done. */
export type SweepReply =
  | { type: 'progress'; id: number; fraction: number }
  | { type: 'done'; id: number; ok: true; value: RunNumbers }
  | { type: 'done'; id: number; ok: false; error: string }
  | { type: 'metrics'; id: number; ok: true; csv: string }
  | { type: 'metrics'; id: number; ok: false; error: string };

export function handleSweepRequest(req: SweepRequest, post: (r: SweepReply) => void): void {
  if (req?.type === 'metrics') {
    try {
      post({ type: 'metrics', id: req.id, ok: true, csv: metricsCsv(runScenario(req.scenario).engine.metrics.series) });
    } catch (err) {
      post({ type: 'metrics', id: req.id, ok: false, error: String((err as Error)?.message ?? err).split('\n')[0] });
    }
    return;
  }
  if (req?.type !== 'run') return;
  try {
    const { summary } = runScenario(req.task.scenario, { name: req.task.name, onProgress: (fraction) => post({ type: 'progress', id: req.id, fraction }) });
    post({ type: 'done', id: req.id, ok: true, value: runNumbers(summary) });
  } catch (err) {
    post({ type: 'done', id: req.id, ok: false, error: String((err as Error)?.message ?? err).split('\n')[0] });
  }
}
