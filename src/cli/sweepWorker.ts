// A sweep worker (pool.ts): runs each scenario it is sent to its end and replies with the row's
// numbers (aggregate.ts). An exception in a run is that run's failure, sent back as a message.

import { parentPort } from 'node:worker_threads';
import { runScenario } from '../sim/run.ts';
import { runNumbers } from '../sim/sweep/aggregate.ts';
import type { SweepTask } from '../sim/sweep/tasks.ts';

export type { SweepTask } from '../sim/sweep/tasks.ts';

parentPort?.on('message', ({ id, task }: { id: number; task: SweepTask }) => {
  try {
    const { summary } = runScenario(task.scenario, { name: task.name });
    // oxlint-disable-next-line unicorn/require-post-message-target-origin -- a worker_threads port, not a window
    parentPort?.postMessage({ id, ok: true, value: runNumbers(summary) });
  } catch (err) {
    // oxlint-disable-next-line unicorn/require-post-message-target-origin -- a worker_threads port, not a window
    parentPort?.postMessage({ id, ok: false, error: String((err as Error)?.message ?? err).split('\n')[0] });
  }
});
